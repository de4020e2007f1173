/* deferred.c - what NDIS runs later, and only once asked: I/O work items
 * run after the driver queued them, timer callbacks after it armed a timer.
 *
 * Work items: a routine the driver names at a queue call
 * (NdisQueueIoWorkItem(Item, MpLinkWork, Ctx), IoQueueWorkItem) runs from
 * the harness only while a queue of it is pending: the key "<queued
 * MpLinkWork>" is 0 from the start, 1 after the queue call, 0 again when
 * the harness runs it (a work item runs once per queue; the routine may
 * queue itself again).  A queue call whose routine is not a function name
 * (a variable, a field) queues every such routine.  A routine no queue call
 * names (NdisInitializeWorkItem + NdisScheduleWorkItem, a thread) is not
 * gated.
 *
 * Timers: e->timer_armed is 0 from the start; arming sets it to 1 for a
 * one-shot timer (NdisSetTimerObject with a period of 0, NdisMSetTimer)
 * and 2 for a periodic one, never lowering it.  Timer callbacks run only
 * while it may be nonzero, and only when the driver arms timers at all (a
 * driver arming them some way the model does not know keeps them
 * ungated).  When the driver has a single timer callback, firing a
 * one-shot timer disarms it (the callback may re-arm it); with several,
 * which timer the key stands for is unknown, so it stays armed. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NDIS timers and KMDF timers (EVT_WDF_TIMER) alike, and a kernel DPC
 * routine that a KTIMER runs (KeInitializeDpc(&Dpc, MpWatchdogDpc, ..)
 * and KeSetTimerEx(&Timer, Due, Period, &Dpc)). */
int dfr_is_timer(const Engine *e, const EntryPoint *ep)
{
    return ep->role == ROLE_TIMER || ep->role == ROLE_WDF_TIMER ||
           (ep->role == ROLE_DPC_ROUTINE && e->ktimer && e->ktimer[ep->func]);
}

/* What the kernel timer calls bind (scan_calls): DPC objects to routines,
 * timers to the DPC objects they run. */
typedef struct KBind {
    struct { const char *dpc; int fi; } *dpcs;
    int ndpcs;
    struct { const char *timer, *dpc; } *sets;
    int nsets;
} KBind;

/* 0-based argument of a KeSetTimer* call holding its KDPC, or -1. */
static int ktimer_dpc_arg(const char *api)
{
    if (strcmp(api, "KeSetTimer") == 0)
        return 2;
    if (strcmp(api, "KeSetTimerEx") == 0)
        return 3;
    if (strcmp(api, "KeSetCoalescableTimer") == 0)
        return 4;
    return -1;
}

static const struct {
    const char *api;
    int arg;                 /* 0-based index of the routine */
} queue_apis[] = {
    {"NdisQueueIoWorkItem", 1}, {"IoQueueWorkItem", 1}, {"IoQueueWorkItemEx", 1},
};

/* 0-based routine argument of a queue API, or -1. */
static int queue_arg(const char *api)
{
    for (size_t i = 0; api && i < sizeof queue_apis / sizeof queue_apis[0]; i++)
        if (strcmp(api, queue_apis[i].api) == 0)
            return queue_apis[i].arg;
    return -1;
}

int api_queues_work(const char *api)
{
    return queue_arg(api) >= 0;
}

/* 1 one-shot, 2 periodic: the timer an arming call sets. */
static int arm_kind(const char *api, const Step *st)
{
    int period = -1;              /* argument holding the period, if any */
    if (strcmp(api, "NdisSetTimerObject") == 0 || strcmp(api, "KeSetTimerEx") == 0 ||
        strcmp(api, "KeSetCoalescableTimer") == 0)
        period = 2;
    else if (strstr(api, "Periodic") || strcmp(api, "WdfTimerStart") == 0)
        return 2;                 /* a KMDF timer's period is in its config: taken as periodic */
    else
        return 1;
    const Expr *x = period < st->nargs ? st->args[period] : NULL;
    return x && x->kind == EX_INT && x->ival == 0 ? 1 : 2;
}

/* The key of the timer object an expression names (NdisSetTimerObject(
 * Adapter->WatchdogTimer, ...), NdisMSetTimer(&Adapter->Timer, ...)). */
