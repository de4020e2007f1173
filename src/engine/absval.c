/* absval.c - abstract integer values: an interval, known bits, one
 * excluded constant, a set of up to 64 values within the interval (a join
 * of constants) and, for pointers, the object pointed to.
 *
 * The domain is what driver conditions test: constants (flags, states,
 * status codes), NULL / non-NULL handles, signs (NT_SUCCESS), single flag
 * bits (Flags & fINTERRUPT_IN_USE).  Every operation is O(1).  Joins drop
 * precision; nothing here ever makes a value more precise without an
 * assumption that justifies it. */
#include <stdio.h>
#include <string.h>

#include "engine/internal.h"

AbsVal av_top(void)
{
    AbsVal v = {.lo = INT64_MIN, .hi = INT64_MAX};
    return v;
}

AbsVal av_const(int64_t c)
{
    AbsVal v = {.lo = c, .hi = c, .kmask = ~(uint64_t)0, .kbits = (uint64_t)c};
    return v;
}

AbsVal av_range(int64_t lo, int64_t hi)
{
    if (lo == hi)
        return av_const(lo);
    AbsVal v = {.lo = lo, .hi = hi};
    return v;
}

AbsVal av_nonzero(void)
{
    AbsVal v = av_top();
    v.has_excl = 1;
    v.excl = 0;
    return v;
}

int av_is_const(const AbsVal *v, int64_t *c)
{
    if (v->lo == v->hi) {
        if (c)
            *c = v->lo;
        return 1;
    }
    if (v->kmask == ~(uint64_t)0) {
        if (c)
            *c = (int64_t)v->kbits;
        return 1;
    }
    return 0;
}

int av_is_top(const AbsVal *v)
{
    return v->lo == INT64_MIN && v->hi == INT64_MAX && !v->has_excl && v->kmask == 0 &&
           v->pointee == 0 && v->origin == 0;
}

int av_equal(const AbsVal *a, const AbsVal *b)
{
    return a->lo == b->lo && a->hi == b->hi && a->vset == b->vset && a->has_excl == b->has_excl &&
           (!a->has_excl || a->excl == b->excl) && a->kmask == b->kmask &&
           (a->kbits & a->kmask) == (b->kbits & b->kmask) && a->pointee == b->pointee &&
           a->origin == b->origin;
}

/* Bits 0..w set: every value of an interval of width w (< 64). */
static uint64_t span_mask(uint64_t w)
{
    return w >= 63 ? ~(uint64_t)0 : ((uint64_t)1 << (w + 1)) - 1;
}

/* Is [lo, hi] narrow enough for a value set (hi - lo < 64)? */
static int narrow(int64_t lo, int64_t hi)
{
    int64_t w;
    return lo <= hi && !__builtin_sub_overflow(hi, lo, &w) && w < 64;
}

/* The values of v as bits relative to base (v lies within [base, base + 63]). */
static uint64_t members(const AbsVal *v, int64_t base)
{
    uint64_t m = v->vset ? v->vset : span_mask((uint64_t)(v->hi - v->lo));
    m <<= (uint64_t)(v->lo - base);
    if (v->has_excl && v->excl >= base && v->excl - base < 64)
        m &= ~((uint64_t)1 << (uint64_t)(v->excl - base));
    return m;
}

/* A value set that leaves out c, which lies within v's interval. */
static int set_omits(const AbsVal *v, int64_t c)
{
    return v->vset && !(v->vset >> (uint64_t)(c - v->lo) & 1);
}

/* lo raised to nlo (> v->lo): the set moves with it; an empty set makes
 * the interval empty (norm then says so). */
static void raise_lo(AbsVal *v, int64_t nlo)
{
    if (v->vset) {
        uint64_t d = (uint64_t)(nlo - v->lo);
        v->vset = d >= 64 ? 0 : v->vset >> d;
        if (!v->vset) {
            v->lo = 1;
            v->hi = 0;
            return;
        }
    }
    v->lo = nlo;
}

