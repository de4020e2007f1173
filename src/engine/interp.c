/* interp.c - analysing one function from one entry state, and calls.
 *
 * in_call is the heart: a work list over the function's blocks carrying
 * abstract states (path-sensitive up to the StateSet cap per block), with
 * every call handled at its step: the rule's entry events, the callee
 * (a driver function through its summary, a callback NDIS runs inside the
 * API, or an external API that may write through the addresses passed to
 * it), the exit events, the result.  A summary maps (function, entry state)
 * to its exit states and is computed once: the next call from an equal
 * state replays it, with the callee's trace steps rebased onto the new
 * caller's trace.  Recursion in progress returns the entry state unchanged
 * (the call is assumed to have no effect on the rule), and so terminates.
 * The summary table, and how entries are widened, is summaries.c's. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>

#include "engine/internal.h"


double eng_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int eng_budget_exceeded(Engine *e)
{
    if (e->out_of_time || e->out_of_space || e->settled)
        return 1;
    if ((++e->ticks & 255) == 1) {     /* the first tick checks too: tiny budgets */
        if (e->deadline > 0 && eng_now() > e->deadline)
            e->out_of_time = 1;
        if (e->nstates > e->state_budget || arena_used(e->arena) > e->state_budget * 256)
            e->out_of_space = 1;
    }
    return e->out_of_time || e->out_of_space;
}

typedef struct Frame {
    const FuncRef *fr;
    int fi;
    int keep;                /* StateSet width: 1 in functions that cannot touch the rule */
} Frame;

static void call_driver_func(Engine *e, const Frame *fr, const Step *st, int fi, State *s,
                             StateVec *out);

/* Key `to` followed by what follows `from` in key k (k lies below from). */
int32_t moved_key(Engine *e, int32_t k, int32_t from, int32_t to)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s", key_name(e, to), key_name(e, k) + strlen(key_name(e, from)));
    return key_intern(e, buf, key_persistent(e, to));
}

/* The facts of src below `from` set in dst below `to`, field by field (a
 * struct copied, passed or returned by value).  Returns how many. */
static int copy_fields(Engine *e, State *dst, const State *src, int32_t from, int32_t to)
{
    int n = 0;
    for (int k = 0; from > 0 && to > 0 && k < src->nfacts; k++) {
        int32_t fk = src->facts[k].key;
        if (!key_is_below(e, fk, from) || key_array_of(e, fk))
            continue;
        int32_t tk = moved_key(e, fk, from, to);
        key_set_relevant(e, tk);
        st_set(e, dst, tk, st_fval(e, &src->facts[k]));
        n++;
    }
    return n;
}

/* A struct returned by value (MP_INTR MpSnapshot(...) { ... return S; }):
 * its fields go back as ^$ret.f, which the caller's assignment takes
 * (take_struct) and every call then forgets. */
/* Interned when first asked (keys take their ids in that order), then
 * remembered: the loops over exit facts ask for every fact. */
static int32_t ret_key(Engine *e)
{
    if (!e->ret_key)
        e->ret_key = key_intern(e, "^$ret", 0);
    return e->ret_key;
}

static void return_struct(Engine *e, State *x, const State *src, const Expr *rv)
{
    copy_fields(e, x, src, ev_key_in(e, src, rv), ret_key(e));
}

static State *take_struct(Engine *e, const Step *st, State *r)
{
    int32_t rk = ret_key(e);
    if (!st_has_prefix(e, r, rk))
        return r;
    State *n = st_copy(e, r);
    if (st->lhs && st->lhs->kind == EX_PATH && st->lhs->is_record) {
        int32_t lk = ev_key_in(e, r, st->lhs);
        st_havoc_prefix(e, n, lk);
        copy_fields(e, n, r, rk, lk);
    }
    st_havoc_prefix(e, n, rk);
    return n;
}

/* The caller's local that parameter i of f points to (f(&Status)), or 0:
 * the callee knows it as *param.  Globals and heap objects need no such
 * link: the callee reads and writes them by their own keys (ev_key_in). */
static int32_t out_local(Engine *e, const Func *f, const Step *st, int first, int i,
                         const State *caller)
{
    int a = first + i;
    if (!st || a >= st->nargs || !f->params[i].name || !f->params[i].name[0])
        return 0;
    const Expr *x = st->args[a];
    if (!x || x->kind != EX_ADDR || !x->a || x->a->kind != EX_PATH)
        return 0;
    int32_t t = ev_key_in(e, caller, x->a);
    return t && !key_persistent(e, t) ? t : 0;
}

/* `*param`: how f names what its pointer parameter points to; 0 when f
 * never reads or writes it so (keys are interned when frames.c reads every
 * function, before the analysis). */
static int32_t deref_key(Engine *e, const char *param)
{
    char buf[256];
    snprintf(buf, sizeof buf, "*%s", param);
    return key_find(e, buf);
}

/* The *param keys of fi, which its exits keep for out_params. */
static int out_keys(Engine *e, int fi, const int32_t **keys)
{
    if (!e->outk) {
        e->outk = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->outk);
        e->noutk = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->noutk);
        if (!e->outk || !e->noutk)
            abort();
    }
    if (!e->outk[fi]) {
        const Func *f = e->prog->funcs[fi].f;
        int32_t *v = arena_alloc(e->arena, sizeof *v * (size_t)(f->nparams + 1));
        int n = 0;
        for (int i = 0; i < f->nparams; i++) {
            int32_t k = f->params[i].name && f->params[i].name[0]
                            ? deref_key(e, f->params[i].name) : 0;
            if (k && !key_persistent(e, k))
                v[n++] = k;
        }
        e->outk[fi] = v;
        e->noutk[fi] = n;
    }
    *keys = e->outk[fi];
    return e->noutk[fi];
}

/* Bind callee parameters to argument values evaluated in the caller; a
 * pointer to a caller's local carries that local's value in as *param. */
static State *bind_params(Engine *e, const Func *f, const Step *st, const State *caller,
                          int first_arg)
{
    State *cs = st_strip_locals(e, caller);
    for (int i = 0; i < f->nparams; i++) {
        int a = first_arg + i;
        if (!f->params[i].name || !f->params[i].name[0])
            continue;
        AbsVal v = st && a < st->nargs ? ev_expr(e, caller, st->args[a]) : av_top();
        st_set(e, cs, key_intern_at(e, f->params[i].name, 0), &v);
        int32_t t = out_local(e, f, st, first_arg, i, caller);
        int32_t dk = t && key_relevant(e, t) ? deref_key(e, f->params[i].name) : 0;
        if (dk) {
            key_set_relevant(e, dk);
            const AbsVal *tv = st_get(e, caller, t);
            if (tv)
                st_set(e, cs, dk, tv);
        }
        /* a struct passed by value: the parameter's fields are the argument's */
        const Expr *ax = st && a < st->nargs ? st->args[a] : NULL;
        if (ax && ax->kind == EX_PATH && ax->is_record && ax->key)
            copy_fields(e, cs, caller, ev_key_in(e, caller, ax),
                        key_intern_at(e, f->params[i].name, 0));
        /* the fields of a struct lent (f(&Ctx)): the callee reads p->f as ^Ctx.f */
        for (int k = 0; t && k < caller->nfacts; k++)
            if (key_is_below(e, caller->facts[k].key, t)) {
                int32_t lk = ev_lent_key(e, caller->facts[k].key);
                key_set_relevant(e, lk);
                st_set(e, cs, lk, st_fval(e, &caller->facts[k]));
            }
    }
    st_set_ret(e, cs, av_top());
    return cs;
}

/* Back in the caller (r, from the callee's exit x): each local the callee
 * was given the address of takes the value *param had at the exit. */
