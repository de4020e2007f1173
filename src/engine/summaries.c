/* summaries.c - the table of function summaries: (function, entry state)
 * -> exit states, computed once and replayed (interp.c in_call).
 *
 * Entries are found by facts; a function called from many different
 * states has its entries widened into the newest one that agrees on the
 * decisive facts once it holds its cap (sum_find), and an exit computed
 * from a widened entry is narrowed back to the caller's own facts
 * (unwiden).  DRVCHECK_ENGINE_STATS reports the functions analysed most
 * (sum_free). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

enum { SUM_BUCKETS = 4096 };

typedef struct SumTab {
    Summary *b[SUM_BUCKETS];
    Summary ***byfunc;       /* per function: its summaries in creation order */
    int *nlatest, *caplatest;
    int nfuncs;
} SumTab;

static Summary *sum_lookup(Engine *e, int fi, const State *entry)
{
    unsigned h = (unsigned)((entry->hash ^ (uint64_t)fi * 0x9e3779b97f4a7c15ULL) % SUM_BUCKETS);
    for (Summary *s = e->sums->b[h]; s; s = s->next)
        if (s->fi == fi && st_equal(e, s->entry, entry))
            return s;
    return NULL;
}

static Summary *sum_insert(Engine *e, int fi, State *entry)
{
    SumTab *t = e->sums;
    unsigned h = (unsigned)((entry->hash ^ (uint64_t)fi * 0x9e3779b97f4a7c15ULL) % SUM_BUCKETS);
    Summary *s = arena_alloc(e->arena, sizeof *s);
    s->fi = fi;
    s->entry = entry;
    s->next = t->b[h];
    t->b[h] = s;
    /* per-function list, for widening */
    if (t->nlatest[fi] == t->caplatest[fi]) {
        t->caplatest[fi] = t->caplatest[fi] ? t->caplatest[fi] * 2 : 4;
        Summary **nv = arena_alloc(e->arena, sizeof *nv * (size_t)t->caplatest[fi]);
        for (int i = 0; i < t->nlatest[fi]; i++)
            nv[i] = t->byfunc[fi][i];
        t->byfunc[fi] = nv;
    }
    t->byfunc[fi][t->nlatest[fi]++] = s;
    return s;
}

/* A summary computed from a widened entry (went) and used for the entry
 * `act`: a fact of act the widening weakened, on a key fi never writes,
 * that this exit still holds as the widened entry had it, is act's again
 * (a flag bit the caller just set survives a call of a helper that only
 * reads the flags, whatever other callers passed it). */
State *unwiden(Engine *e, int fi, State *x, const State *went, const State *act)
{
    State *r = x;
    for (int i = 0; i < act->nfacts; i++) {
        int32_t k = act->facts[i].key;
        const AbsVal *wv = st_get(e, went, k);
        if (!key_persistent(e, k) || (wv && av_equal(wv, st_fval(e, &act->facts[i]))))
            continue;
        if (fr_writes(e, e->frames, fi, k)) {
            /* written only bit by bit (Flags |= HW_ERROR): the bits it never
             * writes, where this exit has them as the widened entry did,
             * are the caller's */
            uint64_t m = fr_write_mask(e, e->frames, fi, k);
            const AbsVal *xv = st_get(e, x, k);
            const AbsVal *av = st_fval(e, &act->facts[i]);
            uint64_t wk = wv ? wv->kmask : 0, wb = wv ? wv->kbits : 0;
            uint64_t xk = xv ? xv->kmask : 0, xb = xv ? xv->kbits : 0;
            if (m == ~(uint64_t)0 || ((xk ^ wk) & ~m) || ((xb ^ wb) & xk & ~m) ||
                !(av->kmask & ~m & ~xk))
                continue;                /* written whole, changed, or nothing to give */
            AbsVal nv = av_top();
            nv.kmask = (av->kmask & ~m) | (xk & m);
            nv.kbits = (av->kbits & av->kmask & ~m) | (xb & xk & m);
            if (nv.kmask == ~(uint64_t)0)
                nv = av_const((int64_t)nv.kbits);
            if (r == x)
                r = st_copy(e, x);
            st_set(e, r, k, &nv);
            continue;
        }
        const AbsVal *xv = st_get(e, x, k);
        if (xv ? !(wv && av_equal(xv, wv)) : wv != NULL)
            continue;                    /* this path changed it */
        if (r == x)
            r = st_copy(e, x);
        st_set(e, r, k, st_fval(e, &act->facts[i]));
    }
    if (r != x)
        st_finish(e, r);
    return r;
}

