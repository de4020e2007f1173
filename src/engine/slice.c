/* slice.c - the per-rule relevance slice: which keys (locals, fields,
 * globals, and which bits of them) and which branches a rule run tracks.
 *
 * A key matters when a rule event's argument, a branch deciding whether a
 * rule event happens, or a value flowing into one reads it, through
 * assignments, calls (parameters, returns, pointers lent to a callee) and
 * stores; a key is decisive when it decides whether a rule event happens.
 * prog_slice sweeps the functions to a fixed point, visiting only those
 * something added to since their last visit (see the sweep's comment).
 * The indexes it reads (callers, users of a name) are built once per
 * driver in program.c, what it reads of each step in steptab.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/steptab.h"
/* ---- relevant keys: a small open-addressing string set ---- */
int prog_key_relevant(const Program *p, const char *key)
{
    KeySet ks = {.slots = p->relevant, .nslots = p->nrelevant_slots};
    return ks_has(&ks, key);
}

uint64_t prog_key_keep(const Program *p, const char *key)
{
    for (int i = 0; i < p->nkeybits; i++)     /* a few flags words */
        if (strcmp(p->keybits[i].key, key) == 0)
            return p->keybits[i].keep;
    return ~(uint64_t)0;
}

int ks_has(const KeySet *ks, const char *key)
{
    if (!key || !ks->nslots)
        return 0;
    return ks_has_hashed(ks, key, eng_hash_str(key));
}

int ks_has_hashed(const KeySet *ks, const char *key, uint64_t hash)
{
    if (!key || !ks->nslots)
        return 0;
    uint64_t m = (uint64_t)ks->nslots - 1;
    for (uint64_t h = hash & m; ks->slots[h]; h = (h + 1) & m)
        if (strcmp(ks->slots[h], key) == 0)
            return 1;
    return 0;
}

int ks_add(KeySet *ks, const char *key)
{
    if (!key || !*key)
        return 0;
    if ((ks->n + 1) * 2 > ks->nslots) {
        int old = ks->nslots;
        const char **os = ks->slots;
        ks->nslots = old ? old * 2 : 256;
        ks->slots = arena_alloc(ks->a, sizeof *ks->slots * (size_t)ks->nslots);
        for (int i = 0; i < old; i++)
            if (os[i]) {
                uint64_t m = (uint64_t)ks->nslots - 1, h = eng_hash_str(os[i]) & m;
                while (ks->slots[h])
                    h = (h + 1) & m;
                ks->slots[h] = os[i];
            }
    }
    uint64_t m = (uint64_t)ks->nslots - 1, h = eng_hash_str(key) & m;
    for (; ks->slots[h]; h = (h + 1) & m)
        if (strcmp(ks->slots[h], key) == 0)
            return 0;
    ks->slots[h] = key;
    ks->n++;
    return 1;
}

/* The slice's view of a key: globals and heap paths by their key, a
 * function's locals and parameters (and the pointer a member path goes
 * through, almost always one) by key and function, so that "Status"
 * mattering in one function says nothing of "Status" in another.  Keys
 * are the engine's interned ids: a flag per id for globals, a set of
 * (id, function) pairs for locals. */
typedef struct Slice {
    Engine *e;
    unsigned char *glob;     /* by key id */
    uint64_t *gbits;         /* by key id: the bits of a global's value read (sl_expr) */
    int nglob;
    uint64_t *loc;           /* open addressing by loc_slot; 0 empty, else (id << 32 | fi) + 1 */
    uint64_t *idx;           /* the same pairs by idx_slot, for loc_has */
    int nloc, nloc_slots;    /* either table's */
    /* the functions whose visit may now do more (prog_slice): what was
     * added is read by them */
    const Program *p;
    unsigned char *dirty;
    int callers_read;        /* a local of fi added is read by fi's callers too (the slice's
                                parameters; not the lent pointers, read by fi alone) */
    int *pin;                /* with callers_read: per function, how many of its parameters
                                the slice holds */
    int *stack;              /* need_block's, room for any function's blocks */
    int32_t *tkids;          /* sl_has_path: the key ids of the tkeys of a class (steptab.h)
                                this run interned, 0 until first asked */
    int *cflags;             /* callee_flags: by callee class (steptab.h), -1 until asked */
    signed char *moves;      /* callee_moves: by callee class, -1 until asked */
    const int *pstart;       /* param_id: function fi's parameters from pstart[fi] */
    int32_t *pids;           /* their key ids, -1 until first asked (the base's known) */
} Slice;

/* The key id of function fi's parameter j, interned the first time it is
 * asked for, as each ask did before (key_intern_at of the name: no other
 * effect after the first); a sweep asks for every call's callees. */
static int32_t param_id(const Slice *sl, int fi, int j)
{
    int32_t *id = &sl->pids[sl->pstart[fi] + j];
    if (*id < 0)
        *id = key_intern_at(sl->e, sl->p->funcs[fi].f->params[j].name, 0);
    return *id;
}

/* Visit fi again; when fi is the function being visited or one before it,
 * in the next sweep. */
static void sl_dirty(Slice *sl, int fi)
{
    sl->dirty[fi] = 1;
}

/* The functions that test key id (Program.users). */
static void sl_dirty_users(Slice *sl, int32_t id)
{
    const Program *p = sl->p;
    uint64_t h = eng_hash_str(key_name(sl->e, id)) & (uint64_t)(p->nuse_buckets - 1);
    for (int k = p->use_start[h]; k < p->use_start[h + 1]; k++)
        sl->dirty[p->users[k]] = 1;
}

