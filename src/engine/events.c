/* events.c - kernel events a driver sets and waits on.
 *
 * A driver that stops its own machinery before it lets go of the hardware
 * asks a thread of its own to stop (a state machine's timer, a work item)
 * and waits on an event that thread sets when it is done: halt waits, the
 * timer's tick quiesces the MAC under NdisMSynchronizeWithInterruptEx and
 * sets the event, then halt deregisters the interrupt.  So a wait
 * (NdisWaitEvent, KeWaitForSingleObject) returns signalled only once the
 * event is set: the event object is a key (1 set, 0 not), written by
 * NdisSetEvent/KeSetEvent, NdisResetEvent/KeClearEvent/KeResetEvent and
 * NdisInitializeEvent/KeInitializeEvent, and kept (with the branches that
 * decide whether a thread sets it) when the driver waits and some timer or
 * work item the harness gates sets an event.  interp.c runs those
 * callbacks at the wait (do_call). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* What a call does to an event: EVT_SET, EVT_CLEAR, EVT_INIT (its state
 * from an argument), or 0. */
enum { EVT_SET = 1, EVT_CLEAR = 2, EVT_INIT = 3 };

static int event_op(const char *api)
{
    if (!api)
        return 0;
    if (strcmp(api, "NdisSetEvent") == 0 || strcmp(api, "KeSetEvent") == 0)
        return EVT_SET;
    if (strcmp(api, "NdisResetEvent") == 0 || strcmp(api, "KeClearEvent") == 0 ||
        strcmp(api, "KeResetEvent") == 0 || strcmp(api, "NdisInitializeEvent") == 0)
        return EVT_CLEAR;
    if (strcmp(api, "KeInitializeEvent") == 0)
        return EVT_INIT;
    return 0;
}

int api_sets_event(const char *api)
{
    return event_op(api) != 0;
}

/* The key of the event object a call names (&Adapter->HaltedEvent), or 0. */
static int32_t event_key(Engine *e, const State *s, const Step *st)
{
    const Expr *x = st->nargs > 0 ? st->args[0] : NULL;
    if (!x || x->kind != EX_ADDR || !x->a || x->a->kind != EX_PATH)
        return 0;
    return s ? ev_key_in(e, s, x->a) : ev_path_key(e, x->a);
}

/* The key that names the object a call sets or waits on, for matching the
 * two by name: the event's (&Adapter->HaltedEvent), or a member holding a
 * pointer to it or another waitable object (`Adapter->pHaltEvent`,
 * `Bus->ThreadHandle`: what only that member's setters set, and a thread
 * no callback sets); 0 for a local or parameter, which may point to any. */
static int32_t object_name_key(Engine *e, const Step *st)
{
    int32_t k = event_key(e, NULL, st);
    if (k)
        return k;
    const Expr *x = st->nargs > 0 ? st->args[0] : NULL;
    return x && x->kind == EX_PATH && x->key && strchr(x->key, '.') && !strchr(x->key, '[')
               ? ev_path_key(e, x)
               : 0;
}

/* The event objects fi or what it calls sets (their keys as written:
 * `&Adapter->HaltedEvent` and `&pAdapter->HaltedEvent` are one), worked out
 * once per function (a cycle adds nothing until its first visit ends). */
typedef struct EvSet {
    int32_t *k;
    int n;
    unsigned char state;     /* 0 not known yet, 1 being worked out, 2 known */
} EvSet;

static void evset_add(EvSet *s, int32_t k)
{
    for (int i = 0; i < s->n; i++)
        if (s->k[i] == k)
            return;
    s->k = realloc(s->k, sizeof *s->k * (size_t)(s->n + 1));
    if (!s->k)
        abort();
    s->k[s->n++] = k;
}

static const EvSet *set_events(Engine *e, int fi)
{
    const Program *p = e->prog;
    if (!e->evsets) {
        e->evsets = calloc((size_t)p->nfuncs + 1, sizeof(EvSet));
        if (!e->evsets)
            abort();
    }
    EvSet *s = &((EvSet *)e->evsets)[fi];
    if (s->state)
        return s;
    s->state = 1;
    const Func *f = p->funcs[fi].f;
    for (int b = 0; b < f->nblocks; b++)
        for (int k = 0; k < f->blocks[b].nsteps; k++) {
            const Step *st = &f->blocks[b].steps[k];
            if (st->kind != ST_CALL)
                continue;
            int32_t ek = event_op(st->callee) == EVT_SET ? object_name_key(e, st) : 0;
            if (ek > 0)
                evset_add(s, ek);
            const CallRes *cr = prog_call(p, st);
            for (int t = 0; cr && t < cr->n; t++) {
                if (cr->fi[t] == fi)
                    continue;
                const EvSet *c = set_events(e, cr->fi[t]);
                for (int q = 0; q < c->n; q++)
                    evset_add(s, c->k[q]);
            }
        }
    s->state = 2;
    return s;
}

