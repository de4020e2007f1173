/* device.c - the records the device writes.
 *
 * A NIC reads and writes memory behind the driver's back: its registers,
 * mapped with NdisMMapIoSpace (MmMapIoSpace), and the shared memory it
 * reaches by DMA (NdisMAllocateSharedMemory, or the VirtualAddress
 * MiniportSharedMemoryAllocateComplete is given).  e100bex writes 0 into
 * its self-test block, tells the chip to run the self-test, stalls, and
 * fails unless the chip wrote a signature there:
 *
 *     Adapter->SelfTest->StSignature = 0;
 *     Adapter->CSRAddress->Port = SelfTestCommandCode;
 *     NdisStallExecution(...);
 *     if (Adapter->SelfTest->StSignature == 0) ... return NDIS_STATUS_DEVICE_FAILED;
 *
 * Taking the driver's own write as the value read there made every
 * MiniportInitializeEx of e100bex fail, and so no callback of it was ever
 * checked.  A value the device writes is never known: the record types
 * reached through those addresses keep no facts (prog_slice leaves their
 * keys out).
 *
 * Which pointers hold such an address is found once per driver, without
 * regard to paths: the out argument of a mapping or shared-memory API, a
 * MiniportSharedMemoryAllocateComplete's VirtualAddress, and then, to a
 * fixed point, what is assigned from an expression that holds one (casts,
 * alignment arithmetic: `Adapter->SelfTest = (PSELF_TEST_STRUC)
 * MP_ALIGNMEM(pMem, 16)`), the parameter it is passed to, the result of a
 * driver function that returns one, and a pointer field of a device record
 * (the next descriptor of a ring).  A member or dereference through such a
 * pointer names a device record.  A function's locals and parameters are
 * told apart by function, so a `p` pointing at shared memory in one
 * function says nothing of `p` in another. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* An API whose out argument (0-based; -1: its result) receives an address
 * the device reads and writes. */
static const struct DevApi {
    const char *name;
    int arg;
} dev_apis[] = {
    {"NdisMMapIoSpace", 0},
    {"NdisMAllocateSharedMemory", 3},
    {"MmMapIoSpace", -1},
    {"MmMapIoSpaceEx", -1},
};

/* Adds a copy of k; 1 when it was not there. */
static int ds_add(KeySet *s, const char *k)
{
    return k && *k && !ks_has(s, k) && ks_add(s, arena_strdup(s->a, k));
}

typedef struct Dev {
    const Program *p;
    KeySet ptrs;             /* parameters ("fi:name") and heap or global pointers (their key)
                                holding a device address somewhere */
    KeySet recs;             /* device record types */
    unsigned char *returns;  /* per function: it returns a device address */
    int changed;
    /* what a round changed, for the next to walk only the functions it can
     * change: a name added to ptrs, a function that now returns a device
     * address (ret_new); and per function the names its last walk asked
     * ptrs about (asked: its parameters' and every non-local pointer's) */
    KeySet added;
    unsigned char *ret_new;
    unsigned char *hit;      /* per function: its last walk met a device address (a pointer
                                ptrs has, a call returning one): else it notes no record */
    unsigned char **kept;    /* per function with hit: the block-entry states its last walk
                                settled on, which a walk now would settle on again (it would
                                be dirty else): the record pass starts from them */
    const char ***asked;
    uint64_t **askedh;       /* their eng_hash_str, for the dirty check (ks_has_hashed) */
    int *nasked, *capasked;
    /* the function being walked: its locals, and which hold a device
     * address at the current point (the walk is path-insensitive but in
     * order: `pMem` carves shared memory, then is reused for the pool) */
    int fi;
    const char **locals;
    uint64_t *lhash;         /* their eng_hash_local */
    int *lslot;              /* 2 * caplocals slots: a local's index + 1, or 0 (a scan of the
                                locals with strcmp was 4M instructions on rtlnwifi) */
    int nlocals, caplocals;
    unsigned char *cur;
} Dev;