static const char *handle_key(const Expr *x)
{
    if (x && x->kind == EX_ADDR)
        x = x->a;
    return x && x->kind == EX_PATH ? x->key : NULL;
}

static void add_handle(Engine *e, const char *handle, int fi)
{
    if (!handle || fi < 0)
        return;
    for (int i = 0; i < e->nthandles; i++)
        if (strcmp(e->thandles[i].handle, handle) == 0 && e->thandles[i].fi == fi)
            return;
    if (e->nthandles == e->capthandles) {
        e->capthandles = e->capthandles ? e->capthandles * 2 : 8;
        e->thandles = realloc(e->thandles, sizeof *e->thandles * (size_t)e->capthandles);
        if (!e->thandles)
            abort();
    }
    e->thandles[e->nthandles++] = (struct TimerHandle){handle, fi};
}

/* One pass over fi's steps: whether the driver arms timers; the routines
 * queue calls name (their "<queued F>" keys); and the timer callback each
 * timer object runs: NdisAllocateTimerObject(h, &Tc, &Adapter->Timer) with
 * Tc.TimerFunction = MpWatchdog set before it in the same function;
 * NdisMInitializeTimer(&Adapter->Timer, h, MpWatchdog, ctx);
 * NdisInitializeTimer(&Timer, MpWatchdog, ctx); WdfTimerCreate(&Config, ...,
 * &Timer) after WDF_TIMER_CONFIG_INIT(&Config, MpWatchdog). */
static const char *handle_key(const Expr *x);

static void scan_calls(Engine *e, int fi, KBind *kb)
{
    const Program *p = e->prog;
    const Func *f = p->funcs[fi].f;
    const Expr *tfunc = NULL;               /* the last TimerFunction stored */
    const Expr *wdf_func = NULL;            /* the last WDF_TIMER_CONFIG_INIT's EvtTimerFunc */
    for (int b = 0; b < f->nblocks; b++)
        for (int k = 0; k < f->blocks[b].nsteps; k++) {
            const Step *st = &f->blocks[b].steps[k];
            if (st->kind == ST_ASSIGN) {
                if (st->lhs && st->lhs->tkey && st->rhs && st->rhs->kind == EX_FUNC &&
                    strcmp(st->lhs->tkey, "_NDIS_TIMER_CHARACTERISTICS.TimerFunction") == 0)
                    tfunc = st->rhs;
                continue;
            }
            if (!st->callee)
                continue;
            if (call_flags(e, st->callee) & CF_ARMS)   /* api_arms_timer, once per name */
                e->timers_gated = 1;
            int ka = ktimer_dpc_arg(st->callee);
            if (ka >= 0 && ka < st->nargs && handle_key(st->args[0]) && handle_key(st->args[ka])) {
                kb->sets = realloc(kb->sets, sizeof *kb->sets * (size_t)(kb->nsets + 1));
                if (!kb->sets)
                    abort();
                kb->sets[kb->nsets].timer = handle_key(st->args[0]);
                kb->sets[kb->nsets++].dpc = handle_key(st->args[ka]);
            }
            if (strcmp(st->callee, "KeInitializeDpc") == 0 && st->nargs >= 2) {
                const Expr *r = st->args[1];
                int g = r->kind == EX_FUNC && r->text ? prog_lookup(p, p->funcs[fi].u, r->text) : -1;
                if (g >= 0 && handle_key(st->args[0])) {
                    kb->dpcs = realloc(kb->dpcs, sizeof *kb->dpcs * (size_t)(kb->ndpcs + 1));
                    if (!kb->dpcs)
                        abort();
                    kb->dpcs[kb->ndpcs].dpc = handle_key(st->args[0]);
                    kb->dpcs[kb->ndpcs++].fi = g;
                }
                continue;
            }
            int a = queue_arg(st->callee);
            const Expr *x = a >= 0 && a < st->nargs ? st->args[a] : NULL;
            int q = x && x->kind == EX_FUNC && x->text ? prog_lookup(p, p->funcs[fi].u, x->text) : -1;
            if (q >= 0 && !e->queued[q])
                e->queued[q] = key_intern(e, arena_printf(e->arena, "<queued %s>", x->text), 1);
            const Expr *fn = NULL, *h = NULL;
            if (strncmp(st->callee, "WDF_TIMER_CONFIG_INIT", 21) == 0 && st->nargs >= 2) {
                wdf_func = st->args[1];
                continue;
            }
            if (strcmp(st->callee, "WdfTimerCreate") == 0 && st->nargs >= 3)
                fn = wdf_func, h = st->args[2];
            else if (strcmp(st->callee, "NdisAllocateTimerObject") == 0 && st->nargs >= 3)
                fn = tfunc, h = st->args[2];
            else if (strcmp(st->callee, "NdisMInitializeTimer") == 0 && st->nargs >= 3)
                fn = st->args[2], h = st->args[0];
            else if (strcmp(st->callee, "NdisInitializeTimer") == 0 && st->nargs >= 2)
                fn = st->args[1], h = st->args[0];
            else
                continue;
            int g = fn && fn->kind == EX_FUNC && fn->text ? prog_lookup(p, p->funcs[fi].u, fn->text) : -1;
            if (g < 0 || !handle_key(h))
                e->timers_unmapped = 1;
            else
                add_handle(e, handle_key(h), g);
        }
}

