/* harness.c - the NDIS operating-system model, and the runs a rule check is made of.
 *
 * The harness calls the driver's callbacks in the orders NDIS may:
 *   DriverEntry; MiniportSetOptions (and AddDevice); MiniportInitializeEx;
 *   if it returned NDIS_STATUS_SUCCESS: every runtime callback (OID
 *   requests, sends, pause, restart, reset, ISR, DPC, timers, work items,
 *   ...) from every state reached so far, any number of times, in any
 *   order, until no new state appears (a fixed point, bounded by the
 *   StateSet cap); then MiniportHaltEx; then the unload handler.
 *   If MiniportInitializeEx failed, nothing else of that adapter runs.
 * Only facts about globals and the heap (the adapter context) cross from
 * one callback to the next.  A function no entry point reaches is then
 * analysed as a root of its own, from the initial state.  The rule's role
 * events fire here, around the callbacks NDIS calls; never when the driver
 * calls its own callback functions directly. */
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/internal.h"

/* Structures NDIS passes to a callback (an OID request and the buffer it
 * carries, NBLs, parameter blocks) are new objects at every call: what the
 * driver learnt about the last one does not hold for the next.  A fact is
 * about such memory when its key's record, past any `*` (what a pointer
 * in it points to: `*_SET.InformationBuffer`, the power state an OID set
 * carries), is one of NDIS's: named NDIS_ or NET_, or one of the structs
 * of the OID request's DATA union (_QUERY, _SET, _METHOD).  The driver's
 * own records (its adapter context) keep their facts.  A power state the
 * driver tested in the buffer of one OID_PNP_SET_POWER used to decide the
 * next one's too: D3 then D0 could not be sent. */
static int ndis_owned(const char *rec)
{
    if (strcmp(rec, "_QUERY") == 0 || strcmp(rec, "_SET") == 0 || strcmp(rec, "_METHOD") == 0)
        return 1;
    while (*rec == '_')
        rec++;
    return strncmp(rec, "NDIS", 4) == 0 || strncmp(rec, "NET_", 4) == 0;
}

/* Is key k about memory NDIS owns?  Worked out once per key and run. */
static int ndis_key(Engine *e, int32_t k)
{
    unsigned char *m = key_memo(e, &e->ndis_keys, k);
    if (!*m) {
        const char *name = key_name(e, k);
        char buf[256];
        while (*name == '*')
            name++;
        const char *rec = key_head(name, buf, sizeof buf);
        *m = (unsigned char)(rec && strchr(name, '.') && ndis_owned(rec) ? 2 : 1);
    }
    return *m == 2;
}

/* s without its facts about memory NDIS owns (s itself when it has none). */
static State *forget_ndis_memory(Engine *e, State *s)
{
    unsigned char dropbuf[256], *drop = NULL;
    for (int i = 0; i < s->nfacts; i++) {
        if (!ndis_key(e, s->facts[i].key))
            continue;
        if (!drop) {
            drop = s->nfacts > (int)sizeof dropbuf ? malloc((size_t)s->nfacts) : dropbuf;
            if (!drop)
                abort();
            memset(drop, 0, (size_t)s->nfacts);
        }
        drop[i] = 1;
    }
    if (!drop)
        return s;
    State *c = st_drop_facts(e, s, drop);
    if (drop != dropbuf)
        free(drop);
    return c;
}

/* ... and they are NDIS's again when the callback returns: what the driver
 * learnt of them goes (states between callbacks that differ only there are
 * one state).  out->v[from..] are the callback's exit states. */
static void forget_parameters(Engine *e, const EntryPoint *ep, StateVec *out, int from)
{
    for (int j = from; j < out->n; j++)
        out->v[j] = forget_ndis_memory(e, rs_oid_request_done(e, ep, out->v[j]));
}

/* NDIS calls MiniportHaltEx with the adapter context the driver gave
 * NdisMSetMiniportAttributes: not NULL, whatever halt tests (`if (Adapter
 * == NULL) return;` skipped the deregistration it was then reported for:
 * Aero's virtio-net).  Every adapter callback gets that context, but a
 * fact on the first parameter of the others keeps their helpers'
 * summaries apart from the same helpers' calls elsewhere, and past the
 * summary caps the widened entries lost what case 76 needs; halt runs
 * once, at the end, after them. */
static int names_path(const Expr *x, const char *key)
{
    return x && ((x->kind == EX_PATH && x->key && strcmp(x->key, key) == 0) ||
                 names_path(x->a, key) || names_path(x->b, key) || names_path(x->c, key));
}

/* Does f test its parameter p whole, or a local it copies p into? */
static int tests_param(const Func *f, const char *p)
{
    const char *copy = NULL;
    for (int b = 0; b < f->nblocks && !copy; b++)
        for (int k = 0; k < f->blocks[b].nsteps && !copy; k++) {
            const Step *st = &f->blocks[b].steps[k];
            if (st->kind == ST_ASSIGN && st->lhs && st->lhs->kind == EX_PATH && st->lhs->key &&
                st->rhs && st->rhs->kind == EX_PATH && st->rhs->key &&
                strcmp(st->rhs->key, p) == 0)
                copy = st->lhs->key;
        }
    for (int b = 0; b < f->nblocks; b++)
        if (f->blocks[b].term == T_BRANCH &&
            (names_path(f->blocks[b].cond, p) || (copy && names_path(f->blocks[b].cond, copy))))
            return 1;
    return 0;
}

/* Only where halt tests it: elsewhere the fact decides nothing, and halt's
 * helpers keep the summaries their other callers made (case 138's trace). */
