/* apimodel.c - what the engine knows of the APIs a driver calls (the OS
 * model), applied after an external call has had its generic effect (every
 * object whose address was passed may have changed: interp.c):
 *
 *   - status APIs (apimodels.def): success (0, the out handle a fresh one:
 *     neither NULL nor -1) and
 *     failure (a negative status) are followed apart;
 *   - interlocked operations: the target takes its new value and the call
 *     returns the old or the new one, as documented
 *     (if (InterlockedExchange(&a->Connected, 0) != 0) ... tests the old);
 *   - the bit-test family (BitTest, InterlockedBitTestAndSet/Reset, ...):
 *     the old bit is returned, the bit set, cleared or flipped.
 * Not modelled: memset/NdisZeroMemory (a zeroed adapter's fields start
 * unknown, not 0: tried, the extra facts split states until joins cost
 * precision elsewhere). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

static const struct { const char *api; int out; } status_apis[] = {
#define X(a, o) {a, o},
#include "drvcheck/apimodels.def"
#undef X
};

/* The key of the object argument n (1-based) designates: &path, or a
 * pointer whose target is known. */
static int32_t target_of(Engine *e, const Step *st, const State *s, int n)
{
    const Expr *a = n >= 1 && n <= st->nargs ? st->args[n - 1] : NULL;
    if (!a)
        return 0;
    if (a->kind == EX_ADDR && a->a && a->a->kind == EX_PATH)
        return ev_key_in(e, s, a->a);
    int32_t p = ev_expr(e, s, a).pointee;
    return p > 0 ? p : 0;
}

/* Status API i (status_apis): its success and failure outcomes. */
static int status_at(Engine *e, const Step *st, const State *x, StateVec *out, size_t i)
{
    State *ok = st_copy(e, x);
    st_set_ret(e, ok, av_const(0));
    int32_t k = target_of(e, st, x, status_apis[i].out);
    /* a fresh handle: equal to no constant a driver compares it with,
     * NULL nor a sentinel such as (NDIS_HANDLE)(LONG_PTR)-1 */
    AbsVal nz = av_range(1, INT64_MAX);
    st_set(e, ok, k, &nz);
    State *bad = st_copy(e, x);
    st_set_ret(e, bad, av_range(INT32_MIN, -1));
    sv_push(e, out, ok);
    sv_push(e, out, bad);
    return 1;
}

static int status_outcomes(Engine *e, const Step *st, const State *x, StateVec *out)
{
    for (size_t i = 0; i < sizeof status_apis / sizeof status_apis[0]; i++)
        if (strcmp(status_apis[i].api, st->callee) == 0)
            return status_at(e, st, x, out, i);
    return 0;
}

typedef enum { IL_NEW, IL_OLD } IlReturns;

static const struct {
    const char *api;
    OpKind op;           /* new = old op operand; OP_NOT: new = operand (exchange) */
    int operand;         /* argument holding the operand; 0: the constant 1 */
    IlReturns ret;
} interlocked[] = {
    {"InterlockedIncrement", OP_ADD, 0, IL_NEW},    {"InterlockedDecrement", OP_SUB, 0, IL_NEW},
    {"InterlockedIncrement64", OP_ADD, 0, IL_NEW},  {"InterlockedDecrement64", OP_SUB, 0, IL_NEW},
    {"InterlockedIncrement16", OP_ADD, 0, IL_NEW},  {"InterlockedDecrement16", OP_SUB, 0, IL_NEW},
    {"InterlockedExchange", OP_NOT, 2, IL_OLD},     {"InterlockedExchange64", OP_NOT, 2, IL_OLD},
    {"InterlockedExchange8", OP_NOT, 2, IL_OLD},    {"InterlockedExchangePointer", OP_NOT, 2, IL_OLD},
    {"InterlockedExchangeAdd", OP_ADD, 2, IL_OLD},  {"InterlockedExchangeAdd64", OP_ADD, 2, IL_OLD},
    {"InterlockedAdd", OP_ADD, 2, IL_NEW},          {"InterlockedAdd64", OP_ADD, 2, IL_NEW},
    {"InterlockedAnd", OP_BAND, 2, IL_OLD},         {"InterlockedAnd64", OP_BAND, 2, IL_OLD},
    {"InterlockedAnd8", OP_BAND, 2, IL_OLD},        {"InterlockedOr", OP_BOR, 2, IL_OLD},
    {"InterlockedOr64", OP_BOR, 2, IL_OLD},         {"InterlockedOr8", OP_BOR, 2, IL_OLD},
    {"InterlockedXor", OP_XOR, 2, IL_OLD},
    /* the 16-bit, 8-bit and 64-bit forms of the same (case 444: a SHORT state) */
    {"InterlockedExchange16", OP_NOT, 2, IL_OLD},   {"InterlockedExchangeAdd16", OP_ADD, 2, IL_OLD},
    {"InterlockedExchangeAdd8", OP_ADD, 2, IL_OLD}, {"InterlockedAnd16", OP_BAND, 2, IL_OLD},
    {"InterlockedOr16", OP_BOR, 2, IL_OLD},         {"InterlockedXor8", OP_XOR, 2, IL_OLD},
    {"InterlockedXor16", OP_XOR, 2, IL_OLD},        {"InterlockedXor64", OP_XOR, 2, IL_OLD},
};

