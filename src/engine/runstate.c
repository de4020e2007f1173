/* runstate.c - the adapter's run state as NDIS 6 keeps it: Paused after
 * MiniportInitializeEx, Running after a MiniportRestart that succeeded,
 * Paused again after MiniportPause (at once, or when it completes a pended
 * pause).  NDIS restarts only a paused adapter, pauses only a running one,
 * sends only to a running one, and halts only a paused one: a running
 * adapter is paused first.  So a watchdog timer armed in MiniportRestart
 * and cancelled in MiniportPause is cancelled before MiniportHaltEx runs.
 *
 * The key "<running>" holds 0 or 1 in every state.  Drivers without both a
 * pause and a restart handler (older than NDIS 6) are not gated.
 *
 * NDIS pauses the adapter before it sends OID_PNP_SET_POWER (to a low-power
 * state, and back to D0, after which it restarts the adapter), unless the
 * miniport sets NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND (NDIS 6.30,
 * where a running adapter may get it too).  So an OID request NDIS makes of
 * a running adapter carries any OID but that one (cases 408/409: a D3
 * request that releases the interrupt of a running adapter, then the
 * restart-armed watchdog's tick synchronizing with it, was a path no
 * adapter takes). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The OID an OID request carries, by every key a driver may read it by: the
 * request's union members, and the member records a pointer to one of them
 * reaches (`Set->Oid`).  Union members are separate keys (docs/engine.md). */
static const char *const oid_keys[RS_OID_KEYS] = {
    "_NDIS_OID_REQUEST.DATA.QUERY_INFORMATION.Oid", "_NDIS_OID_REQUEST.DATA.SET_INFORMATION.Oid",
    "_NDIS_OID_REQUEST.DATA.METHOD_INFORMATION.Oid", "_QUERY.Oid", "_SET.Oid", "_METHOD.Oid",
};

enum { NO_PAUSE_ON_SUSPEND = 0x100 };          /* NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND */
#define OID_PNP_SET_POWER 0xFD010101LL

/* May the driver set NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND: does it
 * store into the registration attributes' flags anything but a constant
 * without that bit? */
static int may_skip_pause(const Program *p)
{
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (!st->lhs || !st->lhs->tkey ||
                    strcmp(st->lhs->tkey,
                           "_NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES.AttributeFlags") != 0)
                    continue;
                if (st->kind != ST_ASSIGN || !st->rhs || st->rhs->kind != EX_INT ||
                    (st->rhs->ival & NO_PAUSE_ON_SUSPEND))
                    return 1;
            }
    }
    return 0;
}

static int has_role(const Program *p, RoleKind role)
{
    for (int i = 0; i < p->nentries; i++)
        if (p->entries[i].role == role)
            return 1;
    return 0;
}

void rs_setup(Engine *e)
{
    e->run_gated = has_role(e->prog, ROLE_PAUSE) && has_role(e->prog, ROLE_RESTART);
    e->running = key_intern(e, "<running>", 1);
    e->power_paused = e->run_gated && !may_skip_pause(e->prog);
    for (int i = 0; i < RS_OID_KEYS; i++)
        e->oid_keys[i] = e->power_paused ? key_intern(e, oid_keys[i], 1) : 0;
}

/* Can a callback NDIS runs by the run state (pause, restart, send) change
 * what the rule sees: touch it, run a role it names, or write a key it
 * keeps (deferred.c's gates kept and irql.c's keys count: asked after
 * theirs are marked)? */
static int gated_roles_matter(Engine *e)
{
    for (int i = 0; i < e->prog->nentries; i++) {
        const EntryPoint *ep = &e->prog->entries[i];
        if ((ep->role == ROLE_PAUSE || ep->role == ROLE_RESTART ||
             ep->role == ROLE_SEND_NET_BUFFER_LISTS) &&
            (fr_touches(e->frames, ep->func) || eng_mentions_role(e, ep->role) ||
             fr_writes_kept(e, e->frames, ep->func)))
            return 1;
    }
    return 0;
}

/* The run state is kept only where it can decide what the rule sees: a
 * callback it gates matters (gated_roles_matter), or the OID of a request
 * does (a set-power request comes to a paused adapter only).  Else which
 * of pause, restart and send NDIS may call, and whether halt waits for a
 * pause, changes no state the rule sees (those callbacks change nothing it
 * keeps, and every other callback runs in either state), so the key is
 * left out and the states of a running and a paused adapter are one. */