static void out_params(Engine *e, const Func *f, const Step *st, int first, const State *caller,
                       const State *x, State *r)
{
    for (int i = 0; st && i < f->nparams; i++) {
        int32_t t = out_local(e, f, st, first, i, caller);
        if (!t)
            continue;
        int32_t dk = deref_key(e, f->params[i].name);
        const AbsVal *v = dk ? st_get(e, x, dk) : NULL;
        st_havoc_prefix(e, r, t);
        if (v)
            st_set(e, r, t, v);
        /* and the fields of a lent struct come back from ^Ctx.f */
        char buf[512];
        snprintf(buf, sizeof buf, "^%s", key_name(e, t));
        int32_t lent = key_find(e, buf);
        if (!lent)
            continue;
        for (int k = 0; k < x->nfacts; k++)
            if (key_is_below(e, x->facts[k].key, lent)) {
                int32_t ck = key_intern(e, key_name(e, x->facts[k].key) + 1, 0);
                key_set_relevant(e, ck);
                st_set(e, r, ck, st_fval(e, &x->facts[k]));
            }
        st_havoc_prefix(e, r, lent);
    }
}

/* An external function: it may write through every address passed. */
static State *external_effects(Engine *e, const Step *st, State *s)
{
    State *r = st_copy(e, s);
    for (int i = 0; i < st->nargs; i++) {
        const Expr *a = st->args[i];
        if (a && a->kind == EX_ADDR && a->a && a->a->kind == EX_PATH) {
            st_havoc_prefix(e, r, ev_key_in(e, s, a->a));
            /* a whole global struct's fields are REC.f (heap_key): the
             * list head InitializeListHead(&gPorts) sets is _LIST_ENTRY.Flink
             * to a walk `Entry = Entry->Flink` */
            if (a->a->global_rec)
                st_havoc_prefix(e, r, key_find(e, a->a->global_rec));
        } else if (a && a->kind == EX_PATH) {
            AbsVal v = ev_expr(e, s, a);
            if (v.pointee > 0)
                st_havoc_prefix(e, r, v.pointee);
        }
    }
    st_set_ret(e, r, av_top());
    return r;
}

/* Analyse driver function fi from cs (its parameters bound, its trace
 * starting with the call) and go back to the caller's state s. */
static void enter_and_return(Engine *e, const Frame *fr, const Step *st, int first, int fi,
                             State *cs, State *s, StateVec *out)
{
    const Func *f = e->prog->funcs[fi].f;
    StateVec exits = {0};
    State *entry;
    CallSplit *sp = fr_split(e, e->frames, fi, cs, &entry);
    in_call(e, fi, entry, entry->trace, &exits);
    for (int k = 0; k < exits.n; k++) {
        State *x = exits.v[k];     /* it still holds the callee's *param facts */
        State *xr = fr_restore(e, sp, st_has_locals(e, x) ? st_strip_locals(e, x) : x);
        State *r = st_with_locals(e, xr, s);
        r->trace = x->trace;
        if (!echo_back(e, fi, st, first, s, x, r))
            continue;             /* an exit the caller's argument rules out */
        out_params(e, f, st, first, s, x, r);
        r->trace = tr_call(e, r->trace, TS_RETURN, st->loc, fr->fr->f->name, f->name);
        sv_push(e, out, r);
    }
    sv_release(e, &exits);
}

/* x read through a pointer the path knows the target of, a const table
 * (`Adapter->Ops->Stop` with Ops = &MpOpsA): does its initialiser hold fi
 * there (1, 0), or is that no const table's member (-1)? */
static int const_member_holds(Engine *e, const State *s, const Expr *x, int fi)
{
    if (x->kind != EX_PATH || !x->base_key || !x->key)
        return -1;
    int32_t bk = key_find_at(e, x->base_key);
    const AbsVal *bv = bk ? st_get(e, s, bk) : NULL;
    const char *member = strchr(x->key, '.');
    if (!bv || bv->pointee <= 0 || !member)
        return -1;
    char kn[512];
    snprintf(kn, sizeof kn, "%s%s", key_name(e, bv->pointee), member);
    const Program *p = e->prog;
    int found = -1;
    for (int i = 0; i < p->nstores && found != 1; i++)
        if (p->stores[i].konst && p->stores[i].key && strcmp(p->stores[i].key, kn) == 0)
            found = p->stores[i].func == fi;
    return found;
}

/* x an element of a table of functions only its initialiser fills
 * (`static STEP_FN Steps[2] = { StepFlush, StepRelease };`, designated
 * `[StageQuiesce] = NicQuiesce`), read at an index the path knows
 * (`Steps[0]`, `Steps[Stage]` with Stage 1): does the initialiser hold fi
 * there (1, 0), or is that not known (-1)?  A reset that runs its stages
 * in order ran "any stage" at each index: the release stage first, then
 * the flush that synchronizes (blind round 10, a false alarm). */
static int init_element_holds(Engine *e, const State *s, const Expr *x, int fi)
{
    if (x->kind != EX_PATH || x->base_key || !x->key)
        return -1;
    const char *open = strchr(x->key, '['), *close = open ? strchr(open, ']') : NULL;
    if (!close || strchr(close + 1, '['))
        return -1;               /* no element, or an array of arrays */
    int64_t ix;
    if (close > open + 1) {      /* a literal index */
        char *end;
        ix = strtoll(open + 1, &end, 10);
        if (end != close)
            return -1;
    } else {
        AbsVal v = x->index ? ev_expr(e, s, x->index) : av_top();
        if (!av_is_const(&v, &ix) || ix < 0 || ix >= 4096)
            return -1;
    }
    int32_t k = ev_path_key(e, x);
    int32_t arr = k > 0 ? key_array_of(e, k) : 0;
    if (!k || eng_written(e, k) || (arr && eng_written(e, arr)))
        return -1;               /* the driver writes the table */
    char elem[512];
    int n = snprintf(elem, sizeof elem, "%.*s[%lld]%s", (int)(open - x->key), x->key,
                     (long long)ix, close + 1);
    if (n < 0 || (size_t)n >= sizeof elem)
        return -1;
    return prog_init_element(e->prog, elem, x->key, fi);
}

/* Is target fi what the function pointer x holds in s?  1 yes, 0 no, -1
 * unknown (x's value names no function: every stored target may run). */
static int holds_function(Engine *e, const State *s, const Expr *x, int fi)
{
    if (!x || x->kind == EX_FUNC)
        return -1;
    AbsVal v = ev_expr(e, s, x);
    const char *n = v.pointee > 0 ? key_name(e, v.pointee) : "";
    if (n[0] == '&')
        return strcmp(n + 1, e->prog->funcs[fi].f->name) == 0;
    int h = init_element_holds(e, s, x, fi);
    return h >= 0 ? h : const_member_holds(e, s, x, fi);
}

/* Callbacks NDIS runs inside the API (MINIPORT_SYNCHRONIZE_INTERRUPT): the
 * one the argument holds when its value is known (a routine handed down
 * through a parameter), else each one stored where it is read. */
static int inline_callbacks(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out)
{
    const CallRes *cr = st->callee ? prog_call(e->prog, st) : NULL;
    int ran = 0;
    for (int t = 0; cr && t < cr->n; t++) {
        if (cr->first[t] == 0)
            continue;
        int fi = cr->fi[t];
        const Expr *arg = st->args[cr->first[t] - 1];
        if (holds_function(e, s, arg, fi) == 0)
            continue;
        const Func *f = e->prog->funcs[fi].f;
        State *cs = bind_params(e, f, st, s, cr->first[t]);
        cs->trace = tr_runs(e, s->trace, st->loc, fr->fr->f->name, st->callee, f->name);
        enter_and_return(e, fr, st, cr->first[t], fi, cs, s, out);
        ran = 1;
    }
    return ran;
}

/* The lost-set mark of a returned value a join weakened: persistent, so
 * that returning (st_strip_locals) keeps it; no function reads it. */
static int32_t ret_lost_key(Engine *e)
{
    if (!e->ret_lost)
        e->ret_lost = key_intern(e, "$ret~", 1);
    return e->ret_lost;
}

static void assign_result(Engine *e, const Step *st, State *s)
{
    int lost = e->ret_lost && st_lost_has(s, e->ret_lost);
    if (lost)
        st_lost_del(e, s, e->ret_lost);
    if (!st->lhs || st->lhs->kind != EX_PATH)
        return;
    int32_t k = ev_key_in(e, s, st->lhs);
    st_havoc_prefix(e, s, k);
    st_set(e, s, k, st_ret(e, s));
    if (lost) {                   /* the weakened value flows on (assign_step) */
        st_lost_add(e, s, k);
        s->join = NULL;
    }
}

