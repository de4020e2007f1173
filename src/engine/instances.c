/* instances.c - records a driver has many of, and the fields that point to them.
 *
 * A member reached through a pointer is named by its record type
 * ("_MP_QUEUE.Lock"): the facts about the adapter context flow between
 * functions and callbacks that way, whatever pointer they use.  For a
 * record the driver has many of, that name is one for all of them: the
 * transmit queue's lock and the receive queue's lock (`Adapter->Tx->Lock`,
 * `Adapter->Rx->Lock`) were one lock, so taking both was reported as taking
 * one twice, and a lock object type every lock is made of (SoftEther's
 * SL_LOCK, made by SlNewLock for each list, file and device) made every
 * nested acquisition look like a deadlock.
 *
 * Such a record is one whose objects the driver stores, freshly made (by a
 * call: an allocator, a constructor of its own), in two or more different
 * pointer fields: `Adapter->Tx = MpAllocQueue()`, `Adapter->Rx =
 * MpAllocQueue()`; `Dev->OpenCloseLock = SlNewLock()`, `List->lock =
 * SlNewLock()`; or one with a field that points to another of its kind
 * (a connection-tracking entry's `parent`: taking the entry's lock and
 * then its parent's is two locks, Open vSwitch's Conntrack.c).  The
 * adapter context is not: it is made once, and the fields that point to it
 * are copies (`Rfd->Adapter = Adapter`).  Which record a pointer field
 * points to is read off its uses: `Adapter->Tx->Lock` (the field
 * _MP_ADAPTER.Tx, the record _MP_QUEUE), a local copied from the field and
 * used so (`parent = Entry->parent; ... parent->lock`), and the arguments
 * bound to pointer parameters of a known record.
 *
 * A pointer loaded from one of those fields, where nothing else says what
 * it points to, carries the field as its origin (eval.c, AbsVal.origin,
 * also through locals and parameters), and a rule that tells objects apart
 * names what it points to by it: `_MP_ADAPTER.Tx->Lock` (ruleexec.c).
 * Facts keep their type-based names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

typedef struct Pair {
    const char *field, *rec;
} Pair;

typedef struct Pairs {
    Pair *v;
    int n, cap;
} Pairs;

static void add(Pairs *ps, const char *field, const char *rec)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 64;
        ps->v = realloc(ps->v, sizeof *ps->v * (size_t)ps->cap);
        if (!ps->v)
            abort();
    }
    ps->v[ps->n++] = (Pair){field, rec};
}

static int cmp_pair(const void *a, const void *b)
{
    const Pair *x = a, *y = b;
    int c = strcmp(x->field, y->field);
    return c ? c : strcmp(x->rec ? x->rec : "", y->rec ? y->rec : "");
}

/* A field of a record reached through a pointer: "REC.f" (not a local's
 * member "v.f", whose head is a variable, nor "*p"). */
static int is_field(const char *k)
{
    return k && k[0] != '*' && k[0] != '^' && k[0] != '<' && strchr(k, '.') &&
           !strchr(k, '[');
}

/* The record a path's key lies in ("_MP_QUEUE" of "_MP_QUEUE.Lock"), into buf. */
static const char *record_of(const char *k, char *buf, size_t n)
{
    const char *dot = k ? strchr(k, '.') : NULL;
    if (!dot || (size_t)(dot - k) >= n || k[0] == '*' || k[0] == '^' || k[0] == '<')
        return NULL;
    memcpy(buf, k, (size_t)(dot - k));
    buf[dot - k] = 0;
    return buf;
}

/* Every `F->g` path: the field F points to g's record. */
/* Every `F->g` path: the field F points to g's record; also `L->g` where
 * the function copied the field F into its local L (`parent =
 * Entry->parent; ... parent->lock`: copies[] pairs L with F). */
static void uses(Pairs *ps, const Expr *x, Arena *a, const Pairs *copies)
{
    if (!x)
        return;
    char buf[256];
    if (x->kind == EX_PATH && x->base_key && record_of(x->key, buf, sizeof buf)) {
        if (is_field(x->base_key))
            add(ps, x->base_key, arena_strdup(a, buf));
        else
            for (int i = 0; copies && i < copies->n; i++)
                if (strcmp(copies->v[i].field, x->base_key) == 0)
                    add(ps, copies->v[i].rec, arena_strdup(a, buf));
    }
    if (x->a)
        uses(ps, x->a, a, copies);
    if (x->b)
        uses(ps, x->b, a, copies);
    if (x->c)
        uses(ps, x->c, a, copies);
}

