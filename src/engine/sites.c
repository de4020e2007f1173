/* sites.c - where one rule can report a defect in one driver, and when its
 * search can stop.
 *
 * A rule reports (abort) only in its event blocks.  When every block that
 * can abort belongs to an API event, a defect can only be reported at a
 * call of that API, and a call whose arguments are constants (after
 * lowering: `NdisStallExecution(50)`) that satisfy no condition leading to
 * an abort can never be one: rtlnwifi calls NdisStallExecution at 5 sites,
 * 2 of them (200000 us) candidates.  The candidate sites are a finite set
 * of call locations, known before the search:
 *   - none: the search cannot report anything (verdict Pass, as the search
 *     would give), so it is not run;
 *   - once each has a defect whose trace is exact (an error), nothing the
 *     rest of the search finds changes the defect set: a site keeps the
 *     first exact trace found (trace.c tr_report), so the search stops
 *     there (Engine.settled).  rtlnwifi's stall rule: both sites exact
 *     after 21k of 877k states.
 * A rule with a role event that can abort (a callback's return), or whose
 * sites cannot be listed, gets no candidate set (-1): its search runs to
 * the end as before.
 *
 * Conditions are evaluated with the engine's own abstract operations
 * (absval.c) on the constant arguments, every other value (state
 * variables, $return, non-constant arguments) unknown: a block is taken
 * unless its condition is false whatever those are, so a call that is no
 * candidate is one where the engine's evaluation, which knows more, finds
 * the condition false too. */
#include <stdio.h>
#include <string.h>

#include "engine/internal.h"

/* The value of rule expression x at call st: constants and constant
 * arguments known, the rest unknown (ruleexec.c reval's arithmetic). */
static AbsVal site_val(const RExpr *x, const Step *st, const AbsVal *vars, int nvars)
{
    if (!x)
        return av_top();
    switch (x->kind) {
    case RX_INT:
        return av_const(x->ival);
    case RX_VAR:
        return vars && x->index >= 0 && x->index < nvars ? vars[x->index] : av_top();
    case RX_ARG:
        if (!st)
            return av_top();
        if (x->index >= 1 && x->index <= st->nargs && st->args[x->index - 1] &&
            st->args[x->index - 1]->kind == EX_INT)
            return av_const(st->args[x->index - 1]->ival);
        return av_top();
    case RX_UNOP: {
        AbsVal a = site_val(x->a, st, vars, nvars);
        return av_unop(x->op, &a);
    }
    case RX_BINOP: {
        AbsVal a = site_val(x->a, st, vars, nvars), b = site_val(x->b, st, vars, nvars);
        return av_binop(x->op, &a, &b);
    }
    case RX_COND: {
        AbsVal k = site_val(x->a, st, vars, nvars);
        int t = av_truth(&k);
        if (t == 1)
            return site_val(x->b, st, vars, nvars);
        if (t == 0)
            return site_val(x->c, st, vars, nvars);
        AbsVal b = site_val(x->b, st, vars, nvars), d = site_val(x->c, st, vars, nvars);
        return av_join(&b, &d);
    }
    default:
        return av_top();
    }
}

/* Does s assign a state variable (or halt) anywhere? */
static int changes_vars(const RStmt *s)
{
    if (!s)
        return 0;
    switch (s->kind) {
    case RS_BLOCK:
        for (int i = 0; i < s->nstmts; i++)
            if (changes_vars(s->stmts[i]))
                return 1;
        return 0;
    case RS_IF:
        return changes_vars(s->then_s) || changes_vars(s->else_s);
    case RS_ABORT:
        return 0;
    default:
        return 1;
    }
}

/* Can block s reach an abort at call st (NULL: whatever the call), the
 * state variables vars (NULL: unknown)?  An assignment before a test is
 * not followed: a variable is unknown after one. */
