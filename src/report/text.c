/* text.c - the compiler-style text report.
 *
 *   file:line:col: error: [Rule] message          a new defect
 *   file:line:col: note: step message             each trace step, in order
 *   file:line:col: warning: [Rule] message (unchanged since the baseline)
 *
 * Diagnostics come first, then defects, then notes about incomplete parses,
 * assumed names and verdicts that are not a plain result, then one summary
 * line.  Suppressed defects are only counted.  The `error: [Rule]` shape is
 * what editors and the end-to-end tests match: keep it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[1;32m"
#define C_RESET "\033[0m"

typedef struct Out {
    FILE *f;
    int color;
    const char *baseline_written;   /* ReportOptions.baseline_written */
} Out;

static const char *col(const Out *o, const char *c)
{
    return o->color ? c : "";
}

static void loc(const Out *o, const char *file, int line, int column)
{
    fputs(col(o, C_BOLD), o->f);
    if (file && line > 0)
        fprintf(o->f, "%s:%d:%d: ", file, line, column > 0 ? column : 1);
    else if (file)
        fprintf(o->f, "%s: ", file);
    else
        fputs("drvcheck: ", o->f);
    fputs(col(o, C_RESET), o->f);
}

static void severity(const Out *o, const char *sev)
{
    const char *c = strcmp(sev, "error") == 0 ? C_RED
                    : strcmp(sev, "warning") == 0 ? C_MAGENTA : C_CYAN;
    fprintf(o->f, "%s%s:%s ", col(o, c), sev, col(o, C_RESET));
}

static void print_diag(const Out *o, const Diag *g)
{
    loc(o, g->file, g->line, g->col);
    severity(o, diag_severity_name(g->sev));
    fprintf(o->f, "%s\n", g->msg ? g->msg : "");
    if (g->source_line) {
        fprintf(o->f, "%s\n", g->source_line);
        int c = g->col > 0 ? g->col : 1;
        size_t n = strlen(g->source_line);
        for (int i = 1; i < c; i++)
            fputc((size_t)i <= n && g->source_line[i - 1] == '\t' ? '\t' : ' ', o->f);
        fprintf(o->f, "%s^%s\n", col(o, C_GREEN), col(o, C_RESET));
    }
}

static void print_defect(const Out *o, const Defect *d)
{
    int unchanged = d->baseline == BASE_UNCHANGED;
    loc(o, d->file, d->line, d->col);
    severity(o, unchanged ? "warning" : (d->severity ? d->severity : "error"));
    fprintf(o->f, "%s[%s]%s %s%s\n", col(o, C_BOLD), d->rule ? d->rule : "?", col(o, C_RESET),
            d->message ? d->message : "",
            unchanged ? " (unchanged since the baseline)" : "");
    for (int i = 0; i < d->ntrace; i++) {
        const TraceStep *s = &d->trace[i];
        loc(o, s->file, s->line, s->col);
        severity(o, "note");
        if (s->message && s->message[0])
            fputs(s->message, o->f);
        else if (s->state)
            fprintf(o->f, "%s: %s", trace_kind_name(s->kind), s->state);
        else
            fputs(trace_kind_name(s->kind), o->f);
        fputc('\n', o->f);
    }
}

/* "a.c, b.c, c.c and 4 more" */
static void short_list(const Out *o, char **v, int n)
{
    int show = n < 5 ? n : 4;
    for (int i = 0; i < show; i++)
        fprintf(o->f, "%s%s", i ? ", " : "", v[i]);
    if (n > show)
        fprintf(o->f, " and %d more", n - show);
}

static int ndistinct_drivers(const Report *r)
{
    int n = 0;
    for (int i = 0; i < r->nverdicts; i++) {
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(r->verdicts[j].driver ? r->verdicts[j].driver : "",
                          r->verdicts[i].driver ? r->verdicts[i].driver : "") == 0;
        n += !seen;
    }
    return n;
}

static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* Past this many drivers the summary counts each rule's verdicts and names
 * only the drivers whose verdict needs a look (Defect, Timeout, Spaceout,
 * Not runnable): a whole tree of samples (112 drivers) made a 21 kB line. */
enum { MANY_DRIVERS = 8, NAMED_DRIVERS = 5 };

static int needs_look(Verdict v)
{
    return v != VERDICT_PASS && v != VERDICT_NOT_APPLICABLE;
}

/* The rule of verdict row i when i is that rule's first row (rules print
 * in the order they first appear), else NULL. */
