/* eval.c - evaluating CFG expressions over an abstract state, and
 * refining a state by the outcome of a branch.
 *
 * Access paths read their fact (or nothing known); addresses and function
 * designators are non-NULL pointers (an address remembers its object, so a
 * lock passed down through a helper's parameter is still the same lock).
 * ev_assume understands the shapes driver conditions take: a path (or its
 * negation), a comparison of a path with something whose value is known,
 * `path & MASK`, and && / || / ! around them. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

static int persistent_scope(const Expr *x)
{
    return x->scope == SCOPE_GLOBAL || x->scope == SCOPE_HEAP;
}

/* One path-key table per thread, for the rule runs it makes one after
 * another: an entry counts for the run whose number it holds, so a run
 * starts with no table to zero (calloc of 128 KiB per run, six runs with
 * the probes: 7% of sdv-faildriver's engine instructions).  Freed when its
 * thread ends. */
static pthread_key_t pathkey_key;
static pthread_once_t pathkey_once = PTHREAD_ONCE_INIT;
static _Atomic uint32_t pathkey_runs;

static void pathkey_init(void)
{
    if (pthread_key_create(&pathkey_key, free) != 0)
        abort();
}

struct PathKey *ev_pathkey_table(uint32_t *run)
{
    pthread_once(&pathkey_once, pathkey_init);
    struct PathKey *t = pthread_getspecific(pathkey_key);
    if (!t) {
        t = calloc(PATHKEY_SLOTS, sizeof *t);
        if (!t || pthread_setspecific(pathkey_key, t) != 0)
            abort();
    }
    *run = ++pathkey_runs;          /* never 0: the base run's own table uses 0 */
    return t;
}

int32_t ev_path_key_slow(Engine *e, const Expr *x)
{
    if (!x || x->kind != EX_PATH || !x->key)
        return 0;
    /* Remembered per expression: asked on every step that reads or writes
     * it.  Exact, as interning again would only repeat a persistent mark
     * already made; not for *p below, whose mark can change. */
    size_t h = ((uint64_t)(uintptr_t)x * 0x9e3779b97f4a7c15ULL) >> (64 - PATHKEY_BITS);
    if (e->base_pathkey && e->base_pathkey[h].x == x)
        return e->base_pathkey[h].id;
    struct PathKey *c = &e->pathkey[h];
    if (c->x == x && c->run == e->pathkey_run)
        return c->id;
    if (x->heap_key) {      /* a global struct's field: one object, however reached */
        *c = (struct PathKey){x, key_intern_at(e, x->heap_key, 1), e->pathkey_run};
        return c->id;
    }
    int persistent = persistent_scope(x);
    /* *p of a plain pointer variable: the front end cannot tell where p
     * points; tie the fact to p's frame unless p is a global */
    if (x->key[0] == '*' && !strpbrk(x->key + 1, ".[*")) {
        int32_t inner = key_find_noting(e, x->key + 1);
        persistent = inner && key_persistent(e, inner);
        return key_intern_at(e, x->key, persistent);
    }
    *c = (struct PathKey){x, key_intern_at(e, x->key, persistent), e->pathkey_run};
    return c->id;
}

/* The key of `name(obj)` followed by suffix (".f", ".a.b"), interned once
 * per (obj, suffix) pair.  A caller's local (a context block on its stack)
 * is named "^" + its name in the functions it is lent to: no name of
 * theirs can collide with that, and it is the same key down the calls. */
static int32_t derived_key(Engine *e, int32_t obj, const char *suffix)
{
    unsigned h = (unsigned)(((uint64_t)(uintptr_t)suffix * 0x9e3779b97f4a7c15ULL ^
                             (uint64_t)obj * 0xff51afd7ed558ccdULL) >> 56);
    struct DerivedKey *c = &e->derived[h];
    if (c->obj == obj && c->suffix == suffix)
        return c->id;
    char buf[512];
    int persistent = key_persistent(e, obj);
    const char *name = key_name(e, obj);
    snprintf(buf, sizeof buf, "%s%s%s", persistent || name[0] == '^' ? "" : "^", name, suffix);
    *c = (struct DerivedKey){obj, suffix, key_intern(e, buf, persistent)};
    return c->id;
}

