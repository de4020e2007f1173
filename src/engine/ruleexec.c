/* ruleexec.c - running a rule's event blocks on an abstract state.
 *
 * An event block runs when the driver calls an API the rule names (at the
 * call's entry or exit) or when NDIS calls a callback with the role it
 * names.  Conditions are three-valued: a condition over $return or a state
 * variable that the state does not decide splits the state in two, each
 * refined by its outcome (the API may return success or failure);  a
 * condition the engine cannot decide because an argument's value is
 * unknown is taken as false: drvcheck reports what it can show.
 * `abort` reports a defect and the path goes on; `halt` drops the path. */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

typedef struct RCtx {
    Engine *e;
    const EventCtx *ev;
    int ii;                  /* instance index the block acts on */
    int32_t obj;             /* its object, for a guarded block; else 0 */
    int fresh;               /* the instance was made for this event (it was in its initial
                                state, or never seen) */
    int weak;                /* the event may act on another element than the instance's
                                (cursors.c): its aborts are not reported */
} RCtx;

static int mentions_arg(const RExpr *x)
{
    if (!x)
        return 0;
    if (x->kind == RX_ARG)
        return 1;
    return mentions_arg(x->a) || mentions_arg(x->b) || mentions_arg(x->c);
}

/* The value of argument n (1-based) of the event's function. */
/* v as an unsigned parameter of w bits sees it: a negative range moves up
 * by 2^w (`Zero - 1` is 0xFFFFFFFF to a ULONG).  One across 0 stays as it
 * is: an unsigned value's lower bound is often unknown here, and its upper
 * one is what args_bounded asks for. */
static AbsVal as_unsigned(AbsVal v, int w)
{
    if (w <= 0 || w >= 64 || v.lo >= 0)
        return v;
    int64_t m = (int64_t)1 << w;
    if (v.hi < 0 && v.lo >= -m) {
        AbsVal u = av_range(v.lo + m, v.hi + m);
        u.origin = v.origin;
        return u;
    }
    return v;
}

static AbsVal arg_value(Engine *e, const EventCtx *ev, int n)
{
    if (ev->call) {
        if (n < 1 || n > ev->call->nargs)
            return av_top();
        const Expr *x = ev->call->args[n - 1];
        return as_unsigned(ev_expr(e, ev->caller, x), x->uwidth);
    }
    if (ev->callee && n >= 1 && n <= ev->callee->nparams && ev->caller) {
        int32_t k = key_intern(e, ev->callee->params[n - 1].name, 0);
        const AbsVal *v = st_get(e, ev->caller, k);
        return v ? *v : av_top();
    }
    return av_top();
}

/* Is every argument x reads bounded above by a constant (a range the
 * driver's own code made: min(Delay, 100), an if that clamps), not merely
 * unknown?  (The limits rules put on arguments are upper ones: a stall.) */
static int args_bounded(const RCtx *c, const State *s, const RExpr *x)
{
    if (!x)
        return 1;
    if (x->kind == RX_ARG) {
        AbsVal v = arg_value(c->e, c->ev, x->index);
        /* an upper bound below the widening thresholds (the 32- and 64-bit
         * limits, which mean unknown) comes from the driver's own constants;
         * the lower one of an unsigned value is often unknown here */
        return v.hi < INT32_MAX;
    }
    return args_bounded(c, s, x->a) && args_bounded(c, s, x->b) && args_bounded(c, s, x->c);
}

/* Does x read an argument the driver's configuration may set (a registry
 * value: AbsVal.origin ORIGIN_CONFIG)? */
static int args_config(const RCtx *c, const RExpr *x)
{
    if (!x)
        return 0;
    if (x->kind == RX_ARG) {
        /* unbounded as read: a value widened to a threshold (INT32_MAX) went
         * through a test or a clamp the analysis lost (min() of a ULONG) */
        AbsVal v = arg_value(c->e, c->ev, x->index);
        return v.origin == ORIGIN_CONFIG && v.hi == INT64_MAX;
    }
    return args_config(c, x->a) || args_config(c, x->b) || args_config(c, x->c);
}

