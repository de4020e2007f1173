/* thresholds.c - where a widened bound stops: the constants the driver
 * assigns to each key.
 *
 * A loop head past the states it keeps widens a bound that grew out to
 * the next threshold (absval.c av_widen_at), so merging terminates.  With
 * only the type limits as thresholds, a poll loop's back-off `Wait = 5;
 * ... if (Try == 7) Wait = 100;` widened Wait from 5 to [5, 2^31 - 1] at
 * the head: a stall of "some unbounded value", which the stall rule cannot
 * call a defect, so 100 us went unreported (blind round 10).  A bound of a
 * key stops first at a constant the driver assigns to that key anywhere
 * (Wait: 5, 100): [5, 100], a value the rule sees as bounded.  A counter
 * stepped by arithmetic (`Delay <<= 1`) passes them and widens on as
 * before; a key has finitely many, so widening still terminates.  Built
 * once per driver by the base run (harness.c engine_base); read by every
 * run, on any thread. */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

enum { THR_MAX = 16 };       /* a key's thresholds at most: a table of constants
                                (an enum's every value) past that widens as before */

struct Thresholds {
    int32_t nkeys;
    int32_t *at;             /* by key id: its first value in v, at[k + 1] its end */
    int64_t *v;              /* each key's values, sorted, distinct */
};

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct Pair {
    int32_t key;
    int64_t val;
} Pair;

static int cmp_pair(const void *a, const void *b)
{
    const Pair *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return cmp_i64(&x->val, &y->val);
}

Thresholds *thr_build(Engine *e)
{
    const Program *p = e->prog;
    int32_t nkeys = e->keys->n;
    Pair *pairs = NULL;
    size_t n = 0, cap = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_ASSIGN || !st->lhs || st->lhs->kind != EX_PATH || !st->rhs ||
                    st->rhs->kind != EX_INT)
                    continue;
                int32_t key = ev_path_key(e, st->lhs);
                if (key <= 0 || key >= nkeys)
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 256;
                    pairs = realloc(pairs, sizeof *pairs * cap);
                    if (!pairs)
                        abort();
                }
                pairs[n++] = (Pair){key, st->rhs->ival};
            }
    }
    if (n)
        qsort(pairs, n, sizeof *pairs, cmp_pair);
    Thresholds *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    t->nkeys = nkeys;
    t->at = calloc((size_t)nkeys + 1, sizeof *t->at);
    t->v = malloc(sizeof *t->v * (n + 1));
    if (!t->at || !t->v)
        abort();
    size_t i = 0, nv = 0;
    for (int32_t k = 0; k < nkeys; k++) {
        t->at[k] = (int32_t)nv;
        size_t first = nv;
        for (; i < n && pairs[i].key == k; i++)
            if (nv == first || t->v[nv - 1] != pairs[i].val)
                t->v[nv++] = pairs[i].val;
        if (nv - first > THR_MAX)
            nv = first;          /* too many to be a few modes: none */
    }
    t->at[nkeys] = (int32_t)nv;
    free(pairs);
    return t;
}

const int64_t *thr_of(const Thresholds *t, int32_t key, int *n)
{
    *n = 0;
    if (!t || key <= 0 || key >= t->nkeys)
        return NULL;
    *n = t->at[key + 1] - t->at[key];
    return *n ? t->v + t->at[key] : NULL;
}

void thr_free(Thresholds *t)
{
    if (!t)
        return;
    free(t->at);
    free(t->v);
    free(t);
}
