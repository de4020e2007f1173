/* diag.c - diagnostic lists (see diag.h).  Records own malloc'd strings. */
#include "drvcheck/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        abort();
    memcpy(p, s, n + 1);
    return p;
}

static Diag *push(DiagList *d)
{
    if (d->n == d->cap) {
        int ncap = d->cap ? d->cap * 2 : 16;
        Diag *nv = realloc(d->v, (size_t)ncap * sizeof *nv);
        if (!nv)
            abort();
        d->v = nv;
        d->cap = ncap;
    }
    Diag *g = &d->v[d->n++];
    memset(g, 0, sizeof *g);
    return g;
}

static void vadd(DiagList *d, DiagSeverity sev, const char *file, int line, int col,
                 const char *src, const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    Diag *g = push(d);
    g->file = dupstr(file);
    g->line = line;
    g->col = col;
    g->sev = sev;
    g->msg = dupstr(buf);
    g->source_line = dupstr(src);
    if (sev == DIAG_ERROR)
        d->nerr++;
}

void diag_add(DiagList *d, DiagSeverity sev, const char *file, int line, int col,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, file, line, col, NULL, fmt, ap);
    va_end(ap);
}

void diag_add_src(DiagList *d, DiagSeverity sev, const char *file, int line, int col,
                  const char *source_line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, file, line, col, source_line, fmt, ap);
    va_end(ap);
}

void diag_append(DiagList *dst, const DiagList *src)
{
    for (int i = 0; i < src->n; i++) {
        const Diag *s = &src->v[i];
        Diag *g = push(dst);
        g->file = dupstr(s->file);
        g->line = s->line;
        g->col = s->col;
        g->sev = s->sev;
        g->msg = dupstr(s->msg);
        g->source_line = dupstr(s->source_line);
        if (s->sev == DIAG_ERROR)
            dst->nerr++;
    }
}

const char *diag_severity_name(DiagSeverity s)
{
    switch (s) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    }
    return "error";
}

void diag_print(const DiagList *d, FILE *out)
{
    for (int i = 0; i < d->n; i++) {
        const Diag *g = &d->v[i];
        if (g->file && g->line > 0)
            fprintf(out, "%s:%d:%d: ", g->file, g->line, g->col > 0 ? g->col : 1);
        else if (g->file)
            fprintf(out, "%s: ", g->file);
        else
            fputs("drvcheck: ", out);
        fprintf(out, "%s: %s\n", diag_severity_name(g->sev), g->msg);
        if (g->source_line) {
            fprintf(out, "%s\n", g->source_line);
            int col = g->col > 0 ? g->col : 1;
            for (int c = 1; c < col; c++)
                fputc(g->source_line[c - 1] == '\t' ? '\t' : ' ', out);
            fputs("^\n", out);
        }
    }
}

void diag_clear(DiagList *d)
{
    for (int i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
        free(d->v[i].source_line);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}