/* A value set in canonical form: within the interval, without values the
 * exclusion or the known bits rule out, lo and hi its least and greatest
 * member; a set of every value of the interval is dropped (0).  0 if empty. */
static int norm_set(AbsVal *v)
{
    if (!narrow(v->lo, v->hi)) {
        v->vset = 0;
        return 1;
    }
    uint64_t m = v->vset & span_mask((uint64_t)(v->hi - v->lo));
    if (v->has_excl && v->excl >= v->lo && v->excl <= v->hi)
        m &= ~((uint64_t)1 << (uint64_t)(v->excl - v->lo));
    v->has_excl = 0;
    v->excl = 0;
    for (int i = 0; v->kmask && i < 64; i++)
        if ((m >> i & 1) && (((uint64_t)v->lo + (uint64_t)i) ^ v->kbits) & v->kmask)
            m &= ~((uint64_t)1 << i);
    if (!m)
        return 0;
    int low = __builtin_ctzll(m), high = 63 - __builtin_clzll(m);
    v->hi = v->lo + high;
    v->lo += low;
    m >>= low;
    v->vset = m == span_mask((uint64_t)(high - low)) ? 0 : m;
    return 1;
}

/* Normalise: tighten the interval around an excluded end point, drop an
 * exclusion outside the interval; 0 if the value set is empty. */
static int norm(AbsVal *v)
{
    if (v->lo > v->hi)
        return 0;
    if (v->vset && !norm_set(v))
        return 0;
    if (v->has_excl) {
        if (v->excl < v->lo || v->excl > v->hi) {
            v->has_excl = 0;
        } else if (v->lo == v->hi) {
            return 0;
        } else if (v->excl == v->lo) {
            v->lo++;
            v->has_excl = 0;
        } else if (v->excl == v->hi) {
            v->hi--;
            v->has_excl = 0;
        }
    }
    if (v->lo == v->hi) {
        if ((v->kbits & v->kmask) != ((uint64_t)v->lo & v->kmask))
            return 0;
        v->kmask = ~(uint64_t)0;
        v->kbits = (uint64_t)v->lo;
    } else if (v->kmask == ~(uint64_t)0) {
        int64_t c = (int64_t)v->kbits;
        if (c < v->lo || c > v->hi || (v->has_excl && c == v->excl))
            return 0;
        v->lo = v->hi = c;
        v->has_excl = 0;
    }
    v->kbits &= v->kmask;
    return 1;
}

AbsVal av_join(const AbsVal *a, const AbsVal *b)
{
    AbsVal v;
    v.lo = a->lo < b->lo ? a->lo : b->lo;
    v.hi = a->hi > b->hi ? a->hi : b->hi;
    v.kmask = a->kmask & b->kmask & ~(a->kbits ^ b->kbits);
    v.kbits = a->kbits & v.kmask;
    /* two known targets that differ: one of several objects (-1), which no
     * rule event can tell apart; an unknown target stays unknown (0) */
    v.pointee = a->pointee == b->pointee ? a->pointee : (a->pointee && b->pointee) ? -1 : 0;
    v.origin = a->origin == b->origin ? a->origin : 0;
    if ((a->origin == ORIGIN_CONFIG && b->origin <= 0) ||
        (b->origin == ORIGIN_CONFIG && a->origin <= 0))
        v.origin = ORIGIN_CONFIG;      /* from the registry on one side: may be */
    /* keep an exclusion both sides respect */
    v.has_excl = 0;
    v.excl = 0;
    if (a->has_excl && (b->has_excl ? b->excl == a->excl : (a->excl < b->lo || a->excl > b->hi))) {
        v.has_excl = 1;
        v.excl = a->excl;
    } else if (b->has_excl && (b->excl < a->lo || b->excl > a->hi)) {
        v.has_excl = 1;
        v.excl = b->excl;
    } else if (!a->has_excl && !b->has_excl && v.lo < 0 && v.hi > 0 &&
               ((a->lo > 0 || a->hi < 0) && (b->lo > 0 || b->hi < 0))) {
        v.has_excl = 1;     /* both sides non-zero: keep "non-zero" */
        v.excl = 0;
    }
    /* a few constants (adapter states, flags words) near each other: which */
    v.vset = 0;
    if (narrow(a->lo, a->hi) && narrow(b->lo, b->hi) && narrow(v.lo, v.hi)) {
        v.vset = members(a, v.lo) | members(b, v.lo);
    }
    if (!norm(&v))
        return av_top();
    return v;
}

