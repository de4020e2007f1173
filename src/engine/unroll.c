/* unroll.c - small counted loops whose iterations a rule tells apart.
 *
 * A block's states are joined past a few per rule state (KEEP), so a loop
 * is followed exactly for a few iterations and then widened.  A retry loop
 * whose delay grows each time (`for (Try = 0; Try < 6; Try++) {
 * NdisStallExecution(DelayUs); ... DelayUs <<= 1; }`: 2, 4, 8, 16, 32, 64 us)
 * breaks a rule that reads a call's arguments only in a late iteration, and
 * the widened delay of that iteration is no longer bounded by a constant,
 * so the stall went unreported (cases 404, 411).  Such a loop keeps one
 * state per iteration in every block of its body: its head tests a counter
 * against a constant bound of at most UNROLL_MAX iterations, and its body
 * hands a value that is no constant to a call where the rule reports by
 * the call's arguments alone (sites.c site_by_args), directly or through
 * a helper's parameter.  Every other loop is joined as before: unrolling
 * e100bex's EEPROM and PHY loops, whose stalls are constants, cost its
 * engine 20% more instructions for nothing. */
#include <stdio.h>
#include <stdlib.h>

#include "engine/internal.h"

enum { UNROLL_MIN = 5, UNROLL_MAX = 32 };

static int succs(const Block *b, int *s)
{
    int n = 0;
    if (b->term == T_GOTO || b->term == T_BRANCH)
        s[n++] = b->succ[0];
    if (b->term == T_BRANCH && b->succ[1] != b->succ[0])
        s[n++] = b->succ[1];
    return n;
}

/* Iterations a head's test allows when its counter counts up from 0:
 * `i < C`, `i <= C`, `i != C` (and the same written the other way round),
 * or 0 when it is no such test. */
static int trip_bound(const Expr *c)
{
    if (!c || c->kind != EX_BINOP || !c->a || !c->b)
        return 0;
    const Expr *v = c->a, *k = c->b;
    OpKind op = c->op;
    if (v->kind == EX_INT && k->kind == EX_PATH) {      /* C > i is i < C */
        const Expr *t = v;
        v = k;
        k = t;
        op = op == OP_GT ? OP_LT : op == OP_GE ? OP_LE : op == OP_NE ? OP_NE : OP_EQ;
    }
    if (v->kind != EX_PATH || k->kind != EX_INT || v->scope != SCOPE_LOCAL)
        return 0;
    long long b = op == OP_LT || op == OP_NE ? k->ival : op == OP_LE ? k->ival + 1 : 0;
    return b >= UNROLL_MIN && b <= UNROLL_MAX ? (int)b : 0;
}

/* Does argument q of call st reach a place where the rule reports by the
 * call's arguments: it is an argument of such a call, or (a few calls
 * deep) a parameter passed on to one? */
static int arg_reaches_site(Engine *e, int fi, const Step *st, int q, int depth)
{
    if (st->callee && site_call_can_abort(e->rule, st))
        return 1;
    const CallRes *cr = prog_call(e->prog, st);
    for (int t = 0; cr && t < cr->n && depth < 4; t++) {
        int g = cr->fi[t], j = q - cr->first[t];
        if (g == fi || j < 0 || !fr_touches(e->frames, g))
            continue;
        const Func *c = e->prog->funcs[g].f;
        for (int b = 0; b < c->nblocks; b++)
            for (int k = 0; k < c->blocks[b].nsteps; k++) {
                const Step *in = &c->blocks[b].steps[k];
                if (in->kind != ST_CALL)
                    continue;
                for (int r = 0; r < in->nargs; r++) {
                    const Expr *x = in->args[r];
                    if (x && x->kind == EX_PATH && x->scope == SCOPE_PARAM && x->param_index == j &&
                        !x->base_key && arg_reaches_site(e, g, in, r, depth + 1))
                        return 1;
                }
            }
    }
    return 0;
}

/* Does the call st hand a value that is no constant to a place where the
 * rule reports by the call's arguments (a stall's delay, also through a
 * helper's parameter)? */
static int varying_site(Engine *e, int fi, const Step *st)
{
    if (st->kind != ST_CALL)
        return 0;
    for (int q = 0; q < st->nargs; q++)
        if (st->args[q] && st->args[q]->kind != EX_INT && arg_reaches_site(e, fi, st, q, 0))
            return 1;
    return 0;
}

/* Marks in body the blocks that lie on a cycle through h: reached from h,
 * and reaching h. */
static void loop_body(const Func *f, int h, unsigned char *body, int *stack)
{
    int n = f->nblocks, sp = 0, s[2];
    unsigned char *fwd = calloc((size_t)n + 1, 1), *back = calloc((size_t)n + 1, 1);
    if (!fwd || !back)
        abort();
    fwd[h] = 1;
    stack[sp++] = h;
    while (sp) {
        int v = stack[--sp];
        for (int k = succs(&f->blocks[v], s), i = 0; i < k; i++)
            if (s[i] >= 0 && s[i] < n && !fwd[s[i]]) {
                fwd[s[i]] = 1;
                stack[sp++] = s[i];
            }
    }
    back[h] = 1;
    for (int changed = 1; changed;) {     /* blocks with a successor that reaches h */
        changed = 0;
        for (int v = 0; v < n; v++) {
            if (back[v] || !fwd[v])
                continue;
            for (int k = succs(&f->blocks[v], s), i = 0; i < k; i++)
                if (s[i] >= 0 && s[i] < n && back[s[i]]) {
                    back[v] = 1;
                    changed = 1;
                    break;
                }
        }
    }
    for (int v = 0; v < n; v++)
        body[v] = fwd[v] && back[v];
    free(fwd);
    free(back);
}

int *unroll_keep(Engine *e, int fi, const unsigned char *heads)
{
    if (!site_by_args(e->rule))
        return NULL;
    const Func *f = e->prog->funcs[fi].f;
    int n = f->nblocks, *keep = NULL;
    unsigned char *body = NULL;
    int *stack = NULL;
    for (int h = 0; h < n; h++) {
        int trips = heads[h] && f->blocks[h].term == T_BRANCH ? trip_bound(f->blocks[h].cond) : 0;
        if (!trips)
            continue;
        if (!body) {
            body = malloc((size_t)n + 1);
            stack = malloc(sizeof *stack * ((size_t)n + 1));
            if (!body || !stack)
                abort();
        }
        loop_body(f, h, body, stack);
        int site = 0;
        for (int b = 0; b < n && !site; b++)
            for (int k = 0; body[b] && k < f->blocks[b].nsteps && !site; k++)
                site = varying_site(e, fi, &f->blocks[b].steps[k]);
        if (!site)
            continue;
        if (!keep && !(keep = calloc((size_t)n + 1, sizeof *keep)))
            abort();
        if (getenv("DRVCHECK_ENGINE_STATS"))
            fprintf(stderr, "engine: %s: the loop at %s:%d runs at most %d times: kept apart per "
                    "iteration\n", e->rule->name, f->blocks[h].term_loc.file ? f->blocks[h].term_loc.file : "?",
                    f->blocks[h].term_loc.line, trips);
        for (int b = 0; b < n; b++)
            if (body[b] && keep[b] < trips + 2)
                keep[b] = trips + 2;       /* each iteration, and the one that leaves */
    }
    free(body);
    free(stack);
    return keep;
}
