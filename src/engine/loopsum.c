/* loopsum.c - the callback loop summarised by what it can write: a probe.
 *
 * Between a successful MiniportInitializeEx and MiniportHaltEx the harness
 * runs every callback in any order to a fixed point (harness.c
 * runtime_loop), and most of a big driver's states are spent there
 * (e100bex's deregistration rule: 97k states to prove a Pass).  For a rule
 * whose state no callback of that loop can change - no event it can fire
 * assigns a state variable, and the rule watches no objects - the loop
 * matters to the verdict only through the adapter facts it leaves for halt
 * and through what each callback may report on its own.  Both are
 * over-approximated from each state MiniportInitializeEx returns with:
 * every key some loop callback can write (frames.c, with what lies below
 * it) is forgotten, as are the gates of deferred callbacks and the run
 * state; each loop callback runs once from that state, and halt, the
 * timers after it and unload run from it as usual.  Any state the real
 * loop reaches agrees with it on every key it keeps, so a run that meets
 * no report proves what the full run would prove: Pass.  It is a probe
 * (check.c probes_pass): a report stops it, and the next one runs. */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* What the loop's callbacks can run: the callbacks, what they call, and
 * the functions a call is given (a synchronize callback). */
static unsigned char *loop_reach(const Program *p)
{
    int n = p->nfuncs, top = 0;
    unsigned char *r = calloc((size_t)n + 1, 1);
    int *work = malloc(sizeof *work * ((size_t)n + 1));
    if (!r || !work)
        abort();
    for (int i = 0; i < p->nentries; i++) {
        int fi = p->entries[i].func;
        if (role_phase(p->entries[i].role) == PH_RUNTIME && !r[fi]) {
            r[fi] = 1;
            work[top++] = fi;
        }
    }
    eng_reach_from(p, r, work, top, 1);
    free(work);
    return r;
}

/* Can a loop callback fire event ev: a role event of a loop or synchronize
 * callback, or an API event whose API something the loop runs calls?
 * (*reach: loop_reach, built when first needed.) */
static int loop_can_fire(const Program *p, const RuleEvent *ev, unsigned char **reach)
{
    for (int t = 0; t < ev->ntargets; t++) {
        const RuleTarget *tg = &ev->targets[t];
        if (tg->kind == TGT_ROLE) {       /* a synchronize callback runs inside them too */
            RolePhase ph = role_phase((RoleKind)tg->role);
            if (ph == PH_RUNTIME || ph == PH_SYNC)
                return 1;
            continue;
        }
        if (!*reach)
            *reach = loop_reach(p);
        for (int fi = 0; fi < p->nfuncs; fi++) {
            const Func *f = p->funcs[fi].f;
            for (int b = 0; (*reach)[fi] && b < f->nblocks; b++)
                for (int k = 0; k < f->blocks[b].nsteps; k++) {
                    const Step *st = &f->blocks[b].steps[k];
                    if (st->kind == ST_CALL && st->callee && strcmp(st->callee, tg->name) == 0)
                        return 1;
                }
        }
    }
    return 0;
}

int loopsum_applies(const Program *p, const Rule *r)
{
    if (r->has_watch)
        return 0;
    unsigned char *reach = NULL;
    int ok = 1;
    for (int i = 0; i < r->nevents && ok; i++)
        ok = !rule_stmt_has(r->events[i].body, RS_ASSIGN) || !loop_can_fire(p, &r->events[i], &reach);
    free(reach);
    return ok;
}

/* s with every key a loop callback can write forgotten, and the gates
 * and the run state unknown. */
static State *forget_loop_writes(Engine *e, const State *s)
{
    State *r = st_copy(e, s);
    const Program *p = e->prog;
    for (int i = 0; i < p->nentries; i++)
        if (role_phase(p->entries[i].role) == PH_RUNTIME)
            fr_havoc_writes(e, e->frames, p->entries[i].func, r);
    AbsVal top = av_top();
    for (int fi = 0; fi < p->nfuncs; fi++) {
        if (e->armed[fi])
            st_set(e, r, e->armed[fi], &top);
        if (e->queued[fi])
            st_set(e, r, e->queued[fi], &top);
    }
    st_set(e, r, e->timer_armed, &top);
    if (e->run_gated)
        st_set(e, r, e->running, &top);
    st_set_ret(e, r, av_top());
    st_finish(e, r);
    return r;
}

