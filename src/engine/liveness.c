/* liveness.c - which of a function's locals a later step can still read.
 *
 * A local's facts used to stay in a state after its last read, so states
 * that differ only in a local no step reads any more were kept apart (or
 * joined, weakening what they said of everything else).  At the entry of
 * each block the engine now drops the facts of the locals no path from
 * there reads (interp.c): such states become one.  Nothing a later step
 * sees changes.  usbnwifi's three spin-lock defects, warnings before
 * (their paths came through joins), now have exact traces.
 *
 * A local is a variable or parameter of the function, by the root of its
 * key ("x" of "x", "x.f", "x[]"; "$t3" of a call's result).  Never dropped:
 *   - a local whose address is taken anywhere in the function (&x, &x.f):
 *     a pointer may read it where its name does not appear;
 *   - keys the function does not name as a local: "*p" (what a plain
 *     pointer points to, which an out parameter hands back to the caller),
 *     "^Ctx.f" (a caller's local lent down the calls), the engine's own
 *     ("<raised>"), globals and what pointers reach (persistent keys).
 * live-in(b) = reads(b) U (live-out(b) - kills(b)), backwards to a fixed
 * point; only a store to a whole scalar local (`x = ...`) kills it.  A read
 * is any path of the step, its condition or returned value, also as the
 * pointer a path goes through (`p->f`, `*p` read p).
 *
 * A parameter the function tests whole (`if (Lock == NULL) return;`) and
 * never assigns, where a caller passes it a path the rule run tracks, is
 * live to the returns (never dropped): what the test learnt of it is what
 * the caller's argument holds (echo.c).  lv_is_live does not count that.
 *
 * Built once per driver (rule-independent, from the CFG, by name); each
 * rule run maps the names to its key ids when it first trims a function. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

struct Liveness {
    int nroots;
    const char **roots;      /* the locals that may be dropped, by name */
    int words;               /* bitset words per block */
    uint64_t *live;          /* live-in per block: nblocks * words bits */
    unsigned char *dies;     /* per block, bit t: some local live at its entry or written
                                in it is dead at the entry of succ[t] (else the edge
                                has nothing to trim) */
    const char **echo;       /* the parameters the exits may keep (echo.c), by name */
    const char *const **echo_args;   /* per echo parameter: the paths calls pass it, by key,
                                        NULL-terminated */
    int necho;
};

/* The rule run's ids for a function's roots, sorted by id. */
struct LvIds {
    int n;
    struct LvId { int32_t id; int bit; } *v;
};

typedef struct Roots {
    const char **v;
    unsigned char *addr;     /* address taken */
    int n, cap;
    Arena *a;
    int *slot;               /* nslots (twice cap): index into v + 1, or 0 (roots_find
                                scanned v with strcmp: 2.5M instructions on rtlnwifi) */
    uint64_t *hash;          /* per root: eng_hash_local */
    int nslots;
} Roots;

static int local_scope(const Expr *x)
{
    return x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM;
}

static int roots_probe(const Roots *r, const char *name, uint64_t h)
{
    uint64_t m = (uint64_t)r->nslots - 1;
    for (uint64_t k = h & m; r->nslots && r->slot[k]; k = (k + 1) & m) {
        int i = r->slot[k] - 1;
        if (r->hash[i] == h && strcmp(r->v[i], name) == 0)
            return i;
    }
    return -1;
}

static int roots_find(const Roots *r, const char *name)
{
    return roots_probe(r, name, eng_hash_local(name));
}

/* The table over v[0 .. n) again, for nslots slots. */
static void roots_index(Roots *r, int nslots)
{
    free(r->slot);
    r->nslots = nslots;
    r->slot = calloc((size_t)nslots, sizeof *r->slot);
    if (!r->slot)
        abort();
    uint64_t m = (uint64_t)nslots - 1;
    for (int i = 0; i < r->n; i++) {
        uint64_t k = r->hash[i] & m;
        while (r->slot[k])
            k = (k + 1) & m;
        r->slot[k] = i + 1;
    }
}

