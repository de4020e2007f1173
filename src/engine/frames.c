/* frames.c - which functions can touch the rule, and what the others read
 * and write.
 *
 * A function "touches" the rule when it, or anything it calls (directly,
 * through a stored function pointer, or as a callback NDIS runs inside an
 * API), calls an API the rule names.  A function that does not touch the
 * rule cannot change the rule's state or report a defect: only its effect
 * on values matters.  For those, interp.c analyses the function from the
 * facts it reads (its read set, transitively) and applies the result to
 * the caller's state on the keys it writes (its write set, transitively),
 * leaving the caller's rule state and every other fact as they were.  The
 * same summary then serves every caller that agrees on the read set, which
 * is what keeps large drivers (checksum, VLAN, offload helpers) cheap.
 * Sets are sorted arrays of key ids, computed once per run, to a fixed
 * point over the call graph: O(functions x keys x rounds). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

typedef struct KeyVec {
    int32_t *v;
    int n, cap;
} KeyVec;

static int kv_has(const KeyVec *s, int32_t k)
{
    int lo = 0, hi = s->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (s->v[mid] == k)
            return 1;
        if (s->v[mid] < k)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

static int kv_add(KeyVec *s, int32_t k)
{
    if (k <= 0 || kv_has(s, k))
        return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = realloc(s->v, sizeof *s->v * (size_t)s->cap);
        if (!s->v)
            abort();
    }
    int at = s->n;
    while (at > 0 && s->v[at - 1] > k) {
        s->v[at] = s->v[at - 1];
        at--;
    }
    s->v[at] = k;
    s->n++;
    return 1;
}

static void kv_add_to(void *s, int32_t k)
{
    kv_add(s, k);
}

/* dst |= src: a count of what src adds, then (when it adds some) one
 * merge from the back, in place (the fixed point of fr_build runs this for
 * every call edge each round). */
static int kv_union(KeyVec *dst, const KeyVec *src)
{
    int i = 0, k = 0, extra = 0;
    while (k < src->n) {
        if (i < dst->n && dst->v[i] < src->v[k])
            i++;
        else if (i < dst->n && dst->v[i] == src->v[k])
            i++, k++;
        else
            extra++, k++;
    }
    if (!extra)
        return 0;
    int n = dst->n + extra;
    if (n > dst->cap) {
        dst->cap = n > dst->cap + dst->cap / 2 ? n : dst->cap + dst->cap / 2;
        dst->v = realloc(dst->v, sizeof *dst->v * (size_t)dst->cap);
        if (!dst->v)
            abort();
    }
    int o = n - 1;
    for (i = dst->n - 1, k = src->n - 1; k >= 0;) {
        if (i >= 0 && dst->v[i] > src->v[k])
            dst->v[o--] = dst->v[i--];
        else if (i >= 0 && dst->v[i] == src->v[k])
            dst->v[o--] = dst->v[i--], k--;
        else
            dst->v[o--] = src->v[k--];
    }
    dst->n = n;
    return 1;
}

struct Frames {
    unsigned char *touches;
    unsigned char *effect;   /* fr_has_effect: 0 not computed yet, 1 none, 2 some */
    unsigned char *returns;  /* some block of the function ends in a return */
    KeyVec *reads, *writes;
    struct WMask { int32_t key; uint64_t mask; } **wmask;  /* bits written per key (wmask_add),
                                                              sorted by key */
    int *nwmask, *capwmask;
    KeyVec *sreads;          /* reads of a whole struct (a copy of it): its fields count */
    KeyVec *lent;            /* blocks whose address it hands a driver function that writes
                                only some of them (addr_arg_writes): what is below them is
                                the callee's to read (fr_split), not written */
    KeyVec *arrs;            /* per function, built when first needed: the arrays whose
                                elements it reads, writes or is lent at an unknown index ("a"
                                of "a[].f"), for elements at known ones ("a[3].f": elem_sets) */
    unsigned char *arrs_done;
    KeyMemo *insets;         /* per function, by key id, for this run: in_sets (fr_split asks
                                it of every fact of every call's state) */
    struct Forget {          /* per function, built when first needed: what fr_apply forgets */
        uint64_t *bits;      /* by key id, below nbits (every key interned when it was built) */
        int32_t nbits;
        int any;
    } *forget;
    KeyVec *pollg;           /* per function (ids + 1): the callbacks a sleep in its polling
                                loops may run (poll_callees), or NULL when no loop has any */
    int nfuncs;
    int borrowed;            /* reads .. returns are another Frames' (fr_build_on) */
};

/* The keys x reads: its paths, and the pointers they go through
 * (`&Adapter->Default->Lock` reads Adapter->Default: where it points names
 * the lock). */
static void reads_of(Engine *e, KeyVec *r, const Expr *x)
{
    for (; x; x = x->b) {
        if (x->kind == EX_PATH) {
            kv_add(r, ev_path_key(e, x));
            if (x->base_key)
                kv_add(r, key_intern_at(e, x->base_key, 0));
            reads_of(e, r, x->index);          /* a[i] reads i */
            return;
        }
        reads_of(e, r, x->a);
        reads_of(e, r, x->c);
        if (x->kind != EX_BINOP)
            return;
    }
}

/* A struct read whole (Snap = Adapter->Intr; return Intr; f(Adapter->Intr)). */
static void struct_read(Engine *e, KeyVec *sr, const Expr *x)
{
    if (x && x->kind == EX_PATH && x->is_record)
        kv_add(sr, ev_path_key(e, x));
}

/* Which bits of key k function fi may write: a read-modify-write with a
 * constant mask (Flags |= BIT, Flags &= ~BIT) writes those bits only;
 * anything else writes all of them.  Returns 1 when the mask grew. */
static int wmask_add(Frames *f, int fi, int32_t k, uint64_t mask)
{
    struct WMask *w = f->wmask[fi];
    int lo = 0, hi = f->nwmask[fi] - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (w[mid].key == k) {
            uint64_t m = w[mid].mask | mask;
            int grew = m != w[mid].mask;
            w[mid].mask = m;
            return grew;
        }
        if (w[mid].key < k)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    if (f->nwmask[fi] == f->capwmask[fi]) {
        f->capwmask[fi] = f->capwmask[fi] ? f->capwmask[fi] * 2 : 4;
        f->wmask[fi] = realloc(f->wmask[fi], sizeof **f->wmask * (size_t)f->capwmask[fi]);
        if (!f->wmask[fi])
            abort();
        w = f->wmask[fi];
    }
    memmove(w + lo + 1, w + lo, sizeof *w * (size_t)(f->nwmask[fi] - lo));
    w[lo] = (struct WMask){k, mask};
    f->nwmask[fi]++;
    return 1;
}