/* Is key id fi's parameter (what its callers ask of the slice)? */
static int is_param(const Slice *sl, int32_t id, int fi)
{
    const Func *f = sl->p->funcs[fi].f;
    const char *name = key_name(sl->e, id);
    for (int j = 0; j < f->nparams; j++)
        if (f->params[j].name && strcmp(f->params[j].name, name) == 0)
            return 1;
    return 0;
}

static void sl_dirty_callers(Slice *sl, int fi)
{
    const Program *p = sl->p;
    for (int k = p->caller_start[fi]; k < p->caller_start[fi + 1]; k++)
        sl->dirty[p->callers[k]] = 1;
}

static uint64_t pair(int32_t id, int fi)
{
    return ((uint64_t)(uint32_t)id << 32 | (uint32_t)fi) + 1;
}

/* Two hashes of a pair.  loc_slot places it in Slice.loc, whose layout
 * is the order prog_slice lists the relevant locals in (the key set it
 * hands the engine, DRVCHECK_SLICE_KEYS): it takes the product's bits
 * from 20 up, which below 2^12 slots are fi's alone, so every pair of a
 * function probes one cluster.  idx_slot takes bits from 32 up (the id's
 * too): loc_has probes Slice.idx by it (rtlnwifi's 6 runs: 2.7M
 * instructions in the probe loop -> 0.8M). */
static uint64_t loc_slot(uint64_t k, uint64_t m)
{
    return (k * 0x9e3779b97f4a7c15ULL >> 20) & m;
}

static uint64_t idx_slot(uint64_t k, uint64_t m)
{
    return (k * 0x9e3779b97f4a7c15ULL >> 32) & m;
}

static void put(uint64_t *t, uint64_t m, uint64_t h, uint64_t k)
{
    while (t[h])
        h = (h + 1) & m;
    t[h] = k;
}

static int loc_has(const Slice *sl, int32_t id, int fi)
{
    if (id <= 0 || !sl->nloc_slots)
        return 0;
    uint64_t k = pair(id, fi), m = (uint64_t)sl->nloc_slots - 1;
    for (uint64_t h = idx_slot(k, m); sl->idx[h]; h = (h + 1) & m)
        if (sl->idx[h] == k)
            return 1;
    return 0;
}

static void loc_add(Slice *sl, int32_t id, int fi)
{
    if (id <= 0 || loc_has(sl, id, fi))
        return;
    if ((sl->nloc + 1) * 2 > sl->nloc_slots) {
        uint64_t *old = sl->loc;
        int on = sl->nloc_slots;
        sl->nloc_slots = on ? on * 2 : 1024;
        free(sl->idx);
        sl->loc = calloc((size_t)sl->nloc_slots, sizeof *sl->loc);
        sl->idx = calloc((size_t)sl->nloc_slots, sizeof *sl->idx);
        if (!sl->loc || !sl->idx)
            abort();
        uint64_t m = (uint64_t)sl->nloc_slots - 1;
        for (int i = 0; i < on; i++)
            if (old[i]) {
                put(sl->loc, m, loc_slot(old[i], m), old[i]);
                put(sl->idx, m, idx_slot(old[i], m), old[i]);
            }
        free(old);
    }
    uint64_t k = pair(id, fi), m = (uint64_t)sl->nloc_slots - 1;
    put(sl->loc, m, loc_slot(k, m), k);
    put(sl->idx, m, idx_slot(k, m), k);
    sl->nloc++;
    sl_dirty(sl, fi);
    if (sl->callers_read && is_param(sl, id, fi)) {
        sl->pin[fi]++;
        sl_dirty_callers(sl, fi);
    }
}

/* Global id matters, in the bits `bits` of its value (more bits read
 * later are news to the functions that assign it, as the key is). */
static void glob_add(Slice *sl, int32_t id, uint64_t bits)
{
    if (id <= 0)
        return;
    if (id >= sl->nglob) {
        int n = sl->nglob ? sl->nglob : 256;
        while (n <= id)
            n *= 2;
        sl->glob = realloc(sl->glob, (size_t)n);
        sl->gbits = realloc(sl->gbits, sizeof *sl->gbits * (size_t)n);
        if (!sl->glob || !sl->gbits)
            abort();
        memset(sl->glob + sl->nglob, 0, (size_t)(n - sl->nglob));
        memset(sl->gbits + sl->nglob, 0, sizeof *sl->gbits * (size_t)(n - sl->nglob));
        sl->nglob = n;
    }
    if (!sl->glob[id] || (sl->gbits[id] | bits) != sl->gbits[id]) {
        sl->glob[id] = 1;
        sl->gbits[id] |= bits;
        sl_dirty_users(sl, id);
    }
}

static int nglob_set(const Slice *sl)
{
    int n = 0;
    for (int i = 0; i < sl->nglob; i++)
        n += sl->glob[i];
    return n;
}

static int local_scope(const Expr *x)
{
    return x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM;
}

/* x's key id: the base run's when the step table has it (steptab.h). */
static int32_t path_id(Engine *e, const Expr *x, const SlPath *sp)
{
    return sp->id >= 0 ? sp->id : ev_path_key(e, x);
}

/* call_flags of call step ss's callee (named), asked once a run per name
 * (call_flags works it out from the name's text, the same for every
 * step): rtlnwifi's 6 runs asked 42k times. */
static int callee_flags(Slice *sl, const SlStep *ss)
{
    int *f = &sl->cflags[ss->callee];
    if (*f < 0)
        *f = call_flags(sl->e, ss->st->callee);
    return *f;
}