/* Is the value a call returns kept (assigned to a key whose facts count)? */
static int result_used(Engine *e, const Step *st, const State *s)
{
    if (!st->lhs || st->lhs->kind != EX_PATH)
        return 0;
    if (st->lhs->is_record)
        return 1;                       /* a struct returned: its fields */
    int32_t lk = ev_key_in(e, s, st->lhs);
    return key_relevant(e, lk) || st_has_prefix(e, s, lk);
}

/* Cancelling a timer (api_cancels_timer): until the cancel takes effect,
 * the timer may still fire (a periodic watchdog halt cancels only after
 * deregistering the interrupt).  The timer callbacks run here, from the
 * state before the cancel, and the path goes on from what they leave too. */

/* ... only once it was armed (deferred.c): a timer allocated early and
 * armed as initialisation's last step cannot fire in an earlier failure
 * path. */
static void call_step(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out);

/* What the engine needs to know of a called name, worked out once per
 * name (callee strings are the CFG's, so their addresses are stable): a
 * direct call checks no string on the way. */

static uint64_t cf_slot(const char *name, int nslots)
{
    return ((uint64_t)(uintptr_t)name * 0x9e3779b97f4a7c15ULL >> 20) & (uint64_t)(nslots - 1);
}

/* name's slot: its entry, or the empty slot it would take. */
static struct CallFlags *cf_place(Engine *e, const char *name)
{
    uint64_t m = (uint64_t)e->ncflag_slots - 1, h = cf_slot(name, e->ncflag_slots);
    while (e->cflags[h].name && e->cflags[h].name != name)
        h = (h + 1) & m;
    return &e->cflags[h];
}

/* name's entry, or NULL: the way of nearly every call, kept apart from
 * cf_add's (rtlnwifi asks 114k times). */
static inline const struct CallFlags *cf_find(Engine *e, const char *name)
{
    if (!e->ncflag_slots)
        return NULL;
    const struct CallFlags *c = cf_place(e, name);
    return c->name ? c : NULL;
}

/* A name seen for the first time at this address.  The flags depend on
 * its text only: another copy of the same text (the program's: every CFG
 * holds its own callee strings) lends its entry, worked out once
 * (rtlnwifi's base run worked them out for 1,331 addresses, 3M
 * instructions). */
static const struct CallFlags *cf_add(Engine *e, const char *name)
{
    const char *twin = prog_called_name(e->prog, name);
    int flags, model;
    if (twin && twin != name) {
        const struct CallFlags *t = cf_find(e, twin);
        if (!t)
            t = cf_add(e, twin);
        flags = t->flags;
        model = t->model;
    } else {
        model = api_model_code(name);
        flags = (rx_rule_mentions_api(e->rule, name) ? CF_MENTIONED : 0) |
                (api_cancels_timer(name) ? CF_CANCELS : 0) | (api_arms_timer(name) ? CF_ARMS : 0) |
                (api_waits_event(name) ? CF_WAITS : 0) | (api_sets_event(name) ? CF_EVENT : 0) |
                (model ? CF_MODEL : 0) | (api_queues_work(name) ? CF_QUEUES : 0) |
                (api_irql(name) ? CF_IRQL : 0) | (api_sleeps(name) ? CF_SLEEPS : 0) |
                (prog_is_noreturn(e->prog, name) ? CF_NORETURN : 0);
    }
    if ((e->ncflags + 1) * 2 > e->ncflag_slots) {
        struct CallFlags *old = e->cflags;
        int on = e->ncflag_slots;
        e->ncflag_slots = on ? on * 2 : 1024;
        e->cflags = calloc((size_t)e->ncflag_slots, sizeof *e->cflags);
        if (!e->cflags)
            abort();
        for (int i = 0; i < on; i++)
            if (old[i].name)
                *cf_place(e, old[i].name) = old[i];
        free(old);
    }
    struct CallFlags *c = cf_place(e, name);
    *c = (struct CallFlags){name, flags, model};
    e->ncflags++;
    return c;
}

int call_flags(Engine *e, const char *name)
{
    if (!name)
        return CF_MENTIONED;            /* an indirect call: the slow path */
    const struct CallFlags *c = cf_find(e, name);
    return (c ? c : cf_add(e, name))->flags;
}

int call_model(Engine *e, const char *name)
{
    if (!name)
        return 0;
    const struct CallFlags *c = cf_find(e, name);
    return (c ? c : cf_add(e, name))->model;
}

/* rx_fire for an API call, skipped for an API the rule never names. */
static void fire_api(Engine *e, State *s, const char *name, int flags, EvWhen when,
                     const EventCtx *ctx, StateVec *out)
{
    if (flags & CF_MENTIONED)
        rx_fire(e, s, name, ROLE_NONE, when, ctx, out);
    else
        sv_push(e, out, s);
}

/* No watched object is in a state of its own (no spin lock held): a
 * timer callback run here stands for one on another processor, which
 * shares the interrupt's state but not what this thread holds. */
static int nothing_held(const State *s)
{
    for (int i = 0; i < s->ninst; i++)
        if (s->inst[i].obj)
            return 0;
    return 1;
}

/* May a wait (api_waits_event) end without its object set: a finite
 * timeout (NdisWaitEvent's MsToWait not 0, KeWaitFor*'s Timeout not NULL)? */
static int wait_may_time_out(const Step *st)
{
    int at = strcmp(st->callee, "NdisWaitEvent") == 0              ? 1
             : strcmp(st->callee, "KeWaitForSingleObject") == 0    ? 4
             : strcmp(st->callee, "KeWaitForMultipleObjects") == 0 ? 6 : -1;
    const Expr *x = at >= 0 && at < st->nargs ? st->args[at] : NULL;
    return !x || x->kind != EX_INT || x->ival != 0;
}

/* The wait st from s: signalled (1: NdisWaitEvent TRUE, KeWaitFor*
 * STATUS_SUCCESS), timed out (0: FALSE, STATUS_TIMEOUT), or either (-1). */
static void wait_step(Engine *e, const Frame *fr, const Step *st, State *s, int signalled,
                      StateVec *out)
{
    StateVec w = {0};
    call_step(e, fr, st, s, &w);
    int ndis = strcmp(st->callee, "NdisWaitEvent") == 0;
    for (int k = 0; k < w.n; k++) {
        State *x = w.v[k];
        if (signalled >= 0) {
            x = st_copy(e, x);
            st_set_ret(e, x, av_const(ndis ? signalled : signalled ? 0 : 0x102));
            assign_result(e, st, x);
            st_finish(e, x);
        }
        sv_push(e, out, x);
    }
    sv_release(e, &w);
}

static void do_call_now(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out);

/* A wait in MiniportHaltEx has returned (the states out holds from `from`
 * on): a timer still armed may fire right then, before the next statement,
 * on its own thread.  Halt that waits for a work item, then sets the flag the
 * watchdog tests and cancels it, has a window there: the tick queues the item
 * again, and it runs after halt returns (blind round 7's w2).  Only in halt's
 * own body (its summaries serve halt alone; frames.c gives its wait every
 * timer as a callee): after every wait of every function, imxnetmini's
 * read/write sets grew with its state-machine timer's and its states went
 * 58k -> 92k.  Not while another firing runs, nor for a rule of watched
 * objects (as at a wait). */
static void fire_after_wait(Engine *e, const Frame *fr, const Step *st, StateVec *out, int from)
{
    int n = out->n;
    e->firing = 1;
    for (int k = from; k < n; k++) {
        State *x = out->v[k];
        if (!nothing_held(x) || !dfr_timer_may_fire(e, x))
            continue;
        for (int i = 0; i < e->prog->nentries; i++) {
            const EntryPoint *ep = &e->prog->entries[i];
            if (!dfr_is_timer(e, ep) || !dfr_armed_may_fire(e, ep->func, x))
                continue;
            const char *tn = e->prog->funcs[ep->func].f->name;
            State *t = dfr_note(e, dfr_take(e, ep, x), st->loc, fr->fr->f->name,
                                arena_printf(e->arena, "%s may fire as soon as %s returns", tn,
                                             st->callee));
            StateVec fired = {0};
            eng_run_callback(e, ep, t, &fired);
            for (int q = 0; q < fired.n; q++)
                sv_push(e, out, st_with_locals(e, fired.v[q], x));
            sv_release(e, &fired);
        }
    }
    e->firing = 0;
}