void dfr_setup(Engine *e)
{
    const Program *p = e->prog;
    e->queued = calloc((size_t)p->nfuncs + 1, sizeof *e->queued);
    e->armed = calloc((size_t)p->nfuncs + 1, sizeof *e->armed);
    e->ktimer = calloc((size_t)p->nfuncs + 1, 1);
    if (!e->queued || !e->armed || !e->ktimer)
        abort();
    KBind kb = {0};
    for (int fi = 0; fi < p->nfuncs; fi++)
        scan_calls(e, fi, &kb);
    /* a KTIMER runs the routine of the KDPC its arming call names */
    for (int i = 0; i < kb.nsets; i++)
        for (int k = 0; k < kb.ndpcs; k++)
            if (strcmp(kb.sets[i].dpc, kb.dpcs[k].dpc) == 0) {
                e->ktimer[kb.dpcs[k].fi] = 1;
                add_handle(e, kb.sets[i].timer, kb.dpcs[k].fi);
            }
    free(kb.sets);
    free(kb.dpcs);
    int ntimers = 0;
    for (int i = 0; i < p->nentries; i++)
        if (dfr_is_timer(e, &p->entries[i]) && !e->armed[p->entries[i].func]) {
            e->armed[p->entries[i].func] = e->timer_armed;
            ntimers++;
        }
    /* A key per timer callback when each has exactly one timer object of
     * its own (then firing and cancelling are exact); else one key for
     * all, exact only for a lone callback. */
    int exact = !e->timers_unmapped && ntimers > 0;
    for (int fi = 0; exact && fi < p->nfuncs; fi++) {
        if (!e->armed[fi])
            continue;
        int n = 0;
        for (int i = 0; i < e->nthandles; i++)
            if (e->thandles[i].fi == fi)
                n++;
        for (int i = 0; i < e->nthandles; i++)
            for (int j = i + 1; j < e->nthandles; j++)
                if (strcmp(e->thandles[i].handle, e->thandles[j].handle) == 0)
                    n = 0;                      /* one object, two callbacks */
        exact = n == 1;
    }
    e->own_timer_keys = exact || (ntimers == 1 && e->nthandles <= 1);
    for (int fi = 0; exact && ntimers > 1 && fi < p->nfuncs; fi++)
        if (e->armed[fi])
            e->armed[fi] = key_intern(e, arena_printf(e->arena, "<armed %s>",
                                                      p->funcs[fi].f->name), 1);
}

/* dfr_setup's answers, which depend on the driver alone, as the base run
 * found them (its key ids are the run's: harness.c keys_copy): rtlnwifi's
 * rule runs spent 2.2M instructions each finding them again. */