/* The compare-exchange family: (Destination, ExChange, Comperand), returns
 * the old value; the exchange happens when old == Comperand. */
static int is_compare_exchange(const char *api)
{
    return strcmp(api, "InterlockedCompareExchange") == 0 ||
           strcmp(api, "InterlockedCompareExchange64") == 0 ||
           strcmp(api, "InterlockedCompareExchange16") == 0 ||
           strcmp(api, "InterlockedCompareExchangePointer") == 0;
}

static AbsVal value_at(Engine *e, const State *s, int32_t k)
{
    const AbsVal *v = k ? st_get(e, s, k) : NULL;
    return v ? *v : av_top();
}

static AbsVal arg_val(Engine *e, const Step *st, const State *s, int n)
{
    return n >= 1 && n <= st->nargs ? ev_expr(e, s, st->args[n - 1]) : av_top();
}

/* The bit-test family (Base, Offset): returns the bit's old value (0 or
 * 1); the interlocked ones (and the plain BitTestAndSet & co.) set, reset
 * or flip it, BitTest only reads: an ownership bit taken with
 * InterlockedBitTestAndSet and given back with `if
 * (InterlockedBitTestAndReset(&a->State, BIT)) NdisMDeregisterInterruptEx(...)`. */
typedef enum { BT_TEST, BT_SET, BT_RESET, BT_FLIP } BitOp;

static const struct { const char *api; BitOp op; } bittests[] = {
    {"BitTest", BT_TEST},                        {"BitTest64", BT_TEST},
    {"_bittest", BT_TEST},                       {"_bittest64", BT_TEST},
    {"BitTestAndSet", BT_SET},                   {"BitTestAndSet64", BT_SET},
    {"_bittestandset", BT_SET},                  {"_bittestandset64", BT_SET},
    {"InterlockedBitTestAndSet", BT_SET},        {"InterlockedBitTestAndSet64", BT_SET},
    {"_interlockedbittestandset", BT_SET},       {"_interlockedbittestandset64", BT_SET},
    {"BitTestAndReset", BT_RESET},               {"BitTestAndReset64", BT_RESET},
    {"_bittestandreset", BT_RESET},              {"_bittestandreset64", BT_RESET},
    {"InterlockedBitTestAndReset", BT_RESET},    {"InterlockedBitTestAndReset64", BT_RESET},
    {"_interlockedbittestandreset", BT_RESET},   {"_interlockedbittestandreset64", BT_RESET},
    {"BitTestAndComplement", BT_FLIP},           {"BitTestAndComplement64", BT_FLIP},
    {"_bittestandcomplement", BT_FLIP},          {"_bittestandcomplement64", BT_FLIP},
};

static int bittest_op(const char *api)
{
    for (size_t i = 0; api && i < sizeof bittests / sizeof bittests[0]; i++)
        if (strcmp(bittests[i].api, api) == 0)
            return (int)bittests[i].op;
    return -1;
}

