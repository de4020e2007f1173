/* test_report_suppress.c - drvcheck-suppress comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "drvcheck/report.h"
#include "report_tmp.h"

static const char *src =
    "void F(void)\n"                                                        /* 1 */
    "{\n"                                                                   /* 2 */
    "    A(); // drvcheck-suppress R1: masked in hardware\n"                /* 3 */
    "    // drvcheck-suppress R2, R1 : both handled by the caller \n"       /* 4 */
    "    B();\n"                                                            /* 5 */
    "    /* drvcheck-suppress R1: block form */ C();\n"                     /* 6 */
    "    // drvcheck-suppress R1\n"                                         /* 7 */
    "    D();\n"                                                            /* 8 */
    "    E(); /* drvcheck-suppress R1:   */\n"                              /* 9 */
    "    // drvcheck-suppress R1: two lines up does not count\n"            /* 10 */
    "\n"                                                                    /* 11 */
    "    G();\n"                                                            /* 12 */
    "    H(\"drvcheck-suppress R1: inside a string\");\n"                   /* 13 */
    "    // drvcheck-suppressions R1: not the keyword\n"                    /* 14 */
    "    I();\n"                                                            /* 15 */
    "}\n";

static Report run(DiagList *dg)
{
    const char *dir = tmp_dir("suppress");
    tmp_write(dir, "f.c", src);
    Report r;
    report_init(&r);
    r.scan_root = strdup(dir);
    tmp_defect(&r, "R1", "f.c", 3, 5, "F", 1);    /* 0: same line */
    tmp_defect(&r, "R1", "f.c", 5, 5, "F", 1);    /* 1: line above, comma list */
    tmp_defect(&r, "R2", "f.c", 5, 5, "F", 1);    /* 2: the other rule of the list */
    tmp_defect(&r, "R3", "f.c", 5, 5, "F", 1);    /* 3: not listed */
    tmp_defect(&r, "R1", "f.c", 6, 45, "F", 1);   /* 4: block comment */
    tmp_defect(&r, "R1", "f.c", 8, 5, "F", 1);    /* 5: no reason above */
    tmp_defect(&r, "R1", "f.c", 9, 5, "F", 1);    /* 6: empty reason */
    tmp_defect(&r, "R2", "f.c", 9, 5, "F", 1);    /* 7: same bad comment, reported once */
    tmp_defect(&r, "R1", "f.c", 12, 5, "F", 1);   /* 8: two lines below the comment */
    tmp_defect(&r, "R1", "f.c", 13, 5, "F", 1);   /* 9: string, not a comment */
    tmp_defect(&r, "R1", "f.c", 15, 5, "F", 1);   /* 10: other word */
    rep_apply_suppressions(&r, dir, dg);
    return r;
}

static void suppressions_apply_on_the_line_and_the_line_above(void **state)
{
    (void)state;
    DiagList dg = {0};
    Report r = run(&dg);
    assert_string_equal(r.defects[0].suppression, "masked in hardware");
    assert_string_equal(r.defects[1].suppression, "both handled by the caller");
    assert_string_equal(r.defects[2].suppression, "both handled by the caller");
    assert_null(r.defects[3].suppression);
    assert_string_equal(r.defects[4].suppression, "block form");
    assert_null(r.defects[8].suppression);
    assert_null(r.defects[9].suppression);
    assert_null(r.defects[10].suppression);
    assert_int_equal(report_count_suppressed(&r), 4);
    diag_clear(&dg);
    report_free(&r);
}

static void a_suppression_without_reason_is_an_error(void **state)
{
    (void)state;
    DiagList dg = {0};
    Report r = run(&dg);
    assert_null(r.defects[5].suppression);
    assert_null(r.defects[6].suppression);
    assert_null(r.defects[7].suppression);
    assert_int_equal(dg.n, 2);
    assert_int_equal(dg.nerr, 2);
    assert_string_equal(dg.v[0].file, "f.c");
    assert_int_equal(dg.v[0].line, 7);
    assert_int_equal(dg.v[0].col, 5);
    assert_non_null(strstr(dg.v[0].msg, "no reason"));
    assert_int_equal(dg.v[1].line, 9);
    assert_int_equal(dg.v[1].col, 10);
    diag_clear(&dg);
    report_free(&r);
}

