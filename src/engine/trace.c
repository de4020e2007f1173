/* trace.c - defect traces as persistent linked lists.
 *
 * Every state points at the last step of the path that made it; steps are
 * shared between the states of one path, so recording a step is O(1).  A
 * function's summary keeps its exit states' traces relative to the call
 * (the `base` node); tr_rebase replays those steps onto a new caller's
 * trace, so a defect found after the call shows the steps inside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* A trace keeps at most TRACE_MAX steps (real drivers' longest is 137;
 * which ones: fill_trace); a rule run's defects together keep at most
 * TRACE_BUDGET, then each further one its last TRACE_MIN: a generated
 * driver of 20,000 branches with 6,000 stall sites held 4,096 steps for
 * each and its JSON report took 24 GB. */
enum { TRACE_MAX = 1000, TRACE_BUDGET = 250000, TRACE_MIN = 40, TRACE_WALK = 16 };

Trace *tr_push(Engine *e, Trace *parent, TraceKind k, Loc loc, const char *func, const char *msg,
               const char *state)
{
    Trace *t = arena_alloc(e->arena, sizeof *t);
    t->kind = k;
    t->loc = loc;
    t->func = func;
    t->msg = msg;
    t->state = state;
    t->parent = parent;
    t->depth = parent ? parent->depth + 1 : 1;
    return t;
}

Trace *tr_branch(Engine *e, Trace *parent, Loc loc, const char *func, const Expr *cond, int taken)
{
    Trace *t = tr_push(e, parent, TS_BRANCH, loc, func, NULL, NULL);
    t->cond = cond;
    t->taken = taken;
    return t;
}

Trace *tr_call(Engine *e, Trace *parent, TraceKind k, Loc loc, const char *func, const char *callee)
{
    Trace *t = tr_push(e, parent, k, loc, func, NULL, NULL);
    t->callee = callee;
    return t;
}

Trace *tr_entry(Engine *e, Trace *parent, Loc loc, const char *func, const char *role)
{
    Trace *t = tr_call(e, parent, TS_ENTRY, loc, func, func);
    t->aux = role;
    return t;
}

Trace *tr_runs(Engine *e, Trace *parent, Loc loc, const char *func, const char *api,
               const char *callee)
{
    Trace *t = tr_call(e, parent, TS_CALL, loc, func, callee);
    t->aux = api;
    return t;
}

Trace *tr_state(Engine *e, Trace *parent, Loc loc, const char *func, const char *fname, int entry,
                const char *before, const char *after)
{
    Trace *t = tr_push(e, parent, TS_STATE, loc, func, NULL, after);
    t->callee = fname;
    t->aux = before;
    t->taken = entry;
    return t;
}

static const char *step_message(Engine *e, const Trace *t)
{
    if (t->msg)
        return t->msg;
    if (t->kind == TS_STATE && t->aux)
        return arena_printf(e->arena, "%s %s: %s -> %s", t->callee ? t->callee : "?",
                            t->taken ? "is called" : "returns", t->aux, t->state ? t->state : "");
    if (t->kind == TS_ENTRY && t->aux)
        return arena_printf(e->arena, "NDIS calls %s (%s)", t->callee, t->aux);
    if (t->kind == TS_CALL && t->aux)
        return arena_printf(e->arena, "%s runs %s", t->aux, t->callee);
    if (t->kind == TS_BRANCH)
        return arena_printf(e->arena, "`%s` is %s",
                            t->cond ? cfg_expr_string(e->arena, t->cond) : "?",
                            t->taken ? "true" : "false");
    if (t->kind == TS_CALL)
        return arena_printf(e->arena, "call %s", t->callee ? t->callee : "?");
    if (t->kind == TS_RETURN)
        return arena_printf(e->arena, "back from %s", t->callee ? t->callee : "?");
    return "";
}

Trace *tr_rebase(Engine *e, Trace *t, Trace *base, Trace *onto)
{
    int n = 0;
    for (Trace *p = t; p && p != base; p = p->parent)
        n++;
    if (n == 0)
        return onto;
    Trace **steps = malloc(sizeof *steps * (size_t)n);
    int i = n;
    for (Trace *p = t; p && p != base; p = p->parent)
        steps[--i] = p;
    Trace *cur = onto;
    for (i = 0; i < n; i++) {
        cur = tr_push(e, cur, steps[i]->kind, steps[i]->loc, steps[i]->func, steps[i]->msg,
                      steps[i]->state);
        cur->cond = steps[i]->cond;
        cur->callee = steps[i]->callee;
        cur->aux = steps[i]->aux;
        cur->taken = steps[i]->taken;
    }
    free(steps);
    return cur;
}

