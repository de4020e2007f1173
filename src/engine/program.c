/* program.c - one driver seen as a program: its functions by name, the
 * function addresses it stores (for calls through pointers), the callbacks
 * NDIS will call (entry points), and the names it calls.
 *
 * Names resolve as the linker would: a call from a file reaches that
 * file's own definition first (static or not), else the one non-static
 * definition in the driver.  Entry points come from role type
 * declarations, from function addresses stored into characteristics
 * fields (any assignment or initialiser whose member is a known callback
 * field), from functions passed to APIs that take callbacks, and from the
 * name DriverEntry.  Building is linear in the size of the CFGs.  The
 * per-rule relevance slice over it is slice.c's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

static int find_in_unit(const Program *p, const Unit *u, const char *name)
{
    for (int i = 0; i < p->nfuncs; i++)
        if (p->funcs[i].u == u && strcmp(p->funcs[i].f->name, name) == 0)
            return i;
    return -1;
}

/* The first index in by_name of a function called `name`, or -1: a
 * binary search's ten strcmp calls were 4M instructions on rtlnwifi, most
 * of them for API names no function has. */
static int first_named(const Program *p, const char *name)
{
    uint64_t m = (uint64_t)p->nname_slots - 1;
    for (uint64_t h = eng_hash_str(name) & m; p->nname_slots && p->name_slots[h]; h = (h + 1) & m)
        if (strcmp(p->by_name[p->name_slots[h] - 1].name, name) == 0)
            return p->name_slots[h] - 1;
    return -1;
}

static void index_names(Program *p, Arena *a)
{
    p->nname_slots = 64;
    while (p->nname_slots < 2 * p->nfuncs + 2)
        p->nname_slots *= 2;
    p->name_slots = arena_alloc(a, sizeof *p->name_slots * (size_t)p->nname_slots);
    uint64_t m = (uint64_t)p->nname_slots - 1;
    for (int k = 0; k < p->nfuncs; k++) {
        if (k > 0 && strcmp(p->by_name[k - 1].name, p->by_name[k].name) == 0)
            continue;
        uint64_t h = eng_hash_str(p->by_name[k].name) & m;
        while (p->name_slots[h])
            h = (h + 1) & m;
        p->name_slots[h] = k + 1;
    }
}

const char *prog_scoped(char *buf, size_t n, int fi, const char *name)
{
    char num[16];
    int k = 0;
    unsigned u = fi < 0 ? 0u - (unsigned)fi : (unsigned)fi;
    do
        num[k++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (fi < 0)
        num[k++] = '-';
    size_t o = 0;
    while (k > 0 && o + 1 < n)
        buf[o++] = num[--k];
    if (o + 1 < n)
        buf[o++] = ':';
    for (; *name && o + 1 < n; name++)
        buf[o++] = *name;
    if (n)
        buf[o] = 0;
    return buf;
}

int prog_lookup(const Program *p, const Unit *from, const char *name)
{
    if (!name)
        return -1;
    int own = -1, ext = -1, first = first_named(p, name);
    for (int k = first; k >= 0 && k < p->nfuncs; k++) {
        int i = p->by_name[k].idx;
        if (k > first && strcmp(p->by_name[k].name, name) != 0)
            break;
        if (p->funcs[i].u == from)
            own = i;
        else if (!p->funcs[i].f->is_static && (ext < 0 || i < ext))
            ext = i;
    }
    return own >= 0 ? own : ext;
}

static const char *last_member(const char *tkey)
{
    const char *dot = tkey ? strrchr(tkey, '.') : NULL;
    return dot ? dot + 1 : NULL;
}

/* The same place, whatever the array indices ("t[2].Fn", "t[].Fn"). */
static int same_slots(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a == '[' && *b == '[') {
            while (*a && *a != ']')
                a++;
            while (*b && *b != ']')
                b++;
            continue;
        }
        if (*a++ != *b++)
            return 0;
    }
    return *a == *b;
}

/* Functions a call through `callee` (an EX_PATH) may reach; returns count. */
/* Is a function pointer read at x one stored at (key, tkey): the same
 * member of the same record type, or the same variable (array slots aside)? */
static int stored_at(const Expr *x, const char *key, const char *tkey)
{
    return (x->tkey && tkey && strcmp(x->tkey, tkey) == 0) ||
           (x->key && key && same_slots(x->key, key));
}