static void halt_context(Engine *e, const EntryPoint *ep, const Func *f, State *in)
{
    if (ep->role != ROLE_HALT || f->nparams < 1 || !f->params[0].name || !f->params[0].name[0] ||
        !tests_param(f, f->params[0].name))
        return;
    AbsVal nz = av_nonzero();
    st_set(e, in, key_intern_at(e, f->params[0].name, 0), &nz);
}

/* rx_rule_mentions_role, worked out once per role and run (asked at
 * each of the 809 callbacks of sdv-faildriver's 4 runs: 70k instructions). */
int eng_mentions_role(Engine *e, RoleKind role)
{
    if (role < 0 || role >= ROLE_COUNT)
        return rx_rule_mentions_role(e->rule, role);
    if (!e->role_named[role])
        e->role_named[role] = (signed char)(rx_rule_mentions_role(e->rule, role) ? 2 : 1);
    return e->role_named[role] == 2;
}

/* NDIS calls entry point ep from state s: role events around the call.
 * Exit states (locals stripped) are appended to out. */
void eng_run_callback(Engine *e, const EntryPoint *ep, State *s, StateVec *out)
{
    const FuncRef *fr = &e->prog->funcs[ep->func];
    const Func *f = fr->f;
    State *in = forget_ndis_memory(e, st_strip_locals(e, s));
    st_set_ret(e, in, av_top());
    halt_context(e, ep, f, in);
    rs_oid_request(e, ep, in);
    irql_enter(e, in, ep->role);
    in->trace = tr_entry(e, s->trace, f->loc, f->name, role_typedef(ep->role));
    int from = out->n;
    if (!fr_touches(e->frames, ep->func) && !eng_mentions_role(e, ep->role)) {
        /* nothing in it can touch the rule: only what it writes matters
         * (and the status DriverEntry and MiniportInitializeEx return) */
        RolePhase ph = role_phase(ep->role);
        if (fr_has_effect(e, e->frames, ep->func) || ph == PH_DRIVER_ENTRY || ph == PH_INITIALIZE) {
            e->root_entry = 1;
            in_frame(e, ep->func, in, in, NULL, out);
        } else
            sv_push(e, out, in);
        forget_parameters(e, ep, out, from);
        return;
    }
    EventCtx ctx = {.fname = f->name, .loc = f->loc, .func = f->name, .callee = f,
                    .caller = in, .is_role = 1};
    /* a rule that watches no object and names no event of this role: its
     * entry and exit events would hand every state on as it is (rx_fire:
     * sdv-faildriver's 4 runs spent 404k instructions there) */
    int quiet = !e->rule->has_watch && !eng_mentions_role(e, ep->role);
    StateVec pre = {0};
    if (quiet)
        sv_push(e, &pre, in);
    else
        rx_fire(e, in, NULL, ep->role, EV_ENTRY, &ctx, &pre);
    for (int i = 0; i < pre.n; i++) {
        StateVec exits = {0};
        State *entry;
        CallSplit *sp = fr_split(e, e->frames, ep->func, pre.v[i], &entry);
        e->root_entry = 1;       /* a callback: its entries are adapter states */
        in_call(e, ep->func, entry, entry->trace, &exits);
        for (int k = 0; k < exits.n; k++) {
            State *x = fr_restore(e, sp, exits.v[k]);
            if (e->ret_lost && st_lost_has(x, e->ret_lost)) {
                /* a status a join weakened, which the harness and the
                 * rule's exit events decide on: the path is approximate */
                x = st_copy(e, x);
                st_lost_del(e, x, e->ret_lost);
                x->approx = 1;
            }
            if (quiet) {
                sv_push(e, out, x);
                continue;
            }
            EventCtx xc = ctx;
            xc.loc = x->at && x->at->file ? *x->at : f->loc;
            xc.caller = x;
            StateVec post = {0};
            rx_fire(e, x, NULL, ep->role, EV_EXIT, &xc, &post);
            for (int q = 0; q < post.n; q++)
                sv_push(e, out, post.v[q]);
            sv_release(e, &post);
        }
        sv_release(e, &exits);
    }
    sv_release(e, &pre);
    forget_parameters(e, ep, out, from);
}

/* Run every entry point of phase ph (each alone) from each state of in. */
static void run_phase(Engine *e, RolePhase ph, StateVec *in, StateVec *out, int *any)
{
    int found = 0;
    for (int i = 0; i < e->prog->nentries; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        if (role_phase(ep->role) != ph)
            continue;
        found = 1;
        for (int k = 0; k < in->n && !eng_budget_exceeded(e); k++)
            eng_run_callback(e, ep, in->v[k], out);
    }
    if (!found)
        for (int k = 0; k < in->n; k++)
            sv_push(e, out, in->v[k]);
    if (any)
        *any = found;
}

/* Keep the states whose return value may satisfy (success=1) or violate
 * NDIS_STATUS_SUCCESS, refined accordingly. */
static void split_status(Engine *e, StateVec *in, StateVec *ok, StateVec *failed)
{
    AbsVal zero = av_const(0);
    for (int k = 0; k < in->n; k++) {
        State *s = in->v[k];
        AbsVal v = *st_ret(e, s);
        if (av_assume(&v, OP_EQ, &zero)) {
            State *c = st_copy(e, s);
            st_set_ret(e, c, av_top());
            sv_push(e, ok, c);
        }
        v = *st_ret(e, s);
        if (failed && av_assume(&v, OP_NE, &zero)) {
            State *c = st_copy(e, s);
            st_set_ret(e, c, av_top());
            sv_push(e, failed, c);
        }
    }
}

