/* valtab.c - the abstract values a rule run's facts hold, interned.
 *
 * A Fact names its value by a small id instead of holding the 48-byte
 * AbsVal: a driver's millions of facts take only a few thousand distinct
 * values (constants, NULL / non-NULL, a few ranges), so states shrink by
 * most of their size and comparing two facts is comparing two ids.
 *
 * Invariants: a value is interned exactly as given, every field and every
 * bit (st_get gives back what st_set was handed, also the bits av_equal
 * ignores); each id also has the id of its canonical form (known bits
 * masked, no exclusion value without has_excl), so av_equal(a, b) holds
 * exactly when their canonical ids are equal (vt_same).  Values never move
 * (they are kept in fixed blocks): pointers to them stay valid until the
 * run ends.  Cost: one hash probe per interned value. */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

/* The hash of a value as states hash it: of its canonical form only. */
static uint64_t hash_canon(const AbsVal *v)
{
    uint64_t h = mix((uint64_t)v->lo, (uint64_t)v->hi);
    h = mix(h, v->has_excl ? (uint64_t)v->excl : 0x55);
    h = mix(h, v->kmask);
    h = mix(h, v->kbits & v->kmask);
    h = mix(h, v->vset);
    h = mix(h, (uint64_t)v->origin);
    return mix(h, (uint64_t)v->pointee);
}

/* The hash of every field: which slot of the table an exact value takes. */
static uint64_t hash_exact(const AbsVal *v)
{
    uint64_t h = mix((uint64_t)v->lo, (uint64_t)v->hi);
    h = mix(h, (uint64_t)v->excl);
    h = mix(h, v->kmask);
    h = mix(h, v->kbits);
    h = mix(h, v->vset);
    h = mix(h, (uint64_t)v->pointee);
    h = mix(h, (uint64_t)v->origin);
    return mix(h, v->has_excl);
}

static int same_exact(const AbsVal *a, const AbsVal *b)
{
    return a->lo == b->lo && a->hi == b->hi && a->vset == b->vset && a->excl == b->excl &&
           a->kmask == b->kmask &&
           a->kbits == b->kbits && a->pointee == b->pointee && a->has_excl == b->has_excl &&
           a->origin == b->origin;
}

ValTab *vt_new(void)
{
    ValTab *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    t->nslots = 1024;
    t->slots = calloc((size_t)t->nslots, sizeof *t->slots);
    t->cap = VT_BLOCK;
    t->canon = malloc(sizeof *t->canon * (size_t)t->cap);
    t->hash = malloc(sizeof *t->hash * (size_t)t->cap);
    if (!t->slots || !t->canon || !t->hash)
        abort();
    t->n = 1;                /* id 0 is "no value" */
    t->canon[0] = 0;
    t->hash[0] = 0;
    t->blk = calloc(1, sizeof *t->blk);
    t->blk[0] = malloc(sizeof **t->blk * VT_BLOCK);    /* filled as ids are handed out */
    t->nblk = 1;
    if (!t->blk || !t->blk[0])
        abort();
    t->blk[0][0] = av_top();     /* id 0: never a fact's, but defined */
    AbsVal top = av_top();
    if (vt_intern(t, &top) != VT_TOP)
        abort();
    return t;
}

void vt_free(ValTab *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->nblk; i++)
        free(t->blk[i]);
    free(t->blk);
    free(t->slots);
    free(t->canon);
    free(t->hash);
    free(t);
}

static void rehash(ValTab *t)
{
    free(t->slots);
    t->nslots *= 2;
    t->slots = calloc((size_t)t->nslots, sizeof *t->slots);
    if (!t->slots)
        abort();
    uint64_t m = (uint64_t)t->nslots - 1;
    for (int32_t id = 1; id < t->n; id++) {
        uint64_t h = hash_exact(vt_val(t, id)) & m;
        while (t->slots[h])
            h = (h + 1) & m;
        t->slots[h] = id;
    }
}

/* Append v as a new id (its canonical id still to be set). */
static int32_t append(ValTab *t, const AbsVal *v, uint64_t slot)
{
    int32_t id = t->n;
    if (id == t->cap) {
        t->cap *= 2;
        t->canon = realloc(t->canon, sizeof *t->canon * (size_t)t->cap);
        t->hash = realloc(t->hash, sizeof *t->hash * (size_t)t->cap);
        if (!t->canon || !t->hash)
            abort();
    }
    if ((id >> VT_SHIFT) == t->nblk) {
        t->blk = realloc(t->blk, sizeof *t->blk * (size_t)(t->nblk + 1));
        if (!t->blk)
            abort();
        t->blk[t->nblk] = malloc(sizeof **t->blk * VT_BLOCK);
        if (!t->blk[t->nblk])
            abort();
        t->nblk++;
    }
    t->blk[id >> VT_SHIFT][id & (VT_BLOCK - 1)] = *v;
    t->hash[id] = hash_canon(v);
    t->canon[id] = id;
    t->slots[slot] = id;
    t->n++;
    if (t->n * 2 > t->nslots)
        rehash(t);
    return id;
}

int32_t vt_intern(ValTab *t, const AbsVal *v)
{
    uint64_t m = (uint64_t)t->nslots - 1;
    uint64_t h = hash_exact(v) & m;
    for (; t->slots[h]; h = (h + 1) & m)
        if (same_exact(vt_val(t, t->slots[h]), v))
            return t->slots[h];
    int32_t id = append(t, v, h);
    AbsVal c = *v;
    c.kbits &= c.kmask;
    if (!c.has_excl)
        c.excl = 0;
    if (!same_exact(&c, v))
        t->canon[id] = vt_intern(t, &c);
    return id;
}
