/* diag.h - diagnostics about bad input.
 *
 * Bad input (command line, rule files, compile databases, unparsable sources)
 * is reported as `file:line:col: severity: message` records collected in a
 * DiagList; only main decides the exit code.  Records own their strings
 * (malloc), so a list outlives the arenas of the units that produced it. */
#ifndef DRVCHECK_DIAG_H
#define DRVCHECK_DIAG_H

#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagSeverity;

typedef struct Diag {
    char *file;          /* may be NULL for diagnostics about no file */
    int line, col;       /* 0 when unknown */
    DiagSeverity sev;
    char *msg;
    char *source_line;   /* optional: the offending line, shown with a caret */
} Diag;

typedef struct DiagList {
    Diag *v;
    int n, cap;
    int nerr;            /* sticky count of DIAG_ERROR records */
} DiagList;

void diag_add(DiagList *d, DiagSeverity sev, const char *file, int line, int col,
              const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Like diag_add, and remember `source_line` to print it with a caret. */
void diag_add_src(DiagList *d, DiagSeverity sev, const char *file, int line, int col,
                  const char *source_line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
void diag_append(DiagList *dst, const DiagList *src);   /* deep copy */
void diag_print(const DiagList *d, FILE *out);          /* compiler style */
void diag_clear(DiagList *d);
const char *diag_severity_name(DiagSeverity s);

#endif