/* fi's masks |= ci's, by one merge of the two sorted arrays. */
static int wmask_union(Frames *f, int fi, int ci)
{
    const struct WMask *a = f->wmask[fi], *b = f->wmask[ci];
    int na = f->nwmask[fi], nb = f->nwmask[ci], i = 0, k = 0, extra = 0, grew = 0;
    while (k < nb) {
        if (i < na && a[i].key < b[k].key) {
            i++;
        } else if (i < na && a[i].key == b[k].key) {
            grew |= (a[i].mask | b[k].mask) != a[i].mask;
            i++, k++;
        } else {
            extra++, k++;
        }
    }
    if (!extra && !grew)
        return 0;
    struct WMask *v = malloc(sizeof *v * (size_t)(na + extra + 1));
    if (!v)
        abort();
    int o = 0;
    for (i = 0, k = 0; i < na || k < nb;) {
        if (k >= nb || (i < na && a[i].key < b[k].key))
            v[o++] = a[i++];
        else if (i >= na || b[k].key < a[i].key)
            v[o++] = b[k++];
        else
            v[o++] = (struct WMask){a[i].key, a[i].mask | b[k].mask}, i++, k++;
    }
    free(f->wmask[fi]);
    f->wmask[fi] = v;
    f->nwmask[fi] = o;
    f->capwmask[fi] = na + extra + 1;
    return 1;
}

/* The bits an assignment to key lk writes. */
static uint64_t assign_mask(Engine *e, int32_t lk, const Expr *rhs)
{
    if (rhs && rhs->kind == EX_BINOP && rhs->a && rhs->a->kind == EX_PATH && rhs->b &&
        rhs->b->kind == EX_INT && ev_path_key(e, rhs->a) == lk) {
        if (rhs->op == OP_BOR)
            return (uint64_t)rhs->b->ival;
        if (rhs->op == OP_BAND)
            return ~(uint64_t)rhs->b->ival;
    }
    return ~(uint64_t)0;
}

/* Every function's sets take in its callees', to a fixed point over the
 * call graph: a worklist of the functions whose callees changed (the sets
 * only grow, so the fixed point is the one any order reaches).  Only the
 * rule's APIs make a function touch the rule: touch_rule does that part. */
static void fixed_point(Engine *e, Frames *f)
{
    const Program *p = e->prog;
    int n = p->nfuncs;
    KeyVec *callees = calloc((size_t)n + 1, sizeof *callees);
    KeyVec *callers = calloc((size_t)n + 1, sizeof *callers);
    int *queue = calloc((size_t)n + 1, sizeof *queue);
    unsigned char *queued = calloc((size_t)n + 1, 1);
    if (!callees || !callers || !queue || !queued)
        abort();
    for (int fi = 0; fi < n; fi++) {
        const Func *fn = p->funcs[fi].f;
        /* the callbacks a sleep in its polling loops may run (polls.c) */
        for (int i = 0; f->pollg && i < f->pollg[fi].n; i++) {
            kv_add(&callees[fi], f->pollg[fi].v[i]);
            kv_add(&callers[f->pollg[fi].v[i] - 1], fi + 1);
        }
        for (int b = 0; b < fn->nblocks; b++)
            for (int k = 0; k < fn->blocks[b].nsteps; k++) {
                const Step *st = &fn->blocks[b].steps[k];
                const CallRes *cr = st->kind == ST_CALL ? prog_call(p, st) : NULL;
                for (int t = 0; cr && t < cr->n; t++)
                    if (cr->fi[t] != fi) {   /* ids + 1: kv_add keeps keys > 0 */
                        kv_add(&callees[fi], cr->fi[t] + 1);
                        kv_add(&callers[cr->fi[t]], fi + 1);
                    }
                /* a cancel may run the timer callbacks it cancels first
                 * (interp.c do_call): what they read and write is the
                 * cancelling function's too, where the cancel names the
                 * callback's timer object (a stop helper halt calls) */
                if (st->kind == ST_CALL && st->callee && (call_flags(e, st->callee) & CF_CANCELS))
                    for (int i = 0; i < p->nentries; i++) {
                        int g = p->entries[i].func;
                        if (g != fi && dfr_is_timer(e, &p->entries[i]) &&
                            dfr_cancel_may_fire(e, st, g)) {
                            kv_add(&callees[fi], g + 1);
                            kv_add(&callers[g], fi + 1);
                        }
                    }
                /* a wait may run the timers and work items that set its
                 * event (events.c): what they read and write is the
                 * waiting function's too, where the wait names its event
                 * and they set one of that name; and in MiniportHaltEx any
                 * armed timer may fire as the wait returns (interp.c
                 * fire_after_wait) */
                if (st->kind != ST_CALL || !st->callee || !(call_flags(e, st->callee) & CF_WAITS))
                    continue;
                int halt = prog_has_role(p, fi, ROLE_HALT);
                for (int i = 0; i < p->nentries; i++) {
                    int g = p->entries[i].func;
                    if (g != fi && (dfr_is_timer(e, &p->entries[i]) || e->queued[g]) &&
                        ((halt && dfr_is_timer(e, &p->entries[i])) || evt_sets_named(e, g, st))) {
                        kv_add(&callees[fi], g + 1);
                        kv_add(&callers[g], fi + 1);
                    }
                }
            }
    }
    /* ver[fi] counts the rounds fi's sets grew in; seen[at[fi] + t], the
     * count of callee t when fi last took its sets in: a callee that did
     * not grow since adds nothing (the unions only grow), so it is not
     * merged again (rtlnwifi: 21M instructions in kv_union before) */
    int *ver = calloc((size_t)n + 1, sizeof *ver), *at = malloc(sizeof *at * ((size_t)n + 1));
    if (!ver || !at)
        abort();
    at[0] = 0;
    for (int fi = 0; fi < n; fi++)
        at[fi + 1] = at[fi] + callees[fi].n;
    int *seen = malloc(sizeof *seen * ((size_t)at[n] + 1));
    if (!seen)
        abort();
    for (int i = 0; i < at[n]; i++)
        seen[i] = -1;
    /* the first round in post-order (callees first, by a walk from each
     * function in turn): outside call cycles each function then takes its
     * callees' sets once, complete.  The sets are the least fixed point of
     * the unions, whatever the order. */
    int head = 0, count = 0;
    int *stk = malloc(sizeof *stk * ((size_t)n + 1)), *pos = calloc((size_t)n + 1, sizeof *pos);
    if (!stk || !pos)
        abort();
    for (int r = 0; r < n; r++) {
        if (queued[r])
            continue;
        int sp = 0;
        stk[sp++] = r;
        queued[r] = 1;
        while (sp) {
            int fi = stk[sp - 1];
            if (pos[fi] < callees[fi].n) {
                int ci = callees[fi].v[pos[fi]++] - 1;
                if (!queued[ci]) {
                    queued[ci] = 1;
                    stk[sp++] = ci;
                }
            } else {
                queue[count++] = fi;
                sp--;
            }
        }
    }
    free(stk);
    free(pos);
    while (count) {
        int fi = queue[head];
        head = (head + 1) % (n + 1);
        count--;
        queued[fi] = 0;
        int changed = 0;
        for (int t = 0; t < callees[fi].n; t++) {
            int ci = callees[fi].v[t] - 1;
            if (seen[at[fi] + t] == ver[ci])
                continue;
            seen[at[fi] + t] = ver[ci];
            changed |= kv_union(&f->reads[fi], &f->reads[ci]);
            changed |= kv_union(&f->sreads[fi], &f->sreads[ci]);
            changed |= kv_union(&f->writes[fi], &f->writes[ci]);
            changed |= kv_union(&f->lent[fi], &f->lent[ci]);
            changed |= wmask_union(f, fi, ci);
        }
        ver[fi] += changed;
        for (int t = 0; changed && t < callers[fi].n; t++) {
            int ci = callers[fi].v[t] - 1;
            if (!queued[ci]) {
                queued[ci] = 1;
                queue[(head + count) % (n + 1)] = ci;
                count++;
            }
        }
    }
    for (int fi = 0; fi < n; fi++) {
        free(callees[fi].v);
        free(callers[fi].v);
    }
    free(callees);
    free(callers);
    free(queue);
    free(queued);
    free(ver);
    free(at);
    free(seen);
}

