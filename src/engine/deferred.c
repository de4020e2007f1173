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

#include <stdlib.h>
#include <string.h>

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
    else if (strstr(api, "Periodic"))
        return 2;
    else
        return 1;
    const Expr *x = period < st->nargs ? st->args[period] : NULL;
    return x && x->kind == EX_INT && x->ival == 0 ? 1 : 2;
}

void dfr_setup(Engine *e)
{
    const Program *p = e->prog;
    e->queued = calloc((size_t)p->nfuncs + 1, sizeof *e->queued);
    if (!e->queued)
        abort();
    int ntimers = 0;
    for (int i = 0; i < p->nentries; i++)
        ntimers += p->entries[i].role == ROLE_TIMER;
    e->one_timer = ntimers == 1;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL || !st->callee)
                    continue;
                if (api_arms_timer(st->callee))
                    e->timers_gated = 1;
                int a = queue_arg(st->callee);
                const Expr *x = a >= 0 && a < st->nargs ? st->args[a] : NULL;
                int g = x && x->kind == EX_FUNC && x->text ? prog_lookup(p, p->funcs[fi].u, x->text) : -1;
                if (g >= 0 && !e->queued[g])
                    e->queued[g] = key_intern(e, arena_printf(e->arena, "<queued %s>", x->text), 1);
            }
    }
}

/* Its keys are the engine's own: tracked whatever the slice says, and
 * decisive (they decide whether a callback runs: joins keep them apart). */
void dfr_relevant(Engine *e)
{
    key_set_relevant(e, e->timer_armed);
    key_set_decisive(e, e->timer_armed);
    for (int fi = 0; fi < e->prog->nfuncs; fi++)
        if (e->queued[fi]) {
            key_set_relevant(e, e->queued[fi]);
            key_set_decisive(e, e->queued[fi]);
        }
}

void dfr_initial(Engine *e, State *s)
{
    AbsVal zero = av_const(0);
    st_set(e, s, e->timer_armed, &zero);
    for (int fi = 0; fi < e->prog->nfuncs; fi++)
        if (e->queued[fi])
            st_set(e, s, e->queued[fi], &zero);
}

static int may_be_nonzero(const State *s, int32_t key)
{
    int64_t c;
    const AbsVal *v = st_get(s, key);
    return !(v && av_is_const(v, &c) && c == 0);
}

int dfr_timer_may_fire(Engine *e, const State *s)
{
    return may_be_nonzero(s, e->timer_armed);
}

/* The writes of an arming, cancelling or queueing call (x: its state after
 * the call). */
void dfr_on_api(Engine *e, const Step *st, State *x, int cf)
{
    AbsVal one = av_const(1);
    if (cf & CF_ARMS) {
        int kind = arm_kind(st->callee, st);
        int64_t c;
        const AbsVal *v = st_get(x, e->timer_armed);
        int cur = v && av_is_const(v, &c) ? (int)c : 2;
        AbsVal nv = av_const(kind > cur ? kind : cur);
        st_set(e, x, e->timer_armed, &nv);
    }
    /* NdisCancelTimerObject of a lone timer: TRUE when it was pending, and
     * it is not any more */
    if ((cf & CF_CANCELS) && e->one_timer && e->timers_gated &&
        strcmp(st->callee, "NdisCancelTimerObject") == 0) {
        int64_t c;
        const AbsVal *v = st_get(x, e->timer_armed);
        if (v && av_is_const(v, &c))
            x->ret = av_const(c != 0);
        AbsVal zero = av_const(0);
        st_set(e, x, e->timer_armed, &zero);
    }
    if (cf & CF_QUEUES) {
        int a = queue_arg(st->callee);
        const Expr *r = a >= 0 && a < st->nargs ? st->args[a] : NULL;
        int named = r && r->kind == EX_FUNC && r->text;
        for (int fi = 0; fi < e->prog->nfuncs; fi++)
            if (e->queued[fi] && (!named || strcmp(e->prog->funcs[fi].f->name, r->text) == 0))
                st_set(e, x, e->queued[fi], &one);
    }
}

/* May NDIS run entry point ep from s (runtime loop)? */
int dfr_may_run(Engine *e, const EntryPoint *ep, const State *s)
{
    if (ep->role == ROLE_TIMER)
        return !e->timers_gated || may_be_nonzero(s, e->timer_armed);
    if (e->queued[ep->func])
        return may_be_nonzero(s, e->queued[ep->func]);
    return 1;
}

/* The state ep runs from: its pending queue taken, a lone one-shot timer
 * disarmed. */
State *dfr_take(Engine *e, const EntryPoint *ep, State *s)
{
    AbsVal zero = av_const(0);
    int64_t c;
    if (ep->role == ROLE_TIMER && e->one_timer && e->timers_gated) {
        const AbsVal *v = st_get(s, e->timer_armed);
        if (v && av_is_const(v, &c) && c == 1) {
            s = st_copy(e, s);
            st_set(e, s, e->timer_armed, &zero);
            st_finish(s);
        }
    } else if (ep->role != ROLE_TIMER && e->queued[ep->func]) {
        s = st_copy(e, s);
        st_set(e, s, e->queued[ep->func], &zero);
        st_finish(s);
    }
    return s;
}
