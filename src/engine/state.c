/* state.c - abstract states, their keys, and sets of states.
 *
 * Keys (access paths such as "_ADAPTER.InterruptHandle" or "Status") are
 * interned to small ids; id 0 means "no key".  A State holds its facts
 * sorted by key id, so equality is a linear compare and the hash is cheap.
 * A StateSet is what a program point has seen: it keeps states apart while
 * they are few (path sensitivity) and, past a cap, joins a newcomer into
 * the state with the same rule state (ESP-style merging with widening:
 * facts that differ are dropped), which bounds the work per point. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

uint64_t eng_hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The key table's own hash: eight characters a step, where FNV-1a
 * (eng_hash_str) takes one (NetKVM's keys run to a hundred characters:
 * FNV in this table was about 3% of its engine instructions).  Only where
 * a key sits in KeyTab.slots depends on it, never an id. */
static uint64_t key_hash(const char *s)
{
    size_t n = strlen(s);
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, sizeof w);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ h >> 29;
}

KeyTab *keytab_new(Arena *a)
{
    KeyTab *t = arena_alloc(a, sizeof *t);
    t->a = a;
    t->nslots = 1024;
    t->slots = calloc((size_t)t->nslots, sizeof *t->slots);
    t->cap = 256;
    t->ents = calloc((size_t)t->cap, sizeof *t->ents);
    t->n = 1;              /* id 0 is "no key" */
    t->nptr_slots = 1024;
    t->ptrs = calloc((size_t)t->nptr_slots, sizeof *t->ptrs);
    if (!t->slots || !t->ents || !t->ptrs)
        abort();
    return t;
}

static void keytab_rehash(KeyTab *t)
{
    free(t->slots);
    t->nslots *= 2;
    t->slots = calloc((size_t)t->nslots, sizeof *t->slots);
    for (int id = 1; id < t->n; id++) {
        uint64_t h = key_hash(t->ents[id].name) & (uint64_t)(t->nslots - 1);
        while (t->slots[h])
            h = (h + 1) & (uint64_t)(t->nslots - 1);
        t->slots[h] = id;
    }
}

unsigned char *key_memo(Engine *e, KeyMemo *m, int32_t k)
{
    if (k >= m->n) {
        int32_t n = e->keys->n > k ? e->keys->n + 64 : k + 64;
        m->v = realloc(m->v, (size_t)n);
        if (!m->v)
            abort();
        memset(m->v + m->n, 0, (size_t)(n - m->n));
        m->n = n;
    }
    return &m->v[k];
}

const char *key_head(const char *key, char *buf, size_t size)
{
    if (!key || !(key[0] == '_' || key[0] == '$' || (key[0] >= 'a' && key[0] <= 'z') ||
                  (key[0] >= 'A' && key[0] <= 'Z')))
        return NULL;
    size_t n = strcspn(key, ".[");
    if (n == 0 || n >= size)
        return NULL;
    memcpy(buf, key, n);
    buf[n] = 0;
    return buf;
}

int32_t key_find(Engine *e, const char *key)
{
    KeyTab *t = e->keys;
    if (!key || !*key)
        return 0;
    uint64_t h = key_hash(key) & (uint64_t)(t->nslots - 1);
    for (; t->slots[h]; h = (h + 1) & (uint64_t)(t->nslots - 1))
        if (strcmp(t->ents[t->slots[h]].name, key) == 0)
            return t->slots[h];
    return 0;
}

/* The slot of the pointer table where key's address is, or the empty one
 * where it would go (open addressing from its home by address). */
static uint64_t ptr_slot(const KeyTab *t, const char *key)
{
    uint64_t m = (uint64_t)t->nptr_slots - 1;
    uint64_t h = (((uint64_t)(uintptr_t)key) * 0x9e3779b97f4a7c15ULL >> 20) & m;
    while (t->ptrs[h].p && t->ptrs[h].p != key)
        h = (h + 1) & m;
    return h;
}

int32_t key_find_at(Engine *e, const char *key)
{
    KeyTab *t = e->keys;
    if (!key || !*key)
        return 0;
    uint64_t h = ptr_slot(t, key);
    return t->ptrs[h].p ? t->ptrs[h].id : key_find(e, key);
}

/* id is relevant: it and its ancestors have a relevant key at or below
 * them (an ancestor marked so has its own ancestors marked already). */
static void key_mark_rel_below(KeyTab *t, int32_t id)
{
    for (; id > 0 && !t->ents[id].rel_below; id = t->ents[id].parent)
        t->ents[id].rel_below = 1;
}

