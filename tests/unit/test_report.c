/* test_report.c - the defect model and the four formats, exactly.
 *
 * The sample report (report_sample.h) is rendered in each format and
 * compared with tests/data/report/sample.{txt,json,sarif,html} after the
 * scan root is replaced by @ROOT@.  Run with DRVCHECK_UPDATE_GOLDEN=1 to
 * rewrite those files after an intended change.  The raw outputs are also
 * written to the build directory (report-sample.*) for the schema and
 * browser tests in tests/cmake/reports.cmake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include "drvcheck/report.h"
#include "report/internal.h"
#include "report_sample.h"

static char *render(const Report *r, const char *format, int color)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    ReportOptions o = {.color = color, .list_entry_points = 1};
    int rc = -1;
    if (strcmp(format, "txt") == 0)
        rc = rep_text(r, &o, f);
    else if (strcmp(format, "json") == 0)
        rc = rep_json(r, f);
    else if (strcmp(format, "sarif") == 0)
        rc = rep_sarif(r, f);
    else if (strcmp(format, "html") == 0)
        rc = rep_html(r, f);
    assert_int_equal(rc, 0);
    fclose(f);
    return buf;
}

/* s with every `from` replaced by `to`. */
static char *replace_all(const char *s, const char *from, const char *to)
{
    size_t nf = strlen(from), nt = strlen(to), cnt = 0;
    for (const char *p = s; (p = strstr(p, from)); p += nf)
        cnt++;
    char *o = malloc(strlen(s) + cnt * nt + 1), *q = o;
    assert_non_null(o);
    const char *p = s, *hit;
    while ((hit = strstr(p, from))) {
        memcpy(q, p, (size_t)(hit - p));
        q += hit - p;
        memcpy(q, to, nt);
        q += nt;
        p = hit + nf;
    }
    strcpy(q, p);
    return o;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    return b;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Render `format`, keep a raw copy in the build dir, compare with the golden file. */
static void check_golden(const char *format)
{
    Report r;
    DiagList dg = {0};
    report_init(&r);
    sample_report(&r);
    sample_finish(&r, &dg);
    assert_int_equal(dg.n, 0);
    char *out = render(&r, format, 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/report-sample.%s", TEST_BINARY_DIR, format);
    spit(path, out);
    assert_true(rep_utf8_valid(out));
    char *norm = replace_all(out, SAMPLE_ROOT, "@ROOT@");
    snprintf(path, sizeof path, "%s/tests/data/report/sample.%s", TEST_SOURCE_DIR, format);
    if (getenv("DRVCHECK_UPDATE_GOLDEN")) {
        spit(path, norm);
    } else {
        char *want = slurp(path);
        if (!want)
            fail_msg("missing %s (run with DRVCHECK_UPDATE_GOLDEN=1)", path);
        if (strcmp(want, norm) != 0) {
            fprintf(stderr, "--- %s differs; got:\n%s\n", path, norm);
            fail_msg("%s output differs from %s", format, path);
        }
        free(want);
    }
    free(norm);
    free(out);
    diag_clear(&dg);
    report_free(&r);
}

static void text_matches_golden(void **state)
{
    (void)state;
    check_golden("txt");
}

static void json_matches_golden(void **state)
{
    (void)state;
    check_golden("json");
}

static void sarif_matches_golden(void **state)
{
    (void)state;
    check_golden("sarif");
}

static void html_matches_golden(void **state)
{
    (void)state;
    check_golden("html");
}

static void sort_orders_by_file_line_col_rule(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    sample_report(&r);
    report_sort(&r);
    assert_string_equal(r.defects[0].file, "miniport.c");
    assert_int_equal(r.defects[0].line, 30);
    assert_int_equal(r.defects[1].line, 39);
    assert_string_equal(r.defects[2].file, "reset.c");
    assert_string_equal(r.verdicts[0].rule, "IrqlNdisSpinLock");
    assert_string_equal(r.rules[0].id, "IrqlNdisSpinLock");
    report_free(&r);
}

static void counts_skip_suppressed_and_unchanged(void **state)
{
    (void)state;
    Report r;
    DiagList dg = {0};
    report_init(&r);
    sample_report(&r);
    assert_int_equal(report_count_new(&r), 3);
    sample_finish(&r, &dg);
    assert_int_equal(report_count_suppressed(&r), 1);
    assert_int_equal(report_count_new(&r), 1);
    assert_string_equal(r.defects[1].suppression,
                        "the interrupt is masked in hardware <here> & \"now\"");
    diag_clear(&dg);
    report_free(&r);
}

static void names_come_from_the_def_lists(void **state)
{
    (void)state;
    assert_string_equal(verdict_name(VERDICT_DEFECT), "Defect");
    assert_string_equal(verdict_name(VERDICT_NOT_APPLICABLE), "Not applicable");
    assert_string_equal(verdict_name(VERDICT_COUNT), "Other");
    assert_string_equal(trace_kind_name(TS_STATE), "state");
    assert_string_equal(trace_kind_name(TS_VIOLATION), "violation");
    assert_string_equal(rep_verdict_level(VERDICT_TIMEOUT), "warning");
}

static void long_traces_grow(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    for (int k = 0; k < 20; k++) {
        Defect *d = report_add_defect(&r);
        for (int i = 0; i < 300; i++) {
            TraceStep *s = defect_add_step(d);
            s->line = i;
        }
        d->rule = strdup("R");
    }
    assert_int_equal(r.ndefects, 20);
    for (int i = 0; i < 300; i++)
        assert_int_equal(r.defects[19].trace[i].line, i);
    report_free(&r);
}

static void utf8_sanitiser_replaces_bad_bytes(void **state)
{
    (void)state;
    char *s = rep_utf8("a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xf4\x90\x80\x80" "e\xe2\x82");
    assert_true(rep_utf8_valid(s));
    assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD"
                           "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                           "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                           "e\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    s = rep_utf8("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80");
    assert_string_equal(s, "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80");
    free(s);
}

/* Random bytes always come out valid; valid text comes out unchanged. */
static void utf8_sanitiser_handles_random_bytes(void **state)
{
    (void)state;
    unsigned seed = 12345;
    char buf[64];
    for (int iter = 0; iter < 20000; iter++) {
        int n = (int)(seed % 63);
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned char c = (unsigned char)(seed >> 16);
            buf[i] = (char)(c ? c : 'x');
        }
        buf[n] = '\0';
        seed = seed * 1103515245u + 12345u;
        char *s = rep_utf8(buf);
        assert_true(rep_utf8_valid(s));
        if (rep_utf8_valid(buf))
            assert_string_equal(s, buf);
        char *again = rep_utf8(s);
        assert_string_equal(again, s);
        free(again);
        free(s);
    }
}

static void json_is_valid_utf8_and_parses(void **state)
{
    (void)state;
    Report r;
    DiagList dg = {0};
    report_init(&r);
    sample_report(&r);
    sample_finish(&r, &dg);
    char *out = render(&r, "json", 0);
    assert_true(rep_utf8_valid(out));
    cJSON *j = cJSON_Parse(out);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "version")->valuestring, "1.0");
    cJSON *res = cJSON_GetObjectItem(j, "results");
    assert_int_equal(cJSON_GetArraySize(res), 3);
    cJSON *d1 = cJSON_GetArrayItem(res, 1);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(d1, "suppression"), "reason")
                            ->valuestring,
                        "the interrupt is masked in hardware <here> & \"now\"");
    cJSON *d2 = cJSON_GetArrayItem(res, 2);
    assert_string_equal(cJSON_GetObjectItem(d2, "baseline_state")->valuestring, "unchanged");
    cJSON *diag = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "diagnostics"), 0);
    assert_string_equal(cJSON_GetObjectItem(diag, "file")->valuestring,
                        "caf\xEF\xBF\xBD/bad\xEF\xBF\xBD.c");
    cJSON *sum = cJSON_GetObjectItem(j, "summary");
    assert_int_equal(cJSON_GetObjectItem(sum, "defects")->valueint, 3);
    assert_int_equal(cJSON_GetObjectItem(sum, "new")->valueint, 1);
    assert_int_equal(cJSON_GetObjectItem(sum, "suppressed")->valueint, 1);
    cJSON_Delete(j);
    free(out);
    diag_clear(&dg);
    report_free(&r);
}

