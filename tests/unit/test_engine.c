/* test_engine.c - the engine on hand-built CFGs and a hand-built rule, so
 * that it is tested apart from the front end and the rule parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "drvcheck/engine.h"
#include "drvcheck/roles.h"
#include "engine/internal.h"

/* ---- building CFGs ---- */
typedef struct B {
    Arena *a;
    Unit *u;
    Func *f;
    int line;
} B;

static Expr *path(B *b, const char *text, const char *key, PathScope sc)
{
    Expr *x = arena_alloc(b->a, sizeof *x);
    x->kind = EX_PATH;
    x->text = text;
    x->key = key;
    x->scope = sc;
    x->param_index = -1;
    return x;
}

static Expr *num(B *b, long long v)
{
    Expr *x = arena_alloc(b->a, sizeof *x);
    x->kind = EX_INT;
    x->ival = v;
    return x;
}

static Expr *fn(B *b, const char *name)
{
    Expr *x = arena_alloc(b->a, sizeof *x);
    x->kind = EX_FUNC;
    x->text = name;
    return x;
}

static Expr *addr(B *b, Expr *p)
{
    Expr *x = arena_alloc(b->a, sizeof *x);
    x->kind = EX_ADDR;
    x->a = p;
    return x;
}

static Unit *unit(B *b, const char *path_)
{
    b->a = arena_new();
    b->u = arena_alloc(b->a, sizeof *b->u);
    b->u->arena = b->a;
    b->u->path = path_;
    b->u->parsed = 1;
    b->u->funcs = arena_alloc(b->a, sizeof(Func) * 16);
    return b->u;
}

static Func *func(B *b, const char *name, const char *role, int nblocks)
{
    Func *f = &b->u->funcs[b->u->nfuncs++];
    f->name = name;
    f->file = b->u->path;
    f->loc = (Loc){b->u->path, ++b->line, 1};
    f->role = role;
    f->blocks = arena_alloc(b->a, sizeof(Block) * (size_t)nblocks);
    f->nblocks = nblocks;
    for (int i = 0; i < nblocks; i++) {
        f->blocks[i].id = i;
        f->blocks[i].succ[0] = f->blocks[i].succ[1] = -1;
        f->blocks[i].steps = arena_alloc(b->a, sizeof(Step) * 8);
        f->blocks[i].term = T_RETURN;
        f->blocks[i].term_loc = (Loc){b->u->path, 900 + i, 1};
    }
    b->f = f;
    return f;
}

static Step *call(B *b, int blk, const char *callee, Expr *result, int nargs, ...)
{
    Block *bl = &b->f->blocks[blk];
    Step *s = &bl->steps[bl->nsteps++];
    s->kind = ST_CALL;
    s->callee = callee;
    s->lhs = result;
    s->loc = (Loc){b->u->path, ++b->line, 5};
    s->args = arena_alloc(b->a, sizeof(Expr *) * (size_t)(nargs + 1));
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++)
        s->args[i] = va_arg(ap, Expr *);
    va_end(ap);
    s->nargs = nargs;
    return s;
}

static void assign(B *b, int blk, Expr *lhs, Expr *rhs)
{
    Block *bl = &b->f->blocks[blk];
    Step *s = &bl->steps[bl->nsteps++];
    s->kind = ST_ASSIGN;
    s->lhs = lhs;
    s->rhs = rhs;
    s->loc = (Loc){b->u->path, ++b->line, 5};
}

static void go(B *b, int blk, int to)
{
    b->f->blocks[blk].term = T_GOTO;
    b->f->blocks[blk].succ[0] = to;
}

static void branch(B *b, int blk, Expr *cond, int t, int f)
{
    b->f->blocks[blk].term = T_BRANCH;
    b->f->blocks[blk].cond = cond;
    b->f->blocks[blk].succ[0] = t;
    b->f->blocks[blk].succ[1] = f;
    b->f->blocks[blk].term_loc = (Loc){b->u->path, ++b->line, 5};
}

/* ---- the NdisMDeregisterInterruptEx rule, by hand ---- */
static RuleSet rules;
static const Rule *dereg_rule;