int32_t key_intern(Engine *e, const char *key, int persistent)
{
    KeyTab *t = e->keys;
    if (!key || !*key)
        return 0;
    uint64_t h = key_hash(key) & (uint64_t)(t->nslots - 1);
    for (; t->slots[h]; h = (h + 1) & (uint64_t)(t->nslots - 1))
        if (strcmp(t->ents[t->slots[h]].name, key) == 0) {
            t->ents[t->slots[h]].persistent |= persistent != 0;   /* a global seen later */
            return t->slots[h];
        }
    if (t->n == t->cap) {
        t->cap *= 2;
        t->ents = realloc(t->ents, (size_t)t->cap * sizeof *t->ents);
        if (!t->ents)
            abort();
    }
    int32_t id = t->n++;
    memset(&t->ents[id], 0, sizeof t->ents[id]);    /* realloc leaves new entries unset */
    t->ents[id].name = arena_strdup(t->a, key);
    t->ents[id].persistent = (uint8_t)(persistent != 0);
    t->ents[id].relevant = (uint8_t)prog_key_relevant(e->prog, key);
    t->ents[id].keep = t->ents[id].relevant ? prog_key_keep(e->prog, key) : ~(uint64_t)0;
    t->ents[id].elem = strstr(key, "[]") != NULL;
    t->ents[id].lent = key[0] == '^';
    t->slots[h] = id;
    if (t->n * 2 > t->nslots)
        keytab_rehash(t);
    /* its parent ("k" of "k.f" / "k[]"), interned too, knows it has keys below */
    size_t len = strlen(key);
    while (len > 1 && key[len - 1] != '.' && key[len - 1] != '[')
        len--;
    if (len > 1) {
        char *pk = arena_alloc_raw(t->a, len);
        memcpy(pk, key, len - 1);
        pk[len - 1] = 0;
        int32_t pid = key_intern(e, pk, persistent);
        e->keys->ents[id].parent = pid;
        for (int32_t a = pid; a > 0; a = e->keys->ents[a].parent)
            e->keys->ents[a].has_below = 1;
        /* some element of an array: the array is one of its ancestors */
        const char *b = strstr(key, "[]");
        size_t n = b ? (size_t)(b - key) : 0;
        for (int32_t a = pid; n && a > 0; a = e->keys->ents[a].parent) {
            const char *an = e->keys->ents[a].name;
            if (strncmp(an, key, n) == 0 && an[n] == 0) {
                e->keys->ents[id].array_of = a;
                break;
            }
        }
    }
    if (e->keys->ents[id].relevant)
        key_mark_rel_below(e->keys, id);
    return id;
}

/* The key at address slot h of KeyTab.ptrs (empty: a probe for key ended
 * there) is id. */
static void ptr_put(KeyTab *t, uint64_t h, const char *key, int32_t id)
{
    t->ptrs[h].p = key;
    t->ptrs[h].id = id;
    if (++t->nptrs * 2 > t->nptr_slots) {
        PtrSlot *old = t->ptrs;
        int on = t->nptr_slots;
        t->nptr_slots *= 2;
        t->ptrs = calloc((size_t)t->nptr_slots, sizeof *t->ptrs);
        if (!t->ptrs)
            abort();
        for (int i = 0; i < on; i++)
            if (old[i].p)
                t->ptrs[ptr_slot(t, old[i].p)] = old[i];
        free(old);
    }
}

int32_t key_intern_at(Engine *e, const char *key, int persistent)
{
    KeyTab *t = e->keys;
    if (!key || !*key)
        return 0;
    uint64_t h = ptr_slot(t, key);
    if (t->ptrs[h].p) {
        int32_t id = t->ptrs[h].id;
        t->ents[id].persistent |= persistent != 0;
        return id;
    }
    int32_t id = key_intern(e, key, persistent);
    ptr_put(t, h, key, id);
    return id;
}

int32_t key_find_noting(Engine *e, const char *key)
{
    KeyTab *t = e->keys;
    if (!key || !*key)
        return 0;
    uint64_t h = ptr_slot(t, key);
    if (t->ptrs[h].p)
        return t->ptrs[h].id;
    int32_t id = key_find(e, key);
    if (id)
        ptr_put(t, h, key, id);
    return id;
}

/* Does s hold a fact about key or anything below it? */
int st_has_prefix(Engine *e, const State *s, int32_t key)
{
    if (key <= 0)
        return 0;
    if (!key_has_below(e, key))
        return st_get(e, s, key) != NULL;
    for (int i = 0; i < s->nfacts; i++)
        if (s->facts[i].key == key || key_is_below(e, s->facts[i].key, key))
            return 1;
    return 0;
}

void key_set_decisive(Engine *e, int32_t id)
{
    if (id > 0 && id < e->keys->n && !e->keys->ents[id].decisive) {
        e->keys->ents[id].decisive = 1;
        e->keys->gen++;
    }
}

void key_set_zeroed(Engine *e, int32_t id)
{
    if (id > 0 && id < e->keys->n && !e->keys->ents[id].zeroed) {
        e->keys->ents[id].zeroed = 1;
        e->keys->gen++;          /* apimodel.c lists the keys a zeroing sets again */
    }
}

void key_set_polled(Engine *e, int32_t id)
{
    if (id > 0 && id < e->keys->n)
        e->keys->ents[id].polled = 1;
}

/* Relevant with every bit of its value: a key the engine finds it needs
 * while it runs is read in ways prog_slice did not see. */
void key_set_relevant(Engine *e, int32_t id)
{
    if (id > 0 && id < e->keys->n) {
        e->keys->gen += !e->keys->ents[id].relevant;
        e->keys->ents[id].relevant = 1;
        e->keys->ents[id].keep = ~(uint64_t)0;
        key_mark_rel_below(e->keys, id);
    }
}

void keytab_free(KeyTab *t)
{
    if (t) {
        free(t->slots);
        free(t->ents);
        free(t->ptrs);
    }
}

State *st_new(Engine *e)
{
    State *s = arena_alloc(e->arena, sizeof *s);
    s->ret = VT_TOP;
    e->nstates++;
    return s;
}

/* Give s a facts array of its own (copy-on-write), with room for extra. */
static void own_facts(Engine *e, State *s, int extra)
{
    s->hashed = NULL;        /* about to be written in place */
    if (!s->facts_shared && extra == 0)
        return;
    Fact *nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(s->nfacts + extra + 1));
    if (s->nfacts)
        memcpy(nf, s->facts, sizeof *nf * (size_t)s->nfacts);
    s->facts = nf;
    s->facts_shared = 0;
}

State *st_copy(Engine *e, const State *s)
{
    State *c = arena_alloc_raw(e->arena, sizeof *c);
    *c = *s;
    /* facts and instances are shared until one of the two writes them */
    ((State *)s)->facts_shared = 1;
    c->facts_shared = 1;
    ((State *)s)->inst_shared = 1;
    c->inst_shared = 1;
    e->nstates++;
    return c;
}