/* The summary for (fi, entry): an equal entry's, else a new one; past
 * SUM_CAP entries with the same rule state and the same parameter values,
 * the entry's other facts are widened into the newest of them (so a
 * function is analysed a bounded number of times per rule state and
 * arguments, whatever else its callers know). */
Summary *sum_find(Engine *e, int fi, State **entryp)
{
    if (!e->sums) {
        e->sums = calloc(1, sizeof *e->sums);
        e->sums->nfuncs = e->prog->nfuncs;
        e->sums->byfunc = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->sums->byfunc);
        e->sums->nlatest = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->sums->nlatest);
        e->sums->caplatest = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->sums->caplatest);
    }
    State *entry = *entryp;
    Summary *s = sum_lookup(e, fi, entry);
    if (s)
        return s;
    SumTab *t = e->sums;
    Summary **list = t->byfunc[fi];
    int same = 0, sameprop = 0, alike = 0, alike_prop = 0;
    Summary *newest = NULL, *newest_prop = NULL, *newest_alike = NULL, *newest_alike_prop = NULL;
    int root = (e->depth == 0 || e->root_entry) && !e->rule->has_watch;
    for (int i = 0; i < t->nlatest[fi]; i++)
        if (st_same_property(e, list[i]->entry, entry) &&
            (!root || e->probe || st_same_deferred(e, list[i]->entry, entry))) {
            sameprop++;
            newest_prop = list[i];
            if (st_distance_below(e, list[i]->entry, entry, 64) < 64) {
                alike_prop++;
                newest_alike_prop = list[i];
            }
            if (st_same_locals(e, list[i]->entry, entry)) {
                same++;
                newest = list[i];
                if (st_distance_below(e, list[i]->entry, entry, 64) < 64) {
                    alike++;
                    newest_alike = list[i];
                }
            }
        }
    /* a callback NDIS calls, from the adapter states the harness keeps
     * apart, keeps more entries apart */
    int cap = e->depth == 0 || e->root_entry ? e->root_sum_cap : e->sum_cap;
    e->root_entry = 0;
    /* widen into the newest entry that agrees on the decisive facts, if
     * one does */
    if (alike)
        newest = newest_alike;
    /* called with many different arguments: the arguments widen too, into
     * an entry that agrees on the decisive ones (a lock-type selector);
     * arguments that decide a rule event are kept apart up to 4 times the
     * cap */
    if (sameprop >= e->sum_args_cap && !(same >= cap && newest)) {
        if (alike_prop)
            newest = newest_alike_prop, same = cap;
        else if (sameprop >= 4 * e->sum_args_cap)
            newest = newest_prop, same = cap;
    }
    /* an entry that agrees with none on the decisive facts gets one more
     * entry's room: widening it would blur the flags that decide the rule
     * ("released implies SurpriseRemoved or HardwareFailed"; netvmini
     * engine +16% instructions) */
    if (same >= cap && newest && (alike || same > cap || sameprop >= e->sum_args_cap)) {
        State *j = st_join(e, newest->entry, entry, 1, 1);
        s = sum_lookup(e, fi, j);
        if (s)
            return s;
        *entryp = j;
        return sum_insert(e, fi, j);
    }
    State *k = st_copy(e, entry);
    st_finish(e, k);
    *entryp = k;
    return sum_insert(e, fi, k);
}

/* The key a and b alone disagree on (a fact on one side only, or two
 * values), 0 when they agree, -1 when they disagree on more. */
static int32_t one_apart(Engine *e, const State *a, const State *b)
{
    int32_t k = 0;
    int i = 0, j = 0;
    while (i < a->nfacts || j < b->nfacts) {
        int32_t d;
        if (j >= b->nfacts || (i < a->nfacts && a->facts[i].key < b->facts[j].key))
            d = a->facts[i++].key;
        else if (i >= a->nfacts || b->facts[j].key < a->facts[i].key)
            d = b->facts[j++].key;
        else if (!vt_same(e->vals, a->facts[i].val, b->facts[j].val))
            d = a->facts[i++].key, j++;
        else {
            i++, j++;
            continue;
        }
        if (k)
            return -1;
        k = d;
    }
    return k;
}