static AbsVal reval(const RCtx *c, const State *s, const RExpr *x)
{
    if (!x)
        return av_top();
    switch (x->kind) {
    case RX_INT:
        return av_const(x->ival);
    case RX_VAR:
        if (c->ii < s->ninst && x->index >= 0 && x->index < c->e->rule->nvars)
            return s->inst[c->ii].vars[x->index];
        return av_top();
    case RX_RETURN:
        return *st_ret(c->e, s);
    case RX_ARG:
        return arg_value(c->e, c->ev, x->index);
    case RX_UNOP: {
        AbsVal a = reval(c, s, x->a);
        return av_unop(x->op, &a);
    }
    case RX_BINOP: {
        AbsVal a = reval(c, s, x->a);
        AbsVal b = reval(c, s, x->b);
        return av_binop(x->op, &a, &b);
    }
    case RX_COND: {
        AbsVal k = reval(c, s, x->a);
        int t = av_truth(&k);
        if (t == 1)
            return reval(c, s, x->b);
        if (t == 0)
            return reval(c, s, x->c);
        AbsVal b = reval(c, s, x->b), d = reval(c, s, x->c);
        return av_join(&b, &d);
    }
    case RX_EXTERN:
        return av_top();
    }
    return av_top();
}

/* Refine the slot a refinable rule expression names ($return or a
 * variable) of s, a fresh copy, by assuming `slot op rhs`; 0 if that is
 * impossible.  A slot s does not have is left alone. */
static int assume_slot(const RCtx *c, State *s, const RExpr *x, OpKind op, const AbsVal *rhs)
{
    if (x->kind == RX_RETURN) {
        AbsVal v = *st_ret(c->e, s);
        if (!av_assume(&v, op, rhs))
            return 0;
        st_set_ret(c->e, s, v);
        return 1;
    }
    if (x->kind == RX_VAR && c->ii < s->ninst) {
        st_own_inst(c->e, s);
        return av_assume(&s->inst[c->ii].vars[x->index], op, rhs);
    }
    return 1;
}

static int refinable(const RExpr *x)
{
    return x && (x->kind == RX_RETURN || x->kind == RX_VAR);
}

/* s assuming x has truth `truth`: a fresh copy, or NULL if impossible. */
static State *rassume(const RCtx *c, const State *s, const RExpr *x, int truth)
{
    AbsVal whole = reval(c, s, x);
    int t = av_truth(&whole);
    if (t >= 0)
        return t == truth ? st_copy(c->e, s) : NULL;
    switch (x->kind) {
    case RX_RETURN:
    case RX_VAR: {
        State *n = st_copy(c->e, s);
        AbsVal zero = av_const(0);
        if (!assume_slot(c, n, x, truth ? OP_NE : OP_EQ, &zero))
            return NULL;
        return n;
    }
    case RX_UNOP:
        if (x->op == OP_NOT)
            return rassume(c, s, x->a, !truth);
        return st_copy(c->e, s);
    case RX_BINOP:
        switch (x->op) {
        case OP_LAND:
            if (truth) {
                State *a = rassume(c, s, x->a, 1);
                return a ? rassume(c, a, x->b, 1) : NULL;
            }
            return st_copy(c->e, s);
        case OP_LOR:
            if (!truth) {
                State *a = rassume(c, s, x->a, 0);
                return a ? rassume(c, a, x->b, 0) : NULL;
            }
            return st_copy(c->e, s);
        case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE: {
            OpKind op = truth ? x->op : op_negate(x->op);
            State *n = st_copy(c->e, s);
            if (refinable(x->a)) {
                AbsVal rv = reval(c, n, x->b);
                if (!assume_slot(c, n, x->a, op, &rv))
                    return NULL;
            }
            if (refinable(x->b)) {
                AbsVal lv = reval(c, n, x->a);
                if (!assume_slot(c, n, x->b, op_swap(op), &lv))
                    return NULL;
            }
            return n;
        }
        default:
            return st_copy(c->e, s);
        }
    default:
        return st_copy(c->e, s);
    }
}