void st_own_inst(Engine *e, State *s)
{
    if (!s->inst_shared)
        return;
    int nv = e->rule->nvars;
    if (s->ninst) {
        Inst *ni = arena_alloc_raw(e->arena, sizeof *ni * (size_t)s->ninst);
        for (int i = 0; i < s->ninst; i++) {
            ni[i].obj = s->inst[i].obj;
            ni[i].weak = s->inst[i].weak;
            ni[i].vars = arena_alloc_raw(e->arena, sizeof(AbsVal) * (size_t)(nv ? nv : 1));
            if (nv)
                memcpy(ni[i].vars, s->inst[i].vars, sizeof(AbsVal) * (size_t)nv);
        }
        s->inst = ni;
    }
    s->inst_shared = 0;
}

const AbsVal *st_get(Engine *e, const State *s, int32_t key)
{
    int lo = 0, hi = s->nfacts - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s->facts[mid].key == key)
            return vt_val(e->vals, s->facts[mid].val);
        if (s->facts[mid].key < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

void st_set_ret(Engine *e, State *s, AbsVal v)
{
    s->ret = vt_intern(e->vals, &v);
}

void st_set_join(Engine *e, State *s, const State *a, const State *b, int fi, int depth)
{
    JoinFrom *j = arena_alloc_raw(e->arena, sizeof *j);
    j->from[0] = a;
    j->from[1] = b;
    j->fi = fi;
    j->depth = depth;
    s->join = j;
}

/* One fact's share of State.fhash, the sum of its facts' shares: st_set
 * changes the sum by the fact it changes instead of hashing every fact
 * again at the next st_finish. */
static uint64_t fact_hash(const Engine *e, int32_t key, int32_t val)
{
    uint64_t h = ((uint64_t)(uint32_t)key * 0x9e3779b97f4a7c15ULL) ^ e->vals->hash[val];
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return h;
}

/* Is s->fhash the sum over s's facts (an empty state's is 0)? */
static int fhash_valid(const State *s)
{
    return s->nfacts == 0 || (s->hashed == s->facts && s->facts);
}

void st_set(Engine *e, State *s, int32_t key, const AbsVal *v)
{
    if (key <= 0)
        return;
    AbsVal top;
    const KeyEnt *ke = &e->keys->ents[key];
    if (!ke->relevant) {                  /* nothing ever reads it: keep no fact */
        top = av_top();
        v = &top;
    } else if (ke->keep != ~(uint64_t)0) {   /* read bit by bit: the bits that are */
        top = av_keep_bits(v, ke->keep);
        v = &top;
    }
    int lo = 0, hi = s->nfacts - 1, at = s->nfacts;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s->facts[mid].key == key) {
            at = mid;
            break;
        }
        if (s->facts[mid].key < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    int found = at < s->nfacts && s->facts[at].key == key;
    if (!found)
        at = lo;
    /* the facts' hash follows the change (fact_hash) */
    int valid = fhash_valid(s);
    uint64_t f = s->nfacts ? s->fhash : 0;
    if (av_is_top(v)) {
        if (found) {
            f -= fact_hash(e, key, s->facts[at].val);
            own_facts(e, s, 0);
            memmove(&s->facts[at], &s->facts[at + 1], sizeof *s->facts * (size_t)(s->nfacts - at - 1));
            s->nfacts--;
            if (valid) {
                s->hashed = s->facts;
                s->fhash = f;
            }
        }
        return;
    }
    int32_t val = vt_intern(e->vals, v);
    if (found) {
        if (s->facts[at].val == val)
            return;
        f += fact_hash(e, key, val) - fact_hash(e, key, s->facts[at].val);
        own_facts(e, s, 0);
        s->facts[at].val = val;
        if (valid) {
            s->hashed = s->facts;
            s->fhash = f;
        }
        return;
    }
    Fact *nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(s->nfacts + 1));
    if (at > 0)
        memcpy(nf, s->facts, sizeof *nf * (size_t)at);
    nf[at].key = key;
    nf[at].val = val;
    if (s->nfacts > at)
        memcpy(nf + at + 1, s->facts + at, sizeof *nf * (size_t)(s->nfacts - at));
    s->facts = nf;
    s->nfacts++;
    s->facts_shared = 0;
    if (valid) {
        s->hashed = nf;
        s->fhash = f + fact_hash(e, key, val);
    }
}

/* Forget key and everything below it ("k.f", "k[]", "k->..."); for some
 * element of an array (a[].f: a variable index), every element. */