static RExpr *rx(RExprKind k, long long v, int idx)
{
    RExpr *x = arena_alloc(rules.arena, sizeof *x);
    x->kind = k;
    x->ival = v;
    x->index = idx;
    return x;
}

static RExpr *rbin(OpKind op, RExpr *l, RExpr *r)
{
    RExpr *x = arena_alloc(rules.arena, sizeof *x);
    x->kind = RX_BINOP;
    x->op = op;
    x->a = l;
    x->b = r;
    return x;
}

static RStmt *rassign(int var, long long v)
{
    RStmt *s = arena_alloc(rules.arena, sizeof *s);
    s->kind = RS_ASSIGN;
    s->var = var;
    s->value = rx(RX_INT, v, 0);
    return s;
}

static RStmt *rif(RExpr *c, RStmt *then_s)
{
    RStmt *s = arena_alloc(rules.arena, sizeof *s);
    s->kind = RS_IF;
    s->cond = c;
    s->then_s = then_s;
    return s;
}

static RStmt *rabort(const char *m)
{
    RStmt *s = arena_alloc(rules.arena, sizeof *s);
    s->kind = RS_ABORT;
    s->message = m;
    return s;
}

static void event(Rule *r, const char *api, EvWhen when, RStmt *body)
{
    RuleEvent *ev = &r->events[r->nevents++];
    ev->targets = arena_alloc(rules.arena, sizeof *ev->targets);
    ev->targets[0] = (RuleTarget){TGT_API, api, -1};
    ev->ntargets = 1;
    ev->when = when;
    ev->body = body;
}

static int setup(void **state)
{
    (void)state;
    rule_set_init(&rules);
    Rule *r = arena_alloc(rules.arena, sizeof *r);
    r->name = "NdisMDeregisterInterruptEx";
    r->runnable = 1;
    r->nvars = 1;
    r->vars = arena_alloc(rules.arena, sizeof *r->vars);
    static const char *names[] = {"initial", "registered", "deregistered"};
    r->vars[0] = (StateVar){"s", 1, names, 3, 0, {0}};
    r->events = arena_alloc(rules.arena, sizeof *r->events * 3);
    event(r, "NdisMRegisterInterruptEx", EV_EXIT,
          rif(rbin(OP_EQ, rx(RX_RETURN, 0, 0), rx(RX_INT, 0, 0)), rassign(0, 1)));
    event(r, "NdisMDeregisterInterruptEx", EV_EXIT, rassign(0, 2));
    event(r, "NdisMSynchronizeWithInterruptEx", EV_ENTRY,
          rif(rbin(OP_EQ, rx(RX_VAR, 0, 0), rx(RX_INT, 2, 0)), rabort("sync after deregister")));
    dereg_rule = r;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rule_set_free(&rules);
    return 0;
}

static int run(Unit *u, Report *rep)
{
    Unit *units[1] = {u};
    Driver d = {.name = "drv", .units = units, .nunits = 1};
    report_init(rep);
    eng_run(&d, dereg_rule, NULL, rep);
    return rep->ndefects;
}

/* Interval arithmetic over finite ranges: a delay computed from a bounded
 * loop counter keeps its bound (case 348); unknown stays unknown, and an
 * overflow gives up. */
static void ranges_keep_their_bounds_through_arithmetic(void **state)
{
    (void)state;
    AbsVal i = av_range(3, 7), k = av_const(8), two = av_range(-2, 2), top = av_top();
    AbsVal v = av_binop(OP_MUL, &i, &k);
    assert_int_equal(v.lo, 24);
    assert_int_equal(v.hi, 56);
    v = av_binop(OP_MUL, &i, &two);
    assert_int_equal(v.lo, -14);
    assert_int_equal(v.hi, 14);
    v = av_binop(OP_ADD, &i, &two);
    assert_int_equal(v.lo, 1);
    assert_int_equal(v.hi, 9);
    v = av_binop(OP_SUB, &k, &i);
    assert_int_equal(v.lo, 1);
    assert_int_equal(v.hi, 5);
    v = av_binop(OP_DIV, &i, &(AbsVal){0});
    assert_true(av_is_top(&v));
    AbsVal three = av_const(3);
    v = av_binop(OP_DIV, &i, &three);
    assert_int_equal(v.lo, 1);
    assert_int_equal(v.hi, 2);
    v = av_binop(OP_MUL, &i, &top);
    assert_true(av_is_top(&v));
    AbsVal big = av_range(1, INT64_MAX / 2);
    v = av_binop(OP_MUL, &big, &k);
    assert_true(av_is_top(&v));
}