static const char *expand_fname(Engine *e, const char *msg, const char *fname)
{
    if (!msg)
        return "rule violation";
    const char *p = strstr(msg, "$fname");
    if (!p)
        return msg;
    size_t n = strlen(msg) + strlen(fname ? fname : "") + 1;
    char *out = arena_alloc(e->arena, n);
    char *w = out;
    for (const char *q = msg; *q;) {
        if (strncmp(q, "$fname", 6) == 0) {
            size_t l = strlen(fname ? fname : "");
            memcpy(w, fname ? fname : "", l);
            w += l;
            q += 6;
        } else {
            *w++ = *q++;
        }
    }
    *w = 0;
    return out;
}

/* "<known OBJ>": this orphan root's path has acted on OBJ, so its state
 * (also the initial one it went back to) is the path's own. */
static int32_t known_key(Engine *e, int32_t obj)
{
    char buf[600];
    snprintf(buf, sizeof buf, "<known %s>", key_name(e, obj));
    int32_t k = key_intern(e, buf, 1);
    key_set_relevant(e, k);
    return k;
}

static int orphan_knows(Engine *e, const State *s, int32_t obj)
{
    int64_t c;
    const AbsVal *v = obj ? st_get(e, s, known_key(e, obj)) : NULL;
    return v && av_is_const(v, &c) && c == 1;
}

static void orphan_touched(Engine *e, StateVec *out, int from, int32_t obj)
{
    AbsVal one = av_const(1);
    int32_t k = known_key(e, obj);
    for (int i = from; i < out->n; i++) {
        if (orphan_knows(e, out->v[i], obj))
            continue;
        State *n = st_copy(e, out->v[i]);
        st_set(e, n, k, &one);
        out->v[i] = n;
    }
}

static void exec(const RCtx *c, const RStmt *st, State *s, StateVec *out)
{
    Engine *e = c->e;
    switch (st->kind) {
    case RS_BLOCK: {
        StateVec cur = {0};
        sv_push(e, &cur, s);
        for (int i = 0; i < st->nstmts; i++) {
            StateVec next = {0};
            for (int k = 0; k < cur.n; k++)
                exec(c, st->stmts[i], cur.v[k], &next);
            sv_release(e, &cur);
            cur = next;
        }
        for (int k = 0; k < cur.n; k++)
            sv_push(e, out, cur.v[k]);
        sv_release(e, &cur);
        return;
    }
    case RS_IF: {
        AbsVal v = reval(c, s, st->cond);
        int t = av_truth(&v);
        int bounded = t < 0 && mentions_arg(st->cond) && args_bounded(c, s, st->cond);
        if (bounded || (t < 0 && mentions_arg(st->cond) && args_config(c, st->cond))) {
            /* the driver bounds the argument by a constant and the range
             * reaches into the condition (a stall of min(Registry, 100)
             * us), or the argument is a registry value nothing on the path
             * keeps within the condition (an administrator's 1000 us): a
             * possible defect, a warning */
            State *yes = rassume(c, s, st->cond, 1);
            if (yes) {
                if (yes == s)
                    yes = st_copy(e, s);
                yes->approx |= bounded ? APPROX_RANGE : APPROX_CONFIG;
                StateVec tmp = {0};       /* reported; the path goes on as if false */
                exec(c, st->then_s, yes, &tmp);
                sv_release(e, &tmp);
            }
        }
        if (t < 0 && mentions_arg(st->cond)) {
            /* a probe knows fewer arguments than the full run: where the
             * full run could take the way to an abort, it might report */
            if (e->probe && can_abort(st->then_s, NULL)) {
                eng_probe_hit(e, site_name(e->arena, c->ev->loc), "an argument it does not know");
                if (!e->local)
                    return;
            }      /* a local run goes on as the full run does */
            t = 0;
        }
        if (t == 1) {
            exec(c, st->then_s, s, out);
        } else if (t == 0) {
            if (st->else_s)
                exec(c, st->else_s, s, out);
            else
                sv_push(e, out, s);
        } else {
            State *yes = rassume(c, s, st->cond, 1);
            State *no = rassume(c, s, st->cond, 0);
            if (yes)
                exec(c, st->then_s, yes, out);
            if (no) {
                if (st->else_s)
                    exec(c, st->else_s, no, out);
                else
                    sv_push(e, out, no);
            }
        }
        return;
    }
    case RS_ASSIGN: {
        AbsVal v = reval(c, s, st->value);
        State *n = st_copy(e, s);
        st_own_inst(e, n);
        if (c->ii < n->ninst && st->var >= 0 && st->var < e->rule->nvars)
            n->inst[c->ii].vars[st->var] = v;
        sv_push(e, out, n);
        return;
    }
    case RS_ABORT:
        if (c->weak) {           /* maybe another element, in a state not known */
            sv_push(e, out, s);
            return;
        }
        /* a root no entry point reaches starts knowing nothing of its
         * callers: an object this path has not touched is in a state the
         * caller chose (an unlock wrapper releases the lock its caller
         * took), so what rests on its initial state is not reported */
        if (e->orphan_run && c->fresh && !orphan_knows(e, s, c->obj)) {
            sv_push(e, out, s);
            return;
        }
        tr_report(e, s, c->ev->loc, c->ev->func, expand_fname(e, st->message, c->ev->fname));
        sv_push(e, out, s);
        return;
    case RS_HALT:
        /* the path ends, but where an abort would not be reported: the
         * event may have acted on another element (weak), or on an object
         * in a state the caller of an unreached root chose */
        if (c->weak || (e->orphan_run && c->fresh && !orphan_knows(e, s, c->obj)))
            sv_push(e, out, s);
        return;
    }
}

