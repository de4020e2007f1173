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
 * base (the larger of the two when the count is unknown).
 * Neither key is kept when no answer can decide anything but the IRQL
 * (irql_relevant), and a call of a function that cannot ask does not see
 * the base (irql_asks: frames.c leaves it out of the callee's entry). */
#include "internal.h"

#include <stdlib.h>
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

/* ---- is the IRQL relevant to the rule run at all? ----
 * A driver may ask the IRQL only to pick whether to raise it itself
 * (NetKVM: `bPassive = !IsDpc && KeGetCurrentIrql() < DISPATCH_LEVEL;
 * ... if (bPassive) irql = KeRaiseIrqlToDpcLevel(); ... if (bPassive)
 * KeLowerIrql(irql);`).  Then the answer decides nothing but the IRQL
 * itself, which no rule event reads, and the two keys only multiply
 * states and summaries (NetKVM's NdisSpinLock: "<raised>" was the fact
 * that most often alone told two summary entries of a function apart).
 * Found per function by following the answer: the locals it is assigned
 * to, the branches that test them and what those branches decide (control
 * dependence), to a fixed point.  The IRQL stays relevant when the answer
 * reaches anything else: a call other than one that raises or lowers the
 * IRQL, an argument (but the old IRQL given back to KeLowerIrql), a
 * returned value, a return itself, a global or what a pointer reaches. */

enum { MAX_TAINT = 64 };

typedef struct Taint {
    int32_t k[MAX_TAINT];
    int n;
    int over;                /* more keys than MAX_TAINT: say relevant */
} Taint;

static int taint_has(const Taint *t, int32_t k)
{
    for (int i = 0; i < t->n; i++)
        if (t->k[i] == k)
            return 1;
    return 0;
}

/* Does x read a tainted key (also as the pointer a path goes through)? */
static int reads_taint(Engine *e, const Taint *t, const Expr *x)
{
    if (!x || !t->n)
        return 0;
    if (x->kind == EX_PATH) {             /* found, not interned: key ids stay as they were */
        if (x->key && taint_has(t, key_find_at(e, x->key)))
            return 1;
        if (x->base_key && taint_has(t, key_find_at(e, x->base_key)))
            return 1;
    }
    return reads_taint(e, t, x->a) || reads_taint(e, t, x->b) || reads_taint(e, t, x->c);
}

/* The answer (or what it decided) lands in lhs: a plain local of the
 * function takes the taint; anything else makes the IRQL relevant.
 * Returns 1 when the taint grew, -1 when relevant. */
static int taint_lhs(Engine *e, Taint *t, const Expr *lhs)
{
    if (!lhs)
        return 0;
    if (lhs->kind != EX_PATH || (lhs->scope != SCOPE_LOCAL && lhs->scope != SCOPE_PARAM) ||
        lhs->base_key || lhs->is_record || !lhs->key || strpbrk(lhs->key, "*^.["))
        return -1;               /* a field, an element, through a pointer: not followed */
    int32_t k = ev_path_key(e, lhs);
    if (taint_has(t, k))
        return 0;
    if (t->n == MAX_TAINT) {
        t->over = 1;
        return -1;
    }
    t->k[t->n++] = k;
    return 1;
}

/* Can the IRQL function f asks for decide anything but the IRQL? */
static int irql_decides(Engine *e, const Func *f)
{
    int asks = 0;
    for (int b = 0; b < f->nblocks && !asks; b++)
        for (int k = 0; k < f->blocks[b].nsteps && !asks; k++)
            asks = f->blocks[b].steps[k].kind == ST_CALL && f->blocks[b].steps[k].callee &&
                   strcmp(f->blocks[b].steps[k].callee, "KeGetCurrentIrql") == 0;
    if (!asks)
        return 0;
    CtrlDep *cd = cd_build(f);
    if (!cd)
        return 1;                 /* a block reaches no exit: every branch may matter */
    unsigned char *decides = calloc((size_t)f->nblocks + 1, 1);   /* a branch on the answer */
    if (!decides)
        abort();
    Taint t = {0};
    int relevant = 0, grew = 1;
    while (grew && !relevant) {
        grew = 0;
        for (int b = 0; b < f->nblocks && !relevant; b++) {
            const Block *bl = &f->blocks[b];
            const int *deps;
            int nd = cd_of(cd, b, &deps), under = 0;
            for (int i = 0; i < nd && !under; i++)
                under = decides[deps[i]];
            for (int k = 0; k < bl->nsteps && !relevant; k++) {
                const Step *st = &bl->steps[k];
                int r = 0;
                if (st->kind == ST_ASSIGN) {
                    if (under || reads_taint(e, &t, st->rhs))
                        r = taint_lhs(e, &t, st->lhs);
                } else if (st->callee && strcmp(st->callee, "KeGetCurrentIrql") == 0) {
                    r = taint_lhs(e, &t, st->lhs);
                } else {
                    int up = st->callee && in_list(st->callee, raising,
                                                   sizeof raising / sizeof raising[0]);
                    int down = st->callee && in_list(st->callee, lowering,
                                                     sizeof lowering / sizeof lowering[0]);
                    if (!st->callee || rx_rule_mentions_api(e->rule, st->callee))
                        up = down = 0;        /* a rule event (a spin lock taken or not) */
                    for (int a = 0; a < st->nargs && !down; a++)
                        if (reads_taint(e, &t, st->args[a]))
                            r = -1;
                    if (under && !up && !down)
                        r = -1;
                    else if (under && r >= 0)
                        r = taint_lhs(e, &t, st->lhs);
                }
                relevant = r < 0;
                grew |= r > 0;
            }
            if (relevant)
                break;
            if (bl->term == T_BRANCH && !decides[b] && (under || reads_taint(e, &t, bl->cond))) {
                decides[b] = 1;
                grew = 1;
            }
            if ((bl->term == T_RETURN || bl->term == T_NORETURN) &&
                (under || (bl->term == T_RETURN && reads_taint(e, &t, bl->retval))))
                relevant = 1;
        }
    }
    free(decides);
    cd_free(cd);
    return relevant || t.over;
}

/* Asked before the slice (harness.c), which needs it: when the answer can
 * decide something, whatever decides whether a call raises or lowers the
 * IRQL decides the answer too (irql_moves). */
void irql_decide(Engine *e)
{
    if (!e->irql_on)
        return;
    int decides = 0;
    for (int fi = 0; fi < e->prog->nfuncs && !decides; fi++)
        decides = irql_decides(e, e->prog->funcs[fi].f);
    e->irql_decides = decides ? 1 : -1;
}

/* Does a call of api move the IRQL the rule can read?  Then the branches
 * that decide whether it runs belong to the slice (prog_slice), as those
 * deciding a rule event's call do: xframeii's xmpNicTxFifoDrainQ raises
 * only `if (!DispatchLevel)` and lowers again under the same test; with the
 * flag left out, the raised and the unraised path joined, the IRQL after
 * the helper was unknown, and a pause work item that then waits with
 * xenaMpSleep seemed to spin 100 ms (cases 466/467).  A lock call that is
 * one of the rule's own events is the rule's already. */
int irql_moves(Engine *e, const char *api)
{
    /* call_flags: asked for every call step of every slice round, by
     * address, not by name */
    return e->irql_on && e->irql_decides > 0 && api &&
           (call_flags(e, api) & (CF_IRQL | CF_MENTIONED)) == CF_IRQL &&
           strcmp(api, "KeGetCurrentIrql") != 0;
}

void irql_relevant(Engine *e)
{
    if (!e->irql_on)
        return;
    if (e->irql_decides < 0) {
        e->irql_on = 0;         /* the keys stay unkept: calls see no IRQL at all */
        return;
    }
    key_set_relevant(e, e->irql_base);
    key_set_relevant(e, e->raised);
    /* they decide whether a rule event's call runs: summaries and joins
     * keep their values apart (a helper entered with a lock held and
     * without, widened into one entry, gave back an unknown IRQL) */
    key_set_decisive(e, e->irql_base);
    key_set_decisive(e, e->raised);
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

/* Can a call of fi read "<irql base>": does it, or anything it calls,
 * ask KeGetCurrentIrql, or cancel a timer (whose callbacks, run at the
 * cancel, enter at their own IRQL: irql_enter)?  Only KeGetCurrentIrql
 * reads the base; every other function passes it through unchanged, so
 * its summaries need not tell its callers' bases apart (SendControlMessage
 * on NetKVM: 0, [0, 2] and [0, 2147483647] from its callers, never read).
 * To a fixed point over the call graph, once per run. */
int irql_asks(Engine *e, int fi)
{
    const Program *p = e->prog;
    if (!e->irql_on)
        return 0;
    if (!e->irql_asks) {
        /* in the run's arena: freed with it */
        unsigned char *a = arena_alloc(e->arena, (size_t)p->nfuncs + 1);
        for (int changed = 1; changed;) {
            changed = 0;
            for (int f = 0; f < p->nfuncs; f++) {
                const Func *fn = p->funcs[f].f;
                for (int b = 0; b < fn->nblocks && !a[f]; b++)
                    for (int k = 0; k < fn->blocks[b].nsteps && !a[f]; k++) {
                        const Step *st = &fn->blocks[b].steps[k];
                        if (st->kind != ST_CALL)
                            continue;
                        const CallRes *cr = prog_call(p, st);
                        int asks = st->callee && (strcmp(st->callee, "KeGetCurrentIrql") == 0 ||
                                                  api_cancels_timer(st->callee));
                        for (int t = 0; cr && t < cr->n && !asks; t++)
                            asks = a[cr->fi[t]];
                        if (asks) {
                            a[f] = 1;
                            changed = 1;
                        }
                    }
            }
        }
        e->irql_asks = a;
    }
    return e->irql_asks[fi];
}
