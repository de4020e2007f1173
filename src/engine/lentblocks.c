/* lentblocks.c - blocks lent by address to a pointer of their own record
 * type, and the fields read through that pointer.
 *
 * RingInit(a, &a->Tx) (Tx a RING) or `PRING r = &a->Tx;` lends the block
 * a->Tx to a pointer that names its fields by the record type: r->InUse is
 * _RING.InUse, which at run time, with r = &a->Tx, is the block's own field
 * _AD.Tx.InUse (eval.c ev_key_in, derived_key).  That key came into being
 * only when the test first ran, after NdisZeroMemory(a, ...) had zeroed the
 * keys it knew (apimodel.c zero_fill): the test right after the zeroing went
 * both ways, and a lock held on the impossible way was reported (blind
 * round 10 zero_interior_ptr).  So each (block, record) pair the driver
 * lends is found once per driver (the base run), and each run's slice,
 * once it knows its decisive keys, names the record's decisive fields below
 * every block lent as that record (lb_name_fields), before the run: a
 * zeroing of the adapter then zeroes them.  Lent blocks nest (RingInit hands
 * &r->Sub on: _RING.Sub.x, then _AD.Tx.Sub.x), so to a fixed point.
 *
 * A pair comes from a call argument &E (E a path whose key is kept from
 * call to call: a field through a pointer, a global) bound to a parameter
 * whose type points to a record, or a local pointer the function assigns
 * &E and hands to such a parameter or reads fields through (the record is
 * then the one those fields' keys start with).  A block of a function's own
 * stack (a local RING lent to a helper) is left out: the run names its
 * fields "^ring.f" (lent) where its zeroing names "ring.f". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

enum { LB_MAX_PAIRS = 4096, LB_MAX_ROUNDS = 8 };

typedef struct LentPair {
    int32_t block;           /* the block's key id (the base run's) */
    const char *rec;         /* the record type it is lent as ("_RING") */
    size_t rlen;
} LentPair;

struct LentBlocks {
    LentPair *v;
    int n, cap;
};

/* A local pointer of one function and the block it was assigned the
 * address of (0 when assigned two, or anything else). */
typedef struct LocalLent {
    const char *local;
    int32_t block;
} LocalLent;

static void add_pair(LentBlocks *lb, int32_t block, const char *rec, size_t rlen)
{
    if (!block || !rec || !rlen || lb->n >= LB_MAX_PAIRS)
        return;
    for (int i = 0; i < lb->n; i++)
        if (lb->v[i].block == block && lb->v[i].rlen == rlen && strncmp(lb->v[i].rec, rec, rlen) == 0)
            return;
    if (lb->n == lb->cap) {
        lb->cap = lb->cap ? 2 * lb->cap : 16;
        lb->v = realloc(lb->v, sizeof *lb->v * (size_t)lb->cap);
        if (!lb->v)
            abort();
    }
    lb->v[lb->n++] = (LentPair){block, rec, rlen};
}

/* &E's block key when E is a path kept from call to call, else 0. */
static int32_t lent_block(Engine *e, const Expr *x)
{
    if (!x || x->kind != EX_ADDR || !x->a || x->a->kind != EX_PATH || !x->a->key || x->a->index ||
        x->a->key[0] == '*')
        return 0;
    if (x->a->scope != SCOPE_GLOBAL && x->a->scope != SCOPE_HEAP)
        return 0;
    int32_t k = ev_path_key(e, x->a);
    return k > 0 && key_persistent(e, k) && !key_elem(e, k) ? k : 0;
}

static int32_t local_block(const LocalLent *ll, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (strcmp(ll[i].local, name) == 0)
            return ll[i].block;
    return 0;
}

/* Reads through a local pointer lent a block, in x: the record the field's
 * key starts with (Ring->InUse: _RING). */
static void reads_through(LentBlocks *lb, const LocalLent *ll, int nll, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            int32_t blk = x->base_key ? local_block(ll, nll, x->base_key) : 0;
            const char *dot = blk && x->key ? strchr(x->key, '.') : NULL;
            if (dot && x->key[0] != '*')
                add_pair(lb, blk, x->key, (size_t)(dot - x->key));
            reads_through(lb, ll, nll, x->index);
            return;
        }
        reads_through(lb, ll, nll, x->a);
        reads_through(lb, ll, nll, x->c);
    }
}