static int prog_targets(const Program *p, const Expr *callee, int in_fi, int *out, int max)
{
    int n = 0;
    if (!callee)
        return 0;
    /* a parameter of function in_fi: the functions its callers pass (the
     * store key "fi:param", param_store) */
    char pk[256];
    pk[0] = 0;
    if (callee->kind == EX_PATH && callee->scope == SCOPE_PARAM && callee->key && in_fi >= 0)
        prog_scoped(pk, sizeof pk, in_fi, callee->key);
    if (callee->kind == EX_FUNC) {
        for (int i = 0; i < p->nfuncs && n < max; i++)
            if (strcmp(p->funcs[i].f->name, callee->text) == 0 && !p->funcs[i].f->is_static) {
                out[n++] = i;
                break;
            }
        return n;
    }
    if (callee->kind != EX_PATH)
        return 0;
    /* a member of a const table (MpOpsA.Stop): what its initialiser stored */
    for (int i = 0; callee->const_table && callee->key && i < p->nstores && n < max; i++)
        if (p->stores[i].konst && p->stores[i].key && strcmp(p->stores[i].key, callee->key) == 0)
            out[n++] = p->stores[i].func;
    if (n)
        return n;
    for (int i = 0; i < p->nstores && n < max; i++) {
        const struct Store *s = &p->stores[i];
        int match = stored_at(callee, s->key, s->tkey) || (pk[0] && s->key && strcmp(pk, s->key) == 0);
        if (!match)
            continue;
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= out[k] == s->func;
        if (!dup)
            out[n++] = s->func;
    }
    return n;
}

int prog_init_element(const Program *p, const char *elem, const char *slots, int fi)
{
    int found = -1;
    for (int i = 0; i < p->nstores; i++) {
        const struct Store *s = &p->stores[i];
        if (!s->key || !same_slots(s->key, slots))
            continue;
        if (!s->init)
            return -1;           /* code stores functions there too */
        if (strcmp(s->key, elem) == 0)
            found = found == 1 || s->func == fi;
    }
    return found;
}

typedef struct CallSlot {
    const Step *st;
    CallRes res;
} CallSlot;

static uint64_t ptr_hash(const void *p, int nslots)
{
    return (((uint64_t)(uintptr_t)p) * 0x9e3779b97f4a7c15ULL >> 24) & (uint64_t)(nslots - 1);
}

const CallRes *prog_call(const Program *p, const Step *st)
{
    if (!p->ncall_slots)
        return NULL;
    for (uint64_t h = ptr_hash(st, p->ncall_slots); p->calls[h].st;
         h = (h + 1) & (uint64_t)(p->ncall_slots - 1))
        if (p->calls[h].st == st)
            return &p->calls[h].res;
    return NULL;
}

enum { MAX_CALL_TARGETS = 64 };

static void resolve_call(Program *p, const Unit *u, int in_fi, const Step *st, CallRes *r,
                         Arena *a)
{
    int fi[MAX_CALL_TARGETS], first[MAX_CALL_TARGETS], n = 0;
    r->direct = -1;
    if (st->callee) {
        r->direct = prog_lookup(p, u, st->callee);
        if (r->direct >= 0)
            fi[n] = r->direct, first[n++] = 0;
        for (int x = 0; x < st->nargs && n < MAX_CALL_TARGETS; x++) {
            const Expr *ax = st->args[x];
            RoleKind role = ax ? role_by_api_arg(st->callee, x + 1) : ROLE_NONE;
            if (role == ROLE_NONE || role_phase(role) != PH_SYNC)
                continue;
            if (ax->kind == EX_FUNC) {
                int ci = prog_lookup(p, u, ax->text);
                if (ci >= 0)
                    fi[n] = ci, first[n++] = x + 1;
            } else if (ax->kind == EX_PATH) {   /* a function stored where it is read */
                int k = prog_targets(p, ax, in_fi, fi + n, MAX_CALL_TARGETS - n);
                for (int i = 0; i < k; i++)
                    first[n + i] = x + 1;
                n += k;
            }
        }
    } else if (st->callee_expr) {
        n = prog_targets(p, st->callee_expr, in_fi, fi, MAX_CALL_TARGETS);
        for (int i = 0; i < n; i++)
            first[i] = 0;
    }
    r->n = n;
    r->fi = arena_alloc(a, sizeof *r->fi * (size_t)(n + 1));
    r->first = arena_alloc(a, sizeof *r->first * (size_t)(n + 1));
    memcpy(r->fi, fi, sizeof *fi * (size_t)n);
    memcpy(r->first, first, sizeof *first * (size_t)n);
}

static void resolve_calls(Program *p, Arena *a)
{
    int ncalls = 0;
    for (int i = 0; i < p->nfuncs; i++)
        for (int b = 0; b < p->funcs[i].f->nblocks; b++)
            ncalls += p->funcs[i].f->blocks[b].nsteps;
    p->ncall_slots = 64;
    while (p->ncall_slots < 2 * ncalls + 2)
        p->ncall_slots *= 2;
    p->calls = arena_alloc(a, sizeof *p->calls * (size_t)p->ncall_slots);
    for (int i = 0; i < p->nfuncs; i++) {
        const Func *f = p->funcs[i].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL)
                    continue;
                uint64_t h = ptr_hash(st, p->ncall_slots);
                while (p->calls[h].st)
                    h = (h + 1) & (uint64_t)(p->ncall_slots - 1);
                p->calls[h].st = st;
                resolve_call(p, p->funcs[i].u, i, st, &p->calls[h].res, a);
            }
    }
}

