/* check.c - one rule on one driver: which runs decide it, and the verdict.
 *
 * Cheapest first: a rule with no call where it can report gets Pass with no
 * search (sites.c); a rule whose aborts read only the call's arguments has
 * its candidate calls judged where they are made (local_sites); then the
 * probes on smaller slices, each of which can prove Pass (probes_pass);
 * then the full search (harness.c eng_lifecycle and eng_orphans), within
 * the rule's time and state budgets: Timeout or Spaceout when they run out,
 * never a silent Pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* The rule run's budgets, the defaults when the options set none. */
static double time_budget(const EngineOptions *o)
{
    return o && o->time_budget_s > 0 ? o->time_budget_s : 120.0;
}

static size_t state_budget(const EngineOptions *o)
{
    return o && o->state_budget ? o->state_budget : 4000000;
}

void eng_probe_hit(Engine *e, const char *where, const char *why)
{
    if (e->local || e->capture) {  /* local_sites, and loopsum.c's summarised part: every
                                      place counts, the run goes on */
        for (int i = 0; i < e->nhits; i++)
            if (where && strcmp(e->hits[i], where) == 0)
                return;
        if (e->nhits == e->caphits) {
            e->caphits = e->caphits ? 2 * e->caphits : 8;
            e->hits = realloc(e->hits, sizeof *e->hits * (size_t)e->caphits);
            if (!e->hits)
                abort();
        }
        e->hits[e->nhits++] = arena_strdup(e->arena, where ? where : "?");
        return;
    }
    if (getenv("DRVCHECK_ENGINE_STATS"))
        fprintf(stderr, "engine: probe stops at %s: %s\n", where ? where : "?", why);
    e->probe_hit = 1;
    e->settled = 1;
}

/* A run's slice lived in its arena: the rule's program gets the driver's
 * back, for the next run to slice again. */
static void slice_back(Program *prog, const EngineDriver *ed)
{
    prog->relevant = ed->prog.relevant;
    prog->nrelevant_slots = ed->prog.nrelevant_slots;
    prog->keybits = ed->prog.keybits;
    prog->nkeybits = ed->prog.nkeybits;
}

/* One probe on slice l, the callback loop summarised when loopsum
 * (loopsum.c): 1 it proves Pass, 0 it met a report, -1 it ran out of time
 * or states. */
static int run_probe(EngineDriver *ed, Program *prog, const Rule *rule, SliceLevel l,
                     int loopsum, Report *rep, double t_in, double budget, size_t states,
                     int *init_never, int *before_loop, SliceSnap *snap, Arena **kept)
{
    Arena *a = arena_new();
    Engine e;
    double now = eng_now(), left = t_in + budget - now;
    eng_start_snap(&e, eng_base(ed), prog, rule, l, rep, a, now + left / 4, states / 4, snap);
    e.loopsum = loopsum;
    eng_lifecycle(&e);
    eng_orphans(&e);
    int spent = e.out_of_time || e.out_of_space;
    int r = spent ? -1 : !e.probe_hit && !e.cut;   /* a call it did not follow: no proof */
    if (getenv("DRVCHECK_ENGINE_STATS"))
        fprintf(stderr, "engine: %s: the %s probe %s after %zu states\n", rule->name,
                loopsum ? "loop-summary" : l == SLICE_OBJECTS ? "objects" : "touching",
                r == 1 ? "proves Pass" : spent ? "ran out" : "stopped", e.nstates);
    *init_never = e.init_never;
    *before_loop = r == 0 && e.hit_before_loop;
    eng_end(&e);
    if (kept)                      /* its slice (snap) lives in a, for the next probe */
        *kept = a;
    else
        arena_free(a);
    slice_back(prog, ed);          /* the probe's slice was in a */
    return r;
}

/* Probes: the whole search on a smaller slice (SLICE_OBJECTS, then
 * SLICE_TOUCHING), stopping at the first place the rule could report.
 * Facts a slice leaves out are unknown, so a probe follows every path the
 * full run follows and more, in states that say less; where the full run
 * could do something a probe cannot see (take a rule condition on an
 * argument it knows, name a lock a pointer points to, analyse a function
 * as a root of its own) the probe goes the full run's way too or stops
 * (ruleexec.c, orphans).  So a probe that ends without meeting a report
 * proves the verdict the full run would give: Pass, with no defect.  It
 * costs a fraction of the full run where paths multiply on facts the rule
 * rarely needs (rtlnwifi's spin-lock rule: 1.06M states -> 60k); where it
 * meets a report it stops there and the next one runs.  A probe has a
 * quarter of the state budget and of the time left; one out of time or
 * states proves nothing, and ends the probing (a bigger slice would run
 * out sooner). */