static void do_call(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out)
{
    int from = out->n;
    int after = (call_flags(e, st->callee) & CF_WAITS) && !e->firing && fr->keep == 0 &&
                !e->rule->has_watch && prog_has_role(e->prog, fr->fi, ROLE_HALT);
    do_call_now(e, fr, st, s, out);
    if (after && out->n > from)
        fire_after_wait(e, fr, st, out, from);
}

/* A sleep in a polling loop (polls.c) from s: before it returns, a
 * pending work item or armed timer callback that writes what the loop
 * tests may have run on its own thread (its queue taken), or, where it may
 * write that before a call where the rule can report, be midway (what it
 * writes unknown, still pending); or none ran. */
static void poll_sleep(Engine *e, const Frame *fr, const Step *st, const CallRes *cr, State *s,
                       StateVec *out)
{
    StateVec ran = {0}, mid = {0};
    e->firing = 1;
    for (int i = 0; i < e->prog->nentries; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        int g = ep->func;
        /* (the frames say which: frames.c poll_callees) */
        if (!fr_poll_runs(e->frames, fr->fi, g) || !dfr_may_run(e, ep, s) ||
            !poll_writes(e, g, cr))
            continue;
        const char *tn = e->prog->funcs[g].f->name;
        State *n = dfr_note(e, dfr_take(e, ep, s), st->loc, fr->fr->f->name,
                            arena_printf(e->arena, "%s may run while %s sleeps in %s", tn,
                                         fr->fr->f->name, st->callee));
        eng_run_callback(e, ep, n, &ran);
        if (poll_midway_may(e, ep, cr))
            sv_push(e, &mid, dfr_note(e, poll_midway(e, g, cr, s), st->loc, fr->fr->f->name,
                                      arena_printf(e->arena, "%s may be midway while %s sleeps "
                                                   "in %s: it changes what the loop tests before "
                                                   "it is done", tn, fr->fr->f->name,
                                                   st->callee)));
    }
    e->firing = 0;
    call_step(e, fr, st, s, out);
    for (int k = 0; k < ran.n; k++)
        call_step(e, fr, st, st_with_locals(e, ran.v[k], s), out);
    for (int k = 0; k < mid.n; k++)
        call_step(e, fr, st, mid.v[k], out);
    sv_release(e, &ran);
    sv_release(e, &mid);
}

static void do_call_now(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out)
{
    if ((call_flags(e, st->callee) & CF_SLEEPS) && !e->firing && fr->keep == 0 &&
        nothing_held(s) && !e->rule->has_watch && e->rule->nvars) {
        const CallRes *cr = prog_call(e->prog, st);
        if (cr && cr->npoll) {
            poll_sleep(e, fr, st, cr, s, out);
            return;
        }
    }
    if ((call_flags(e, st->callee) & CF_CANCELS) && !e->firing && fr->keep == 0 && nothing_held(s) &&
        dfr_timer_may_fire(e, s)) {
        e->firing = 1;
        StateVec fired = {0};
        for (int i = 0; i < e->prog->nentries; i++)
            if (dfr_is_timer(e, &e->prog->entries[i]) &&
                dfr_fires_at_cancel(e, st, e->prog->entries[i].func, s)) {
                const char *tn = e->prog->funcs[e->prog->entries[i].func].f->name;
                State *n = dfr_note(e, dfr_take(e, &e->prog->entries[i], s), st->loc,
                                    fr->fr->f->name,
                                    arena_printf(e->arena, "%s may still fire until %s takes "
                                                 "effect", tn, st->callee));
                eng_run_callback(e, &e->prog->entries[i], n, &fired);
            }
        e->firing = 0;
        for (int k = 0; k < fired.n; k++) {
            State *back = st_with_locals(e, fired.v[k], s);
            call_step(e, fr, st, back, out);
            /* ... or the cancel came while that tick ran (it returns FALSE)
             * and the tick re-armed the timer after it (on an exact path:
             * a tick whose decisions read merged values would add races
             * no path has; in a probe on every path, as it must reach
             * whatever the full run reaches: case 263) */
            if ((!fired.v[k]->approx || e->probe) && dfr_rearmed(e, st, s, fired.v[k])) {
                e->cancel_race = 1;
                call_step(e, fr, st, back, out);
                e->cancel_race = 0;
            }
        }
        sv_release(e, &fired);
    }
    /* Waiting on an event another thread sets: a timer's tick or a work
     * item that sets one may run before the wait returns (halt asks its
     * state machine to stop and waits for it), from the state before the
     * wait, and the wait returns signalled; or it does not run, and the
     * wait times out (a finite wait) or another callback set the event.
     * Not for a rule of watched objects (spin locks): the callback, on its
     * own thread, takes and gives back its own (the callback loop checks
     * it), and what this thread holds it cannot change */
    if ((call_flags(e, st->callee) & CF_WAITS) && !e->firing && fr->keep == 0 && nothing_held(s) &&
        !e->rule->has_watch) {
        e->firing = 1;
        StateVec ran = {0};
        for (int i = 0; i < e->prog->nentries; i++) {
            const EntryPoint *ep = &e->prog->entries[i];
            if (!dfr_runs_at_wait(e, ep, s, st))
                continue;
            const char *tn = e->prog->funcs[ep->func].f->name;
            State *n = dfr_note(e, dfr_take(e, ep, s), st->loc, fr->fr->f->name,
                                arena_printf(e->arena, "%s may run while %s waits: it sets an "
                                             "event", tn, st->callee));
            eng_run_callback(e, ep, n, &ran);
        }
        e->firing = 0;
        if (ran.n) {
            /* signalled where the event may be set; else timed out, or set
             * by another callback; else the wait does not end that way */
            int timeout = wait_may_time_out(st), others = dfr_others_set_events(e, st);
            for (int k = 0; k <= ran.n; k++) {
                State *t = k < ran.n ? st_with_locals(e, ran.v[k], s) : s;
                /* signalled, the work items that set the event have run
                 * (dfr_waited): an endless wait on every path out of it, a
                 * finite one where it returns signalled */
                State *w = dfr_waited(e, st, t);
                if (w != t && timeout) {
                    if (evt_may_be_set(e, st, w))
                        wait_step(e, fr, st, w, 1, out);
                    wait_step(e, fr, st, t, 0, out);
                    continue;
                }
                t = w;
                int set = evt_may_be_set(e, st, t);
                if (set || timeout || others)
                    wait_step(e, fr, st, t, set && !timeout && !others ? 1
                                            : !set && !others       ? 0 : -1, out);
            }
            sv_release(e, &ran);
            return;
        }
        sv_release(e, &ran);
    }
    call_step(e, fr, st, s, out);
}

/* What a modelled API wrote from a weakened value stays weakened: its
 * result and the objects it was given the address of. */
static State *weak_results(Engine *e, const Step *st, State *r)
{
    r = st_copy(e, r);
    if (st->lhs && st->lhs->kind == EX_PATH)
        st_lost_add(e, r, ev_key_in(e, r, st->lhs));
    for (int i = 0; i < st->nargs; i++)
        if (st->args[i] && st->args[i]->kind == EX_ADDR && st->args[i]->a &&
            st->args[i]->a->kind == EX_PATH)
            st_lost_add(e, r, ev_key_in(e, r, st->args[i]->a));
    r->join = NULL;                  /* the sides of the join no longer know it */
    return r;
}

/* The first conditional expression in x whose condition s does not decide
 * (`Slow ? 75 : 25`), or NULL. */
