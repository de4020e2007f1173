/* report_tmp.h - scratch files for the report tests, under the build dir. */
#ifndef REPORT_TMP_H
#define REPORT_TMP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* TEST_BINARY_DIR/report-tmp/<name>/, created; returns a static path. */
static inline const char *tmp_dir(const char *name)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/report-tmp", TEST_BINARY_DIR);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/report-tmp/%s", TEST_BINARY_DIR, name);
    mkdir(path, 0777);
    return path;
}

static inline void tmp_write(const char *dir, const char *file, const char *text)
{
    char p[2048];
    if (snprintf(p, sizeof p, "%s/%s", dir, file) >= (int)sizeof p)
        abort();
    FILE *f = fopen(p, "wb");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

/* A defect of rule `rule` in `file` at line/col with a two-step trace
 * (entry in `fn` at `entry_line`, violation at line). */
static inline Defect *tmp_defect(Report *r, const char *rule, const char *file, int line,
                                 int col, const char *fn, int entry_line)
{
    Defect *d = report_add_defect(r);
    d->rule = strdup(rule);
    d->message = strdup("m");
    d->file = strdup(file);
    d->line = line;
    d->col = col;
    d->function = strdup(fn);
    TraceStep *s = defect_add_step(d);
    s->kind = TS_ENTRY;
    s->file = strdup(file);
    s->line = entry_line;
    s->function = strdup(fn);
    s = defect_add_step(d);
    s->kind = TS_VIOLATION;
    s->file = strdup(file);
    s->line = line;
    s->col = col;
    s->function = strdup(fn);
    return d;
}

#endif
