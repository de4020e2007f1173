/* runstate.c - the adapter's run state as NDIS 6 keeps it: Paused after
 * MiniportInitializeEx, Running after a MiniportRestart that succeeded,
 * Paused again after MiniportPause (at once, or when it completes a pended
 * pause).  NDIS restarts only a paused adapter, pauses only a running one,
 * sends only to a running one, and halts only a paused one: a running
 * adapter is paused first.  So a watchdog timer armed in MiniportRestart
 * and cancelled in MiniportPause is cancelled before MiniportHaltEx runs.
 *
 * The key "<running>" holds 0 or 1 in every state.  Drivers without both a
 * pause and a restart handler (older than NDIS 6) are not gated. */
#include "internal.h"

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
}

void rs_relevant(Engine *e)
{
    if (!e->run_gated)
        return;
    key_set_relevant(e, e->running);
    key_set_decisive(e, e->running);
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