static int bittest_outcomes(Engine *e, const Step *st, const State *pre, const State *x,
                            StateVec *out)
{
    int op = bittest_op(st->callee);
    if (op < 0)
        return 0;
    int32_t t = target_of(e, st, pre, 1);
    AbsVal old = value_at(e, pre, t), off = arg_val(e, st, pre, 2), nv, bit = av_range(0, 1);
    int64_t c;
    if (!t || !av_is_const(&off, &c) || c < 0 || c > 63) {
        State *r = st_copy(e, x);            /* which bit is not known: the generic effect */
        st_set_ret(e, r, bit);
        sv_push(e, out, r);
        return 1;
    }
    uint64_t m = (uint64_t)1 << c;
    if (old.kmask & m)
        bit = av_const((int64_t)((old.kbits >> c) & 1));
    AbsVal mask = av_const((int64_t)m), inv = av_const((int64_t)~m);
    switch ((BitOp)op) {
    case BT_SET: nv = av_binop(OP_BOR, &old, &mask); break;
    case BT_RESET: nv = av_binop(OP_BAND, &old, &inv); break;
    case BT_FLIP: nv = av_binop(OP_XOR, &old, &mask); break;
    default: nv = old; break;                /* a read: the value stays */
    }
    State *r = st_copy(e, x);
    st_set(e, r, t, &nv);
    st_set_ret(e, r, bit);
    sv_push(e, out, r);
    return 1;
}

/* pre: the state before the call (the target's old value); x: after the
 * call's generic effect.  which: -1 a compare-exchange, else the index in
 * interlocked[]. */
static int interlocked_at(Engine *e, const Step *st, const State *pre, const State *x,
                          StateVec *out, int which)
{
    int32_t t = target_of(e, st, pre, 1);
    AbsVal old = value_at(e, pre, t);
    if (which < 0) {
        AbsVal cmp = arg_val(e, st, pre, 3), xch = arg_val(e, st, pre, 2);
        for (int swapped = 1; swapped >= 0; swapped--) {
            AbsVal o = old;
            if (!av_assume(&o, swapped ? OP_EQ : OP_NE, &cmp))
                continue;                    /* that outcome cannot happen */
            State *r = st_copy(e, x);
            st_set(e, r, t, swapped ? &xch : &o);
            st_set_ret(e, r, o);
            sv_push(e, out, r);
        }
        return 1;
    }
    size_t i = (size_t)which;
    AbsVal operand = interlocked[i].operand ? arg_val(e, st, pre, interlocked[i].operand)
                                            : av_const(1);
    /* a count a polling loop waits on (polls.c) keeps its open bound;
     * elsewhere a statistic stays a range joins weaken (imxnetmini's
     * Tx_PendingNBs, decisive for its spin-lock rule: +1k states) */
    AbsVal nv = interlocked[i].op == OP_NOT ? operand
                : key_polled(e, t) ? av_count(interlocked[i].op, &old, &operand)
                                   : av_binop(interlocked[i].op, &old, &operand);
    State *r = st_copy(e, x);
    st_set(e, r, t, &nv);
    st_set_ret(e, r, interlocked[i].ret == IL_OLD ? old : nv);
    sv_push(e, out, r);
    return 1;
}

/* The interlocked one of st's callee, if any.  Looks its target up first,
 * whatever the name (api_model keeps that order). */
static int interlocked_outcomes(Engine *e, const Step *st, const State *pre, const State *x,
                                StateVec *out)
{
    if (is_compare_exchange(st->callee))
        return interlocked_at(e, st, pre, x, out, -1);
    for (size_t i = 0; i < sizeof interlocked / sizeof interlocked[0]; i++)
        if (strcmp(interlocked[i].api, st->callee) == 0)
            return interlocked_at(e, st, pre, x, out, (int)i);
    (void)target_of(e, st, pre, 1);
    return 0;
}

/* Run-down protection (EX_RUNDOWN_REF): the object's own key holds 1 once
 * it is run down (ExWaitForRundownProtectionRelease, ExRundownCompleted)
 * and 0 once initialised; ExAcquireRundownProtection fails exactly when it
 * is run down, and a release leaves that as it is.  A driver that takes
 * a reference before synchronizing and waits for the references to drain
 * before deregistering is clean (cases 438/439).
 *
 * What a run-down API does to its object: 0 initialises, 1 runs it down,
 * 2 acquires, 3 releases; -1 for any other name. */
