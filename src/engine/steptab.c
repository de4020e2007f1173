/* steptab.c - what the slice reads of every step, once per driver.
 *
 * prog_slice (slice.c) visits every step of a driver at least once per
 * rule run, and again when what the step tests grew: rtlnwifi's 9.9k
 * steps were 12.7k-47k step visits a run, each asking for the same key
 * ids by expression address or by name (ev_path_key, key_intern_at of a
 * tkey or base key), the same call targets (prog_call) and the same
 * syntactic tests.  The base run (harness.c engine_base) has interned
 * every key the CFGs name, so those answers are its, made here once after
 * it and read by every run (on any thread: the table is not written after
 * it is built).  An answer that would intern a new key, or change one, in
 * a run is left to the run (-1): its keys come in the same order as
 * before.  Cost: one walk over the steps per driver; memory: one SlStep a
 * step, one SlPath a call argument. */
#include <stdlib.h>
#include <string.h>

#include "engine/steptab.h"

/* Texts numbered from 0 in the order first met: open addressing. */
typedef struct Classes {
    const char **texts;
    int32_t *cls;
    int ntexts, nslots;      /* nslots: a power of two */
} Classes;

/* The table being built: the tkeys a run has to intern, the callees'
 * names. */
typedef struct Build {
    Engine *base;
    Classes tkeys, callees;
} Build;

/* ev_path_key's answer where a run finds it without a change to its key
 * table: the base run's cache (internal.h ev_path_key's first look), else
 * what ev_path_key_slow would intern when the base has that key already,
 * persistent if it would be made so; else -1.  Not *p (eval.c: whether
 * p's key is persistent is the run's). */
static int32_t base_path_key(Engine *base, const Expr *x)
{
    size_t h = ((uint64_t)(uintptr_t)x * 0x9e3779b97f4a7c15ULL) >> (64 - PATHKEY_BITS);
    if (base->pathkey[h].x == x)
        return base->pathkey[h].id;
    int32_t id;
    if (x->heap_key) {
        id = key_find_at(base, x->heap_key);
        return id > 0 && key_persistent(base, id) ? id : -1;
    }
    if (x->key[0] == '*' && !strpbrk(x->key + 1, ".[*"))
        return -1;
    id = key_find_at(base, x->key);
    int persistent = x->scope == SCOPE_GLOBAL || x->scope == SCOPE_HEAP;
    return id > 0 && (!persistent || key_persistent(base, id)) ? id : -1;
}

static int32_t class_of(Classes *c, const char *text)
{
    if ((c->ntexts + 1) * 2 > c->nslots) {
        const char **ot = c->texts;
        int32_t *oc = c->cls;
        int on = c->nslots;
        c->nslots = on ? on * 2 : 256;
        c->texts = calloc((size_t)c->nslots, sizeof *c->texts);
        c->cls = malloc(sizeof *c->cls * (size_t)c->nslots);
        if (!c->texts || !c->cls)
            abort();
        for (int i = 0; i < on; i++)
            if (ot[i]) {
                uint64_t m = (uint64_t)c->nslots - 1, h = eng_hash_str(ot[i]) & m;
                while (c->texts[h])
                    h = (h + 1) & m;
                c->texts[h] = ot[i];
                c->cls[h] = oc[i];
            }
        free(ot);
        free(oc);
    }
    uint64_t m = (uint64_t)c->nslots - 1, h = eng_hash_str(text) & m;
    for (; c->texts[h]; h = (h + 1) & m)
        if (strcmp(c->texts[h], text) == 0)
            return c->cls[h];
    c->texts[h] = text;
    return c->cls[h] = c->ntexts++;
}

/* x as the slice sees it. */
static SlPath path_of(Build *bd, const Expr *x)
{
    Engine *base = bd->base;
    SlPath sp = {.id = -1};
    if (!x || x->kind != EX_PATH)
        return sp;
    if (x->base_key && x->base_key[0]) {   /* "": key id 0, as key_intern_at answers */
        int32_t bk = key_find_at(base, x->base_key);
        sp.bkey = bk > 0 ? bk : -1;
    }
    if (!x->key)
        return sp;
    sp.flags = SP_PATH | (x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM ? SP_LOCAL : 0) |
               (x->is_pointer ? SP_POINTER : 0);
    sp.id = base_path_key(base, x);
    if (x->tkey && x->tkey != x->key && strcmp(x->tkey, x->key) != 0) {
        int32_t tk = key_find_at(base, x->tkey);
        sp.tkey = tk > 0 && key_persistent(base, tk) ? tk : -1 - class_of(&bd->tkeys, x->tkey);
    }
    return sp;
}

/* The tests of copy_decisive (slice.c) that read the expressions alone. */
static int copy_candidate(const Expr *lhs, const Expr *rhs)
{
    return lhs && lhs->kind == EX_PATH && lhs->is_record && rhs && rhs->kind == EX_PATH &&
           rhs->key && !rhs->base_key && !strpbrk(rhs->key, "*[");
}