static int is_local(const Expr *x)
{
    return x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM;
}

static int local_find(const Dev *d, const char *name, uint64_t h)
{
    uint64_t m = 2 * (uint64_t)d->caplocals - 1;
    for (uint64_t i = h & m; d->caplocals && d->lslot[i]; i = (i + 1) & m) {
        int j = d->lslot[i] - 1;
        if (d->lhash[j] == h && (d->locals[j] == name || strcmp(d->locals[j], name) == 0))
            return j;
    }
    return -1;
}

static void local_slot(Dev *d, int j)
{
    uint64_t m = 2 * (uint64_t)d->caplocals - 1, i = d->lhash[j] & m;
    while (d->lslot[i])
        i = (i + 1) & m;
    d->lslot[i] = j + 1;
}

static int local_index(Dev *d, const char *name, int add)
{
    uint64_t h = eng_hash_local(name);
    int j = local_find(d, name, h);
    if (j >= 0 || !add)
        return j;
    if (d->nlocals == d->caplocals) {
        d->caplocals = d->caplocals ? d->caplocals * 2 : 32;
        d->locals = realloc(d->locals, sizeof *d->locals * (size_t)d->caplocals);
        d->lhash = realloc(d->lhash, sizeof *d->lhash * (size_t)d->caplocals);
        free(d->lslot);
        d->lslot = calloc(2 * (size_t)d->caplocals, sizeof *d->lslot);
        if (!d->locals || !d->lhash || !d->lslot)
            abort();
        for (int i = 0; i < d->nlocals; i++)
            local_slot(d, i);
    }
    d->locals[d->nlocals] = name;
    d->lhash[d->nlocals] = h;
    local_slot(d, d->nlocals);
    return d->nlocals++;
}

static const char *scoped(char *buf, size_t n, int fi, const char *name)
{
    return prog_scoped(buf, n, fi, name);
}

/* ptrs has name?  Noted as asked by the function being walked. */
static int asks(Dev *d, const char *name)
{
    int fi = d->fi;
    if (d->nasked[fi] == d->capasked[fi]) {
        d->capasked[fi] = d->capasked[fi] ? 2 * d->capasked[fi] : 64;
        d->asked[fi] = realloc(d->asked[fi], sizeof *d->asked[fi] * (size_t)d->capasked[fi]);
        d->askedh[fi] = realloc(d->askedh[fi], sizeof *d->askedh[fi] * (size_t)d->capasked[fi]);
        if (!d->asked[fi] || !d->askedh[fi])
            abort();
    }
    uint64_t h = eng_hash_str(name);
    d->askedh[fi][d->nasked[fi]] = h;
    d->asked[fi][d->nasked[fi]++] = name;
    if (!ks_has_hashed(&d->ptrs, name, h))
        return 0;
    d->hit[fi] = 1;
    return 1;
}

/* Does the pointer named `name` hold a device address here: a local by
 * the walk's state, anything else by the whole program's? */
static int ptr_is_dev(Dev *d, const char *name)
{
    if (!name)
        return 0;
    int i = local_find(d, name, eng_hash_local(name));
    return i >= 0 ? d->cur[i] : asks(d, name);
}

/* Is EX_PATH x reached through a device pointer (a member or dereference
 * of one)? */
static int through_dev(Dev *d, const Expr *x)
{
    return x->base_key && ptr_is_dev(d, x->base_key);
}

/* Does x's value hold a device address? */
static int holds_dev(Dev *d, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            if (x->key && ptr_is_dev(d, x->key))
                return 1;
            return x->is_pointer && through_dev(d, x);   /* the next descriptor */
        }
        if (x->kind == EX_ADDR)
            return x->a && x->a->kind == EX_PATH && through_dev(d, x->a);
        if (holds_dev(d, x->a) || holds_dev(d, x->c))
            return 1;
        if (x->kind != EX_BINOP)
            return 0;
    }
    return 0;
}