/* A flags word the rule reads bit by bit keeps the bits it reads: values
 * that differ elsewhere become one, what is known in those bits stays
 * known, and the high zeros a non-negative interval implies count. */
static void kept_bits_drop_only_the_others(void **state)
{
    (void)state;
    AbsVal a = av_const(0x30000008), b = av_const(0x10000008);
    AbsVal ka = av_keep_bits(&a, 0x8), kb = av_keep_bits(&b, 0x8);
    assert_true(av_equal(&ka, &kb));
    assert_int_equal(ka.kmask, 0x8);
    assert_int_equal(ka.kbits, 0x8);
    AbsVal in = av_const(0x8), both = av_binop(OP_BAND, &ka, &in);
    int64_t c;
    assert_true(av_is_const(&both, &c) && c == 0x8);     /* Flags & fIN_USE still known */
    AbsVal r = av_range(0, 0x30), kr = av_keep_bits(&r, 0x40 | 0x8);
    assert_int_equal(kr.kmask, 0x40);                    /* above 0x30: known zero */
    assert_int_equal(kr.kbits, 0);
    AbsVal all = av_keep_bits(&a, ~(uint64_t)0);
    assert_true(av_equal(&all, &a));
    AbsVal p = av_nonzero();
    p.pointee = 3;
    AbsVal kp = av_keep_bits(&p, 0x8);
    assert_true(av_is_top(&kp));                         /* nonzero says nothing of bit 3 */
}

/* Init registers; halt deregisters, then calls a helper that synchronizes. */
static void sync_after_deregister_in_helper_is_reported(void **state)
{
    (void)state;
    B b = {0};
    Unit *u = unit(&b, "drv.c");
    Expr *h = path(&b, "Adapter->Interrupt", "_ADAPTER.Interrupt", SCOPE_HEAP);
    func(&b, "MPInit", "MINIPORT_INITIALIZE", 1);
    Expr *status = path(&b, "Status", "Status", SCOPE_LOCAL);
    call(&b, 0, "NdisMRegisterInterruptEx", status, 2, num(&b, 0), addr(&b, h));
    b.f->blocks[0].retval = status;
    func(&b, "Helper", NULL, 1);
    Step *bad = call(&b, 0, "NdisMSynchronizeWithInterruptEx", NULL, 1, h);
    func(&b, "MPHalt", "MINIPORT_HALT", 1);
    call(&b, 0, "NdisMDeregisterInterruptEx", NULL, 1, h);
    call(&b, 0, "Helper", NULL, 0);
    func(&b, "MPOid", "MINIPORT_OID_REQUEST", 1);
    call(&b, 0, "Helper", NULL, 0);   /* legal: before halt */

    Report rep;
    assert_int_equal(run(u, &rep), 1);
    assert_int_equal(rep.defects[0].line, bad->loc.line);
    assert_string_equal(rep.defects[0].function, "Helper");
    assert_int_equal(rep.verdicts[0].verdict, VERDICT_DEFECT);
    /* the trace enters at halt and goes through the call of Helper */
    int saw_halt = 0, saw_call = 0;
    for (int i = 0; i < rep.defects[0].ntrace; i++) {
        const TraceStep *t = &rep.defects[0].trace[i];
        saw_halt |= t->kind == TS_ENTRY && strcmp(t->function, "MPHalt") == 0;
        saw_call |= t->kind == TS_CALL && strstr(t->message, "Helper") != NULL;
    }
    assert_true(saw_halt);
    assert_true(saw_call);
    assert_int_equal(rep.defects[0].trace[rep.defects[0].ntrace - 1].kind, TS_VIOLATION);
    report_free(&rep);
    cfg_free_unit(u);
}

