/* test_report_baseline.c - baselines from earlier JSON and SARIF reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "drvcheck/report.h"
#include "report_tmp.h"

static const char *old_src =
    "void F(void *A)\n"        /* 1 */
    "{\n"
    "    Dereg(A);\n"
    "    Sync(A);\n"           /* 4 */
    "}\n";
/* later: two lines added above, and a new defect below */
static const char *new_src =
    "#include \"a.h\"\n"
    "#include \"b.h\"\n"
    "void F(void *A)\n"        /* 3 */
    "{\n"
    "    Dereg(A);\n"
    "    Sync(A);\n"           /* 6 */
    "    Sync2(A);\n"          /* 7 */
    "}\n";

/* Write the old scan as `format` to dir/base.<format>; return its path. */
static const char *old_report(const char *format)
{
    static char path[2048];
    const char *dir = tmp_dir("baseline");
    tmp_write(dir, "f.c", old_src);
    Report r;
    report_init(&r);
    r.scan_root = strdup(dir);
    tmp_defect(&r, "R", "f.c", 4, 5, "F", 1);
    rep_fingerprint(&r);
    snprintf(path, sizeof path, "%s/base.%s", dir, format);
    DiagList dg = {0};
    assert_int_equal(rep_write(&r, format, NULL, path, &dg), 0);
    report_free(&r);
    return path;
}

static void new_scan(Report *r)
{
    const char *dir = tmp_dir("baseline");
    tmp_write(dir, "f.c", new_src);
    report_init(r);
    r->scan_root = strdup(dir);
    tmp_defect(r, "R", "f.c", 6, 5, "F", 3);
    tmp_defect(r, "R", "f.c", 7, 5, "F", 3);
    report_sort(r);
    rep_fingerprint(r);
}

static void check_marks(const char *format)
{
    const char *base = old_report(format);
    Report r;
    DiagList dg = {0};
    new_scan(&r);
    assert_int_equal(rep_apply_baseline(&r, base, &dg), 0);
    assert_int_equal(dg.n, 0);
    assert_int_equal(r.defects[0].baseline, BASE_UNCHANGED);
    assert_int_equal(r.defects[1].baseline, BASE_NEW);
    assert_int_equal(report_count_new(&r), 1);
    report_free(&r);
}

static void json_baseline_marks_moved_defect_unchanged(void **state)
{
    (void)state;
    check_marks("json");
}

static void sarif_baseline_marks_moved_defect_unchanged(void **state)
{
    (void)state;
    check_marks("sarif");
}

static void missing_baseline_is_an_error(void **state)
{
    (void)state;
    Report r;
    DiagList dg = {0};
    new_scan(&r);
    assert_int_equal(rep_apply_baseline(&r, "/nonexistent/base.json", &dg), -1);
    assert_int_equal(dg.nerr, 1);
    assert_string_equal(dg.v[0].file, "/nonexistent/base.json");
    assert_non_null(strstr(dg.v[0].msg, "cannot read baseline"));
    assert_int_equal(r.defects[0].baseline, BASE_NONE);
    diag_clear(&dg);
    report_free(&r);
}

static void unparsable_baseline_is_an_error(void **state)
{
    (void)state;
    const char *dir = tmp_dir("baseline");
    tmp_write(dir, "junk.json", "{\"results\": [");
    tmp_write(dir, "other.json", "{\"something\": 1}");
    char p1[2048], p2[2048];
    snprintf(p1, sizeof p1, "%s/junk.json", dir);
    snprintf(p2, sizeof p2, "%s/other.json", dir);
    Report r;
    DiagList dg = {0};
    new_scan(&r);
    assert_int_equal(rep_apply_baseline(&r, p1, &dg), -1);
    assert_int_equal(rep_apply_baseline(&r, p2, &dg), -1);
    assert_int_equal(dg.nerr, 2);
    assert_non_null(strstr(dg.v[0].msg, "not valid JSON"));
    assert_non_null(strstr(dg.v[1].msg, "not a drvcheck JSON report or SARIF log"));
    diag_clear(&dg);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_baseline_marks_moved_defect_unchanged),
        cmocka_unit_test(sarif_baseline_marks_moved_defect_unchanged),
        cmocka_unit_test(missing_baseline_is_an_error),
        cmocka_unit_test(unparsable_baseline_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
