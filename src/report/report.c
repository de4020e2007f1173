/* report.c - the defect model: building, ordering, counting, freeing.
 *
 * Every string is a malloc'd copy owned by the Report; arrays grow by
 * doubling.  report_sort gives the order all formats print in, so text,
 * JSON, SARIF and HTML list defects identically (HTML anchors #dN and
 * JSON results[N] name the same defect). */
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

static const char *verdict_names[] = {
#define X(e, n, l) n,
#include "drvcheck/verdicts.def"
#undef X
};
static const char *verdict_levels[] = {
#define X(e, n, l) l,
#include "drvcheck/verdicts.def"
#undef X
};
static const char *kind_names[] = {
#define X(e, n) n,
#include "drvcheck/tracekinds.def"
#undef X
};

const char *verdict_name(Verdict v)
{
    return (unsigned)v < VERDICT_COUNT ? verdict_names[v] : "Other";
}

const char *rep_verdict_level(Verdict v)
{
    return (unsigned)v < VERDICT_COUNT ? verdict_levels[v] : "note";
}

const char *trace_kind_name(TraceKind k)
{
    return (unsigned)k < TS_COUNT ? kind_names[k] : "step";
}

const char *rep_baseline_name(BaselineState b)
{
    switch (b) {
    case BASE_NEW: return "new";
    case BASE_UNCHANGED: return "unchanged";
    case BASE_NONE: break;
    }
    return NULL;
}

void report_init(Report *r)
{
    memset(r, 0, sizeof *r);
}

/* Make room for one more element of size `sz` in *v (count n, capacity cap). */
static void *grow(void *v, int n, int *cap, size_t sz)
{
    if (n < *cap)
        return v;
    int ncap = *cap ? *cap * 2 : 8;
    void *nv = realloc(v, (size_t)ncap * sz);
    if (!nv)
        abort();
    *cap = ncap;
    return nv;
}

Defect *report_add_defect(Report *r)
{
    r->defects = grow(r->defects, r->ndefects, &r->cap_defects, sizeof *r->defects);
    Defect *d = &r->defects[r->ndefects++];
    memset(d, 0, sizeof *d);
    return d;
}

TraceStep *defect_add_step(Defect *d)
{
    /* the capacity is not stored in Defect: grow at powers of two */
    int n = d->ntrace;
    if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
        int ncap = n < 8 ? 8 : n * 2;
        TraceStep *nt = realloc(d->trace, (size_t)ncap * sizeof *nt);
        if (!nt)
            abort();
        d->trace = nt;
    }
    TraceStep *s = &d->trace[d->ntrace++];
    memset(s, 0, sizeof *s);
    return s;
}

/* Append src's defects, verdicts and entry points to dst; src is left empty. */
static void *take(void *dv, int *dn, int *dcap, void **sv, int *sn, int *scap, size_t sz)
{
    if (*sn == 0)
        return dv;
    if (*dn + *sn > *dcap) {
        int ncap = *dcap ? *dcap : 8;
        while (ncap < *dn + *sn)
            ncap *= 2;
        void *nv = realloc(dv, (size_t)ncap * sz);
        if (!nv)
            abort();
        dv = nv;
        *dcap = ncap;
    }
    memcpy((char *)dv + (size_t)*dn * sz, *sv, (size_t)*sn * sz);
    *dn += *sn;
    free(*sv);
    *sv = NULL;
    *sn = *scap = 0;
    return dv;
}

void report_take(Report *dst, Report *src)
{
    dst->defects = take(dst->defects, &dst->ndefects, &dst->cap_defects, (void **)&src->defects,
                        &src->ndefects, &src->cap_defects, sizeof *dst->defects);
    dst->verdicts = take(dst->verdicts, &dst->nverdicts, &dst->cap_verdicts,
                         (void **)&src->verdicts, &src->nverdicts, &src->cap_verdicts,
                         sizeof *dst->verdicts);
    dst->entries = take(dst->entries, &dst->nentries, &dst->cap_entries, (void **)&src->entries,
                        &src->nentries, &src->cap_entries, sizeof *dst->entries);
}

void report_add_verdict(Report *r, const char *driver, const char *rule, Verdict v,
                        const char *detail)
{
    r->verdicts = grow(r->verdicts, r->nverdicts, &r->cap_verdicts, sizeof *r->verdicts);
    VerdictRow *w = &r->verdicts[r->nverdicts++];
    w->driver = rep_strdup(driver);
    w->rule = rep_strdup(rule);
    w->verdict = v;
    w->detail = rep_strdup(detail);
}

void report_add_entry(Report *r, const char *driver, const char *function, const char *role,
                      const char *found_by, const char *file, int line)
{
    r->entries = grow(r->entries, r->nentries, &r->cap_entries, sizeof *r->entries);
    EntryPointRow *e = &r->entries[r->nentries++];
    e->driver = rep_strdup(driver);
    e->function = rep_strdup(function);
    e->role = rep_strdup(role);
    e->found_by = rep_strdup(found_by);
    e->file = rep_strdup(file);
    e->line = line;
}

