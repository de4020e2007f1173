/* graph.c - basic blocks under construction, and their clean-up.
 *
 * The builder keeps a "current block" (L->cur); steps go there, a
 * terminator closes it and leaves the point unreachable (cur = -1) until a
 * block is entered again.  Code after a return thus lands in fresh blocks
 * without predecessors, which g_finish drops.  A branch on a constant keeps
 * only its live edge.
 *
 * g_finish: empty unlabelled blocks that only jump are threaded through,
 * unreachable blocks are dropped, the rest renumbered (entry 0, then
 * creation order, which follows the source) and copied into the unit's
 * arena.  Cost: linear in blocks + edges. */
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

int g_new(Lower *L)
{
    if (L->nbbs == L->capbbs) {
        L->capbbs = L->capbbs ? L->capbbs * 2 : 64;
        L->bbs = realloc(L->bbs, (size_t)L->capbbs * sizeof *L->bbs);
        if (!L->bbs)
            abort();
    }
    BB *b = &L->bbs[L->nbbs];
    memset(b, 0, sizeof *b);
    b->b.id = L->nbbs;
    b->b.succ[0] = b->b.succ[1] = -1;
    return L->nbbs++;
}

static BB *open_bb(Lower *L)
{
    if (L->cur < 0)
        L->cur = g_new(L);
    return &L->bbs[L->cur];
}

void g_emit(Lower *L, const Step *s)
{
    BB *b = open_bb(L);
    if (b->b.nsteps == b->capsteps)
        b->b.steps = arena_grow(L->a, b->b.steps, &b->capsteps, sizeof(Step));
    b->b.steps[b->b.nsteps++] = *s;
}

static BB *close_bb(Lower *L, TermKind t, Loc loc)
{
    BB *b = open_bb(L);
    b->b.term = t;
    b->b.term_loc = loc;
    b->closed = 1;
    L->cur = -1;
    return b;
}

void g_goto(Lower *L, int target, Loc loc)
{
    if (L->cur < 0)
        return;
    BB *b = close_bb(L, T_GOTO, loc);
    b->b.succ[0] = target;
}

void g_branch(Lower *L, Expr *cond, int t, int f, BranchKind k, Loc loc)
{
    if (cond && cond->kind == EX_INT) {
        if (L->cur < 0)
            L->cur = g_new(L);
        g_goto(L, cond->ival ? t : f, loc);
        return;
    }
    BB *b = close_bb(L, T_BRANCH, loc);
    b->b.cond = cond;
    b->b.branch_kind = k;
    b->b.succ[0] = t;
    b->b.succ[1] = f;
}

void g_return(Lower *L, Expr *val, Loc loc)
{
    BB *b = close_bb(L, T_RETURN, loc);
    b->b.retval = val;
}

void g_noreturn(Lower *L, Loc loc)
{
    close_bb(L, T_NORETURN, loc);
}

void g_enter(Lower *L, int b)
{
    if (L->cur >= 0 && L->cur != b)
        g_goto(L, b, (Loc){0});
    L->cur = b;
}

/* Follow empty, unlabelled jump-only blocks; cycles end after n hops. */
static int resolve(Lower *L, int b)
{
    for (int hops = 0; b >= 0 && hops < L->nbbs; hops++) {
        const BB *x = &L->bbs[b];
        if (!x->closed || x->b.nsteps || x->b.term != T_GOTO || x->b.label)
            break;
        b = x->b.succ[0];
    }
    return b;
}

void g_finish(Lower *L)
{
    int n = L->nbbs;
    int *newid = malloc((size_t)n * sizeof *newid);
    int *work = malloc((size_t)n * sizeof *work);
    if (!newid || !work)
        abort();
    for (int i = 0; i < n; i++) {
        BB *x = &L->bbs[i];
        if (!x->closed) {            /* a target never started: label missing */
            x->closed = 1;
            x->b.term = T_NORETURN;
        }
        newid[i] = -1;
    }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++)
            if (L->bbs[i].b.succ[k] >= 0)
                L->bbs[i].b.succ[k] = resolve(L, L->bbs[i].b.succ[k]);
    int entry = resolve(L, 0);
    /* reachability: mark with -2 */
    int nw = 0;
    work[nw++] = entry;
    newid[entry] = -2;
    while (nw) {
        int b = work[--nw];
        for (int k = 0; k < 2; k++) {
            int s = L->bbs[b].b.succ[k];
            if (s >= 0 && newid[s] == -1) {
                newid[s] = -2;
                work[nw++] = s;
            }
        }
    }
    int m = 0;
    newid[entry] = m++;
    for (int i = 0; i < n; i++)
        if (newid[i] == -2)
            newid[i] = m++;
    Func *f = L->fn;
    f->nblocks = m;
    f->blocks = arena_alloc(L->a, (size_t)m * sizeof(Block));
    for (int i = 0; i < n; i++) {
        if (newid[i] < 0)
            continue;
        Block *d = &f->blocks[newid[i]];
        *d = L->bbs[i].b;
        d->id = newid[i];
        for (int k = 0; k < 2; k++)
            if (d->succ[k] >= 0)
                d->succ[k] = newid[d->succ[k]];
        if (d->term == T_GOTO || d->term == T_RETURN || d->term == T_NORETURN)
            d->succ[1] = -1;
        if (d->term == T_RETURN || d->term == T_NORETURN)
            d->succ[0] = -1;
    }
    free(newid);
    free(work);
}