/* "registered" for a one-variable enum rule; "s=registered, n=2" else; per
 * watched object "lock _ADAPTER.Lock: locked". */
static const char *state_string(Engine *e, const State *s, int initial, const State *other);

const char *tr_state_string(Engine *e, const State *s)
{
    return state_string(e, s, 0, s);
}

const char *tr_change_string(Engine *e, const State *s, const State *other)
{
    return state_string(e, s, 0, other);
}

/* Is obj's instance in s in the rule's initial state (or absent)? */
static int at_initial(const Engine *e, const State *s, int32_t obj)
{
    const Rule *r = e->rule;
    for (int i = 0; i < s->ninst; i++) {
        if (s->inst[i].obj != obj)
            continue;
        for (int k = 0; k < r->nvars; k++) {
            int64_t c;
            if (!av_is_const(&s->inst[i].vars[k], &c) || c != r->vars[k].init)
                return 0;
        }
        return 1;
    }
    return 1;
}

/* s's objects as they are before the rule's events touch them. */
const char *tr_initial_change(Engine *e, const State *s, const State *other)
{
    return state_string(e, s, 1, other);
}

/* snprintf(buf + len, size - len, "%s", str) for len < size, as len plus
 * what it returns: str's length whether or not all of it fitted (a state
 * string per state change: snprintf was half of trace.c's cost). */
static int put(char *buf, int size, int len, const char *str)
{
    size_t n = strlen(str);
    if (len < size) {
        size_t room = (size_t)(size - len - 1), w = n < room ? n : room;
        memcpy(buf + len, str, w);
        buf[len + (int)w] = 0;
    }
    return len + (int)n;
}

/* An object of a record a cursor walks stays in the state in its initial
 * state (cursors.c); it is left out where it is so in s and other too. */
static const char *state_string(Engine *e, const State *s, int initial, const State *other)
{
    const Rule *r = e->rule;
    char buf[512];
    int len = 0;
    buf[0] = 0;
    int shown = 0;
    for (int i = 0; i < s->ninst && len < (int)sizeof buf - 64; i++) {
        const Inst *in = &s->inst[i];
        if (in->obj && cur_record_key(e, in->obj) && at_initial(e, s, in->obj) &&
            at_initial(e, other, in->obj))
            continue;
        if (in->obj) {
            len = put(buf, (int)sizeof buf, len, shown ? "; " : "");
            len = put(buf, (int)sizeof buf, len, key_name(e, in->obj));
            len = put(buf, (int)sizeof buf, len, ": ");
        }
        shown++;
        for (int k = 0; k < r->nvars && len < (int)sizeof buf - 64; k++) {
            char vb[64], nb[96];
            int64_t c;
            const char *v;
            if (initial)
                v = rule_value_name(r, k, r->vars[k].init, nb, sizeof nb);
            else if (av_is_const(&in->vars[k], &c))
                v = rule_value_name(r, k, c, nb, sizeof nb);
            else {
                av_format(&in->vars[k], vb, sizeof vb);
                v = vb;
            }
            if (r->nvars == 1) {
                len = put(buf, (int)sizeof buf, len, v);
            } else {
                len = put(buf, (int)sizeof buf, len, k ? ", " : "");
                len = put(buf, (int)sizeof buf, len, r->vars[k].name);
                len = put(buf, (int)sizeof buf, len, "=");
                len = put(buf, (int)sizeof buf, len, v);
            }
        }
    }
    if (len >= (int)sizeof buf)
        len = (int)sizeof buf - 1;
    return arena_strndup(e->arena, buf, (size_t)len);
}

static char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int same_step(const Trace *a, const Trace *b)
{
    return a->kind == b->kind && a->kind == TS_BRANCH && a->loc.line == b->loc.line &&
           a->loc.col == b->loc.col && a->loc.file == b->loc.file && a->cond == b->cond &&
           a->taken == b->taken && (a->msg == b->msg || (a->msg && b->msg && !strcmp(a->msg, b->msg)));
}