int32_t ev_lent_key(Engine *e, int32_t k)
{
    char buf[512];
    snprintf(buf, sizeof buf, "^%s", key_name(e, k));
    return key_intern(e, buf, 0);
}

/* a[i] (a[i].f) of an array where s knows i is c: the element's own key
 * a[c] (a[c].f), as the literal index names it, kept where a[] is; else 0.
 * Facts of "some element" a[] are never known; of a[c] they are, and a
 * write at an unknown index forgets every element (st_havoc_prefix). */
static int32_t elem_key_at(Engine *e, const Expr *x, int32_t k, int64_t c);

static int32_t elem_key(Engine *e, const State *s, const Expr *x, int32_t k)
{
    int64_t c;
    AbsVal v = ev_expr(e, s, x->index);
    if (!av_is_const(&v, &c) || c < 0 || c >= x->index_bound)
        return 0;     /* past the end: no element, "some element" (a loop's last test) */
    return elem_key_at(e, x, k, c);
}

/* a[i] where s knows i only as a few values (`Tbl[Adapter->MacType]`, the
 * type one of four): the join of what s knows of each element it may be,
 * into *r, when it knows something of every one (a const table's elements
 * start with their initialisers, harness.c eng_global_values); else 0.
 * "Some element" knows nothing, so a 100 us stall from a table of delays
 * went unreported (blind round 8). */
static int elem_join(Engine *e, const State *s, const Expr *x, int32_t k, AbsVal *r)
{
    AbsVal v = ev_expr(e, s, x->index);
    int64_t lo = v.lo < 0 ? 0 : v.lo, hi = v.hi >= x->index_bound ? x->index_bound - 1 : v.hi;
    if (lo > hi || hi - lo >= 16)
        return 0;
    int any = 0;
    for (int64_t c = lo; c <= hi; c++) {
        AbsVal one = av_const(c);
        AbsVal t = v;
        if (!av_assume(&t, OP_EQ, &one))
            continue;                    /* not one of its values */
        int32_t ek = elem_key_at(e, x, k, c);
        const AbsVal *ev = ek ? st_get(e, s, ek) : NULL;
        if (!ev)
            return 0;
        *r = any ? av_join(r, ev) : *ev;
        any = 1;
    }
    return any;
}

static int32_t elem_key_at(Engine *e, const Expr *x, int32_t k, int64_t c)
{
    unsigned h = (unsigned)((((uint64_t)(uintptr_t)x * 0x9e3779b97f4a7c15ULL) ^
                             ((uint64_t)c * 0xff51afd7ed558ccdULL)) >> 58);
    struct ElemKey *m = &e->elem[h];
    if (m->x == x && m->at == c && m->id)
        return m->id;
    const char *name = key_name(e, k), *hole = strstr(name, "[]");
    if (!hole)
        return 0;
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%.*s[%lld]%s", (int)(hole - name), name, (long long)c,
                     hole + 2);
    if (n < 0 || (size_t)n >= sizeof buf)
        return 0;
    int32_t id = key_intern(e, buf, key_persistent(e, k));
    if (key_relevant(e, k) && !key_relevant(e, id))
        key_set_relevant(e, id);
    if (key_decisive(e, k))
        key_set_decisive(e, id);
    *m = (struct ElemKey){x, c, id};
    return id;
}

/* Is obj, a whole global, a const template (static const MP_TIMING RevB =
 * { 10, 200 };)?  Its fields are named under its own key (the front end's
 * GlobalInit "RevB@f.c", zero, then each field's value), not the record's. */
static int const_template(Engine *e, int32_t obj)
{
    struct ConstTmpl *c = &e->ctmpl[(uint32_t)obj % 64];
    if (c->obj == obj)
        return c->is;
    const char *name = key_name(e, obj);
    const Driver *d = e->prog->drv;
    int is = 0;
    for (int u = 0; u < d->nunits && !is; u++)
        for (int i = 0; i < d->units[u]->nginits && !is; i++) {
            const GlobalInit *g = &d->units[u]->ginits[i];
            is = g->zero && strcmp(g->key, name) == 0;
        }
    *c = (struct ConstTmpl){obj, is};
    return is;
}