void st_havoc_prefix(Engine *e, State *s, int32_t key)
{
    if (key <= 0)
        return;
    int32_t arr = key_array_of(e, key);
    if (arr)
        key = arr;
    st_lost_del(e, s, key);
    if (!st_has_prefix(e, s, key))
        return;
    own_facts(e, s, 0);
    int below = key_has_below(e, key), k = 0;
    for (int i = 0; i < s->nfacts; i++) {
        int drop = s->facts[i].key == key || (below && key_is_below(e, s->facts[i].key, key));
        if (!drop)
            s->facts[k++] = s->facts[i];
    }
    s->nfacts = k;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

void st_finish(Engine *e, State *s)
{
    uint64_t f = 0;
    if (fhash_valid(s)) {
        f = s->nfacts ? s->fhash : 0;
    } else {
        for (int i = 0; i < s->nfacts; i++)
            f += fact_hash(e, s->facts[i].key, s->facts[i].val);
        s->hashed = s->facts;
        s->fhash = f;
    }
    uint64_t h = mix(mix(7, f), (uint64_t)s->nfacts);
    h = mix(h, 0xabc);
    for (int i = 0; i < s->ninst; i++)
        h = mix(h, (uint64_t)s->inst[i].obj * 2 + s->inst[i].weak);
    h = mix(h, e->vals->hash[s->ret]);
    s->hash = h;
}

static int same_inst(const State *a, const State *b, int nvars)
{
    if (a->ninst != b->ninst)
        return 0;
    if (a->inst == b->inst)      /* shared by copies */
        return 1;
    for (int i = 0; i < a->ninst; i++) {
        if (a->inst[i].obj != b->inst[i].obj || a->inst[i].weak != b->inst[i].weak)
            return 0;
        for (int k = 0; k < nvars; k++)
            if (!av_equal(&a->inst[i].vars[k], &b->inst[i].vars[k]))
                return 0;
    }
    return 1;
}

int st_same_instances(Engine *e, const State *a, const State *b)
{
    return same_inst(a, b, e->rule->nvars);
}

int st_equal(Engine *e, const State *a, const State *b)
{
    if (a->hash != b->hash || a->nfacts != b->nfacts)
        return 0;
    for (int i = 0; i < a->nfacts; i++)
        if (a->facts[i].key != b->facts[i].key || !vt_same(e->vals, a->facts[i].val, b->facts[i].val))
            return 0;
    return vt_same(e->vals, a->ret, b->ret) && same_inst(a, b, e->rule->nvars);
}

/* States merge only with states in the same rule state whose return slot
 * says the same about success: a function's success and failure exits
 * (status 0 or not) never blur into one. */
int st_same_property(Engine *e, const State *a, const State *b)
{
    return same_inst(a, b, e->rule->nvars) &&
           (a->ret == b->ret || av_truth(st_ret(e, a)) == av_truth(st_ret(e, b)));
}

/* Do a and b agree on every frame-local fact (parameters at a call)? */
/* Do a and b hold the same facts on the keys `on` picks? */
static int same_facts_on(Engine *e, const State *a, const State *b,
                         int (*on)(const Engine *, int32_t))
{
    int i = 0, k = 0;
    for (;;) {
        while (i < a->nfacts && !on(e, a->facts[i].key))
            i++;
        while (k < b->nfacts && !on(e, b->facts[k].key))
            k++;
        if (i >= a->nfacts || k >= b->nfacts)
            return i >= a->nfacts && k >= b->nfacts;
        if (a->facts[i].key != b->facts[k].key || !vt_same(e->vals, a->facts[i].val, b->facts[k].val))
            return 0;
        i++;
        k++;
    }
}

static int local_key(const Engine *e, int32_t k)
{
    return !key_persistent(e, k);
}

int st_same_locals(Engine *e, const State *a, const State *b)
{
    return same_facts_on(e, a, b, local_key);
}

enum { LOST_MAX = 32 };

int st_lost_has(const State *s, int32_t key)
{
    int lo = 0, hi = s->nlost - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s->lost[mid] == key)
            return 1;
        if (s->lost[mid] < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

/* A sorted union of two lost lists (and one more key, if > 0); past
 * LOST_MAX keys the state is simply approximate.  `a` must be a state's
 * own list (it may be shared); `b` may be a caller's buffer. */
static void set_lost(Engine *e, State *s, const int32_t *a, int na, const int32_t *b, int nb,
                     int32_t extra)
{
    if (!na && !nb && extra <= 0) {
        s->lost = NULL;
        s->nlost = 0;
        return;
    }
    /* nothing to add to a: a state's own list, sorted, at most LOST_MAX;
     * also when b lies within it (a join's two sides mostly weakened the
     * same keys: one pass, no merge into a buffer, 95M of e100bex's 1.1G
     * engine instructions went to this function) */
    if (extra <= 0 && (nb == 0 || (b == a && nb == na))) {
        s->lost = na ? a : NULL;
        s->nlost = na;
        return;
    }
    if (nb == 0 && extra > 0) {      /* st_lost_add: one key into a's sorted list */
        int at = 0;
        while (at < na && a[at] < extra)
            at++;
        if (at < na && a[at] == extra) {
            s->lost = a;
            s->nlost = na;
            return;
        }
        if (na + 1 > LOST_MAX) {
            s->approx = 1;          /* too much was weakened to say what */
            s->lost = NULL;
            s->nlost = 0;
            return;
        }
        int32_t *v = arena_alloc_raw(e->arena, sizeof *v * (size_t)(na + 1));
        if (at)
            memcpy(v, a, sizeof *v * (size_t)at);
        v[at] = extra;
        if (na > at)
            memcpy(v + at + 1, a + at, sizeof *v * (size_t)(na - at));
        s->lost = v;
        s->nlost = na + 1;
        return;
    }
    if (extra <= 0 && nb <= na) {
        int i = 0, k = 0;
        while (k < nb && i < na && a[i] <= b[k]) {
            k += a[i] == b[k];
            i++;
        }
        if (k == nb) {
            s->lost = a;
            s->nlost = na;
            return;
        }
    }
    int32_t buf[2 * LOST_MAX + 1];
    int n = 0, i = 0, k = 0, over = 0;
    while (i < na || k < nb) {
        int32_t v = k >= nb || (i < na && a[i] <= b[k]) ? a[i] : b[k];
        while (i < na && a[i] == v)
            i++;
        while (k < nb && b[k] == v)
            k++;
        if (n == 2 * LOST_MAX) {
            over = 1;
            break;
        }
        buf[n++] = v;
    }
    if (extra > 0) {
        int at = n;
        while (at > 0 && buf[at - 1] > extra)
            at--;
        if (!(at > 0 && buf[at - 1] == extra)) {
            memmove(buf + at + 1, buf + at, sizeof *buf * (size_t)(n - at));
            buf[at] = extra;
            n++;
        }
    }
    if (n > LOST_MAX || over) {
        s->approx = 1;          /* too much was weakened to say what */
        n = 0;
    }
    /* lists are never written: share `a` (always a state's own list, never
     * a caller's buffer) when it is already the union */
    if (n && n == na && memcmp(buf, a, sizeof *buf * (size_t)n) == 0) {
        s->lost = a;
        s->nlost = n;
        return;
    }
    int32_t *v = n ? arena_alloc_raw(e->arena, sizeof *v * (size_t)n) : NULL;
    if (n)
        memcpy(v, buf, sizeof *v * (size_t)n);
    s->lost = v;
    s->nlost = n;
}

void st_lost_add(Engine *e, State *s, int32_t key)
{
    if (key > 0 && !st_lost_has(s, key))
        set_lost(e, s, s->lost, s->nlost, NULL, 0, key);
}

void st_lost_union(Engine *e, State *dst, const State *src)
{
    if (src->nlost)
        set_lost(e, dst, dst->lost, dst->nlost, src->lost, src->nlost, 0);
}

void st_lost_del(Engine *e, State *s, int32_t key)
{
    if (!s->nlost || (!key_has_below(e, key) && !st_lost_has(s, key)))
        return;
    int any = 0;
    for (int i = 0; i < s->nlost && !any; i++)
        any = s->lost[i] == key || key_is_below(e, s->lost[i], key);
    if (!any)
        return;
    int32_t *v = arena_alloc_raw(e->arena, sizeof *v * (size_t)s->nlost);
    int n = 0;
    for (int i = 0; i < s->nlost; i++)
        if (!(s->lost[i] == key || key_is_below(e, s->lost[i], key)))
            v[n++] = s->lost[i];
    s->lost = v;
    s->nlost = n;
}

/* Keep only the entries of s->lost whose key is persistent (want 1) or
 * frame-local (want 0). */
static int lost_filter(Engine *e, const State *s, int want, int32_t *out)
{
    int n = 0;
    for (int i = 0; i < s->nlost; i++)
        if (key_persistent(e, s->lost[i]) == want)
            out[n++] = s->lost[i];
    return n;
}

/* Widening join of a state a program point holds (a) with a newcomer (b)
 * with the same rule state: a fact known on one side only goes, facts on
 * both sides are widened (av_widen), so repeated merging terminates. */
/* a and b joined at key (widen 1: widened; 2: widened, a bound stopping
 * at the key's thresholds.c constants); key 0: the return slot. */
static AbsVal merge_at(const Engine *e, int32_t key, const AbsVal *a, const AbsVal *b, int widen)
{
    if (!widen)
        return av_join(a, b);
    if (widen == 1)
        return av_widen(a, b);
    int nth;
    const int64_t *th = thr_of(e->thr, key, &nth);
    return av_widen_at(a, b, th, nth);
}

State *st_join(Engine *e, const State *a, const State *b, int track, int widen)
{
    State *j = st_copy(e, a);
    own_facts(e, j, 0);
    int k = 0;
    for (int i = 0, ib = 0; i < a->nfacts; i++) {
        /* both sorted by key: b's fact for this key, if any, lies ahead */
        int32_t key = a->facts[i].key;
        while (ib < b->nfacts && b->facts[ib].key < key)
            ib++;
        if (ib >= b->nfacts || b->facts[ib].key != key)
            continue;
        int32_t av = a->facts[i].val, bv = b->facts[ib].val, wv;
        if (vt_same(e->vals, av, bv)) {
            wv = bv;
        } else {
            AbsVal w = merge_at(e, key, vt_val(e->vals, av), vt_val(e->vals, bv), widen);
            if (av_is_top(&w))
                continue;
            wv = vt_intern(e->vals, &w);
        }
        j->facts[k].key = key;
        j->facts[k].val = wv;
        k++;
    }
    j->nfacts = k;
    if (!vt_same(e->vals, a->ret, b->ret))
        st_set_ret(e, j, merge_at(e, 0, st_ret(e, a), st_ret(e, b), widen));
    j->join = NULL;
    if (!track) {
        j->approx = a->approx | b->approx;
        st_finish(e, j);
        return j;
    }
    /* what the join weakened: the keys whose facts differ, or that only
     * one side had (a merge walk: both arrays are sorted by key) */
    int32_t w[LOST_MAX + 1];
    int nw = 0, ia = 0, ib = 0;
    while ((ia < a->nfacts || ib < b->nfacts) && nw <= LOST_MAX) {
        if (ib >= b->nfacts || (ia < a->nfacts && a->facts[ia].key < b->facts[ib].key))
            w[nw++] = a->facts[ia++].key;
        else if (ia >= a->nfacts || b->facts[ib].key < a->facts[ia].key)
            w[nw++] = b->facts[ib++].key;
        else {
            if (!vt_same(e->vals, a->facts[ia].val, b->facts[ib].val))
                w[nw++] = a->facts[ia].key;
            ia++;
            ib++;
        }
    }
    j->approx = a->approx | b->approx;
    j->join = NULL;
    if (a->nlost || b->nlost)
        set_lost(e, j, a->lost, a->nlost, b->lost, b->nlost, 0);
    if (nw > LOST_MAX)
        j->approx = 1;
    else if (nw)
        set_lost(e, j, j->lost, j->nlost, w, nw, 0);
    st_finish(e, j);
    return j;
}

static int kept(Engine *e, const int32_t *keep, int nkeep, int32_t k)
{
    if (key_lent(e, k))             /* a caller's local lent down the calls */
        return 1;
    for (int i = 0; i < nkeep; i++)
        if (keep[i] == k)
            return 1;
    return 0;
}

State *st_strip_locals_but(Engine *e, const State *s, const int32_t *keep, int nkeep)
{
    State *c = st_copy(e, s);
    if (s->nlost) {
        int32_t lk[LOST_MAX];
        int n = lost_filter(e, s, 1, lk);
        if (n != s->nlost)
            set_lost(e, c, NULL, 0, lk, n, 0);
    }
    int nloc = 0;
    for (int i = 0; i < s->nfacts; i++)
        nloc += !key_persistent(e, s->facts[i].key) && !kept(e, keep, nkeep, s->facts[i].key);
    if (nloc == 0)
        return c;
    own_facts(e, c, 0);
    int k = 0;
    for (int i = 0; i < s->nfacts; i++)
        if (key_persistent(e, s->facts[i].key) || kept(e, keep, nkeep, s->facts[i].key))
            c->facts[k++] = s->facts[i];
    c->nfacts = k;
    return c;
}

State *st_drop_facts(Engine *e, const State *s, const unsigned char *drop)
{
    /* One pass copies the kept facts (own_facts copied them all, then they
     * were compacted) and notes whether a dropped one is in the lost list,
     * which is walked only then (e100bex: 11.5M instructions here, now 8.7M). */
    State *c = st_copy(e, s);
    Fact *nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(s->nfacts + 1));
    int k = 0, lost = 0;
    for (int i = 0; i < s->nfacts; i++)
        if (!drop[i])
            nf[k++] = s->facts[i];
        else if (s->nlost && !lost)
            lost = st_lost_has(s, s->facts[i].key);
    c->facts = nf;
    c->nfacts = k;
    c->facts_shared = 0;
    c->hashed = NULL;
    if (lost) {                      /* a dropped key is weakened no more: no one reads it */
        int32_t lk[LOST_MAX];
        int n = 0;
        for (int i = 0, j = 0; i < s->nlost; i++) {
            while (j < s->nfacts && s->facts[j].key < s->lost[i])
                j++;
            if (!(j < s->nfacts && s->facts[j].key == s->lost[i] && drop[j]))
                lk[n++] = s->lost[i];
        }
        if (n != s->nlost)
            set_lost(e, c, NULL, 0, lk, n, 0);
    }
    return c;
}

State *st_strip_locals(Engine *e, const State *s)
{
    return st_strip_locals_but(e, s, NULL, 0);
}

int st_has_locals(Engine *e, const State *s)
{
    for (int i = 0; i < s->nfacts; i++)
        if (!key_persistent(e, s->facts[i].key))
            return 1;
    return 0;
}

State *st_with_locals(Engine *e, const State *x, const State *s)
{
    State *r = st_copy(e, x);
    r->approx |= s->approx;
    if (s->nlost) {                  /* the caller's weakened locals come back too */
        int32_t loc[LOST_MAX];
        int n = lost_filter(e, s, 0, loc);
        if (n)
            set_lost(e, r, x->lost, x->nlost, loc, n, 0);
    }
    int nloc = 0;
    for (int i = 0; i < s->nfacts; i++)
        nloc += !key_persistent(e, s->facts[i].key);
    if (nloc == 0)
        return r;
    Fact *nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(x->nfacts + nloc));
    int n = 0, i = 0, k = 0;
    while (i < x->nfacts || k < s->nfacts) {
        if (k < s->nfacts && key_persistent(e, s->facts[k].key)) {
            k++;
            continue;
        }
        if (k >= s->nfacts || (i < x->nfacts && x->facts[i].key < s->facts[k].key))
            nf[n++] = x->facts[i++];
        else if (i >= x->nfacts || s->facts[k].key < x->facts[i].key)
            nf[n++] = s->facts[k++];
        else {           /* same key (cannot happen: one is local, one persistent) */
            nf[n++] = x->facts[i++];
            k++;
        }
    }
    r->facts = nf;
    r->nfacts = n;
    r->facts_shared = 0;
    return r;
}

