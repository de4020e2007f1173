/* options.h - the parsed command line of `drvcheck scan` and `drvcheck cfg`. */
#ifndef DRVCHECK_OPTIONS_H
#define DRVCHECK_OPTIONS_H

#include "drvcheck/diag.h"

typedef enum { FAIL_DEFECT = 1, FAIL_TIMEOUT = 2, FAIL_ERROR = 4, FAIL_INCOMPLETE = 8 } FailOn;

typedef struct Options {
    const char **paths;   int npaths;
    const char **cargs;   int ncargs;      /* -I/-D/-U for clang, already joined (-IDIR) */
    const char **rule_names; int nrule_names;  /* --rule NAME */
    const char *rules_path;                /* --rules PATH */
    const char *wdk_include;
    const char *format;                    /* text json sarif html (scan); text dot (cfg) */
    const char *output;                    /* -o FILE */
    const char *baseline;
    const char *write_baseline;
    const char *function;                  /* cfg --function */
    int jobs;
    int color;                             /* -1 auto, 0 never, 1 always */
    int absolute_paths;
    int list_entry_points;
    int progress;                          /* -1 auto */
    int fail_on;                           /* FailOn bits */
    double timeout_s;                      /* per driver and rule */
    double parse_timeout_s;                /* per file's parse; 0: the default */
    int stats;                             /* --stats: phase timings on stderr */
} Options;

/* Parse argv[first..argc) for command `cmd` ("scan", "cfg", "rules").
 * Returns 0, or -1 after adding a diagnostic. */
int opt_parse(const char *cmd, int argc, char **argv, int first, Options *o, DiagList *d);
void opt_free(Options *o);

#endif