/* if (a->Registered) { dereg; a->Registered = FALSE; }  if (a->Registered) sync; */
static void correlated_flag_branches_are_not_reported(void **state)
{
    (void)state;
    B b = {0};
    Unit *u = unit(&b, "drv.c");
    Expr *h = path(&b, "Adapter->Interrupt", "_ADAPTER.Interrupt", SCOPE_HEAP);
    Expr *flag = path(&b, "Adapter->Registered", "_ADAPTER.Registered", SCOPE_HEAP);
    func(&b, "MPInit", "MINIPORT_INITIALIZE", 1);
    call(&b, 0, "NdisMRegisterInterruptEx", NULL, 1, addr(&b, h));
    assign(&b, 0, flag, num(&b, 1));
    b.f->blocks[0].retval = num(&b, 0);
    func(&b, "MPHalt", "MINIPORT_HALT", 4);
    branch(&b, 0, flag, 1, 2);
    call(&b, 1, "NdisMDeregisterInterruptEx", NULL, 1, h);
    assign(&b, 1, flag, num(&b, 0));
    go(&b, 1, 2);
    branch(&b, 2, flag, 3, -1);
    b.f->blocks[2].succ[1] = 3;   /* both ways meet at 3 through the sync below */
    /* block 2 true -> 3 holds the sync; false -> return (block 3 steps run only when true) */
    b.f->blocks[2].succ[1] = -1;
    call(&b, 3, "NdisMSynchronizeWithInterruptEx", NULL, 1, h);

    Report rep;
    assert_int_equal(run(u, &rep), 0);
    assert_int_equal(rep.verdicts[0].verdict, VERDICT_PASS);
    report_free(&rep);
    cfg_free_unit(u);
}

/* A successful re-registration makes synchronizing legal again; a failed
 * one does not. */
static void reregistration_status_decides(void **state)
{
    (void)state;
    B b = {0};
    Unit *u = unit(&b, "drv.c");
    Expr *h = path(&b, "Adapter->Interrupt", "_ADAPTER.Interrupt", SCOPE_HEAP);
    Expr *st = path(&b, "Status", "Status", SCOPE_LOCAL);
    func(&b, "MPReset", "MINIPORT_RESET", 3);
    call(&b, 0, "NdisMDeregisterInterruptEx", NULL, 1, h);
    call(&b, 0, "NdisMRegisterInterruptEx", st, 1, addr(&b, h));
    Expr *ok = arena_alloc(b.a, sizeof *ok);
    ok->kind = EX_BINOP;
    ok->op = OP_EQ;
    ok->a = st;
    ok->b = num(&b, 0);
    branch(&b, 0, ok, 1, 2);
    Step *good = call(&b, 1, "NdisMSynchronizeWithInterruptEx", NULL, 1, h);
    Step *bad = call(&b, 2, "NdisMSynchronizeWithInterruptEx", NULL, 1, h);
    (void)good;

    Report rep;
    assert_int_equal(run(u, &rep), 1);
    assert_int_equal(rep.defects[0].line, bad->loc.line);
    report_free(&rep);
    cfg_free_unit(u);
}

/* A function pointer in an ops table reaches the stored function only. */
static void calls_through_pointers_reach_stored_functions(void **state)
{
    (void)state;
    B b = {0};
    Unit *u = unit(&b, "drv.c");
    Expr *h = path(&b, "Adapter->Interrupt", "_ADAPTER.Interrupt", SCOPE_HEAP);
    Expr *op = path(&b, "Adapter->Ops->Stop", "_OPS.Stop", SCOPE_HEAP);
    op->tkey = "_OPS.Stop";
    func(&b, "SyncStop", NULL, 1);
    Step *bad = call(&b, 0, "NdisMSynchronizeWithInterruptEx", NULL, 1, h);
    func(&b, "NoSync", NULL, 1);
    func(&b, "MPInit", "MINIPORT_INITIALIZE", 1);
    assign(&b, 0, op, fn(&b, "SyncStop"));
    b.f->blocks[0].retval = num(&b, 0);
    func(&b, "MPHalt", "MINIPORT_HALT", 1);
    call(&b, 0, "NdisMDeregisterInterruptEx", NULL, 1, h);
    Step *ind = call(&b, 0, NULL, NULL, 0);
    ind->callee_expr = op;

    Report rep;
    assert_int_equal(run(u, &rep), 1);
    assert_int_equal(rep.defects[0].line, bad->loc.line);
    report_free(&rep);
    cfg_free_unit(u);
}