static int target_matches(const RuleTarget *t, const char *api, RoleKind role)
{
    if (t->kind == TGT_ROLE)
        return role != ROLE_NONE && t->role == (int)role;
    return api && t->name && strcmp(t->name, api) == 0;
}

static int event_matches(const RuleEvent *ev, const char *api, RoleKind role, EvWhen when)
{
    if (ev->when != when)
        return 0;
    for (int i = 0; i < ev->ntargets; i++)
        if (target_matches(&ev->targets[i], api, role))
            return 1;
    return 0;
}

int rx_rule_mentions_api(const Rule *r, const char *api)
{
    for (int i = 0; i < r->nevents; i++)
        for (int k = 0; k < r->events[i].ntargets; k++)
            if (target_matches(&r->events[i].targets[k], api, ROLE_NONE))
                return 1;
    return r->has_watch && target_matches(&r->watch_target, api, ROLE_NONE);
}

int rx_rule_mentions_role(const Rule *r, RoleKind role)
{
    for (int i = 0; i < r->nevents; i++)
        for (int k = 0; k < r->events[i].ntargets; k++)
            if (target_matches(&r->events[i].targets[k], NULL, role))
                return 1;
    return r->has_watch && target_matches(&r->watch_target, NULL, role);
}

/* Some element of an array (a[].Lock), or one named only by a variable
 * index whose value the path knows (a[i].Lock, i == 2: eval.c elem_key)
 * and by no literal index anywhere: an object of a rule is not tracked by
 * such a key.  A loop over an unknown count (lock every queue, then
 * unlock every queue) keeps its elements' states apart only while it
 * knows the counter, and its joins lose how the two loops' counts relate;
 * tracked, the elements gave false double-acquire and not-held reports. */
static int is_array_key(Engine *e, int32_t k)
{
    if (!k)
        return 0;
    for (int32_t a = k; a > 0 && a >= e->nbase_keys; a = key_parent(e, a)) {
        const char *n = key_name(e, a);
        size_t len = strlen(n);
        if (len > 2 && n[len - 1] == ']' && n[len - 2] != '[')
            return 1;           /* a[2], interned by no path of the driver */
    }
    return strstr(key_name(e, k), "[]") != NULL;
}