static const char *first_of_rule(const Report *r, int i)
{
    const char *rule = r->verdicts[i].rule ? r->verdicts[i].rule : "?";
    for (int j = 0; j < i; j++)
        if (strcmp(r->verdicts[j].rule ? r->verdicts[j].rule : "?", rule) == 0)
            return NULL;
    return rule;
}

static void print_verdict_counts(const Out *o, const Report *r)
{
    static const Verdict order[] = { VERDICT_DEFECT, VERDICT_TIMEOUT, VERDICT_SPACEOUT,
                                     VERDICT_NOT_RUNNABLE, VERDICT_PASS, VERDICT_NOT_APPLICABLE };
    fputs("; verdicts:", o->f);
    for (int i = 0; i < r->nverdicts; i++) {
        const char *rule = first_of_rule(r, i);
        if (!rule)
            continue;
        fprintf(o->f, "%s [%s]", i ? ";" : "", rule);
        int k = 0;
        for (size_t v = 0; v < sizeof order / sizeof *order; v++) {
            int n = 0;
            for (int j = i; j < r->nverdicts; j++)
                n += r->verdicts[j].verdict == order[v] &&
                     strcmp(r->verdicts[j].rule ? r->verdicts[j].rule : "?", rule) == 0;
            if (!n)
                continue;
            const char *c = order[v] == VERDICT_DEFECT ? C_RED
                            : order[v] == VERDICT_PASS ? C_GREEN : C_MAGENTA;
            fprintf(o->f, "%s %s%s %d%s", k++ ? "," : "", col(o, c), verdict_name(order[v]), n,
                    col(o, C_RESET));
            if (!needs_look(order[v]))
                continue;
            int shown = 0;
            for (int j = i; j < r->nverdicts; j++) {
                const VerdictRow *w = &r->verdicts[j];
                if (w->verdict != order[v] || strcmp(w->rule ? w->rule : "?", rule) != 0)
                    continue;
                if (shown < NAMED_DRIVERS)
                    fprintf(o->f, "%s%s", shown ? ", " : " (", w->driver ? w->driver : "?");
                shown++;
            }
            if (shown > NAMED_DRIVERS)
                fprintf(o->f, " and %d more", shown - NAMED_DRIVERS);
            fputc(')', o->f);
        }
    }
}

static void print_summary(const Out *o, const Report *r)
{
    int nsup = report_count_suppressed(r), nnew = report_count_new(r);
    int nunch = r->ndefects - nsup - nnew;
    fprintf(o->f, "%sdrvcheck:%s %d %s (%d new", col(o, C_BOLD), col(o, C_RESET),
            r->ndefects, plural(r->ndefects, "defect", "defects"), nnew);
    if (nunch)
        fprintf(o->f, ", %d unchanged", nunch);
    if (o->baseline_written && nnew)     /* the run adopts them: they do not fail it */
        fprintf(o->f, " accepted into the baseline %s", o->baseline_written);
    fprintf(o->f, ", %d suppressed); %d %s, %d %s, %d %s", nsup,
            r->ndrivers, plural(r->ndrivers, "driver", "drivers"),
            r->nfiles, plural(r->nfiles, "file", "files"),
            r->nfunctions, plural(r->nfunctions, "function", "functions"));
    if (r->nverdicts && ndistinct_drivers(r) > MANY_DRIVERS) {
        print_verdict_counts(o, r);
    } else if (r->nverdicts) {
        int several = ndistinct_drivers(r) > 1;
        fputs("; verdicts:", o->f);
        /* group by rule, in the order rules first appear */
        for (int i = 0; i < r->nverdicts; i++) {
            const char *rule = first_of_rule(r, i);
            if (!rule)
                continue;
            fprintf(o->f, "%s [%s]", i ? ";" : "", rule);
            int k = 0;
            for (int j = i; j < r->nverdicts; j++) {
                const VerdictRow *w = &r->verdicts[j];
                if (strcmp(w->rule ? w->rule : "?", rule) != 0)
                    continue;
                const char *c = w->verdict == VERDICT_DEFECT ? C_RED
                                : w->verdict == VERDICT_PASS ? C_GREEN : C_MAGENTA;
                fprintf(o->f, "%s %s%s%s", k++ ? "," : "", col(o, c), verdict_name(w->verdict),
                        col(o, C_RESET));
                if (several)
                    fprintf(o->f, " (%s)", w->driver ? w->driver : "?");
            }
        }
    }
    fputc('\n', o->f);
}