static int roots_add(Roots *r, const char *name)
{
    uint64_t h = eng_hash_local(name);
    int i = roots_probe(r, name, h);
    if (i >= 0)
        return i;
    if (r->n == r->cap) {
        int cap = r->cap;
        r->v = arena_grow(r->a, r->v, &cap, sizeof *r->v);
        unsigned char *na = arena_alloc(r->a, (size_t)cap);
        if (r->n)
            memcpy(na, r->addr, (size_t)r->n);
        r->addr = na;
        r->cap = cap;
        r->hash = realloc(r->hash, sizeof *r->hash * (size_t)cap);
        if (!r->hash)
            abort();
    }
    r->v[r->n] = arena_strdup(r->a, name);
    r->addr[r->n] = 0;
    r->hash[r->n] = h;
    r->n++;
    if (2 * r->n > r->nslots)
        roots_index(r, 2 * r->cap);
    else {
        uint64_t m = (uint64_t)r->nslots - 1, k = h & m;
        while (r->slot[k])
            k = (k + 1) & m;
        r->slot[k] = r->n;
    }
    return r->n - 1;
}

/* The local root of a path key or base key, without leading '*'s. */
static const char *path_root(const char *k, char *buf, size_t size)
{
    while (k && *k == '*')
        k++;
    return key_head(k, buf, size);
}

/* Collect the locals x names; addr: x is the operand of a `&`. */
static void collect(Roots *r, const Expr *x, int addr)
{
    if (!x)
        return;
    char buf[256];
    if (x->kind == EX_PATH) {
        if (local_scope(x) && path_root(x->key, buf, sizeof buf)) {
            int i = roots_add(r, buf);
            if (addr)
                r->addr[i] = 1;
        }
        if (path_root(x->base_key, buf, sizeof buf))    /* a global pointer's root is
                                                             persistent: never dropped */
            roots_add(r, buf);
        collect(r, x->index, 0);                         /* a[i] reads i */
    }
    collect(r, x->a, x->kind == EX_ADDR);
    collect(r, x->b, 0);
    collect(r, x->c, 0);
}

static void set_bit(uint64_t *w, int i)
{
    w[i / 64] |= (uint64_t)1 << (i % 64);
}

static int get_bit(const uint64_t *w, int i)
{
    return (int)((w[i / 64] >> (i % 64)) & 1);
}

/* Mark every local x reads: its paths and the pointers they go through. */
static void gen(const Roots *r, const Expr *x, uint64_t *w)
{
    if (!x)
        return;
    char buf[256];
    if (x->kind == EX_PATH) {
        int i = path_root(x->key, buf, sizeof buf) ? roots_find(r, buf) : -1;
        if (i >= 0)
            set_bit(w, i);
        i = path_root(x->base_key, buf, sizeof buf) ? roots_find(r, buf) : -1;
        if (i >= 0)
            set_bit(w, i);
        gen(r, x->index, w);
    }
    gen(r, x->a, w);
    gen(r, x->b, w);
    gen(r, x->c, w);
}

/* Does x test `name` whole (a path whose key is name itself)? */
static int names_whole(const Expr *x, const char *name)
{
    if (!x)
        return 0;
    if (x->kind == EX_PATH && x->key && strcmp(x->key, name) == 0)
        return 1;
    return names_whole(x->a, name) || names_whole(x->b, name) || names_whole(x->c, name);
}

/* The whole scalar local a step's target overwrites, or -1. */
static int killed(const Roots *r, const Expr *lhs)
{
    char buf[256];
    if (!lhs || lhs->kind != EX_PATH || !local_scope(lhs) || lhs->is_record || !lhs->key ||
        !key_head(lhs->key, buf, sizeof buf) || strcmp(buf, lhs->key) != 0)
        return -1;
    return roots_find(r, buf);
}

/* A step's reads: every path it names but the local it overwrites whole
 * (kill: killed of its target). */