/* x now holds a device address (dev) or not. */
static void set_ptr(Dev *d, const Expr *x, int dev)
{
    if (!x || x->kind != EX_PATH || !x->key)
        return;
    if (is_local(x)) {
        int i = local_index(d, x->key, 0);
        if (i >= 0)
            d->cur[i] = (unsigned char)dev;
    } else if (dev && ds_add(&d->ptrs, x->key)) {
        d->changed = 1;
        ds_add(&d->added, x->key);
    }
}

static void mark_param(Dev *d, int fi, const char *name)
{
    char buf[600];
    if (name && *name && ds_add(&d->ptrs, scoped(buf, sizeof buf, fi, name))) {
        d->changed = 1;
        ds_add(&d->added, buf);
    }
}

/* Every device record an expression names through a device pointer. */
static void note_records(Dev *d, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            char rb[512];
            int dev = x->scope == SCOPE_HEAP && through_dev(d, x);
            /* a register read through a pointer to a scalar (`volatile
             * ULONG *MdioCtrl`: *Adapter->MdioCtrl) is that pointer's
             * own: its whole key */
            const char *r = !dev ? NULL : x->key && x->key[0] == '*' ? x->key
                                                          : key_head(x->key, rb, sizeof rb);
            if (r)
                ds_add(&d->recs, r);
            return;
        }
        note_records(d, x->a);
        note_records(d, x->c);
        if (x->kind != EX_BINOP)
            return;
    }
}

static int dev_api(const char *callee)
{
    for (size_t i = 0; callee && i < sizeof dev_apis / sizeof dev_apis[0]; i++)
        if (strcmp(callee, dev_apis[i].name) == 0)
            return (int)i;
    return -1;
}

static void collect_local(Dev *d, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            if (x->key && is_local(x))
                local_index(d, x->key, 1);
            if (x->base_key)       /* what the record pass asks (note_records) */
                asks(d, x->base_key);
            return;
        }
        collect_local(d, x->a);
        collect_local(d, x->c);
        if (x->kind != EX_BINOP)
            return;
    }
}

/* The step's effect on the walk's state and on the program's pointers
 * (and, when `note`, the device records it names). */
static void step(Dev *d, const Step *st, int note)
{
    const Program *p = d->p;
    if (note) {
        note_records(d, st->lhs);
        note_records(d, st->rhs);
        for (int x = 0; x < st->nargs; x++)
            note_records(d, st->args[x]);
    }
    if (st->kind == ST_ASSIGN) {
        if (st->lhs && st->rhs)
            set_ptr(d, st->lhs, holds_dev(d, st->rhs));
        return;
    }
    const CallRes *cr = prog_call(p, st);
    int result = 0;
    for (int t = 0; cr && t < cr->n; t++) {
        const Func *c = p->funcs[cr->fi[t]].f;
        for (int j = 0; j < c->nparams; j++) {
            int x = cr->first[t] + j;
            if (x < st->nargs && holds_dev(d, st->args[x]))
                mark_param(d, cr->fi[t], c->params[j].name);
        }
        result |= d->returns[cr->fi[t]];
    }
    int api = dev_api(st->callee);
    if (api >= 0 && dev_apis[api].arg < 0)
        result = 1;
    if (result || api >= 0)
        d->hit[d->fi] = 1;
    if (st->lhs)
        set_ptr(d, st->lhs, result);
    if (api >= 0 && dev_apis[api].arg >= 0 && dev_apis[api].arg < st->nargs) {
        const Expr *ax = st->args[dev_apis[api].arg];
        if (ax && ax->kind == EX_ADDR)
            set_ptr(d, ax->a, 1);
    }
}

/* Walks function fi's blocks to a fixed point of which locals hold a
 * device address where (a local holds one at a block's start when it does
 * at the end of some predecessor).  With `note`, records what it names,
 * from the states its last walk kept (rtlnwifi: the record pass settled
 * 60 functions again, 4.3M instructions). */
