/* TEMPORARY skeleton: replaced by the reporters. */
#include <stdlib.h>
#include <string.h>
#include "drvcheck/report.h"
void report_init(Report *r) { memset(r, 0, sizeof *r); }
void report_free(Report *r) { diag_clear(&r->diags); }
Defect *report_add_defect(Report *r) { (void)r; return NULL; }
TraceStep *defect_add_step(Defect *d) { (void)d; return NULL; }
void report_add_verdict(Report *r, const char *driver, const char *rule, Verdict v, const char *detail) { (void)r; (void)driver; (void)rule; (void)v; (void)detail; }
void report_add_entry(Report *r, const char *driver, const char *function, const char *role, const char *found_by, const char *file, int line) { (void)r; (void)driver; (void)function; (void)role; (void)found_by; (void)file; (void)line; }
void report_add_rule(Report *r, const char *id, const char *summary, const char *description, const char *file) { (void)r; (void)id; (void)summary; (void)description; (void)file; }
void report_sort(Report *r) { (void)r; }
int report_count_new(const Report *r) { (void)r; return 0; }
int report_count_suppressed(const Report *r) { (void)r; return 0; }
const char *verdict_name(Verdict v) { (void)v; return ""; }
const char *trace_kind_name(TraceKind k) { (void)k; return ""; }
int rep_text(const Report *r, const ReportOptions *o, FILE *out) { (void)r; (void)o; (void)out; return 0; }
int rep_json(const Report *r, FILE *out) { (void)r; (void)out; return 0; }
int rep_sarif(const Report *r, FILE *out) { (void)r; (void)out; return 0; }
int rep_html(const Report *r, FILE *out) { (void)r; (void)out; return 0; }
void rep_fingerprint(Report *r) { (void)r; }
void rep_apply_suppressions(Report *r, const char *root, DiagList *d) { (void)r; (void)root; (void)d; }
int rep_apply_baseline(Report *r, const char *baseline_file, DiagList *d) { (void)r; (void)baseline_file; (void)d; return 0; }
int rep_write(const Report *r, const char *format, const ReportOptions *o, const char *path, DiagList *d) { (void)r; (void)format; (void)o; (void)path; (void)d; return 0; }