/* The sleeps in polling loops (polls.c) of MiniportHaltEx and what it
 * calls, where a driver waits for the work its callbacks still have in
 * hand before it tears down: elsewhere NDIS runs the callbacks between
 * the driver's anyway, and a poll in an OID request waiting for sends to
 * drain gave the state-machine timer to everything it calls (imxnetmini,
 * +7M instructions, no report changed). */
static void mark_polls(Program *p, Arena *a)
{
    unsigned char *r = calloc((size_t)p->nfuncs + 1, 1);
    int *work = malloc(sizeof *work * ((size_t)p->nfuncs + 1)), n = 0;
    if (!r || !work)
        abort();
    for (int i = 0; i < p->nentries; i++)
        if (p->entries[i].role == ROLE_HALT && !r[p->entries[i].func]) {
            r[p->entries[i].func] = 1;
            work[n++] = p->entries[i].func;
        }
    eng_reach_from(p, r, work, n, 1);
    for (int i = 0; i < p->nfuncs; i++) {
        const Func *f = p->funcs[i].f;
        for (int b = 0; r[i] && b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind == ST_CALL && api_sleeps(st->callee))
                    poll_build(f, b, (CallRes *)prog_call(p, st), a);
            }
    }
    free(r);
    free(work);
}

const char *prog_called_name(const Program *p, const char *name)
{
    if (!p->ncalled_slots)
        return NULL;
    uint64_t m = (uint64_t)p->ncalled_slots - 1;
    for (uint64_t h = eng_hash_str(name) & m; p->called_set[h]; h = (h + 1) & m)
        if (strcmp(p->called_set[h], name) == 0)
            return p->called_set[h];
    return NULL;
}

int prog_is_called(const Program *p, const char *name)
{
    return prog_called_name(p, name) != NULL;
}

/* Is function fi the entry point NDIS calls with role? */
int prog_has_role(const Program *p, int fi, RoleKind role)
{
    for (int i = 0; i < p->nentries; i++)
        if (p->entries[i].func == fi && p->entries[i].role == role)
            return 1;
    return 0;
}

int prog_is_noreturn(const Program *p, const char *name)
{
    for (int i = 0; i < p->nnoreturn; i++)
        if (strcmp(p->noreturn[i], name) == 0)
            return 1;
    return 0;
}

const EntryPoint *prog_entry(const Program *p, RoleKind role, int nth)
{
    for (int i = 0; i < p->nentries; i++)
        if (p->entries[i].role == role && nth-- == 0)
            return &p->entries[i];
    return NULL;
}

typedef struct Builder {
    Program *p;
    Arena *a;
    int capf, caps, cape, capc, capn;
} Builder;

static void add_entry(Builder *b, int fi, RoleKind role, const char *found_by, Loc loc)
{
    Program *p = b->p;
    if (fi < 0 || role == ROLE_NONE)
        return;
    for (int i = 0; i < p->nentries; i++)
        if (p->entries[i].func == fi && p->entries[i].role == role) {
            EntryPoint *e = &p->entries[i];
            if (strstr(e->found_by, found_by))
                return;
            /* the entry's location is its first source's; a later source
             * found elsewhere (the HaltHandlerEx store, not the role
             * declaration) says where */
            if (loc.file && loc.line > 0 &&
                (loc.line != e->loc.line || !e->loc.file || strcmp(loc.file, e->loc.file) != 0))
                e->found_by = arena_printf(b->a, "%s; %s (%s:%d)", e->found_by, found_by,
                                           loc.file, loc.line);
            else
                e->found_by = arena_printf(b->a, "%s; %s", e->found_by, found_by);
            return;
        }
    if (p->nentries == b->cape)
        p->entries = arena_grow(b->a, p->entries, &b->cape, sizeof *p->entries);
    p->entries[p->nentries++] = (EntryPoint){fi, role, found_by, loc};
}