/* &p->Field where p points into an array (p = &a[i]): members of different
 * elements share one key, so the object cannot be told apart: 1; or where p
 * points to one of several objects (a join): 2; else 0. */
static int through_array_element(Engine *e, const State *s, const Expr *path)
{
    int32_t rk = path->base_key ? key_find_at(e, path->base_key) : 0;
    const AbsVal *v = rk && s ? st_get(e, s, rk) : NULL;
    if (!v)
        return 0;
    return v->pointee < 0 ? 2 : is_array_key(e, v->pointee);
}

enum { OBJ_APART = 0, OBJ_NAME_ONLY = -1, OBJ_JOINED = -2 };

/* An element at an index the path knows (`&A->RxQueue[q].Lock`, q == 1:
 * "_ADAPTER.RxQueue[1].Lock", eval.c elem_key), no "some element" in its
 * key: told apart from its siblings.  A DPC that takes each queue's lock in
 * a bounded loop and breaks out holding one was a silent Pass (blind round
 * 9). */
static int known_element(Engine *e, int32_t k)
{
    return k > 0 && is_array_key(e, k) && !strstr(key_name(e, k), "[]");
}

/* k as an object: itself, unless an array element not told apart. */
static int32_t object_key(Engine *e, int32_t k)
{
    return !is_array_key(e, k) || known_element(e, k) ? k : OBJ_APART;
}

/* The object an argument designates by itself: its key; OBJ_APART when it
 * cannot be told apart from others of its kind (an array element),
 * OBJ_JOINED when the argument points to one of several objects (paths
 * were joined), OBJ_NAME_ONLY when only the argument's own name is left. */
static int32_t object_named(Engine *e, const EventCtx *ev, int n)
{
    const Expr *x = ev->call && n >= 1 && n <= ev->call->nargs ? ev->call->args[n - 1] : NULL;
    int through = x && x->kind == EX_ADDR && x->a && x->a->kind == EX_PATH
                      ? through_array_element(e, ev->caller, x->a) : 0;
    if (through == 1) {       /* an element a cursor walks (cursors.c): one object */
        int32_t k = ev_key_in(e, ev->caller, x->a);
        if (cur_record_key(e, k) || known_element(e, k))
            return k;
    }
    if (through)
        return through == 2 ? OBJ_JOINED : OBJ_APART;
    AbsVal v = arg_value(e, ev, n);
    if (v.pointee < 0)
        return OBJ_JOINED;
    if (v.pointee && is_array_key(e, v.pointee) && x && x->kind == EX_ADDR && x->a &&
        x->a->kind == EX_PATH) {
        int32_t k = ev_key_in(e, ev->caller, x->a);   /* &a[i].Lock: the index it knows */
        return known_element(e, k) ? k : OBJ_APART;
    }
    if (v.pointee)
        return object_key(e, v.pointee);
    if (x && x->kind == EX_ADDR && x->a && x->a->kind == EX_PATH) {
        return object_key(e, ev_key_in(e, ev->caller, x->a));
    }
    return OBJ_NAME_ONLY;
}

/* The object an argument designates, for watch / guard; 0 when it cannot
 * be told apart from others of its kind (an array element, one of several
 * objects).  An object a probe cannot name by its key (a pointer whose
 * target it does not know, or knows only as one of several), the full run
 * might: the probe stops there (eng_probe_hit).  An array element is one
 * in the full run too. */
static int32_t object_of(Engine *e, const EventCtx *ev, int n)
{
    int32_t k = object_named(e, ev, n);

    if (k >= 0)
        return k;
    if (e->probe) {
        eng_probe_hit(e, ev->func, "an object it cannot name");
        return 0;
    }
    if (k == OBJ_JOINED)          /* one of several objects: not told apart */
        return 0;
    const Expr *x = ev->call && n >= 1 && n <= ev->call->nargs ? ev->call->args[n - 1] : NULL;
    if (x && x->kind == EX_PATH && x->key) {
        char buf[512];
        snprintf(buf, sizeof buf, "*%s", x->key);
        return key_intern(e, buf, 1);
    }
    return key_intern(e, "<unknown object>", 1);
}

