/* test_report_fingerprint.c - fingerprints ignore moves, see edits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "drvcheck/report.h"
#include "report_tmp.h"

static const char *v1 =
    "void Halt(void *A)\n"           /* 1 */
    "{\n"                            /* 2 */
    "    Dereg(A);\n"                /* 3 */
    "    Sync(A, 0);\n"              /* 4 */
    "    Sync(A, 0);\n"              /* 5 */
    "}\n";
/* the same function moved down three lines, re-indented */
static const char *v2 =
    "/* a new header comment */\n"
    "#include \"x.h\"\n"
    "\n"
    "void Halt(void *A)\n"           /* 4 */
    "{\n"
    "\tDereg(A);\n"
    "\tSync(A,  0);   \n"            /* 7 */
    "\tSync(A, 0);\n"                /* 8 */
    "}\n";
/* the violating line itself changed */
static const char *v3 =
    "void Halt(void *A)\n"
    "{\n"
    "    Dereg(A);\n"
    "    Sync(A, 1);\n"
    "    Sync(A, 1);\n"
    "}\n";

/* Fingerprints of the two Sync defects of halt.c (written already) whose
 * function starts at `first`. */
static void fps_of_file(int first, char out[2][17], int absolute)
{
    const char *dir = tmp_dir("fingerprint");
    char abs[1200];
    snprintf(abs, sizeof abs, "%s/halt.c", dir);
    Report r;
    report_init(&r);
    r.scan_root = strdup(dir);
    tmp_defect(&r, "R", absolute ? abs : "halt.c", first + 3, 5, "Halt", first);
    tmp_defect(&r, "R", absolute ? abs : "halt.c", first + 4, 5, "Halt", first);
    report_sort(&r);
    rep_fingerprint(&r);
    for (int i = 0; i < 2; i++) {
        assert_non_null(r.defects[i].fingerprint);
        assert_int_equal(strlen(r.defects[i].fingerprint), 16);
        strcpy(out[i], r.defects[i].fingerprint);
    }
    report_free(&r);
}

/* The same, of `text` written as halt.c. */
static void fps(const char *text, int first, char out[2][17], int absolute)
{
    tmp_write(tmp_dir("fingerprint"), "halt.c", text);
    fps_of_file(first, out, absolute);
}

/* halt.c as Visual Studio saves it: UTF-16 LE with its mark, CR LF. */
static void write_utf16(const char *text)
{
    char p[2048];
    snprintf(p, sizeof p, "%s/halt.c", tmp_dir("fingerprint"));
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputc(0xFF, f);
    fputc(0xFE, f);
    for (const char *c = text; *c; c++) {
        if (*c == '\n') {
            fputc('\r', f);
            fputc(0, f);
        }
        fputc(*c, f);
        fputc(0, f);
    }
    fclose(f);
}

/* A file saved as UTF-16 is read as the front end reads it: its lines give
 * the fingerprints the same file saved as UTF-8 gives. */
static void utf16_source_gets_the_fingerprints_of_its_utf8_text(void **state)
{
    (void)state;
    char a[2][17], b[2][17];
    fps(v1, 1, a, 0);
    write_utf16(v1);
    fps_of_file(1, b, 0);
    assert_string_equal(a[0], b[0]);
    assert_string_equal(a[1], b[1]);
}

static void identical_defects_get_distinct_fingerprints(void **state)
{
    (void)state;
    char a[2][17];
    fps(v1, 1, a, 0);
    assert_string_not_equal(a[0], a[1]);
}

static void moving_and_reindenting_keeps_fingerprints(void **state)
{
    (void)state;
    char a[2][17], b[2][17];
    fps(v1, 1, a, 0);
    fps(v2, 4, b, 0);
    assert_string_equal(a[0], b[0]);
    assert_string_equal(a[1], b[1]);
}

static void editing_the_violating_line_changes_it(void **state)
{
    (void)state;
    char a[2][17], c[2][17];
    fps(v1, 1, a, 0);
    fps(v3, 1, c, 0);
    assert_string_not_equal(a[0], c[0]);
    assert_string_not_equal(a[1], c[1]);
}

static void absolute_paths_do_not_change_it(void **state)
{
    (void)state;
    char a[2][17], b[2][17];
    fps(v1, 1, a, 0);
    fps(v1, 1, b, 1);
    assert_string_equal(a[0], b[0]);
    assert_string_equal(a[1], b[1]);
}

static void rule_function_and_calls_are_part_of_it(void **state)
{
    (void)state;
    const char *dir = tmp_dir("fingerprint");
    tmp_write(dir, "halt.c", v1);
    Report r;
    report_init(&r);
    r.scan_root = strdup(dir);
    tmp_defect(&r, "R", "halt.c", 4, 5, "Halt", 1);
    tmp_defect(&r, "Other", "halt.c", 4, 5, "Halt", 1);
    Defect *d = tmp_defect(&r, "R", "halt.c", 4, 5, "Halt", 1);
    free(d->trace[0].function);
    d->trace[0].function = strdup("Caller");    /* reached through another function */
    rep_fingerprint(&r);
    assert_string_not_equal(r.defects[0].fingerprint, r.defects[1].fingerprint);
    assert_string_not_equal(r.defects[0].fingerprint, r.defects[2].fingerprint);
    report_free(&r);
}

static void unreadable_source_still_gets_one(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    r.scan_root = strdup("/nonexistent");
    tmp_defect(&r, "R", "gone.c", 4, 5, "Halt", 1);
    rep_fingerprint(&r);
    assert_int_equal(strlen(r.defects[0].fingerprint), 16);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_defects_get_distinct_fingerprints),
        cmocka_unit_test(moving_and_reindenting_keeps_fingerprints),
        cmocka_unit_test(editing_the_violating_line_changes_it),
        cmocka_unit_test(absolute_paths_do_not_change_it),
        cmocka_unit_test(rule_function_and_calls_are_part_of_it),
        cmocka_unit_test(unreadable_source_still_gets_one),
        cmocka_unit_test(utf16_source_gets_the_fingerprints_of_its_utf8_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