static int abort_reachable(const RStmt *s, const Step *st, const AbsVal *vars, int nvars)
{
    if (!s)
        return 0;
    switch (s->kind) {
    case RS_BLOCK:
        for (int i = 0; i < s->nstmts; i++) {
            if (abort_reachable(s->stmts[i], st, vars, nvars))
                return 1;
            if (changes_vars(s->stmts[i]))
                vars = NULL;       /* an assignment (or halt): what follows, unknown */
        }
        return 0;
    case RS_IF: {
        int t = -1;
        if (st || vars) {
            AbsVal v = site_val(s->cond, st, vars, nvars);
            t = av_truth(&v);
        }
        return (t != 0 && abort_reachable(s->then_s, st, vars, nvars)) ||
               (t != 1 && abort_reachable(s->else_s, st, vars, nvars));
    }
    case RS_ABORT:
        return 1;
    default:
        return 0;
    }
}

int can_abort(const RStmt *s, const Step *st)
{
    return abort_reachable(s, st, NULL, 0);
}

int can_abort_in(const RStmt *s, const AbsVal *vars, int nvars)
{
    return abort_reachable(s, NULL, vars, nvars);
}

static int event_names(const RuleEvent *ev, const char *api)
{
    for (int k = 0; k < ev->ntargets; k++)
        if (ev->targets[k].kind == TGT_API && ev->targets[k].name &&
            strcmp(ev->targets[k].name, api) == 0)
            return 1;
    return 0;
}

/* Does some event of rule r on API `api` abort at call st? */
static int site_can_abort(const Rule *r, const char *api, const Step *st)
{
    for (int i = 0; i < r->nevents; i++)
        if (event_names(&r->events[i], api) && can_abort(r->events[i].body, st))
            return 1;
    return 0;
}

int site_call_can_abort(const Rule *r, const Step *st)
{
    return st->callee && site_can_abort(r, st->callee, st);
}

int rule_stmt_has(const RStmt *s, int kind)
{
    if (!s)
        return 0;
    if ((int)s->kind == kind)
        return 1;
    switch (s->kind) {
    case RS_BLOCK:
        for (int i = 0; i < s->nstmts; i++)
            if (rule_stmt_has(s->stmts[i], kind))
                return 1;
        return 0;
    case RS_IF:
        return rule_stmt_has(s->then_s, kind) || rule_stmt_has(s->else_s, kind);
    default:
        return 0;
    }
}

/* Does s only test and abort (no assignment, no halt)? */
static int tests_only(const RStmt *s)
{
    return !rule_stmt_has(s, RS_ASSIGN) && !rule_stmt_has(s, RS_HALT);
}

int site_rule_stateless(const Rule *r)
{
    if (r->nvars || r->has_watch || !site_by_args(r))
        return 0;
    for (int i = 0; i < r->nevents; i++) {
        for (int k = 0; k < r->events[i].ntargets; k++)
            if (r->events[i].targets[k].kind != TGT_API)
                return 0;
        if (!tests_only(r->events[i].body))
            return 0;
    }
    return 1;
}

int site_inert(const Engine *e, const Step *st)
{
    return e->stateless && st->kind == ST_CALL && st->callee &&
           !site_call_can_abort(e->rule, st);
}

/* Does x read only constants and the call's arguments? */
static int args_only(const RExpr *x)
{
    if (!x)
        return 1;
    switch (x->kind) {
    case RX_INT:
    case RX_ARG:
    case RX_UNOP:
    case RX_BINOP:
    case RX_COND:
        return args_only(x->a) && args_only(x->b) && args_only(x->c);
    default:
        return 0;
    }
}

/* Is every way from s to an abort decided by the arguments alone? */
static int aborts_by_args(const RStmt *s)
{
    if (!s)
        return 1;
    switch (s->kind) {
    case RS_BLOCK:
        for (int i = 0; i < s->nstmts; i++)
            if (!aborts_by_args(s->stmts[i]))
                return 0;
        return 1;
    case RS_IF:
        if (!can_abort(s->then_s, NULL) && !can_abort(s->else_s, NULL))
            return 1;
        return args_only(s->cond) && aborts_by_args(s->then_s) && aborts_by_args(s->else_s);
    default:
        return 1;
    }
}