/* Most vectors hold a few states and live for one call: their first block
 * (SV_FIRST slots) comes from and goes back to the run's pool instead of
 * malloc and free (e100bex: 300k of them, 6% of the engine's instructions). */
enum { SV_FIRST = 8 };

void sv_push(Engine *e, StateVec *v, State *s)
{
    if (v->n == v->cap) {
        if (v->cap == 0 && e->sv_npool) {
            v->v = e->sv_pool[--e->sv_npool];
            v->cap = SV_FIRST;
        } else {
            v->cap = v->cap ? v->cap * 2 : SV_FIRST;
            State **nv = realloc(v->v, sizeof *nv * (size_t)v->cap);
            if (!nv)
                abort();
            v->v = nv;
        }
    }
    v->v[v->n++] = s;
}

void sv_release(Engine *e, StateVec *v)
{
    if (v->cap == SV_FIRST && e->sv_npool < SV_POOL)
        e->sv_pool[e->sv_npool++] = v->v;
    else
        free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}

void sv_pool_free(Engine *e)
{
    while (e->sv_npool)
        free(e->sv_pool[--e->sv_npool]);
}

struct StateSet {
    Engine *e;               /* whose pool ss_free returns it to */
    StateSet *next_free;     /* in Engine.ss_pool */
    State **v;
    int n, cap;
    int keep;                /* states kept apart per rule state before merging */
    int loop;                /* a loop head (ss_mark_loop) */
    int gated;               /* keeps states apart by the deferred callbacks' gates (ss_mark_gated) */
    int frame;               /* in a function that cannot touch the rule (ss_mark_frame) */
    int fi, depth;           /* ss_set_origin; fi < 0: joins remember nothing */
    int npair;               /* joins of two held states made so far */
    int32_t status;          /* ss_set_status: the key whose truth also keeps states apart */
    int split;               /* ... as the rule state does (else only merges prefer it) */
    unsigned char *done;     /* per slot: its state's successors were computed (ss_mark_done) */
    State *joined;           /* the last one, for ss_take_joined */
};