static void print_entries(const Out *o, const Report *r)
{
    int wd = 6, wf = 8, wr = 4;
    for (int i = 0; i < r->nentries; i++) {
        const EntryPointRow *e = &r->entries[i];
        int n;
        if (e->driver && (n = (int)strlen(e->driver)) > wd)
            wd = n;
        if (e->function && (n = (int)strlen(e->function)) > wf)
            wf = n;
        if (e->role && (n = (int)strlen(e->role)) > wr)
            wr = n;
    }
    fprintf(o->f, "%sentry points:%s %d\n", col(o, C_BOLD), col(o, C_RESET), r->nentries);
    if (r->nentries == 0)
        return;
    fprintf(o->f, "  %-*s  %-*s  %-*s  %s\n", wd, "driver", wf, "function", wr, "role",
            "found by");
    for (int i = 0; i < r->nentries; i++) {
        const EntryPointRow *e = &r->entries[i];
        /* the entry's location belongs to its first source: print it there,
         * before the others (each with its own) */
        const char *fb = e->found_by ? e->found_by : "";
        const char *rest = strstr(fb, "; ");
        int first = rest ? (int)(rest - fb) : (int)strlen(fb);
        fprintf(o->f, "  %-*s  %-*s  %-*s  %.*s", wd, e->driver ? e->driver : "", wf,
                e->function ? e->function : "", wr, e->role ? e->role : "", first, fb);
        if (e->file && e->line > 0)
            fprintf(o->f, " (%s:%d)", e->file, e->line);
        fprintf(o->f, "%s\n", rest ? rest : "");
    }
}

/* Write into a memory buffer, then sanitise it as a whole: the text report
 * is valid UTF-8 like the others (file names may hold any bytes). */
int rep_text(const Report *r, const ReportOptions *opt, FILE *dest)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return -1;
    Out o = {out, opt && opt->color, opt ? opt->baseline_written : NULL};
    for (int i = 0; i < r->diags.n; i++)
        print_diag(&o, &r->diags.v[i]);
    for (int i = 0; i < r->ndefects; i++)
        if (!r->defects[i].suppression)
            print_defect(&o, &r->defects[i]);
    if (opt && opt->list_entry_points)
        print_entries(&o, r);
    if (r->nincomplete) {
        loc(&o, NULL, 0, 0);
        severity(&o, "note");
        fprintf(out, "%d %s parsed with errors, analysed as far as parsed: ", r->nincomplete,
                plural(r->nincomplete, "file", "files"));
        short_list(&o, r->incomplete_files, r->nincomplete);
        fputc('\n', out);
    }
    if (r->nassumed) {
        loc(&o, NULL, 0, 0);
        severity(&o, "note");
        fprintf(out, "%d unknown %s assumed: ", r->nassumed,
                plural(r->nassumed, "name", "names"));
        short_list(&o, r->assumed, r->nassumed);
        fputc('\n', out);
    }
    int nsup = report_count_suppressed(r);
    if (nsup) {
        loc(&o, NULL, 0, 0);
        severity(&o, "note");
        fprintf(out, "%d %s suppressed by drvcheck-suppress comments (listed in JSON and SARIF)\n",
                nsup, plural(nsup, "defect", "defects"));
    }
    for (int i = 0; i < r->nverdicts; i++) {
        const VerdictRow *w = &r->verdicts[i];
        if (w->verdict != VERDICT_TIMEOUT && w->verdict != VERDICT_SPACEOUT &&
            w->verdict != VERDICT_NOT_RUNNABLE && !w->detail)
            continue;
        loc(&o, NULL, 0, 0);
        severity(&o, w->verdict == VERDICT_NOT_RUNNABLE || w->verdict == VERDICT_TIMEOUT ||
                     w->verdict == VERDICT_SPACEOUT ? "warning" : "note");
        fprintf(out, "[%s] %s on %s", w->rule ? w->rule : "?", verdict_name(w->verdict),
                w->driver ? w->driver : "?");
        if (w->detail)
            fprintf(out, ": %s", w->detail);
        fputc('\n', out);
    }
    print_summary(&o, r);
    if (fclose(out) != 0) {
        free(buf);
        return -1;
    }
    char *clean = rep_utf8(buf);
    fputs(clean, dest);
    free(clean);
    free(buf);
    fflush(dest);
    return ferror(dest) ? -1 : 0;
}