static int expr_reads_return(const RExpr *x)
{
    return x && (x->kind == RX_RETURN || expr_reads_return(x->a) || expr_reads_return(x->b) ||
                 expr_reads_return(x->c));
}

static int stmt_reads_return(const RStmt *s)
{
    if (!s)
        return 0;
    for (int i = 0; s->kind == RS_BLOCK && i < s->nstmts; i++)
        if (stmt_reads_return(s->stmts[i]))
            return 1;
    return expr_reads_return(s->cond) || expr_reads_return(s->value) ||
           stmt_reads_return(s->then_s) || stmt_reads_return(s->else_s);
}

int site_reads_return(const Rule *r)
{
    for (int i = 0; i < r->nevents; i++)
        if (stmt_reads_return(r->events[i].body))
            return 1;
    return 0;
}

int site_by_args(const Rule *r)
{
    if (r->has_watch)
        return 0;
    for (int i = 0; i < r->nevents; i++)
        if (can_abort(r->events[i].body, NULL) && !aborts_by_args(r->events[i].body))
            return 0;
    return 1;
}

/* The site string tr_report keys defects by. */
const char *site_name(Arena *a, Loc at)
{
    return arena_printf(a, "%s:%d:%d", at.file ? at.file : "", at.line, at.col);
}

int site_candidates(const Program *p, const Rule *r, Arena *a, const char ***out)
{
    *out = NULL;
    for (int i = 0; i < r->nevents; i++)
        for (int k = 0; k < r->events[i].ntargets; k++)
            if (r->events[i].targets[k].kind != TGT_API && can_abort(r->events[i].body, NULL))
                return -1;          /* a role event reports at a callback's return */
    const char **v = NULL;
    int n = 0, cap = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL || !st->callee || !site_can_abort(r, st->callee, st))
                    continue;
                const char *w = site_name(a, st->loc);
                int dup = 0;
                for (int i = 0; i < n && !dup; i++)
                    dup = strcmp(v[i], w) == 0;
                if (dup)
                    continue;
                if (n == cap)
                    v = arena_grow(a, v, &cap, sizeof *v);
                v[n++] = w;
            }
    }
    *out = v;
    return n;
}

void site_exact(Engine *e, const char *where)
{
    if (e->ncand < 0)
        return;
    int known = 0;
    for (int i = 0; i < e->ncand && !known; i++)
        known = strcmp(e->cand[i], where) == 0;
    if (!known) {                /* a site the list missed: never stop early */
        e->ncand = -1;
        return;
    }
    if (++e->nexact == e->ncand)
        e->settled = 1;
}

int site_args_const(const Step *st)
{
    for (int q = 0; q < st->nargs; q++)
        if (!st->args[q] || st->args[q]->kind != EX_INT)
            return 0;
    return 1;
}

/* How many of the candidate sites are calls whose arguments are all
 * constants that make the rule report (every one when all). */
static int sure_count(const Program *p, const Rule *r, Arena *a, const char **cand, int ncand,
                      int all)
{
    if (ncand <= 0 || !site_by_args(r))
        return 0;
    unsigned char *sure = arena_alloc(a, (size_t)ncand);
    int n = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL || !st->callee || !site_can_abort(r, st->callee, st))
                    continue;
                if (!site_args_const(st))
                    continue;
                const char *w = site_name(a, st->loc);
                for (int i = 0; i < ncand; i++)
                    if (!sure[i] && strcmp(cand[i], w) == 0) {
                        sure[i] = 1;
                        n++;
                        if (!all)
                            return n;
                    }
            }
    }
    return n;
}

int site_sure(const Program *p, const Rule *r, Arena *a, const char **cand, int ncand)
{
    return sure_count(p, r, a, cand, ncand, 0) > 0;
}

int site_all_sure(const Program *p, const Rule *r, Arena *a, const char **cand, int ncand)
{
    return ncand > 0 && sure_count(p, r, a, cand, ncand, 1) == ncand;
}
