/* kids.c - the children of a cursor, enumerated by libclang once per function.
 *
 * Lowering asks for the children of one node several times: binop_kind,
 * then lower_binary, then name_constant's skip_wrappers and last_expr_kid
 * each call kids() on the same operator or cast.  clang_visitChildren
 * builds a CursorVisitor with its work list for every call; the children
 * it yields are kept here, keyed by the whole cursor (kind, xdata and the
 * three data words: an expression is its Stmt pointer in data[1] with its
 * declaration in data[0]), so a second call copies them back.  Equal
 * cursors name the same node of the same unit, whose children do not
 * change; entries are dropped when a function's lowering starts
 * (kids_reset), which bounds the table by one function's nodes.
 * A third of the calls are repeats (rtlnwifi st_oids.c: 8,029 calls, 5,432
 * nodes, ~900 instructions an enumeration): the lowering went from 33.0M
 * to 32.2M instructions there, wireguard-nt's crypto.c 387M to 384M. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

struct KidCache {
    struct KidEnt {
        CXCursor c;          /* the parent */
        int first, n;        /* its children: pool[first .. first + n) */
        unsigned gen;        /* the slot is used when this is the cache's gen */
    } *ents;
    unsigned cap, n;         /* slots (a power of two), used */
    unsigned gen;            /* a reset moves it on: clearing the slots of a big
                                function's table at every function cost more
                                than the enumerations saved */
    CXCursor *pool;
    int npool, cappool;
};

static unsigned kid_hash(CXCursor c)
{
    uintptr_t h = (uintptr_t)c.data[1] * 31u + (uintptr_t)c.data[0] * 7u +
                  (uintptr_t)c.data[2] + (unsigned)c.kind * 131u + (unsigned)c.xdata;
    h ^= h >> 17;
    return (unsigned)(h * 2654435761u);
}

static int same(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && a.xdata == b.xdata && a.data[0] == b.data[0] &&
           a.data[1] == b.data[1] && a.data[2] == b.data[2];
}

static unsigned kid_slot(const struct KidCache *k, CXCursor c)
{
    unsigned i = kid_hash(c) & (k->cap - 1);
    while (k->ents[i].gen == k->gen && !same(k->ents[i].c, c))
        i = (i + 1) & (k->cap - 1);
    return i;
}

static void push(Lower *L, CXCursor c)
{
    if (L->ncs == L->capcs) {
        L->capcs = L->capcs ? L->capcs * 2 : 256;
        L->cs = realloc(L->cs, (size_t)L->capcs * sizeof *L->cs);
        if (!L->cs)
            abort();
    }
    L->cs[L->ncs++] = c;
}

static enum CXChildVisitResult push_kid(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    push(d, c);
    return CXChildVisit_Continue;
}

static void grow(struct KidCache *k)
{
    struct KidCache old = *k;
    k->cap = old.cap ? old.cap * 2 : 1024;
    k->ents = calloc(k->cap, sizeof *k->ents);    /* gen 0: free while k->gen > 0 */
    if (!k->ents)
        abort();
    for (unsigned i = 0; i < old.cap; i++)
        if (old.ents[i].gen == k->gen)
            k->ents[kid_slot(k, old.ents[i].c)] = old.ents[i];
    free(old.ents);
}

int kids(Lower *L, CXCursor c)
{
    int base = L->ncs;
    if (!L->kids) {
        if (!(L->kids = calloc(1, sizeof *L->kids)))
            abort();
        L->kids->gen = 1;
    }
    struct KidCache *k = L->kids;
    if (2 * (k->n + 1) > k->cap)             /* at most half full */
        grow(k);
    unsigned i = kid_slot(k, c);
    if (k->ents[i].gen == k->gen) {
        struct KidEnt *e = &k->ents[i];
        for (int j = 0; j < e->n; j++)
            push(L, k->pool[e->first + j]);
        return base;
    }
    clang_visitChildren(c, push_kid, L);
    int n = L->ncs - base;
    if (k->npool + n > k->cappool) {
        while (k->npool + n > k->cappool)
            k->cappool = k->cappool ? k->cappool * 2 : 1024;
        k->pool = realloc(k->pool, (size_t)k->cappool * sizeof *k->pool);
        if (!k->pool)
            abort();
    }
    memcpy(k->pool + k->npool, L->cs + base, (size_t)n * sizeof *k->pool);
    k->ents[i] = (struct KidEnt){ c, k->npool, n, k->gen };
    k->npool += n;
    k->n++;
    return base;
}

void kids_reset(Lower *L)
{
    if (!L->kids || !L->kids->n)
        return;
    L->kids->gen++;
    L->kids->n = 0;
    L->kids->npool = 0;
}

void kids_free(Lower *L)
{
    if (!L->kids)
        return;
    free(L->kids->ents);
    free(L->kids->pool);
    free(L->kids);
    L->kids = NULL;
}