/* A call's argument &P, P a persistent key: what the call writes below P.
 * An API, or a call that may hand P to one (or anywhere this cannot
 * follow): all of P, as before.  A driver function: what it writes
 * through the parameter P is bound to, below P (ParamWrites); P stays lent
 * to it (lent: fr_split still gives the callee P's facts, which it may
 * read through the pointer). */
static void addr_arg_writes(Engine *e, Frames *f, const ParamWrites *pw, int fi, const Step *st,
                            int a, int32_t ak)
{
    KeyVec *w = &f->writes[fi];
    int to[128], nto = 0;
    char name[PW_MAX_LEN + 1];
    int api = pw_bindings(e->prog, pw, st, a, to, &nto) || nto == 0;
    for (int j = 0; j < nto && !api; j++)
        api = pw_escapes(pw, to[j]);
    int n = snprintf(name, sizeof name, "%s", key_name(e, ak));
    /* a whole global (no '.' or '['): p->f names the record's field, not
     * one below P (ev_key_in) */
    int whole = api || n < 0 || n >= (int)sizeof name || !strpbrk(name, ".[");
    if (whole) {
        kv_add(w, ak);
        wmask_add(f, fi, ak, ~(uint64_t)0);
        /* and an API given a whole global struct (InitializeListHead(&gPorts))
         * writes its fields as every pointer reaches them, REC.f
         * (interp.c external_effects) */
        const Expr *x = st->args[a];
        if (api && x->kind == EX_ADDR && x->a && x->a->kind == EX_PATH && x->a->global_rec) {
            int32_t rk = key_intern(e, x->a->global_rec, 1);
            kv_add(w, rk);
            wmask_add(f, fi, rk, ~(uint64_t)0);
        }
        return;
    }
    kv_add(&f->lent[fi], ak);
    for (int j = 0; j < nto; j++) {
        for (int i = 0; i < pw_nsuffixes(pw, to[j]); i++) {
            char buf[2 * PW_MAX_LEN + 2];
            snprintf(buf, sizeof buf, "%s%s", name, pw_suffix(pw, to[j], i));
            int32_t k = key_intern(e, buf, 1);
            kv_add(w, k);
            wmask_add(f, fi, k, ~(uint64_t)0);
        }
    }
}

/* Can fi write k or a record k lies within (the sets as they stand)? */
static int writes_within(Engine *e, const Frames *f, int fi, int32_t k)
{
    for (int32_t a = k; a > 0; a = key_parent(e, a))
        if (kv_has(&f->writes[fi], a))
            return 1;
    return 0;
}

/* A sleep in a polling loop (polls.c) may run the gated callbacks that
 * write what the loop tests, as the sets say without it: timers, and work
 * items but those that complete a pended request (they ran before NDIS
 * halted the adapter; such loops are in halt's reach).  Every pending
 * timer gave rtlnwifi's five waits in halt every timer's sets, 46k -> 50k
 * states.  Returns whether any sleep has one. */
static int poll_callees(Engine *e, Frames *f)
{
    const Program *p = e->prog;
    int any = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *fn = p->funcs[fi].f;
        for (int b = 0; b < fn->nblocks; b++)
            for (int k = 0; k < fn->blocks[b].nsteps; k++) {
                const Step *st = &fn->blocks[b].steps[k];
                const CallRes *cr = st->kind == ST_CALL ? prog_call(p, st) : NULL;
                if (!cr || !cr->npoll)
                    continue;
                PollKeys pk;
                poll_keys(e, cr, &pk);
                for (int i = 0; i < p->nentries; i++) {
                    int g = p->entries[i].func, w = 0;
                    if (g == fi || !(dfr_is_timer(e, &p->entries[i]) ||
                                     (e->queued[g] && !dfr_completes_request(p, g))))
                        continue;
                    for (int j = 0; j < pk.n && !w; j++)
                        w = writes_within(e, f, g, pk.k[j]);
                    if (!w)
                        continue;
                    if (!f->pollg) {
                        f->pollg = calloc((size_t)p->nfuncs + 1, sizeof *f->pollg);
                        if (!f->pollg)
                            abort();
                    }
                    kv_add(&f->pollg[fi], g + 1);
                    any = 1;
                }
            }
    }
    return any;
}