/* A set by name: NetKVM's 13k calls made 129k strcmp calls in a list. */
static void add_called(Builder *b, const char *name)
{
    Program *p = b->p;
    if (prog_is_called(p, name))
        return;
    if ((p->ncalled + 1) * 2 > p->ncalled_slots) {
        int n = p->ncalled_slots ? p->ncalled_slots * 2 : 256;
        const char **t = arena_alloc(b->a, sizeof *t * (size_t)n);
        for (int i = 0; i < p->ncalled; i++) {
            uint64_t h = eng_hash_str(p->called[i]) & (uint64_t)(n - 1);
            while (t[h])
                h = (h + 1) & (uint64_t)(n - 1);
            t[h] = p->called[i];
        }
        p->called_set = t;
        p->ncalled_slots = n;
    }
    uint64_t h = eng_hash_str(name) & (uint64_t)(p->ncalled_slots - 1);
    while (p->called_set[h])
        h = (h + 1) & (uint64_t)(p->ncalled_slots - 1);
    p->called_set[h] = name;
    if (p->ncalled == b->capc)
        p->called = arena_grow(b->a, (void *)p->called, &b->capc, sizeof *p->called);
    p->called[p->ncalled++] = name;
}

/* NTSTATUS f(PDEVICE_OBJECT, PIRP): the shape of an IRP dispatch routine. */
static int is_dispatch_routine(const Func *f)
{
    if (f->nparams != 2 || !f->params[0].type || !f->params[1].type)
        return 0;
    return (strcmp(f->params[0].type, "PDEVICE_OBJECT") == 0 ||
            strcmp(f->params[0].type, "struct _DEVICE_OBJECT *") == 0) &&
           (strcmp(f->params[1].type, "PIRP") == 0 || strcmp(f->params[1].type, "struct _IRP *") == 0);
}

static void add_store(Builder *b, const Unit *u, const char *key, const char *tkey,
                      const char *fname, Loc loc, int konst, int init)
{
    Program *p = b->p;
    int fi = prog_lookup(p, u, fname);
    if (fi < 0) {             /* an API (static const OS_OPS Os = { NdisStallExecution }) */
        if (fname && key) {
            p->apistores = realloc(p->apistores, sizeof *p->apistores * (size_t)(p->napistores + 1));
            if (!p->apistores)
                abort();
            p->apistores[p->napistores++] = (struct ApiStore){key, tkey, fname};
        }
        return;
    }
    if (p->nstores == b->caps)
        p->stores = arena_grow(b->a, p->stores, &b->caps, sizeof *p->stores);
    p->stores[p->nstores++] = (struct Store){key, tkey, fi, konst, init};
    p->nkonst += konst != 0;
    RoleKind role = tkey ? role_by_member(tkey) : role_by_field(last_member(key));
    if (role != ROLE_NONE)
        add_entry(b, fi, role, arena_printf(b->a, "%s", tkey ? tkey : key), loc);
    else if (is_dispatch_routine(p->funcs[fi].f))   /* DispatchTable[IRP_MJ_CREATE] = MpDispatch */
        add_entry(b, fi, ROLE_DRIVER_DISPATCH,
                  arena_printf(b->a, "%s (an IRP dispatch routine stored)", key), loc);
}

/* A function's address stored into lhs: `Hw->Delay = MpDelayStall`, also
 * either one of `Hw->Delay = Slow ? MpDelaySleep : MpDelayStall`. */
static void func_stores(Builder *b, const Unit *un, const Expr *lhs, const Expr *rhs, Loc loc)
{
    if (!rhs)
        return;
    if (rhs->kind == EX_FUNC) {
        add_store(b, un, lhs->key, lhs->tkey, rhs->text, loc, 0, 0);
    } else if (rhs->kind == EX_COND) {
        func_stores(b, un, lhs, rhs->b, loc);
        func_stores(b, un, lhs, rhs->c, loc);
    }
}

static int fi_of(const Program *p, const Func *f)
{
    for (int i = 0; i < p->nfuncs; i++)
        if (p->funcs[i].f == f)
            return i;
    return -1;
}

/* A function passed to a driver function's parameter (MpRunStep(Adapter,
 * MpRelease)): a store into that parameter, keyed "fi:param", which calls
 * through the parameter read (prog_targets). */
static void param_stores(Builder *b, const Unit *un, const Step *st)
{
    int g = st->callee ? prog_lookup(b->p, un, st->callee) : -1;
    if (g < 0)
        return;
    const Func *gf = b->p->funcs[g].f;
    for (int x = 0; x < st->nargs && x < gf->nparams; x++)
        if (st->args[x] && st->args[x]->kind == EX_FUNC && gf->params[x].name &&
            gf->params[x].name[0])
            add_store(b, un, arena_printf(b->a, "%d:%s", g, gf->params[x].name), NULL,
                      st->args[x]->text, st->loc, 0, 0);
}

/* ... and handed on (a parameter passed to another function's parameter),
 * to a fixed point (a few rounds: chains are short). */