void dfr_setup_from(Engine *e, const Engine *base)
{
    size_t n = (size_t)e->prog->nfuncs + 1;
    e->queued = malloc(sizeof *e->queued * n);
    e->armed = malloc(sizeof *e->armed * n);
    e->ktimer = malloc(n);
    e->thandles = base->nthandles ? malloc(sizeof *e->thandles * (size_t)base->nthandles) : NULL;
    if (!e->queued || !e->armed || !e->ktimer || (base->nthandles && !e->thandles))
        abort();
    memcpy(e->queued, base->queued, sizeof *e->queued * n);
    memcpy(e->armed, base->armed, sizeof *e->armed * n);
    memcpy(e->ktimer, base->ktimer, n);
    if (base->nthandles)
        memcpy(e->thandles, base->thandles, sizeof *e->thandles * (size_t)base->nthandles);
    e->nthandles = e->capthandles = base->nthandles;
    e->timers_gated = base->timers_gated;
    e->timers_unmapped = base->timers_unmapped;
    e->own_timer_keys = base->own_timer_keys;
}

/* Does a call of api arm, cancel or queue a callback whose runs the harness
 * gates?  Whether the driver makes the call decides whether that callback
 * runs, so the branches deciding it belong to the slice (prog_slice), as a
 * rule event's do: two helpers that arm and cancel a watchdog under one flag
 * (`if (Adapter->PollLink) NdisSetTimerObject(...)`) had the flag left out,
 * and a timer one armed looked never cancelled by the other (case 469). */
int dfr_moves(Engine *e, const char *api)
{
    int cf = api ? call_flags(e, api) : 0;
    if (cf & (CF_WAITS | CF_EVENT))       /* events.c: whether a thread sets one, or waits */
        return evt_matter(e);
    if (!(cf & (CF_ARMS | CF_CANCELS | CF_QUEUES)))
        return 0;
    if (e->timers_gated)
        return 1;
    for (int fi = 0; fi < e->prog->nfuncs; fi++)
        if (e->queued[fi])
            return 1;
    return 0;
}

/* Is k one of the keys that gate a deferred callback ("<timer armed>",
 * "<armed F>", "<queued F>")? */
int dfr_key(const Engine *e, int32_t k)
{
    const char *n = key_name(e, k);
    return n[0] == '<' && (strncmp(n, "<armed ", 7) == 0 || strncmp(n, "<queued ", 8) == 0 ||
                           strcmp(n, "<timer armed>") == 0);
}

static int timer_of_call(Engine *e, const Step *st);

/* A cancel whose answer (was the timer pending?) the driver keeps: the
 * gate of the timer it cancels decides that answer (cancel_says). */
static void cancels_kept(Engine *e, unsigned char *keep)
{
    const Program *p = e->prog;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL || !st->callee || !(call_flags(e, st->callee) & CF_CANCELS))
                    continue;
                const Expr *out = st->nargs > 1 && st->args[1] && st->args[1]->kind == EX_ADDR
                                      ? st->args[1]->a : NULL;
                int kept = 0;
                if (st->lhs && st->lhs->kind == EX_PATH && st->lhs->key)
                    kept = key_relevant(e, ev_path_key(e, st->lhs));
                if (!kept && out && out->kind == EX_PATH && out->key)
                    kept = key_relevant(e, ev_path_key(e, out));
                if (!kept)
                    continue;
                int t = timer_of_call(e, st);
                for (int g = 0; g < p->nfuncs; g++)
                    if (e->gated[g] == 1 && (t < 0 || g == t))
                        keep[g] = 1;
            }
    }
}

/* The gates of the callbacks keep names: the engine's own keys, tracked
 * whatever the slice says, and decisive (they decide whether a callback
 * runs: joins keep them apart). */
static void mark_gates(Engine *e, const unsigned char *keep)
{
    for (int fi = 0; fi < e->prog->nfuncs; fi++) {
        if (!keep[fi])
            continue;
        if (e->queued[fi]) {
            key_set_relevant(e, e->queued[fi]);
            key_set_decisive(e, e->queued[fi]);
        }
        if (e->armed[fi]) {
            key_set_relevant(e, e->armed[fi]);
            key_set_decisive(e, e->armed[fi]);
        }
    }
}

/* Which gates a run keeps, once the rule's slice is made (harness.c
 * eng_start): a gated callback's gate is kept when the callback can change
 * what the rule sees (dfr_gates_matter), to a fixed point (a callback that
 * arms a kept one writes its gate); every other gated callback runs
 * ungated.  Those are callbacks that change nothing the run
 * keeps, which the harness skips, and the calls that arm or queue them
 * write nothing kept. */