/* Joins of two held states per set, past which a newcomer is merged into
 * its closest held state (each such join widens: the set still ends). */
enum { PAIR_MAX = 8 };

/* Sets come and go by the ten thousand (one per block per call): freed
 * ones wait in Engine.ss_pool with their arrays, for the next ss_new. */
StateSet *ss_new(Engine *e, int keep)
{
    StateSet *s = e->ss_pool;
    if (s) {
        e->ss_pool = s->next_free;
        State **v = s->v;
        unsigned char *done = s->done;
        int cap = s->cap;
        memset(s, 0, sizeof *s);
        s->v = v;
        s->done = done;
        s->cap = cap;
    } else {
        s = calloc(1, sizeof *s);
        if (!s)
            abort();
    }
    s->e = e;
    s->keep = keep > 0 ? keep : e->set_keep;
    s->fi = -1;
    return s;
}

int ss_holds(const StateSet *set, const State *s)
{
    for (int i = 0; i < set->n; i++)
        if (set->v[i] == s)
            return 1;
    return 0;
}

void ss_set_origin(StateSet *set, int fi, int depth)
{
    set->fi = fi;
    set->depth = depth;
}

void ss_mark_frame(StateSet *set)
{
    set->frame = 1;
}

void ss_set_status(StateSet *set, int32_t key)
{
    set->status = key;
    set->split = key && (set->frame || key_decisive(set->e, key));
}