/* Index of the instance for obj in s, creating it (initial values) in a
 * copy when absent; *sp may be replaced by that copy. */
static int instance(Engine *e, State **sp, int32_t obj)
{
    State *s = *sp;
    for (int i = 0; i < s->ninst; i++)
        if (s->inst[i].obj == obj)
            return i;
    State *n = st_copy(e, s);
    st_own_inst(e, n);
    const Rule *r = e->rule;
    Inst *ni = arena_alloc(e->arena, sizeof *ni * (size_t)(n->ninst + 1));
    int at = 0;
    while (at < n->ninst && n->inst[at].obj < obj)
        at++;
    if (at > 0)
        memcpy(ni, n->inst, sizeof *ni * (size_t)at);
    if (n->ninst > at)
        memcpy(ni + at + 1, n->inst + at, sizeof *ni * (size_t)(n->ninst - at));
    ni[at].obj = obj;
    ni[at].weak = 0;
    ni[at].vars = arena_alloc(e->arena, sizeof(AbsVal) * (size_t)(r->nvars ? r->nvars : 1));
    for (int k = 0; k < r->nvars; k++)
        ni[at].vars[k] = av_const(r->vars[k].init);
    n->inst = ni;
    n->ninst++;
    *sp = n;
    return at;
}

/* s, or a copy in which obj's instance is no longer weak (nor blurred). */
static State *strong_again(Engine *e, State *s, int32_t obj)
{
    for (int i = 0; i < s->ninst; i++)
        if (s->inst[i].obj == obj && (s->inst[i].weak & (INST_WEAK | INST_BLUR))) {
            State *n = st_copy(e, s);
            st_own_inst(e, n);
            n->inst[i].weak &= (uint8_t)~(INST_WEAK | INST_BLUR);
            return n;
        }
    return s;
}

/* s, or a copy in which every array element's instance is blurred: an
 * event at an index not known (a lock loop whose counter widened) may have
 * acted on any of them, so what they say is no longer reported on. */
static State *blur_elements(Engine *e, State *s)
{
    State *n = s;
    for (int i = 0; i < s->ninst; i++)
        if (!(s->inst[i].weak & INST_BLUR) && known_element(e, s->inst[i].obj)) {
            if (n == s) {
                n = st_copy(e, s);
                st_own_inst(e, n);
            }
            n->inst[i].weak |= INST_BLUR;
        }
    return n;
}

static void run_block(Engine *e, const RuleEvent *ev, State *s, const EventCtx *ctx, StateVec *out)
{
    const Rule *r = e->rule;
    if (ev->guard_arg > 0) {
        int32_t obj = object_of(e, ctx, ev->guard_arg);
        if (!obj) {          /* an object we cannot tell apart: not tracked */
            sv_push(e, out, blur_elements(e, s));
            return;
        }
        int had = s->ninst;
        int ii = instance(e, &s, obj);
        /* an element never seen on this path may be in any state (an
         * earlier event at an unknown index, a loop whose count the joins
         * lost): nothing rests on its initial state */
        int weak = (s->inst[ii].weak & (INST_WEAK | INST_BLUR)) ||
                   (s->ninst > had && known_element(e, obj));
        RCtx c = {e, ctx, ii, obj, s->ninst > had, weak};
        int from = out->n;
        exec(&c, ev->body, s, out);
        if (weak)                /* the instance is the element the event acted on */
            for (int k = from; k < out->n; k++)
                out->v[k] = strong_again(e, out->v[k], obj);
        if (e->orphan_run)
            orphan_touched(e, out, from, obj);
        return;
    }
    if (!r->has_watch) {
        RCtx c = {e, ctx, 0, 0, 0, 0};
        exec(&c, ev->body, s, out);
        return;
    }
    /* every live instance in turn */
    StateVec cur = {0};
    sv_push(e, &cur, s);
    for (int ii = 0; ii < s->ninst; ii++) {
        StateVec next = {0};
        RCtx c = {e, ctx, ii, s->inst[ii].obj, 0, (s->inst[ii].weak & INST_BLUR) != 0};
        for (int k = 0; k < cur.n; k++)
            exec(&c, ev->body, cur.v[k], &next);
        sv_release(e, &cur);
        cur = next;
    }
    for (int k = 0; k < cur.n; k++)
        sv_push(e, out, cur.v[k]);
    sv_release(e, &cur);
}