static void param_stores_through(Builder *b)
{
    Program *p = b->p;
    for (int round = 0; round < 4; round++) {
        int added = 0;
        for (int fi = 0; fi < p->nfuncs; fi++) {
            const Func *f = p->funcs[fi].f;
            for (int k = 0; k < f->nblocks; k++)
                for (int j = 0; j < f->blocks[k].nsteps; j++) {
                    const Step *st = &f->blocks[k].steps[j];
                    int g = st->kind == ST_CALL && st->callee
                                ? prog_lookup(p, p->funcs[fi].u, st->callee) : -1;
                    if (g < 0)
                        continue;
                    const Func *gf = p->funcs[g].f;
                    for (int x = 0; x < st->nargs && x < gf->nparams; x++) {
                        const Expr *ax = st->args[x];
                        if (!ax || ax->kind != EX_PATH || ax->scope != SCOPE_PARAM || !ax->key ||
                            !gf->params[x].name || !gf->params[x].name[0])
                            continue;
                        char from[256], to[256];
                        prog_scoped(from, sizeof from, fi, ax->key);
                        prog_scoped(to, sizeof to, g, gf->params[x].name);
                        int n = p->nstores;
                        for (int i = 0; i < n; i++) {
                            if (!p->stores[i].key || p->stores[i].key[0] != from[0] ||
                                strcmp(p->stores[i].key, from) != 0)
                                continue;
                            int dup = 0;
                            for (int q = 0; q < p->nstores && !dup; q++)
                                dup = p->stores[q].func == p->stores[i].func && p->stores[q].key &&
                                      strcmp(p->stores[q].key, to) == 0;
                            if (dup)
                                continue;
                            if (p->nstores == b->caps)
                                p->stores = arena_grow(b->a, p->stores, &b->caps, sizeof *p->stores);
                            p->stores[p->nstores++] =
                                (struct Store){arena_strdup(b->a, to), NULL, p->stores[i].func, 0, 0};
                            added = 1;
                        }
                    }
                }
        }
        if (!added)
            break;
    }
}

/* ---- what prog_slice reads, indexed once per driver ---- */

static int local_scope(const Expr *x)
{
    return x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM;
}

/* callers[caller_start[fi] ..]: every function with a call that may run
 * fi, once each; counted (fill 0), then filled. */
static void index_callers(Program *p, Arena *a)
{
    int n = p->nfuncs, *last = malloc(sizeof *last * ((size_t)n + 1));
    if (!last)
        abort();
    p->caller_start = arena_alloc(a, sizeof *p->caller_start * ((size_t)n + 2));
    for (int fill = 0; fill < 2; fill++) {
        int *at = NULL;
        if (fill) {
            for (int g = 0; g < n; g++)
                p->caller_start[g + 1] += p->caller_start[g];
            p->callers = arena_alloc(a, sizeof *p->callers * ((size_t)p->caller_start[n] + 1));
            at = malloc(sizeof *at * ((size_t)n + 1));
            if (!at)
                abort();
            for (int g = 0; g < n; g++)
                at[g] = p->caller_start[g];
        }
        for (int g = 0; g < n; g++)
            last[g] = -1;
        for (int fi = 0; fi < n; fi++) {
            const Func *f = p->funcs[fi].f;
            for (int b = 0; b < f->nblocks; b++)
                for (int k = 0; k < f->blocks[b].nsteps; k++) {
                    const CallRes *cr = f->blocks[b].steps[k].kind == ST_CALL
                                            ? prog_call(p, &f->blocks[b].steps[k]) : NULL;
                    for (int t = 0; cr && t < cr->n; t++) {
                        int g = cr->fi[t];
                        if (last[g] == fi)
                            continue;
                        last[g] = fi;
                        if (fill)
                            p->callers[at[g]++] = fi;
                        else
                            p->caller_start[g + 1]++;
                    }
                }
        }
        free(at);
    }
    free(last);
}

/* The i-th expression a step of prog_slice's may test (sl_has): its
 * left-hand side, the object whose address it assigns, those whose
 * addresses it passes. */
static const Expr *slice_tested(const Step *st, int i)
{
    if (i == 0)
        return st->lhs;
    if (i == 1)
        return st->kind == ST_ASSIGN && st->rhs && st->rhs->kind == EX_ADDR ? st->rhs->a : NULL;
    const Expr *ax = st->kind == ST_CALL && i - 2 < st->nargs ? st->args[i - 2] : NULL;
    return ax && ax->kind == EX_ADDR ? ax->a : NULL;
}

/* Building users: counted (fill 0), then filled; a function once per
 * bucket. */
typedef struct UseIdx {
    Program *p;
    int fill, fi, *last, *at;
    uint64_t *hash;          /* each name's bucket, in visiting order: hashed once */
    int nhash, caphash, next;
} UseIdx;