/* Recursion terminates. */
static void recursion_terminates(void **state)
{
    (void)state;
    B b = {0};
    Unit *u = unit(&b, "drv.c");
    Expr *h = path(&b, "Adapter->Interrupt", "_ADAPTER.Interrupt", SCOPE_HEAP);
    func(&b, "Walk", NULL, 2);
    branch(&b, 0, NULL, 1, -1);
    b.f->blocks[0].succ[1] = -1;
    call(&b, 1, "Walk", NULL, 0);
    call(&b, 1, "NdisMSynchronizeWithInterruptEx", NULL, 1, h);
    func(&b, "MPHalt", "MINIPORT_HALT", 1);
    call(&b, 0, "Walk", NULL, 0);
    call(&b, 0, "NdisMDeregisterInterruptEx", NULL, 1, h);
    call(&b, 0, "Walk", NULL, 0);

    Report rep;
    assert_int_equal(run(u, &rep), 1);
    report_free(&rep);
    cfg_free_unit(u);
}


/* Control dependence (ctrldep.c): nested ifs, a loop, an endless loop. */
static void control_dependence_of_blocks(void **state)
{
    (void)state;
    B b = {0};
    unit(&b, "cd.c");
    Func *f = func(&b, "Nested", NULL, 5);
    branch(&b, 0, path(&b, "a", "a", SCOPE_LOCAL), 1, 4);   /* if (a) {        */
    branch(&b, 1, path(&b, "b", "b", SCOPE_LOCAL), 2, 3);   /*   if (b) { 2 }  */
    go(&b, 2, 3);
    go(&b, 3, 4);                                             /*   3 }  4: return */
    CtrlDep *cd = cd_build(f);
    assert_non_null(cd);
    const int *d;
    assert_int_equal(cd_of(cd, 0, &d), 0);
    assert_int_equal(cd_of(cd, 1, &d), 1);
    assert_int_equal(d[0], 0);
    assert_int_equal(cd_of(cd, 2, &d), 1);
    assert_int_equal(d[0], 1);
    assert_int_equal(cd_of(cd, 3, &d), 1);
    assert_int_equal(d[0], 0);
    assert_int_equal(cd_of(cd, 4, &d), 0);
    cd_free(cd);

    Func *g = func(&b, "Loop", NULL, 4);
    go(&b, 0, 1);
    branch(&b, 1, path(&b, "i", "i", SCOPE_LOCAL), 2, 3);   /* while (i) { 2 } */
    go(&b, 2, 1);
    cd = cd_build(g);
    assert_non_null(cd);
    assert_int_equal(cd_of(cd, 2, &d), 1);
    assert_int_equal(d[0], 1);
    assert_int_equal(cd_of(cd, 1, &d), 1);                  /* the header: itself */
    assert_int_equal(d[0], 1);
    assert_int_equal(cd_of(cd, 3, &d), 0);
    cd_free(cd);

    Func *h = func(&b, "Forever", NULL, 2);
    go(&b, 0, 1);
    go(&b, 1, 0);
    assert_null(cd_build(h));
    arena_free(b.a);
}

/* poll_build (polls.c): a sleep inside a loop gets the loop's exit tests
 * that read a field or global; a loop on a local, a sleep outside any
 * loop, and a loop's tests on locals get none. */
