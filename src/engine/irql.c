/* irql.c - the IRQL a driver runs at, for code that asks for it
 * (`if (KeGetCurrentIrql() == PASSIVE_LEVEL) NdisMSleep(d); else
 * NdisStallExecution(d);`).
 *
 * Two keys, kept only when the driver calls KeGetCurrentIrql at all:
 *  - "<irql base>": the IRQL NDIS calls the current callback at, from its
 *    role (PASSIVE_LEVEL for initialize, halt, pause, restart, PnP, work
 *    items; DISPATCH_LEVEL for DPCs and timers; DIRQL for the ISR and the
 *    interrupt enable/disable handlers; "at most DISPATCH_LEVEL" for OID
 *    requests, sends, returns, resets, check-for-hang; PASSIVE_LEVEL for
 *    IRP dispatch routines of a control device; unknown otherwise);
 *  - "<raised>": how many spin locks (or KeRaiseIrql calls) the path holds:
 *    each raises to DISPATCH_LEVEL, the matching release lowers again.
 * KeGetCurrentIrql() is DISPATCH_LEVEL while something is raised, else the
 * base (the larger of the two when the count is unknown). */
#include "internal.h"

#include <string.h>

enum { PASSIVE = 0, DISPATCH = 2, DIRQL = 5 };

static const char *const raising[] = {
    "NdisAcquireSpinLock", "NdisDprAcquireSpinLock", "KeAcquireSpinLock",
    "KeAcquireSpinLockAtDpcLevel", "KeAcquireSpinLockRaiseToDpc", "KeRaiseIrql",
    "KeRaiseIrqlToDpcLevel", "NdisAcquireReadWriteLock", "WdfSpinLockAcquire",
    "WdfObjectAcquireLock",
};
static const char *const lowering[] = {
    "NdisReleaseSpinLock", "NdisDprReleaseSpinLock", "KeReleaseSpinLock",
    "KeReleaseSpinLockFromDpcLevel", "KeLowerIrql", "NdisReleaseReadWriteLock", "WdfSpinLockRelease",
    "WdfObjectReleaseLock",
};

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return 1;
    return 0;
}

/* CF_IRQL for the calls this file models. */
int api_irql(const char *api)
{
    return api && (strcmp(api, "KeGetCurrentIrql") == 0 ||
                   in_list(api, raising, sizeof raising / sizeof raising[0]) ||
                   in_list(api, lowering, sizeof lowering / sizeof lowering[0]));
}

void irql_setup(Engine *e)
{
    e->irql_on = prog_is_called(e->prog, "KeGetCurrentIrql");
    e->irql_base = key_intern(e, "<irql base>", 1);
    e->raised = key_intern(e, "<raised>", 1);
}

void irql_relevant(Engine *e)
{
    if (!e->irql_on)
        return;
    key_set_relevant(e, e->irql_base);
    key_set_relevant(e, e->raised);
}

static AbsVal role_irql(RoleKind role)
{
    switch (role) {
    case ROLE_DRIVER_ENTRY: case ROLE_SET_OPTIONS: case ROLE_ADD_DEVICE: case ROLE_INITIALIZE:
    case ROLE_HALT: case ROLE_UNLOAD: case ROLE_PAUSE: case ROLE_RESTART:
    case ROLE_DEVICE_PNP_EVENT_NOTIFY: case ROLE_IO_WORKITEM: case ROLE_START_DEVICE:
    case ROLE_FILTER_RESOURCES: case ROLE_DRIVER_DISPATCH: case ROLE_WDF_WORKITEM:
        return av_const(PASSIVE);
    case ROLE_INTERRUPT_DPC: case ROLE_MESSAGE_INTERRUPT_DPC: case ROLE_TIMER:
    case ROLE_DPC_ROUTINE: case ROLE_WDF_TIMER:
        return av_const(DISPATCH);
    case ROLE_ISR: case ROLE_MESSAGE_INTERRUPT: case ROLE_ENABLE_INTERRUPT:
    case ROLE_DISABLE_INTERRUPT: case ROLE_ENABLE_MESSAGE_INTERRUPT:
    case ROLE_DISABLE_MESSAGE_INTERRUPT: case ROLE_SYNCHRONIZE_INTERRUPT:
    case ROLE_SYNCHRONIZE_MESSAGE_INTERRUPT:
        return av_const(DIRQL);
    case ROLE_OID_REQUEST: case ROLE_CANCEL_OID_REQUEST: case ROLE_DIRECT_OID_REQUEST:
    case ROLE_CANCEL_DIRECT_OID_REQUEST: case ROLE_SYNCHRONOUS_OID_REQUEST:
    case ROLE_SEND_NET_BUFFER_LISTS: case ROLE_RETURN_NET_BUFFER_LISTS: case ROLE_CANCEL_SEND:
    case ROLE_CHECK_FOR_HANG: case ROLE_RESET: case ROLE_PROCESS_SG_LIST:
    case ROLE_SHARED_MEM_COMPLETE: case ROLE_IDLE_NOTIFICATION:
    case ROLE_CANCEL_IDLE_NOTIFICATION:
        return av_range(PASSIVE, DISPATCH);
    default:
        return av_top();
    }
}

/* NDIS calls a callback of this role from s: its IRQL, nothing raised. */
void irql_enter(Engine *e, State *s, RoleKind role)
{
    if (!e->irql_on)
        return;
    AbsVal base = role_irql(role), zero = av_const(0);
    st_set(e, s, e->irql_base, &base);
    st_set(e, s, e->raised, &zero);
}

/* The effect of a call this file models on x (its state after the call). */
void irql_on_api(Engine *e, const Step *st, State *x)
{
    if (!e->irql_on || !st->callee)
        return;
    const AbsVal *r = st_get(e, x, e->raised);
    if (strcmp(st->callee, "KeGetCurrentIrql") == 0) {
        const AbsVal *b = st_get(e, x, e->irql_base);
        AbsVal base = b ? *b : av_top(), disp = av_const(DISPATCH);
        int64_t c, bc;
        if (r && av_is_const(r, &c) && c == 0)
            st_set_ret(e, x, base);                          /* nothing raised */
        else if (r && av_is_const(r, &c))
            st_set_ret(e, x, av_is_const(&base, &bc) && bc > DISPATCH ? base : disp);
        else
            st_set_ret(e, x, av_join(&base, &disp));
        return;
    }
    int up = in_list(st->callee, raising, sizeof raising / sizeof raising[0]);
    AbsVal n = av_top();
    int64_t c;
    if (r && av_is_const(r, &c))
        n = av_const(up ? c + 1 : c > 0 ? c - 1 : 0);
    st_set(e, x, e->raised, &n);
}