int fr_poll_runs(const Frames *f, int fi, int g)
{
    return f->pollg && kv_has(&f->pollg[fi], g + 1);
}

/* The sets of every function: what it and its callees read and write.
 * They do not depend on the rule (the rule's APIs only decide touches), so
 * every rule run on a driver borrows one copy (fr_build_on): NetKVM's 45M
 * instructions were 15M per rule. */
Frames *fr_build_sets(Engine *e)
{
    const Program *p = e->prog;
    Frames *f = calloc(1, sizeof *f);
    f->nfuncs = p->nfuncs;
    f->returns = calloc((size_t)p->nfuncs + 1, 1);
    f->reads = calloc((size_t)p->nfuncs + 1, sizeof *f->reads);
    f->writes = calloc((size_t)p->nfuncs + 1, sizeof *f->writes);
    f->sreads = calloc((size_t)p->nfuncs + 1, sizeof *f->sreads);
    f->lent = calloc((size_t)p->nfuncs + 1, sizeof *f->lent);
    f->wmask = calloc((size_t)p->nfuncs + 1, sizeof *f->wmask);
    f->nwmask = calloc((size_t)p->nfuncs + 1, sizeof *f->nwmask);
    f->capwmask = calloc((size_t)p->nfuncs + 1, sizeof *f->capwmask);
    ParamWrites *pw = pw_build(p);
    /* local sets */
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *fn = p->funcs[fi].f;
        KeyVec *r = &f->reads[fi], *w = &f->writes[fi];
        for (int b = 0; b < fn->nblocks; b++) {
            const Block *bl = &fn->blocks[b];
            if (bl->term == T_BRANCH)
                reads_of(e, r, bl->cond);
            if (bl->term == T_RETURN) {
                reads_of(e, r, bl->retval);
                struct_read(e, &f->sreads[fi], bl->retval);
                f->returns[fi] = 1;
            }
            for (int k = 0; k < bl->nsteps; k++) {
                const Step *st = &bl->steps[k];
                int32_t lk = st->lhs && st->lhs->kind == EX_PATH ? ev_path_key(e, st->lhs) : 0;
                if (lk && key_persistent(e, lk)) {
                    kv_add(w, lk);
                    wmask_add(f, fi, lk, st->kind == ST_ASSIGN ? assign_mask(e, lk, st->rhs)
                                                               : ~(uint64_t)0);
                }
                if (lk && st->lhs->base_key)        /* p->f = v reads where p points */
                    kv_add(r, key_intern_at(e, st->lhs->base_key, 0));
                if (lk)                             /* a[i] = v reads i */
                    reads_of(e, r, st->lhs->index);
                if (st->kind == ST_ASSIGN) {
                    reads_of(e, r, st->rhs);
                    struct_read(e, &f->sreads[fi], st->rhs);
                    continue;
                }
                int cf = st->callee ? call_flags(e, st->callee) : 0;
                if (cf & (CF_ARMS | CF_CANCELS)) {  /* deferred.c: arming reads the kind armed */
                    dfr_call_keys(e, st, cf & (CF_ARMS | CF_CANCELS), kv_add_to, w);
                    dfr_call_keys(e, st, cf & (CF_ARMS | CF_CANCELS), kv_add_to, r);
                }
                if ((cf & CF_IRQL) && e->irql_on) {   /* irql.c */
                    kv_add(r, e->irql_base);
                    kv_add(r, e->raised);
                    kv_add(w, e->raised);
                }
                if (cf & CF_QUEUES) {   /* queueing writes its routine's gate, and reads it:
                                           a path that does not queue leaves it as it was (a
                                           DPC that queues only while a flag says none is;
                                           blind round 7) */
                    dfr_call_keys(e, st, CF_QUEUES, kv_add_to, w);
                    dfr_call_keys(e, st, CF_QUEUES, kv_add_to, r);
                }
                /* memset(Intr, 0, ...) through a pointer to a record writes
                 * that record's fields, as Intr->f = 0 would (apimodel.c
                 * zero_fill): a helper that clears a block it is lent */
                if (st->callee && st->nargs > 0 && strcmp(st->callee, "memset") == 0 && st->args[0] &&
                    st->args[0]->kind == EX_PATH && st->args[0]->pointee_rec) {
                    int32_t rk = key_intern(e, st->args[0]->pointee_rec, 1);
                    kv_add(w, rk);
                    wmask_add(f, fi, rk, ~(uint64_t)0);
                }
                for (int a = 0; a < st->nargs; a++) {
                    const Expr *x = st->args[a];
                    reads_of(e, r, x);
                    struct_read(e, &f->sreads[fi], x);
                    if (x && x->kind == EX_ADDR && x->a && x->a->kind == EX_PATH) {
                        int32_t ak = ev_path_key(e, x->a);
                        if (ak && key_persistent(e, ak))
                            addr_arg_writes(e, f, pw, fi, st, a, ak);
                    }
                }
            }
        }
    }
    pw_free(p, pw);
    fixed_point(e, f);
    if (poll_callees(e, f))    /* the sets only grow: the same fixed point, with them */
        fixed_point(e, f);
    return f;
}

/* The callers of work[0 .. n) touch the rule too, to any depth. */
static int up_the_callers(const Program *p, Frames *f, int *work, int n)
{
    while (n) {
        int fi = work[--n];
        for (int k = p->caller_start[fi]; k < p->caller_start[fi + 1]; k++)
            if (!f->touches[p->callers[k]]) {
                f->touches[p->callers[k]] = 1;
                work[n++] = p->callers[k];
            }
    }
    return 0;
}

/* A function touches the rule when it or a function it calls (to any
 * depth) calls one of the rule's APIs: from those that call one, up the
 * callers. */