static int probes_pass(EngineDriver *ed, Program *prog, const Rule *rule,
                       const EngineOptions *o, Report *rep, double t_in, int *init_never)
{
    double budget = time_budget(o);
    size_t states = state_budget(o);
    if (getenv("DRVCHECK_NO_PROBES"))     /* to measure what they save */
        return 0;
    /* A rule whose state follows an API's result (NdisMRegisterInterruptEx
     * succeeded) skips the objects slice: it keeps no function's return
     * value, so a driver that registers in a helper and tests the status it
     * hands back is seen registering on its failure paths too, and the probe
     * stops there (both interrupt rules, on each of sdv-faildriver, e100bex,
     * rtlnwifi, NetKVM, Ethmini and imxnetmini: 0.5k-4.4k states each) */
    for (SliceLevel l = site_reads_return(rule) ? SLICE_TOUCHING : SLICE_OBJECTS; l < SLICE_FULL;
         l++) {
        /* before the touching probe, the same slice with the callback loop
         * summarised, where no loop callback can change the rule's state;
         * one that met a report before the loop (an initialize that fails
         * without deregistering) leaves the touching probe nothing to
         * prove: it runs the same way up to there and stops there too
         * (NetKVM's Init_RegisterInterrupt: 1.7k states) */
        /* the two probes on the touching slice share it: the touching probe
         * takes the loop-summary probe's (snap, in that probe's arena)
         * rather than make it again */
        int early = 0;
        SliceSnap snap = {0};
        Arena *kept = NULL;
        if (l == SLICE_TOUCHING && !getenv("DRVCHECK_NO_LOOPSUM") &&
            loopsum_applies(prog, rule)) {
            int r = run_probe(ed, prog, rule, l, 1, rep, t_in, budget, states, init_never,
                              &early, &snap, &kept);
            if (r == 1 || early) {
                keytab_free(snap.keys);
                arena_free(kept);
                return r == 1;
            }
        }
        int r = run_probe(ed, prog, rule, l, 0, rep, t_in, budget, states, init_never, &early,
                          snap.have ? &snap : NULL, NULL);
        keytab_free(snap.keys);
        arena_free(kept);
        if (r == 1)
            return 1;
        if (r < 0)       /* a bigger slice would run out sooner */
            return 0;
    }
    return 0;
}

/* The candidate calls of a rule whose aborts depend on the call's arguments
 * alone (sites.c site_by_args), each judged where it is made: a probe on
 * the full slice rooted at every function that makes one, entered knowing
 * nothing (no caller's values, IRQL, armed timers or rule state: what every
 * caller might give it), with what holds in every run (globals the driver
 * never writes another value to).  A candidate call that run never meets
 * as a place the rule could report cannot be one from any caller, and is
 * dropped.  A driver that wraps its stalls in a helper clamping the delay
 * (`if (Us <= 50) NdisStallExecution(Us); else ...`) is decided at the
 * helper, where the whole search of a big driver ran out of states (WDI).
 * The roots share a budget of an eighth of the rule's states and time; a
 * root that runs out keeps its calls and every later one.  Returns how many
 * candidates are left (cand is compacted). */