/* p->f where p points to the const template obj: obj's own field key,
 * registered with the value its initialiser gives it (0 where it says
 * none), which ev_expr reads where the path has no fact on it. */
static int32_t const_field_key(Engine *e, int32_t obj, const char *dot)
{
    int32_t id = derived_key(e, obj, dot);
    for (int i = 0; i < e->nconstf; i++)
        if (e->constf[i].id == id)
            return id;
    const char *name = key_name(e, id);
    long long value = 0;
    const Driver *d = e->prog->drv;
    for (int u = 0; u < d->nunits; u++)
        for (int i = 0; i < d->units[u]->nginits; i++) {
            const GlobalInit *g = &d->units[u]->ginits[i];
            if (!g->zero && strcmp(g->key, name) == 0)
                value = g->value;
        }
    if (e->nconstf == e->constf_cap)
        e->constf = arena_grow(e->arena, e->constf, &e->constf_cap, sizeof *e->constf);
    e->constf[e->nconstf++] = (struct ConstField){id, value};
    return id;
}

int32_t ev_key_in(Engine *e, const State *s, const Expr *x)
{
    int32_t k = ev_path_key(e, x);
    if (k && s && x->index && !x->heap_key) {
        int32_t ek = elem_key(e, s, x, k);
        if (ek)
            return ek;
    }
    if (!k || !s || !x->base_key)
        return k;
    int32_t pk = key_find_at(e, x->base_key);
    const AbsVal *pv = pk ? st_get(e, s, pk) : NULL;
    if (!pv || pv->pointee <= 0)
        return k;
    int32_t obj = pv->pointee;
    int persistent = key_persistent(e, obj);
    if (x->key[0] == '*') {
        if (!persistent)        /* *out of a caller's local: out_params links it */
            return k;
    } else {
        /* p->f where p = &Adapter->Intr: Adapter->Intr.f; where p = &Ctx on
         * a caller's stack: ^Ctx.f.  Where p points to a whole global
         * struct, its fields are the record's, which p->f names already. */
        const char *dot = strchr(x->key, '.');
        if (dot && !x->is_record && persistent && const_template(e, obj)) {
            /* except a const template's, named as a direct read names them
             * (Adapter->Timing->PllUs with Timing = &RevB: RevB.PllUs) */
            int32_t ck = const_field_key(e, obj, dot);
            if (key_relevant(e, k))
                key_set_relevant(e, ck);
            return ck;
        }
        if ((!dot && !x->is_record) || (persistent && !strpbrk(key_name(e, obj), ".[")))
            return k;
        if (dot)
            obj = derived_key(e, obj, dot);
        /* else *p, a whole record, where p = &Hw->Intr: Hw->Intr itself
         * (Snapshot = *Intr copies its fields: case 311) */
    }
    if (key_relevant(e, k))            /* what was tested through p is tested on the object */
        key_set_relevant(e, obj);
    return obj;
}

/* A fact on a path of an unsigned 32- or 64-bit type (Expr.ubits), read
 * within what the type can hold: `if (n <= 8)` leaves n at [-2^63, 8],
 * and `NdisStallExecution(n * 10)` of a ULONG n was unknown, where it
 * stalls 0..80 us (blind round 11).  Only where it is read, and only a
 * fact: stored so (assume_path), or for a value nothing is known of, it
 * set states apart for nothing (e100bex's spin-lock run: 112k -> 128k
 * states).  A value wholly below 0 is left as it is (`Zero - 1`, which a
 * ULONG holds as 0xFFFFFFFF: the rule sees it so, ruleexec.c
 * as_unsigned). */
static AbsVal unsigned_clamp(const Expr *x, AbsVal v)
{
    if (!x->ubits || x->is_pointer || v.pointee || v.hi < 0 || v.lo >= 0)
        return v;
    AbsVal c = v, zero = av_const(0);
    return av_assume(&c, OP_GE, &zero) ? c : v;
}

