/* cursors.c - pointers that walk a collection, and the objects they leave.
 *
 * A member reached through a pointer is named by its record type
 * (`_RX_QUEUE.Lock`, instances.c), so the lock of every element of a list
 * is one object to a rule.  A loop that walks the list with a local pointer
 * (a cursor) meets another element in each iteration: taking queue 2's
 * lock while queue 1's is held is not taking one lock twice, and a loop
 * that releases every file's lock, after one that took them all, does not
 * release a lock it does not hold in its second iteration.
 *
 * A cursor is a local pointer the function sets to an element of a
 * collection:
 * - an element at an index the code computes (`f = List->p[i]`, also
 *   under `?:`: `SL_LIST_DATA(List, i)`);
 * - the record around a list link (`Queue = CONTAINING_RECORD(Entry,
 *   RX_QUEUE, Link)`) where the link comes from walking or emptying a list
 *   (`Entry = Entry->Flink`, `Entry = RemoveHeadList(&Head)`), not from a
 *   callback's context (`CONTAINING_RECORD(Context, ADAPTER, Timer)` is
 *   the one adapter);
 * - the next record of a chain (`Tcb = Tcb->Next`).
 * Its records are the ones the function reaches through it (`Queue->Lock`).
 *
 * Each assignment to a cursor marks the rule's instances of objects in its
 * records as weak (Inst.weak): the next guarded event on such an object
 * may act on another element than the one its state was set by, so the
 * event's aborts are not reported (the element it acts on may be in any
 * state), and its other transitions are taken; the instance is then the
 * element the cursor points to, no longer weak.  Checks at a callback's
 * exit still see every instance: a lock left held in one iteration is
 * still reported there.  Two events through one cursor that did not move
 * act on one element and are checked as before. */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

typedef struct Pairs {
    CursorPair *v;
    int n, cap;
    int from;                /* the current function's pairs start here */
} Pairs;

static void add(Pairs *ps, const char *local, const char *rec)
{
    for (int i = ps->from; i < ps->n; i++)
        if (strcmp(ps->v[i].local, local) == 0 && strcmp(ps->v[i].rec, rec) == 0)
            return;
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 16;
        ps->v = realloc(ps->v, sizeof *ps->v * (size_t)ps->cap);
        if (!ps->v)
            abort();
    }
    ps->v[ps->n++] = (CursorPair){local, rec};
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* A list link's next or previous pointer: `E->Flink`, `Head.Blink`, `P->Next`. */
static int is_link_read(const Expr *x)
{
    return x && x->kind == EX_PATH && x->key &&
           (ends_with(x->key, ".Flink") || ends_with(x->key, ".Blink") ||
            ends_with(x->key, ".Next"));
}

/* A plain local of the function ("Entry", not "Entry.Flink" nor a global). */
static int is_plain_local(const Expr *x)
{
    return x && x->kind == EX_PATH && x->key && x->scope == SCOPE_LOCAL &&
           !strpbrk(x->key, ".[*^<$@");
}

/* Does f set local `name` from walking or emptying a list: a link read
 * (`Entry = Entry->Flink`) or a call's result (`Entry =
 * RemoveHeadList(&Q)`; a helper that hands back a list entry)? */
static int walks_list(const Func *f, const char *name)
{
    for (int b = 0; b < f->nblocks; b++)
        for (int k = 0; k < f->blocks[b].nsteps; k++) {
            const Step *st = &f->blocks[b].steps[k];
            if (!st->lhs || st->lhs->kind != EX_PATH || !st->lhs->key ||
                strcmp(st->lhs->key, name) != 0)
                continue;
            if (st->kind == ST_CALL || is_link_read(st->rhs))
                return 1;
        }
    return 0;
}

/* Is x (the value a local pointer `lhs` is set to) an element of a
 * collection, as the header comment says? */
static int element_value(const Func *f, const Expr *x, const char *lhs)
{
    if (!x)
        return 0;
    switch (x->kind) {
    case EX_ADDR:                   /* Queue = &Adapter->Queues[i] */
        return x->a && x->a->kind == EX_PATH && x->a->key && strstr(x->a->key, "[]");
    case EX_PATH:
        if (x->is_pointer && x->key && strstr(x->key, "[]"))
            return 1;                                   /* List->p[i] */
        return x->base_key && strcmp(x->base_key, lhs) == 0 && is_link_read(x);  /* Tcb->Next */
    case EX_COND:
        return element_value(f, x->b, lhs) || element_value(f, x->c, lhs);
    case EX_BINOP:                  /* CONTAINING_RECORD: (char *)Entry - &((T *)0)->Link */
        if (x->op != OP_SUB || !x->b || x->b->kind != EX_ADDR)
            return 0;
        if (is_link_read(x->a))
            return 1;
        return is_plain_local(x->a) && walks_list(f, x->a->key);
    default:
        return 0;
    }
}

/* The record a path's key lies in ("_RX_QUEUE" of "_RX_QUEUE.Lock"), into buf. */
static const char *record_of(const char *k, char *buf, size_t n)
{
    const char *dot = k ? strchr(k, '.') : NULL;
    if (!dot || dot == k || (size_t)(dot - k) >= n || strchr("*^<&", k[0]))
        return NULL;
    memcpy(buf, k, (size_t)(dot - k));
    buf[dot - k] = 0;
    return buf;
}