static void missing_source_suppresses_nothing(void **state)
{
    (void)state;
    DiagList dg = {0};
    Report r;
    report_init(&r);
    tmp_defect(&r, "R1", "gone.c", 3, 5, "F", 1);
    rep_apply_suppressions(&r, "/nonexistent", &dg);
    assert_null(r.defects[0].suppression);
    assert_int_equal(dg.n, 0);
    report_free(&r);
}

/* Only real comments count: the keyword inside a string or character
 * literal is text, with or without a reason, and a quote or a "//" inside
 * a literal or a block comment does not hide a real comment after it. */
static const char *lit_src =
    "void F(void)\n"                                                        /* 1 */
    "{\n"                                                                   /* 2 */
    "    P(\"// drvcheck-suppress R1: in a string\");\n"                    /* 3 */
    "    A();\n"                                                            /* 4 */
    "    P(\"/* drvcheck-suppress R1: block in a string */\"); B();\n"      /* 5 */
    "    c = '\"'; C(); // drvcheck-suppress R1: after a quote character\n" /* 6 */
    "    /* http://x \"y */ D(); // drvcheck-suppress R1: after a comment\n" /* 7 */
    "    P(\"\\\" // drvcheck-suppress R1\");\n"                            /* 8 */
    "    P('/'); E(); /* drvcheck-suppress R1 */\n"                         /* 9 */
    "}\n";

static void a_suppression_in_a_literal_is_not_a_comment(void **state)
{
    (void)state;
    const char *dir = tmp_dir("suppress_lit");
    tmp_write(dir, "lit.c", lit_src);
    Report r;
    report_init(&r);
    r.scan_root = strdup(dir);
    tmp_defect(&r, "R1", "lit.c", 3, 5, "F", 1);    /* 0: the string's own line */
    tmp_defect(&r, "R1", "lit.c", 4, 5, "F", 1);    /* 1: below the string */
    tmp_defect(&r, "R1", "lit.c", 5, 5, "F", 1);    /* 2: block form in a string */
    tmp_defect(&r, "R1", "lit.c", 6, 15, "F", 1);   /* 3: real comment after '"' */
    tmp_defect(&r, "R1", "lit.c", 7, 24, "F", 1);   /* 4: real comment after a block */
    DiagList dg = {0};
    rep_apply_suppressions(&r, dir, &dg);
    assert_null(r.defects[0].suppression);
    assert_null(r.defects[1].suppression);
    assert_null(r.defects[2].suppression);
    assert_string_equal(r.defects[3].suppression, "after a quote character");
    assert_string_equal(r.defects[4].suppression, "after a comment");
    assert_int_equal(dg.n, 0);
    /* the whole-file check: only line 9's real comment lacks a reason */
    const char *files[] = {"lit.c"};
    rep_check_suppressions(dir, files, 1, NULL, 0, &dg);
    assert_int_equal(dg.nerr, 1);
    assert_int_equal(dg.v[0].line, 9);
    assert_int_equal(dg.v[0].col, 18);
    diag_clear(&dg);
    report_free(&r);
}

/* A file saved as UTF-16 LE (with its mark): its comments are read as in
 * any other file. */
static void a_utf16_source_is_read_as_text(void **state)
{
    (void)state;
    const char *text = "void F(void)\n"
                       "{\n"
                       "    // drvcheck-suppress R1: saved by Visual Studio\n"
                       "    A();\n"
                       "    // drvcheck-suppress R1\n"
                       "}\n";
    const char *dir = tmp_dir("suppress_u16");
    char p[2048];
    snprintf(p, sizeof p, "%s/u16.c", dir);
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
    Report r;
    report_init(&r);
    r.scan_root = strdup(dir);
    tmp_defect(&r, "R1", "u16.c", 4, 5, "F", 1);
    DiagList dg = {0};
    rep_apply_suppressions(&r, dir, &dg);
    assert_non_null(r.defects[0].suppression);
    assert_string_equal(r.defects[0].suppression, "saved by Visual Studio");
    const char *files[] = {"u16.c"};
    rep_check_suppressions(dir, files, 1, NULL, 0, &dg);
    assert_int_equal(dg.nerr, 1);
    assert_int_equal(dg.v[0].line, 5);
    assert_int_equal(dg.v[0].col, 5);
    diag_clear(&dg);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(suppressions_apply_on_the_line_and_the_line_above),
        cmocka_unit_test(a_suppression_without_reason_is_an_error),
        cmocka_unit_test(missing_source_suppresses_nothing),
        cmocka_unit_test(a_suppression_in_a_literal_is_not_a_comment),
        cmocka_unit_test(a_utf16_source_is_read_as_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