static void text_colour_only_when_asked(void **state)
{
    (void)state;
    Report r;
    DiagList dg = {0};
    report_init(&r);
    sample_report(&r);
    sample_finish(&r, &dg);
    char *plain = render(&r, "txt", 0);
    char *col = render(&r, "txt", 1);
    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(col, "\033[1;31merror:\033[0m"));
    /* the end-to-end runner's shape, for the new defect only */
    assert_non_null(strstr(plain, "\nminiport.c:30:9: error: [NdisMDeregisterInterruptEx] "));
    assert_null(strstr(plain, "miniport.c:39:5: error:"));
    assert_non_null(strstr(plain, "reset.c:16:2: warning: [NdisMDeregisterInterruptEx]"));
    free(plain);
    free(col);
    diag_clear(&dg);
    report_free(&r);
}

static void empty_report_renders_everywhere(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    const char *fmts[] = {"txt", "json", "sarif", "html"};
    for (int i = 0; i < 4; i++) {
        char *out = render(&r, fmts[i], 0);
        assert_true(strlen(out) > 0);
        if (i == 1 || i == 2) {
            cJSON *j = cJSON_Parse(out);
            assert_non_null(j);
            cJSON_Delete(j);
        }
        free(out);
    }
    char *t = render(&r, "txt", 0);
    assert_string_equal(t, "entry points: 0\n"
                           "drvcheck: 0 defects (0 new, 0 suppressed); 0 drivers, 0 files, "
                           "0 functions\n");
    free(t);
    report_free(&r);
}