/* A note that `count` steps of the path are left out, at step `at`. */
static void gap_note(Defect *d, const Trace *at, int count, int earlier)
{
    TraceStep *ts = defect_add_step(d);
    ts->kind = TS_NOTE;
    ts->file = xstrdup(at->loc.file);
    ts->line = at->loc.line;
    ts->col = at->loc.col;
    ts->function = xstrdup(at->func);
    size_t len = 96;
    ts->message = malloc(len);
    if (!ts->message)
        abort();
    if (count == 1)
        snprintf(ts->message, len, earlier ? "1 earlier step of this path is left out"
                                           : "1 step of this path is left out here");
    else
        snprintf(ts->message, len, earlier ? "%d earlier steps of this path are left out"
                                           : "%d steps of this path are left out here", count);
}

/* The trace of t, then the violation, as the Defect's steps.  A path
 * longer than the cap keeps every step that is not a branch (the callbacks
 * entered, calls, the rule's events and state changes: what a reader needs
 * to follow it) and as many of its most recent branches as the cap leaves
 * room for; the branches left out are counted where they were.  Before,
 * its most recent steps only: behind 1,000 branches in one function the
 * trace lost its entry points and the registration (blind round 10).  At
 * most TRACE_WALK times the cap is looked at: older steps are left out,
 * counted. */
static void fill_trace(Engine *e, Defect *d, Trace *t, Loc at, const char *func,
                       const char *message, const char *state)
{
    long left = TRACE_BUDGET - e->trace_steps;
    int cap = left > TRACE_MAX ? TRACE_MAX : left > TRACE_MIN ? (int)left : TRACE_MIN;
    int all = t ? t->depth : 0, walk = 0;
    long walk_max = (long)cap * TRACE_WALK;
    for (Trace *p = t; p && walk < walk_max; p = p->parent)
        walk++;
    Trace **path = malloc(sizeof *path * (size_t)(walk ? walk : 1));
    if (!path)
        abort();
    int i = walk;
    for (Trace *p = t; p && i > 0; p = p->parent)
        path[--i] = p;
    /* which to keep: all when they fit; else the other steps (the most
     * recent cap of them), then the most recent branches */
    unsigned char *keep = malloc((size_t)(walk ? walk : 1));
    if (!keep)
        abort();
    int n = 0;
    if (walk <= cap) {
        memset(keep, 1, (size_t)walk);
        n = walk;
    } else {
        memset(keep, 0, (size_t)walk);
        for (i = walk - 1; i >= 0 && n < cap; i--)
            if (path[i]->kind != TS_BRANCH)
                keep[i] = 1, n++;
        for (i = walk - 1; i >= 0 && n < cap; i--)
            if (path[i]->kind == TS_BRANCH)
                keep[i] = 1, n++;
    }
    Trace **steps = malloc(sizeof *steps * (size_t)(n ? n : 1));
    int *gap = malloc(sizeof *gap * (size_t)(n ? n : 1));  /* steps left out just before */
    if (!steps || !gap)
        abort();
    int before = all - walk, k = 0;
    for (i = 0; i < walk; i++) {
        if (!keep[i]) {
            before++;
            continue;
        }
        gap[k] = before;
        steps[k++] = path[i];
        before = 0;
    }
    free(keep);
    free(path);
    free(d->entry_point);
    d->entry_point = NULL;
    for (i = 0; i < n; i++) {
        if (gap[i])                           /* the first: the oldest ones too */
            gap_note(d, steps[i], gap[i], i == 0 && all > walk);
        if (steps[i]->kind == TS_ENTRY) {     /* the last callback entered: the violation's */
            free(d->entry_point);
            d->entry_point = xstrdup(steps[i]->func);
        }
        /* a loop's iterations repeat the same step: show it once, counted */
        int rep = 1;
        while (i + rep < n && !gap[i + rep] && same_step(steps[i], steps[i + rep]))
            rep++;
        TraceStep *ts = defect_add_step(d);
        ts->kind = steps[i]->kind;
        ts->file = xstrdup(steps[i]->loc.file);
        ts->line = steps[i]->loc.line;
        ts->col = steps[i]->loc.col;
        ts->function = xstrdup(steps[i]->func);
        const char *msg = step_message(e, steps[i]);
        if (rep > 1) {
            size_t len = strlen(msg) + 32;
            ts->message = malloc(len);
            snprintf(ts->message, len, "%s (%d times)", msg, rep);
        } else {
            ts->message = xstrdup(msg);
        }
        ts->state = xstrdup(steps[i]->state);
        i += rep - 1;
    }
    free(steps);
    free(gap);
    TraceStep *last = defect_add_step(d);
    last->kind = TS_VIOLATION;
    last->file = xstrdup(at.file);
    last->line = at.line;
    last->col = at.col;
    last->function = xstrdup(func);
    last->message = xstrdup(message);
    last->state = state && state[0] ? xstrdup(state) : NULL;   /* the rule's state there */
    e->trace_steps += d->ntrace;
}