static void step_gen(const Roots *r, const Step *st, int kill, uint64_t *w)
{
    if (st->lhs && kill < 0)
        gen(r, st->lhs, w);
    gen(r, st->rhs, w);
    gen(r, st->callee_expr, w);
    for (int i = 0; i < st->nargs; i++)
        gen(r, st->args[i], w);
}

/* The locals a step writes (whatever the path: x, x.f, x[]). */
static void step_def(const Roots *r, const Step *st, uint64_t *w)
{
    char buf[256];
    int i = st->lhs && st->lhs->kind == EX_PATH && local_scope(st->lhs) &&
                    path_root(st->lhs->key, buf, sizeof buf)
                ? roots_find(r, buf)
                : -1;
    if (i >= 0)
        set_bit(w, i);
}

static int nsucc(const Block *b, int nblocks, int *s)
{
    int n = 0;
    if ((b->term == T_GOTO || b->term == T_BRANCH) && b->succ[0] >= 0 && b->succ[0] < nblocks)
        s[n++] = b->succ[0];
    if (b->term == T_BRANCH && b->succ[1] >= 0 && b->succ[1] < nblocks)
        s[n++] = b->succ[1];
    return n;
}

/* The parameters f tests whole and never writes (a root, so never behind a
 * `&`; no step stores to it or below it), among those some call passes a
 * path (passed[j], the paths' keys): lv->echo. */
static void echo_params(Liveness *lv, const Roots *r, const Func *f, Arena *a,
                        const char *const *const *passed)
{
    lv->echo = arena_alloc(a, sizeof *lv->echo * (size_t)(f->nparams + 1));
    lv->echo_args = arena_alloc(a, sizeof *lv->echo_args * (size_t)(f->nparams + 1));
    for (int j = 0; passed && j < f->nparams; j++) {
        if (!passed[j])
            continue;
        const char *name = f->params[j].name;
        int i = name && name[0] ? roots_find(r, name) : -1;
        int tested = 0, written = 0;
        for (int b = 0; i >= 0 && b < f->nblocks && !written; b++) {
            const Block *bl = &f->blocks[b];
            tested |= bl->term == T_BRANCH && names_whole(bl->cond, name);
            for (int k = 0; k < bl->nsteps && !written; k++) {
                char buf[256];
                const Expr *l = bl->steps[k].lhs;
                written = l && l->kind == EX_PATH && local_scope(l) &&
                          path_root(l->key, buf, sizeof buf) && strcmp(buf, name) == 0;
            }
        }
        if (i >= 0 && tested && !written) {
            lv->echo_args[lv->necho] = passed[j];
            lv->echo[lv->necho++] = r->v[i];
        }
    }
}