void dfr_relevant(Engine *e)
{
    int n = e->prog->nfuncs;
    unsigned char *keep = calloc((size_t)n + 1, 1);
    e->gated = calloc((size_t)n + 1, 1);
    if (!keep || !e->gated)
        abort();
    for (int i = 0; i < e->prog->nentries; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        if (dfr_is_timer(e, ep) && e->timers_gated && e->armed[ep->func])
            e->gated[ep->func] = 1;
    }
    for (int fi = 0; fi < n; fi++) {
        if (!e->gated[fi] && e->queued[fi])
            e->gated[fi] = 2;
        keep[fi] = !e->gated[fi];      /* an ungated callback's key, if any, is kept as before */
    }
    if (getenv("DRVCHECK_KEEP_GATES"))      /* to measure what leaving them out saves */
        memset(keep, 1, (size_t)n + 1);
    cancels_kept(e, keep);
    mark_gates(e, keep);
    while (dfr_gates_matter(e, keep))
        mark_gates(e, keep);
    for (int fi = 0; fi < n; fi++)
        if (!keep[fi]) {
            e->armed[fi] = 0;
            e->queued[fi] = 0;
        }
    free(keep);
}

void dfr_initial(Engine *e, State *s)
{
    AbsVal zero = av_const(0);
    st_set(e, s, e->timer_armed, &zero);
    for (int fi = 0; fi < e->prog->nfuncs; fi++) {
        if (e->queued[fi])
            st_set(e, s, e->queued[fi], &zero);
        if (e->armed[fi])
            st_set(e, s, e->armed[fi], &zero);
    }
}

static int may_be_nonzero(Engine *e, const State *s, int32_t key)
{
    int64_t c;
    const AbsVal *v = st_get(e, s, key);
    return !(v && av_is_const(v, &c) && c == 0);
}

/* May some timer fire from s? */
int dfr_timer_may_fire(Engine *e, const State *s)
{
    for (int fi = 0; fi < e->prog->nfuncs; fi++)
        if (e->armed[fi] && may_be_nonzero(e, s, e->armed[fi]))
            return 1;
    return 0;       /* the shared key "<timer armed>", where a callback's gate is it, was
                       read above; a gate left out (dfr_relevant) is no timer that matters */
}

/* The timer callback the timer object of an arming or cancelling call
 * runs, or -1 (unknown: any). */
static int timer_of_call(Engine *e, const Step *st)
{
    const char *h = st->nargs > 0 ? handle_key(st->args[0]) : NULL;
    int found = -1;
    for (int i = 0; h && i < e->nthandles; i++)
        if (strcmp(e->thandles[i].handle, h) == 0) {
            if (found >= 0 && found != e->thandles[i].fi)
                return -1;
            found = e->thandles[i].fi;
        }
    return found;
}

/* The gate keys a call of api reads and writes (dfr_on_api, and the
 * cancel's firing, dfr_fires_at_cancel): an arming or cancelling call
 * whose timer object names one callback (timer_of_call) moves that
 * callback's key alone, a queue call naming its routine that routine's;
 * otherwise every key of the kind.  Calls add what they move to `add`
 * (frames.c: a helper that arms only the watchdog need not be told apart
 * by callers whose link timer is armed or not; rtlnwifi's helpers arm 6
 * timers). */
void dfr_call_keys(Engine *e, const Step *st, int cf, void (*add)(void *, int32_t), void *to)
{
    if (cf & (CF_ARMS | CF_CANCELS)) {
        int t = timer_of_call(e, st);
        if (t >= 0 && e->armed[t]) {
            add(to, e->armed[t]);
        } else {
            add(to, e->timer_armed);
            for (int q = 0; q < e->prog->nfuncs; q++)
                if (e->armed[q] && e->armed[q] != e->timer_armed)
                    add(to, e->armed[q]);
        }
    }
    if (cf & CF_QUEUES) {
        int a = queue_arg(st->callee);
        const Expr *r = a >= 0 && a < st->nargs ? st->args[a] : NULL;
        int named = r && r->kind == EX_FUNC && r->text;
        for (int q = 0; q < e->prog->nfuncs; q++)
            if (e->queued[q] && (!named || strcmp(e->prog->funcs[q].f->name, r->text) == 0))
                add(to, e->queued[q]);
    }
}

