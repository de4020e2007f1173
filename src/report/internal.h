/* internal.h - helpers shared by the reporters (src/report only).
 *
 * Strings handed to a reporter may hold any bytes (file names and source
 * lines come from strangers' trees); every writer passes them through
 * rep_utf8() first, so each output is valid UTF-8. */
#ifndef DRVCHECK_REPORT_INTERNAL_H
#define DRVCHECK_REPORT_INTERNAL_H

#include <cjson/cJSON.h>
#include "drvcheck/report.h"
#include "drvcheck/version.h"

/* utf8.c */
char *rep_strdup(const char *s);                 /* NULL stays NULL; aborts on OOM */
int rep_utf8_valid(const char *s);
char *rep_utf8(const char *s);                   /* malloc'd copy, invalid bytes -> U+FFFD */
cJSON *rep_json_str(const char *s);              /* sanitised string, or null for NULL */

/* source.c: a source file as lines, for fingerprints, suppressions, HTML. */
typedef struct SrcFile {
    char *path;          /* as opened */
    char *buf;           /* whole file, lines NUL-terminated in place */
    char **lines;        /* lines[0] is line 1; without the newline */
    int nlines;
    int err;             /* errno when the file could not be read, else 0 */
} SrcFile;
char *rep_source_path(const char *root, const char *file);   /* malloc'd */
int rep_src_load(SrcFile *f, const char *root, const char *file);  /* 0 or -1 (f->err) */
const char *rep_src_line(const SrcFile *f, int line);          /* NULL out of range */
void rep_src_free(SrcFile *f);

/* json.c: a new object / a new array added to parent under k (abort on OOM). */
cJSON *rep_json_obj(void);
cJSON *rep_json_arr(cJSON *parent, const char *k);
/* json.c: print a cJSON tree formatted, with a final newline. */
int rep_print_json(cJSON *root, FILE *out);

/* report.c */
const char *rep_verdict_level(Verdict v);        /* SARIF notification level */
const char *rep_baseline_name(BaselineState b);  /* "new", "unchanged", or NULL */

#endif
