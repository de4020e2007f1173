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
 * engine 20% more instructions for nothing.
 *
 * The same for a walk over a small array (at most 16) whose elements the
 * rule reads at the loop's counter (`for (v = 0; v < 8; v++)
 * Adapter->VectorArmed[v] = FALSE;`): each element is its own key only
 * while the counter is known (eval.c elem_key), so a widened counter made
 * every flag "some element" and a later test of each one unknown (case
 * 498).  A point keeps each iteration for as many entering states as it
 * keeps anywhere (KEEP, 4): a halt entered with four adapter states. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* UNROLL_MIN: four iterations and the test that leaves them are five states
 * at the head, one more than a point keeps (KEEP): `for (Poll = 0, Delay =
 * 4; Poll < 4; Poll++, Delay *= 2)` stalls 4 to 32 us, and was widened into
 * a false warning at 5 (blind round 6) */
enum { UNROLL_MIN = 4, UNROLL_MAX = 32 };

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
 * or 0 when it is no such test; *counter: the counter's key. */
static int trip_bound(const Expr *c, const char **counter)
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
    *counter = v->key;
    return b >= 2 && b <= UNROLL_MAX ? (int)b : 0;
}

/* Does x name an element of an array at the counter's index (a[i],
 * a[i].f, &a[i].f) whose facts the rule keeps? */
static int counter_elem(Engine *e, const Expr *x, const char *counter)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            const Expr *ix = x->index;
            if (ix && ix->kind == EX_PATH && ix->key && strcmp(ix->key, counter) == 0 &&
                key_relevant(e, ev_path_key(e, x)))
                return 1;
            return 0;
        }
        if (counter_elem(e, x->a, counter) || counter_elem(e, x->c, counter))
            return 1;
        if (x->kind != EX_BINOP)
            return 0;
    }
    return 0;
}

/* Does step st or block b's test name such an element? */
static int block_counter_elem(Engine *e, const Block *b, const char *counter)
{
    if (b->term == T_BRANCH && counter_elem(e, b->cond, counter))
        return 1;
    for (int k = 0; k < b->nsteps; k++) {
        const Step *st = &b->steps[k];
        if (counter_elem(e, st->lhs, counter) || counter_elem(e, st->rhs, counter))
            return 1;
        for (int a = 0; a < st->nargs; a++)
            if (counter_elem(e, st->args[a], counter))
                return 1;
    }
    return 0;
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

/* loop_body into *body, both buffers allocated at the first loop of f */
static void body_of(const Func *f, int h, unsigned char **body, int **stack)
{
    if (!*body) {
        *body = malloc((size_t)f->nblocks + 1);
        *stack = malloc(sizeof **stack * ((size_t)f->nblocks + 1));
        if (!*body || !*stack)
            abort();
    }
    loop_body(f, h, *body, *stack);
}

int *unroll_keep(Engine *e, int fi, const unsigned char *heads)
{
    int by_args = site_by_args(e->rule);
    const Func *f = e->prog->funcs[fi].f;
    int n = f->nblocks, *keep = NULL;
    unsigned char *body = NULL;
    int *stack = NULL;
    for (int h = 0; h < n; h++) {
        const char *counter = NULL;
        int trips = (heads[h] & 1) && f->blocks[h].term == T_BRANCH
                        ? trip_bound(f->blocks[h].cond, &counter) : 0;
        if (!trips)
            continue;
        body_of(f, h, &body, &stack);
        int site = 0;
        for (int b = 0; by_args && trips >= UNROLL_MIN && b < n && !site; b++)
            for (int k = 0; body[b] && k < f->blocks[b].nsteps && !site; k++)
                site = varying_site(e, fi, &f->blocks[b].steps[k]);
        /* or a walk over a small array whose elements the rule reads (a
         * handle, a flag per vector: eval.c elem_key names each one while
         * the counter is known) */
        for (int b = 0; !site && trips <= 16 && b < n; b++)
            site = body[b] && block_counter_elem(e, &f->blocks[b], counter);
        if (!site)
            continue;
        if (!keep && !(keep = calloc((size_t)n + 1, sizeof *keep)))
            abort();
        if (getenv("DRVCHECK_ENGINE_STATS"))
            fprintf(stderr, "engine: %s: the loop at %s:%d runs at most %d times: kept apart per "
                    "iteration\n", e->rule->name, f->blocks[h].term_loc.file ? f->blocks[h].term_loc.file : "?",
                    f->blocks[h].term_loc.line, trips);
        for (int b = 0; b < n; b++)
            if (body[b] && keep[b] < (trips + 2) * 4)
                keep[b] = (trips + 2) * 4;  /* each iteration, and the one that leaves, of
                                               as many entries as a point keeps (KEEP) */
    }
    free(body);
    free(stack);
    return keep;
}

/* May call st touch the rule: an API the rule names or the engine models
 * (arming, queueing, waiting), a driver function that touches it, a call
 * through a pointer? */
static int call_touches(Engine *e, const Step *st)
{
    if (st->kind != ST_CALL)
        return 0;
    if (!st->callee)
        return 1;
    const CallRes *cr = prog_call(e->prog, st);
    for (int t = 0; cr && t < cr->n; t++)
        if (fr_touches(e->frames, cr->fi[t]))
            return 1;
    if (cr && cr->direct >= 0)
        return 0;
    return rx_rule_mentions_api(e->rule, st->callee) || call_flags(e, st->callee) != 0;
}

/* The loop heads of fi (heads bit 1) whose loop touches nothing of the
 * rule: no call in its body may (call_touches).  Their own test does not
 * narrow its bound by the counter (eval.c ev_assume, Engine.loop_test):
 * `for (i = 0; i < Adapter->TxCount; i++) NdisFreeMdl(...)` in
 * imxnetmini's MpFreeAdapter left one exit per iteration, apart only in
 * what it knew of TxCount, and each ran through the rest of halt.  A loop
 * that takes a lock in each iteration keeps it: a second loop over the
 * same count then releases as many (case 509).  NULL when there is none. */
unsigned char *unroll_quiet(Engine *e, int fi, const unsigned char *heads)
{
    const Func *f = e->prog->funcs[fi].f;
    int n = f->nblocks;
    unsigned char *quiet = NULL, *body = NULL;
    int *stack = NULL;
    for (int h = 0; h < n; h++) {
        if (!(heads[h] & 1) || f->blocks[h].term != T_BRANCH)
            continue;
        body_of(f, h, &body, &stack);
        int touches = 0;
        for (int b = 0; b < n && !touches; b++)
            for (int k = 0; body[b] && k < f->blocks[b].nsteps && !touches; k++)
                touches = call_touches(e, &f->blocks[b].steps[k]);
        if (touches)
            continue;
        if (!quiet && !(quiet = calloc((size_t)n + 1, 1)))
            abort();
        quiet[h] = 1;
    }
    free(body);
    free(stack);
    return quiet;
}