/* A watched object whose machine is back in its initial state is the same
 * as one never seen (a guarded event recreates it as it was): dropping it
 * keeps states that differ only in forgotten objects equal. */
int rx_inst_initial(const Rule *r, const Inst *in)
{
    for (int k = 0; k < r->nvars; k++) {
        int64_t c;
        if (!av_is_const(&in->vars[k], &c) || c != r->vars[k].init)
            return 0;
    }
    return 1;
}

/* An instance not in its initial state is kept; so is one of an object a
 * cursor walks once a cursor moved while it was held (INST_SPREAD,
 * cursors.c): the element after it may be one the path left in another
 * state, which the next cursor move marks.  One that only ever went back
 * to its initial state within an element's turn (rtlnwifi takes and drops
 * each BSS entry's lock in a helper) is dropped like any other: keeping
 * those tripled rtlnwifi's spin-lock states for nothing a rule could see. */
static int kept(Engine *e, const Inst *in)
{
    return !rx_inst_initial(e->rule, in) || (in->weak & INST_SPREAD);
}

static State *drop_initial_instances(Engine *e, State *s)
{
    int keep = 0;
    for (int i = 0; i < s->ninst; i++)
        keep += kept(e, &s->inst[i]);
    if (keep == s->ninst)
        return s;
    State *n = st_copy(e, s);
    st_own_inst(e, n);
    int w = 0;
    for (int i = 0; i < n->ninst; i++)
        if (kept(e, &n->inst[i]))
            n->inst[w++] = n->inst[i];
    n->ninst = w;
    return n;
}

int rx_fire(Engine *e, State *s, const char *api, RoleKind role, EvWhen when,
            const EventCtx *ctx, StateVec *out)
{
    const Rule *r = e->rule;
    int fired = 0;
    if (r->has_watch && r->watch_when == when && target_matches(&r->watch_target, api, role)) {
        int32_t obj = object_of(e, ctx, r->watch_arg);
        if (obj)
            instance(e, &s, obj);
        fired++;
    }
    StateVec cur = {0};
    sv_push(e, &cur, s);
    const State *was = NULL;          /* the rule's state before the events, if any ran */
    for (int i = 0; i < r->nevents; i++) {
        const RuleEvent *ev = &r->events[i];
        if (!event_matches(ev, api, role, when))
            continue;
        if (!was)
            was = s;
        fired++;
        StateVec next = {0};
        for (int k = 0; k < cur.n; k++)
            run_block(e, ev, cur.v[k], ctx, &next);
        sv_release(e, &cur);
        cur = next;
    }
    for (int k = 0; k < cur.n; k++) {
        State *n = cur.v[k];
        const State *full = n;      /* with the objects just back in their initial state */
        if (r->has_watch)
            n = drop_initial_instances(e, n);
        /* a state change is a trace step; the strings only when it may be one
         * ("_ADAPTER.Lock: locked -> _ADAPTER.Lock: unlocked") */
        if (was && !st_same_instances(e, was, n)) {
            const char *before = tr_change_string(e, was, full);
            const char *after = tr_change_string(e, full, was);
            if (strcmp(before, after) != 0) {
                if (n == s)
                    n = st_copy(e, s);
                n->trace = tr_state(e, n->trace, ctx->loc, ctx->func, ctx->fname, when == EV_ENTRY,
                                    before[0] ? before : tr_initial_change(e, full, was), after);
            }
        }
        sv_push(e, out, n);
    }
    sv_release(e, &cur);
    return fired;
}