/* States kept apart per rule state between callbacks: the adapter context
 * after different histories of callbacks.  Past that they are joined (an
 * over-approximation: it can cost precision, never a defect).  Measured on
 * samples/: 6 -> 3 halves the engine's work, same results on every case
 * and public tree. */
enum { RUNTIME_KEEP = 3 };

/* A state initialize returned with, as the callback loop starts from it:
 * initialize's locals and return value gone. */
static State *loop_entry(Engine *e, State *ok)
{
    State *s = st_strip_locals(e, ok);
    st_set_ret(e, s, av_top());
    st_finish(e, s);
    return s;
}

/* Runtime callbacks to a fixed point over the states reached. */
static void runtime_loop(Engine *e, StateVec *start, StateVec *reached)
{
    StateSet *set = ss_new(e, RUNTIME_KEEP);
    ss_mark_loop(set);                /* callbacks repeat: a loop of its own */
    if (!e->rule->has_watch)
        ss_mark_gated(set);
    StateVec work = {0};
    for (int k = 0; k < start->n; k++) {
        State *added = NULL;
        State *s = loop_entry(e, start->v[k]);
        if (ss_add(e, set, s, &added))
            sv_push(e, &work, added);
        if ((added = ss_take_joined(set)))
            sv_push(e, &work, added);
    }
    for (int w = 0; w < work.n && !eng_budget_exceeded(e); w++) {
        State *s = work.v[w];
        if (!ss_holds(set, s))
            continue;      /* a join replaced it: what it leads to, the join leads to */
        ss_mark_done(set, s);
        sv_push(e, reached, s);
        for (int i = 0; i < e->prog->nentries; i++) {
            const EntryPoint *ep = &e->prog->entries[i];
            if (role_phase(ep->role) != PH_RUNTIME || !dfr_may_run(e, ep, s) ||
                !rs_may_run(e, ep, s))
                continue;       /* a work item not queued, a timer not armed, a restart
                                   of a running adapter, ... */
            StateVec out = {0};
            eng_run_callback(e, ep, dfr_take(e, ep, s), &out);
            for (int k = 0; k < out.n; k++) {
                State *n = st_copy(e, rs_after(e, ep, out.v[k]));
                st_set_ret(e, n, av_top());
                State *added = NULL;
                if (ss_add(e, set, n, &added))
                    sv_push(e, &work, added);
                if ((added = ss_take_joined(set)))
                    sv_push(e, &work, added);
            }
            sv_release(e, &out);
        }
    }
    sv_release(e, &work);
    ss_free(set);
}

/* Flags per key below nkeys, bit 1: the driver writes it (an assignment,
 * a call's result, its address passed to a call); bit 2: it writes it
 * something other than 0.  For an element at a variable index, the whole
 * array. */
enum { W_ANY = 1, W_NONZERO = 2 };

static void mark_written(Engine *e, unsigned char *w, int32_t nkeys, int32_t k, int how)
{
    int32_t arr = k > 0 ? key_array_of(e, k) : 0;
    if (k > 0 && k < nkeys)
        w[k] |= (unsigned char)how;
    if (arr > 0 && arr < nkeys)
        w[arr] |= (unsigned char)how;
}

/* Every key the driver writes is one fr_build_sets interned (a path
 * assigned, an object whose address a call is given): the base run works
 * the flags out once for every rule run (Engine.written). */
static unsigned char *written_keys(Engine *e, int32_t nkeys)
{
    unsigned char *w = calloc((size_t)nkeys + 1, 1);
    if (!w)
        abort();
    const Program *p = e->prog;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->lhs && st->lhs->kind == EX_PATH) {
                    int zero = st->kind == ST_ASSIGN && st->rhs && st->rhs->kind == EX_INT &&
                               st->rhs->ival == 0;
                    mark_written(e, w, nkeys, ev_path_key(e, st->lhs),
                                 zero ? W_ANY : W_ANY | W_NONZERO);
                }
                for (int a = 0; st->kind == ST_CALL && a < st->nargs; a++)
                    if (st->args[a] && st->args[a]->kind == EX_ADDR && st->args[a]->a &&
                        st->args[a]->a->kind == EX_PATH) {
                        const Expr *g = st->args[a]->a;
                        mark_written(e, w, nkeys, ev_path_key(e, g), W_ANY | W_NONZERO);
                        /* &G of a global struct: its fields are REC.f too
                         * (InitializeListHead(&gPorts) does not leave
                         * _LIST_ENTRY.Flink zero) */
                        if (g->global_rec)
                            mark_written(e, w, nkeys, key_find(e, g->global_rec),
                                         W_ANY | W_NONZERO);
                    }
            }
    }
    return w;
}

static int written_as(const Engine *e, int32_t k)
{
    return k > 0 && k < e->nwritten ? e->written[k] : 0;
}

int eng_written(const Engine *e, int32_t k)
{
    return written_as(e, k) != 0;
}

/* An element of a const table no function reads at a literal index, but
 * one reads at a variable index the engine may know (`Ops[Op].Routine`,
 * eval.c elem_key): its key, made now with what the table's "some element"
 * key says of it (kept, deciding), when that key is kept and nothing writes
 * the table; else 0. */
static int32_t table_element(Engine *e, const char *key)
{
    const char *open = strchr(key, '[');
    if (!open || open[1] < '0' || open[1] > '9')
        return 0;
    const char *close = open + 1;
    while (*close >= '0' && *close <= '9')
        close++;
    if (*close != ']')
        return 0;
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%.*s[]%s", (int)(open - key), key, close + 1);
    if (n < 0 || (size_t)n >= sizeof buf)
        return 0;
    int32_t some = key_find(e, buf);
    if (!some || !key_relevant(e, some) || written_as(e, some))
        return 0;
    int32_t k = key_intern(e, key, key_persistent(e, some));
    key_set_relevant(e, k);
    if (key_decisive(e, some))
        key_set_decisive(e, k);
    return k;
}