static void add_use(UseIdx *u, const char *name)
{
    if (!name)
        return;
    uint64_t h;
    if (u->fill)
        h = u->hash[u->next++];
    else {
        h = eng_hash_str(name) & (uint64_t)(u->p->nuse_buckets - 1);
        if (u->nhash == u->caphash) {
            u->caphash = u->caphash ? 2 * u->caphash : 1024;
            u->hash = realloc(u->hash, sizeof *u->hash * (size_t)u->caphash);
            if (!u->hash)
                abort();
        }
        u->hash[u->nhash++] = h;
    }
    if (u->last[h] == u->fi)
        return;
    u->last[h] = u->fi;
    if (u->fill)
        u->p->users[u->at[h]++] = u->fi;
    else
        u->p->use_start[h + 1]++;
}

/* users[use_start[h] ..]: the functions whose visit tests a key whose name
 * hashes to bucket h: in prog_slice, a global (a path sl_has may test, or
 * its record field's tkey); in decisive_flow, any key a step assigns and
 * the parameters of the functions a call runs.  A key the slice adds, or
 * makes decisive, is news to those only; a shared bucket visits a function
 * for nothing, never skips one. */
static void index_users(Program *p, Arena *a)
{
    int ntested = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++)
                ntested += 3 + 2 * f->blocks[b].steps[k].nargs;
    }
    int nb = 64;
    while (nb < ntested)
        nb *= 2;
    p->nuse_buckets = nb;
    UseIdx u = {.p = p, .last = malloc(sizeof *u.last * (size_t)nb)};
    if (!u.last)
        abort();
    p->use_start = arena_alloc(a, sizeof *p->use_start * ((size_t)nb + 1));
    for (u.fill = 0; u.fill < 2; u.fill++) {
        if (u.fill) {
            for (int h = 0; h < nb; h++)
                p->use_start[h + 1] += p->use_start[h];
            p->users = arena_alloc(a, sizeof *p->users * ((size_t)p->use_start[nb] + 1));
            u.at = malloc(sizeof *u.at * (size_t)nb);
            if (!u.at)
                abort();
            for (int h = 0; h < nb; h++)
                u.at[h] = p->use_start[h];
        }
        for (int h = 0; h < nb; h++)
            u.last[h] = -1;
        for (u.fi = 0; u.fi < p->nfuncs; u.fi++) {
            const Func *f = p->funcs[u.fi].f;
            for (int b = 0; b < f->nblocks; b++)
                for (int k = 0; k < f->blocks[b].nsteps; k++) {
                    const Step *st = &f->blocks[b].steps[k];
                    for (int i = 0; i < 2 + st->nargs; i++) {
                        const Expr *x = slice_tested(st, i);
                        if (!x || x->kind != EX_PATH || !x->key)
                            continue;
                        /* the name ev_path_key interns */
                        add_use(&u, i == 0 || !local_scope(x) ? x->heap_key ? x->heap_key : x->key
                                                              : NULL);
                        add_use(&u, x->tkey);
                    }
                    const CallRes *cr = st->kind == ST_CALL ? prog_call(p, st) : NULL;
                    for (int t = 0; cr && t < cr->n; t++) {
                        const Func *g = p->funcs[cr->fi[t]].f;
                        for (int j = 0; j < g->nparams; j++)
                            add_use(&u, g->params[j].name);
                    }
                }
        }
    }
    free(u.at);
    free(u.last);
    free(u.hash);
}

static int cmp_by_name(const void *x, const void *y)
{
    const struct NameIdx *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    return c ? c : a->idx - b->idx;
}

static int cmp_entry(const void *x, const void *y)
{
    const EntryPoint *a = x, *b = y;
    if (a->role != b->role)
        return (int)a->role - (int)b->role;
    return a->func - b->func;
}

typedef struct Pending {
    const Step *st;
    int arg;
    RoleKind role;
    int fi;                  /* the function the call is in */
} Pending;

enum { MAX_PENDING = 4096 };

/* An indirect call whose pointer only ever holds one API's address (a
 * table of OS services: `static const NV_OS Os = { NdisStallExecution, ...
 * }`, `Os->Stall(100)`) is that API's call: the rule sees its events.  The
 * program's view of such a function is a copy whose step names the API
 * (the unit's CFG stays as lowered).  A pointer that may also hold a
 * driver function, or two APIs, stays an indirect call (case 388). */
