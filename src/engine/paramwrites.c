/* paramwrites.c - what a function writes through each of its parameters.
 *
 * A call given the address of a block (HwSetItr(&Adapter->Hw, ...)) lends
 * it to the callee, which names what it writes through the pointer by the
 * pointee's record type (Hw->Itr: _HW_CONTEXT.Itr); at run time, with Hw =
 * &Adapter->Hw, that is Adapter->Hw.Itr (eval.c ev_key_in, derived_key: the
 * block's key and the path's key from its first '.').  So the caller writes
 * below the block what the callee writes through that parameter: the
 * suffixes (".Itr", ".Sub.A"; "" for all of the block) of its writes
 * through the parameter, through the locals copied from it, and through
 * the parameters of the driver functions it hands the pointer (or the
 * address of a part of the block) to, to any depth, a synchronize callback
 * of an API included.  Where the pointer goes where this cannot follow it
 * (stored, returned, handed to an API or a call no store resolves, an index
 * or arithmetic on it, a write through it that names no field or names it
 * through a second record type, a cast) the callee may write anything of
 * the block: all of it ("escapes").  An API given the address of a part of
 * the block (&Hw->Lock, or an array in it: Hw->Mac) writes all of that
 * part, as it would in the caller.  Run once per driver, before the sets
 * (fr_build_sets); DRVCHECK_DEBUG_PARAM_WRITES prints it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/internal.h"

enum { PW_MAX_SUFFIXES = 256, PW_MAX_TRACKED = 64 };

typedef struct PwSet {
    char **suf;              /* distinct (the strings in pw's arena) */
    int n, cap;
    int esc;
    char *rec;               /* the record type the pointer is written through as (malloc'd),
                                or NULL: two (a cast to another record) are a write the
                                suffixes would misname */
} PwSet;

typedef struct PwEdge {
    int from, to;            /* slots: from's parameter is handed to to's */
    char *prefix;            /* the part of from's block it is: "" or ".Sub" (pw's arena) */
    int done;                /* to's suffixes taken so far */
} PwEdge;

struct ParamWrites {
    Arena *a;                /* every suffix, prefix and base string: malloc and free of
                                each were 3M instructions on rtlnwifi */
    int *start;              /* per function: its first slot (one per parameter) */
    PwSet *set;
    PwEdge *edge;
    int nedges, capedges;
};

typedef struct Tracked {
    const char *name;        /* a parameter, or a local copied from one */
    const char *base;        /* where in the parameter's block it points: "" or ".Sub" */
    int slot;
    uint64_t bit;            /* name_bit(name) */
    int round;               /* the round of pw_function's fixed point that found it (0: a
                                parameter) */
    size_t at;               /* ... at which step (bits' index) */
} Tracked;

static char *pw_concat(Arena *ar, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *r = arena_alloc_raw(ar, la + lb + 1);
    memcpy(r, a, la);
    memcpy(r + la, b, lb + 1);
    return r;
}

/* Adds a + b; 1 when the set grew. */
static int pw_add(Arena *ar, PwSet *s, const char *a, const char *b)
{
    if (s->esc)
        return 0;
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb > PW_MAX_LEN) {
        s->esc = 1;
        return 1;
    }
    for (int i = 0; i < s->n; i++)
        if (strncmp(s->suf[i], a, la) == 0 && strcmp(s->suf[i] + la, b) == 0)
            return 0;
    if (s->n == PW_MAX_SUFFIXES) {
        s->esc = 1;
        return 1;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4;
        s->suf = realloc(s->suf, sizeof *s->suf * (size_t)s->cap);
        if (!s->suf)
            abort();
    }
    s->suf[s->n++] = pw_concat(ar, a, b);
    return 1;
}