/* Globals start as C starts them: zero, or their constant initialiser
 * (Unit.ginits); what lies below a zeroed global (its fields, its
 * elements) is zero too.  Only for what the driver never writes another
 * value to: a global a callback counts up (adapters initialised) may hold
 * what another adapter's callbacks left there, and the harness runs one
 * adapter.  Only tracked keys get a fact. */
void eng_global_values(Engine *e, State *s)
{
    const Driver *d = e->prog->drv;
    int32_t nkeys = 1;
    while (key_name(e, nkeys)[0])
        nkeys++;
    unsigned char *zero = calloc((size_t)nkeys + 1, 1);
    if (!zero)
        abort();
    int any = 0;
    for (int u = 0; u < d->nunits; u++)
        for (int i = 0; i < d->units[u]->nginits; i++) {
            const GlobalInit *g = &d->units[u]->ginits[i];
            int32_t k = key_find(e, g->key);
            if (!k && !g->zero)
                k = table_element(e, g->key);
            if (!k)
                continue;
            if (g->zero) {
                zero[k] = 1;
                any = 1;
            } else if (key_relevant(e, k) && !(written_as(e, k) & (g->value ? W_ANY : W_NONZERO))) {
                AbsVal v = av_const(g->value);
                st_set(e, s, k, &v);
            }
        }
    AbsVal z = av_const(0);
    for (int32_t k = 1; any && k < nkeys; k++) {
        if (!key_relevant(e, k) || key_array_of(e, k) || st_get(e, s, k))
            continue;
        int w = 0;
        for (int32_t a = k; a > 0 && !w; a = key_parent(e, a))
            w = a < nkeys && (written_as(e, a) & W_NONZERO);
        for (int32_t a = k; a > 0 && !w; a = key_parent(e, a))
            if (a < nkeys && zero[a]) {
                st_set(e, s, k, &z);
                break;
            }
    }
    free(zero);
}

/* A rule without watched objects has one instance of its variables from
 * the start: as the rule initialises them, or unknown (known 0). */
void eng_rule_instance(Engine *e, State *s, int known)
{
    const Rule *r = e->rule;
    if (r->has_watch)
        return;
    s->inst = arena_alloc(e->arena, sizeof *s->inst);
    s->ninst = 1;
    s->inst[0].obj = 0;
    s->inst[0].vars = arena_alloc(e->arena, sizeof(AbsVal) * (size_t)(r->nvars ? r->nvars : 1));
    for (int k = 0; k < r->nvars; k++)
        s->inst[0].vars[k] = known ? av_const(r->vars[k].init) : av_top();
}

static State *initial_state(Engine *e)
{
    State *s = st_new(e);
    eng_rule_instance(e, s, 1);
    dfr_initial(e, s);
    rs_initial(e, s);
    eng_global_values(e, s);
    st_finish(e, s);
    return s;
}

/* What still runs after MiniportHaltEx returned: a timer it left armed
 * fires (deferred.c), once, on whatever the driver freed.  Only where each
 * timer's key is its own (else a cancel may not have disarmed it).  So
 * does a work item still queued: NDIS does not wait for a miniport's I/O
 * work items before MiniportHaltEx, and halt must (blind round 5: halt
 * deregistered the interrupt and freed the item while an OID request had
 * queued it to synchronize).  A halt that waits on an event the item sets
 * took it off the queue at the wait (deferred.c dfr_waited), whatever the
 * callback loop's joins left of which was queued and which event set; and
 * one that completes a pended reset, pause or OID request has run before
 * NDIS halts the adapter (dfr_completes_request). */
static void after_halt(Engine *e, StateVec *halted)
{
    int n = halted->n, ne = e->prog->nentries;
    if (!n)
        return;
    unsigned char *late = arena_alloc(e->arena, (size_t)ne);  /* per entry: a work item
                                                                  that may run after halt */
    for (int i = 0; i < ne; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        late[i] = !dfr_is_timer(e, ep) && e->queued[ep->func] &&
                  !dfr_completes_request(e->prog, ep->func);
    }
    for (int k = 0; k < n; k++) {
        State *s = halted->v[k];
        for (int i = 0; i < ne; i++) {
            const EntryPoint *ep = &e->prog->entries[i];
            int timer = dfr_is_timer(e, ep);
            if (timer ? !e->own_timer_keys || !e->timers_gated || !dfr_may_run(e, ep, s)
                      : !late[i] || !dfr_may_run(e, ep, s))
                continue;
            StateVec out = {0};
            const char *tn = e->prog->funcs[ep->func].f->name;
            const char *why = timer ? arena_printf(e->arena, "the timer of %s is still armed "
                                                   "when MiniportHaltEx returns: it fires once "
                                                   "more", tn)
                                    : arena_printf(e->arena, "the work item %s is still queued "
                                                   "when MiniportHaltEx returns: it runs after "
                                                   "it", tn);
            State *from = dfr_note(e, dfr_take(e, ep, s), e->prog->funcs[ep->func].f->loc, tn,
                                   why);
            eng_run_callback(e, ep, from, &out);
            for (int q = 0; q < out.n; q++)
                sv_push(e, halted, out.v[q]);
            sv_release(e, &out);
        }
    }
}

/* From the states the callback loop reached: halt (of a paused adapter,
 * runstate.c), the timers it left armed, and unload, which also follows a
 * failed initialize. */