static void api_through_pointers(Builder *b)
{
    Program *p = b->p;
    for (int fi = 0; p->napistores && fi < p->nfuncs; fi++) {
        Func *copy = NULL;
        const Func *f = p->funcs[fi].f;
        for (int bl = 0; bl < f->nblocks; bl++)
            for (int k = 0; k < f->blocks[bl].nsteps; k++) {
                const Step *st = &f->blocks[bl].steps[k];
                if (st->kind != ST_CALL || st->callee || !st->callee_expr ||
                    st->callee_expr->kind != EX_PATH)
                    continue;
                int tmp[MAX_CALL_TARGETS];
                if (prog_targets(p, st->callee_expr, fi, tmp, MAX_CALL_TARGETS) > 0)
                    continue;
                const Expr *x = st->callee_expr;
                const char *api = NULL;
                int two = 0;
                for (int i = 0; i < p->napistores; i++) {
                    const struct ApiStore *as = &p->apistores[i];
                    if (!stored_at(x, as->key, as->tkey))
                        continue;
                    two |= api && strcmp(api, as->name) != 0;
                    api = as->name;
                }
                if (!api || two)
                    continue;
                if (!copy) {
                    copy = arena_alloc(b->a, sizeof *copy);
                    *copy = *f;
                    copy->blocks = arena_alloc(b->a, sizeof *copy->blocks * (size_t)f->nblocks);
                    memcpy(copy->blocks, f->blocks, sizeof *copy->blocks * (size_t)f->nblocks);
                    p->funcs[fi].f = copy;
                }
                Block *cb = &copy->blocks[bl];
                if (cb->steps == f->blocks[bl].steps) {
                    cb->steps = arena_alloc(b->a, sizeof *cb->steps * (size_t)cb->nsteps);
                    memcpy(cb->steps, f->blocks[bl].steps, sizeof *cb->steps * (size_t)cb->nsteps);
                }
                cb->steps[k].callee = api;
                cb->steps[k].callee_expr = NULL;
                add_called(b, api);
            }
    }
    free(p->apistores);
    p->apistores = NULL;
    p->napistores = 0;
}

/* Per function, per parameter: the plain paths driver calls pass it (a
 * variable or field the caller may test again), by key, NULL-terminated:
 * what the function learns of such a parameter may be worth handing back
 * (echo.c).  NULL for a parameter no call passes a path. */
static const char ****paths_passed(const Program *p, Arena *a)
{
    /* lists[g][j]: the paths passed to parameter j of function g */
    const char ****lists = arena_alloc(a, sizeof *lists * ((size_t)p->nfuncs + 1));
    int **cnt = calloc((size_t)p->nfuncs + 1, sizeof *cnt);
    if (!cnt)
        abort();
    for (int fill = 0; fill < 2; fill++) {
        for (int g = 0; fill && g < p->nfuncs; g++) {
            int np = p->funcs[g].f->nparams;
            if (!cnt[g])
                continue;
            lists[g] = arena_alloc(a, sizeof *lists[g] * (size_t)np);
            for (int j = 0; j < np; j++) {
                if (cnt[g][j])
                    lists[g][j] = arena_alloc(a, sizeof *lists[g][j] * ((size_t)cnt[g][j] + 1));
                cnt[g][j] = 0;
            }
        }
        for (int i = 0; i < p->nfuncs; i++) {
            const Func *f = p->funcs[i].f;
            for (int b = 0; b < f->nblocks; b++)
                for (int k = 0; k < f->blocks[b].nsteps; k++) {
                    const Step *st = &f->blocks[b].steps[k];
                    const CallRes *cr = st->kind == ST_CALL ? prog_call(p, st) : NULL;
                    for (int t = 0; cr && t < cr->n; t++) {
                        int g = cr->fi[t], np = p->funcs[g].f->nparams;
                        for (int j = 0; j < np && cr->first[t] + j < st->nargs; j++) {
                            const Expr *x = st->args[cr->first[t] + j];
                            if (!x || x->kind != EX_PATH || !x->key || x->is_record)
                                continue;
                            if (!cnt[g] && !(cnt[g] = calloc((size_t)np, sizeof *cnt[g])))
                                abort();
                            if (fill)
                                lists[g][j][cnt[g][j]] = x->key;
                            cnt[g][j]++;
                        }
                    }
                }
        }
    }
    for (int g = 0; g < p->nfuncs; g++)
        free(cnt[g]);
    free(cnt);
    return lists;
}