static int rundown_kind(const char *f)
{
    if (strcmp(f, "ExWaitForRundownProtectionRelease") == 0 || strcmp(f, "ExRundownCompleted") == 0)
        return 1;
    if (strcmp(f, "ExInitializeRundownProtection") == 0 ||
        strcmp(f, "ExReInitializeRundownProtection") == 0)
        return 0;
    if (strncmp(f, "ExAcquireRundownProtection", 26) == 0)
        return 2;
    if (strncmp(f, "ExReleaseRundownProtection", 26) == 0)
        return 3;
    return -1;
}

static int rundown_outcomes(Engine *e, const Step *st, const State *pre, const State *x,
                            StateVec *out)
{
    int set = rundown_kind(st->callee);
    if (set < 0)
        return 0;
    int32_t t = target_of(e, st, pre, 1);
    if (!t)
        return 0;
    if (set != 2) {                          /* a release leaves it as it was */
        State *r = st_copy(e, x);
        AbsVal v = set == 3 ? value_at(e, pre, t) : av_const(set);
        st_set(e, r, t, &v);
        sv_push(e, out, r);
        return 1;
    }
    AbsVal down = value_at(e, pre, t), one = av_const(1);
    for (int ok = 1; ok >= 0; ok--) {
        AbsVal d = down;
        if (!av_assume(&d, ok ? OP_NE : OP_EQ, &one))
            continue;                        /* that outcome cannot happen */
        State *r = st_copy(e, x);
        st_set(e, r, t, &d);
        st_set_ret(e, r, av_const(ok));
        sv_push(e, out, r);
    }
    return 1;
}


/* Decisive tracked keys at or below prefix key p (key_decisive), found
 * once per p; p's record type rec (or NULL) adds the fields a pointer to
 * it names: `Intr->Live` in a helper (_MP_INTR.Live) is, below
 * _MP_ADAPTER.Intr, _MP_ADAPTER.Intr.Live. */
static int keys_below(Engine *e, int32_t p, const char *rec, const int32_t **out)
{
    for (int i = 0; i < e->nzero; i++)
        if (e->zero[i].prefix == p) {
            *out = e->zero[i].keys;
            return e->zero[i].n;
        }
    int n = 0, cap = 8;
    int32_t *v = malloc(sizeof *v * (size_t)cap);
    if (!v)
        abort();
    /* Both loops read only the keys a zeroing can set (decisive, relevant,
     * no array element), listed again only when a key became decisive or
     * relevant since (a key is interned neither): every key's entry was
     * read once per new prefix, imxnetmini 2M instructions. */
    const KeyTab *t = e->keys;
    if (!e->zcand || e->zcand_gen != t->gen) {
        free(e->zcand);
        e->zcand = malloc(sizeof *e->zcand * (size_t)t->n);
        if (!e->zcand)
            abort();
        e->nzcand = 0;
        for (int32_t id = 1; id < t->n; id++)
            if ((t->ents[id].decisive || t->ents[id].zeroed) && t->ents[id].relevant &&
                !t->ents[id].array_of)
                e->zcand[e->nzcand++] = id;
        e->zcand_gen = t->gen;
    }
    const int32_t *cand = e->zcand;
    int ncand = e->nzcand;
    for (int c = 0; c < ncand; c++) {
        int32_t id = cand[c];
        if (id == p || key_is_below(e, id, p)) {
            if (n == cap) {
                cap *= 2;
                v = realloc(v, sizeof *v * (size_t)cap);
                if (!v)
                    abort();
            }
            v[n++] = id;
        }
    }
    size_t rl = rec ? strlen(rec) : 0;
    const char *pn = key_name(e, p);
    int other = rl && strcmp(pn, rec) != 0;     /* p is not the record itself */
    /* (the keys interned below are decisive none: the list stands) */
    for (int c = 0; other && c < ncand; c++) {
        const char *kn = t->ents[cand[c]].name;
        if (strncmp(kn, rec, rl) != 0 || kn[rl] != '.')
            continue;
        char buf[512];
        snprintf(buf, sizeof buf, "%s%s", pn, kn + rl);
        int32_t k = key_intern(e, buf, key_persistent(e, p));
        if (n == cap) {
            cap *= 2;
            v = realloc(v, sizeof *v * (size_t)cap);
            if (!v)
                abort();
        }
        v[n++] = k;
    }
    if (e->nzero == e->capzero) {
        e->capzero = e->capzero ? e->capzero * 2 : 4;
        e->zero = realloc(e->zero, sizeof *e->zero * (size_t)e->capzero);
        if (!e->zero)
            abort();
    }
    e->zero[e->nzero++] = (struct ZeroSet){p, v, n};
    *out = v;
    return n;
}