static void after_loop(Engine *e, StateVec *reached, StateVec *failed, StateVec *done)
{
    StateVec paused = {0}, halted = {0};
    for (int k = 0; k < reached->n; k++)
        if (rs_may_be_paused(e, reached->v[k]))
            sv_push(e, &paused, reached->v[k]);
    run_phase(e, PH_HALT, &paused, &halted, NULL);
    sv_release(e, &paused);
    after_halt(e, &halted);
    for (int k = 0; k < failed->n; k++)
        sv_push(e, &halted, failed->v[k]);
    run_phase(e, PH_UNLOAD, &halted, done, NULL);
    sv_release(e, &halted);
}

/* Halt (after_loop) straight after initialize: from its exit states as
 * the callback loop starts from them, which *zero gets. */
static void straight_to_halt(Engine *e, const StateVec *ok, StateVec *failed, StateVec *zero,
                             StateVec *done)
{
    for (int k = 0; k < ok->n; k++)
        sv_push(e, zero, loop_entry(e, ok->v[k]));
    after_loop(e, zero, failed, done);
}

void eng_lifecycle(Engine *e)
{
    StateVec s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, ok = {0}, failed = {0};
    StateVec reached = {0}, done = {0};
    sv_push(e, &s0, initial_state(e));
    int has_driver_entry = 0;
    run_phase(e, PH_DRIVER_ENTRY, &s0, &s1, &has_driver_entry);
    if (has_driver_entry) {      /* DriverEntry must have succeeded (NT_SUCCESS) */
        StateVec keep = {0};
        AbsVal zero = av_const(0);
        for (int k = 0; k < s1.n; k++) {
            AbsVal v = *st_ret(e, s1.v[k]);
            if (av_assume(&v, OP_GE, &zero))
                sv_push(e, &keep, s1.v[k]);
        }
        sv_release(e, &s1);
        s1 = keep;
    }
    run_phase(e, PH_SET_OPTIONS, &s1, &s2, NULL);
    int has_init = 0;
    run_phase(e, PH_INITIALIZE, &s2, &s3, &has_init);
    if (has_init)
        split_status(e, &s3, &ok, &failed);
    else
        for (int k = 0; k < s3.n; k++)
            sv_push(e, &ok, s3.v[k]);
    /* no path on which it succeeds: no callback after it is checked, which
     * the report says (eng_check); a search cut short proves nothing */
    e->init_never = has_init && !ok.n && !eng_budget_exceeded(e);
    e->hit_before_loop = e->probe_hit;
    if (e->loopsum == 2) {
        /* loopsum.c loopsum_capture: halt straight after initialize,
         * reported; then the summarised loop and halt, collected */
        straight_to_halt(e, &ok, &failed, &reached, &done);
        if (!eng_budget_exceeded(e)) {
            StateVec none = {0}, summed = {0}, done2 = {0};
            loopsum_capture(e, 1);
            loopsum_run(e, &ok, &summed);
            after_loop(e, &summed, &none, &done2);
            loopsum_capture(e, 0);
            sv_release(e, &summed);
            sv_release(e, &done2);
        }
    } else if (e->loopsum) {
        loopsum_run(e, &ok, &reached);
        after_loop(e, &reached, &failed, &done);
    } else if (e->halt_first) {
        /* Every place the rule can report at reports wherever it is
         * reached (NdisStallExecution(200000)): the search stops once
         * each has an exact path (sites.c site_exact), and a stall in halt
         * has one straight after initialize.  So halt runs from there
         * first, then the callback loop, and halt from the states it
         * reached but those.  rtlnwifi's stall rule: 31k -> 12k states. */
        StateVec zero = {0}, rest = {0}, none = {0};
        straight_to_halt(e, &ok, &failed, &zero, &done);
        if (!eng_budget_exceeded(e)) {
            runtime_loop(e, &ok, &reached);
            for (int k = 0; k < reached.n; k++) {
                int seen = 0;
                for (int z = 0; z < zero.n && !seen; z++)
                    seen = st_equal(e, zero.v[z], reached.v[k]);
                if (!seen)
                    sv_push(e, &rest, reached.v[k]);
            }
            after_loop(e, &rest, &none, &done);
        }
        sv_release(e, &zero);
        sv_release(e, &rest);
    } else {
        runtime_loop(e, &ok, &reached);
        after_loop(e, &reached, &failed, &done);
    }
    sv_release(e, &s0); sv_release(e, &s1); sv_release(e, &s2); sv_release(e, &s3);
    sv_release(e, &ok); sv_release(e, &failed);
    sv_release(e, &reached); sv_release(e, &done);
}

/* Marks in r what the call graph reaches from the functions on the work
 * list (already marked); with_args, also the functions a call is given
 * (a synchronize callback NdisMSynchronizeWithInterruptEx runs). */
void eng_reach_from(const Program *p, unsigned char *r, int *work, int n, int with_args)
{
    while (n) {
        int fi = work[--n];
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL)
                    continue;
                const CallRes *cr = prog_call(p, st);
                for (int t = 0; cr && t < cr->n; t++)
                    if (!r[cr->fi[t]]) {
                        r[cr->fi[t]] = 1;
                        work[n++] = cr->fi[t];
                    }
                for (int q = 0; with_args && q < st->nargs; q++) {
                    const Expr *x = st->args[q];
                    int g = x && x->kind == EX_FUNC && x->text
                                ? prog_lookup(p, p->funcs[fi].u, x->text) : -1;
                    if (g >= 0 && !r[g]) {
                        r[g] = 1;
                        work[n++] = g;
                    }
                }
            }
    }
}