static void touch_rule(Engine *e, Frames *f)
{
    const Program *p = e->prog;
    int *work = malloc(sizeof *work * ((size_t)p->nfuncs + 1)), n = 0;
    f->touches = calloc((size_t)p->nfuncs + 1, 1);
    if (!work || !f->touches)
        abort();
    for (int fi = 0; fi < p->nfuncs; fi++) {
        const Func *fn = p->funcs[fi].f;
        for (int b = 0; b < fn->nblocks && !f->touches[fi]; b++)
            for (int k = 0; k < fn->blocks[b].nsteps; k++) {
                const Step *st = &fn->blocks[b].steps[k];
                if (st->kind != ST_ASSIGN && st->callee &&
                    (call_flags(e, st->callee) & CF_MENTIONED) && !site_inert(e, st)) {
                    f->touches[fi] = 1;
                    work[n++] = fi;
                    break;
                }
            }
    }
    n = up_the_callers(p, f, work, n);
    /* A wait may run the timers and work items that set its event
     * (events.c, not for a rule of watched objects), a sleep in a polling
     * loop any of them (polls.c): where one of those
     * touches a rule with a state (one the callback may change), a function
     * that waits does too (a halt that queues the work item that
     * deregisters, and waits for it).  A rule without one (the stall rule)
     * sees the callback's reports where the harness runs it anyway. */
    int deferred = 0;
    for (int i = 0; i < p->nentries && !e->rule->has_watch && e->rule->nvars && !deferred; i++) {
        int fi = p->entries[i].func;
        deferred = (e->armed[fi] || e->queued[fi]) && f->touches[fi];
    }
    for (int fi = 0; deferred && fi < p->nfuncs; fi++) {
        const Func *fn = p->funcs[fi].f;
        for (int b = 0; b < fn->nblocks && !f->touches[fi]; b++)
            for (int k = 0; k < fn->blocks[b].nsteps; k++) {
                const Step *st = &fn->blocks[b].steps[k];
                const CallRes *cr = st->kind == ST_CALL ? prog_call(p, st) : NULL;
                if (st->kind != ST_ASSIGN && st->callee &&
                    ((call_flags(e, st->callee) & CF_WAITS) ||
                     (cr && cr->npoll && f->pollg && f->pollg[fi].n))) {
                    f->touches[fi] = 1;
                    work[n++] = fi;
                    break;
                }
            }
    }
    /* A cancel runs the armed timer callbacks it may cancel first (interp.c
     * do_call, only in a function that touches the rule): where one of them
     * touches a rule with a state, so does the function that cancels (a
     * watchdog stop helper halt calls after the deregistration ran as a
     * frame, its cancel fired no tick: cases 570/571). */
    for (int fi = 0; !e->rule->has_watch && e->rule->nvars && fi < p->nfuncs; fi++) {
        const Func *fn = p->funcs[fi].f;
        for (int b = 0; b < fn->nblocks && !f->touches[fi]; b++)
            for (int k = 0; k < fn->blocks[b].nsteps && !f->touches[fi]; k++) {
                const Step *st = &fn->blocks[b].steps[k];
                if (st->kind == ST_ASSIGN || !st->callee ||
                    !(call_flags(e, st->callee) & CF_CANCELS))
                    continue;
                for (int i = 0; i < p->nentries; i++) {
                    int g = p->entries[i].func;
                    if (g != fi && dfr_is_timer(e, &p->entries[i]) && f->touches[g] &&
                        dfr_cancel_may_fire(e, st, g)) {
                        f->touches[fi] = 1;
                        work[n++] = fi;
                        break;
                    }
                }
            }
    }
    up_the_callers(p, f, work, n);
    free(work);
}

Frames *fr_build_on(Engine *e, const Frames *sets)
{
    Frames *f = malloc(sizeof *f);
    if (!f)
        abort();
    *f = *sets;
    f->borrowed = 1;
    f->effect = NULL;
    f->forget = NULL;
    f->insets = NULL;
    touch_rule(e, f);
    return f;
}

Frames *fr_build(Engine *e)
{
    Frames *f = fr_build_sets(e);
    touch_rule(e, f);
    return f;
}

void fr_free(Frames *f)
{
    if (!f)
        return;
    for (int i = 0; f->forget && i < f->nfuncs; i++)
        free(f->forget[i].bits);
    free(f->forget);
    for (int i = 0; f->arrs && i < 3 * (f->nfuncs + 1); i++)
        free(f->arrs[i].v);
    free(f->arrs);
    free(f->arrs_done);
    for (int i = 0; f->insets && i < f->nfuncs; i++)
        free(f->insets[i].v);
    free(f->insets);
    free(f->touches);
    free(f->effect);
    if (f->borrowed) {
        free(f);
        return;
    }
    for (int i = 0; i < f->nfuncs; i++) {
        free(f->reads[i].v);
        free(f->writes[i].v);
        free(f->sreads[i].v);
        free(f->lent[i].v);
        free(f->wmask[i]);
    }
    free(f->wmask);
    free(f->nwmask);
    free(f->capwmask);
    free(f->reads);
    free(f->writes);
    free(f->sreads);
    free(f->lent);
    free(f->returns);
    for (int i = 0; f->pollg && i < f->nfuncs; i++)
        free(f->pollg[i].v);
    free(f->pollg);
    free(f);
}

int fr_touches(const Frames *f, int fi)
{
    return f->touches[fi];
}

/* Is k, or a key below it ("k.f", "k[]"), one whose facts are kept? */
static int relevant_below(Engine *e, int32_t k)
{
    return key_rel_below(e, k);
}

/* Can a call of fi (a function that does not touch the rule) change a fact
 * the rule run keeps?  Not when nothing it writes, nor anything below, is
 * relevant: then its only effect that can matter is its return value, and
 * that it returns at all. */
int fr_has_effect(Engine *e, Frames *f, int fi)
{
    if (!f->effect) {
        f->effect = calloc((size_t)f->nfuncs + 1, 1);
        if (!f->effect)
            abort();
    }
    if (!f->effect[fi]) {
        int any = 0;
        for (int i = 0; i < f->writes[fi].n && !any; i++)
            any = relevant_below(e, f->writes[fi].v[i]);
        f->effect[fi] = (unsigned char)(any ? 2 : 1);
    }
    return f->effect[fi] == 2;
}

int fr_writes_kept(Engine *e, const Frames *f, int fi)
{
    for (int i = 0; i < f->writes[fi].n; i++)
        if (relevant_below(e, f->writes[fi].v[i]))
            return 1;
    return 0;
}