/* Widening thresholds: the signs and ranges status codes and flags live in. */
static const int64_t thresholds[] = {INT64_MIN, INT32_MIN, -1, 0, 1, INT32_MAX, INT64_MAX};
enum { NTHRESH = sizeof thresholds / sizeof thresholds[0], SET_WIDEN = 8, STEP_WIDEN = 3 };

/* Are a set's members evenly spaced (lo, lo + d, lo + 2d, ...: bit 0 is
 * always set), as a counter's values are when it steps by d? */
static int set_stepped(uint64_t m)
{
    if (__builtin_popcountll(m) < 3)
        return 0;
    int d = __builtin_ctzll(m & (m - 1));
    int top = 63 - __builtin_clzll(m);
    uint64_t p = 0;
    for (int i = 0; i <= top; i += d)
        p |= (uint64_t)1 << i;
    return p == m;
}

/* The join, with a bound that grew pushed out to the next threshold: a value
 * can only be widened finitely often, so merging at a point terminates, and
 * "negative" (a failure status) or "positive" survive it. */
AbsVal av_widen(const AbsVal *old, const AbsVal *new_)
{
    return av_widen_at(old, new_, NULL, 0);
}

AbsVal av_widen_at(const AbsVal *old, const AbsVal *new_, const int64_t *th, int nth)
{
    AbsVal v = av_join(old, new_);
    /* a few scattered constants: kept as they are (a set spans fewer than
     * 64 values, so it can only grow finitely); but one past SET_WIDEN
     * values that still grows outward is a counter stepping through its
     * values, one loop round each: widened as a range.  So is one past
     * STEP_WIDEN values evenly spaced: a counter whose successive values
     * land in different states of a point (a loop head keeping four apart
     * gives each i mod 4: {0, 4, 8, 12}, imxnetmini's MpFreeAdapter) */
    int n = __builtin_popcountll(v.vset);
    if (v.vset && ((n <= SET_WIDEN && (n <= STEP_WIDEN || !set_stepped(v.vset))) ||
                   (new_->lo >= old->lo && new_->hi <= old->hi)))
        return v;
    v.vset = 0;
    if (new_->lo < old->lo) {
        int64_t t = INT64_MIN;
        for (int i = 0; i < NTHRESH; i++)
            if (thresholds[i] <= v.lo)
                t = thresholds[i];
        for (int i = 0; i < nth; i++)       /* the key's own constants */
            if (th[i] <= v.lo && th[i] > t)
                t = th[i];
        v.lo = t;
    }
    if (new_->hi > old->hi) {
        int64_t t = INT64_MAX;
        for (int i = NTHRESH - 1; i >= 0; i--)
            if (thresholds[i] >= v.hi)
                t = thresholds[i];
        for (int i = 0; i < nth; i++)
            if (th[i] >= v.hi && th[i] < t)
                t = th[i];
        v.hi = t;
    }
    if (v.lo != v.hi && v.kmask == ~(uint64_t)0)
        v.kmask = 0;
    if (!norm(&v))
        return av_top();
    return v;
}

int av_truth(const AbsVal *v)
{
    if (v->lo > 0 || v->hi < 0 || (v->has_excl && v->excl == 0) || (v->kmask & v->kbits))
        return 1;
    if (set_omits(v, 0))        /* 0 lies in [lo, hi] here */
        return 1;
    if (v->lo == 0 && v->hi == 0)
        return 0;
    return -1;
}