Liveness *lv_build(const Func *f, Arena *a, const char *const *const *passed)
{
    Liveness *lv = arena_alloc(a, sizeof *lv);
    Roots r = {.a = a};
    for (int b = 0; b < f->nblocks; b++) {
        const Block *bl = &f->blocks[b];
        for (int k = 0; k < bl->nsteps; k++) {
            const Step *st = &bl->steps[k];
            collect(&r, st->lhs, 0);
            collect(&r, st->rhs, 0);
            collect(&r, st->callee_expr, 0);
            for (int i = 0; i < st->nargs; i++)
                collect(&r, st->args[i], 0);
        }
        collect(&r, bl->cond, 0);
        collect(&r, bl->retval, 0);
    }
    int n = 0;                        /* keep those whose address is never taken */
    for (int i = 0; i < r.n; i++)
        if (!r.addr[i]) {
            r.hash[n] = r.hash[i];
            r.v[n++] = r.v[i];
        }
    r.n = n;
    if (r.nslots)
        roots_index(&r, r.nslots);
    lv->nroots = n;
    echo_params(lv, &r, f, a, passed);
    lv->roots = r.v;
    lv->words = (n + 63) / 64;
    if (n == 0 || f->nblocks == 0) {
        free(r.slot);
        free(r.hash);
        return lv;
    }
    size_t W = (size_t)lv->words, nb = (size_t)f->nblocks;
    lv->live = arena_alloc(a, sizeof *lv->live * W * nb);
    /* per block, one backward walk: the locals it reads before writing them
     * (gen) and those it overwrites whole (kill); the fixed point below is
     * bit operations only */
    uint64_t *gen_b = calloc(W * nb, sizeof *gen_b), *kill_b = calloc(W * nb, sizeof *kill_b);
    uint64_t *tmp = calloc(W, sizeof *tmp), *defs = calloc(W * nb, sizeof *defs);
    if (!gen_b || !kill_b || !tmp || !defs)
        abort();
    for (int b = 0; b < f->nblocks; b++) {
        const Block *bl = &f->blocks[b];
        uint64_t *g = &gen_b[(size_t)b * W], *kl = &kill_b[(size_t)b * W];
        if (bl->term == T_BRANCH)
            gen(&r, bl->cond, g);
        if (bl->term == T_RETURN)
            gen(&r, bl->retval, g);
        for (int k = bl->nsteps - 1; k >= 0; k--) {
            const Step *st = &bl->steps[k];
            int x = killed(&r, st->lhs);
            if (x >= 0) {
                g[x / 64] &= ~((uint64_t)1 << (x % 64));
                kl[x / 64] |= (uint64_t)1 << (x % 64);
            }
            step_gen(&r, st, x, g);
        }
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (int b = f->nblocks - 1; b >= 0; b--) {
            const Block *bl = &f->blocks[b];
            int s[2], ns = nsucc(bl, f->nblocks, s);
            memset(tmp, 0, sizeof *tmp * W);
            for (int t = 0; t < ns; t++)
                for (size_t w = 0; w < W; w++)
                    tmp[w] |= lv->live[(size_t)s[t] * W + w];
            uint64_t *in = &lv->live[(size_t)b * W];
            for (size_t w = 0; w < W; w++) {
                uint64_t v = gen_b[(size_t)b * W + w] | (tmp[w] & ~kill_b[(size_t)b * W + w]);
                if ((in[w] | v) != in[w]) {
                    in[w] |= v;
                    changed = 1;
                }
            }
        }
    }
    free(gen_b);
    free(kill_b);
    /* where a local can die: live at a block's entry or written in it, and
     * dead at a successor's entry */
    lv->dies = arena_alloc(a, nb);
    for (int b = 0; b < f->nblocks; b++)
        for (int k = 0; k < f->blocks[b].nsteps; k++)
            step_def(&r, &f->blocks[b].steps[k], &defs[(size_t)b * W]);
    for (int p = 0; p < f->nblocks; p++) {
        const Block *bl = &f->blocks[p];
        for (int t = 0; t < 2; t++) {
            int sb = bl->succ[t];
            if (sb < 0 || sb >= f->nblocks || (t == 1 && bl->term != T_BRANCH) ||
                (bl->term != T_GOTO && bl->term != T_BRANCH))
                continue;
            for (size_t w = 0; w < W; w++)
                if ((lv->live[(size_t)p * W + w] | defs[(size_t)p * W + w]) &
                    ~lv->live[(size_t)sb * W + w])
                    lv->dies[p] |= (unsigned char)(1 << t);
        }
    }
    free(tmp);
    free(defs);
    free(r.slot);
    free(r.hash);
    return lv;
}

struct LvShared {
    pthread_mutex_t lock;    /* held while one is built: they share the arena */
    Arena *a;
    const char *const *const **passed;
};

void lv_prepare(Program *p, const char *const *const **passed)
{
    struct LvShared *l = calloc(1, sizeof *l);
    p->lives = calloc((size_t)p->nfuncs + 1, sizeof *p->lives);
    if (!l || !p->lives || pthread_mutex_init(&l->lock, NULL) != 0)
        abort();
    l->a = arena_new();
    l->passed = passed;
    p->lvs = l;
}