/* memset(dst, 0, n) (NdisZeroMemory): what dst designates (&path, a
 * pointer with a known target, or the record a pointer points to: a fresh
 * adapter) is all zero, so flags the driver never sets start FALSE. */
/* Allocators whose block comes back zeroed (unless asked otherwise:
 * POOL_FLAG_UNINITIALIZED in the first argument of ExAllocatePool2/3). */
static int zeroing_alloc(const Step *st)
{
    const char *f = st->callee;
    if (strcmp(f, "ExAllocatePoolZero") == 0 || strcmp(f, "ExAllocatePoolQuotaZero") == 0)
        return 1;
    if (strcmp(f, "ExAllocatePool2") != 0 && strcmp(f, "ExAllocatePool3") != 0)
        return 0;
    const Expr *fl = st->nargs > 0 ? st->args[0] : NULL;
    return fl && fl->kind == EX_INT && !(fl->ival & 0x2);   /* POOL_FLAG_UNINITIALIZED */
}

static int zero_fill(Engine *e, const Step *st, const State *pre, const State *x, StateVec *out)
{
    const Expr *d;
    int32_t p = 0;
    if (zeroing_alloc(st)) {
        d = st->lhs;
    } else {
        int64_t fill;
        AbsVal fv = st->nargs >= 2 ? arg_val(e, st, pre, 2) : av_top();
        if (strcmp(st->callee, "memset") != 0 || !av_is_const(&fv, &fill) || fill != 0)
            return 0;
        p = target_of(e, st, pre, 1);
        d = st->args[0];
    }
    if (!p && d && d->kind == EX_PATH && d->pointee_rec)
        p = key_intern(e, d->pointee_rec, 1);
    if (!p)
        return 0;
    const int32_t *ks;
    int n = keys_below(e, p, d ? d->pointee_rec : NULL, &ks);
    State *r = st_copy(e, x);
    AbsVal zero = av_const(0);
    for (int i = 0; i < n; i++)
        st_set(e, r, ks[i], &zero);
    sv_push(e, out, r);
    return 1;
}

void api_model_free(Engine *e)
{
    for (int i = 0; i < e->nzero; i++)
        free((void *)e->zero[i].keys);
    free(e->zero);
    free(e->zcand);
}

/* api_model_code's kinds, in the order api_model tries them; the index in
 * the kind's table above them (code >> 4). */
enum { AM_NONE, AM_STATUS, AM_INTERLOCKED, AM_CMPXCHG, AM_RUNDOWN, AM_BITTEST, AM_ZERO };

/* The first characters of every name api_model_code knows, from its
 * tables (most names a driver calls start with none of them: 80 string
 * compares each before). */
static unsigned char model_first[256];
static pthread_once_t model_first_once = PTHREAD_ONCE_INIT;

static void model_first_init(void)
{
    static const char *const more[] = {"InterlockedCompareExchange", "ExWaitForRundownProtectionRelease",
                                       "ExRundownCompleted", "ExInitializeRundownProtection",
                                       "ExReInitializeRundownProtection", "ExAcquireRundownProtection",
                                       "ExReleaseRundownProtection", "memset", "ExAllocatePool2",
                                       "ExAllocatePool3", "ExAllocatePoolZero",
                                       "ExAllocatePoolQuotaZero"};
    for (size_t i = 0; i < sizeof status_apis / sizeof status_apis[0]; i++)
        model_first[(unsigned char)status_apis[i].api[0]] = 1;
    for (size_t i = 0; i < sizeof interlocked / sizeof interlocked[0]; i++)
        model_first[(unsigned char)interlocked[i].api[0]] = 1;
    for (size_t i = 0; i < sizeof bittests / sizeof bittests[0]; i++)
        model_first[(unsigned char)bittests[i].api[0]] = 1;
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        model_first[(unsigned char)more[i][0]] = 1;
}