void inst_find(Program *p, Arena *a)
{
    Pairs to = {0}, fresh = {0};
    Pairs copies = {0};          /* per function: local L = field F, as (L, F) */
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        copies.n = 0;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind == ST_ASSIGN && st->lhs && st->lhs->kind == EX_PATH &&
                    st->lhs->is_pointer && st->lhs->key && !strchr(st->lhs->key, '.') &&
                    (st->lhs->scope == SCOPE_LOCAL || st->lhs->scope == SCOPE_PARAM) &&
                    st->rhs && st->rhs->kind == EX_PATH && is_field(st->rhs->key))
                    add(&copies, st->lhs->key, st->rhs->key);
            }
        for (int b = 0; b < f->nblocks; b++) {
            const Block *bl = &f->blocks[b];
            uses(&to, bl->cond, a, &copies);
            uses(&to, bl->retval, a, &copies);
            for (int k = 0; k < bl->nsteps; k++) {
                const Step *st = &bl->steps[k];
                uses(&to, st->lhs, a, &copies);
                uses(&to, st->rhs, a, &copies);
                for (int i = 0; i < st->nargs; i++)
                    uses(&to, st->args[i], a, &copies);
                if (st->kind != ST_CALL)
                    continue;
                if (st->lhs && st->lhs->kind == EX_PATH && st->lhs->is_pointer &&
                    is_field(st->lhs->key))
                    add(&fresh, st->lhs->key, NULL);
                const CallRes *cr = prog_call(p, st);
                for (int t = 0; cr && t < cr->n; t++) {
                    const Func *g = p->funcs[cr->fi[t]].f;
                    for (int j = 0; j < g->nparams && cr->first[t] + j < st->nargs; j++) {
                        const Expr *x = st->args[cr->first[t] + j];
                        if (x && x->kind == EX_PATH && x->is_pointer && is_field(x->key) &&
                            g->params[j].record)
                            add(&to, x->key, g->params[j].record);
                    }
                }
            }
        }
    }
    /* field -> record, where its uses agree on one */
    if (to.n)
        qsort(to.v, (size_t)to.n, sizeof *to.v, cmp_pair);
    int w = 0;
    for (int i = 0; i < to.n;) {
        int j = i;
        while (j < to.n && strcmp(to.v[j].field, to.v[i].field) == 0)
            j++;
        int agree = 1;
        for (int k = i + 1; k < j; k++)
            agree &= strcmp(to.v[k].rec, to.v[i].rec) == 0;
        if (agree)
            to.v[w++] = to.v[i];
        i = j;
    }
    to.n = w;
    /* records stored fresh in two or more fields */
    Pairs many = {0};
    if (fresh.n)
        qsort(fresh.v, (size_t)fresh.n, sizeof *fresh.v, cmp_pair);
    for (int i = 0; i < fresh.n; i++) {
        if (i > 0 && strcmp(fresh.v[i].field, fresh.v[i - 1].field) == 0)
            continue;
        Pair key = {fresh.v[i].field, NULL};
        for (int lo = 0, hi = to.n - 1; lo <= hi;) {
            int mid = (lo + hi) / 2, c = strcmp(to.v[mid].field, key.field);
            if (c == 0) {
                add(&many, to.v[mid].rec, NULL);
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
    }
    if (many.n)
        qsort(many.v, (size_t)many.n, sizeof *many.v, cmp_pair);
    /* a record one of whose own fields points to another of its kind
     * (Entry->parent, Node->next) has many */
    for (int i = 0; i < to.n; i++) {
        char buf[256];
        const char *r = record_of(to.v[i].field, buf, sizeof buf);
        if (r && strcmp(r, to.v[i].rec) == 0) {
            add(&many, to.v[i].rec, NULL);
            add(&many, to.v[i].rec, NULL);
        }
    }
    if (many.n)
        qsort(many.v, (size_t)many.n, sizeof *many.v, cmp_pair);
    /* the fields pointing to a record stored fresh in two or more */
    p->origin_keys = arena_alloc(a, sizeof *p->origin_keys * ((size_t)to.n + 1));
    for (int i = 0; i < to.n; i++) {
        int count = 0;
        for (int k = 0; k < many.n; k++)
            count += strcmp(many.v[k].field, to.v[i].rec) == 0;
        if (count >= 2)
            p->origin_keys[p->norigin_keys++] = to.v[i].field;
    }
    if (getenv("DRVCHECK_DEBUG_INSTANCES")) {
        for (int i = 0; i < to.n; i++)
            fprintf(stderr, "instances: %s -> %s\n", to.v[i].field, to.v[i].rec);
        for (int i = 0; i < fresh.n; i++)
            fprintf(stderr, "instances: fresh %s\n", fresh.v[i].field);
        for (int i = 0; i < p->norigin_keys; i++)
            fprintf(stderr, "instances: origin %s\n", p->origin_keys[i]);
    }
    free(to.v);
    free(fresh.v);
    free(many.v);
    free(copies.v);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int inst_origin_key(Engine *e, int32_t k)
{
    if (k <= 0)
        return 0;
    unsigned char *m = key_memo(e, &e->origin_ok, k);
    if (!*m) {
        const char *name = key_name(e, k);
        int yes = e->prog->norigin_keys &&
                  bsearch(&name, e->prog->origin_keys, (size_t)e->prog->norigin_keys,
                          sizeof *e->prog->origin_keys, cmp_str) != NULL;
        *m = (unsigned char)(yes ? 2 : 1);
    }
    return *m == 2;
}
