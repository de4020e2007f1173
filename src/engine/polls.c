/* polls.c - waits by polling: a loop that sleeps until another thread
 * changes what it tests.
 *
 * `while (Adapter->Outstanding != 0) NdisMSleep(1000);` in MiniportHaltEx,
 * or in a helper it calls, drains the work items the driver counted in
 * Outstanding: each lowers the count when it is done.  NDIS runs a queued
 * work item, or an armed timer's callback, on a thread of its own at any
 * time, so while the driver sleeps in such a loop the callback may run,
 * and the loop is left once it changed what the loop tests.
 *
 * prog_build marks every sleep inside a loop with the loop's exit
 * conditions (CallRes.poll, poll_build).  The slice keeps the fields and
 * globals they read where a gated callback matters to the rule (slice.c);
 * the frames give the sleeping function those callbacks as callees (what
 * they read and write is its too: frames.c); and at the sleep the search
 * runs every pending callback that writes one of them (interp.c
 * poll_sleep).  A callback that may write one of them before it reaches a
 * call where the rule can report (drops its count, then synchronises) may also
 * be midway at the sleep: what it wrote there unknown, the rest of it
 * still to come, as the pending callback it still is (poll_midway). */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* Sleeping, to let another thread get on (a stall in a loop polls the
 * device instead). */
int api_sleeps(const char *api)
{
    static const char *const set[] = {"NdisMSleep", "KeDelayExecutionThread"};
    for (size_t i = 0; api && i < sizeof set / sizeof set[0]; i++)
        if (strcmp(api, set[i]) == 0)
            return 1;
    return 0;
}

/* Blocks reachable from `from` along the edges (fwd) or against them. */
static void reach(const Func *f, int from, int fwd, unsigned char *r, int *stack)
{
    int sp = 0;
    r[from] = 1;
    stack[sp++] = from;
    while (sp) {
        int b = stack[--sp];
        for (int x = 0; x < f->nblocks; x++) {
            int edge = 0;
            for (int k = 0; k < 2 && !edge; k++)
                edge = fwd ? f->blocks[b].succ[k] == x : f->blocks[x].succ[k] == b;
            if (edge && !r[x]) {
                r[x] = 1;
                stack[sp++] = x;
            }
        }
    }
}

static void count_path(void *to, const Expr *x)
{
    (void)x;
    ++*(int *)to;
}

void poll_build(const Func *f, int b, CallRes *r, Arena *a)
{
    int n = f->nblocks;
    unsigned char *fwd = calloc(2 * (size_t)n + 1, 1), *back = fwd + n;
    int *stack = malloc(sizeof *stack * ((size_t)n + 1));
    if (!fwd || !stack)
        abort();
    reach(f, b, 1, fwd, stack);
    reach(f, b, 0, back, stack);
    int cycle = 0;
    for (int k = 0; k < 2; k++)
        cycle |= f->blocks[b].succ[k] >= 0 && back[f->blocks[b].succ[k]];
    /* the loop: the blocks on a cycle through b; its exits: the branches
     * in it with an edge out of it */
    const Expr *conds[16];
    int nc = 0;
    for (int x = 0; cycle && x < n && nc < 16; x++) {
        const Block *bl = &f->blocks[x];
        int persistent = 0;
        if (!fwd[x] || !back[x] || bl->term != T_BRANCH || !bl->cond)
            continue;
        poll_paths(bl->cond, count_path, &persistent);
        if (!persistent)       /* a local (`while (b)`): no other thread changes it */
            continue;
        int out = 0;
        for (int k = 0; k < 2; k++)
            out |= bl->succ[k] >= 0 && !(fwd[bl->succ[k]] && back[bl->succ[k]]);
        if (out)
            conds[nc++] = bl->cond;
    }
    if (nc) {
        r->poll = arena_alloc(a, sizeof *r->poll * (size_t)nc);
        memcpy(r->poll, conds, sizeof *conds * (size_t)nc);
        r->npoll = nc;
    }
    free(fwd);
    free(stack);
}

/* The fields and globals x reads, each given to add(to, path). */
void poll_paths(const Expr *x, void (*add)(void *, const Expr *), void *to)
{
    for (; x && x->kind != EX_ADDR; x = x->b) {
        if (x->kind == EX_PATH) {
            if (x->scope == SCOPE_GLOBAL || x->scope == SCOPE_HEAP)
                add(to, x);
            return;
        }
        poll_paths(x->a, add, to);
        poll_paths(x->c, add, to);
        if (x->kind != EX_BINOP && x->kind != EX_COND)
            return;
    }
}

static void add_key(void *to, const Expr *x)
{
    PollKeys *ks = to;
    int32_t k = ev_path_key(ks->e, x);
    for (int i = 0; i < ks->n; i++)
        if (ks->k[i] == k)
            return;
    if (k > 0 && ks->n < 16)
        ks->k[ks->n++] = k;
}

void poll_keys(Engine *e, const CallRes *cr, PollKeys *ks)
{
    ks->e = e;
    ks->n = 0;
    for (int i = 0; i < cr->npoll; i++)
        poll_paths(cr->poll[i], add_key, ks);
}

int poll_writes(Engine *e, int g, const CallRes *cr)
{
    PollKeys ks;
    poll_keys(e, cr, &ks);
    for (int i = 0; i < ks.n; i++)
        if (fr_writes(e, e->frames, g, ks.k[i]))
            return 1;
    return 0;
}