static const Expr *open_cond(Engine *e, const State *s, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_COND) {
            AbsVal c = ev_expr(e, s, x->a);
            return av_truth(&c) < 0 ? x : open_cond(e, s, av_truth(&c) ? x->b : x->c);
        }
        if (x->kind != EX_UNOP && x->kind != EX_BINOP)
            return NULL;
        const Expr *in = open_cond(e, s, x->a);
        if (in)
            return in;
        if (x->kind != EX_BINOP)
            return NULL;
    }
    return NULL;
}

static void call_step_on(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out);

/* A rule's API given `Slow ? 75 : 25`: each side of the condition its own
 * path, the test in its trace, so the stall of 75 is a defect on the path
 * where Slow holds, not a range of 25..75 that part of breaks the rule (a
 * warning whose note spoke of a clamp there was none of: blind round 11). */
static void call_step(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out)
{
    const Expr *q = NULL;
    if (st->callee && (call_flags(e, st->callee) & CF_MENTIONED))
        for (int i = 0; i < st->nargs && !q; i++)
            q = open_cond(e, s, st->args[i]);
    if (!q) {
        call_step_on(e, fr, st, s, out);
        return;
    }
    for (int truth = 1; truth >= 0; truth--) {
        State *r = ev_assume(e, s, q->a, truth);
        if (!r)
            continue;
        if (r == s)
            r = st_copy(e, s);
        r->trace = tr_branch(e, r->trace, st->loc, fr->fr->f->name, q->a, truth);
        if (open_cond(e, r, q) == q)
            call_step_on(e, fr, st, r, out);    /* the test taught nothing: no second split */
        else
            call_step(e, fr, st, r, out);
    }
}

static void call_step_on(Engine *e, const Frame *fr, const Step *st, State *s, StateVec *out)
{
    const char *name = st->callee;
    int cf = call_flags(e, name);
    EventCtx ctx = {.fname = name ? name : "(indirect call)", .loc = st->loc,
                    .func = fr->fr->f->name, .call = st, .caller = s};
    if (s->nlost && !s->approx && name && (cf & CF_MENTIONED))
        for (int i = 0; i < st->nargs; i++)
            if (ev_reads_lost(e, s, st->args[i])) {   /* the rule reads a weakened argument */
                s = st_copy(e, s);
                s->approx = 1;
                ctx.caller = s;
                break;
            }
    /* an API computing from a weakened value (InterlockedDecrement of a
     * count a join widened) gives weakened results */
    int weak = 0;
    for (int i = 0; s->nlost && (cf & CF_MODEL) && i < st->nargs && !weak; i++)
        weak = ev_reads_lost(e, s, st->args[i]);
    StateVec pre = {0};
    fire_api(e, s, name, cf, EV_ENTRY, &ctx, &pre);
    for (int p = 0; p < pre.n; p++) {
        State *ps = pre.v[p];
        StateVec done = {0};
        const CallRes *cr = prog_call(e->prog, st);
        int fi = cr ? cr->direct : -1;
        if (e->depth >= ENG_MAX_DEPTH && !e->cut && (fi >= 0 || (cr && cr->n && !name)))
            e->cut = arena_printf(e->arena, "calls nested deeper than %d were not followed (the "
                                  "first at %s)", ENG_MAX_DEPTH, site_name(e->arena, st->loc));
        if (fi >= 0 && e->depth < ENG_MAX_DEPTH) {
            call_driver_func(e, fr, st, fi, ps, &done);
        } else if (!name && st->callee_expr) {
            int nt = cr ? cr->n : 0;
            for (int t = 0; t < nt && e->depth < ENG_MAX_DEPTH; t++)
                if (holds_function(e, ps, st->callee_expr, cr->fi[t]) != 0)
                    call_driver_func(e, fr, st, cr->fi[t], ps, &done);
            if (nt == 0 || e->depth >= ENG_MAX_DEPTH)
                sv_push(e, &done, external_effects(e, st, ps));
        } else {
            /* a callback the API runs (a synchronize function) sees the
             * state the API was called in, and its writes are the API's */
            if (!inline_callbacks(e, fr, st, ps, &done)) {
                State *x = external_effects(e, st, ps);
                if (cf & (CF_ARMS | CF_QUEUES | CF_CANCELS))
                    dfr_on_api(e, st, x, cf, fr->fr->f->name);
                if (cf & CF_EVENT)
                    evt_on_api(e, st, x);
                if (cf & CF_IRQL)
                    irql_on_api(e, st, x);
                if (!(cf & CF_MODEL) || !api_model(e, st, ps, x, &done))
                    sv_push(e, &done, x);
            }
        }
        for (int k = 0; k < done.n; k++) {
            StateVec post = {0};
            EventCtx xc = ctx;
            xc.caller = ps;
            fire_api(e, done.v[k], name, cf, EV_EXIT, &xc, &post);
            for (int q = 0; q < post.n; q++) {
                State *r = post.v[q];
                if (st->noreturn || (cf & CF_NORETURN))
                    continue;
                r = take_struct(e, st, r);
                if (result_used(e, st, r) && !(st->lhs && st->lhs->is_record)) {
                    r = st_copy(e, r);
                    assign_result(e, st, r);
                } else if (e->ret_lost && st_lost_has(r, e->ret_lost)) {
                    r = st_copy(e, r);    /* not kept; a struct's fields are weakened */
                    st_lost_del(e, r, e->ret_lost);
                    if (st->lhs && st->lhs->is_record)
                        r->approx = 1;
                }
                if (weak)
                    r = weak_results(e, st, r);
                sv_push(e, out, r);
            }
            sv_release(e, &post);
        }
        sv_release(e, &done);
    }
    sv_release(e, &pre);
}

static void call_driver_func(Engine *e, const Frame *fr, const Step *st, int fi, State *s,
                             StateVec *out)
{
    const Func *f = e->prog->funcs[fi].f;
    State *cs = bind_params(e, f, st, s, 0);
    if (!fr_touches(e->frames, fi) && !fr_has_effect(e, e->frames, fi) && fr_returns(e->frames, fi) &&
        !result_used(e, st, s)) {
        /* it can change nothing the rule depends on: an external call, unless
         * that would forget facts below an address it is given
         * (HwSetItr(&Adapter->Hw, ...) writing only Hw->Itr must not forget
         * Adapter->Hw.Connected): its write set names the record's fields by
         * type, so only analysing it (the frame below) says what it keeps */
        State *x = external_effects(e, st, s);
        if (x->nfacts == s->nfacts) {
            sv_push(e, out, x);
            return;
        }
    }
    if (!fr_touches(e->frames, fi)) {
        State *base = external_effects(e, st, s);
        base->trace = s->trace;
        in_frame(e, fi, cs, base, st, out);
        return;
    }
    cs->trace = tr_call(e, s->trace, TS_CALL, st->loc, fr->fr->f->name, f->name);
    enter_and_return(e, fr, st, 0, fi, cs, s, out);
}

/* It cannot touch the rule: analyse it from what it reads, apply what it
 * writes (frames.c); the rule state and trace stay. */
void in_frame(Engine *e, int fi, const State *cs, const State *base, const Step *st,
              StateVec *out)
{
    State *proj = fr_project(e, e->frames, fi, cs);
    proj->trace = NULL;
    StateVec exits = {0};
    in_call(e, fi, proj, NULL, &exits);
    for (int k = 0; k < exits.n; k++) {
        State *r = fr_apply(e, e->frames, fi, base, exits.v[k]);
        out_params(e, e->prog->funcs[fi].f, st, 0, base, exits.v[k], r);
        for (int i = 0; i < exits.v[k]->nfacts; i++)    /* a returned struct's fields */
            if (key_is_below(e, exits.v[k]->facts[i].key, ret_key(e)))
                st_set(e, r, exits.v[k]->facts[i].key, st_fval(e, &exits.v[k]->facts[i]));
        r->trace = base->trace;
        sv_push(e, out, r);
    }
    sv_release(e, &exits);
}

/* lhs = rhs for structs (Adapter->Intr = Saved; Snap = Adapter->Intr;
 * Adapter->Intr = IntrNone): each field lhs.f takes what is known of
 * rhs.f; for a const template global, its initialiser (Unit.ginits). */
