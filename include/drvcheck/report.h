/* report.h - the defect model every reporter reads, and the reporters.
 *
 * The engine produces Defects; the scan fills a Report; text, JSON, SARIF
 * and HTML are generated from this one model, so they always agree.  All
 * strings are malloc-owned by the Report (report_free releases them); a
 * Report never points into a CFG or a rule. */
#ifndef DRVCHECK_REPORT_H
#define DRVCHECK_REPORT_H

#include <stdio.h>
#include "diag.h"

typedef enum {
#define X(e, n, l) e,
#include "verdicts.def"
#undef X
    VERDICT_COUNT
} Verdict;

typedef enum {
#define X(e, n) e,
#include "tracekinds.def"
#undef X
    TS_COUNT
} TraceKind;

typedef struct TraceStep {
    TraceKind kind;
    char *file;              /* as shown (relative to the scan root unless absolute paths) */
    int line, col;
    char *function;
    char *message;
    char *state;             /* rule state after this step ("deregistered"), or NULL */
} TraceStep;

typedef enum { BASE_NONE, BASE_NEW, BASE_UNCHANGED } BaselineState;

typedef struct Defect {
    char *rule;
    char *message;
    char *severity;          /* "error" */
    char *file;
    int line, col;
    char *function;
    char *driver;            /* driver (project) name */
    char *entry_point;       /* the callback the trace starts in */
    TraceStep *trace;        /* last step is the defect's location */
    int ntrace;
    char *fingerprint;       /* stable across unrelated edits (report/fingerprint.c) */
    BaselineState baseline;
    char *suppression;       /* reason from a drvcheck-suppress comment, or NULL */
} Defect;

typedef struct VerdictRow {
    char *driver;
    char *rule;
    Verdict verdict;
    char *detail;            /* e.g. why Timeout / Not runnable, or NULL */
} VerdictRow;

typedef struct EntryPointRow {
    char *driver;
    char *function;
    char *role;              /* role typedef, "MINIPORT_HALT" */
    char *found_by;          /* "role type declaration", "NDIS_MINIPORT_DRIVER_CHARACTERISTICS.HaltHandlerEx", ... */
    char *file;
    int line;
} EntryPointRow;

typedef struct RuleInfo {
    char *id;                /* rule name */
    char *summary;           /* one line */
    char *description;       /* full header comment */
    char *file;              /* rule file */
} RuleInfo;

typedef struct Report {
    char *tool_name;
    char *tool_version;
    char *scan_root;         /* absolute directory paths are relative to */
    int absolute_paths;
    /* summary */
    int ndrivers, nfiles, nfunctions;
    long elapsed_ms;
    /* contents */
    Defect *defects;       int ndefects, cap_defects;
    VerdictRow *verdicts;  int nverdicts, cap_verdicts;
    EntryPointRow *entries; int nentries, cap_entries;
    RuleInfo *rules;       int nrules, cap_rules;
    DiagList diags;
    char **incomplete_files; int nincomplete, cap_incomplete;  /* parsed with errors */
    char **assumed;        int nassumed, cap_assumed;          /* "file: type FOO" stand-ins */
} Report;

void report_init(Report *r);
void report_free(Report *r);
Defect *report_add_defect(Report *r);                /* zeroed, owned by r */
TraceStep *defect_add_step(Defect *d);               /* zeroed, owned by d */
void report_add_verdict(Report *r, const char *driver, const char *rule, Verdict v, const char *detail);
void report_add_entry(Report *r, const char *driver, const char *function, const char *role,
                      const char *found_by, const char *file, int line);
void report_add_rule(Report *r, const char *id, const char *summary, const char *description,
                     const char *file);
/* Move src's defects, verdicts and entry points to the end of dst's. */
void report_take(Report *dst, Report *src);
void report_sort(Report *r);       /* deterministic order: file, line, col, rule */
int report_count_new(const Report *r);        /* defects that are neither suppressed nor in the baseline */
int report_count_suppressed(const Report *r);
const char *verdict_name(Verdict v);
const char *trace_kind_name(TraceKind k);

typedef struct ReportOptions {
    int color;               /* text: ANSI colour */
    int list_entry_points;   /* text: print the entry point table */
    const char *baseline_written;  /* text: the baseline this run wrote (--write-baseline),
                                      which accepts its defects: the summary says so */
} ReportOptions;

/* Each writes the whole report to out; returns 0, or -1 on a write error. */
int rep_text(const Report *r, const ReportOptions *o, FILE *out);
int rep_json(const Report *r, FILE *out);
int rep_sarif(const Report *r, FILE *out);
int rep_html(const Report *r, FILE *out);

/* fingerprint.c: fill each defect's fingerprint from rule, file, function,
 * and the normalised text of the violating line and the trace's calls. */
void rep_fingerprint(Report *r);
/* suppress.c: read `// drvcheck-suppress RULE: reason` comments on the
 * defect's line or the line above; a suppression without a reason is an
 * error in d.  `root` resolves relative defect paths. */
void rep_apply_suppressions(Report *r, const char *root, DiagList *d);
/* Check every suppression comment in these files (paths as shown, relative
 * to root): each one without a rule or a reason is an error in d, and so is
 * each rule it names that is not one of the nrules `rules` (unless NULL). */
void rep_check_suppressions(const char *root, const char *const *files, int nfiles,
                            const char *const *rules, int nrules, DiagList *d);
/* baseline.c: load an earlier JSON or SARIF report's fingerprints and mark
 * each defect BASE_NEW or BASE_UNCHANGED; returns -1 with a diagnostic. */
int rep_apply_baseline(Report *r, const char *baseline_file, DiagList *d);

/* Write the report in `format` ("text", "json", "sarif", "html") to path,
 * atomically (temporary file in the same directory, then rename), or to
 * stdout when path is NULL or "-"; a device or pipe is written in place, a
 * symbolic link's target replaced.  Returns 0, or -1 with a diagnostic. */
int rep_write(const Report *r, const char *format, const ReportOptions *o,
              const char *path, DiagList *d);
/* From a signal handler (async-signal-safe): remove the temporary file a
 * rep_write in progress writes, so that an abort leaves no partial report. */
void rep_write_abandon(void);
/* The same in JSON, as a baseline: its diagnostics name the baseline. */
int rep_write_baseline(const Report *r, const char *path, DiagList *d);

#endif