void report_add_rule(Report *r, const char *id, const char *summary, const char *description,
                     const char *file)
{
    r->rules = grow(r->rules, r->nrules, &r->cap_rules, sizeof *r->rules);
    RuleInfo *ri = &r->rules[r->nrules++];
    ri->id = rep_strdup(id);
    ri->summary = rep_strdup(summary);
    ri->description = rep_strdup(description);
    ri->file = rep_strdup(file);
}

static int strcmp0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_defect(const void *pa, const void *pb)
{
    const Defect *a = pa, *b = pb;
    int c = strcmp0(a->file, b->file);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if ((c = strcmp0(a->rule, b->rule)))
        return c;
    if ((c = strcmp0(a->driver, b->driver)))
        return c;
    if ((c = strcmp0(a->entry_point, b->entry_point)))
        return c;
    if (a->ntrace != b->ntrace)
        return a->ntrace < b->ntrace ? -1 : 1;
    for (int i = 0; i < a->ntrace; i++) {
        const TraceStep *x = &a->trace[i], *y = &b->trace[i];
        if ((c = strcmp0(x->file, y->file)))
            return c;
        if (x->line != y->line)
            return x->line < y->line ? -1 : 1;
        if (x->col != y->col)
            return x->col < y->col ? -1 : 1;
        if ((c = strcmp0(x->message, y->message)))
            return c;
    }
    return strcmp0(a->message, b->message);
}

static int cmp_verdict(const void *pa, const void *pb)
{
    const VerdictRow *a = pa, *b = pb;
    int c = strcmp0(a->driver, b->driver);
    return c ? c : strcmp0(a->rule, b->rule);
}

static int cmp_entry(const void *pa, const void *pb)
{
    const EntryPointRow *a = pa, *b = pb;
    int c = strcmp0(a->driver, b->driver);
    if (c)
        return c;
    if ((c = strcmp0(a->file, b->file)))
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return strcmp0(a->function, b->function);
}

static int cmp_rule(const void *pa, const void *pb)
{
    return strcmp0(((const RuleInfo *)pa)->id, ((const RuleInfo *)pb)->id);
}

void report_sort(Report *r)
{
    if (r->ndefects > 1)
        qsort(r->defects, (size_t)r->ndefects, sizeof *r->defects, cmp_defect);
    if (r->nverdicts > 1)
        qsort(r->verdicts, (size_t)r->nverdicts, sizeof *r->verdicts, cmp_verdict);
    if (r->nentries > 1)
        qsort(r->entries, (size_t)r->nentries, sizeof *r->entries, cmp_entry);
    if (r->nrules > 1)
        qsort(r->rules, (size_t)r->nrules, sizeof *r->rules, cmp_rule);
}

int report_count_new(const Report *r)
{
    int n = 0;
    for (int i = 0; i < r->ndefects; i++)
        if (!r->defects[i].suppression && r->defects[i].baseline != BASE_UNCHANGED)
            n++;
    return n;
}

int report_count_suppressed(const Report *r)
{
    int n = 0;
    for (int i = 0; i < r->ndefects; i++)
        if (r->defects[i].suppression)
            n++;
    return n;
}

static void free_strs(char **v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void report_free(Report *r)
{
    for (int i = 0; i < r->ndefects; i++) {
        Defect *d = &r->defects[i];
        for (int j = 0; j < d->ntrace; j++) {
            free(d->trace[j].file);
            free(d->trace[j].function);
            free(d->trace[j].message);
            free(d->trace[j].state);
        }
        free(d->trace);
        free(d->rule);
        free(d->message);
        free(d->severity);
        free(d->file);
        free(d->function);
        free(d->driver);
        free(d->entry_point);
        free(d->fingerprint);
        free(d->suppression);
    }
    free(r->defects);
    for (int i = 0; i < r->nverdicts; i++) {
        free(r->verdicts[i].driver);
        free(r->verdicts[i].rule);
        free(r->verdicts[i].detail);
    }
    free(r->verdicts);
    for (int i = 0; i < r->nentries; i++) {
        EntryPointRow *e = &r->entries[i];
        free(e->driver);
        free(e->function);
        free(e->role);
        free(e->found_by);
        free(e->file);
    }
    free(r->entries);
    for (int i = 0; i < r->nrules; i++) {
        free(r->rules[i].id);
        free(r->rules[i].summary);
        free(r->rules[i].description);
        free(r->rules[i].file);
    }
    free(r->rules);
    diag_clear(&r->diags);
    free_strs(r->incomplete_files, r->nincomplete);
    free_strs(r->assumed, r->nassumed);
    free(r->tool_name);
    free(r->tool_version);
    free(r->scan_root);
    memset(r, 0, sizeof *r);
}