/* Does step st write one of ks's keys: assigns it, passes its address, or
 * calls a function that writes it? */
static int step_writes(Engine *e, const Step *st, const PollKeys *ks)
{
    for (int i = 0; i < ks->n; i++) {
        if (st->kind == ST_ASSIGN) {
            if (st->lhs && st->lhs->kind == EX_PATH && ev_path_key(e, st->lhs) == ks->k[i])
                return 1;
            continue;
        }
        for (int x = 0; x < st->nargs; x++) {
            const Expr *ax = st->args[x];
            if (ax && ax->kind == EX_ADDR && ax->a && ax->a->kind == EX_PATH &&
                ev_path_key(e, ax->a) == ks->k[i])
                return 1;
        }
        const CallRes *cr = prog_call(e->prog, st);
        for (int t = 0; cr && t < cr->n; t++)
            if (fr_writes(e, e->frames, cr->fi[t], ks->k[i]))
                return 1;
    }
    return 0;
}

/* Can function fi, or what it calls, reach a call at which the rule can
 * report?  (Worked out once a run: Engine.poll_abort, 2 yes, 1 no.) */
static int fn_can_abort(Engine *e, int fi)
{
    const Program *p = e->prog;
    if (!e->poll_abort) {
        e->poll_abort = calloc((size_t)p->nfuncs + 1, 1);
        if (!e->poll_abort)
            abort();
    }
    if (e->poll_abort[fi])
        return e->poll_abort[fi] == 2;
    /* every function fi reaches, marked as visited; the answer is fi's */
    unsigned char *seen = calloc((size_t)p->nfuncs + 1, 1);
    int *work = malloc(sizeof *work * ((size_t)p->nfuncs + 1)), n = 0, yes = 0;
    if (!seen || !work)
        abort();
    seen[fi] = 1;
    work[n++] = fi;
    while (n && !yes) {
        const Func *f = p->funcs[work[--n]].f;
        for (int b = 0; b < f->nblocks && !yes; b++)
            for (int k = 0; k < f->blocks[b].nsteps && !yes; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL)
                    continue;
                const CallRes *cr = prog_call(p, st);
                if ((!cr || cr->direct < 0) && site_call_can_abort(e->rule, st))
                    yes = 1;
                for (int t = 0; cr && t < cr->n; t++)
                    if (!seen[cr->fi[t]]) {
                        seen[cr->fi[t]] = 1;
                        work[n++] = cr->fi[t];
                    }
            }
    }
    e->poll_abort[fi] = (unsigned char)(yes ? 2 : 1);
    free(seen);
    free(work);
    return yes;
}

/* Can step st reach a call at which the rule can report? */
static int step_fires(Engine *e, const Step *st)
{
    if (st->kind != ST_CALL)
        return 0;
    const CallRes *cr = prog_call(e->prog, st);
    if ((!cr || cr->direct < 0) && site_call_can_abort(e->rule, st))
        return 1;
    for (int t = 0; cr && t < cr->n; t++)
        if (fn_can_abort(e, cr->fi[t]))
            return 1;
    return 0;
}

int poll_midway_may(Engine *e, const EntryPoint *ep, const CallRes *cr)
{
    PollKeys ks;
    poll_keys(e, cr, &ks);
    const Func *f = e->prog->funcs[ep->func].f;
    int n = f->nblocks, found = 0;
    unsigned char *seen = calloc((size_t)n + 1, 1);
    int *stack = malloc(sizeof *stack * ((size_t)n + 1)), sp = 0;
    if (!seen || !stack)
        abort();
    /* from each write, on along its block and every path after it */
    for (int b = 0; b < n && !found; b++)
        for (int k = 0; k < f->blocks[b].nsteps && !found; k++) {
            if (!step_writes(e, &f->blocks[b].steps[k], &ks))
                continue;
            if (eng_mentions_role(e, ep->role))     /* its return is an event */
                found = 1;
            for (int j = k; j < f->blocks[b].nsteps && !found; j++)
                found = step_fires(e, &f->blocks[b].steps[j]);
            for (int s = 0; s < 2 && !found; s++)
                if (f->blocks[b].succ[s] >= 0 && !seen[f->blocks[b].succ[s]]) {
                    seen[f->blocks[b].succ[s]] = 1;
                    stack[sp++] = f->blocks[b].succ[s];
                }
            break;
        }
    while (sp && !found) {
        const Block *bl = &f->blocks[stack[--sp]];
        for (int j = 0; j < bl->nsteps && !found; j++)
            found = step_fires(e, &bl->steps[j]);
        for (int s = 0; s < 2 && !found; s++)
            if (bl->succ[s] >= 0 && !seen[bl->succ[s]]) {
                seen[bl->succ[s]] = 1;
                stack[sp++] = bl->succ[s];
            }
    }
    free(seen);
    free(stack);
    return found;
}

State *poll_midway(Engine *e, int g, const CallRes *cr, const State *s)
{
    PollKeys ks;
    poll_keys(e, cr, &ks);
    State *m = st_copy(e, s);
    for (int i = 0; i < ks.n; i++)
        if (fr_writes(e, e->frames, g, ks.k[i]))
            st_havoc_prefix(e, m, ks.k[i]);
    st_finish(e, m);
    return m;
}