/* v as a signed type of w bits sees it (Expr.sbits): values above its
 * maximum wrap to negative ones ((LONG)0xFFFFFFFF is -1); a range across
 * that line, or past both views, is unknown. */
static AbsVal signed_view(AbsVal v, int w)
{
    if (w <= 0 || w >= 64)
        return v;
    int64_t smax = ((int64_t)1 << (w - 1)) - 1, m = (int64_t)1 << w;
    if (v.lo >= -smax - 1 && v.hi <= smax)
        return v;
    if (v.lo > smax && v.hi < m) {
        AbsVal r = av_range(v.lo - m, v.hi - m);
        r.origin = v.origin;
        return r;
    }
    return av_top();
}

/* No fact is read or learnt at x (key k): some element of an array
 * ("a[].f": which one is not known), or the link of a chain record read
 * through a pointer (`Nbl->Next`: REC.Next names every element's link,
 * so `Nbls->Next != NULL && Nbls->Next->Next == NULL`, a chain of two,
 * was a contradiction, and a send path that returns holding its lock
 * only for two NBLs passed: blind round 10). */
static int untracked(Engine *e, int32_t k, const Expr *x)
{
    return !k || key_elem(e, k) || (x && x->self_link);
}

/* &p->f where p, whose target is not known, was loaded from a field that
 * tells one of many objects from the others (instances.c): that object's
 * member, named by the field ("_MP_ADAPTER.Tx->Lock"); else 0. */
static int32_t origin_object(Engine *e, const State *s, const Expr *path)
{
    if (!path || path->kind != EX_PATH || !path->base_key || !path->key || !s)
        return 0;
    int32_t pk = key_find_at(e, path->base_key);
    const AbsVal *pv = pk ? st_get(e, s, pk) : NULL;
    AbsVal v = pv ? *pv : av_top();
    if (!v.pointee && !v.origin && e->origins && inst_origin_key(e, pk))
        v.origin = pk;                  /* p->q->f: q itself is such a field */
    if (v.pointee || v.origin <= 0)
        return 0;
    const char *member = strchr(path->key, '.');
    if (!member || strchr(path->key, '['))
        return 0;
    char buf[512];
    snprintf(buf, sizeof buf, "%s->%s", key_name(e, v.origin), member + 1);
    return key_intern(e, buf, 1);
}