void fr_havoc_writes(Engine *e, const Frames *f, int fi, State *s)
{
    for (int i = 0; i < f->writes[fi].n; i++)
        st_havoc_prefix(e, s, f->writes[fi].v[i]);
}

/* Does fi (or what it calls) read (what 1), write (2) or get lent (3:
 * addr_arg_writes) an element of an array k lies within ("a[3].f" in
 * "a"), at an index it does not know ("a[].f", "a[].g"): which element is
 * not known, so it may be k's. */
static int elem_sets(Engine *e, Frames *f, int fi, int32_t k, int what)
{
    if (!f->arrs) {
        f->arrs = calloc(3 * ((size_t)f->nfuncs + 1), sizeof *f->arrs);
        f->arrs_done = calloc((size_t)f->nfuncs + 1, 1);
        if (!f->arrs || !f->arrs_done)
            abort();
    }
    KeyVec *v = &f->arrs[3 * fi + what - 1];
    unsigned char bit = (unsigned char)(1 << (what - 1));
    if (!(f->arrs_done[fi] & bit)) {
        f->arrs_done[fi] |= bit;
        const KeyVec *from = what == 1 ? &f->reads[fi] : what == 2 ? &f->writes[fi] : &f->lent[fi];
        for (int i = 0; i < from->n; i++)
            kv_add(v, key_array_of(e, from->v[i]));
    }
    if (!v->n)
        return 0;
    for (int32_t a = key_parent(e, k); a > 0; a = key_parent(e, a))
        if (kv_has(v, a))
            return 1;
    return 0;
}

/* Can fi (or what it calls) write k, or a record k lies within? */
int fr_writes(Engine *e, const Frames *f, int fi, int32_t k)
{
    return writes_within(e, f, fi, k) || elem_sets(e, (Frames *)f, fi, k, 2);
}

/* The bits of key k that fi (or what it calls) may write: all of them
 * unless every write is a read-modify-write with a constant mask (and
 * none writes a record k lies within). */
uint64_t fr_write_mask(Engine *e, const Frames *f, int fi, int32_t k)
{
    for (int32_t a = key_parent(e, k); a > 0; a = key_parent(e, a))
        if (kv_has(&f->writes[fi], a))
            return ~(uint64_t)0;
    const struct WMask *w = f->wmask[fi];
    int lo = 0, hi = f->nwmask[fi] - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (w[mid].key == k)
            return w[mid].mask;
        if (w[mid].key < k)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return ~(uint64_t)0;
}

/* Does fi (or what it calls) read one of s's weakened keys that `was`
 * (the entry a summary was computed from) did not have weakened? */
int fr_reads_lost(Engine *e, const Frames *f, int fi, const State *s, const State *was)
{
    for (int i = 0; i < s->nlost; i++) {
        if (was && st_lost_has(was, s->lost[i]))
            continue;
        if (kv_has(&f->reads[fi], s->lost[i]))
            return 1;
        for (int32_t a = key_parent(e, s->lost[i]); a > 0; a = key_parent(e, a))
            if (kv_has(&f->reads[fi], a))
                return 1;
    }
    return 0;
}

int fr_returns(const Frames *f, int fi)
{
    return f->returns[fi];
}

const unsigned char *fr_touch_set(const Frames *f)
{
    return f->touches;
}

/* The object a key names a part of: its name without the "^" of a lent
 * local, up to its first field or element ("Ctx" of "^Ctx.Inner.Delay"). */
static const char *key_root(Engine *e, int32_t k, size_t *len)
{
    const char *n = key_name(e, k);
    while (*n == '^')
        n++;
    *len = strcspn(n, ".[");
    return n;
}

enum { MAX_ROOTS = 32 };

/* Which of s's lent facts ("^Ctx.f": a local some caller lent down the
 * calls) a callee could name: a callee names ^Ctx.f only through a
 * pointer to Ctx (ev_key_in), and the pointers it can read are the values
 * of the facts it is given (keep[i] set) and of the lent facts it can
 * reach, to a fixed point.  Sets keep[i] for those; the others pass
 * through the call unread and unwritten, and callers that differ only
 * there share one summary (NetKVM's vring_add_buf, called below the
 * ParaNdis_ProcessTx that lends its Params: 29 summaries on NdisSpinLock,
 * most apart only in ^Params.flags; 18 without them). */
static void reach_lent(Engine *e, const State *s, unsigned char *keep)
{
    const char *root[MAX_ROOTS];
    size_t rlen[MAX_ROOTS];
    int nroot = 0, grew = 1;
    for (int i = 0; i < s->nfacts; i++)
        if (key_lent(e, s->facts[i].key) && strncmp(key_name(e, s->facts[i].key), "^$", 2) == 0)
            keep[i] = 1;                  /* ^$ret: a struct returned, in flight */
    while (grew) {
        grew = 0;
        for (int i = 0; i < s->nfacts; i++) {
            int32_t p = keep[i] ? st_fval(e, &s->facts[i])->pointee : 0;
            if (p <= 0)
                continue;
            size_t len;
            const char *r = key_root(e, p, &len);
            int have = 0;
            for (int q = 0; q < nroot && !have; q++)
                have = rlen[q] == len && strncmp(root[q], r, len) == 0;
            if (have)
                continue;
            if (nroot == MAX_ROOTS) {     /* too many to say: every lent fact */
                for (int k = 0; k < s->nfacts; k++)
                    keep[k] |= key_lent(e, s->facts[k].key);
                return;
            }
            root[nroot] = r;
            rlen[nroot++] = len;
        }
        for (int i = 0; i < s->nfacts; i++) {
            if (keep[i] || !key_lent(e, s->facts[i].key))
                continue;
            size_t len;
            const char *r = key_root(e, s->facts[i].key, &len);
            for (int q = 0; q < nroot && !keep[i]; q++)
                if (rlen[q] == len && strncmp(root[q], r, len) == 0)
                    keep[i] = grew = 1;
        }
    }
}

/* What a callee's entry keeps besides the facts keep[] marks already
 * (those it reads or writes): its parameters (frame-local facts), the lent
 * locals it can reach (reach_lent), and what the kept pointers point to,
 * which it reads and writes through them (ev_key_in: a guard helper
 * IsSet(&Adapter->IntrState) { return *State == CONNECTED; } must see the
 * caller's value, or both its exits are followed and the caller takes the
 * one that cannot be: case 331); not the IRQL base unless it can ask for it
 * (irql_asks). */