/* dfr_moves of call step ss's callee (named), once a run per name: it
 * reads the run's deferred callbacks, set up before the slice. */
static int callee_moves(Slice *sl, const SlStep *ss)
{
    signed char *m = &sl->moves[ss->callee];
    if (*m < 0)
        *m = (signed char)(dfr_moves(sl->e, ss->st->callee) != 0);
    return *m;
}

/* Ctx.Delay of a struct on the stack (x, key id) is what a callee given
 * &Ctx reads as p->Delay (the record's field, x's tkey): relevant when
 * that is.  A tkey of the run's is interned at its text's first ask, as
 * before; a later ask of that text (another expression's) would find the
 * same key, persistent already, and change nothing. */
static int sl_has_tkey(Slice *sl, const Expr *x, const SlPath *sp, int32_t id, int fi)
{
    int32_t *tkid = sp->tkey < 0 ? &sl->tkids[-1 - sp->tkey] : NULL;
    if (tkid && !*tkid)
        *tkid = key_intern_at(sl->e, x->tkey, 1);
    int32_t tk = tkid ? *tkid : sp->tkey;
    if (tk > 0 && tk < sl->nglob && sl->glob[tk]) {
        if (sp->flags & SP_LOCAL)
            loc_add(sl, id, fi);
        else
            glob_add(sl, id, sl->gbits[tk]);
        return 1;
    }
    return 0;
}

/* Does the slice hold x (sp: x as the step table sees it, steptab.h)?
 * (Inline: asked two or three times a step visit, 184k times in
 * rtlnwifi's 6 runs.) */
static inline int sl_has_path(Slice *sl, const Expr *x, const SlPath *sp, int fi)
{
    if (!(sp->flags & SP_PATH))
        return 0;
    int32_t id = path_id(sl->e, x, sp);
    if (sp->flags & SP_LOCAL ? loc_has(sl, id, fi) : id > 0 && id < sl->nglob && sl->glob[id])
        return 1;
    return sp->tkey && sl_has_tkey(sl, x, sp, id, fi);
}

/* sl_has, or for a record (Snapshot) some field of it the slice holds: a
 * whole-struct copy through a pointer (`Snapshot = *Intr;`) carries those
 * fields, and so needs where the pointer points (case 311).  Asked only
 * for such copies: for every record copy, or for every pointer given the
 * address of such a record (`Intr = &Hw->Intr;`), NetKVM's spin-lock rule
 * kept 27% more states. */
static int sl_has_below(Slice *sl, const Expr *x, const SlPath *sp, int fi)
{
    if (sl_has_path(sl, x, sp, fi))
        return 1;
    if (!(sp->flags & SP_PATH) || !x->is_record)
        return 0;
    Engine *e = sl->e;
    int32_t id = path_id(e, x, sp);
    if (id <= 0 || !key_has_below(e, id))
        return 0;
    for (int32_t k = 1; k < e->keys->n; k++)
        if ((local_scope(x) ? loc_has(sl, k, fi) : k < sl->nglob && sl->glob[k]) &&
            key_is_below(e, k, id))
            return 1;
    return 0;
}

/* A whole record assigned from another (`Adapter->Intr = Idle;`, Idle a
 * local cleared by NdisZeroMemory or a `= { 0 }` initialiser): the source
 * fields of the target's decisive ones are tracked and decisive too (so a
 * memset of the source zeroes them: apimodel.c).  Else the copy carried no
 * field values and the target's flags came out unknown (cases 354, 355).
 * Only decisive ones: every relevant field of every record copy cost
 * NetKVM's NdisSpinLock rule 23% more states.  Asked for the assignments
 * SS_COPY marks (steptab.c copy_candidate: to a record path, from a path
 * not reached through a pointer and with no '*' or element in its key). */
static void copy_decisive(Engine *e, const Expr *lhs, const Expr *rhs, Slice *sl)
{
    int32_t lid = ev_path_key(e, lhs), rid = ev_path_key(e, rhs);
    if (lid <= 0 || rid <= 0 || lid == rid || !key_has_below(e, lid))
        return;
    for (int32_t k = 1; k < e->keys->n; k++) {
        if (!key_decisive(e, k) || !key_is_below(e, k, lid))   /* the flag first: few are */
            continue;
        int32_t to = moved_key(e, k, lid, rid);
        if (!key_decisive(e, to)) {
            sl_dirty_users(sl, to);
            key_set_relevant(e, to);
            key_set_decisive(e, to);
        }
    }
}

#define ALL_BITS (~(uint64_t)0)

/* The keys x reads matter, in the bits `bits` of x's value.  Bit by bit
 * operations with a constant pass bits on: `(Flags & fINTERRUPT_IN_USE) !=
 * 0` reads one bit of Flags, `Flags = Flags | fHALTING` the bits of Flags
 * that matter.  A flags word read only so keeps facts on those bits only
 * (KeyEnt.keep): e100bex's NdisMDeregisterInterruptEx run kept 223 summary
 * entries apart by Flags bits no branch the rule depends on tests.
 * Locals are read whole (loc_add has no bits). */