void lv_release(Program *p)
{
    if (p->lvs) {
        pthread_mutex_destroy(&p->lvs->lock);
        arena_free(p->lvs->a);
        free(p->lvs);
        p->lvs = NULL;
    }
    free((void *)p->lives);
    p->lives = NULL;
}

const Liveness *lv_build_shared(const Program *p, int fi)
{
    struct LvShared *l = p->lvs;
    pthread_mutex_lock(&l->lock);
    Liveness *lv = atomic_load_explicit(&p->lives[fi], memory_order_relaxed);
    if (!lv) {
        lv = lv_build(p->funcs[fi].f, l->a, l->passed[fi]);
        atomic_store_explicit(&p->lives[fi], lv, memory_order_release);
    }
    pthread_mutex_unlock(&l->lock);
    return lv;
}

int lv_echoes(const Liveness *lv, const char *const **names, const char *const *const **args)
{
    *names = lv ? lv->echo : NULL;
    if (args)
        *args = lv ? lv->echo_args : NULL;
    return lv ? lv->necho : 0;
}

int lv_is_live(const Liveness *lv, int block, const char *name)
{
    for (int i = 0; lv && i < lv->nroots; i++)
        if (strcmp(lv->roots[i], name) == 0)
            return get_bit(&lv->live[(size_t)block * (size_t)lv->words], i);
    return -1;
}

static int cmp_id(const void *a, const void *b)
{
    const struct LvId *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* This run's key ids for fi's roots (interned as locals: a root no fact
 * has yet may get one later). */
static const struct LvIds *run_ids(Engine *e, int fi, const Liveness *lv)
{
    if (!e->lv_ids) {
        e->lv_ids = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->lv_ids);
        if (!e->lv_ids)
            abort();
    }
    if (!e->lv_ids[fi]) {
        struct LvIds *ids = arena_alloc(e->arena, sizeof *ids);
        ids->v = arena_alloc(e->arena, sizeof *ids->v * (size_t)lv->nroots);
        for (int i = 0; i < lv->nroots; i++) {
            int32_t id = key_find(e, lv->roots[i]);
            ids->v[ids->n++] = (struct LvId){id ? id : key_intern(e, lv->roots[i], 0), i};
        }
        qsort(ids->v, (size_t)ids->n, sizeof *ids->v, cmp_id);
        e->lv_ids[fi] = ids;
    }
    return e->lv_ids[fi];
}

static int bit_of(const struct LvIds *ids, int32_t id)
{
    int lo = 0, hi = ids->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (ids->v[mid].id == id)
            return ids->v[mid].bit;
        if (ids->v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

State *lv_trim(Engine *e, int fi, int from, int t, State *s)
{
    const Liveness *lv = lv_of(e->prog, fi);
    if (!lv || !lv->nroots || !(lv->dies[from] >> t & 1) || !s->nfacts)
        return s;
    int block = e->prog->funcs[fi].f->blocks[from].succ[t];
    const struct LvIds *ids = run_ids(e, fi, lv);
    const uint64_t *live = &lv->live[(size_t)block * (size_t)lv->words];
    unsigned char dropbuf[256], *drop = dropbuf;
    int ndrop = 0;
    for (int i = 0; i < s->nfacts; i++) {
        int32_t k = s->facts[i].key;
        if (key_persistent(e, k) || key_lent(e, k))
            continue;
        while (key_parent(e, k) > 0)
            k = key_parent(e, k);
        int bit = bit_of(ids, k);
        if (bit < 0 || get_bit(live, bit) || echo_kept(e, fi, k))
            continue;
        if (!ndrop) {
            if (s->nfacts > (int)sizeof dropbuf && !(drop = malloc((size_t)s->nfacts)))
                abort();
            memset(drop, 0, (size_t)s->nfacts);
        }
        drop[i] = 1;
        ndrop++;
    }
    if (!ndrop)
        return s;
    State *c = st_drop_facts(e, s, drop);
    if (drop != dropbuf)
        free(drop);
    return c;
}
