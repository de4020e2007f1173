/* echo.c - what a callee's tests of a parameter tell its caller.
 *
 * A parameter is a copy of the caller's argument.  When the callee tests it
 * and returns (`if (Lock == NULL) return;` in a lock wrapper), the exit
 * says what the argument held on that path; the caller did not learn it,
 * so a second wrapper called with the same argument could take the other
 * way: the acquire skipped for a NULL lock and the release done for a
 * non-NULL one, a release of a lock not held that no run of the driver
 * makes (SoftEther's NeoLock / NeoUnlock, SeLow's SlLock / SlUnlock).
 *
 * So the exits of a function keep the parameters it tests whole and never
 * writes, where a call passes a path the run tracks (liveness.c lv_echoes,
 * echo_wanted; such a parameter is never dropped as dead), and back in the
 * caller each such value
 * narrows the argument it was bound to, when the argument is a plain path
 * (a local, a global, a field: `Ctx->QueueLock`) that the callee, and what
 * it calls, cannot write (frames.c fr_writes): its value at the exit is
 * still the one the parameter copied.  An exit the narrowing contradicts
 * is no exit of this call. */
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

/* The parameters of fi this run hands back: those a call passes a path
 * the run tracks (a relevant key).  Elsewhere nothing would read what fi
 * learnt, and keeping the parameter live would only keep fi's states
 * apart.  Cached per function for the run. */
static int echo_wanted(Engine *e, int fi, const int32_t **keys)
{
    if (!e->echok) {
        e->echok = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->echok);
        e->nechok = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->nechok);
        if (!e->echok || !e->nechok)
            abort();
    }
    if (!e->echok[fi]) {
        const char *const *names;
        const char *const *const *args;
        int nn = lv_echoes(lv_of(e->prog, fi), &names, &args);
        int32_t *v = arena_alloc(e->arena, sizeof *v * (size_t)(nn + 1));
        int n = 0;
        for (int i = 0; i < nn; i++) {
            int32_t k = key_find(e, names[i]);
            if (!k || !key_relevant(e, k))
                continue;
            int want = 0;
            for (int a = 0; args[i] && args[i][a] && !want; a++) {
                int32_t ak = key_find_at(e, args[i][a]);
                want = ak && key_relevant(e, ak);
            }
            if (want && getenv("DRVCHECK_NO_ECHO"))      /* to measure what it costs */
                want = 0;
            if (want)
                v[n++] = k;
        }
        e->echok[fi] = v;
        e->nechok[fi] = n;
    }
    *keys = e->echok[fi];
    return e->nechok[fi];
}

int echo_kept(Engine *e, int fi, int32_t k)
{
    const int32_t *keys;
    int n = echo_wanted(e, fi, &keys);
    for (int i = 0; i < n; i++)
        if (keys[i] == k)
            return 1;
    return 0;
}

/* The keys fi's exits keep: its *param keys (out_keys) and the parameters
 * it hands back; cached per function for the run. */
int echo_exit_keys(Engine *e, int fi, const int32_t *outk, int noutk, const int32_t **keys)
{
    if (!e->exitk) {
        e->exitk = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->exitk);
        e->nexitk = calloc((size_t)e->prog->nfuncs + 1, sizeof *e->nexitk);
        if (!e->exitk || !e->nexitk)
            abort();
    }
    if (!e->exitk[fi]) {
        const int32_t *ek;
        int ne = echo_wanted(e, fi, &ek);
        int32_t *v = arena_alloc(e->arena, sizeof *v * (size_t)(noutk + ne + 1));
        int n = 0;
        for (int i = 0; i < noutk; i++)
            v[n++] = outk[i];
        for (int i = 0; i < ne; i++)
            v[n++] = ek[i];
        e->exitk[fi] = v;
        e->nexitk[fi] = n;
    }
    *keys = e->exitk[fi];
    return e->nexitk[fi];
}

static int param_index(const Func *f, const char *name)
{
    for (int j = 0; j < f->nparams; j++)
        if (f->params[j].name && strcmp(f->params[j].name, name) == 0)
            return j;
    return -1;
}

/* r is the caller's state after the call of fi at st (arguments from
 * args[first]), whose exit was x; before, the caller's state at the call.
 * r narrowed by what x says of the echoed parameters; NULL when that is
 * impossible. */
State *echo_back(Engine *e, int fi, const Step *st, int first, const State *before,
                 const State *x, State *r)
{
    const int32_t *ek;
    int nn = echo_wanted(e, fi, &ek);
    const Func *f = e->prog->funcs[fi].f;
    for (int i = 0; st && i < nn; i++) {
        int j = param_index(f, key_name(e, ek[i]));
        int a = first + j;
        if (j < 0 || a >= st->nargs)
            continue;
        const Expr *ax = st->args[a];
        if (!ax || ax->kind != EX_PATH || !ax->key || ax->is_record)
            continue;
        const AbsVal *pv = st_get(e, x, ek[i]);
        if (!pv || av_is_top(pv))
            continue;
        int32_t sk = ev_path_key(e, ax), ak = ev_key_in(e, before, ax);
        if (ak <= 0 || !key_relevant(e, ak))
            continue;
        if (key_persistent(e, ak) &&
            (fr_writes(e, e->frames, fi, ak) || (sk != ak && fr_writes(e, e->frames, fi, sk))))
            continue;             /* the callee may have changed it */
        const AbsVal *was = st_get(e, before, ak), *now = st_get(e, r, ak);
        AbsVal top = av_top();
        if (!was)
            was = &top;
        if (!now)
            now = &top;
        if (!av_equal(was, now))
            continue;
        AbsVal v = *now;
        if (!av_assume(&v, OP_EQ, pv))    /* its interval and the value it is not */
            return NULL;
        if (!av_equal(&v, now))
            st_set(e, r, ak, &v);
    }
    return r;
}