unsigned char *eng_called_from_entries(const Program *p, int *work)
{
    unsigned char *r = calloc((size_t)p->nfuncs + 1, 1);
    int n = 0;
    if (!r)
        abort();
    for (int i = 0; i < p->nentries; i++) {
        int fi = p->entries[i].func;
        if (role_phase(p->entries[i].role) != PH_SYNC && !r[fi]) {
            r[fi] = 1;
            work[n++] = fi;
        }
    }
    eng_reach_from(p, r, work, n, 0);
    return r;
}

/* Functions some driver function calls (the callees of anything). */
static unsigned char *called_at_all(const Program *p)
{
    unsigned char *r = calloc((size_t)p->nfuncs + 1, 1);
    if (!r)
        abort();
    for (int i = 0; i < p->nfuncs; i++) {
        const Func *f = p->funcs[i].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const CallRes *cr = f->blocks[b].steps[k].kind == ST_CALL
                                        ? prog_call(p, &f->blocks[b].steps[k]) : NULL;
                for (int t = 0; cr && t < cr->n; t++)
                    if (cr->fi[t] != i)
                        r[cr->fi[t]] = 1;
            }
    }
    return r;
}

static void orphan_root(Engine *e, int i)
{
    const Func *f = e->prog->funcs[i].f;
    State *s = initial_state(e);
    s->trace = tr_push(e, NULL, TS_ENTRY, f->loc, f->name,
                       arena_printf(e->arena, "%s analysed on its own (no entry point reaches it)",
                                    f->name),
                       NULL);
    StateVec out = {0};
    e->orphan_run = 1;
    in_call(e, i, s, s->trace, &out);
    e->orphan_run = 0;
    sv_release(e, &out);
}

/* Functions no entry point reaches, each analysed as a root of its own,
 * callers before callees: first those no driver function calls, then what
 * the call graph does not reach from them (cycles), each time the first
 * one left.  A function the call graph reaches from an entry point or from
 * such a root, but only along paths the analysis found impossible, is not
 * analysed again: from nowhere, it would be judged in a state no caller
 * can give it (a helper that drops and retakes its caller's lock). */
void eng_orphans(Engine *e)
{
    const Program *p = e->prog;
    int *work = malloc(sizeof *work * ((size_t)p->nfuncs + 1));
    if (!work)
        abort();
    unsigned char *called = eng_called_from_entries(p, work);
    unsigned char *any = called_at_all(p);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < p->nfuncs && !eng_budget_exceeded(e); i++) {
            if (e->probe) {
                /* a probe reaches more than the full run: every function
                 * the full run could take as a root is one */
                if (!called[i] && pass == 0 && fr_touches(e->frames, i))
                    orphan_root(e, i);
                continue;
            }
            if (e->reached[i] || called[i] || (pass == 0 && any[i]) || !fr_touches(e->frames, i))
                continue;       /* analysed already, or cannot touch the rule */
            orphan_root(e, i);
            called[i] = 1;
            work[0] = i;
            eng_reach_from(p, called, work, 1, 0);
        }
    free(called);
    free(any);
    free(work);
}

static int rule_has_api_targets(const Rule *r)
{
    for (int i = 0; i < r->nevents; i++)
        for (int k = 0; k < r->events[i].ntargets; k++)
            if (r->events[i].targets[k].kind == TGT_API)
                return 1;
    return 0;
}

int eng_applicable(const Program *p, const Rule *r)
{
    for (int i = 0; i < r->nevents; i++)
        for (int k = 0; k < r->events[i].ntargets; k++) {
            const RuleTarget *t = &r->events[i].targets[k];
            if (t->kind == TGT_API && prog_is_called(p, t->name))
                return 1;
            if (t->kind == TGT_ROLE && !rule_has_api_targets(r) && prog_entry(p, (RoleKind)t->role, 0))
                return 1;
        }
    return 0;
}

/* Path sensitivity: states kept apart per point in functions that touch
 * the rule and in the others, summaries per function, rule state and
 * arguments (and whatever the arguments) before widening.  KEEP 6 -> 4
 * cut the engine's instructions by a fifth on mux and netvmini with the
 * same results on every case and public tree (3 was no faster).
 * SUM_ARGS_CAP 8 -> 16: a helper called with one of three reasons from
 * three rule states (tests/cases/16) keeps its arguments exact, so its
 * trace does too.  ROOT_SUM_CAP: a callback NDIS calls keeps 8 entries
 * apart (2 joined the adapter histories the callback loop keeps apart:
 * cases 81, 91, 92); callees see only what they can read (fr_split), so
 * that costs less than it did: NetKVM's engine 237 -> 214 ms. */
enum { KEEP = 4, FRAME_KEEP = 1, SUM_CAP = 2, SUM_ARGS_CAP = 16, ROOT_SUM_CAP = 8 };

/* A probe (check.c probes_pass) keeps one state per point and one summary
 * per function and rule state: it proves Pass or hands over, and a join is
 * sound, so what it joins can cost a hand-over but not a defect - where
 * the engine follows a path only when it is exact (a cancel racing the
 * tick that re-arms the timer, interp.c do_call, deferred.c dfr_rearmed),
 * a probe follows it wherever it may be.  The callback loop keeps
 * RUNTIME_KEEP adapter states as in the full run: with one, joined timer
 * gates hid case 263's race from the probe before those two followed it.
 * e100bex 264k -> 191k states, rtlnwifi 118k -> 64k, imxnetmini 169k ->
 * 82k (its spin-lock probe 85k -> 16k), NetKVM 43k -> 34k; of the probes
 * that proved Pass none stops now. */
enum { PROBE_KEEP = 1, PROBE_SUM_CAP = 1, PROBE_ROOT_SUM_CAP = 1 };