static State *copy_struct(Engine *e, State *s, int32_t lk, int32_t rk, const Expr *rhs)
{
    State *n = st_copy(e, s);
    st_havoc_prefix(e, n, lk);
    if (copy_fields(e, n, s, rk, lk) || rhs->scope != SCOPE_GLOBAL)
        return n;
    const Driver *d = e->prog->drv;
    size_t rl = strlen(rhs->key);
    AbsVal zero = av_const(0);
    for (int u = 0; u < d->nunits; u++)
        for (int i = 0; i < d->units[u]->nginits; i++) {
            const GlobalInit *g = &d->units[u]->ginits[i];
            if (strncmp(g->key, rhs->key, rl) != 0 || (g->key[rl] && g->key[rl] != '.'))
                continue;
            if (g->zero && !g->key[rl]) {     /* the template is zero where not said */
                for (int32_t k = 1; key_name(e, k)[0]; k++)
                    if (key_relevant(e, k) && key_is_below(e, k, lk) && !key_array_of(e, k))
                        st_set(e, n, k, &zero);
            } else if (!g->zero && g->key[rl] == '.') {
                char buf[512];
                snprintf(buf, sizeof buf, "%s%s", key_name(e, lk), g->key + rl);
                int32_t to = key_intern(e, buf, key_persistent(e, lk));
                AbsVal v = av_const(g->value);
                if (key_relevant(e, to))
                    st_set(e, n, to, &v);
            }
        }
    return n;
}

static State *do_assign(Engine *e, const Step *st, State *s)
{
    if (!st->lhs || st->lhs->kind != EX_PATH)
        return s;
    int32_t k = ev_key_in(e, s, st->lhs);
    if (!k)
        return s;
    if (st->lhs->is_record && st->rhs && st->rhs->kind == EX_PATH && st->rhs->key) {
        int32_t rk = ev_key_in(e, s, st->rhs);
        if (rk > 0 && rk != k && !key_array_of(e, k))
            return copy_struct(e, s, k, rk, st->rhs);
    }
    int32_t arr = key_array_of(e, k);
    if (arr) {              /* some element: every element's facts go */
        if (!st_has_prefix(e, s, arr))
            return s;
        State *n = st_copy(e, s);
        st_havoc_prefix(e, n, arr);
        return n;
    }
    if (!key_relevant(e, k) && !st_has_prefix(e, s, k))
        return s;           /* nothing known, nothing to learn: no new state */
    AbsVal v = st->rhs ? ev_expr(e, s, st->rhs) : av_top();
    State *n = st_copy(e, s);
    st_havoc_prefix(e, n, k);
    st_set(e, n, k, &v);
    if (st->rhs && ev_reads_lost(e, s, st->rhs)) {
        st_lost_add(e, n, k);        /* a weakened value flows on: the */
        n->join = NULL;              /* sides of the join no longer know it */
    }
    return n;
}

/* Keep the states of v apart only up to the StateSet cap (a call can
 * return many exit states; merging here, not only at block ends, keeps a
 * block of many calls from multiplying them). */
static void cap_states(Engine *e, StateVec *v, int keep)
{
    if (v->n <= 1)
        return;
    StateSet *set = ss_new(e, keep);
    if (keep > 0)
        ss_mark_frame(set);
    for (int k = 0; k < v->n; k++) {
        State *added = NULL;
        ss_add(e, set, v->v[k], &added);
    }
    v->n = 0;
    ss_export(set, v, e);
    ss_free(set);
}

/* Run a block's steps on one state. */
/* The pointers the object argument of a rule API goes through
 * (NdisAcquireSpinLock(&Queue->Lock)) are not NULL on a path that goes on
 * past the call: the API would have crashed.  Only there: facts on every
 * dereferenced pointer would split states everywhere for little.  s
 * refined (a copy) or s itself. */
static State *deref_nonnull(Engine *e, State *s, const State *orig, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            int32_t k = x->base_key ? key_find_at(e, x->base_key) : 0;
            if (k > 0 && key_relevant(e, k)) {
                const AbsVal *v = st_get(e, s, k);
                AbsVal nv = v ? *v : av_top(), zero = av_const(0);
                if (av_assume(&nv, OP_NE, &zero) && !(v && av_equal(&nv, v))) {
                    if (s == orig)
                        s = st_copy(e, s);
                    st_set(e, s, k, &nv);
                }
            }
            return s;
        }
        s = deref_nonnull(e, s, orig, x->a);
        s = deref_nonnull(e, s, orig, x->c);
        if (x->kind != EX_BINOP)
            return s;
    }
    return s;
}

/* The 0-based argument that names the object a rule event about api
 * acts on ([guard $N], watch ...$N), or -1. */
static int object_arg(const Rule *r, const char *api)
{
    for (int i = 0; i < r->nevents; i++)
        for (int k = 0; k < r->events[i].ntargets; k++)
            if (r->events[i].guard_arg > 0 && r->events[i].targets[k].kind == TGT_API &&
                strcmp(r->events[i].targets[k].name, api) == 0)
                return r->events[i].guard_arg - 1;
    return -1;
}

static void run_steps(Engine *e, const Frame *fr, const Block *b, State *s, StateVec *out)
{
    /* two vectors, swapped after each step: no allocation per step */
    StateVec cur = {0}, next = {0};
    sv_push(e, &cur, s);
    for (int i = 0; i < b->nsteps && cur.n; i++) {
        const Step *st = &b->steps[i];
        next.n = 0;
        int obj = -1;              /* only a rule API's call: the object it acts on */
        int moves = st->kind == ST_ASSIGN &&
                    e->prog->cursor_start[fr->fi] != e->prog->cursor_start[fr->fi + 1];
        if (st->kind == ST_CALL && st->callee && (call_flags(e, st->callee) & CF_MENTIONED)) {
            const CallRes *cr = prog_call(e->prog, st);
            if (!cr || cr->direct < 0)
                obj = object_arg(e->rule, st->callee);
        }
        for (int k = 0; k < cur.n; k++) {
            if (st->kind == ST_ASSIGN) {
                State *n = do_assign(e, st, cur.v[k]);
                if (moves) {            /* a cursor steps to another element */
                    State *m = cur_moved(e, fr->fi, st, n);
                    if (m != n)
                        st_finish(e, m);
                    n = m;
                }
                sv_push(e, &next, n);
                continue;
            }
            State *in = cur.v[k];
            if (obj >= 0 && obj < st->nargs)
                in = deref_nonnull(e, in, cur.v[k], st->args[obj]);
            if (in != cur.v[k])
                st_finish(e, in);
            do_call(e, fr, st, in, &next);
        }
        StateVec t = cur;
        cur = next;
        next = t;
        if (st->kind == ST_CALL)
            cap_states(e, &cur, fr->keep);
    }
    for (int k = 0; k < cur.n; k++)
        sv_push(e, out, cur.v[k]);
    sv_release(e, &cur);
    sv_release(e, &next);
}

/* Does p (a state that came to s's join) hold every key s's join weakened
 * only as weakened as well?  Only then do its own join's states say more
 * of them.  One it knows exactly is p's own: the path may have written it
 * since that older join (`Phy->Settings = PhyInfo[i]` after a loop), and
 * the older states' value of it (the zeroed adapter's) was no path's here:
 * a return of a joined status took it back, and imxnetmini's init could
 * not succeed. */
static int lost_within(const State *s, const State *p)
{
    for (int i = 0; i < s->nlost; i++)
        if (!st_lost_has(p, s->lost[i]))
            return 0;
    return 1;
}

/* The states that met at the joins behind s made in this frame (the
 * leaves of its join tree), at most max; 0 if s comes from no such join
 * or its trace does not continue the join's (then nothing can be spliced). */