/* Every path through one of f's cursors: its record. */
static void records(Pairs *ps, const Pairs *locals, const Expr *x, Arena *a)
{
    if (!x)
        return;
    char buf[256];
    if (x->kind == EX_PATH && x->base_key && record_of(x->key, buf, sizeof buf))
        for (int i = 0; i < locals->n; i++)
            if (strcmp(locals->v[i].local, x->base_key) == 0)
                add(ps, locals->v[i].local, arena_strdup(a, buf));
    records(ps, locals, x->a, a);
    records(ps, locals, x->b, a);
    records(ps, locals, x->c, a);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void cur_find(Program *p, Arena *a)
{
    Pairs all = {0}, locals = {0};
    p->cursor_start = arena_alloc(a, sizeof *p->cursor_start * (size_t)(p->nfuncs + 1));
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        p->cursor_start[fi] = all.from = all.n;
        locals.n = 0;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_ASSIGN || !st->lhs || !st->lhs->is_pointer ||
                    !is_plain_local(st->lhs) || !element_value(f, st->rhs, st->lhs->key))
                    continue;
                add(&locals, st->lhs->key, "");
                if (st->rhs->kind == EX_ADDR)   /* its objects: the elements' (a[].Lock) */
                    add(&all, st->lhs->key, st->rhs->a->key);
            }
        if (!locals.n)
            continue;
        for (int b = 0; b < f->nblocks; b++) {
            const Block *bl = &f->blocks[b];
            for (int k = 0; k < bl->nsteps; k++) {
                const Step *st = &bl->steps[k];
                records(&all, &locals, st->lhs, a);
                records(&all, &locals, st->rhs, a);
                records(&all, &locals, st->callee_expr, a);
                for (int i = 0; i < st->nargs; i++)
                    records(&all, &locals, st->args[i], a);
            }
            records(&all, &locals, bl->cond, a);
        }
    }
    p->cursor_start[p->nfuncs] = all.n;
    p->cursors = arena_alloc(a, sizeof *p->cursors * (size_t)(all.n + 1));
    if (all.n)
        memcpy(p->cursors, all.v, sizeof *all.v * (size_t)all.n);
    p->cursor_recs = arena_alloc(a, sizeof *p->cursor_recs * (size_t)(all.n + 1));
    int nr = 0;
    for (int i = 0; i < all.n; i++)
        p->cursor_recs[nr++] = all.v[i].rec;
    qsort(p->cursor_recs, (size_t)nr, sizeof *p->cursor_recs, cmp_str);
    int w = 0;
    for (int i = 0; i < nr; i++)
        if (!w || strcmp(p->cursor_recs[w - 1], p->cursor_recs[i]) != 0)
            p->cursor_recs[w++] = p->cursor_recs[i];
    p->ncursor_recs = w;
    free(all.v);
    free(locals.v);
}

/* Does the object key k lie in a record some cursor walks? */
int cur_record_key(const Engine *e, int32_t k)
{
    const Program *p = e->prog;
    if (!p->ncursor_recs || !k)
        return 0;
    /* some record r with k = "r.<rest>": each prefix of k before a '.' is
     * looked up in the sorted records (asked at every rule event on an
     * object and every rule-state string: rtlnwifi 125k times) */
    const char *n = key_name(e, k);
    for (const char *dot = strchr(n, '.'); dot; dot = strchr(dot + 1, '.')) {
        size_t len = (size_t)(dot - n);
        int lo = 0, hi = p->ncursor_recs - 1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            const char *r = p->cursor_recs[mid];
            int c = strncmp(n, r, len);      /* the prefix against r, as strcmp sorted them */
            if (c == 0 && r[len] == 0)
                return 1;
            if (c < 0 || (c == 0 && r[len] != 0))
                hi = mid - 1;
            else
                lo = mid + 1;
        }
    }
    return 0;
}

State *cur_moved(Engine *e, int fi, const Step *st, State *s)
{
    const Program *p = e->prog;
    int from = p->cursor_start[fi], to = p->cursor_start[fi + 1];
    if (from == to || !s->ninst || !st->lhs || !st->lhs->key)
        return s;
    State *n = s;
    for (int c = from; c < to; c++) {
        if (strcmp(p->cursors[c].local, st->lhs->key) != 0)
            continue;
        size_t len = strlen(p->cursors[c].rec);
        for (int i = 0; i < n->ninst; i++) {
            const char *k = n->inst[i].obj ? key_name(e, n->inst[i].obj) : "";
            if (strncmp(k, p->cursors[c].rec, len) != 0 || k[len] != '.')
                continue;
            int want = INST_WEAK | (rx_inst_initial(e->rule, &n->inst[i]) ? 0 : INST_SPREAD);
            if ((n->inst[i].weak & want) == want)
                continue;
            if (n == s) {
                n = st_copy(e, s);
                st_own_inst(e, n);
            }
            n->inst[i].weak |= (uint8_t)want;
        }
    }
    return n;
}