/* Which rule events a loop callback can fire (Engine.ls_fires). */
static const unsigned char *loop_fires(Engine *e)
{
    if (e->ls_fires)
        return e->ls_fires;
    const Rule *r = e->rule;
    unsigned char *reach = NULL;
    e->ls_fires = arena_alloc(e->arena, (size_t)r->nevents + 1);
    for (int i = 0; i < r->nevents; i++)
        e->ls_fires[i] = (unsigned char)loop_can_fire(e->prog, &r->events[i], &reach);
    free(reach);
    return e->ls_fires;
}

/* Can a loop callback report from h?  Not when no event the loop can fire
 * can abort with the rule's state as h holds it, which no loop callback
 * changes (loopsum_applies): the deregistration rule between a successful
 * initialize and halt, where the interrupt is registered and a
 * synchronize is fine.  Then running the callbacks from h finds nothing:
 * what they leave for halt is forgotten already.  rtlnwifi's
 * deregistration rule: 34k -> 6.1k states. */
static int loop_may_report(Engine *e, const State *h)
{
    const Rule *r = e->rule;
    if (h->ninst != 1 || h->inst[0].obj != 0)
        return 1;
    const unsigned char *fires = loop_fires(e);
    for (int i = 0; i < r->nevents; i++)
        if (fires[i] && can_abort_in(r->events[i].body, h->inst[0].vars, r->nvars))
            return 1;
    return 0;
}

void loopsum_run(Engine *e, StateVec *start, StateVec *reached)
{
    for (int k = 0; k < start->n && !eng_budget_exceeded(e); k++) {
        State *h = forget_loop_writes(e, st_strip_locals(e, start->v[k]));
        sv_push(e, reached, h);
        if (!loop_may_report(e, h))
            continue;
        for (int i = 0; i < e->prog->nentries && !eng_budget_exceeded(e); i++) {
            const EntryPoint *ep = &e->prog->entries[i];
            if (role_phase(ep->role) != PH_RUNTIME)
                continue;
            StateVec out = {0};          /* what it reports is all that counts */
            eng_run_callback(e, ep, h, &out);
            sv_release(e, &out);
        }
    }
}

/* The full run tried with the loop summarised (check.c summed_full_run): after a
 * successful MiniportInitializeEx, halt runs first straight from its exit
 * states (no callback in between: paths the full run has too, so what they
 * report is reported), then the summarised loop and halt after it, whose
 * reports are only collected (e->hits), with summaries of their own (a
 * summary computed there would hide, when reused, a report it made).
 * That part reaches every place the full run's loop and halt can report
 * at (as the probe does); so where each place it collected was reported
 * already on an exact path, the full run would report no other place and
 * each of these as an error: its defects are this run's.  NetKVM's and
 * imxnetmini's registration rules: 54k and 59k states -> a few thousand. */
void loopsum_capture(Engine *e, int on)
{
    if (on) {
        size_t n = (size_t)e->prog->nfuncs;         /* reached has a byte per function */
        e->ls_before = arena_alloc(e->arena, n + 1);
        memcpy(e->ls_before, e->reached, n);
        e->ls_before[n] = 0;
        e->ls_sums = e->sums;
        e->sums = NULL;
        e->capture = 1;
        e->loopsum = 1;
    } else {
        sum_free(e);                 /* quiet: e->capture */
        e->sums = e->ls_sums;
        e->ls_sums = NULL;
        e->capture = 0;
        e->loopsum = 2;
    }
}

/* Was every place the summarised part collected reported on an exact path? */
int loopsum_hits_reported(const Engine *e)
{
    for (int h = 0; h < e->nhits; h++) {
        int exact = 0;
        for (int i = 0; i < e->nsites && !exact; i++)
            exact = !e->sites[i].approx && strcmp(e->sites[i].where, e->hits[h]) == 0;
        if (!exact)
            return 0;
    }
    return 1;
}

/* Before eng_orphans: is no function the full run might reach only
 * through the loop or the halt after it (a synchronize callback, which no
 * entry point calls) left for eng_orphans to take as a root of its own
 * where the full run would not, or the other way round?  Those the run
 * reached before the summarised part the full run reaches too. */
int loopsum_reach_agrees(const Engine *e)
{
    if (!e->ls_before)
        return 1;              /* settled before the summarised part */
    const Program *p = e->prog;
    int *work = malloc(sizeof *work * ((size_t)p->nfuncs + 1)), ok = 1;
    if (!work)
        abort();
    unsigned char *loop = loop_reach(p), *called = eng_called_from_entries(p, work);
    for (int fi = 0; fi < p->nfuncs && ok; fi++)
        ok = called[fi] || e->ls_before[fi] || !fr_touches(e->frames, fi) ||
             !(loop[fi] || e->reached[fi]);
    free(loop);
    free(called);
    free(work);
    return ok;
}