static AbsVal boolval(int t)
{
    return t < 0 ? av_range(0, 1) : av_const(t);
}

static int add_ovf(int64_t a, int64_t b, int64_t *r)
{
    return __builtin_add_overflow(a, b, r);
}

static int sub_ovf(int64_t a, int64_t b, int64_t *r)
{
    return __builtin_sub_overflow(a, b, r);
}

static AbsVal unop_raw(OpKind op, const AbsVal *a)
{
    int64_t c;
    switch (op) {
    case OP_NOT: {
        int t = av_truth(a);
        return boolval(t < 0 ? -1 : !t);
    }
    case OP_NEG:
        if (av_is_const(a, &c) && c != INT64_MIN)
            return av_const(-c);
        if (a->lo > INT64_MIN) {
            AbsVal v = av_range(-a->hi, -a->lo);
            return v;
        }
        return av_top();
    case OP_BITNOT:
        if (av_is_const(a, &c))
            return av_const(~c);
        {
            AbsVal v = av_top();
            v.kmask = a->kmask;
            v.kbits = ~a->kbits & a->kmask;
            return v;
        }
    default:
        return av_top();
    }
}

/* Three-valued comparison of two abstract values. */
static int compare(OpKind op, const AbsVal *a, const AbsVal *b)
{
    int64_t ca = 0, cb = 0;
    int ka = av_is_const(a, &ca), kb = av_is_const(b, &cb);
    switch (op) {
    case OP_EQ:
    case OP_NE: {
        int eq = -1;
        if (ka && kb)
            eq = ca == cb;
        else if (a->hi < b->lo || b->hi < a->lo)
            eq = 0;
        else if (kb && a->has_excl && a->excl == cb)
            eq = 0;
        else if ((kb && set_omits(a, cb)) || (ka && set_omits(b, ca)))
            eq = 0;         /* within the other's interval (tested above), not in its set */
        else if (ka && b->has_excl && b->excl == ca)
            eq = 0;
        else if ((a->kmask & b->kmask) & (a->kbits ^ b->kbits))
            eq = 0;
        if (eq < 0)
            return -1;
        return op == OP_EQ ? eq : !eq;
    }
    case OP_LT:
        return a->hi < b->lo ? 1 : a->lo >= b->hi ? 0 : -1;
    case OP_LE:
        return a->hi <= b->lo ? 1 : a->lo > b->hi ? 0 : -1;
    case OP_GT:
        return a->lo > b->hi ? 1 : a->hi <= b->lo ? 0 : -1;
    case OP_GE:
        return a->lo >= b->hi ? 1 : a->hi < b->lo ? 0 : -1;
    default:
        return -1;
    }
}

/* A range with two real bounds (neither is the 64-bit limit "unknown"). */
static int finite(const AbsVal *v)
{
    return v->lo != INT64_MIN && v->hi != INT64_MAX;
}

/* a + b or a - b where a bound is the limit, which stands for no bound:
 * it stays one (a count a loop widened to [1, +inf) and then incremented
 * is [2, +inf), still not 0).  Only for av_count: kept for every sum, the
 * statistics counters a driver bumps (`FramesSent++`) stay ranges that
 * joins weaken, and exact paths became approximate (cases 132, 236, 361). */
static AbsVal unbounded(OpKind op, const AbsVal *a, const AbsVal *b)
{
    int64_t blo = op == OP_ADD ? b->lo : b->hi, bhi = op == OP_ADD ? b->hi : b->lo;
    int lo_inf = a->lo == INT64_MIN || (op == OP_ADD ? blo == INT64_MIN : blo == INT64_MAX);
    int hi_inf = a->hi == INT64_MAX || (op == OP_ADD ? bhi == INT64_MAX : bhi == INT64_MIN);
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    if (!lo_inf && (op == OP_ADD ? add_ovf(a->lo, blo, &lo) : sub_ovf(a->lo, blo, &lo)))
        return av_top();
    if (!hi_inf && (op == OP_ADD ? add_ovf(a->hi, bhi, &hi) : sub_ovf(a->hi, bhi, &hi)))
        return av_top();
    if (lo_inf)
        lo = INT64_MIN;
    if (hi_inf)
        hi = INT64_MAX;
    return lo > hi ? av_top() : av_range(lo, hi);
}