AbsVal ev_expr(Engine *e, const State *s, const Expr *x)
{
    if (!x)
        return av_top();
    switch (x->kind) {
    case EX_INT:
        return av_const(x->ival);
    case EX_STR:
    case EX_FUNC: {            /* a function's address: it points to the function */
        AbsVal v = av_nonzero();
        char buf[512];
        snprintf(buf, sizeof buf, "&%s", x->text ? x->text : "?");
        v.pointee = key_intern(e, buf, 0);
        return v;
    }
    case EX_ADDR: {
        AbsVal v = av_nonzero();
        if (x->a && x->a->kind == EX_PATH) {
            int32_t o = e->origins ? origin_object(e, s, x->a) : 0;
            v.pointee = o ? o : ev_key_in(e, s, x->a);
            /* a pointer to an element no literal index names stays a
             * pointer to "some element": pointers to queue 1 and queue 2
             * of a loop would join into "one of several objects", which
             * no rule tracks either (ruleexec.c is_array_key), and which
             * stops a probe (NetKVM's receive queues: its spin-lock rule
             * ran in full, 198k states, for the same Pass) */
            if (!o && x->a->index && v.pointee >= e->nbase_keys)
                v.pointee = ev_path_key(e, x->a);
        }
        return v;
    }
    case EX_PATH: {
        int32_t k = ev_key_in(e, s, x);
        AbsVal some;
        if (k && s && x->index && !x->heap_key && strstr(key_name(e, k), "[]") &&
            elem_join(e, s, x, k, &some))
            return some;
        /* a registry value as NdisReadConfiguration gives it (AbsVal.origin) */
        int config = k && k == e->config_key && !x->is_pointer;
        if (untracked(e, k, x)) {
            AbsVal t = av_top();
            if (config)
                t.origin = ORIGIN_CONFIG;
            else if (k && e->origins && x->is_pointer && inst_origin_key(e, k))
                t.origin = k;          /* as below: flow->Parent is another flow */
            return t;
        }
        const AbsVal *v = st_get(e, s, k);
        AbsVal r = v ? unsigned_clamp(x, *v) : av_top();
        for (int i = 0; !v && i < e->nconstf; i++)
            if (e->constf[i].id == k)
                r = av_const(e->constf[i].value);
        if (config && !r.origin && !r.pointee && r.lo != r.hi)
            r.origin = ORIGIN_CONFIG;
        if (x->sbits)
            r = signed_view(r, x->sbits);
        /* a pointer to one of many objects, loaded from the field that
         * tells which (instances.c) */
        if (e->origins && x->is_pointer && !r.pointee && !r.origin && inst_origin_key(e, k))
            r.origin = k;
        return r;
    }
    case EX_UNOP: {
        AbsVal a = ev_expr(e, s, x->a);
        return av_unop(x->op, &a);
    }
    case EX_BINOP: {
        AbsVal a = ev_expr(e, s, x->a);
        if (x->op == OP_LAND && av_truth(&a) == 0)
            return av_const(0);
        if (x->op == OP_LOR && av_truth(&a) == 1)
            return av_const(1);
        AbsVal b = ev_expr(e, s, x->b);
        return av_binop(x->op, &a, &b);
    }
    case EX_COND: {
        AbsVal c = ev_expr(e, s, x->a);
        int t = av_truth(&c);
        if (t == 1)
            return ev_expr(e, s, x->b);
        if (t == 0)
            return ev_expr(e, s, x->c);
        /* each arm under its side of the condition: min(Remaining, 50) is
         * at most 50 whatever Remaining is */
        State *ys = ev_assume(e, (State *)s, x->a, 1), *ns = ev_assume(e, (State *)s, x->a, 0);
        if (!ys || !ns)
            return ys ? ev_expr(e, ys, x->b) : ns ? ev_expr(e, ns, x->c) : av_top();
        AbsVal b = ev_expr(e, ys, x->b), d = ev_expr(e, ns, x->c);
        return av_join(&b, &d);
    }
    case EX_UNKNOWN:
        return av_top();
    }
    return av_top();
}

/* Everything but INT64_MIN or INT64_MAX, nothing else known: what a
 * comparison of an unknown value with one unbounded on that side leaves
 * (`i < vq->vring.num`, i unknown: num > INT64_MIN).  Kept, such a
 * fact could decide only a test against that extreme value, which driver
 * code never makes, yet it told states and summary entries apart (NetKVM's
 * vring.num and free_head: NdisSpinLock 158k -> 132k states, same
 * reports everywhere). */
static int near_top(const AbsVal *v)
{
    return v->lo <= INT64_MIN + 1 && v->hi >= INT64_MAX - 1 && !v->has_excl && !v->kmask &&
           !v->pointee;
}

/* Refine the fact of path p by `p op rhs`.  Returns NULL if infeasible;
 * an unknown path stays unknown when all it would learn is near_top. */
static State *assume_path(Engine *e, State *s, const Expr *p, OpKind op, const AbsVal *rhs)
{
    int32_t k = ev_key_in(e, s, p);
    if (untracked(e, k, p))
        return s;
    const AbsVal *cur = st_get(e, s, k);
    AbsVal v = cur ? *cur : av_top();
    if (p->sbits) {
        /* seen through a signed type ((LONG)Count < 0): the test says
         * whether it can hold, and teaches nothing of the value */
        AbsVal seen = signed_view(v, p->sbits);
        return av_assume(&seen, op, rhs) ? s : NULL;
    }
    if (!av_assume(&v, op, rhs))
        return NULL;
    if (cur && av_equal(cur, &v))
        return s;
    if (!cur && av_is_top(&v))
        return s;
    if (!cur && near_top(&v))
        return s;
    State *c = st_copy(e, s);
    st_set(e, c, k, &v);
    return c;
}