/* A copy of the base run's key table (engine_base) for one rule run: the
 * same id for every key interned so far; what the run interns goes to its
 * own arena a. */
static KeyTab *keys_copy(const KeyTab *t, Arena *a)
{
    KeyTab *c = arena_alloc(a, sizeof *c);
    *c = *t;
    c->a = a;
    c->ents = malloc(sizeof *c->ents * (size_t)t->cap);
    c->slots = malloc(sizeof *c->slots * (size_t)t->nslots);
    c->ptrs = malloc(sizeof *c->ptrs * (size_t)t->nptr_slots);
    if (!c->ents || !c->slots || !c->ptrs)
        abort();
    memcpy(c->ents, t->ents, sizeof *c->ents * (size_t)t->n);
    memcpy(c->slots, t->slots, sizeof *c->slots * (size_t)t->nslots);
    memcpy(c->ptrs, t->ptrs, sizeof *c->ptrs * (size_t)t->nptr_slots);
    return c;
}

/* The base run's call_flags (of every name the driver calls) for this
 * rule's run: only CF_MENTIONED is the rule's (internal.h).  Working them
 * out again cost each rule run on sdv-faildriver 116k instructions
 * (api_has_model, api_irql, ...). */
static void flags_copy(Engine *e, const Engine *base)
{
    if (!base->ncflag_slots)
        return;
    e->cflags = malloc(sizeof *e->cflags * (size_t)base->ncflag_slots);
    if (!e->cflags)
        abort();
    memcpy(e->cflags, base->cflags, sizeof *e->cflags * (size_t)base->ncflag_slots);
    e->ncflags = base->ncflags;
    e->ncflag_slots = base->ncflag_slots;
    for (int i = 0; i < e->ncflag_slots; i++)
        if (e->cflags[i].name)
            e->cflags[i].flags = (e->cflags[i].flags & ~CF_MENTIONED) |
                                 (rx_rule_mentions_api(e->rule, e->cflags[i].name) ? CF_MENTIONED
                                                                                  : 0);
}

/* Every rule run starts the same way up to the rule's own slice: the
 * timer, run-state and IRQL keys, then fr_build's sets, which intern every
 * key the CFGs name, in the same order whatever the rule (the rule only
 * decides which functions touch it).  driver_base does that once, in this
 * base run of no rule, and each rule run starts from a copy of its key
 * table (the same ids) and borrows its sets: sdv-faildriver's 4 rule runs
 * spent 1.35M instructions in fr_build, NetKVM's 3 spent 45M. */
static const Rule no_rule;

static Engine *engine_base(Program *prog, Arena *a)
{
    Engine *e = calloc(1, sizeof *e);
    if (!e || !(e->pathkey = calloc(PATHKEY_SLOTS, sizeof *e->pathkey)))
        abort();
    e->prog = prog;
    e->rule = &no_rule;
    e->arena = a;
    e->keys = keytab_new(a);
    e->vals = vt_new();
    e->timer_armed = key_intern(e, "<timer armed>", 1);
    dfr_setup(e);
    rs_setup(e);
    irql_setup(e);
    e->frames = fr_build_sets(e);
    e->nwritten = e->keys->n;
    e->written = written_keys(e, e->nwritten);
    e->steptab = steptab_build(e);
    e->thr = thr_build(e);
    e->lent = lb_build(e);
    return e;
}

void eng_start(Engine *e, const Engine *base, Program *prog, const Rule *rule,
                         SliceLevel level, Report *rep, Arena *a, double deadline,
                         size_t state_budget)
{
    eng_start_snap(e, base, prog, rule, level, rep, a, deadline, state_budget, NULL);
}

void eng_start_snap(Engine *e, const Engine *base, Program *prog, const Rule *rule,
                    SliceLevel level, Report *rep, Arena *a, double deadline,
                    size_t state_budget, SliceSnap *snap)
{
    /* the base run's path key cache is read first (the same ids), then
     * this thread's (eval.c): copying the base's 128 KiB into every run
     * was 7% of sdv-faildriver's engine instructions (six runs with the
     * probes) */
    memset(e, 0, sizeof *e);
    e->base_pathkey = base->pathkey;
    e->steptab = base->steptab;
    e->thr = base->thr;
    e->lent = base->lent;
    e->pathkey = ev_pathkey_table(&e->pathkey_run);
    e->prog = prog;
    e->rule = rule;
    e->rep = rep;
    e->arena = a;
    e->keys = keys_copy(base->keys, a);
    e->nbase_keys = base->keys->n;
    e->stateless = rule && site_rule_stateless(rule);
    e->written = base->written;
    e->nwritten = base->nwritten;
    flags_copy(e, base);
    e->vals = vt_new();
    e->timer_armed = key_intern(e, "<timer armed>", 1);
    e->origins = rule->has_watch;
    for (int i = 0; i < rule->nevents; i++)
        e->origins |= rule->events[i].guard_arg > 0;
    e->deadline = deadline;
    e->state_budget = state_budget;
    e->set_keep = KEEP;
    e->frame_keep = FRAME_KEEP;
    e->sum_cap = SUM_CAP;
    e->sum_args_cap = SUM_ARGS_CAP;
    e->root_sum_cap = ROOT_SUM_CAP;
    e->reached = calloc((size_t)(prog->nfuncs ? prog->nfuncs : 1), 1);
    dfr_setup_from(e, base);
    rs_setup(e);
    irql_setup(e);
    e->frames = fr_build_on(e, base->frames);
    e->probe = level < SLICE_FULL;
    e->level = (int)level;
    if (e->probe) {
        e->set_keep = PROBE_KEEP;
        e->sum_cap = PROBE_SUM_CAP;
        e->root_sum_cap = PROBE_ROOT_SUM_CAP;
    }
    irql_decide(e);
    if (snap && snap->have) {
        /* the same rule, level and keys so far as the run that sliced: its
         * slice, not made again (1.4M instructions a slice on imxnetmini) */
        keytab_free(e->keys);
        e->keys = keys_copy(snap->keys, a);
        prog->relevant = snap->relevant;
        prog->nrelevant_slots = snap->nrelevant_slots;
        prog->keybits = snap->keybits;
        prog->nkeybits = snap->nkeybits;
        e->evt_matter = snap->evt_matter;
    } else {
        prog_slice(e, prog, fr_touch_set(e->frames), level, a);
        if (snap) {
            snap->keys = keys_copy(e->keys, a);
            snap->relevant = prog->relevant;
            snap->nrelevant_slots = prog->nrelevant_slots;
            snap->keybits = prog->keybits;
            snap->nkeybits = prog->nkeybits;
            snap->evt_matter = e->evt_matter;
            snap->have = 1;
        }
    }
    e->config_key = key_intern(e, "_NDIS_CONFIGURATION_PARAMETER.ParameterData.IntegerData", 1);
    irql_relevant(e);
    dfr_relevant(e);          /* the gates of the callbacks that matter (after irql.c's keys) */
    evt_relevant(e);          /* the events a wait may find set */
    rs_relevant(e);           /* which may count the gates kept */
    if (getenv("DRVCHECK_ENGINE_STATS"))
        e->work = calloc((size_t)prog->nfuncs + 1, sizeof *e->work);
}