static void fill_step(Build *bd, const Step *st, SlStep *ss, SlPath *args)
{
    Engine *base = bd->base;
    const Program *p = base->prog;
    const Expr *lhs = st->lhs, *rhs = st->rhs;
    ss->st = st;
    ss->lhs = path_of(bd, lhs);
    ss->rhs_a = (SlPath){.id = -1};
    if (st->kind == ST_ASSIGN) {
        if ((ss->lhs.flags & (SP_PATH | SP_LOCAL)) == SP_PATH && p->ndev_slots) {
            int32_t id = ss->lhs.id;
            if (id < 0)
                ss->flags |= SS_DEVICE_ASK;
            else if (id > 0 && prog_device_key(p, key_name(base, id)))
                ss->flags |= SS_DEVICE;
        }
        if (rhs && rhs->kind == EX_PATH && rhs->base_key && rhs->key && !strchr(rhs->key, '.'))
            ss->flags |= SS_DEREF_COPY;
        if (copy_candidate(lhs, rhs))
            ss->flags |= SS_COPY;
        if (lhs && lhs->kind == EX_PATH && rhs && rhs->kind == EX_ADDR) {
            ss->flags |= SS_ADDR_RHS;
            ss->rhs_a = path_of(bd, rhs->a);
        }
        return;
    }
    ss->cr = prog_call(p, st);
    ss->callee = st->callee ? class_of(&bd->callees, st->callee) : -1;
    for (int x = 0; x < st->nargs; x++) {
        const Expr *ax = st->args[x];
        if (ax && ax->kind == EX_ADDR) {
            args[x] = path_of(bd, ax->a);
            args[x].flags |= SP_ARG_ADDR;
        } else {
            args[x] = path_of(bd, ax);
            if ((args[x].flags & (SP_PATH | SP_POINTER)) == (SP_PATH | SP_POINTER))
                args[x].flags |= SP_ARG_PTR;
        }
    }
}

struct StepTab *steptab_build(Engine *base)
{
    const Program *p = base->prog;
    struct StepTab *t = calloc(1, sizeof *t);
    size_t nf = (size_t)p->nfuncs + 1;
    if (!t || !(t->start = malloc(sizeof *t->start * nf)) ||
        !(t->pstart = malloc(sizeof *t->pstart * nf)) ||
        !(t->rstart = malloc(sizeof *t->rstart * nf)))
        abort();
    int nsteps = 0, nargs = 0, nparams = 0, nrets = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        t->start[fi] = nsteps;
        t->pstart[fi] = nparams;
        t->rstart[fi] = nrets;
        nparams += f->nparams;
        for (int b = 0; b < f->nblocks; b++) {
            nrets += f->blocks[b].term == T_RETURN && f->blocks[b].retval;
            nsteps += f->blocks[b].nsteps;
            for (int k = 0; k < f->blocks[b].nsteps; k++)
                if (f->blocks[b].steps[k].kind == ST_CALL)
                    nargs += f->blocks[b].steps[k].nargs;
        }
    }
    t->start[p->nfuncs] = nsteps;
    t->pstart[p->nfuncs] = nparams;
    t->rstart[p->nfuncs] = nrets;
    t->steps = calloc((size_t)nsteps + 1, sizeof *t->steps);
    t->args = calloc((size_t)nargs + 1, sizeof *t->args);
    t->pids = malloc(sizeof *t->pids * ((size_t)nparams + 1));
    t->pknown = malloc(nf);
    t->rets = malloc(sizeof *t->rets * ((size_t)nrets + 1));
    if (!t->steps || !t->args || !t->pids || !t->pknown || !t->rets)
        abort();
    Build bd = {.base = base};
    int i = 0, a = 0, r = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int j = 0; j < f->nparams; j++) {   /* slice.c param_id: key_intern_at(name, 0) */
            const char *name = f->params[j].name;
            int32_t id = name && name[0] ? key_find_at(base, name) : 0;
            t->pids[t->pstart[fi] + j] = id > 0 || !(name && name[0]) ? id : -1;
        }
        t->pknown[fi] = 1;
        for (int j = 0; j < f->nparams; j++)
            t->pknown[fi] &= t->pids[t->pstart[fi] + j] >= 0;
        for (int b = 0; b < f->nblocks; b++) {
            if (f->blocks[b].term == T_RETURN && f->blocks[b].retval)
                t->rets[r++] = f->blocks[b].retval;
            for (int k = 0; k < f->blocks[b].nsteps; k++, i++) {
                const Step *st = &f->blocks[b].steps[k];
                t->steps[i].args = a;
                fill_step(&bd, st, &t->steps[i], &t->args[a]);
                if (st->kind == ST_CALL)
                    a += st->nargs;
            }
        }
    }
    t->ntkeys = bd.tkeys.ntexts;
    t->ncallees = bd.callees.ntexts;
    free(bd.tkeys.texts);
    free(bd.tkeys.cls);
    free(bd.callees.texts);
    free(bd.callees.cls);
    return t;
}

void steptab_free(struct StepTab *t)
{
    if (t) {
        free(t->start);
        free(t->steps);
        free(t->args);
        free(t->pstart);
        free(t->pids);
        free(t->pknown);
        free(t->rstart);
        free(t->rets);
        free(t);
    }
}