/* What a cancel call tells its caller: whether the timer was pending, as
 * its result (NdisCancelTimerObject, WdfTimerStop) or through its second
 * argument (NdisMCancelTimer(&Timer, &Cancelled), NdisCancelTimer). */
static void cancel_says(Engine *e, const Step *st, State *x, int pending)
{
    AbsVal v = av_const(pending);
    const Expr *out = st->nargs > 1 ? st->args[1] : NULL;
    if (strcmp(st->callee, "NdisCancelTimerObject") == 0 || strcmp(st->callee, "WdfTimerStop") == 0 ||
        strcmp(st->callee, "KeCancelTimer") == 0)
        st_set_ret(e, x, v);
    else if (out && out->kind == EX_ADDR && out->a && out->a->kind == EX_PATH)
        st_set(e, x, ev_key_in(e, x, out->a), &v);
}

/* The writes of an arming, cancelling or queueing call (x: its state after
 * the call). */
void dfr_on_api(Engine *e, const Step *st, State *x, int cf, const char *func)
{
    AbsVal one = av_const(1);
    int t = (cf & (CF_ARMS | CF_CANCELS)) ? timer_of_call(e, st) : -1;
    if (cf & CF_ARMS) {
        int kind = arm_kind(st->callee, st);
        if (x->trace && t >= 0 && e->timers_gated)   /* what a later tick stands on */
            x->trace = tr_push(e, x->trace, TS_EVENT, st->loc, func,
                               arena_printf(e->arena, "%s arms the %s timer of %s", st->callee,
                                            kind == 1 ? "one-shot" : "periodic",
                                            e->prog->funcs[t].f->name),
                               NULL);
        for (int fi = 0; fi < e->prog->nfuncs; fi++) {
            int32_t k = e->armed[fi];
            if (!k || (t >= 0 && fi != t))
                continue;
            int64_t c;
            const AbsVal *v = st_get(e, x, k);
            int cur = v && av_is_const(v, &c) ? (int)c : 2;
            AbsVal nv = av_const(kind > cur ? kind : cur);
            st_set(e, x, k, &nv);
        }
    }
    /* Cancelling a timer whose key is its own: the caller learns whether it
     * was pending (cancel_says), and it is not any more */
    if ((cf & CF_CANCELS) && e->own_timer_keys && e->timers_gated) {
        int32_t k = t >= 0 ? e->armed[t] : 0;
        for (int fi = 0; t < 0 && fi < e->prog->nfuncs; fi++)
            if (e->armed[fi] == e->timer_armed)
                k = e->timer_armed;                 /* a lone callback's key */
        if (k && e->cancel_race) {         /* the tick was running: not pending, and it
                                              re-arms the timer after the cancel */
            if (x->trace)
                x->trace = tr_push(e, x->trace, TS_NOTE, st->loc, func,
                                   arena_printf(e->arena, "%s came while the tick ran: it finds "
                                                "the timer not pending, and the tick armed it "
                                                "again", st->callee), NULL);
            cancel_says(e, st, x, 0);
        } else if (k) {
            int64_t c;
            const AbsVal *v = st_get(e, x, k);
            if (v && av_is_const(v, &c))
                cancel_says(e, st, x, c != 0);
            AbsVal zero = av_const(0);
            st_set(e, x, k, &zero);
        }
    }
    if (cf & CF_QUEUES) {
        int a = queue_arg(st->callee);
        const Expr *r = a >= 0 && a < st->nargs ? st->args[a] : NULL;
        int named = r && r->kind == EX_FUNC && r->text;
        for (int fi = 0; fi < e->prog->nfuncs; fi++)
            if (e->queued[fi] && (!named || strcmp(e->prog->funcs[fi].f->name, r->text) == 0))
                st_set(e, x, e->queued[fi], &one);
        if (x->trace && named)
            x->trace = tr_push(e, x->trace, TS_EVENT, st->loc, func,
                               arena_printf(e->arena, "%s queues %s", st->callee, r->text), NULL);
    }
}

/* A one-shot timer's tick fired at the cancel st: did the tick arm it
 * again (before: armed one-shot, after: armed)?  The cancel, coming while
 * the tick ran, can miss that.  Only for keys of their own. */
