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

/* ev_path_key's first look, in the base run's cache (internal.h): a hit
 * there is what every run's ev_path_key answers. */
static int32_t base_path_key(const Engine *base, const Expr *x)
{
    size_t h = ((uint64_t)(uintptr_t)x * 0x9e3779b97f4a7c15ULL) >> (64 - PATHKEY_BITS);
    return base->pathkey[h].x == x ? base->pathkey[h].id : -1;
}

/* x as the slice sees it. */
static SlPath path_of(Engine *base, const Expr *x)
{
    SlPath sp = {.id = -1};
    if (!x || x->kind != EX_PATH)
        return sp;
    if (x->base_key && x->base_key[0]) {   /* "": key id 0, as key_intern_at answers */
        int32_t bk = key_find(base, x->base_key);
        sp.bkey = bk > 0 ? bk : -1;
    }
    if (!x->key)
        return sp;
    sp.flags = SP_PATH | (x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM ? SP_LOCAL : 0) |
               (x->is_pointer ? SP_POINTER : 0);
    sp.id = base_path_key(base, x);
    if (x->tkey && x->tkey != x->key && strcmp(x->tkey, x->key) != 0) {
        int32_t tk = key_find(base, x->tkey);
        sp.tkey = tk > 0 && key_persistent(base, tk) ? tk : -1;
    }
    return sp;
}

/* The tests of copy_decisive (slice.c) that read the expressions alone. */
static int copy_candidate(const Expr *lhs, const Expr *rhs)
{
    return lhs && lhs->kind == EX_PATH && lhs->is_record && rhs && rhs->kind == EX_PATH &&
           rhs->key && !rhs->base_key && !strpbrk(rhs->key, "*[");
}

static void fill_step(Engine *base, const Step *st, SlStep *ss, SlPath *args)
{
    const Program *p = base->prog;
    const Expr *lhs = st->lhs, *rhs = st->rhs;
    ss->lhs = path_of(base, lhs);
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
            ss->rhs_a = path_of(base, rhs->a);
        }
        return;
    }
    ss->cr = prog_call(p, st);
    for (int x = 0; x < st->nargs; x++) {
        const Expr *ax = st->args[x];
        if (ax && ax->kind == EX_ADDR) {
            args[x] = path_of(base, ax->a);
            args[x].flags |= SP_ARG_ADDR;
        } else {
            args[x] = path_of(base, ax);
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
        !(t->pstart = malloc(sizeof *t->pstart * nf)))
        abort();
    int nsteps = 0, nargs = 0, nparams = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        t->start[fi] = nsteps;
        t->pstart[fi] = nparams;
        nparams += f->nparams;
        for (int b = 0; b < f->nblocks; b++) {
            nsteps += f->blocks[b].nsteps;
            for (int k = 0; k < f->blocks[b].nsteps; k++)
                if (f->blocks[b].steps[k].kind == ST_CALL)
                    nargs += f->blocks[b].steps[k].nargs;
        }
    }
    t->start[p->nfuncs] = nsteps;
    t->pstart[p->nfuncs] = nparams;
    t->steps = calloc((size_t)nsteps + 1, sizeof *t->steps);
    t->args = calloc((size_t)nargs + 1, sizeof *t->args);
    t->pids = malloc(sizeof *t->pids * ((size_t)nparams + 1));
    if (!t->steps || !t->args || !t->pids)
        abort();
    int i = 0, a = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *f = p->funcs[fi].f;
        for (int j = 0; j < f->nparams; j++) {   /* slice.c param_id: key_intern_at(name, 0) */
            const char *name = f->params[j].name;
            int32_t id = name && name[0] ? key_find(base, name) : 0;
            t->pids[t->pstart[fi] + j] = id > 0 || !(name && name[0]) ? id : -1;
        }
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++, i++) {
                const Step *st = &f->blocks[b].steps[k];
                t->steps[i].args = a;
                fill_step(base, st, &t->steps[i], &t->args[a]);
                if (st->kind == ST_CALL)
                    a += st->nargs;
            }
    }
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
        free(t);
    }
}