/* What a state says of the status variable: 1 nonzero, 0 zero, -1 not known. */
static int status_truth(Engine *e, const State *s, int32_t key)
{
    const AbsVal *v = st_get(e, s, key);
    return v ? av_truth(v) : -1;
}

void ss_mark_gated(StateSet *set)
{
    set->gated = 1;
}

void ss_mark_loop(StateSet *set)
{
    set->loop = 1;
}

void ss_free(StateSet *set)
{
    if (set) {
        set->next_free = set->e->ss_pool;
        set->e->ss_pool = set;
    }
}

void ss_pool_free(Engine *e)
{
    while (e->ss_pool) {
        StateSet *s = e->ss_pool;
        e->ss_pool = s->next_free;
        free(s->v);
        free(s->done);
        free(s);
    }
}

static void ss_push(StateSet *set, State *s)
{
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 4;
        set->v = realloc(set->v, sizeof *set->v * (size_t)set->cap);
        set->done = realloc(set->done, (size_t)set->cap);
        if (!set->v || !set->done)
            abort();
    }
    set->done[set->n] = 0;
    set->v[set->n++] = s;
}

void ss_mark_done(StateSet *set, const State *s)
{
    for (int i = 0; i < set->n; i++)
        if (set->v[i] == s)
            set->done[i] = 1;
}

/* How many facts differ between a and b (known on one side only, or
 * known differently); a fact that decides whether a rule event happens
 * (a registered flag: key_set_decisive) counts as many as 64 others (a
 * counter): joins merge the states that differ least in what matters. */
static int diff_weight(Engine *e, int32_t key)
{
    return key_decisive(e, key) ? 64 : 1;
}

/* One fact, key and value, as one 64-bit word: the distance loop below
 * spends most of its time on facts two states share (e100bex: 154M -> 120M
 * instructions). */
_Static_assert(sizeof(Fact) == sizeof(uint64_t), "a fact is a key id and a value id");
static inline int same_fact(const Fact *x, const Fact *y)
{
    uint64_t a, b;
    memcpy(&a, x, sizeof a);
    memcpy(&b, y, sizeof b);
    return a == b;
}

int st_distance_below(Engine *e, const State *a, const State *b, int bound)
{
    const Fact *fa = a->facts, *fb = b->facts;
    int na = a->nfacts, nb = b->nfacts, i = 0, k = 0, d = 0;
    if (fa == fb && na == nb)    /* copies sharing their facts */
        return 0;
    while (i < na && k < nb && d < bound) {
        /* most facts are the same fact: key and value in one test */
        while (i < na && k < nb && same_fact(&fa[i], &fb[k]))
            i++, k++;
        if (i >= na || k >= nb)
            break;
        if (fa[i].key == fb[k].key) {
            if (!vt_same(e->vals, fa[i].val, fb[k].val))
                d += diff_weight(e, fa[i].key);
            i++;
            k++;
        } else if (fa[i].key < fb[k].key) {
            d += diff_weight(e, fa[i++].key);
        } else {
            d += diff_weight(e, fb[k++].key);
        }
    }
    for (; i < na && d < bound; i++)
        d += diff_weight(e, fa[i].key);
    for (; k < nb && d < bound; k++)
        d += diff_weight(e, fb[k].key);
    return d;
}

int st_distance(Engine *e, const State *a, const State *b)
{
    return st_distance_below(e, a, b, INT_MAX);
}

/* Would st_join(a, b) equal a (st_equal)?  The same facts and return slot
 * as a: b has every key of a, and widening a's value by b's gives a's.
 * Decided without building the join: a third of the joins a set tries on
 * a big driver change nothing. */
static int join_adds_nothing(Engine *e, const State *a, const State *b, int widen)
{
    if (a->nfacts > b->nfacts)
        return 0;
    for (int i = 0, ib = 0; i < a->nfacts; i++) {
        int32_t key = a->facts[i].key;
        while (ib < b->nfacts && b->facts[ib].key < key)
            ib++;
        if (ib >= b->nfacts || b->facts[ib].key != key)
            return 0;
        int32_t av = a->facts[i].val, bv = b->facts[ib].val;
        if (vt_same(e->vals, av, bv))
            continue;
        AbsVal w = merge_at(e, key, vt_val(e->vals, av), vt_val(e->vals, bv), widen);
        if (av_is_top(&w) || !av_equal(&w, vt_val(e->vals, av)))
            return 0;
    }
    if (!vt_same(e->vals, a->ret, b->ret)) {
        AbsVal w = merge_at(e, 0, st_ret(e, a), st_ret(e, b), widen);
        if (!av_equal(&w, st_ret(e, a)))
            return 0;
    }
    return 1;
}