static int join_leaves(Engine *e, int fi, const State *s, const State **out, int max)
{
    if (!s->join || s->join->fi != fi || s->join->depth != e->depth)
        return 0;
    Trace *base = s->join->from[0]->trace, *t = s->trace;
    while (t && t != base)
        t = t->parent;
    if (t != base)
        return 0;
    const State *stack[64];
    int sp = 0, n = 0;
    stack[sp++] = s->join->from[0];
    if (s->join->from[1])
        stack[sp++] = s->join->from[1];
    while (sp && n < max) {
        const State *p = stack[--sp];
        if (p->join && p->join->fi == fi && p->join->depth == e->depth && lost_within(s, p)) {
            if (sp < 62) {
                if (p->join->from[1])
                    stack[sp++] = p->join->from[1];
                stack[sp++] = p->join->from[0];
            }
            continue;
        }
        out[n++] = p;
    }
    return sp ? 0 : n;       /* more than max: too many to say */
}

/* s with leaf's own values of the keys a join weakened (s->lost): the
 * state the leaf's path reaches here (the steps since the join did not
 * read them: a copy clears s->from), still as unsure as the leaf itself. */
static State *unjoin(Engine *e, const State *s, const State *leaf)
{
    State *h = st_copy(e, s);
    for (int i = 0; i < s->nlost; i++) {
        const AbsVal *v = st_get(e, leaf, s->lost[i]);
        AbsVal top = av_top();
        st_set(e, h, s->lost[i], v ? v : &top);
    }
    h->lost = leaf->lost;
    h->nlost = leaf->nlost;
    h->approx = leaf->approx;
    h->trace = tr_rebase(e, s->trace, s->join->from[0]->trace, leaf->trace);
    /* later decisions follow the same path */
    st_set_join(e, h, leaf, NULL, s->join->fi, s->join->depth);
    return h;
}

/* s decides on a key a join weakened (State.lost) and r took outcome
 * `truth`.  Find a state that arrived at the join, exact itself, whose own
 * values allow that outcome, and give r its path up to the join followed
 * by the steps since.  Returns 0 if none. */
static int repair_trace(Engine *e, int fi, const State *s, State *r, const Expr *cond, int truth)
{
    const State *leaves[16];
    int n = join_leaves(e, fi, s, leaves, 16);
    for (int k = 0; k < n; k++) {
        const State *p = leaves[k];
        if (p->approx || ev_reads_lost(e, p, cond))
            continue;
        State *h = unjoin(e, s, p);
        if (!ev_assume(e, h, cond, truth))
            continue;
        r->trace = tr_rebase(e, r->trace, s->join->from[0]->trace, p->trace);
        st_set_join(e, r, p, NULL, s->join->fi, s->join->depth);
        return 1;
    }
    /* none: r stays approximate, but its trace comes through a state that
     * allows the outcome (a loop left by its counter's test, not by the
     * test the first round failed), where one did */
    for (int k = 0; k < n; k++) {
        State *h = unjoin(e, s, leaves[k]);
        if (!ev_assume(e, h, cond, truth))
            continue;
        r->trace = tr_rebase(e, r->trace, s->join->from[0]->trace, leaves[k]->trace);
        st_set_join(e, r, leaves[k], NULL, s->join->fi, s->join->depth);
        break;
    }
    return 0;
}

typedef struct Work {
    int block;
    State *s;
} Work;

/* The local every return of f returns (`return Status;`), or 0.  In a
 * function that cannot touch the rule one state per point is kept, so
 * the failure and success paths of an allocator join before its single
 * `return Status`: e100bex's MpAllocAdapterBlock returned "some status,
 * some adapter", and MPInitialize's `if (Adapter && Status != SUCCESS)
 * MpFreeAdapter(Adapter)` looked skippable with the interrupt registered
 * (a false Init_RegisterInterrupt defect).  Kept apart by the status's
 * truth, each exit keeps its own out-parameter. */
static int32_t status_key(Engine *e, const Func *f)
{
    int32_t k = 0;
    for (int b = 0; b < f->nblocks; b++) {
        const Block *bl = &f->blocks[b];
        if (bl->term != T_RETURN)
            continue;
        const Expr *x = bl->retval;
        int32_t rk = x && x->kind == EX_PATH ? ev_path_key(e, x) : 0;
        if (!rk || key_persistent(e, rk) || (k && rk != k))
            return 0;
        k = rk;
    }
    return key_relevant(e, k) ? k : 0;    /* a status the rule cannot depend on splits nothing */
}

/* Does the harness test what fi returns (it is an initialize or
 * DriverEntry callback)? */
static int status_tested(Engine *e, int fi)
{
    for (int i = 0; i < e->prog->nentries; i++)
        if (e->prog->entries[i].func == fi &&
            (role_phase(e->prog->entries[i].role) == PH_INITIALIZE ||
             role_phase(e->prog->entries[i].role) == PH_DRIVER_ENTRY))
            return 1;
    return 0;
}