int dfr_rearmed(Engine *e, const Step *st, const State *before, const State *after)
{
    if (!e->own_timer_keys || !e->timers_gated)
        return 0;
    int t = timer_of_call(e, st);
    for (int fi = 0; fi < e->prog->nfuncs; fi++) {
        int64_t c;
        const AbsVal *v = e->armed[fi] ? st_get(e, before, e->armed[fi]) : NULL;
        int one = v && av_is_const(v, &c) && c == 1;
        if (!one && (e->loopsum || e->probe) && e->armed[fi]) {  /* a gate the summary forgot
                                                                   or a probe joined: it may be */
            AbsVal w = v ? *v : av_top(), k = av_const(1);
            one = av_assume(&w, OP_EQ, &k);
        }
        if ((t < 0 || fi == t) && one && may_be_nonzero(e, after, e->armed[fi]))
            return 1;
    }
    return 0;
}

/* Does a callback NDIS may run at any time (not a gated timer or work
 * item) set an event, so a wait may end with none of those having run? */
int dfr_others_set_events(Engine *e, const Step *wait)
{
    for (int i = 0; i < e->prog->nentries; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        int32_t gate = dfr_is_timer(e, ep) && e->timers_gated ? e->armed[ep->func]
                                                               : e->queued[ep->func];
        if (!gate && role_phase(ep->role) == PH_RUNTIME && evt_sets(e, ep->func, wait))
            return 1;
    }
    return 0;
}

int dfr_runs_at_wait(Engine *e, const EntryPoint *ep, const State *s, const Step *wait)
{
    int32_t gate = dfr_is_timer(e, ep) && e->timers_gated ? e->armed[ep->func] : e->queued[ep->func];
    return gate && may_be_nonzero(e, s, gate) && evt_sets(e, ep->func, wait);
}

/* A wait (st) on an event a work item sets has returned signalled: the
 * driver waits for that item, which ran before the wait returned or had
 * run when the event was set, so it is no longer queued (s, or a copy with
 * its queue taken).  What the driver relies on (that the event stays clear
 * while the item is queued) is its own design; a halt that waits so is not
 * followed by the item (harness.c after_halt). */
State *dfr_waited(Engine *e, const Step *st, State *s)
{
    AbsVal zero = av_const(0);
    State *c = s;
    for (int i = 0; i < e->prog->nentries; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        int32_t q = dfr_is_timer(e, ep) ? 0 : e->queued[ep->func];
        if (!q || !may_be_nonzero(e, c, q) || !evt_sets(e, ep->func, st))
            continue;
        if (c == s)
            c = st_copy(e, s);
        st_set(e, c, q, &zero);
    }
    if (c != s)
        st_finish(e, c);
    return c;
}

/* The calls that complete a request a miniport pended: NDIS halts an
 * adapter only once its reset, its pause and its OID requests completed
 * ("NDIS does not call MiniportHaltEx if there are outstanding OID
 * requests"). */
static int completes_request(const char *api)
{
    static const char *const done[] = {"NdisMResetComplete", "NdisMOidRequestComplete",
                                       "NdisMDirectOidRequestComplete", "NdisMPauseComplete"};
    for (size_t i = 0; api && i < sizeof done / sizeof done[0]; i++)
        if (strcmp(api, done[i]) == 0)
            return 1;
    return 0;
}

/* Does work item fi complete a request NDIS waits for before it halts the
 * adapter (completes_request, itself or in what it calls)?  Then it has run
 * before MiniportHaltEx (harness.c after_halt): e100bex's and NetKVM's reset
 * work items, NetKVM's set-power one that completes the pended OID. */
int dfr_completes_request(const Program *p, int fi)
{
    unsigned char *r = calloc((size_t)p->nfuncs + 1, 1);
    int *work = malloc(sizeof *work * ((size_t)p->nfuncs + 1));
    if (!r || !work)
        abort();
    r[fi] = 1;
    work[0] = fi;
    eng_reach_from(p, r, work, 1, 0);
    int found = 0;
    for (int g = 0; g < p->nfuncs && !found; g++) {
        const Func *f = p->funcs[g].f;
        for (int b = 0; r[g] && b < f->nblocks && !found; b++)
            for (int k = 0; k < f->blocks[b].nsteps && !found; k++) {
                const Step *st = &f->blocks[b].steps[k];
                found = st->kind == ST_CALL && completes_request(st->callee);
            }
    }
    free(r);
    free(work);
    return found;
}