static void keep_reachable(Engine *e, int fi, const State *s, unsigned char *keep)
{
    for (int i = 0; i < s->nfacts; i++) {
        int32_t k = s->facts[i].key;
        keep[i] |= !key_persistent(e, k) && !key_lent(e, k);
        if (k == e->irql_base && !irql_asks(e, fi))
            keep[i] = 0;
    }
    reach_lent(e, s, keep);
    int32_t ptr[64];
    int nptr = 0;
    for (int i = 0; i < s->nfacts; i++)
        if (keep[i] && st_fval(e, &s->facts[i])->pointee > 0 && nptr < 64)
            ptr[nptr++] = st_fval(e, &s->facts[i])->pointee;
    for (int i = 0; i < s->nfacts && nptr; i++)
        for (int p = 0; p < nptr && !keep[i]; p++)
            keep[i] = s->facts[i].key == ptr[p] || key_is_below(e, s->facts[i].key, ptr[p]);
}

/* The facts of s the function reads, plus its parameters (frame-local),
 * the lent locals it can reach (reach_lent), and the rule state; not the
 * IRQL base unless it can ask for it (irql_asks). */
State *fr_project(Engine *e, const Frames *f, int fi, const State *s)
{
    State *c = st_copy(e, s);
    Fact *nf = arena_alloc(e->arena, sizeof *nf * (size_t)(s->nfacts + 1));
    unsigned char *keep = arena_alloc(e->arena, (size_t)s->nfacts + 1);
    int n = 0;
    for (int i = 0; i < s->nfacts; i++) {
        int32_t k = s->facts[i].key;
        int read = kv_has(&f->reads[fi], k);
        for (int32_t a = key_parent(e, k); a > 0 && !read && f->sreads[fi].n; a = key_parent(e, a))
            read = kv_has(&f->sreads[fi], a);        /* a field of a struct it copies */
        keep[i] = (unsigned char)read;
    }
    keep_reachable(e, fi, s, keep);
    for (int i = 0; i < s->nfacts; i++)
        if (keep[i])
            nf[n++] = s->facts[i];
    c->facts = nf;
    c->nfacts = n;
    c->facts_shared = 0;
    /* the rule state stays: summaries of one frame from two rule states
     * must not be widened into one (a DPC run while registered and while
     * deregistered would blur the flag it writes) */
    return c;
}

/* The keys a call of fi forgets facts below (and at): each key it writes,
 * or for an element with a variable index, its array (st_havoc_prefix);
 * a bit per key id, asked for every fact of every state a call returns to. */
static const struct Forget *forget_set(Engine *e, Frames *f, int fi)
{
    if (!f->forget) {
        f->forget = calloc((size_t)f->nfuncs + 1, sizeof *f->forget);
        if (!f->forget)
            abort();
    }
    struct Forget *g = &f->forget[fi];
    if (!g->bits) {
        const KeyVec *w = &f->writes[fi];
        g->nbits = e->keys->n;
        g->bits = calloc((size_t)g->nbits / 64 + 1, sizeof *g->bits);
        if (!g->bits)
            abort();
        for (int i = 0; i < w->n; i++) {
            int32_t arr = key_array_of(e, w->v[i]);
            int32_t k = arr ? arr : w->v[i];
            g->bits[k / 64] |= (uint64_t)1 << (k % 64);
            g->any = 1;
        }
    }
    return g;
}

/* Is k, or a key it lies below, in the set? */
static int at_or_below(Engine *e, const struct Forget *g, int32_t k)
{
    for (int32_t a = k; a > 0; a = key_parent(e, a))
        if (a < g->nbits && (g->bits[a / 64] >> (a % 64) & 1))
            return 1;
    return 0;
}

/* Does fact a say more than b, and nothing b excludes (b joined with a is b)? */
static int refines(Engine *e, const Fact *a, const Fact *b)
{
    const AbsVal *va = st_fval(e, a), *vb = st_fval(e, b);
    AbsVal j = av_join(va, vb);
    return !av_equal(va, vb) && av_equal(&j, vb);
}

/* The caller's state s after the call: its own facts, except the keys the
 * function writes (and what lies below them), which take the exit's, and
 * the keys it only reads whose values its path narrowed (refines).
 * One merge of the two sorted fact arrays: s's facts that survive, and
 * x's (persistent, kept ones) where s has none left. */
State *fr_apply(Engine *e, Frames *f, int fi, const State *s, const State *x)
{
    State *r = st_copy(e, s);
    const struct Forget *fs = forget_set(e, f, fi);
    if (s->nlost && fs->any) {
        int n = 0;
        for (int i = 0; i < s->nlost; i++)
            n += !at_or_below(e, fs, s->lost[i]);
        if (n != s->nlost) {
            int32_t *v = n ? arena_alloc_raw(e->arena, sizeof *v * (size_t)n) : NULL;
            n = 0;
            for (int i = 0; i < s->nlost; i++)
                if (!at_or_below(e, fs, s->lost[i]))
                    v[n++] = s->lost[i];
            r->lost = v;
            r->nlost = n;
        }
    }
    /* nf is made at the first change: until then the merge gives a prefix
     * of s's own facts, which r shares */
    Fact *nf = NULL;
    int n = 0, i = 0, k = 0;
    while (i < s->nfacts || k < x->nfacts) {
        int drop = i < s->nfacts && fs->any && at_or_below(e, fs, s->facts[i].key);
        if (!drop && k < x->nfacts && (!key_persistent(e, x->facts[k].key) ||
                                       !key_relevant(e, x->facts[k].key))) {
            k++;
            continue;
        }
        int take_x = !drop && k < x->nfacts &&
                     (i >= s->nfacts || x->facts[k].key < s->facts[i].key);
        if ((drop || take_x) && !nf) {
            nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(s->nfacts + x->nfacts + 1));
            if (n)
                memcpy(nf, s->facts, sizeof *nf * (size_t)n);
        }
        if (drop) {
            i++;
        } else if (take_x) {
            nf[n++] = x->facts[k++];
        } else if (k < x->nfacts && x->facts[k].key == s->facts[i].key &&
                   x->facts[k].val != s->facts[i].val && refines(e, &x->facts[k], &s->facts[i])) {
            /* fi only reads it, and its path narrowed it (`if (Adapter->PollLink)`):
             * the exit's word, which lies within the caller's */
            if (!nf) {
                nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(s->nfacts + x->nfacts + 1));
                if (n)
                    memcpy(nf, s->facts, sizeof *nf * (size_t)n);
            }
            nf[n++] = x->facts[k++];
            i++;
        } else {                 /* s's own (at equal keys too: fi does not write it) */
            if (nf)
                nf[n] = s->facts[i];
            n++;
            k += k < x->nfacts && x->facts[k].key == s->facts[i].key;
            i++;
        }
    }
    if (nf) {
        r->facts = nf;
        r->nfacts = n;
        r->facts_shared = 0;
    }
    r->ret = x->ret;     /* joins inside the frame do not make r approximate: a trace shows
                            a frame as one opaque call, like an API's */
    if (e->ret_lost && (st_lost_has(x, e->ret_lost) || st_lost_has(r, e->ret_lost))) {
        if (st_lost_has(x, e->ret_lost))          /* a weakened value returned */
            st_lost_add(e, r, e->ret_lost);
        else
            st_lost_del(e, r, e->ret_lost);
    }
    r->approx |= x->approx;   /* but a decision in it on a value the caller's joins weakened
                                 does: what it leaves may not be the caller's path's */
    return r;
}