static void sl_expr_bits(Slice *sl, const Expr *x, int fi, uint64_t bits)
{
    while (x) {
        const Expr *k = NULL, *c = NULL;
        switch (x->kind) {
        case EX_PATH: {
            int32_t id = ev_path_key(sl->e, x);
            if (local_scope(x))
                loc_add(sl, id, fi);
            else
                glob_add(sl, id, bits);
            if (x->base_key)             /* p->f: where p points matters too */
                loc_add(sl, key_intern_at(sl->e, x->base_key, 0), fi);
            if (x->index)                /* a[i]: which element, i */
                sl_expr_bits(sl, x->index, fi, ALL_BITS);
            return;
        }
        case EX_BINOP:
            if (x->b && x->b->kind == EX_INT)
                k = x->a, c = x->b;
            else if (x->a && x->a->kind == EX_INT)
                k = x->b, c = x->a;
            if (k && x->op == OP_BAND) {
                bits &= (uint64_t)c->ival;
                x = k;
            } else if (k && (x->op == OP_BOR || x->op == OP_XOR)) {
                x = k;
            } else {
                sl_expr_bits(sl, x->a, fi, ALL_BITS);
                x = x->b;
                bits = ALL_BITS;
            }
            break;
        case EX_UNOP:
            if (x->op != OP_BITNOT)
                bits = ALL_BITS;
            x = x->a;
            break;
        case EX_COND:
            sl_expr_bits(sl, x->a, fi, ALL_BITS);
            sl_expr_bits(sl, x->b, fi, bits);
            x = x->c;
            break;
        default:
            sl_expr_bits(sl, x->a, fi, ALL_BITS);
            x = x->c;
            bits = ALL_BITS;
            break;
        }
    }
}

static void sl_expr(Slice *sl, const Expr *x, int fi)
{
    sl_expr_bits(sl, x, fi, ALL_BITS);
}

/* The bits of an assignment's target that matter: a global's (glob_add),
 * all of anything else's. */
static uint64_t sl_bits(Slice *sl, const Expr *x)
{
    if (!x || x->kind != EX_PATH || !x->key || local_scope(x))
        return ALL_BITS;
    int32_t id = ev_path_key(sl->e, x);
    return id > 0 && id < sl->nglob && sl->glob[id] ? sl->gbits[id] : ALL_BITS;
}

/* Per function: its control dependence (the driver's, cd_shared; NULL
 * and `unknown` when some block reaches no exit), which branches'
 * conditions the slice holds already, and from which blocks the branches
 * deciding them were walked (need_block once per block: NetKVM asked
 * 57k times for 2.2k conditions). */
typedef struct SliceFn {
    const CtrlDep *cd;
    int built, unknown;
    unsigned char *done;
    unsigned char *closed;
} SliceFn;

static SliceFn *slice_fn(const Program *p, SliceFn *sfn, int fi)
{
    SliceFn *sf = &sfn[fi];
    if (!sf->built) {
        const Func *f = p->funcs[fi].f;
        sf->built = 1;
        sf->cd = cd_shared(&p->cds[fi], f);
        sf->unknown = sf->cd == NULL;
        sf->done = calloc(2 * ((size_t)f->nblocks + 1), 1);
        if (!sf->done)
            abort();
        sf->closed = sf->done + f->nblocks + 1;
    }
    return sf;
}

/* Block b of fi matters (it writes or returns what the rule depends on):
 * so do the conditions of the branches that decide whether it runs, and
 * theirs, transitively. */
static void need_block(Slice *sl, SliceFn *sfn, const Func *f, int fi, int b, unsigned char *all)
{
    SliceFn *sf = slice_fn(sl->p, sfn, fi);
    if (sf->unknown) {                 /* an endless loop: every branch may matter */
        if (!all[fi]) {
            all[fi] = 1;
            sl_dirty(sl, fi);
        }
        return;
    }
    if (sf->closed[b])
        return;
    int *stack = sl->stack, sp = 0;
    sf->closed[b] = 1;
    stack[sp++] = b;
    while (sp) {
        const int *d;
        int n = cd_of(sf->cd, stack[--sp], &d);
        for (int k = 0; k < n; k++) {
            if (sf->done[d[k]])
                continue;
            sf->done[d[k]] = 1;
            sl_expr(sl, f->blocks[d[k]].cond, fi);
            if (!sf->closed[d[k]]) {   /* else its deciding branches are done already */
                sf->closed[d[k]] = 1;
                stack[sp++] = d[k];
            }
        }
    }
}

/* Marks the keys x reads as decisive, and the functions that test them
 * dirty (sl, when not NULL). */
static void decisive_expr(Engine *e, const Expr *x, Slice *sl)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            int32_t k = ev_path_key(e, x);
            if (k > 0 && !key_decisive(e, k)) {   /* else nothing to set */
                if (sl)
                    sl_dirty_users(sl, k);
                key_set_decisive(e, k);
            }
            return;
        }
        decisive_expr(e, x->a, sl);
        decisive_expr(e, x->c, sl);
        if (x->kind != EX_BINOP)
            return;
    }
}

/* A decisive scalar: pointers carry which object, not a value (a list walk
 * `Nbl = Nbl->Next` guarding lock calls would make every link decide). */
static int decisive_path(Engine *e, const Expr *x, const SlPath *sp)
{
    return (sp->flags & (SP_PATH | SP_POINTER)) == SP_PATH && key_decisive(e, path_id(e, x, sp));
}

/* A decisive key decides through the values that flow into it, so those
 * decide too: `_val = InterlockedDecrement(&Nic->RefCnt); if (!_val)
 * NicFree(Nic)` makes the reference count decisive (and so zeroed with its
 * object: apimodel.c), as does the argument bound to a decisive parameter
 * and what a function returns into a decisive key.  To a fixed point. */