/* a op b over finite ranges, from the corners (+, -, *): a delay computed
 * from a bounded loop counter (NdisStallExecution(Try * 10)) keeps its
 * bound.  Unknown on overflow. */
static AbsVal interval(OpKind op, const AbsVal *a, const AbsVal *b)
{
    if (!finite(a) || !finite(b))
        return av_top();
    int64_t x[4];
    int ovf = 0;
    switch (op) {
    case OP_ADD:
        ovf = __builtin_add_overflow(a->lo, b->lo, &x[0]) | __builtin_add_overflow(a->hi, b->hi, &x[1]);
        x[2] = x[0];
        x[3] = x[1];
        break;
    case OP_SUB:
        ovf = __builtin_sub_overflow(a->lo, b->hi, &x[0]) | __builtin_sub_overflow(a->hi, b->lo, &x[1]);
        x[2] = x[0];
        x[3] = x[1];
        break;
    default:
        ovf = __builtin_mul_overflow(a->lo, b->lo, &x[0]) | __builtin_mul_overflow(a->lo, b->hi, &x[1]) |
              __builtin_mul_overflow(a->hi, b->lo, &x[2]) | __builtin_mul_overflow(a->hi, b->hi, &x[3]);
        break;
    }
    if (ovf)
        return av_top();
    int64_t lo = x[0], hi = x[0];
    for (int i = 1; i < 4; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    return av_range(lo, hi);
}

static AbsVal binop_raw(OpKind op, const AbsVal *a, const AbsVal *b)
{
    int64_t ca = 0, cb = 0, r;
    int ka = av_is_const(a, &ca), kb = av_is_const(b, &cb);
    switch (op) {
    case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
        return boolval(compare(op, a, b));
    case OP_LAND: {
        int ta = av_truth(a), tb = av_truth(b);
        if (ta == 0 || tb == 0)
            return av_const(0);
        return boolval(ta == 1 && tb == 1 ? 1 : -1);
    }
    case OP_LOR: {
        int ta = av_truth(a), tb = av_truth(b);
        if (ta == 1 || tb == 1)
            return av_const(1);
        return boolval(ta == 0 && tb == 0 ? 0 : -1);
    }
    case OP_ADD:
        if (ka && kb)
            return add_ovf(ca, cb, &r) ? av_top() : av_const(r);
        if (kb && a->lo != INT64_MIN && a->hi != INT64_MAX) {
            int64_t lo, hi;
            if (!add_ovf(a->lo, cb, &lo) && !add_ovf(a->hi, cb, &hi)) {
                AbsVal v = av_range(lo, hi);
                v.vset = a->vset;       /* the members move together */
                return v;
            }
        }
        return interval(op, a, b);
    case OP_SUB:
        if (ka && kb)
            return sub_ovf(ca, cb, &r) ? av_top() : av_const(r);
        if (kb && a->lo != INT64_MIN && a->hi != INT64_MAX) {
            int64_t lo, hi;
            if (!sub_ovf(a->lo, cb, &lo) && !sub_ovf(a->hi, cb, &hi)) {
                AbsVal v = av_range(lo, hi);
                v.vset = a->vset;
                return v;
            }
        }
        return interval(op, a, b);
    case OP_MUL:
        if (ka && kb && !__builtin_mul_overflow(ca, cb, &r))
            return av_const(r);
        return interval(op, a, b);
    case OP_DIV:
        if (ka && kb && cb != 0 && !(ca == INT64_MIN && cb == -1))
            return av_const(ca / cb);
        if (kb && cb > 0 && finite(a))      /* monotone in a */
            return av_range(a->lo / cb, a->hi / cb);
        return av_top();
    case OP_MOD:
        if (ka && kb && cb != 0 && !(ca == INT64_MIN && cb == -1))
            return av_const(ca % cb);
        if (kb && cb > 0 && cb != INT64_MAX)  /* Reg % 64: below the divisor, C's sign */
            return a->lo >= 0 ? av_range(0, cb - 1) : av_range(-(cb - 1), cb - 1);
        return av_top();
    case OP_SHL: {
        if (ka && kb && cb >= 0 && cb < 63)
            return av_const((int64_t)((uint64_t)ca << cb));
        AbsVal v = av_top();
        if (kb && cb >= 0 && cb < 63 && a->kmask) {   /* known bits move with the shift */
            v.kmask = a->kmask << cb | (((uint64_t)1 << cb) - 1);
            v.kbits = (a->kbits & a->kmask) << cb;
        }
        /* a non-negative range shifted by a range of counts is monotone in
         * both: 1 << (Strap & 7) is at most 128, Base << Step keeps its bound */
        if (finite(a) && a->lo >= 0 && finite(b) && b->lo >= 0 && b->hi < 63 &&
            a->hi <= (INT64_MAX >> b->hi)) {
            v.lo = a->lo << b->lo;
            v.hi = a->hi << b->hi;
            if (!norm(&v))
                return av_top();
        }
        return v;
    }
    case OP_SHR:
        if (ka && kb && cb >= 0 && cb < 63)
            return av_const(ca >> cb);
        if (kb && cb >= 0 && cb < 63 && a->kmask) {
            /* the low bits that were known stay known; the high ones come
             * from the sign (unknown unless the value is known non-negative) */
            AbsVal v = av_top();
            uint64_t low = cb ? (~(uint64_t)0 >> cb) : ~(uint64_t)0;
            v.kmask = (a->kmask >> cb) & low;
            v.kbits = ((a->kbits & a->kmask) >> cb) & v.kmask;
            if (a->lo >= 0) {
                v.kmask |= ~low;          /* zeros shifted in */
                v.lo = a->lo >> cb;
                if (a->hi != INT64_MAX)   /* (Reg & 0x3F00) >> 8 is at most 63 */
                    v.hi = a->hi >> cb;
            }
            if (!norm(&v))
                return av_top();
            return v;
        }
        if (kb && cb >= 0 && cb < 63 && a->lo >= 0 && a->hi != INT64_MAX)
            return av_range(a->lo >> cb, a->hi >> cb);
        return av_top();
    case OP_BAND: {
        if (ka && kb)
            return av_const(ca & cb);
        AbsVal v = av_top();
        /* a bit is known if it is known in both, or known 0 in either */
        uint64_t zero_a = a->kmask & ~a->kbits, zero_b = b->kmask & ~b->kbits;
        uint64_t both = a->kmask & b->kmask;
        v.kmask = zero_a | zero_b | both;
        v.kbits = a->kbits & b->kbits & v.kmask;
        if (v.kmask == ~(uint64_t)0)
            return av_const((int64_t)v.kbits);
        if ((kb && cb >= 0) || (ka && ca >= 0)) {   /* masking with a non-negative constant */
            int64_t m = kb ? cb : ca;
            v.lo = 0;
            v.hi = m;
        }
        return v;
    }
    case OP_BOR: {
        if (ka && kb)
            return av_const(ca | cb);
        AbsVal v = av_top();
        uint64_t one_a = a->kmask & a->kbits, one_b = b->kmask & b->kbits;
        uint64_t both = a->kmask & b->kmask;
        v.kmask = one_a | one_b | both;
        v.kbits = (a->kbits | b->kbits) & v.kmask;
        if (v.kmask == ~(uint64_t)0)
            return av_const((int64_t)v.kbits);
        if (v.kbits)
            v.has_excl = 1, v.excl = 0;
        return v;
    }
    case OP_XOR:
        if (ka && kb)
            return av_const(ca ^ cb);
        return av_top();
    default:
        return av_top();
    }
}

int av_assume(AbsVal *v, OpKind op, const AbsVal *rhs)
{
    int64_t c;
    int known = av_is_const(rhs, &c);
    switch (op) {
    case OP_EQ:
        if (known) {
            AbsVal n = av_const(c);
            n.pointee = v->pointee;
            n.origin = v->origin;
            if (c < v->lo || c > v->hi || (v->has_excl && v->excl == c) ||
                ((uint64_t)c & v->kmask) != (v->kbits & v->kmask) ||
                set_omits(v, c))
                return 0;
            *v = n;
            return 1;
        }
        if (rhs->lo > v->lo)
            raise_lo(v, rhs->lo);
        if (rhs->hi < v->hi)
            v->hi = rhs->hi;
        if (!norm(v))
            return 0;
        if (rhs->has_excl) {          /* equal to a value that is not c: not c either */
            AbsVal x = av_const(rhs->excl);
            return av_assume(v, OP_NE, &x);
        }
        return 1;
    case OP_NE:
        if (!known)
            return 1;
        if (v->lo == v->hi)
            return v->lo != c;
        if (v->has_excl && v->excl != c) {
            /* keep the one that tightens the interval, else the old one */
            if (c == v->lo)
                v->lo++;
            else if (c == v->hi)
                v->hi--;
            return norm(v);
        }
        v->has_excl = 1;
        v->excl = c;
        return norm(v);
    case OP_LT:
        if (rhs->hi == INT64_MIN)
            return 0;
        if (rhs->hi - 1 < v->hi)
            v->hi = rhs->hi - 1;
        return norm(v);
    case OP_LE:
        if (rhs->hi < v->hi)
            v->hi = rhs->hi;
        return norm(v);
    case OP_GT:
        if (rhs->lo == INT64_MAX)
            return 0;
        if (rhs->lo + 1 > v->lo)
            raise_lo(v, rhs->lo + 1);
        return norm(v);
    case OP_GE:
        if (rhs->lo > v->lo)
            raise_lo(v, rhs->lo);
        return norm(v);
    default:
        return 1;
    }
}

int av_assume_bits(AbsVal *v, uint64_t mask, int truth)
{
    if (mask == 0)
        return !truth;
    if (v->vset) {                  /* the members whose bits disagree go */
        uint64_t m = v->vset;
        for (int i = 0; i < 64; i++)
            if ((m >> i & 1) && ((((uint64_t)v->lo + (uint64_t)i) & mask) != 0) != truth)
                m &= ~((uint64_t)1 << i);
        if (!m)
            return 0;
        v->vset = m;
    }
    uint64_t known_set = v->kmask & v->kbits & mask;
    uint64_t known_clear = v->kmask & ~v->kbits & mask;
    if (truth) {
        if (known_clear == mask)
            return 0;
        if ((mask & (mask - 1)) == 0) {      /* a single bit: now known set */
            v->kmask |= mask;
            v->kbits |= mask;
            if (v->lo == 0)
                raise_lo(v, 1);
        } else if (!known_set && v->lo <= 0 && v->hi >= 0) {
            return norm(v);
        }
        return norm(v);
    }
    if (known_set)
        return 0;
    v->kmask |= mask;
    v->kbits &= ~mask;
    return norm(v);
}

/* A flags word the rule reads only as `Flags & fINTERRUPT_IN_USE`: two
 * values that differ in other bits are one to it (prog_slice finds keep).
 * The known bits within keep survive, with those a non-negative interval
 * knows (the high zeros of [0, 0x30]); the interval, an excluded value and
 * a pointee say something of the other bits, and go. */
AbsVal av_keep_bits(const AbsVal *v, uint64_t keep)
{
    if (keep == ~(uint64_t)0)
        return *v;
    uint64_t km = v->kmask, kb = v->kbits;
    if (v->lo == v->hi) {
        km = ~(uint64_t)0;
        kb = (uint64_t)v->lo;
    } else if (v->lo >= 0) {
        uint64_t top = 1;                   /* the lowest power of two above hi (<= 2^63) */
        while (top <= (uint64_t)v->hi)
            top <<= 1;
        km |= ~(top - 1);
        kb &= top - 1;
    }
    AbsVal r = av_top();
    r.kmask = km & keep;
    r.kbits = kb & r.kmask;
    if (r.kmask == ~(uint64_t)0)
        return av_const((int64_t)r.kbits);
    return r;
}

void av_format(const AbsVal *v, char *buf, int n)
{
    int64_t c;
    if (av_is_const(v, &c))
        snprintf(buf, (size_t)n, "%lld", (long long)c);
    else if (av_is_top(v))
        snprintf(buf, (size_t)n, "?");
    else if (v->has_excl && v->lo == INT64_MIN && v->hi == INT64_MAX)
        snprintf(buf, (size_t)n, "!= %lld", (long long)v->excl);
    else if (v->vset) {
        int len = snprintf(buf, (size_t)n, "{");
        for (int i = 0; i < 64 && len > 0 && len < n; i++)
            if (v->vset >> i & 1)
                len += snprintf(buf + len, (size_t)(n - len), "%s%lld", len > 1 ? ", " : "",
                                (long long)(v->lo + i));
        if (len > 0 && len < n)
            snprintf(buf + len, (size_t)(n - len), "}");
    } else
        snprintf(buf, (size_t)n, "[%lld, %lld]", (long long)v->lo, (long long)v->hi);
    size_t len = strlen(buf);
    if (v->kmask && !av_is_const(v, &c) && len < (size_t)n)   /* known bits: mask=values */
        snprintf(buf + len, (size_t)n - len, " bits %#llx=%#llx", (unsigned long long)v->kmask,
                 (unsigned long long)(v->kbits & v->kmask));
}

/* The comparison that holds when op does not (a < b  ->  a >= b). */
OpKind op_negate(OpKind op)
{
    switch (op) {
    case OP_EQ: return OP_NE;
    case OP_NE: return OP_EQ;
    case OP_LT: return OP_GE;
    case OP_GE: return OP_LT;
    case OP_GT: return OP_LE;
    case OP_LE: return OP_GT;
    default: return op;
    }
}

/* The comparison with its operands exchanged (a < b  ->  b > a). */
OpKind op_swap(OpKind op)
{
    switch (op) {
    case OP_LT: return OP_GT;
    case OP_GT: return OP_LT;
    case OP_LE: return OP_GE;
    case OP_GE: return OP_LE;
    default: return op;
    }
}

/* Arithmetic on a value the registry may set gives one it may set too
 * (`Delay = RegValue * 10`); a comparison or a truth value does not. */
static AbsVal config_from(AbsVal r, OpKind op, const AbsVal *a, const AbsVal *b)
{
    if ((a->origin == ORIGIN_CONFIG || (b && b->origin == ORIGIN_CONFIG)) && !r.pointee &&
        r.origin == 0 && op != OP_NOT && op != OP_EQ && op != OP_NE && op != OP_LT &&
        op != OP_LE && op != OP_GT && op != OP_GE && op != OP_LAND && op != OP_LOR &&
        !(r.lo == r.hi))
        r.origin = ORIGIN_CONFIG;
    return r;
}

AbsVal av_unop(OpKind op, const AbsVal *a)
{
    return config_from(unop_raw(op, a), op, a, NULL);
}

AbsVal av_binop(OpKind op, const AbsVal *a, const AbsVal *b)
{
    return config_from(binop_raw(op, a, b), op, a, b);
}

AbsVal av_count(OpKind op, const AbsVal *a, const AbsVal *b)
{
    AbsVal v = av_binop(op, a, b);
    if ((op == OP_ADD || op == OP_SUB) && (!finite(a) || !finite(b)) && av_is_top(&v))
        return config_from(unbounded(op, a, b), op, a, b);
    return v;
}