static void walk(Dev *d, int fi, int note)
{
    const Func *f = d->p->funcs[fi].f;
    char buf[600];
    d->fi = fi;
    d->nlocals = 0;
    if (d->lslot)
        memset(d->lslot, 0, sizeof *d->lslot * 2 * (size_t)d->caplocals);
    for (int j = 0; j < f->nparams; j++)
        if (f->params[j].name && *f->params[j].name)
            local_index(d, f->params[j].name, 1);
    for (int b = 0; b < f->nblocks; b++) {
        const Block *bl = &f->blocks[b];
        collect_local(d, bl->cond);
        collect_local(d, bl->retval);
        for (int k = 0; k < bl->nsteps; k++) {
            collect_local(d, bl->steps[k].lhs);
            collect_local(d, bl->steps[k].rhs);
            for (int x = 0; x < bl->steps[k].nargs; x++)
                collect_local(d, bl->steps[k].args[x]);
        }
    }
    int nl = d->nlocals ? d->nlocals : 1;
    int settle = !note || !d->kept[fi];         /* else the states are kept's */
    unsigned char *in = settle ? calloc((size_t)f->nblocks * (size_t)nl + 1, 1) : d->kept[fi];
    unsigned char *cur = malloc((size_t)nl);
    unsigned char *pending = calloc((size_t)f->nblocks + 1, 1);
    if (!in || !cur || !pending)
        abort();
    d->cur = cur;
    for (int j = 0; settle && j < f->nparams && f->nblocks; j++) {
        int i = f->params[j].name ? local_index(d, f->params[j].name, 0) : -1;
        if (i >= 0)
            in[i] = (unsigned char)asks(d, arena_strdup(d->ptrs.a,
                                                       scoped(buf, sizeof buf, fi, f->params[j].name)));
    }
    memset(pending, 1, (size_t)f->nblocks);     /* each block at least once */
    for (int again = settle; again;) {
        again = 0;
        for (int b = 0; b < f->nblocks; b++) {
            if (!pending[b])
                continue;
            pending[b] = 0;
            const Block *bl = &f->blocks[b];
            memcpy(cur, in + (size_t)b * (size_t)nl, (size_t)nl);
            for (int k = 0; k < bl->nsteps; k++)
                step(d, &bl->steps[k], 0);
            if (bl->term == T_RETURN && bl->retval && !d->returns[fi] && holds_dev(d, bl->retval))
                d->returns[fi] = d->ret_new[fi] = 1, d->changed = 1;
            /* a block after which no local holds one (cur holds 0 or 1)
             * adds nothing to its successors */
            int some = d->nlocals && memchr(cur, 1, (size_t)d->nlocals);
            for (int s2 = 0; s2 < 2 && some; s2++) {
                int nb = bl->succ[s2];
                if (nb < 0 || nb >= f->nblocks || bl->term == T_RETURN || bl->term == T_NORETURN ||
                    (s2 == 1 && bl->term != T_BRANCH))
                    continue;
                unsigned char *to = in + (size_t)nb * (size_t)nl;
                for (int i = 0; i < d->nlocals; i++)
                    if (cur[i] && !to[i]) {
                        to[i] = 1;
                        pending[nb] = 1;
                        again = 1;
                    }
            }
        }
    }
    for (int b = 0; note && b < f->nblocks; b++) {   /* the states are final */
        const Block *bl = &f->blocks[b];
        memcpy(cur, in + (size_t)b * (size_t)nl, (size_t)nl);
        for (int k = 0; k < bl->nsteps; k++)
            step(d, &bl->steps[k], 1);
        note_records(d, bl->cond);
        note_records(d, bl->retval);
    }
    free(pending);
    free(cur);
    if (settle) {
        free(d->kept[fi]);
        d->kept[fi] = d->hit[fi] ? in : NULL;
        if (!d->hit[fi])
            free(in);
    }
    d->cur = NULL;
}