/* DRVCHECK_ENGINE_STATS: which facts tell a function's summary entries
 * apart.  For each entry, the earlier entry of the same function and rule
 * state it is closest to; where the two differ in one fact only, that
 * fact's key is counted (rule state alone: "<rule state>").  The keys
 * counted most are where callers' differences multiply analyses: facts a
 * callee never needs in its entry are the first candidates to leave out
 * (frames.c fr_project, fr_split). */
static void apart_stats(Engine *e)
{
    enum { TOP = 10 };
    struct { int32_t key; int n; } top[TOP + 1] = {{0, 0}};
    int nentries = 0, one = 0, state_only = 0;
    int32_t *keys = calloc((size_t)e->keys->n + 1, sizeof *keys);
    if (!keys)
        abort();
    for (int f = 0; f < e->sums->nfuncs; f++) {
        Summary **l = e->sums->byfunc[f];
        for (int i = 0; i < e->sums->nlatest[f]; i++) {
            int32_t best = -1, rs = 0;
            for (int j = 0; j < i && best != 0; j++) {
                int32_t k = one_apart(e, l[i]->entry, l[j]->entry);
                if (k >= 0 && !st_same_instances(e, l[i]->entry, l[j]->entry))
                    rs |= k == 0;     /* the same facts, another rule state */
                else if (k >= 0 && (best < 0 || k == 0))
                    best = k;
            }
            nentries++;
            if (best > 0 && best < e->keys->n) {
                one++;
                keys[best]++;
            } else if (best < 0 && rs) {
                state_only++;
            }
        }
    }
    for (int32_t k = 1; k < e->keys->n; k++) {
        int at = TOP;
        while (at > 0 && keys[k] > top[at - 1].n)
            at--;
        if (at < TOP && keys[k] > 0) {
            memmove(top + at + 1, top + at, sizeof *top * (size_t)(TOP - at - 1));
            top[at].key = k;
            top[at].n = keys[k];
        }
    }
    free(keys);
    fprintf(stderr, "engine: %d summary entries, %d one fact apart from an earlier one, %d in the "
            "rule state only:", nentries, one, state_only);
    for (int t = 0; t < TOP && top[t].n; t++)
        fprintf(stderr, " %s x%d", key_name(e, top[t].key), top[t].n);
    fputc('\n', stderr);
}

void sum_free(Engine *e)
{
    if (!e->sums)
        return;
    if (getenv("DRVCHECK_ENGINE_STATS") && !e->capture) {
        /* the functions analysed most often: where a driver's time goes */
        int nf = e->sums->nfuncs, top[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
        for (int f = 0; f < nf; f++)
            for (int k = 0; k < 8; k++)
                if (top[k] < 0 || e->sums->nlatest[f] > e->sums->nlatest[top[k]]) {
                    memmove(top + k + 1, top + k, sizeof *top * (size_t)(7 - k));
                    top[k] = f;
                    break;
                }
        fprintf(stderr, "engine: %s (%s): %zu states, %zu KiB;", e->rule->name,
                e->local ? "local runs"
                : e->level == SLICE_OBJECTS ? "objects probe"
                : e->level == SLICE_TOUCHING ? "touching probe" : "full run",
                e->nstates, arena_used(e->arena) / 1024);
        for (int k = 0; k < 8 && top[k] >= 0; k++)
            fprintf(stderr, " %s x%d", e->prog->funcs[top[k]].f->name, e->sums->nlatest[top[k]]);
        fputc('\n', stderr);
        long *wk = e->work, tt = 0, tf = 0;
        for (int f = 0; wk && f < nf; f++)
            *(fr_touches(e->frames, f) ? &tt : &tf) += wk[f];
        fprintf(stderr, "engine: steps run: %ld in functions that touch the rule, %ld in others\n",
                tt, tf);
        for (int k = 0; k < 8 && wk; k++) {       /* destroys e->work: it is freed next */
            int m = 0;
            for (int f = 0; f < nf; f++)
                m = wk[f] > wk[m] ? f : m;
            fprintf(stderr, "engine:   %s: %ld steps, %d summaries%s\n", e->prog->funcs[m].f->name,
                    wk[m], e->sums->nlatest[m], fr_touches(e->frames, m) ? "" : " (frame)");
            wk[m] = -1;
        }
        apart_stats(e);
    }
    for (int i = 0; i < SUM_BUCKETS; i++)
        for (Summary *s = e->sums->b[i]; s; s = s->next)
            sv_release(e, &s->exits);
    free(e->sums->byfunc);
    free(e->sums->nlatest);
    free(e->sums->caplatest);
    free(e->sums);
    e->sums = NULL;
}