static void clear_trace(Defect *d)
{
    for (int i = 0; i < d->ntrace; i++) {
        free(d->trace[i].file);
        free(d->trace[i].function);
        free(d->trace[i].message);
        free(d->trace[i].state);
    }
    d->ntrace = 0;
}

/* Report a defect at `at` (once per rule and location) with the trace of
 * s; remember whether that trace came through a join, and replace it if a
 * later path to the same site came through none. */
void tr_report(Engine *e, const State *s, Loc at, const char *func, const char *message)
{
    char site[1024];
    snprintf(site, sizeof site, "%s:%d:%d", at.file ? at.file : "", at.line, at.col);
    if (e->probe || e->capture) {
        eng_probe_hit(e, site, message);
        return;
    }
    if (getenv("DRVCHECK_DEBUG_FACTS")) {     /* the state a defect is reported in */
        fprintf(stderr, "defect %s approx %d lost %d:", site, s->approx, s->nlost);
        for (int i = 0; i < s->nlost; i++)
            fprintf(stderr, " ~%s", key_name(e, s->lost[i]));
        for (int i = 0; i < s->nfacts; i++) {
            char vb[96];
            av_format(st_fval(e, &s->facts[i]), vb, sizeof vb);
            fprintf(stderr, " %s=%s", key_name(e, s->facts[i].key), vb);
        }
        fputc('\n', stderr);
    }
    for (int i = 0; i < e->nsites; i++) {
        Site *st = &e->sites[i];
        if (strcmp(st->where, site) != 0)
            continue;
        if (st->approx && !s->approx) {   /* a path that came through no join: show it */
            Defect *d = &e->rep->defects[st->defect];
            e->trace_steps -= d->ntrace;
            clear_trace(d);
            fill_trace(e, d, s->trace, at, func, message, tr_state_string(e, s));
            st->approx = 0;
            site_exact(e, site);
        }
        return;
    }
    if (e->nsites == e->capsites) {
        e->capsites = e->capsites ? e->capsites * 2 : 16;
        e->sites = realloc(e->sites, sizeof *e->sites * (size_t)e->capsites);
        if (!e->sites)
            abort();
    }
    e->sites[e->nsites++] = (Site){strdup(site), e->rep->ndefects, s->approx};
    e->ndefects++;

    Defect *d = report_add_defect(e->rep);
    d->rule = xstrdup(e->rule->name);
    d->message = xstrdup(message);
    d->severity = xstrdup("error");
    d->file = xstrdup(at.file);
    d->line = at.line;
    d->col = at.col;
    d->function = xstrdup(func);
    d->driver = xstrdup(e->prog->drv->name);
    fill_trace(e, d, s->trace, at, func, message, tr_state_string(e, s));
    if (!s->approx)
        site_exact(e, site);
}

/* A trace that came through a join (outside loop heads): say so just
 * before the violation, and report the defect as a warning (possible:
 * no exact path shows it) rather than an error. */
void tr_note_approx(Engine *e)
{
    for (int i = 0; i < e->nsites; i++) {
        if (!e->sites[i].approx)
            continue;
        Defect *d = &e->rep->defects[e->sites[i].defect];
        if (d->ntrace < 1)
            continue;
        free(d->severity);          /* a possible defect: no exact path shows it */
        d->severity = xstrdup("warning");
        TraceStep v = d->trace[d->ntrace - 1];
        TraceStep *n = defect_add_step(d);          /* may move d->trace */
        n = &d->trace[d->ntrace - 2];
        d->trace[d->ntrace - 1] = v;
        memset(n, 0, sizeof *n);
        n->kind = TS_NOTE;
        n->file = xstrdup(v.file);
        n->line = v.line;
        n->col = v.col;
        n->function = xstrdup(v.function);
        n->message = xstrdup(e->sites[i].approx & APPROX_MERGED
                             ? "paths were merged on the way here (the analysis joined their "
                               "values): the steps above may not all lie on one real path"
                             : e->sites[i].approx & APPROX_CONFIG
                             ? "the argument comes from the driver's configuration (a registry "
                               "value read with NdisReadConfiguration) and nothing on this path "
                               "keeps it within the rule: a value set there breaks it"
                             : "the argument's value is known only as a range the driver bounds "
                               "(by a clamp or a test), and part of that range breaks the rule");
    }
}