void dev_records(Program *p, Arena *a)
{
    Dev d = {.p = p, .ptrs = {.a = a}, .recs = {.a = a}, .added = {.a = a}};
    d.returns = calloc((size_t)p->nfuncs + 1, 1);
    if (!d.returns)
        abort();
    for (int i = 0; i < p->nentries; i++) {     /* MiniportSharedMemoryAllocateComplete */
        const Func *f = p->funcs[p->entries[i].func].f;
        if (p->entries[i].role == ROLE_SHARED_MEM_COMPLETE && f->nparams > 1)
            mark_param(&d, p->entries[i].func, f->params[1].name);
    }
    /* rounds to a fixed point, each walking only the functions the last
     * one can have changed: those that asked about a name it added, and
     * the callers of a function that now returns a device address
     * (rtlnwifi: 76M -> 30M instructions; each function was walked five times) */
    int n = p->nfuncs;
    d.ret_new = calloc((size_t)n + 1, 1);
    d.hit = calloc((size_t)n + 1, 1);
    d.kept = calloc((size_t)n + 1, sizeof *d.kept);
    d.asked = calloc((size_t)n + 1, sizeof *d.asked);
    d.askedh = calloc((size_t)n + 1, sizeof *d.askedh);
    d.nasked = calloc((size_t)n + 1, sizeof *d.nasked);
    d.capasked = calloc((size_t)n + 1, sizeof *d.capasked);
    unsigned char *dirty = malloc((size_t)n + 1);
    if (!d.ret_new || !d.hit || !d.kept || !d.asked || !d.askedh || !d.nasked || !d.capasked || !dirty)
        abort();
    memset(dirty, 1, (size_t)n + 1);
    do {
        d.changed = 0;
        d.added = (KeySet){.a = a};
        memset(d.ret_new, 0, (size_t)n + 1);
        for (int fi = 0; fi < n; fi++)
            if (dirty[fi]) {
                d.nasked[fi] = 0;
                d.hit[fi] = 0;
                walk(&d, fi, 0);
            }
        memset(dirty, 0, (size_t)n + 1);
        for (int fi = 0; d.changed && fi < n; fi++) {
            for (int i = 0; i < d.nasked[fi] && !dirty[fi]; i++)
                dirty[fi] = (unsigned char)ks_has_hashed(&d.added, d.asked[fi][i], d.askedh[fi][i]);
            for (int k = p->caller_start[fi]; d.ret_new[fi] && k < p->caller_start[fi + 1]; k++)
                dirty[p->callers[k]] = 1;
        }
    } while (d.changed);
    free(dirty);
    for (int fi = 0; fi < p->nfuncs; fi++)
        if (d.hit[fi])
            walk(&d, fi, 1);
    free(d.returns);
    free(d.ret_new);
    free(d.hit);
    for (int fi = 0; fi < n; fi++) {
        free(d.asked[fi]);
        free(d.askedh[fi]);
        free(d.kept[fi]);
    }
    free(d.kept);
    free(d.asked);
    free(d.askedh);
    free(d.nasked);
    free(d.capasked);
    free(d.locals);
    free(d.lhash);
    free(d.lslot);
    p->dev_recs = d.recs.slots;
    p->ndev_slots = d.recs.nslots;
    if (getenv("DRVCHECK_ENGINE_STATS"))
        for (int i = 0; i < d.recs.nslots; i++)
            if (d.recs.slots[i])
                fprintf(stderr, "engine: the device writes %s\n", d.recs.slots[i]);
}

int prog_device_key(const Program *p, const char *key)
{
    char rb[512];
    const char *r = key && key[0] == '*' ? key : key_head(key, rb, sizeof rb);
    KeySet s = {.slots = p->dev_recs, .nslots = p->ndev_slots};
    return r && ks_has(&s, r);
}