static void scan_function(Engine *e, const Program *p, int fi, LentBlocks *lb)
{
    const Func *f = p->funcs[fi].f;
    LocalLent *ll = NULL;
    int nll = 0, cap = 0;
    /* the local pointers assigned the address of a block, each one block */
    for (int b = 0; b < f->nblocks; b++)
        for (int k = 0; k < f->blocks[b].nsteps; k++) {
            const Step *st = &f->blocks[b].steps[k];
            const Expr *l = st->lhs;
            if (!l || l->kind != EX_PATH || l->scope != SCOPE_LOCAL || !l->is_pointer || !l->key ||
                strpbrk(l->key, ".*["))
                continue;
            int32_t blk = st->kind == ST_ASSIGN ? lent_block(e, st->rhs) : 0;
            int i = 0;
            while (i < nll && strcmp(ll[i].local, l->key) != 0)
                i++;
            if (i == nll) {
                if (nll == cap) {
                    cap = cap ? 2 * cap : 8;
                    ll = realloc(ll, sizeof *ll * (size_t)cap);
                    if (!ll)
                        abort();
                }
                ll[nll++] = (LocalLent){l->key, blk};
            } else if (ll[i].block != blk) {
                ll[i].block = 0;             /* two blocks, or something else too */
            }
        }
    for (int b = 0; b < f->nblocks; b++) {
        const Block *bl = &f->blocks[b];
        if (nll && bl->term == T_BRANCH)
            reads_through(lb, ll, nll, bl->cond);
        for (int k = 0; k < bl->nsteps; k++) {
            const Step *st = &bl->steps[k];
            if (nll) {
                reads_through(lb, ll, nll, st->rhs);
                for (int x = 0; x < st->nargs; x++)
                    reads_through(lb, ll, nll, st->args[x]);
            }
            if (st->kind != ST_CALL)
                continue;
            const CallRes *cr = prog_call(p, st);
            for (int t = 0; cr && t < cr->n; t++) {
                const Func *g = p->funcs[cr->fi[t]].f;
                for (int j = 0; j < g->nparams; j++) {
                    int x = cr->first[t] + j;
                    const char *rec = g->params[j].record;
                    if (x >= st->nargs || !rec || !g->params[j].name || !g->params[j].name[0])
                        continue;
                    const Expr *ax = st->args[x];
                    int32_t blk = lent_block(e, ax);
                    if (!blk && ax->kind == EX_PATH && ax->scope == SCOPE_LOCAL)
                        blk = local_block(ll, nll, ax->key);
                    add_pair(lb, blk, rec, strlen(rec));
                }
            }
        }
    }
    free(ll);
}

LentBlocks *lb_build(Engine *base)
{
    LentBlocks *lb = calloc(1, sizeof *lb);
    if (!lb)
        abort();
    const Program *p = base->prog;
    for (int fi = 0; fi < p->nfuncs; fi++)
        scan_function(base, p, fi, lb);
    /* a block lent as its own record (Helper(&Adapter->Intr) where the
     * key is _MP_ADAPTER.Intr and the parameter a PMP_INTR) is the common
     * case: its fields are named below it already when the record is the
     * block's key itself */
    int n = 0;
    for (int i = 0; i < lb->n; i++) {
        const char *bn = key_name(base, lb->v[i].block);
        if (strlen(bn) == lb->v[i].rlen && strncmp(bn, lb->v[i].rec, lb->v[i].rlen) == 0)
            continue;
        lb->v[n++] = lb->v[i];
    }
    lb->n = n;
    return lb;
}

/* Every decisive, relevant field of a record lent (R.f), named below each
 * block lent as R (B.f): relevant, and set by a zeroing of the block
 * (KeyEnt.zeroed), not decisive: joins keep states apart by R.f already,
 * and by B.f too cost imxnetmini 1.5% more states.  To a fixed point
 * (nested blocks: B.f zeroed counts as R.f decisive), at most
 * LB_MAX_ROUNDS.  The keys it named are *out's (malloc'd; the slice lists
 * their names as relevant), their count returned. */
int lb_name_fields(Engine *e, const LentBlocks *lb, int32_t **out)
{
    int nout = 0, cap = 0;
    *out = NULL;
    if (!lb || !lb->n)
        return 0;
    for (int round = 0, more = 1; more && round < LB_MAX_ROUNDS; round++) {
        more = 0;
        int32_t n = e->keys->n;             /* the keys interned below are seen next round */
        for (int32_t k = 1; k < n; k++) {
            if (!(key_decisive(e, k) || e->keys->ents[k].zeroed) || !key_relevant(e, k) ||
                key_elem(e, k))
                continue;
            const char *kn = key_name(e, k);
            const char *dot = strchr(kn, '.');
            if (!dot)
                continue;
            size_t rl = (size_t)(dot - kn);
            for (int i = 0; i < lb->n; i++) {
                if (lb->v[i].rlen != rl || strncmp(lb->v[i].rec, kn, rl) != 0)
                    continue;
                char buf[512];
                int w = snprintf(buf, sizeof buf, "%s%s", key_name(e, lb->v[i].block), dot);
                if (w < 0 || (size_t)w >= sizeof buf)
                    continue;
                int32_t to = key_intern(e, buf, 1);
                if (!key_decisive(e, to) && !e->keys->ents[to].zeroed) {
                    key_set_relevant(e, to);
                    key_set_zeroed(e, to);
                    more = 1;
                    if (nout == cap) {
                        cap = cap ? 2 * cap : 8;
                        *out = realloc(*out, sizeof **out * (size_t)cap);
                        if (!*out)
                            abort();
                    }
                    (*out)[nout++] = to;
                }
            }
        }
    }
    return nout;
}

void lb_free(LentBlocks *lb)
{
    if (lb) {
        free(lb->v);
        free(lb);
    }
}