static void sleeps_in_loops_know_what_they_wait_for(void **state)
{
    (void)state;
    B b = {0};
    unit(&b, "poll.c");
    Arena *a = b.a;
    Expr *pending = path(&b, "Adapter->Pending", "_ADAPTER.Pending", SCOPE_HEAP);
    Expr *test = arena_alloc(a, sizeof *test);
    test->kind = EX_BINOP;
    test->op = OP_NE;
    test->a = pending;
    test->b = num(&b, 0);
    Func *f = func(&b, "WaitPending", NULL, 4);      /* while (Adapter->Pending != 0) Sleep; */
    go(&b, 0, 1);
    branch(&b, 1, test, 2, 3);
    call(&b, 2, "NdisMSleep", NULL, 1, num(&b, 1000));
    go(&b, 2, 1);
    CallRes r = {0};
    poll_build(f, 2, &r, a);
    assert_int_equal(r.npoll, 1);
    assert_ptr_equal(r.poll[0], test);

    Func *g = func(&b, "WaitLocal", NULL, 4);        /* while (Busy) Sleep; Busy a local */
    go(&b, 0, 1);
    branch(&b, 1, path(&b, "Busy", "Busy", SCOPE_LOCAL), 2, 3);
    call(&b, 2, "NdisMSleep", NULL, 1, num(&b, 1000));
    go(&b, 2, 1);
    CallRes rl = {0};
    poll_build(g, 2, &rl, a);
    assert_int_equal(rl.npoll, 0);

    Func *h = func(&b, "SleepOnce", NULL, 2);        /* a sleep in no loop */
    call(&b, 0, "NdisMSleep", NULL, 1, num(&b, 1000));
    go(&b, 0, 1);
    CallRes ro = {0};
    poll_build(h, 0, &ro, a);
    assert_int_equal(ro.npoll, 0);

    /* for (Try = 0; Try < 50 && Adapter->Pending != 0; Try++) Sleep;  the
     * count's test is a local's: only the field's is kept */
    Func *k = func(&b, "WaitBounded", NULL, 5);
    go(&b, 0, 1);
    branch(&b, 1, path(&b, "Try", "Try", SCOPE_LOCAL), 2, 4);
    branch(&b, 2, test, 3, 4);
    call(&b, 3, "NdisMSleep", NULL, 1, num(&b, 1000));
    go(&b, 3, 1);
    CallRes rb = {0};
    poll_build(k, 3, &rb, a);
    assert_int_equal(rb.npoll, 1);
    assert_ptr_equal(rb.poll[0], test);
    assert_true(api_sleeps("NdisMSleep") && api_sleeps("KeDelayExecutionThread"));
    assert_false(api_sleeps("NdisStallExecution"));
    arena_free(a);
}

/* cd_shared: built once per slot whoever asks again; an endless loop is
 * remembered as "no exit" (NULL), and the slot is empty once freed. */
static void shared_control_dependence_is_built_once(void **state)
{
    (void)state;
    B b = {0};
    unit(&b, "cds.c");
    Func *f = func(&b, "Branch", NULL, 3);
    branch(&b, 0, path(&b, "a", "a", SCOPE_LOCAL), 1, 2);   /* if (a) { 1 } 2: return */
    go(&b, 1, 2);
    Func *g = func(&b, "Forever", NULL, 2);
    go(&b, 0, 1);
    go(&b, 1, 0);
    CtrlDep *_Atomic slot[2] = {NULL, NULL};
    const CtrlDep *cd = cd_shared(&slot[0], f);
    assert_non_null(cd);
    assert_ptr_equal(cd_shared(&slot[0], f), cd);
    const int *d;
    assert_int_equal(cd_of(cd, 1, &d), 1);
    assert_int_equal(d[0], 0);
    assert_null(cd_shared(&slot[1], g));
    assert_non_null(slot[1]);                                /* built: no exit */
    assert_null(cd_shared(&slot[1], g));
    cd_shared_free(&slot[0]);
    cd_shared_free(&slot[1]);
    assert_null(slot[0]);
    assert_null(slot[1]);
    arena_free(b.a);
}

/* NdisStallExecution_Delay by hand: a stateless rule, `if ($1 > 50) abort`. */
static Rule *stall_rule(void)
{
    Rule *r = arena_alloc(rules.arena, sizeof *r);
    r->name = "Stall";
    r->runnable = 1;
    r->events = arena_alloc(rules.arena, sizeof *r->events);
    event(r, "NdisStallExecution", EV_ENTRY,
          rif(rbin(OP_GT, rx(RX_ARG, 0, 1), rx(RX_INT, 50, 0)), rabort("stall")));
    return r;
}