void prog_build(Program *p, const Driver *drv, Arena *a)
{
    memset(p, 0, sizeof *p);
    p->drv = drv;
    Builder b = {.p = p, .a = a};
    Pending *pend = malloc(sizeof *pend * MAX_PENDING);
    int npend = 0;
    if (!pend)
        abort();
    for (int u = 0; u < drv->nunits; u++)
        for (int i = 0; i < drv->units[u]->nfuncs; i++) {
            if (p->nfuncs == b.capf)
                p->funcs = arena_grow(a, p->funcs, &b.capf, sizeof *p->funcs);
            p->funcs[p->nfuncs] = (FuncRef){&drv->units[u]->funcs[i], drv->units[u], p->nfuncs};
            p->nfuncs++;
        }
    p->by_name = arena_alloc(a, sizeof *p->by_name * (size_t)(p->nfuncs + 1));
    for (int i = 0; i < p->nfuncs; i++)
        p->by_name[i] = (struct NameIdx){p->funcs[i].f->name, i};
    if (p->nfuncs > 1)
        qsort(p->by_name, (size_t)p->nfuncs, sizeof *p->by_name, cmp_by_name);
    index_names(p, a);
    for (int u = 0; u < drv->nunits; u++) {
        const Unit *un = drv->units[u];
        for (int i = 0; i < un->nnoreturn; i++) {
            if (p->nnoreturn == b.capn)
                p->noreturn = arena_grow(a, (void *)p->noreturn, &b.capn, sizeof *p->noreturn);
            p->noreturn[p->nnoreturn++] = un->noreturn_fns[i];
        }
    }
    for (int u = 0; u < drv->nunits; u++) {
        const Unit *un = drv->units[u];
        /* role type declarations */
        for (int i = 0; i < un->nroles; i++) {
            RoleKind role = role_by_typedef(un->roles[i].role);
            int fi = prog_lookup(p, un, un->roles[i].func);
            add_entry(&b, fi, role,
                      arena_printf(a, "role type declaration %s", un->roles[i].role),
                      un->roles[i].loc);
        }
        for (int i = 0; i < un->nfuncs; i++) {
            const Func *f = &un->funcs[i];
            if (f->role)
                add_entry(&b, find_in_unit(p, un, f->name), role_by_typedef(f->role),
                          arena_printf(a, "role type declaration %s", f->role), f->role_loc);
            if (strcmp(f->name, "DriverEntry") == 0 && !f->is_static)
                add_entry(&b, find_in_unit(p, un, f->name), ROLE_DRIVER_ENTRY,
                          "the name DriverEntry", f->loc);
        }
        for (int i = 0; i < un->nfnstores; i++) {
            const FnStore *s = &un->fnstores[i];
            add_store(&b, un, s->key, s->tkey, s->func, s->loc, s->konst, 1);
        }
        /* stores and calls inside bodies */
        for (int i = 0; i < un->nfuncs; i++) {
            const Func *f = &un->funcs[i];
            for (int k = 0; k < f->nblocks; k++)
                for (int j = 0; j < f->blocks[k].nsteps; j++) {
                    const Step *st = &f->blocks[k].steps[j];
                    if (st->kind == ST_ASSIGN && st->lhs && st->lhs->kind == EX_PATH)
                        func_stores(&b, un, st->lhs, st->rhs, st->loc);
                    if (st->kind != ST_CALL)
                        continue;
                    if (st->callee)
                        add_called(&b, st->callee);
                    param_stores(&b, un, st);
                    for (int x = 0; x < st->nargs; x++) {
                        const Expr *arg = st->args[x];
                        if (!arg || !st->callee)
                            continue;
                        RoleKind role = role_by_api_arg(st->callee, x + 1);
                        if (role == ROLE_NONE)
                            continue;
                        if (arg->kind == EX_FUNC)
                            add_entry(&b, prog_lookup(p, un, arg->text), role,
                                      arena_printf(a, "argument %d of %s", x + 1, st->callee),
                                      st->loc);
                        else if (arg->kind == EX_PATH && npend < MAX_PENDING)
                            pend[npend++] = (Pending){st, x, role, fi_of(p, f)};
                    }
                }
        }
    }
    param_stores_through(&b);
    /* callbacks passed through a variable or field (A->Routine): the
     * functions stored there, once every store is known */
    for (int i = 0; i < npend; i++) {
        int fi[MAX_CALL_TARGETS];
        const Step *st = pend[i].st;
        int n = prog_targets(p, st->args[pend[i].arg], pend[i].fi, fi, MAX_CALL_TARGETS);
        for (int k = 0; k < n; k++)
            add_entry(&b, fi[k], pend[i].role,
                      arena_printf(a, "argument %d of %s (%s)", pend[i].arg + 1, st->callee,
                                   st->args[pend[i].arg]->text),
                      st->loc);
    }
    free(pend);
    if (p->nentries > 1)
        qsort(p->entries, (size_t)p->nentries, sizeof *p->entries, cmp_entry);
    api_through_pointers(&b);
    resolve_calls(p, a);
    mark_polls(p, a);
    index_callers(p, a);
    index_users(p, a);
    dev_records(p, a);
    p->cds = arena_alloc(a, sizeof *p->cds * (size_t)(p->nfuncs + 1));
    inst_find(p, a);
    cur_find(p, a);
    lv_prepare(p, (const char *const *const **)paths_passed(p, a));
}

void prog_release(Program *p)
{
    for (int fi = 0; p->cds && fi < p->nfuncs; fi++)
        cd_shared_free(&p->cds[fi]);
    lv_release(p);
}