/* How a set's joins merge values (st_join's widen): a loop head inside a
 * function widens a bound to the next constant the driver assigns the key
 * (a poll loop's `Wait = 100` after some rounds: thresholds.c); the
 * harness's callback loop only to the type limits (its adapter states
 * kept apart by such ranges cost case 132 60% more states, and its exact
 * path). */
static int widen_of(const StateSet *set)
{
    return set->loop ? (set->fi >= 0 ? 2 : 1) : 0;
}

/* a (held) and b joined: a's trace, both sides remembered. */
static State *join_held(Engine *e, const StateSet *set, State *a, State *b)
{
    State *j = st_join(e, a, b, !set->frame, widen_of(set));
    j->trace = a->trace;
    j->join = NULL;
    if (set->fi >= 0 && !set->loop)
        st_set_join(e, j, a, b, set->fi, set->depth);
    if (set->loop) {             /* a loop's iterations: nothing counts as weakened */
        j->approx = a->approx | b->approx;
        set_lost(e, j, a->lost, a->nlost, b->lost, b->nlost, 0);
    }
    return j;
}

/* Do a and b agree on whether each deferred callback may run (dfr_key)?
 * A frame keeps one state per point, joined; but a helper that arms a
 * timer under a flag (`if (Adapter->PollLink) NdisSetTimerObject(...)`)
 * must hand back its armed and its unarmed exit apart, each with what it
 * learnt of the flag (fr_apply), or the caller's later cancel under the
 * same flag cannot tell them apart (case 469).  Not in probes: they join
 * anyway what the full run keeps apart, and a probe that meets a report
 * for it only hands over to the full run (rtlnwifi's objects probes, whose
 * many timer helpers split, grew 3-4 times). */
int st_same_deferred(Engine *e, const State *a, const State *b)
{
    return same_facts_on(e, a, b, dfr_key);
}

int ss_add(Engine *e, StateSet *set, State *s, State **added)
{
    set->joined = NULL;
    st_finish(e, s);
    for (int i = 0; i < set->n; i++)
        if (set->v[i] && st_equal(e, set->v[i], s))
            return 0;
    /* which held states have s's rule state (asked once per slot: the
     * pair search below needs it again for every pair) */
    unsigned char likebuf[64], *like = set->n <= 64 ? likebuf : malloc((size_t)set->n);
    if (!like)
        abort();
    int same = 0, at = -1, best = 1 << 30;
    /* the status variable's truth (ss_set_status): in a frame (one state
     * per point) it keeps states apart; elsewhere a full point merges a
     * newcomer with one that says the same of it when there is one (kept
     * apart there too, mux's engine cost 40% more for no report changed) */
    int truth = set->status ? status_truth(e, s, set->status) : 0, nsame_truth = 0;
    for (int i = 0; i < set->n; i++) {
        int t = set->status && set->v[i] ? status_truth(e, set->v[i], set->status) == truth : 1;
        like[i] = set->v[i] && st_same_property(e, set->v[i], s) && (t || !set->split) &&
                  ((!set->frame && !set->gated) || e->probe || st_same_deferred(e, set->v[i], s));
        same += like[i];
        nsame_truth += like[i] && t;
    }
    if (same < set->keep) {
        if (like != likebuf)
            free(like);
        ss_push(set, s);
        *added = s;
        return 1;
    }
    if (set->status && !set->split && nsame_truth)
        for (int i = 0; i < set->n; i++)
            like[i] = like[i] && status_truth(e, set->v[i], set->status) == truth;
    for (int i = 0; i < set->n; i++)
        if (like[i]) {
            /* merge into the closest state: the fewest facts to give up */
            int d = st_distance_below(e, set->v[i], s, best);
            if (d < best) {
                best = d;
                at = i;
            }
        }
    /* Two held states closer to each other than the newcomer is to any:
     * they are joined, and the newcomer kept as it is (an allocator's
     * failure exits, which differ in one field each, merge among
     * themselves rather than into its success exit). */
    int pi = -1, pk = -1, pd = best / 2;
    for (int i = 0; set->npair < PAIR_MAX && i < set->n; i++)
        for (int k = i + 1; like[i] && k < set->n; k++)
            if (like[k]) {
                int d = st_distance_below(e, set->v[i], set->v[k], pd);
                if (d < pd) {
                    pd = d;
                    pi = i;
                    pk = k;
                }
            }
    if (like != likebuf)
        free(like);
    if (pi >= 0) {
        /* the join stands for two states whose successors were computed
         * already: it need not go on itself (what it adds are only
         * combinations of their facts no path has) */
        int both = set->done[pi] && set->done[pk];
        set->v[pi] = join_held(e, set, set->v[pi], set->v[pk]);
        set->done[pi] = (unsigned char)both;
        set->v[pk] = s;
        set->done[pk] = 0;
        set->npair++;
        set->joined = both ? NULL : set->v[pi];
        *added = s;
        return 1;
    }
    /* widen into the closest state with this rule state */
    if (join_adds_nothing(e, set->v[at], s, widen_of(set))) {
        e->nstates++;            /* counted as the join it stands for: the state budget
                                    (Spaceout) runs out where it did */
        return 0;
    }
    State *j = join_held(e, set, set->v[at], s);
    if (st_equal(e, j, set->v[at]))
        return 0;
    set->v[at] = j;
    set->done[at] = 0;
    *added = j;
    return 1;
}

State *ss_take_joined(StateSet *set)
{
    State *j = set->joined;
    set->joined = NULL;
    return j;
}

/* Append the states of a set to out (widened ones replace their originals). */
int ss_export(StateSet *set, StateVec *out, Engine *e)
{
    int n = 0;
    for (int i = 0; i < set->n; i++)
        if (set->v[i]) {
            sv_push(e, out, set->v[i]);
            n++;
        }
    return n;
}