void evt_free(Engine *e)
{
    EvSet *v = e->evsets;
    for (int i = 0; v && i < e->prog->nfuncs; i++)
        free(v[i].k);
    free(v);
    e->evsets = NULL;
}

/* The event's own name: its last member (`SM_HaltedEvent` of both
 * `&Adapter->Sm.SM_HaltedEvent` and `&pSm->SM_HaltedEvent`, whose keys
 * differ by the way they reach it), or its whole key. */
static const char *event_name(Engine *e, int32_t k)
{
    const char *n = key_name(e, k), *dot = strrchr(n, '.'), *arrow = strstr(n, "->");
    return dot ? dot + 1 : arrow ? arrow + 2 : n;
}

int evt_sets(Engine *e, int fi, const Step *wait)
{
    int32_t ek = wait ? object_name_key(e, wait) : 0;
    const char *want = ek > 0 ? event_name(e, ek) : NULL;
    const EvSet *s = set_events(e, fi);
    for (int i = 0; i < s->n; i++)
        if (!want || strcmp(event_name(e, s->k[i]), want) == 0)
            return 1;
    return 0;
}

int evt_sets_named(Engine *e, int fi, const Step *wait)
{
    return object_name_key(e, wait) > 0 && evt_sets(e, fi, wait);
}

/* Does the driver wait on an event that a gated timer or work item sets,
 * in a run whose rule is not one of watched objects (interp.c do_call)?
 * Then the event objects are kept (evt_relevant), and so are the branches
 * deciding whether a thread sets one (deferred.c dfr_moves). */
int evt_matter(Engine *e)
{
    if (e->evt_matter)
        return e->evt_matter == 2;
    if (e->rule->has_watch) {        /* no callback runs at a wait (interp.c do_call) */
        e->evt_matter = 1;
        return 0;
    }
    int waits = 0, sets = 0;
    const Program *p = e->prog;
    for (int fi = 0; fi < p->nfuncs && !waits; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks && !waits; b++)
            for (int k = 0; k < f->blocks[b].nsteps && !waits; k++)
                waits = f->blocks[b].steps[k].callee && api_waits_event(f->blocks[b].steps[k].callee);
    }
    for (int i = 0; waits && i < p->nentries && !sets; i++) {
        const EntryPoint *ep = &p->entries[i];
        int gated = dfr_is_timer(e, ep) ? e->timers_gated && e->armed[ep->func] != 0
                                        : e->queued[ep->func] != 0;
        sets = gated && evt_sets(e, ep->func, NULL);
    }
    e->evt_matter = waits && sets ? 2 : 1;
    return waits && sets;
}

void evt_relevant(Engine *e)
{
    if (!evt_matter(e))
        return;
    const Program *p = e->prog;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                /* CF_EVENT: event_op; CF_WAITS: api_waits_event (by name, once) */
                if (!st->callee || !(call_flags(e, st->callee) & (CF_EVENT | CF_WAITS)))
                    continue;
                int32_t ek = event_key(e, NULL, st);
                if (ek > 0) {
                    key_set_relevant(e, ek);
                    key_set_decisive(e, ek);
                }
            }
    }
}

void evt_on_api(Engine *e, const Step *st, State *x)
{
    int op = event_op(st->callee);
    int32_t ek = op ? event_key(e, x, st) : 0;
    if (ek <= 0)
        return;
    AbsVal v = av_const(op == EVT_SET);
    if (op == EVT_INIT) {                 /* KeInitializeEvent(&E, Type, State) */
        const Expr *sx = st->nargs > 2 ? st->args[2] : NULL;
        v = sx && sx->kind == EX_INT ? av_const(sx->ival != 0) : av_top();
    }
    st_set(e, x, ek, &v);
}

int evt_may_be_set(Engine *e, const Step *wait, const State *s)
{
    int32_t ek = event_key(e, s, wait);
    const AbsVal *v = ek > 0 ? st_get(e, s, ek) : NULL;
    return !v || av_truth(v) != 0;
}