static int local_sites(EngineDriver *ed, Program *prog, const Rule *rule, const EngineOptions *o,
                       Report *rep, double t_in, const char **cand, int ncand)
{
    if (ncand <= 0 || !site_by_args(rule) || getenv("DRVCHECK_NO_LOCAL_SITES"))
        return ncand;
    Arena *a = arena_new();
    int *owner = malloc(sizeof *owner * (size_t)ncand), nowned = 0;
    if (!owner)
        abort();
    /* each candidate's line and column (the end of its site_name): a call
     * elsewhere cannot be one, and its name is not written out */
    long *lc = malloc(sizeof *lc * 2 * (size_t)ncand);
    if (!lc)
        abort();
    for (int i = 0; i < ncand; i++) {
        owner[i] = -1;
        const char *c2 = strrchr(cand[i], ':'), *c1 = c2;
        while (c1 && c1 > cand[i] && *--c1 != ':')
            ;
        lc[2 * i] = c1 && *c1 == ':' ? strtol(c1 + 1, NULL, 10) : -1;
        lc[2 * i + 1] = c2 ? strtol(c2 + 1, NULL, 10) : -1;
    }
    for (int fi = 0; fi < prog->nfuncs; fi++) {
        const Func *f = prog->funcs[fi].f;
        for (int b = 0; b < f->nblocks; b++)
            for (int k = 0; k < f->blocks[b].nsteps; k++) {
                const Step *st = &f->blocks[b].steps[k];
                if (st->kind != ST_CALL || !st->callee)
                    continue;
                if (site_args_const(st))   /* a candidate because its constant arguments
                                              satisfy the rule: left to the search */
                    continue;
                int at = 0;
                for (int i = 0; i < ncand && !at; i++)
                    at = lc[2 * i] == st->loc.line && lc[2 * i + 1] == st->loc.col;
                if (!at)
                    continue;
                const char *w = site_name(a, st->loc);
                for (int i = 0; i < ncand; i++)
                    if (owner[i] < 0 && strcmp(cand[i], w) == 0) {
                        owner[i] = fi;
                        nowned++;
                    }
            }
    }
    free(lc);
    if (!nowned) {
        free(owner);
        arena_free(a);
        return ncand;
    }
    Engine e;
    double now = eng_now(), left = t_in + time_budget(o) - now;
    eng_start(&e, eng_base(ed), prog, rule, SLICE_FULL, rep, a, now + left / 8,
                 state_budget(o) / 8);
    e.probe = 1;
    e.local = 1;
    unsigned char *drop = calloc((size_t)ncand, 1);
    if (!drop)
        abort();
    for (int fi = 0; fi < prog->nfuncs && !e.out_of_time && !e.out_of_space; fi++) {
        int mine = 0;
        for (int i = 0; i < ncand; i++)
            mine |= owner[i] == fi;
        if (!mine)
            continue;
        const Func *f = prog->funcs[fi].f;
        State *s = st_new(&e);
        eng_rule_instance(&e, s, 0);
        eng_global_values(&e, s);
        st_finish(&e, s);
        s->trace = tr_push(&e, NULL, TS_ENTRY, f->loc, f->name,
                           arena_printf(a, "%s analysed on its own", f->name), NULL);
        e.nhits = 0;
        StateVec out = {0};
        in_call(&e, fi, s, s->trace, &out);
        sv_release(&e, &out);
        if (e.out_of_time || e.out_of_space || e.cut)
            break;              /* this root's calls and every later one stay */
        for (int i = 0; i < ncand; i++) {
            if (owner[i] != fi)
                continue;
            int hit = 0;
            for (int h = 0; h < e.nhits && !hit; h++)
                hit = strcmp(e.hits[h], cand[i]) == 0;
            drop[i] = (unsigned char)!hit;
        }
    }
    int n = 0;
    for (int i = 0; i < ncand; i++)
        if (!drop[i])
            cand[n++] = cand[i];
    if (getenv("DRVCHECK_ENGINE_STATS"))
        fprintf(stderr, "engine: %s: %d of %d candidate calls can report from some caller "
                "(%zu states)\n", rule->name, n, ncand, e.nstates);
    free(drop);
    free(owner);
    eng_end(&e);
    arena_free(a);
    slice_back(prog, ed);              /* the run's slice was in a */
    return n;
}

/* What a verdict says when MiniportInitializeEx succeeds on no path the
 * analysis found (e100bex did, before device.c: a self-test result only
 * the chip writes): the verdict covers less than the driver. */
#define INIT_NEVER "MiniportInitializeEx succeeds on no path drvcheck found, so no callback NDIS " \
                   "runs after it was checked (a value only the device or a missing header sets?)"

/* A verdict's detail when the run did not follow everything (Engine.cut):
 * what it left was not checked. */
static const char *cut_detail(Arena *a, const Engine *e, const char *detail)
{
    if (!e->cut)
        return detail;
    const char *cut = arena_printf(a, "%s, so the verdict does not cover what happens there",
                                   e->cut);
    return detail ? arena_printf(a, "%s; %s", detail, cut) : cut;
}

/* The full run tried first with the callback loop summarised, for a rule
 * no loop callback can change the state of (loopsum.c loopsum_capture):
 * 1 it held, and *v, *detail and rep have the full run's verdict and
 * defects; 0 it did not (a place only the summarised loop or the halt
 * after it reaches, not reported on an exact path), and the full run
 * follows, with what the try reported dropped.  It has half the states
 * and of the time left. */