static void decisive_flow(Engine *e, const Program *p, Slice *sl)
{
    /* sweeps as prog_slice's: a function again only when a key it tests
     * (a step's left-hand side, a callee's parameter) became decisive */
    const struct StepTab *tab = e->steptab;
    memset(sl->dirty, 1, (size_t)p->nfuncs + 1);
    for (int pending = 1; pending;) {
        pending = 0;
        for (int fi = 0; fi < p->nfuncs; fi++) {
            if (!sl->dirty[fi])
                continue;
            sl->dirty[fi] = 0;
            const SlStep *ss = &tab->steps[tab->start[fi]], *end = &tab->steps[tab->start[fi + 1]];
            for (; ss < end; ss++) {
                const Step *st = ss->st;
                if (st->kind == ST_ASSIGN) {
                    if (decisive_path(e, st->lhs, &ss->lhs))
                        decisive_expr(e, st->rhs, sl);
                    else if (ss->flags & SS_COPY)
                        copy_decisive(e, st->lhs, st->rhs, sl);
                    continue;
                }
                int into = decisive_path(e, st->lhs, &ss->lhs);
                const CallRes *cr = ss->cr;
                if (into && st->callee && (!cr || cr->direct < 0) && (call_flags(e, st->callee) & CF_MODEL))
                    for (int j = 0; j < st->nargs; j++)
                        decisive_expr(e, st->args[j], sl);
                for (int t = 0; cr && t < cr->n; t++) {
                    int g = cr->fi[t];
                    const Param *gp = p->funcs[g].f->params;
                    for (int j = 0; j < p->funcs[g].f->nparams; j++) {
                        int x = cr->first[t] + j;
                        if (x < st->nargs && gp[j].name && gp[j].name[0] &&
                            key_decisive(e, param_id(sl, g, j)) &&
                            !(st->args[x]->kind == EX_PATH && st->args[x]->is_pointer) &&
                            st->args[x]->kind != EX_ADDR && st->args[x]->kind != EX_FUNC)
                            decisive_expr(e, st->args[x], sl);
                    }
                    for (int r = tab->rstart[g]; into && r < tab->rstart[g + 1]; r++)
                        decisive_expr(e, tab->rets[r], sl);
                }
            }
        }
        for (int fi = 0; fi < p->nfuncs && !pending; fi++)
            pending = sl->dirty[fi];
    }
}

/* The keys in the conditions that decide whether a call that can fire one
 * of the rule's events runs (a rule API, or a function that reaches one):
 * joins keep them apart first (state.c st_distance). */
static void mark_decisive(Engine *e, const Program *p, const unsigned char *touches, SliceFn *sfn)
{
    for (int fi = 0; fi < p->nfuncs; fi++) {
        /* a call that fires is a rule API's or a touching function's: its
         * function touches the rule (frames.c touch_rule, up the callers) */
        if (!touches[fi])
            continue;
        const Func *f = p->funcs[fi].f;
        unsigned char *seen = NULL;
        int *stack = NULL, sp = 0;
        for (int b = 0; b < f->nblocks; b++) {
            int fires = 0;
            for (int k = 0; k < f->blocks[b].nsteps && !fires; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL)
                    continue;
                const CallRes *cr = prog_call(p, st);
                fires = st->callee && (!cr || cr->direct < 0) &&
                        (call_flags(e, st->callee) & CF_MENTIONED) && !site_inert(e, st);
                for (int t = 0; cr && t < cr->n && !fires; t++)
                    fires = touches[cr->fi[t]];
            }
            if (!fires)
                continue;
            if (!slice_fn(p, sfn, fi)->cd)
                break;
            if (!seen) {
                seen = calloc((size_t)f->nblocks + 1, 1);
                stack = malloc(sizeof *stack * ((size_t)f->nblocks + 1));
                if (!seen || !stack)
                    abort();
            }
            stack[sp++] = b;
            while (sp) {
                const int *d;
                int n = cd_of(sfn[fi].cd, stack[--sp], &d);
                for (int k = 0; k < n; k++)
                    if (!seen[d[k]]) {
                        seen[d[k]] = 1;
                        decisive_expr(e, f->blocks[d[k]].cond, NULL);
                        stack[sp++] = d[k];
                    }
            }
        }
        free(seen);
        free(stack);
    }
}

/* Pointers lent to a function: a call passing &X, X relevant, to the
 * parameter p makes what the callee writes through p (*p, p->f) matter,
 * and the branches deciding whether it does; the set `thr` holds (p,
 * callee).  Only those branches, not every one in the callee. */
static void lend(Slice *thr, const Program *p, int x, const CallRes *cr)
{
    for (int t = 0; cr && t < cr->n; t++) {
        const Func *c = p->funcs[cr->fi[t]].f;
        int j = x - cr->first[t];
        if (j >= 0 && j < c->nparams && c->params[j].name && c->params[j].name[0])
            loc_add(thr, param_id(thr, cr->fi[t], j), cr->fi[t]);
    }
}

/* x (sp: its SlPath, steptab.h) is reached through a pointer lent to function
 * fi (*p, p->f). */
static int sl_through(Slice *thr, const Expr *x, const SlPath *sp, int fi)
{
    return sp->bkey && thr->nloc &&
           loc_has(thr, sp->bkey > 0 ? sp->bkey : key_intern_at(thr->e, x->base_key, 0), fi);
}

static int persistent_path(const Expr *x)
{
    return x && x->kind == EX_PATH && (x->scope == SCOPE_GLOBAL || x->scope == SCOPE_HEAP);
}

/* A store into memory the device writes (device.c: the register
 * `Adapter->CSRAddress->MDIControl = (RegAddress << 16) | (PhyAddress << 21)`)
 * keeps no fact, so what it stores decides nothing: e100bex's stall rule
 * kept MdiRead's and MdiWrite's register and PHY addresses, and analysed
 * them once per pair of constants their 158 calls pass. */