/* Does a cancel call (st) name the timer object of callback fi (matched
 * where the timer was created), so that fi may fire at it on some path?
 * Not a cancel whose object no timer creation names (a KTIMER armed with
 * no DPC, waited on): do_call fires every armed timer there, but that is
 * no reason to analyse the function that cancels it in full. */
int dfr_cancel_may_fire(Engine *e, const Step *st, int fi)
{
    return e->armed[fi] && timer_of_call(e, st) == fi;
}

/* May timer callback fi, armed, fire from s (after a wait: interp.c)? */
int dfr_armed_may_fire(Engine *e, int fi, const State *s)
{
    return e->armed[fi] && may_be_nonzero(e, s, e->armed[fi]);
}

/* Does a cancel call (st) make timer callback fi fire first? */
int dfr_fires_at_cancel(Engine *e, const Step *st, int fi, const State *s)
{
    int t = timer_of_call(e, st);
    if (t >= 0 && t != fi)
        return 0;
    return e->armed[fi] && may_be_nonzero(e, s, e->armed[fi]);
}

/* s with an explanation in its trace (a copy), when it has a trace. */
State *dfr_note(Engine *e, State *s, Loc loc, const char *func, const char *msg)
{
    if (!s->trace)
        return s;
    s = st_copy(e, s);
    s->trace = tr_push(e, s->trace, TS_NOTE, loc, func, msg, NULL);
    return s;
}

/* May NDIS run entry point ep from s (runtime loop)? */
int dfr_may_run(Engine *e, const EntryPoint *ep, const State *s)
{
    if (dfr_is_timer(e, ep))
        return !e->timers_gated || !e->armed[ep->func] || may_be_nonzero(e, s, e->armed[ep->func]);
    if (e->queued[ep->func])
        return may_be_nonzero(e, s, e->queued[ep->func]);
    return 1;
}

/* The state ep runs from: its pending queue taken, a one-shot timer whose
 * key is its own disarmed. */
State *dfr_take(Engine *e, const EntryPoint *ep, State *s)
{
    AbsVal zero = av_const(0);
    int64_t c;
    if (dfr_is_timer(e, ep)) {
        int32_t k = e->armed[ep->func];
        const AbsVal *v = k ? st_get(e, s, k) : NULL;
        if (e->own_timer_keys && e->timers_gated && v && av_is_const(v, &c) && c == 1) {
            s = st_copy(e, s);
            st_set(e, s, k, &zero);
            st_finish(e, s);
        }
    } else if (e->queued[ep->func]) {
        s = st_copy(e, s);
        st_set(e, s, e->queued[ep->func], &zero);
        st_finish(e, s);
    }
    return s;
}

/* Whether the harness runs a gated callback (a timer callback while the
 * driver arms timers, a work item some call queues) only once armed or
 * queued matters only when that callback can change what the rule sees:
 * it touches the rule, runs a role the rule names, or writes a key the
 * rule's slice keeps (irql.c's keys and the gates kept so far count).
 * keep[fi] is set for each gated callback that does; returns how many it
 * set. */
int dfr_gates_matter(Engine *e, unsigned char *keep)
{
    const Program *p = e->prog;
    int added = 0;
    for (int i = 0; i < p->nentries; i++) {
        const EntryPoint *ep = &p->entries[i];
        int fi = ep->func;
        if (!e->gated[fi] || keep[fi])
            continue;
        int why = fr_touches(e->frames, fi) ? 1 : eng_mentions_role(e, ep->role) ? 2
                  : fr_writes_kept(e, e->frames, fi) ? 3 : 0;
        if (!why)
            continue;
        keep[fi] = 1;
        added++;
        if (getenv("DRVCHECK_ENGINE_STATS"))
            fprintf(stderr, "engine: %s: the gate of %s is kept (%s)\n", e->rule->name,
                    p->funcs[fi].f->name, why == 1 ? "it touches the rule"
                    : why == 2 ? "the rule names its role" : "it writes what the rule reads");
    }
    return added;
}