static int candidates(Unit *u, const Rule *r)
{
    Unit *units[1] = {u};
    Driver d = {.name = "drv", .units = units, .nunits = 1};
    Program p = {0};
    Arena *a = arena_new();
    prog_build(&p, &d, a);
    const char **cand;
    int n = site_candidates(&p, r, a, &cand);
    prog_release(&p);
    arena_free(a);
    return n;
}

static Verdict run_rule(Unit *u, const Rule *r, Report *rep)
{
    Unit *units[1] = {u};
    Driver d = {.name = "drv", .units = units, .nunits = 1};
    report_init(rep);
    return eng_run(&d, r, NULL, rep);
}

/* Stalls of constant 10 and 50 us can break no abort condition: no
 * candidate site, Pass without a search; a stall of a variable can. */
static void constant_stalls_within_the_limit_are_no_candidates(void **state)
{
    (void)state;
    const Rule *r = stall_rule();
    B b = {0};
    Unit *u = unit(&b, "stall.c");
    func(&b, "MPInit", "MINIPORT_INITIALIZE", 1);
    call(&b, 0, "NdisStallExecution", NULL, 1, num(&b, 10));
    call(&b, 0, "NdisStallExecution", NULL, 1, num(&b, 50));
    b.f->blocks[0].retval = num(&b, 0);
    assert_int_equal(candidates(u, r), 0);
    Report rep;
    assert_int_equal(run_rule(u, r, &rep), VERDICT_PASS);
    assert_int_equal(rep.ndefects, 0);
    report_free(&rep);
    func(&b, "MPOid", "MINIPORT_OID_REQUEST", 1);
    call(&b, 0, "NdisStallExecution", NULL, 1, path(&b, "Delay", "_ADAPTER.Delay", SCOPE_HEAP));
    assert_int_equal(candidates(u, r), 1);
    cfg_free_unit(u);
}

/* Every candidate site has an exact defect: the search stops, with the
 * same defects (one per site, errors) as a search to the end. */
static void search_settles_once_every_site_is_exact(void **state)
{
    (void)state;
    const Rule *r = stall_rule();
    B b = {0};
    Unit *u = unit(&b, "stall.c");
    func(&b, "MPInit", "MINIPORT_INITIALIZE", 1);
    Step *bad = call(&b, 0, "NdisStallExecution", NULL, 1, num(&b, 200000));
    call(&b, 0, "NdisStallExecution", NULL, 1, num(&b, 10));
    b.f->blocks[0].retval = num(&b, 0);
    func(&b, "MPOid", "MINIPORT_OID_REQUEST", 1);
    call(&b, 0, "MPInit", NULL, 0);
    assert_int_equal(candidates(u, r), 1);
    Report rep;
    assert_int_equal(run_rule(u, r, &rep), VERDICT_DEFECT);
    assert_int_equal(rep.ndefects, 1);
    assert_int_equal(rep.defects[0].line, bad->loc.line);
    assert_string_equal(rep.defects[0].severity, "error");
    report_free(&rep);
    cfg_free_unit(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranges_keep_their_bounds_through_arithmetic),
        cmocka_unit_test(sleeps_in_loops_know_what_they_wait_for),
        cmocka_unit_test(kept_bits_drop_only_the_others),
        cmocka_unit_test(sync_after_deregister_in_helper_is_reported),
        cmocka_unit_test(correlated_flag_branches_are_not_reported),
        cmocka_unit_test(reregistration_status_decides),
        cmocka_unit_test(calls_through_pointers_reach_stored_functions),
        cmocka_unit_test(recursion_terminates),
        cmocka_unit_test(control_dependence_of_blocks),
        cmocka_unit_test(shared_control_dependence_is_built_once),
        cmocka_unit_test(constant_stalls_within_the_limit_are_no_candidates),
        cmocka_unit_test(search_settles_once_every_site_is_exact),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