int api_model_code(const char *api)
{
    if (!api)
        return AM_NONE;
    pthread_once(&model_first_once, model_first_init);
    if (!model_first[(unsigned char)api[0]])
        return AM_NONE;
    for (size_t i = 0; i < sizeof status_apis / sizeof status_apis[0]; i++)
        if (strcmp(status_apis[i].api, api) == 0)
            return AM_STATUS | (int)(i << 4);
    if (is_compare_exchange(api))
        return AM_CMPXCHG;
    for (size_t i = 0; i < sizeof interlocked / sizeof interlocked[0]; i++)
        if (strcmp(interlocked[i].api, api) == 0)
            return AM_INTERLOCKED | (int)(i << 4);
    if (rundown_kind(api) >= 0)
        return AM_RUNDOWN;
    if (bittest_op(api) >= 0)
        return AM_BITTEST;
    if (strcmp(api, "memset") == 0 || strcmp(api, "ExAllocatePool2") == 0 ||
        strcmp(api, "ExAllocatePool3") == 0 || strcmp(api, "ExAllocatePoolZero") == 0 ||
        strcmp(api, "ExAllocatePoolQuotaZero") == 0)
        return AM_ZERO;
    return AM_NONE;
}

int api_has_model(const char *api)
{
    return api_model_code(api) != AM_NONE;
}

int api_cancels_timer(const char *api)
{
    return api && (strcmp(api, "NdisCancelTimerObject") == 0 || strcmp(api, "KeCancelTimer") == 0 ||
                   strcmp(api, "NdisMCancelTimer") == 0 || strcmp(api, "NdisCancelTimer") == 0 ||
                   strcmp(api, "WdfTimerStop") == 0);
}

/* Waiting on an event (or another dispatcher object) until another thread
 * sets it: NdisWaitEvent, KeWaitForSingleObject. */
int api_waits_event(const char *api)
{
    return api && (strcmp(api, "NdisWaitEvent") == 0 || strcmp(api, "KeWaitForSingleObject") == 0 ||
                   strcmp(api, "KeWaitForMultipleObjects") == 0);
}

int api_arms_timer(const char *api)
{
    static const char *const set[] = {"NdisSetTimerObject", "NdisMSetPeriodicTimer", "NdisMSetTimer",
                                      "NdisSetTimer", "NdisSetPeriodicTimer", "KeSetTimer",
                                      "KeSetTimerEx", "KeSetCoalescableTimer", "WdfTimerStart"};
    for (size_t i = 0; api && i < sizeof set / sizeof set[0]; i++)
        if (strcmp(api, set[i]) == 0)
            return 1;
    return 0;
}

int api_model(Engine *e, const Step *st, const State *pre, const State *x, StateVec *out)
{
    if (!st->callee)
        return 0;
    /* the model the name picks (call_model, found once per name), tried
     * in the order of the chain below, which it stands for: a kind whose
     * outcomes the call does not fit goes on to the later ones (only
     * run-down protection can, with no target), and the target look-up
     * a non-interlocked call made on its way is made too (its keys) */
    int code = call_model(e, st->callee);
    switch (code & 15) {
    case AM_STATUS:
        return status_at(e, st, x, out, (size_t)(code >> 4));
    case AM_INTERLOCKED:
        return interlocked_at(e, st, pre, x, out, code >> 4);
    case AM_CMPXCHG:
        return interlocked_at(e, st, pre, x, out, -1);
    case AM_RUNDOWN:
        (void)target_of(e, st, pre, 1);
        return rundown_outcomes(e, st, pre, x, out) || bittest_outcomes(e, st, pre, x, out) ||
               zero_fill(e, st, pre, x, out);
    case AM_BITTEST:
        (void)target_of(e, st, pre, 1);
        return bittest_outcomes(e, st, pre, x, out);
    case AM_ZERO:
        (void)target_of(e, st, pre, 1);
        return zero_fill(e, st, pre, x, out);
    default:
        break;
    }
    return status_outcomes(e, st, x, out) || interlocked_outcomes(e, st, pre, x, out) ||
           rundown_outcomes(e, st, pre, x, out) ||
           bittest_outcomes(e, st, pre, x, out) || zero_fill(e, st, pre, x, out);
}