void eng_end(Engine *e)
{
    free(e->hits);
    for (int i = 0; i < e->nsites; i++)
        free(e->sites[i].where);
    free(e->sites);
    for (int i = 0; e->loop_heads && i < e->prog->nfuncs; i++) {
        free(e->loop_heads[i]);
        free(e->unrolled[i]);
        free(e->quiet[i]);
    }
    free(e->loop_heads);
    free(e->unrolled);
    free(e->quiet);
    free(e->reached);
    free(e->poll_abort);
    free(e->lv_ids);
    free(e->queued);
    free(e->armed);
    free(e->ktimer);
    evt_free(e);
    free(e->gated);
    free(e->thandles);
    free(e->outk);
    free(e->ndis_keys.v);
    free(e->dev_keys.v);
    free(e->origin_ok.v);
    free(e->cflags);
    api_model_free(e);
    free(e->noutk);
    free(e->exitk);
    free(e->nexitk);
    free(e->echok);
    free(e->nechok);
    sum_free(e);
    ss_pool_free(e);
    sv_pool_free(e);
    free(e->work);
    fr_free(e->frames);
    keytab_free(e->keys);
    vt_free(e->vals);
}

static void base_free(Engine *b)
{
    free(b->pathkey);              /* its own (engine_base), not a thread's */
    steptab_free((struct StepTab *)b->steptab);
    thr_free((Thresholds *)b->thr);
    lb_free((LentBlocks *)b->lent);
    free((void *)b->written);
    eng_end(b);
    arena_free(b->arena);
    free(b);
}

/* The base run, made when the first rule that applies to the driver needs
 * it (a driver no rule applies to pays nothing: netvmini's tree has such),
 * in an arena of its own: runs on other threads may make one at the same
 * time; the first to publish wins, the others free theirs (they are the
 * same). */
const Engine *eng_base(EngineDriver *ed)
{
    Engine *b = atomic_load_explicit(&ed->base, memory_order_acquire);
    if (b)
        return b;
    Engine *mine = engine_base(&ed->prog, arena_new()), *none = NULL;
    if (atomic_compare_exchange_strong_explicit(&ed->base, &none, mine, memory_order_acq_rel,
                                                memory_order_acquire))
        return mine;
    base_free(mine);
    return none;
}

EngineDriver *eng_prepare(const Driver *drv)
{
    EngineDriver *ed = calloc(1, sizeof *ed);
    if (!ed)
        abort();
    ed->drv = drv;
    ed->arena = arena_new();
    prog_build(&ed->prog, drv, ed->arena);
    return ed;
}

void eng_release(EngineDriver *ed)
{
    if (ed) {
        Engine *b = atomic_load_explicit(&ed->base, memory_order_acquire);
        if (b)
            base_free(b);
        prog_release(&ed->prog);
        arena_free(ed->arena);
        free(ed);
    }
}

int eng_weight(const EngineDriver *ed, const Rule *rule)
{
    const Program *p = &ed->prog;
    int w = 0;
    for (int i = 0; i < p->nfuncs; i++) {
        const Func *f = p->funcs[i].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                w += st->kind == ST_CALL && st->callee && rx_rule_mentions_api(rule, st->callee);
            }
    }
    return w;
}

Verdict eng_run(const Driver *drv, const Rule *rule, const EngineOptions *o, Report *rep)
{
    EngineDriver *ed = eng_prepare(drv);
    Verdict v = eng_check(ed, rule, o, rep);
    eng_release(ed);
    return v;
}

void eng_list_entry_points(const EngineDriver *ed, Report *rep)
{
    const Program *prog = &ed->prog;
    for (int i = 0; i < prog->nentries; i++) {
        const EntryPoint *ep = &prog->entries[i];
        const Func *f = prog->funcs[ep->func].f;
        report_add_entry(rep, ed->drv->name, f->name, role_typedef(ep->role), ep->found_by,
                         ep->loc.file ? ep->loc.file : f->file, ep->loc.line);
    }
}