static int device_write(Engine *e, const Program *p, const Expr *lhs)
{
    if (!lhs || lhs->kind != EX_PATH || !lhs->key || local_scope(lhs) || !p->ndev_slots)
        return 0;
    int32_t id = ev_path_key(e, lhs);
    if (id <= 0)
        return 0;
    unsigned char *m = key_memo(e, &e->dev_keys, id);   /* asked at every sweep */
    if (!*m)
        *m = (unsigned char)(prog_device_key(p, key_name(e, id)) ? 2 : 1);
    return *m == 2;
}

/* Does the slice at this level follow control dependence in function fi
 * (the branches deciding whether a block that matters runs)? */
static int decides(SliceLevel level, const unsigned char *touches, int fi)
{
    return level == SLICE_FULL || (level == SLICE_TOUCHING && touches[fi]);
}

/* A field or global a polling loop tests (polls.c) matters, and decides. */
typedef struct PollAdd {
    Slice *sl;
    int fi;
} PollAdd;

static void poll_add(void *to, const Expr *x)
{
    PollAdd *pa = to;
    Engine *e = pa->sl->e;
    const Program *p = pa->sl->p;
    int32_t k = ev_path_key(e, x);
    int written = 0;
    for (int i = 0; i < p->nentries && !written; i++) {
        int g = p->entries[i].func;
        written = (e->armed[g] || (e->queued[g] && !dfr_completes_request(p, g))) &&
                  fr_touches(e->frames, g) && fr_writes(e, e->frames, g, k);
    }
    if (!written)               /* what no callback that matters changes */
        return;
    key_set_polled(e, k);
    sl_expr(pa->sl, x, pa->fi);
    decisive_expr(pa->sl->e, x, pa->sl);
}

/* What one rule can depend on: the keys whose values can decide one of
 * its events.  Seeds: everything the functions that touch the rule test,
 * return or pass (touches[fi], frames.c), and what DriverEntry and
 * MiniportInitializeEx return (the harness tests their status).  Then, to
 * a fixed point: the right-hand side of an assignment to a relevant key;
 * the argument bound to a relevant parameter; the returned values of a
 * function whose result lands in a relevant key; and for every block that
 * writes a relevant key (itself, through an API's out argument, or in a
 * function it calls) or returns a relevant value, the conditions of the
 * branches that decide whether that block runs (control dependence).  A
 * pointer assigned the address of a relevant object is relevant.
 * Everything else a driver computes (checksums, statistics, buffer walks)
 * is left out, so states that differ only there are one state.  The set
 * (Program.relevant) lives in arena a, for this rule's run only; the keys
 * interned before it was made (every one interned so far had relevant 0)
 * are marked relevant here. */