static void html_escapes_and_notes_unreadable_sources(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    r.scan_root = strdup("/nonexistent/root");
    Defect *d = report_add_defect(&r);
    d->rule = strdup("R<x>");
    d->message = strdup("<script>alert(1)</script> & \"q\"");
    d->file = strdup("gone.c");
    d->line = 3;
    d->col = 1;
    TraceStep *s = defect_add_step(d);
    s->kind = TS_VIOLATION;
    s->file = strdup("gone.c");
    s->line = 3;
    s->message = strdup("it's <b>");
    char *out = render(&r, "html", 0);
    assert_null(strstr(out, "<script>alert"));
    assert_non_null(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));
    assert_non_null(strstr(out, "it&#39;s &lt;b&gt;"));
    assert_non_null(strstr(out, "Source not available: cannot read <code>/nonexistent/root/gone.c"));
    assert_null(strstr(out, "src=\""));
    assert_null(strstr(out, "href=\"http"));
    free(out);
    report_free(&r);
}

static void summary_names_drivers_when_several(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    r.ndrivers = 2;
    report_add_verdict(&r, "e1000", "R", VERDICT_PASS, NULL);
    report_add_verdict(&r, "rtl8139", "R", VERDICT_DEFECT, NULL);
    report_add_verdict(&r, "e1000", "S", VERDICT_NOT_APPLICABLE, NULL);
    report_add_verdict(&r, "rtl8139", "S", VERDICT_SPACEOUT, "memory cap of 1 GB");
    report_sort(&r);
    char *t = render(&r, "txt", 0);
    assert_string_equal(t,
        "entry points: 0\n"
        "drvcheck: warning: [S] Spaceout on rtl8139: memory cap of 1 GB\n"
        "drvcheck: 0 defects (0 new, 0 suppressed); 2 drivers, 0 files, 0 functions; "
        "verdicts: [R] Pass (e1000), Defect (rtl8139); [S] Not applicable (e1000), "
        "Spaceout (rtl8139)\n");
    free(t);
    report_free(&r);
}

/* A scan of many drivers (a whole tree of samples) counts each rule's
 * verdicts and names only the drivers whose verdict needs a look. */
static void text_summary_counts_many_drivers(void **state)
{
    (void)state;
    Report r;
    report_init(&r);
    r.ndrivers = 12;
    char name[32];
    for (int i = 0; i < 12; i++) {
        snprintf(name, sizeof name, "d%02d", i);
        report_add_verdict(&r, name, "R", i == 3 ? VERDICT_DEFECT
                                          : i < 6 ? VERDICT_PASS : VERDICT_NOT_APPLICABLE, NULL);
        report_add_verdict(&r, name, "S", i < 7 ? VERDICT_SPACEOUT : VERDICT_PASS, "cap");
    }
    report_sort(&r);
    char *t = render(&r, "txt", 0);
    const char *want = "drvcheck: 0 defects (0 new, 0 suppressed); 12 drivers, 0 files, 0 functions; "
                       "verdicts: [R] Defect 1 (d03), Pass 5, Not applicable 6; "
                       "[S] Spaceout 7 (d00, d01, d02, d03, d04 and 2 more), Pass 5\n";
    size_t lt = strlen(t), lw = strlen(want);
    assert_true(lt >= lw);
    assert_string_equal(t + lt - lw, want);
    free(t);
    report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sort_orders_by_file_line_col_rule),
        cmocka_unit_test(counts_skip_suppressed_and_unchanged),
        cmocka_unit_test(names_come_from_the_def_lists),
        cmocka_unit_test(long_traces_grow),
        cmocka_unit_test(utf8_sanitiser_replaces_bad_bytes),
        cmocka_unit_test(utf8_sanitiser_handles_random_bytes),
        cmocka_unit_test(json_is_valid_utf8_and_parses),
        cmocka_unit_test(text_colour_only_when_asked),
        cmocka_unit_test(empty_report_renders_everywhere),
        cmocka_unit_test(summary_names_drivers_when_several),
        cmocka_unit_test(html_escapes_and_notes_unreadable_sources),
        cmocka_unit_test(text_matches_golden),
        cmocka_unit_test(text_summary_counts_many_drivers),
        cmocka_unit_test(json_matches_golden),
        cmocka_unit_test(sarif_matches_golden),
        cmocka_unit_test(html_matches_golden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