static int ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A step only matters to a tracked name it mentions: each test below
 * (pw_place, pw_part, pw_uses, pw_copy) finds the name in the key,
 * base_key or text of an expression it reaches, and there as a whole run
 * of identifier characters (an equal key, "Hw->" leading a text, or
 * mentions' bounds).  So a step's bits, one per such run in the strings
 * of all its expressions, rule out most (step, name) pairs with one AND
 * (rtlnwifi: 25M instructions in pw_build before, most of them those tests
 * finding nothing).  A name with another character is never ruled out. */
static uint64_t run_bit(const char *s, size_t n)
{
    return (uint64_t)1 << (((unsigned char)s[0] * 5u + (unsigned char)s[n - 1] * 3u + n) & 63);
}

/* A name's bit: that of its one run; a name of other characters, every
 * bit (never ruled out). */
static uint64_t name_bit(const char *name)
{
    size_t n = 0;
    while (ident_char(name[n]))
        n++;
    return n && !name[n] ? run_bit(name, n) : ~(uint64_t)0;
}

/* The bit a string equal to a name has (a string of other characters
 * equals none: its bit costs a test, never a miss). */
static uint64_t equal_bit(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n ? run_bit(s, n) : 0;
}

static uint64_t runs_of(const char *s)
{
    uint64_t m = 0;
    if (!s)
        return 0;
    for (;;) {
        while (*s && !ident_char(*s))
            s++;
        if (!*s)
            return m;
        const char *r = s;
        while (ident_char(*s))
            s++;
        m |= run_bit(r, (size_t)(s - r));
    }
}

static uint64_t expr_bits(const Expr *x)
{
    uint64_t m = 0;
    for (; x; x = x->b) {
        if (x->kind == EX_PATH && x->base_key)   /* only an equal base_key counts */
            m |= equal_bit(x->base_key);
        else if (x->kind == EX_PATH)             /* an equal key, or in the text */
            m |= equal_bit(x->key) | runs_of(x->text);
        else if (x->kind == EX_UNKNOWN)
            m |= runs_of(x->text);
        if (x->a)
            m |= expr_bits(x->a);
        if (x->c)
            m |= expr_bits(x->c);
        if (x->index)
            m |= expr_bits(x->index);
    }
    return m;
}

static uint64_t step_bits(const Step *st)
{
    uint64_t m = expr_bits(st->lhs) | expr_bits(st->rhs) | expr_bits(st->callee_expr);
    for (int a = 0; a < st->nargs; a++)
        m |= expr_bits(st->args[a]);
    return m;
}

/* Does display text t name the variable `name` (an identifier not after
 * "->" or ".": a field of that name is no use of the variable)? */
static int mentions(const char *t, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = t ? strstr(t, name) : NULL; p; p = strstr(p + 1, name)) {
        if ((p > t && ident_char(p[-1])) || ident_char(p[n]))
            continue;
        const char *q = p;
        while (q > t && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        if ((q > t && q[-1] == '.') || (q - t >= 2 && q[-2] == '-' && q[-1] == '>'))
            continue;
        return 1;
    }
    return 0;
}

/* The pointer of slot s is written through as record rec (the part of a
 * key before its first '.' or '['; a declared parameter type too): a
 * second record is a cast, whose fields the suffixes would misname. */
static int pw_note_rec(PwSet *s, const char *rec)
{
    size_t n = strcspn(rec, ".[");
    if (s->esc || !n || rec[0] == '*')
        return 0;
    if (!s->rec) {
        s->rec = malloc(n + 1);
        if (!s->rec)
            abort();
        memcpy(s->rec, rec, n);
        s->rec[n] = 0;
        return 1;
    }
    if (strlen(s->rec) != n || strncmp(s->rec, rec, n) != 0) {
        s->esc = 1;
        return 1;
    }
    return 0;
}

/* Where path x lies relative to the block `name` points to: 2, x is the
 * pointer itself; 1, x lies in the block, *suf its part ("" all of it,
 * ".f", ".Sub.Arr[]": the path's key from its first '.', as ev_key_in
 * names it); 0, x has nothing to do with it (another variable, or an
 * object a pointer in the block points to: Hw->Ps->A); -1, x is reached
 * from the pointer in a way that names no part (Hw[1].f, *(Hw + 1),
 * ((PUCHAR)Hw + 8)->f, a write of a non-record *Hw indexed). */
static int pw_place(const Expr *x, const char *name, const char **suf)
{
    if (!x || x->kind != EX_PATH || !x->key)
        return 0;
    if (!x->base_key && strcmp(x->key, name) == 0)
        return 2;
    if (x->base_key) {
        if (strcmp(x->base_key, name) != 0)
            return 0;
        if (x->key[0] == '*') {
            *suf = "";
            return strchr(x->key, '[') ? -1 : 1;
        }
        const char *dot = strchr(x->key, '.');
        if (dot) {
            *suf = dot;
            return 1;
        }
        *suf = "";
        return x->is_record ? 1 : -1;
    }
    /* an element of an array in the block keeps no base_key
     * (Hw->Sub.Arr[i], Hw->Csr[2]): its text starts "Hw->", with no
     * further "->" (else it lies in another object) */
    size_t n = strlen(name);
    if (x->text && strncmp(x->text, name, n) == 0 && strncmp(x->text + n, "->", 2) == 0) {
        const char *rest = x->text + n + 2;
        if (strstr(rest, "->"))
            return 0;
        const char *dot = strchr(x->key, '.');
        if (dot && !strpbrk(rest, "*()")) {
            *suf = dot;
            return 1;
        }
        return -1;
    }
    return mentions(x->text, name) ? -1 : 0;
}

static int pw_uses(const Expr *x, const char *name);

/* Is x the address of a part of the block `name` points to: &Hw->Lock, or
 * an array in it (Hw->Mac: its value is its address)?  1 and *suf the
 * part; -1 where it is an address reached from the pointer some way no
 * part names (&Hw[1], &Hw, Hw->Arr + 1 is not seen here: pw_uses); 0 where
 * it is none of these. */
static int pw_part(const Expr *x, const char *name, const char **suf)
{
    const Expr *at = x && x->kind == EX_ADDR && x->a && x->a->kind == EX_PATH ? x->a
                     : x && x->kind == EX_PATH && x->is_array ? x : NULL;
    if (!at)
        return 0;
    int r = pw_place(at, name, suf);
    if (r == 2 && at == x)
        return 0;                 /* an array variable of that name: no use of the pointer */
    return r == 1 && !pw_uses(at->index, name) ? 1 : r != 0 ? -1 : 0;
}

/* Does x use the value of the pointer `name` (or the address of a part of
 * its block) other than to read through it? */
static int pw_uses(const Expr *x, const char *name)
{
    const char *suf;
    for (; x; x = x->b) {
        if (pw_part(x, name, &suf))
            return 1;
        switch (x->kind) {
        case EX_PATH:
            if (!x->base_key && x->key && strcmp(x->key, name) == 0)
                return 1;
            return pw_uses(x->index, name);
        case EX_ADDR:
            if (x->a && x->a->kind == EX_PATH)
                return pw_uses(x->a->index, name);
            return pw_uses(x->a, name);
        case EX_UNKNOWN:
            return mentions(x->text, name);
        default:
            if (pw_uses(x->a, name) || pw_uses(x->c, name))
                return 1;
        }
    }
    return 0;
}

/* Where argument a of call st goes: the driver functions' parameters it
 * is bound to (slots into to[]), and whether anything else gets it (an
 * API, a call through a pointer no store resolves, an argument past the
 * parameters): returns that.  A synchronize callback's context, which
 * NdisMSynchronizeWithInterruptEx only hands to the callback, goes to the
 * callbacks alone. */
int pw_bindings(const Program *p, const ParamWrites *pw, const Step *st, int a, int *to,
                int *nto)
{
    const CallRes *cr = prog_call(p, st);
    int n = cr ? cr->n : 0, other = 0, ctx = 0;
    *nto = 0;
    for (int t = 0; t < n; t++) {
        int q = a - cr->first[t];
        if (q < 0)
            continue;
        ctx |= cr->first[t] > 0;
        if (q >= p->funcs[cr->fi[t]].f->nparams)
            other = 1;
        else
            to[(*nto)++] = pw->start[cr->fi[t]] + q;
    }
    if (st->callee ? (!cr || cr->direct < 0) && !ctx : n == 0)
        other = 1;
    return other;
}

static void pw_edge(ParamWrites *pw, int since, int from, int to, const char *prefix)
{
    for (int i = since; i < pw->nedges; i++)     /* fi's own edges: the same call twice */
        if (pw->edge[i].from == from && pw->edge[i].to == to && strcmp(pw->edge[i].prefix, prefix) == 0)
            return;
    if (pw->nedges == pw->capedges) {
        pw->capedges = pw->capedges ? pw->capedges * 2 : 64;
        pw->edge = realloc(pw->edge, sizeof *pw->edge * (size_t)pw->capedges);
        if (!pw->edge)
            abort();
    }
    pw->edge[pw->nedges++] = (PwEdge){from, to, pw_concat(pw->a, prefix, ""), 0};
}

/* Is x a plain variable (a local or parameter, not a part of one)? */
static int plain_var(const Expr *x)
{
    return x && x->kind == EX_PATH && x->key && !x->base_key &&
           (x->scope == SCOPE_LOCAL || x->scope == SCOPE_PARAM) && !strpbrk(x->key, ".[*@^");
}

/* The value an assignment copies into a plain variable, where it points
 * into the block of t: 1 and *suf the part (Hw, &Hw->Sub, Hw->Mac); -1 where it is
 * made from the pointer some other way; 0 where it is not. */
static int pw_copy(const Expr *rhs, const char *name, const char **suf)
{
    if (!rhs)
        return 0;
    if (rhs->kind == EX_PATH && !rhs->base_key && rhs->key && strcmp(rhs->key, name) == 0) {
        *suf = "";
        return 1;
    }
    int r = pw_part(rhs, name, suf);
    if (r)
        return r;
    return pw_uses(rhs, name) ? -1 : 0;
}

static int tracked_has(const Tracked *t, int n, const char *name, const char *base, int slot)
{
    for (int i = 0; i < n; i++)
        if (t[i].slot == slot && strcmp(t[i].name, name) == 0 && strcmp(t[i].base, base) == 0)
            return 1;
    return 0;
}

/* fi's own writes through its parameters, and the edges to the functions
 * it hands them to. */
static void pw_function(const Program *p, ParamWrites *pw, int fi)
{
    const Func *fn = p->funcs[fi].f;
    Tracked t[PW_MAX_TRACKED];
    int nt = 0;
    for (int q = 0; q < fn->nparams; q++) {
        if (fn->params[q].name && fn->params[q].name[0])
            t[nt++] = (Tracked){fn->params[q].name, "", pw->start[fi] + q,
                                name_bit(fn->params[q].name), 0, SIZE_MAX};
        else
            pw->set[pw->start[fi] + q].esc = 1;   /* unnamed: nothing can use it */
        if (fn->params[q].record)
            pw_note_rec(&pw->set[pw->start[fi] + q], fn->params[q].record);
    }
    if (!nt)
        return;
    /* bits[at[b] + k]: step_bits of step k of block b; bits[at[b] +
     * nsteps], its return value's */
    size_t *at = malloc(sizeof *at * ((size_t)fn->nblocks + 1)), nbits = 0;
    for (int b = 0; at && b < fn->nblocks; b++) {
        at[b] = nbits;
        nbits += (size_t)fn->blocks[b].nsteps + 1;
    }
    uint64_t *bits = malloc(sizeof *bits * (nbits + 1));
    if (!at || !bits)
        abort();
    for (int b = 0; b < fn->nblocks; b++) {
        const Block *bl = &fn->blocks[b];
        for (int k = 0; k < bl->nsteps; k++)
            bits[at[b] + (size_t)k] = step_bits(&bl->steps[k]);
        bits[at[b] + (size_t)bl->nsteps] = expr_bits(bl->retval);
    }
    /* the locals copied from a parameter (PHW_CONTEXT Hw = Context;
     * PNDIS_SPIN_LOCK Lock = &Hw->Lock), to a fixed point.  A round asks
     * again only what the last did not: a (step, name) pair it asked
     * finds the same (a name tracked already, or the cap's escape again),
     * so a name found in round r at step s is new to round r + 1 at the
     * steps before s alone. */
    for (int grew = 1, round = 1; grew; round++) {
        grew = 0;
        for (int b = 0; b < fn->nblocks; b++)
            for (int k = 0; k < fn->blocks[b].nsteps; k++) {
                const Step *st = &fn->blocks[b].steps[k];
                if (st->kind != ST_ASSIGN || !plain_var(st->lhs))
                    continue;
                size_t pos = at[b] + (size_t)k;
                for (int i = 0; i < nt; i++) {
                    const char *suf;
                    if (t[i].round < round - 1 || (t[i].round == round - 1 && pos >= t[i].at))
                        continue;
                    if (!(bits[pos] & t[i].bit) || pw_copy(st->rhs, t[i].name, &suf) != 1 ||
                        strcmp(st->lhs->key, t[i].name) == 0)
                        continue;
                    char *base = pw_concat(pw->a, t[i].base, suf);
                    if (tracked_has(t, nt, st->lhs->key, base, t[i].slot))
                        continue;
                    if (nt == PW_MAX_TRACKED || strlen(base) > PW_MAX_LEN) {
                        pw->set[t[i].slot].esc = 1;
                        continue;
                    }
                    t[nt++] = (Tracked){st->lhs->key, base, t[i].slot, name_bit(st->lhs->key),
                                        round, pos};
                    grew = 1;
                }
            }
    }
    int to[128], nto, since = pw->nedges;
    for (int b = 0; b < fn->nblocks; b++) {
        const Block *bl = &fn->blocks[b];
        for (int i = 0; i < nt; i++)      /* returned: the caller may write through it */
            if (bl->term == T_RETURN && (bits[at[b] + (size_t)bl->nsteps] & t[i].bit) &&
                pw_uses(bl->retval, t[i].name))
                pw->set[t[i].slot].esc = 1;
        for (int k = 0; k < bl->nsteps; k++) {
            const Step *st = &bl->steps[k];
            for (int i = 0; i < nt; i++) {
                const char *name = t[i].name, *suf = "";
                PwSet *s = &pw->set[t[i].slot];
                if (s->esc || !(bits[at[b] + (size_t)k] & t[i].bit))
                    continue;
                /* a write: through the pointer, to a part of the block */
                if (st->lhs) {
                    int r = pw_place(st->lhs, name, &suf);
                    if (r == 1 && !t[i].base[0])
                        pw_note_rec(s, st->lhs->key);
                    if (r == 1)
                        pw_add(pw->a, s, t[i].base, suf);
                    else if (r == -1 || (st->lhs->kind != EX_PATH && pw_uses(st->lhs, name)))
                        s->esc = 1;
                    if (st->lhs->kind == EX_PATH && pw_uses(st->lhs->index, name))
                        s->esc = 1;
                }
                if (st->kind == ST_ASSIGN) {
                    /* a copy into a tracked local is followed; any other
                     * use of the pointer in a value stores it */
                    if (!(plain_var(st->lhs) && pw_copy(st->rhs, name, &suf) == 1) &&
                        pw_uses(st->rhs, name))
                        s->esc = 1;
                    continue;
                }
                if (pw_uses(st->callee_expr, name))
                    s->esc = 1;
                for (int a = 0; a < st->nargs && !s->esc; a++) {
                    const Expr *x = st->args[a];
                    int whole = x && x->kind == EX_PATH && !x->base_key && x->key &&
                                strcmp(x->key, name) == 0;
                    int part = pw_part(x, name, &suf) == 1;
                    if (!whole && !part) {
                        if (pw_uses(x, name))
                            s->esc = 1;
                        continue;
                    }
                    if (nto = 0, pw_bindings(p, pw, st, a, to, &nto)) {
                        if (whole)
                            s->esc = 1;        /* an API may write all of the block */
                        else
                            pw_add(pw->a, s, t[i].base, suf);   /* ... or all of that part */
                    }
                    char *prefix = pw_concat(pw->a, t[i].base, whole ? "" : suf);
                    for (int j = 0; j < nto && !s->esc; j++)
                        pw_edge(pw, since, t[i].slot, to[j], prefix);
                }
            }
        }
    }
    free(bits);
    free(at);
}

ParamWrites *pw_build(const Program *p)
{
    ParamWrites *pw = calloc(1, sizeof *pw);
    if (!pw || !(pw->start = calloc((size_t)p->nfuncs + 1, sizeof *pw->start)))
        abort();
    pw->a = arena_new();
    int n = 0;
    for (int fi = 0; fi < p->nfuncs; fi++) {
        pw->start[fi] = n;
        n += p->funcs[fi].f->nparams;
    }
    pw->start[p->nfuncs] = n;
    pw->set = calloc((size_t)n + 1, sizeof *pw->set);
    if (!pw->set)
        abort();
    for (int fi = 0; fi < p->nfuncs; fi++)
        pw_function(p, pw, fi);
    /* what a callee writes through its parameter, its caller writes
     * through the pointer (or part) it handed it, to a fixed point: the
     * sets only grow, and are bounded (PW_MAX_SUFFIXES, PW_MAX_LEN) */
    for (int grew = 1; grew;) {
        grew = 0;
        for (int i = 0; i < pw->nedges; i++) {
            PwEdge *g = &pw->edge[i];
            PwSet *from = &pw->set[g->from], *to = &pw->set[g->to];
            if (from->esc)
                continue;
            if (to->esc) {
                from->esc = grew = 1;
                continue;
            }
            if (!g->prefix[0] && to->rec)      /* the same pointer: the same record */
                grew |= pw_note_rec(from, to->rec);
            for (; g->done < to->n && !from->esc; g->done++)
                grew |= pw_add(pw->a, from, g->prefix, to->suf[g->done]);
        }
    }
    for (int fi = 0; getenv("DRVCHECK_DEBUG_PARAM_WRITES") && fi < p->nfuncs; fi++) {
        const Func *fn = p->funcs[fi].f;
        for (int q = 0; q < fn->nparams; q++) {
            const PwSet *s = &pw->set[pw->start[fi] + q];
            fprintf(stderr, "param writes %s(%s):%s", fn->name, fn->params[q].name,
                    s->esc ? " all of it" : s->n ? "" : " none");
            for (int i = 0; !s->esc && i < s->n; i++)
                fprintf(stderr, " \"%s\"", s->suf[i]);
            fputc('\n', stderr);
        }
    }
    return pw;
}

void pw_free(const Program *p, ParamWrites *pw)
{
    for (int i = 0; i < pw->start[p->nfuncs]; i++) {
        free(pw->set[i].suf);
        free(pw->set[i].rec);
    }
    arena_free(pw->a);
    free(pw->edge);
    free(pw->set);
    free(pw->start);
    free(pw);
}

int pw_escapes(const ParamWrites *pw, int slot)
{
    return pw->set[slot].esc;
}

int pw_nsuffixes(const ParamWrites *pw, int slot)
{
    return pw->set[slot].n;
}

const char *pw_suffix(const ParamWrites *pw, int slot, int i)
{
    return pw->set[slot].suf[i];
}