void prog_slice(Engine *e, Program *p, const unsigned char *touches, SliceLevel level, Arena *a)
{
    size_t nf = (size_t)p->nfuncs + 1;
    int maxb = 0;
    for (int fi = 0; fi < p->nfuncs; fi++)
        if (p->funcs[fi].f->nblocks > maxb)
            maxb = p->funcs[fi].f->nblocks;
    unsigned char *all = calloc(nf, 1), *ret = calloc(nf, 1), *eff = calloc(nf, 1);
    unsigned char *dirty = malloc(nf);
    int *stack = malloc(sizeof *stack * ((size_t)maxb + 1));
    SliceFn *sfn = calloc(nf, sizeof *sfn);
    if (!all || !ret || !eff || !dirty || !stack || !sfn)
        abort();
    const struct StepTab *tab = e->steptab;
    const int *pstart = tab->pstart;
    int32_t *pids = malloc(sizeof *pids * ((size_t)pstart[p->nfuncs] + 1));
    if (!pids)
        abort();
    memcpy(pids, tab->pids, sizeof *pids * (size_t)pstart[p->nfuncs]);
    int32_t *tkids = calloc((size_t)tab->ntkeys + 1, sizeof *tkids);
    int *pin = calloc(nf, sizeof *pin);
    int *cfc = malloc(sizeof *cfc * ((size_t)tab->ncallees + 1));
    signed char *mvc = malloc((size_t)tab->ncallees + 1);
    if (!tkids || !pin || !cfc || !mvc)
        abort();
    for (int i = 0; i < tab->ncallees; i++)
        cfc[i] = mvc[i] = -1;
    Slice sl = {.e = e, .p = p, .dirty = dirty, .callers_read = 1, .pin = pin, .stack = stack,
                .tkids = tkids, .cflags = cfc, .moves = mvc, .pstart = pstart, .pids = pids};
    Slice thr = {.e = e, .p = p, .dirty = dirty, .stack = stack, .pstart = pstart, .pids = pids};
    /* what a polling loop tests, where a pending callback that may change
     * it touches a rule with a state (frames.c gives the loop's function
     * the callbacks, polls.c) */
    int poll = 0;
    for (int i = 0; i < p->nentries && !e->rule->has_watch && e->rule->nvars && !poll; i++) {
        int g = p->entries[i].func;
        poll = (e->armed[g] || e->queued[g]) && touches[g];
    }
    for (int i = 0; i < p->nentries && level > SLICE_OBJECTS; i++) {
        RolePhase ph = role_phase(p->entries[i].role);
        if (ph == PH_DRIVER_ENTRY || ph == PH_INITIALIZE)   /* the harness tests their status */
            ret[p->entries[i].func] = 1;
    }
    /* Sweeps in function order, as a round over every function would go,
     * but visiting only the functions that something added since their
     * last visit can make do more (sl_dirty: its own flags and locals, a
     * callee's parameters and effect, a global it tests): a visit of any
     * other would add nothing and intern no new key, so the slice, and the
     * order keys are interned in, are those of whole rounds.  NetKVM's 3
     * rule runs: 248k sl_has calls -> 80k, prog_slice 121M instructions ->
     * 41M (with need_block's and decisive_flow's shortcuts). */
    memset(dirty, 1, nf);
    for (int pending = 1; pending;) {
        pending = 0;
        for (int fi = 0; fi < p->nfuncs; fi++) {
            if (!dirty[fi])
                continue;
            dirty[fi] = 0;
            const Func *f = p->funcs[fi].f;
            const SlStep *ss = &tab->steps[tab->start[fi]];
            for (int b = 0; b < f->nblocks; b++) {
                const Block *bl = &f->blocks[b];
                if (all[fi] && bl->term == T_BRANCH)
                    sl_expr(&sl, bl->cond, fi);
                if ((all[fi] || ret[fi]) && bl->term == T_RETURN) {
                    sl_expr(&sl, bl->retval, fi);
                    if (!all[fi] && decides(level, touches, fi))
                        need_block(&sl, sfn, f, fi, b, all);
                }
                for (int k = 0; k < bl->nsteps; k++, ss++) {
                    const Step *st = &bl->steps[k];
                    if ((ss->flags & SS_DEVICE) ||
                        ((ss->flags & SS_DEVICE_ASK) && device_write(e, p, st->lhs)))
                        continue;
                    int need = sl_has_path(&sl, st->lhs, &ss->lhs, fi) ||
                               sl_through(&thr, st->lhs, &ss->lhs, fi) ||
                               ((ss->flags & SS_DEREF_COPY) && sl_has_below(&sl, st->lhs, &ss->lhs, fi));
                    if (need && persistent_path(st->lhs) && !eff[fi]) {
                        eff[fi] = 1;
                        sl_dirty_callers(&sl, fi);
                    }
                    if (need && st->lhs && st->lhs->kind == EX_PATH && st->lhs->index)
                        sl_expr(&sl, st->lhs->index, fi);     /* a[i] = v: which element */
                    if (st->kind == ST_ASSIGN) {
                        if (need)
                            sl_expr_bits(&sl, st->rhs, fi, sl_bits(&sl, st->lhs));
                        else if ((ss->flags & SS_ADDR_RHS) &&
                                 sl_has_path(&sl, st->rhs->a, &ss->rhs_a, fi))
                            sl_expr(&sl, st->lhs, fi);
                    } else {
                        const CallRes *cr = ss->cr;
                        int nt = cr ? cr->n : 0;
                        const int *tg = cr ? cr->fi : NULL, *first = cr ? cr->first : NULL;
                        const SlPath *ap = &tab->args[ss->args];
                        for (int x = 0; x < st->nargs; x++) {
                            const Expr *ax = st->args[x];
                            if ((ap[x].flags & SP_ARG_PTR) &&
                                loc_has(&thr, path_id(e, ax, &ap[x]), fi)) {
                                need = 1;         /* handed on: MpFill(p) in a helper lent &X */
                                lend(&thr, p, x, cr);
                                continue;
                            }
                            if (!(ap[x].flags & SP_ARG_ADDR) ||
                                !(sl_has_path(&sl, ax->a, &ap[x], fi) ||
                                  sl_through(&thr, ax->a, &ap[x], fi)))
                                continue;
                            need = 1;             /* it writes a relevant object */
                            if (persistent_path(ax->a) && !eff[fi]) {
                                eff[fi] = 1;
                                sl_dirty_callers(&sl, fi);
                            }
                            lend(&thr, p, x, cr);
                        }
                        /* an API: its arguments, when the rule reads them (an
                         * event of this API) or its result is kept (its value
                         * may come from them: InterlockedExchange) */
                        int cf = st->callee ? callee_flags(&sl, ss) : 0;
                        int api = st->callee && (!cr || cr->direct < 0) && (cf & CF_MENTIONED) &&
                                  !site_inert(e, st);
                        if (api || (nt == 0 && st->callee && sl_has_path(&sl, st->lhs, &ss->lhs, fi)))
                            for (int x = 0; x < st->nargs; x++)
                                sl_expr(&sl, st->args[x], fi);
                        /* a call that can fire one of the rule's events, move
                         * the IRQL it reads (irql.c), or arm, cancel or queue a
                         * callback the harness runs only then (deferred.c): the
                         * branches deciding whether it runs matter */
                        /* (both 0 for a call without the flags they read: asked
                         * only then, a name lookup each, at every visit) */
                        int moves = (cf & (CF_WAITS | CF_EVENT | CF_ARMS | CF_CANCELS | CF_QUEUES)) &&
                                    callee_moves(&sl, ss);
                        if (api || ((cf & CF_IRQL) && irql_moves(e, st->callee)) || moves)
                            need = 1;
                        /* ... and in a helper (MpArm: NdisSetTimerObject), the
                         * branches deciding whether its callers call it too:
                         * a tick that re-arms through it only while a flag
                         * says running had the flag left out (blind round 6) */
                        if (moves && !eff[fi]) {
                            eff[fi] = 1;
                            sl_dirty_callers(&sl, fi);
                        }
                        if (poll && cr && cr->npoll && decides(level, touches, fi)) {
                            PollAdd pa = {&sl, fi};
                            for (int q = 0; q < cr->npoll; q++)
                                poll_paths(cr->poll[q], poll_add, &pa);
                        }
                        for (int t = 0; t < nt; t++) {
                            const Func *c = p->funcs[tg[t]].f;
                            if (touches[tg[t]]) {
                                need = 1;
                                if (!st->callee && st->callee_expr) { /* which one runs */
                                    sl_expr(&sl, st->callee_expr, fi);
                                    /* through a field: the table it points to
                                     * (Adapter->Ops = &MpOpsA, interp.c) */
                                    const char *bk = st->callee_expr->kind == EX_PATH
                                                         ? st->callee_expr->base_key : NULL;
                                    if (bk && strchr(bk, '.') && p->nkonst)
                                        glob_add(&sl, key_intern_at(e, bk, 1), ALL_BITS);
                                }
                            }
                            if (sl_has_path(&sl, st->lhs, &ss->lhs, fi) && !ret[tg[t]] &&
                                (level == SLICE_FULL || st->lhs->is_pointer ||
                                 (level == SLICE_TOUCHING && touches[tg[t]]))) {
                                ret[tg[t]] = 1;
                                sl_dirty(&sl, tg[t]);
                            }
                            if (eff[tg[t]]) {
                                need = 1;
                                if (!eff[fi]) {
                                    eff[fi] = 1;
                                    sl_dirty_callers(&sl, fi);
                                }
                            }
                            /* (none held, and every id known: no ask would
                             * intern one) */
                            for (int j = 0; (sl.pin[tg[t]] || !tab->pknown[tg[t]]) &&
                                            j < c->nparams; j++) {
                                int x = first[t] + j;
                                if (x < st->nargs && c->params[j].name &&
                                    loc_has(&sl, param_id(&sl, tg[t], j), tg[t]))
                                    sl_expr(&sl, st->args[x], fi);
                            }
                        }
                    }
                    if (need && !all[fi] && decides(level, touches, fi))
                        need_block(&sl, sfn, f, fi, b, all);
                }
            }
        }
        for (int fi = 0; fi < p->nfuncs && !pending; fi++)
            pending = dirty[fi];
    }
    if (getenv("DRVCHECK_ENGINE_STATS")) {
        int na = 0, nt = 0, nr = 0, ne = 0;
        for (int fi = 0; fi < p->nfuncs; fi++)
            na += all[fi], nt += touches[fi], nr += ret[fi], ne += eff[fi];
        fprintf(stderr, "engine: slice: %d of %d functions touch the rule (%d wholly relevant), "
                "%d return and %d write what it depends on; %d global and %d function-local keys\n",
                nt, p->nfuncs, na, nr, ne, nglob_set(&sl), sl.nloc);
    }
    mark_decisive(e, p, touches, sfn);
    decisive_flow(e, p, &sl);
    for (int fi = 0; fi < p->nfuncs; fi++)
        free(sfn[fi].done);
    free(sfn);
    free(stack);
    free(dirty);
    free(pids);
    free(tkids);
    free(all);
    free(ret);
    free(eff);
    /* the engine asks by key: a local relevant in one function counts in all */
    /* ... and every key interned so far knows it is (what keytab_refresh
     * would find by name, for each key: 146k instructions in the 4 runs on
     * sdv-faildriver) */
    KeySet ks = {.a = a};
    for (int i = 0; i < sl.nloc_slots; i++)
        if (sl.loc[i]) {
            int32_t id = (int32_t)((sl.loc[i] - 1) >> 32);
            ks_add(&ks, key_name(e, id));
            key_set_relevant(e, id);
        }
    /* a global read in some bits only (sl_expr_bits) keeps facts on those,
     * unless the same name is a relevant local somewhere or the engine
     * made it relevant already (copy_decisive: a whole record copied) */
    int nkb = 0;
    for (int i = 0; i < sl.nglob; i++)
        nkb += sl.glob[i] && sl.gbits[i] != ALL_BITS;
    p->keybits = nkb ? arena_alloc(a, sizeof *p->keybits * (size_t)nkb) : NULL;
    p->nkeybits = 0;
    for (int i = 0; i < sl.nglob; i++)
        if (sl.glob[i] && !prog_device_key(p, key_name(e, i))) {   /* device.c */
            int partial = sl.gbits[i] != ALL_BITS && !key_relevant(e, i);
            ks_add(&ks, key_name(e, i));
            key_set_relevant(e, i);
            if (partial) {
                e->keys->ents[i].keep = sl.gbits[i];
                p->keybits[p->nkeybits++] = (struct KeyBits){key_name(e, i), sl.gbits[i]};
            }
        }
    /* r->InUse where r = &Adapter->Tx: Adapter->Tx.InUse (lentblocks.c),
     * once the slice knows what is relevant */
    int32_t *lk;
    int nlk = lb_name_fields(e, e->lent, &lk);
    for (int i = 0; i < nlk; i++)
        ks_add(&ks, key_name(e, lk[i]));
    free(lk);
    if (getenv("DRVCHECK_SLICE_KEYS"))
        for (int i = 0; i < ks.nslots; i++)
            if (ks.slots[i])
                fprintf(stderr, "engine: slice key %s%s (bits %#llx)\n", ks.slots[i],
                        key_decisive(e, key_intern_at(e, ks.slots[i], 0)) ? " (decisive)" : "",
                        (unsigned long long)prog_key_keep(p, ks.slots[i]));
    free(sl.glob);
    free(sl.gbits);
    free(sl.loc);
    free(sl.idx);
    free(thr.loc);
    free(thr.idx);
    free(pin);
    free(cfc);
    free(mvc);
    p->relevant = ks.slots;
    p->nrelevant_slots = ks.nslots;
}