void in_call(Engine *e, int fi, State *entry, Trace *ctx_trace, StateVec *out)
{
    (void)ctx_trace;
    e->reached[fi] = 1;
    State key = *entry;
    key.ret = VT_TOP;
    st_finish(e, &key);
    State *kp = &key;
    Summary *sum = sum_find(e, fi, &kp);
    const State *actual = entry;     /* this caller's entry, before any widening */
    int widened = !st_equal(e, sum->entry, &key);
    /* A summary is found by facts, not by how its caller got there: one
     * computed for a caller whose path came through a join has exits (and
     * reports) that say so, whoever uses it.  The first caller whose path
     * is exact has it computed once more, for the exact exits and reports
     * its path can show (what the first run reported stays reported).  Not
     * a summary widened past its cap: its entry is no caller's. */
    int exact = !entry->approx && !fr_reads_lost(e, e->frames, fi, entry, NULL);
    if (sum->done && sum->inexact && !sum->again && exact && !widened && !e->probe && !e->local) {
        sum->again = 1;
        sum->done = 0;
        sum->started = 0;
        sum->base = NULL;
        sv_release(e, &sum->exits);
    }
    if (!sum->done && !sum->base && !sum->started) {   /* new: analyse it now */
        sum->started = 1;
        sum->base = entry->trace;
        sum->inexact = (unsigned char)!exact;
        if (kp != &key) {          /* widened: analyse from the joined entry */
            State *w = st_copy(e, kp);
            w->trace = entry->trace;
            /* the join recorded what it weakened (State.lost): decisions
             * on those keys inside the callee make its trace approximate */
            entry = w;
        }
    } else if (sum->done) {
        for (int i = 0; i < sum->exits.n; i++) {
            State *x = st_copy(e, sum->exits.v[i]);
            /* a summary is found by facts, not by what joins weakened: if
             * this caller's weakened keys are ones the callee reads, its
             * decisions on them may not be this caller's path's */
            x->approx |= entry->approx || fr_reads_lost(e, e->frames, fi, entry, sum->entry);
            st_lost_union(e, x, entry);
            if (widened)
                x = unwiden(e, fi, x, sum->entry, actual);
            x->trace = entry->trace
                           ? tr_rebase(e, sum->exits.v[i]->trace, sum->base, entry->trace)
                           : NULL;
            sv_push(e, out, x);
        }
        return;
    } else {
        /* recursion in progress: no effect assumed, and the verdict says so */
        if (!e->cut)
            e->cut = arena_printf(e->arena, "a recursive call of %s was taken to change nothing",
                                  e->prog->funcs[fi].f->name);
        State *x = st_copy(e, entry);
        st_set_ret(e, x, av_top());
        sv_push(e, out, st_strip_locals(e, x));
        return;
    }

    const FuncRef *fr = &e->prog->funcs[fi];
    const Func *f = fr->f;
    /* a function that cannot touch the rule keeps one state per return
     * truth at each point (its success and failure exits stay apart; its
     * values are joined), as ESP does for everything */
    Frame frame = {fr, fi, fr_touches(e->frames, fi) ? 0 : e->frame_keep};
    e->depth++;
    if (!e->loop_heads) {
        e->loop_heads = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->loop_heads);
        e->unrolled = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->unrolled);
        e->quiet = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->quiet);
        if (!e->loop_heads || !e->unrolled || !e->quiet)
            abort();
    }
    if (!e->loop_heads[fi]) {
        e->loop_heads[fi] = cd_loop_heads(f);
        if (frame.keep == 0) {
            e->unrolled[fi] = unroll_keep(e, fi, e->loop_heads[fi]);
            e->quiet[fi] = unroll_quiet(e, fi, e->loop_heads[fi]);
        }
    }
    const unsigned char *heads = e->loop_heads[fi];
    const int *unrolled = e->unrolled[fi];
    const unsigned char *quiet = e->quiet[fi];
    StateSet **seen = calloc((size_t)f->nblocks, sizeof *seen);
    StateSet **exitset = calloc((size_t)f->nblocks, sizeof *exitset);
    /* where the status is kept apart: in a frame, where an out parameter
     * rides with it (an allocator's `*pAdapter`); elsewhere, in the
     * callbacks whose status the harness tests (initialize, DriverEntry:
     * xframeii's xenaMpInitialize merged a failure into its successes).
     * Everywhere, NetKVM's states grew by a third and mux's engine by 40%
     * for no report changed. */
    const int32_t *outk;
    int32_t status = (frame.keep > 0 ? out_keys(e, fi, &outk) > 0 : status_tested(e, fi))
                         ? status_key(e, f) : 0;
    Work *wl = NULL;
    int wn = 0, wcap = 0, wh = 0;
    if (f->nblocks > 0) {
        State *s0 = st_copy(e, entry);
        st_set_ret(e, s0, av_top());
        /* the entry block may be a loop's head too (`while (Bits-- != 0)`
         * first in a function: its test's side effects open the block), and
         * is made like any other: unwidened, its count grew without end */
        seen[0] = ss_new(e, unrolled && unrolled[0] ? unrolled[0] : frame.keep);
        if (frame.keep > 0)
            ss_mark_frame(seen[0]);
        ss_set_status(seen[0], status);
        ss_set_origin(seen[0], fi, e->depth);
        if (heads[0] & 1)
            ss_mark_loop(seen[0]);
        State *added = NULL;
        ss_add(e, seen[0], s0, &added);
        wcap = 64;
        wl = malloc(sizeof *wl * (size_t)wcap);
        wl[wn++] = (Work){0, added};
    }
    StateVec after = {0};        /* one block's exit states, reused block after block */
    while (wh < wn && !eng_budget_exceeded(e)) {
        Work w = wl[wh++];
        ss_mark_done(seen[w.block], w.s);
        if (!ss_holds(seen[w.block], w.s))
            continue;      /* a join replaced it: the join's own work item covers it */
        if (e->work)
            e->work[fi] += f->blocks[w.block].nsteps + 1;
        const Block *b = &f->blocks[w.block];
        after.n = 0;
        run_steps(e, &frame, b, w.s, &after);
        for (int k = 0; k < after.n; k++) {
            State *s = after.v[k];
            int succ[2] = {-1, -1};
            State *ss[2] = {NULL, NULL};
            switch (b->term) {
            case T_GOTO:
                succ[0] = b->succ[0];
                ss[0] = s;
                break;
            case T_BRANCH:
                succ[0] = b->succ[0];
                succ[1] = b->succ[1];
                if (!b->cond) {
                    ss[0] = s;
                    ss[1] = s;
                } else {
                    /* deciding on a value a join weakened: the way taken may
                     * not be open to the path the trace shows */
                    /* ... not a loop's own test, at its head or (do-while)
                     * its latch: a loop whose counter the head's join
                     * widened still ends, after some iteration */
                    int own = (heads[w.block] & 1) ||
                              (b->branch_kind == BR_LOOP && (heads[w.block] & 2));
                    int weak = !own && ev_reads_lost(e, s, b->cond);
                    for (int t = 0; t < 2; t++) {
                        e->loop_test = quiet && quiet[w.block];
                        State *r = ev_assume(e, s, b->cond, t == 0);
                        e->loop_test = 0;
                        if (!r)
                            continue;
                        if (weak && !r->approx) {
                            if (r == s)
                                r = st_copy(e, s);
                            if (!repair_trace(e, fi, s, r, b->cond, t == 0))
                                r->approx = 1;
                        }
                        if (r == s)
                            r = st_copy(e, s);
                        r->trace = tr_branch(e, r->trace, b->term_loc, f->name, b->cond, t == 0);
                        ss[t] = r;
                    }
                }
                break;
            case T_RETURN: {
                if (!exitset[w.block]) {
                    exitset[w.block] = ss_new(e, frame.keep);
                    if (frame.keep > 0)
                        ss_mark_frame(exitset[w.block]);
                }
                /* returning a value a join weakened: return each joined
                 * path's own value instead, each with its own trace */
                const State *leaves[8];
                int nl = b->retval && frame.keep == 0 && ev_reads_lost(e, s, b->retval)
                             ? join_leaves(e, fi, s, leaves, 8) : 0;
                for (int l = 0; l <= nl; l++) {
                    if (l == 0 && nl > 0)
                        continue;                   /* the joined state is replaced */
                    State *src = nl ? unjoin(e, s, leaves[l - 1]) : s;
                    State *x = st_copy(e, src);
                    st_set_ret(e, x, b->retval ? ev_expr(e, src, b->retval) : av_top());
                    if (b->retval && b->retval->kind == EX_PATH && b->retval->is_record)
                        return_struct(e, x, src, b->retval);
                    /* a value a join weakened is returned: it is weakened in the
                     * caller too, where a decision on it makes the trace
                     * approximate (assign_result); a caller that decides
                     * nothing on it keeps an exact path */
                    if (b->retval && ev_reads_lost(e, src, b->retval))
                        st_lost_add(e, x, ret_lost_key(e));
                    else if (e->ret_lost)
                        st_lost_del(e, x, e->ret_lost);
                    const int32_t *ok, *xk;
                    int nok = out_keys(e, fi, &ok);
                    int nxk = echo_exit_keys(e, fi, ok, nok, &xk);
                    x = st_strip_locals_but(e, x, xk, nxk);
                    x->at = &b->term_loc;
                    State *added = NULL;
                    ss_add(e, exitset[w.block], x, &added);
                }
                break;
            }
            case T_NORETURN:
                break;
            }
            for (int t = 0; t < 2; t++) {
                if (succ[t] < 0 || !ss[t] || succ[t] >= f->nblocks)
                    continue;
                if (!seen[succ[t]]) {
                    seen[succ[t]] = ss_new(e, unrolled && unrolled[succ[t]] ? unrolled[succ[t]]
                                                                           : frame.keep);
                    if (frame.keep > 0)
                        ss_mark_frame(seen[succ[t]]);
                    ss_set_status(seen[succ[t]], status);
                    ss_set_origin(seen[succ[t]], fi, e->depth);
                    if (heads[succ[t]] & 1)
                        ss_mark_loop(seen[succ[t]]);
                }
                State *added = NULL, *also;
                /* the locals no path from here reads go (liveness.c) */
                int n_add = ss_add(e, seen[succ[t]], lv_trim(e, fi, w.block, t, ss[t]), &added);
                also = ss_take_joined(seen[succ[t]]);
                for (int q = 0; q < 2; q++) {
                    State *ns = q ? also : (n_add ? added : NULL);
                    if (!ns)
                        continue;
                    if (wn == wcap) {
                        wcap *= 2;
                        wl = realloc(wl, sizeof *wl * (size_t)wcap);
                        if (!wl)
                            abort();
                    }
                    wl[wn++] = (Work){succ[t], ns};
                }
            }
        }
        if (wh > 4096 && wh * 2 > wn) {   /* compact the consumed prefix */
            memmove(wl, wl + wh, sizeof *wl * (size_t)(wn - wh));
            wn -= wh;
            wh = 0;
        }
    }
    for (int i = 0; i < f->nblocks; i++) {
        if (exitset[i])
            ss_export(exitset[i], &sum->exits, e);
        ss_free(seen[i]);
        ss_free(exitset[i]);
    }
    sv_release(e, &after);
    free(seen);
    free(exitset);
    free(wl);
    e->depth--;
    sum->done = 1;
    for (int i = 0; i < sum->exits.n; i++)
        sv_push(e, out, widened ? unwiden(e, fi, sum->exits.v[i], sum->entry, actual)
                                : sum->exits.v[i]);
}