static int is_path(const Expr *x)
{
    return x && x->kind == EX_PATH;
}

State *ev_assume(Engine *e, State *s, const Expr *x, int truth)
{
    if (!x || !s)
        return s;
    AbsVal whole = ev_expr(e, s, x);
    int t = av_truth(&whole);
    if (t >= 0)
        return t == truth ? s : NULL;
    switch (x->kind) {
    case EX_PATH: {
        AbsVal zero = av_const(0);
        return assume_path(e, s, x, truth ? OP_NE : OP_EQ, &zero);
    }
    case EX_UNOP:
        if (x->op == OP_NOT)
            return ev_assume(e, s, x->a, !truth);
        return s;
    case EX_BINOP:
        switch (x->op) {
        case OP_LAND:
            if (truth) {
                s = ev_assume(e, s, x->a, 1);
                return s ? ev_assume(e, s, x->b, 1) : NULL;
            }
            return s;
        case OP_LOR:
            if (!truth) {
                s = ev_assume(e, s, x->a, 0);
                return s ? ev_assume(e, s, x->b, 0) : NULL;
            }
            return s;
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
            OpKind op = truth ? x->op : op_negate(x->op);
            /* (a & MASK) ==/!= 0 */
            const Expr *l = x->a, *r = x->b;
            if (r && r->kind == EX_INT && r->ival == 0 && l && l->kind == EX_BINOP &&
                l->op == OP_BAND && (op == OP_EQ || op == OP_NE))
                return ev_assume(e, s, l, op == OP_NE);
            State *out = s;
            /* the own test of a loop that touches nothing of the rule
             * (Engine.loop_test, unroll.c unroll_quiet) against its counter
             * (`i < Adapter->Count`) narrows the counter, not the bound: the
             * bound narrowed by each iteration's counter kept one loop exit
             * per iteration apart */
            int lc = e->loop_test && is_path(l) && l->scope == SCOPE_LOCAL;
            int rc = e->loop_test && is_path(r) && r->scope == SCOPE_LOCAL;
            if (is_path(l) && !(rc && l->scope != SCOPE_LOCAL)) {
                AbsVal rv = ev_expr(e, out, r);
                out = assume_path(e, out, l, op, &rv);
            }
            if (out && is_path(r) && !(lc && r->scope != SCOPE_LOCAL)) {
                AbsVal lv = ev_expr(e, out, l);
                out = assume_path(e, out, r, op_swap(op), &lv);
            }
            return out;
        }
        case OP_BAND: {
            /* path & CONST as a condition */
            const Expr *p = is_path(x->a) ? x->a : is_path(x->b) ? x->b : NULL;
            const Expr *m = p == x->a ? x->b : x->a;
            int64_t mask;
            AbsVal mv = m ? ev_expr(e, s, m) : av_top();
            if (!p || !av_is_const(&mv, &mask))
                return s;
            int32_t k = ev_key_in(e, s, p);
            if (untracked(e, k, p))
                return s;
            const AbsVal *cur = st_get(e, s, k);
            AbsVal v = cur ? *cur : av_top();
            if (!av_assume_bits(&v, (uint64_t)mask, truth))
                return NULL;
            State *c = st_copy(e, s);
            st_set(e, c, k, &v);
            return c;
        }
        default:
            return s;
        }
    default:
        return s;
    }
}

int ev_reads_lost(Engine *e, const State *s, const Expr *x)
{
    if (!s->nlost)
        return 0;
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            if (st_lost_has(s, ev_key_in(e, s, x)))
                return 1;
            int32_t bk = x->base_key ? key_find_at(e, x->base_key) : 0;
            return bk && st_lost_has(s, bk);
        }
        if (ev_reads_lost(e, s, x->a) || ev_reads_lost(e, s, x->c))
            return 1;
        if (x->kind != EX_BINOP)
            return 0;
    }
    return 0;
}