struct CallSplit {
    Fact *rest;              /* the facts the callee cannot see, sorted */
    int nrest;
    int32_t *lost;           /* the caller's weakened keys among them */
    int nlost;
};

/* Can fi read or write key k (or a record k lies within), or is it lent
 * the block k lies in (it may read k through the pointer)? */
static int in_sets(Engine *e, const Frames *f, int fi, int32_t k)
{
    for (int32_t a = k; a > 0; a = key_parent(e, a))
        if (kv_has(&f->reads[fi], a) || kv_has(&f->writes[fi], a) || kv_has(&f->lent[fi], a))
            return 1;
    return elem_sets(e, (Frames *)f, fi, k, 1) || elem_sets(e, (Frames *)f, fi, k, 2) ||
           elem_sets(e, (Frames *)f, fi, k, 3);
}

/* in_sets, worked out once per function and key in a run (the sets do not
 * change while it runs). */
static int in_sets_memo(Engine *e, Frames *f, int fi, int32_t k)
{
    if (!f->insets) {
        f->insets = calloc((size_t)f->nfuncs + 1, sizeof *f->insets);
        if (!f->insets)
            abort();
    }
    unsigned char *m = key_memo(e, &f->insets[fi], k);
    if (!*m)
        *m = (unsigned char)(in_sets(e, f, fi, k) ? 2 : 1);
    return *m == 2;
}

CallSplit *fr_split(Engine *e, const Frames *f, int fi, const State *s, State **entry)
{
    unsigned char *keep = arena_alloc(e->arena, (size_t)s->nfacts + 1);
    int nkeep = 0;
    for (int i = 0; i < s->nfacts; i++)
        keep[i] = (unsigned char)in_sets_memo(e, (Frames *)f, fi, s->facts[i].key);
    keep_reachable(e, fi, s, keep);
    for (int i = 0; i < s->nfacts; i++)
        nkeep += keep[i];
    CallSplit *sp = arena_alloc(e->arena, sizeof *sp);
    State *c = st_copy(e, s);
    if (nkeep < s->nfacts) {
        Fact *kf = arena_alloc_raw(e->arena, sizeof *kf * (size_t)(nkeep + 1));
        sp->rest = arena_alloc_raw(e->arena, sizeof *sp->rest * (size_t)(s->nfacts - nkeep));
        int a = 0;
        for (int i = 0; i < s->nfacts; i++) {
            if (keep[i])
                kf[a++] = s->facts[i];
            else
                sp->rest[sp->nrest++] = s->facts[i];
        }
        c->facts = kf;
        c->nfacts = nkeep;
        c->facts_shared = 0;
        c->hashed = NULL;
        /* weakened keys the callee cannot see stay with the caller: those
         * with a fact left out (both lists are sorted by key: one merge) */
        unsigned char lbuf[64], *left = s->nlost <= 64 ? lbuf
                                        : arena_alloc_raw(e->arena, (size_t)s->nlost);
        int nl = 0;
        for (int i = 0, k = 0; i < s->nlost; i++) {
            while (k < s->nfacts && s->facts[k].key < s->lost[i])
                k++;
            left[i] = (unsigned char)(k < s->nfacts && s->facts[k].key == s->lost[i] && !keep[k]);
            nl += left[i];
        }
        if (nl) {
            sp->lost = arena_alloc_raw(e->arena, sizeof *sp->lost * (size_t)nl);
            int32_t *kl = arena_alloc_raw(e->arena, sizeof *kl * (size_t)(s->nlost + 1));
            int nk = 0;
            for (int i = 0; i < s->nlost; i++) {
                if (left[i])
                    sp->lost[sp->nlost++] = s->lost[i];
                else
                    kl[nk++] = s->lost[i];
            }
            c->lost = kl;
            c->nlost = nk;
        }
    }
    st_finish(e, c);
    *entry = c;
    return sp;
}

State *fr_restore(Engine *e, const CallSplit *sp, const State *x)
{
    if (!sp->nrest && !sp->nlost)
        return (State *)x;
    State *r = st_copy(e, x);
    if (sp->nrest) {
        Fact *nf = arena_alloc_raw(e->arena, sizeof *nf * (size_t)(x->nfacts + sp->nrest + 1));
        int n = 0, i = 0, k = 0;
        while (i < x->nfacts || k < sp->nrest) {
            if (k >= sp->nrest || (i < x->nfacts && x->facts[i].key < sp->rest[k].key))
                nf[n++] = x->facts[i++];
            else if (i >= x->nfacts || sp->rest[k].key < x->facts[i].key)
                nf[n++] = sp->rest[k++];
            else {                    /* the callee's word on it is the newer */
                nf[n++] = x->facts[i++];
                k++;
            }
        }
        r->facts = nf;
        r->nfacts = n;
        r->facts_shared = 0;
        r->hashed = NULL;
    }
    for (int i = 0; i < sp->nlost; i++)
        st_lost_add(e, r, sp->lost[i]);
    st_finish(e, r);
    return r;
}