void rs_relevant(Engine *e)
{
    if (!e->run_gated)
        return;
    /* the driver may read the OID by any of them: one the slice keeps,
     * all are kept */
    int any = 0;
    for (int i = 0; e->power_paused && i < RS_OID_KEYS; i++)
        any |= key_relevant(e, e->oid_keys[i]);
    if (!any && !gated_roles_matter(e) && !getenv("DRVCHECK_KEEP_GATES")) {
        e->run_gated = 0;
        e->power_paused = 0;
        return;
    }
    key_set_relevant(e, e->running);
    key_set_decisive(e, e->running);
    for (int i = 0; any && i < RS_OID_KEYS; i++)
        key_set_relevant(e, e->oid_keys[i]);
    if (!any)
        e->power_paused = 0;
}

/* An OID request NDIS makes of the adapter in s (ep's callback is entered
 * with s, a fresh copy): a new request, whose OID is not OID_PNP_SET_POWER
 * when the adapter is surely running. */
void rs_oid_request(Engine *e, const EntryPoint *ep, State *s)
{
    if (!e->power_paused || ep->role != ROLE_OID_REQUEST)
        return;
    int64_t c;
    const AbsVal *r = st_get(e, s, e->running);
    AbsVal v = av_top(), set_power = av_const(OID_PNP_SET_POWER);
    int running = r && av_is_const(r, &c) && c == 1 && av_assume(&v, OP_NE, &set_power);
    for (int i = 0; i < RS_OID_KEYS; i++) {
        st_havoc_prefix(e, s, e->oid_keys[i]);
        if (running)
            st_set(e, s, e->oid_keys[i], &v);
    }
}

/* ... and when the callback returns, what the driver learnt of the request
 * goes ("_SET.Oid" is no NDIS record's by name): s, or a copy without it. */
State *rs_oid_request_done(Engine *e, const EntryPoint *ep, State *s)
{
    if (!e->power_paused || ep->role != ROLE_OID_REQUEST)
        return s;
    int known = 0;
    for (int i = 0; i < RS_OID_KEYS && !known; i++)
        known = st_has_prefix(e, s, e->oid_keys[i]);
    if (!known)
        return s;
    State *c = st_copy(e, s);
    for (int i = 0; i < RS_OID_KEYS; i++)
        st_havoc_prefix(e, c, e->oid_keys[i]);
    return c;
}

void rs_initial(Engine *e, State *s)
{
    AbsVal zero = av_const(0);
    if (e->run_gated)
        st_set(e, s, e->running, &zero);
}

/* May the run state in s be `want` (0 paused, 1 running)? */
static int may_be(Engine *e, const State *s, int want)
{
    int64_t c;
    const AbsVal *v = st_get(e, s, e->running);
    return !(v && av_is_const(v, &c)) || c == want;
}

int rs_may_run(Engine *e, const EntryPoint *ep, const State *s)
{
    if (!e->run_gated)
        return 1;
    switch (ep->role) {
    case ROLE_RESTART:
        return may_be(e, s, 0);
    case ROLE_PAUSE:
    case ROLE_SEND_NET_BUFFER_LISTS:
        return may_be(e, s, 1);
    default:
        return 1;
    }
}

/* s, the state a callback ep left (its return slot still set), in the run
 * state it leads to. */
State *rs_after(Engine *e, const EntryPoint *ep, State *s)
{
    if (!e->run_gated || (ep->role != ROLE_RESTART && ep->role != ROLE_PAUSE))
        return s;
    AbsVal v = av_const(0);
    if (ep->role == ROLE_RESTART) {
        int64_t c;
        AbsVal zero = av_const(0), ret = *st_ret(e, s);
        if (av_is_const(&ret, &c))
            v = av_const(c == 0);           /* NDIS_STATUS_SUCCESS: running */
        else if (av_assume(&ret, OP_EQ, &zero))
            v = av_range(0, 1);
    }
    s = st_copy(e, s);
    st_set(e, s, e->running, &v);
    return s;
}

/* May s be a paused adapter (one NDIS may halt)? */
int rs_may_be_paused(Engine *e, const State *s)
{
    return !e->run_gated || may_be(e, s, 0);
}