static int summed_full_run(EngineDriver *ed, Program *prog, const Rule *rule,
                           const EngineOptions *o, Report *rep, double t_in, const char **cand,
                           int ncand, Verdict *v, const char **detail, Arena *da)
{
    if (getenv("DRVCHECK_NO_LOOPSUM") || !rule->nvars || !loopsum_applies(prog, rule))
        return 0;       /* (a rule without a state, the stall rule: a loop callback
                           can report wherever it runs, so the try could not hold) */
    Arena *a = arena_new();
    Report tmp;
    report_init(&tmp);
    Engine e;
    double now = eng_now(), left = t_in + time_budget(o) - now;
    eng_start(&e, eng_base(ed), prog, rule, SLICE_FULL, &tmp, a, now + left / 2,
              state_budget(o) / 2);
    e.cand = cand;
    e.ncand = ncand;
    e.loopsum = 2;
    eng_lifecycle(&e);
    int held = !e.out_of_time && !e.out_of_space && loopsum_reach_agrees(&e);
    if (held)
        eng_orphans(&e);
    held = held && !e.out_of_time && !e.out_of_space && loopsum_hits_reported(&e);
    if (getenv("DRVCHECK_ENGINE_STATS"))
        fprintf(stderr, "engine: %s: the summarised full run %s after %zu states\n", rule->name,
                held ? "holds" : "does not hold", e.nstates);
    if (held) {
        *v = e.ndefects ? VERDICT_DEFECT : VERDICT_PASS;
        *detail = cut_detail(da, &e, e.init_never ? INIT_NEVER : NULL);
        tr_note_approx(&e);
        report_take(rep, &tmp);
    }
    eng_end(&e);
    report_free(&tmp);
    arena_free(a);
    slice_back(prog, ed);
    return held;
}

Verdict eng_check(EngineDriver *ed, const Rule *rule, const EngineOptions *o, Report *rep)
{
    Program local = ed->prog;  /* the slice is this rule's: ed stays read-only */
    Program *prog = &local;
    Arena *a = arena_new();  /* this rule's states, traces and slice */
    Verdict v;
    const char *detail = NULL;
    const char **cand = NULL;
    int ncand = -1, init_never = 0;
    double t_in = eng_now();
    if (!rule->runnable) {
        v = VERDICT_NOT_RUNNABLE;
        detail = rule->unsupported;
    } else if (!eng_applicable(prog, rule)) {
        v = VERDICT_NOT_APPLICABLE;
        detail = "the driver calls none of the rule's APIs";
    } else if (!(ncand = site_candidates(prog, rule, a, &cand))) {
        /* no call where the rule can report (sites.c): Pass, as the search
         * would find, unless the time budget ran out even for this */
        double budget = time_budget(o);
        v = eng_now() > t_in + budget ? VERDICT_TIMEOUT : VERDICT_PASS;
        if (v == VERDICT_TIMEOUT)
            detail = arena_printf(a, "time budget of %g s exhausted", budget);
    } else if (!(ncand = local_sites(ed, prog, rule, o, rep, t_in, cand, ncand))) {
        double budget = time_budget(o);       /* as above: every call decided where it is made */
        v = eng_now() > t_in + budget ? VERDICT_TIMEOUT : VERDICT_PASS;
        if (v == VERDICT_TIMEOUT)
            detail = arena_printf(a, "time budget of %g s exhausted", budget);
    } else if (!site_sure(prog, rule, a, cand, ncand) &&
               probes_pass(ed, prog, rule, o, rep, t_in, &init_never)) {
        /* (a call that reports wherever it is reached: a probe, which
         * reaches more than the full run, would stop at it, so none runs;
         * rtlnwifi's stall rule: 24k of its 48k states) */
        v = VERDICT_PASS;
        if (init_never)
            detail = INIT_NEVER;
    } else if (!summed_full_run(ed, prog, rule, o, rep, t_in, cand, ncand, &v, &detail, a)) {
        Engine e;
        double budget = time_budget(o);
        eng_start(&e, eng_base(ed), prog, rule, SLICE_FULL, rep, a, t_in + budget,
                     state_budget(o));
        e.cand = cand;
        e.ncand = ncand;
        e.halt_first = site_all_sure(prog, rule, a, cand, ncand);
        if (e.halt_first && getenv("DRVCHECK_ENGINE_STATS"))
            fprintf(stderr, "engine: %s: every candidate reports wherever it is reached: halt "
                    "runs straight after initialize first\n", rule->name);
        eng_lifecycle(&e);
        eng_orphans(&e);
        if (e.out_of_time) {
            v = VERDICT_TIMEOUT;
            detail = arena_printf(a, "time budget of %g s exhausted", budget);
        } else if (e.out_of_space) {
            v = VERDICT_SPACEOUT;
            detail = "state budget exhausted";
        } else {
            v = e.ndefects ? VERDICT_DEFECT : VERDICT_PASS;
        }
        if (e.ndefects && v != VERDICT_DEFECT)
            detail = arena_printf(a, "%s; %d defect(s) found before", detail, e.ndefects);
        else if (e.init_never)
            detail = INIT_NEVER;
        detail = cut_detail(a, &e, detail);
        tr_note_approx(&e);
        eng_end(&e);
    }
    report_add_verdict(rep, ed->drv->name, rule->name, v, detail);
    arena_free(a);
    return v;
}

