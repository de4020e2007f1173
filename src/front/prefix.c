/* prefix.c - can a file's first system header be parsed before the rest?
 *
 * A scan shares one precompiled copy of a header (shared.c) among the
 * files whose first system #include it is.  clang reads that copy before
 * the file's own text, so what the file does before that #include (its
 * prefix: its lines above it and the project headers they include) moves
 * after the header.  The two commute when neither can see the other, which
 * this decides from the texts, without preprocessing:
 *   - no name the prefix reads as code (its code lines, and the bodies of
 *     the macros it expands there or in its #if's) is one the header or
 *     what it includes (its closure) declares at file scope (a function,
 *     variable, typedef, tag or enumerator: libclang lists them, shared.c)
 *     or defines as a macro: neither looks up a name of the other; the
 *     body of a macro the prefix only defines is expanded after both, the
 *     same either way;
 *   - no macro the prefix defines or undefines appears in the closure,
 *     unless both define it alike (TRUE as 1; "#ifndef TRUE / #define TRUE
 *     1 / #endif" is no test of TRUE), or the closure only reads it and
 *     the prefix surely defines it once, before any use, with a body of
 *     the closure's names only (#define NDIS620_MINIPORT 1): then the copy
 *     is made with that #define before the header ("carried"), and the
 *     file's own #define of it is the same again;
 *   - no name the prefix tests (#if, #ifdef) is defined or undefined as a
 *     macro in the closure (both may test _WIN64 or __cplusplus), but for
 *     those two kinds of macro;
 *   - the prefix has no #pragma but once, warning, message, comment and
 *     region (pack would change the closure's layouts), no computed or
 *     missing #include, no _Pragma or __pragma;
 *   - the #include of the header, and each one that leads to it, is surely
 *     read: under no #if but a header's include guard and those decided
 *     true; else it may not be the first.
 * "#ifdef X", "#if defined(X)" and their negations are decided when X is
 * surely undefined (not on the command line, not #defined before, not a
 * compiler's name, which all begin with '_'): the lines they surely skip
 * count for nothing (#if defined(OFFLOAD_UNIT_TEST) #include <windows.h>
 * #endif before <ndis.h>).  Every other line counts, read or not, so the
 * answer errs towards "no".
 * Keywords are not names here, except as the name of a #define.
 * Cost: one pass over the prefix texts per file; the closure's names are
 * read once per shared header. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

static const char *const keywords[] = {   /* sorted (strcmp) */
    "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Noreturn",
    "_Static_assert", "_Thread_local", "__alignof", "__asm", "__asm__", "__attribute__",
    "__based", "__cdecl", "__const", "__declspec", "__except", "__extension__", "__fastcall",
    "__finally", "__forceinline", "__inline", "__inline__", "__int16", "__int32", "__int64",
    "__int8", "__leave", "__ptr32", "__ptr64", "__restrict", "__restrict__", "__signed__",
    "__stdcall", "__try", "__typeof__", "__unaligned", "__volatile__", "__w64", "asm", "auto",
    "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict",
    "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
    "unsigned", "void", "volatile", "while",
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_keyword(const char *s)
{
    return bsearch(&s, keywords, sizeof keywords / sizeof *keywords, sizeof *keywords,
                   cmp_str) != NULL;
}

static int id_start(int c)
{
    return isalpha(c) || c == '_' || c == '$';
}

static int id_char(int c)
{
    return isalnum(c) || c == '_' || c == '$';
}

/* Past white space, comments and line splices; stops at a newline that
 * ends the line (returned, not consumed). */
static const char *skip_space(const char *p)
{
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
            p++;
        } else if (p[0] == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) {
            p += p[1] == '\n' ? 2 : 3;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
        } else {
            return p;
        }
    }
}

/* The next token of the line at p: an identifier is copied into id
 * (truncated names are never equal to a real one: they are dropped), other
 * tokens skipped.  Returns the position after it; *kind 0 at the end of the
 * line or text, 1 an identifier, 2 anything else (*punct its first char). */
static const char *token(const char *p, char *id, size_t size, int *kind, char *punct)
{
    p = skip_space(p);
    if (!*p || *p == '\n') {
        *kind = 0;
        return p;
    }
    if (id_start((unsigned char)*p)) {
        size_t n = 0;
        while (id_char((unsigned char)*p)) {
            if (n + 1 < size)
                id[n] = *p;
            n++;
            p++;
        }
        id[n + 1 < size ? n : 0] = 0;
        *kind = n + 1 < size ? 1 : 2;
        if (*kind == 1 && (*p == '"' || *p == '\'') && (n <= 2) &&
            (strcmp(id, "L") == 0 || strcmp(id, "u") == 0 || strcmp(id, "U") == 0 ||
             strcmp(id, "u8") == 0)) {
            *kind = 2;       /* an encoding prefix: the literal follows */
        } else {
            return p;
        }
    }
    *kind = 2;
    *punct = *p;
    if (*p == '"' || *p == '\'') {
        char q = *p++;
        while (*p && *p != q && *p != '\n') {
            if (*p == '\\' && p[1])
                p++;
            p++;
        }
        return *p == q ? p + 1 : p;
    }
    if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
        for (p++; id_char((unsigned char)*p) || *p == '.' ||
                  ((*p == '+' || *p == '-') && strchr("eEpP", p[-1]));
             p++)
            ;
        return p;
    }
    return p + 1;
}

/* To the start of the next line (past a splice-free newline). */
static const char *end_line(const char *p)
{
    char id[8], pc;
    int k;
    do
        p = token(p, id, sizeof id, &k, &pc);
    while (k);
    return *p == '\n' ? p + 1 : p;
}

static void add(StrMap *m, const char *id)
{
    strmap_put(m, id, 1);
}

void pfx_free(Prefix *pf)
{
    for (int i = 0; i < pf->ndef; i++)
        free(pf->def[i].sig);
    free(pf->def);
    strmap_free(&pf->defs);
    strmap_free(&pf->firstuse);
    for (int i = 0; i < pf->nbodies; i++)
        strmap_free(&pf->bodies[i]);
    free(pf->bodies);
    strmap_free(&pf->bodyof);
    strmap_free(&pf->code);
    strmap_free(&pf->macros);
    strmap_free(&pf->conds);
    strmap_free(&pf->guards);
}

void pfx_begin(PfxFile *f, const char *text, const char *const *args, int nargs)
{
    memset(f, 0, sizeof *f);
    f->p = text;
    f->args = args;
    f->nargs = nargs;
    f->chain = 1;
}

/* The rest of a line's names into m (all but `defined` when conds). */
/* The first use of a name (in code or a test), for a macro defined later. */
static void note_use(Prefix *pf, const char *id)
{
    if (!strmap_get(&pf->firstuse, id))
        strmap_put(&pf->firstuse, id, ++pf->seq);
}

/* The rest of a line's names into m (all but `defined` when conds; those
 * in skip, a macro's parameters, left out); uses noted in use. */
static const char *names_to(const char *p, StrMap *m, int conds, const char *const *skip,
                            int nskip, Prefix *use)
{
    char id[256], pc;
    int k;
    for (;;) {
        p = token(p, id, sizeof id, &k, &pc);
        if (!k)
            return p;
        if (k != 1 || (conds && strcmp(id, "defined") == 0))
            continue;
        int local = 0;
        for (int i = 0; i < nskip && !local; i++)
            local = strcmp(skip[i], id) == 0;
        if (!local && m)
            add(m, id);
        if (!local && use)
            note_use(use, id);
    }
}

/* A #define's meaning as one string, p just after "define": its name, its
 * parameters when function-like, and its body's tokens, one space apart
 * (comments and spacing do not count, as for a redefinition).  malloc. */
static char *macro_sig(const char *p)
{
    size_t cap = 64, n = 0;
    char *out = malloc(cap), id[256], pc;
    if (!out)
        abort();
    int k, first = 1;
    for (;;) {
        const char *b = skip_space(p);
        p = token(p, id, sizeof id, &k, &pc);
        if (!k)
            break;
        size_t l = (size_t)(p - b);
        if (n + l + 3 > cap) {
            cap = (n + l + 3) * 2;
            out = realloc(out, cap);
            if (!out)
                abort();
        }
        /* "NAME(" (function-like) and "NAME (" (a body starting with '(') differ */
        if (!first && !(n && out[n - 1] == '(' && first == 2))
            out[n++] = ' ';
        for (size_t i = 0; i < l; i++)             /* a splice inside is dropped */
            if (!(b[i] == '\\' && (b[i + 1] == '\n' || b[i + 1] == '\r')) && b[i] != '\n' &&
                b[i] != '\r')
                out[n++] = b[i];
        first = first == 1 && *p == '(' ? 2 : 0;
    }
    out[n] = 0;
    return out;
}

static PfxDef *def_of(Prefix *pf, const char *name)
{
    int *k = strmap_get(&pf->defs, name);
    if (k)
        return &pf->def[*k];
    pf->def = realloc(pf->def, (size_t)(pf->ndef + 1) * sizeof *pf->def);
    if (!pf->def)
        abort();
    memset(&pf->def[pf->ndef], 0, sizeof *pf->def);
    strmap_put(&pf->defs, name, pf->ndef);
    return &pf->def[pf->ndef++];
}

static int all_active(const PfxFile *f);

/* #undef NAME */
static const char *undef(Prefix *pf, const char *p)
{
    char id[256], pc;
    int k;
    p = token(p, id, sizeof id, &k, &pc);
    if (k == 1) {
        add(&pf->macros, id);
        def_of(pf, id)->undef = 1;
    }
    return names_to(p, NULL, 0, NULL, 0, NULL);
}

/* #define NAME[(params)] body */
static const char *define(PfxFile *f, Prefix *pf, const char *p)
{
    char id[256], pc;
    int k;
    char *sig = macro_sig(p);
    p = token(p, id, sizeof id, &k, &pc);
    if (k != 1) {
        free(sig);
        pf->blocked = "a #define without a name";
        return p;
    }
    add(&pf->macros, id);
    PfxDef *d = def_of(pf, id);
    if (!d->sig) {
        d->sig = sig;
        d->at = ++pf->seq;
        d->sure = f->chain && all_active(f);
    } else {
        d->varies = d->varies || strcmp(d->sig, sig) != 0;
        free(sig);
    }
    if (f->guard == 1)
        f->guard = strcmp(id, f->guard_name) == 0 ? 2 : -1;
    char name[256];
    memcpy(name, id, strlen(id) + 1);
    char *params[64];
    int np = 0;
    if (*p == '(') {                /* function-like: no space before '(' */
        p++;
        for (;;) {
            p = token(p, id, sizeof id, &k, &pc);
            if (!k || (k == 2 && pc == ')'))
                break;
            if (k == 1 && np < 64)
                params[np++] = strdup(id);
        }
    }
    /* the names of its body, for when the prefix expands it (pfx_conflict) */
    int *b = strmap_get(&pf->bodyof, name);
    if (!b) {
        pf->bodies = realloc(pf->bodies, (size_t)(pf->nbodies + 1) * sizeof *pf->bodies);
        if (!pf->bodies)
            abort();
        memset(&pf->bodies[pf->nbodies], 0, sizeof *pf->bodies);
        b = strmap_put(&pf->bodyof, name, pf->nbodies++);
    }
    p = names_to(p, &pf->bodies[*b], 0, (const char *const *)params, np, NULL);
    for (int i = 0; i < np; i++)
        free(params[i]);
    return p;
}

/* What an open #if says of the lines under it. */
enum {
    C_UNKNOWN,               /* may or may not be read */
    C_ACTIVE,                /* surely read (its condition, or an include guard) */
    C_SKIP,                  /* surely not read; an #else or #elif may change that */
    C_DONE,                  /* not read, and nothing before #endif is (nested, or a branch was taken) */
};

static int top(const PfxFile *f)
{
    return f->depth > 0 && f->depth <= PFX_DEPTH ? f->st[f->depth - 1] : C_UNKNOWN;
}

static void set_top(PfxFile *f, int state)
{
    if (f->depth > 0 && f->depth <= PFX_DEPTH)
        f->st[f->depth - 1] = (unsigned char)state;
}

static void push(PfxFile *f, int state)
{
    if (f->depth < PFX_DEPTH)
        f->st[f->depth] = (unsigned char)state;
    f->depth++;
}

/* Every open #if surely read. */
static int all_active(const PfxFile *f)
{
    if (f->depth > PFX_DEPTH)
        return 0;
    for (int i = 0; i < f->depth; i++)
        if (f->st[i] != C_ACTIVE)
            return 0;
    return 1;
}

/* A name no one can have defined here: not on the command line, not by a
 * #define read so far, and not the compiler's (its own all begin with '_',
 * as do the annotation macros of recovery's prelude).  A name the header
 * defines is caught anyway: the prefix tests it (Prefix.conds). */
static int surely_undefined(const PfxFile *f, Prefix *pf, const char *id)
{
    return id[0] != '_' && !strmap_get(&pf->macros, id) &&
           !front_args_define(f->args, f->nargs, id);
}

/* The start of the next line that is not blank. */
static const char *next_line(const char *p)
{
    for (;;) {
        const char *q = skip_space(p);
        if (*q != '\n')
            return q;
        p = q + 1;
    }
}

/* At p: "#define X ..." then "#endif", nothing else. */
static int defines_only(const char *p, const char *x)
{
    char id[256], pc;
    int k;
    p = next_line(p);
    if (*p != '#')
        return 0;
    p = token(p + 1, id, sizeof id, &k, &pc);
    if (k != 1 || strcmp(id, "define") != 0)
        return 0;
    p = token(p, id, sizeof id, &k, &pc);
    if (k != 1 || strcmp(id, x) != 0)
        return 0;
    p = next_line(end_line(p));
    if (*p != '#')
        return 0;
    p = token(p + 1, id, sizeof id, &k, &pc);
    return k == 1 && strcmp(id, "endif") == 0;
}

/* #if / #ifdef / #ifndef: a conditional opens.  "#ifdef X", "#if defined X"
 * and their negations are decided when X is surely undefined.  The first
 * directive of a file (after #pragma once) may open its include guard:
 * then the next one must define the name it tests. */
static const char *cond(PfxFile *f, Prefix *pf, const char *p, const char *dir)
{
    char id[256], x[256] = "", pc;
    int k, neg = strcmp(dir, "ifndef") == 0, simple = 0;
    const char *q = p;
    if (strcmp(dir, "if") == 0) {
        q = token(q, id, sizeof id, &k, &pc);
        if (k == 2 && pc == '!') {
            neg = 1;
            q = token(q, id, sizeof id, &k, &pc);
        }
        if (k == 1 && strcmp(id, "defined") == 0) {
            const char *r = skip_space(q);
            int paren = *r == '(';
            q = token(paren ? r + 1 : q, id, sizeof id, &k, &pc);
            if (k == 1) {
                r = skip_space(q);
                if (paren && *r == ')')
                    r = skip_space(r + 1);
                else if (paren)
                    r = "x";
                if (!*r || *r == '\n') {
                    snprintf(x, sizeof x, "%s", id);
                    simple = 1;
                }
            }
        }
    } else {
        q = token(q, id, sizeof id, &k, &pc);
        const char *r = skip_space(q);
        if (k == 1 && (!*r || *r == '\n')) {
            snprintf(x, sizeof x, "%s", id);
            simple = 1;
        }
    }
    int state = C_UNKNOWN;
    if (simple && surely_undefined(f, pf, x))
        state = neg ? C_ACTIVE : C_SKIP;
    /* surely defined before in the walk (and not undone): a header whose
     * guard the file defined first is not read */
    int *dk = simple ? strmap_get(&pf->defs, x) : NULL;
    if (dk && pf->def[*dk].sure && !pf->def[*dk].undef && !pf->def[*dk].varies)
        state = neg ? C_SKIP : C_ACTIVE;
    /* "#ifndef X / #define X body / #endif": X ends up defined, whether
     * the test is read before or after a header defining X the same way
     * (pfx_conflict), so the test is no use of X */
    int idem = simple && neg && defines_only(end_line(p), x);
    if (f->guard == 0) {
        f->guard = -1;
        if (simple && neg && !strmap_get(&pf->macros, x)) {
            snprintf(f->guard_name, sizeof f->guard_name, "%s", x);
            f->guard = 1;
            add(&pf->guards, x);
        }
    }
    push(f, state);
    return names_to(p, idem ? NULL : &pf->conds, 1, NULL, 0, idem ? NULL : pf);
}

int pfx_next_include(PfxFile *f, Prefix *pf, char *name, size_t size, int *angled, int *uncond)
{
    char id[256], pc;
    int k;
    while (*f->p && !pf->blocked) {
        const char *p = skip_space(f->p);
        int skipping = top(f) == C_SKIP || top(f) == C_DONE;
        if (*p != '#') {                   /* a line of code */
            if (skipping) {
                f->p = end_line(p);
                continue;
            }
            if (*p && *p != '\n' && f->guard >= 0 && f->guard != 2)
                f->guard = -1;
            for (;;) {
                p = token(p, id, sizeof id, &k, &pc);
                if (!k)
                    break;
                if (k == 1 && (strcmp(id, "_Pragma") == 0 || strcmp(id, "__pragma") == 0))
                    pf->blocked = "a _Pragma before it";
                if (k == 1 && !is_keyword(id)) {
                    add(&pf->code, id);
                    note_use(pf, id);
                }
            }
            f->p = *p == '\n' ? p + 1 : p;
            continue;
        }
        p = token(p + 1, id, sizeof id, &k, &pc);
        if (!k) {                          /* the null directive */
            f->p = *p == '\n' ? p + 1 : p;
            continue;
        }
        char dir[16];
        int known = k == 1 && strlen(id) < sizeof dir;
        if (known)
            memcpy(dir, id, strlen(id) + 1);
        else
            dir[0] = 0;
        int opens = strcmp(dir, "if") == 0 || strcmp(dir, "ifdef") == 0 ||
                    strcmp(dir, "ifndef") == 0;
        if (skipping) {                    /* only the nesting counts */
            if (opens) {
                push(f, C_DONE);
            } else if (strcmp(dir, "endif") == 0) {
                f->depth--;
            } else if (strcmp(dir, "else") == 0 && top(f) == C_SKIP) {
                set_top(f, C_ACTIVE);      /* every branch before was surely not taken */
            } else if (strcmp(dir, "elif") == 0 && top(f) == C_SKIP) {
                set_top(f, C_UNKNOWN);
                p = names_to(p, &pf->conds, 1, NULL, 0, pf);
            }
            f->p = end_line(p);
            continue;
        }
        if (!known) {
            pf->blocked = "an unknown directive before it";
            break;
        }
        if ((f->guard == 0 && !opens && strcmp(dir, "pragma") != 0) ||
            (f->guard == 1 && strcmp(dir, "define") != 0))
            f->guard = -1;
        if (strcmp(dir, "include") == 0) {
            p = skip_space(p);
            char close = *p == '"' ? '"' : *p == '<' ? '>' : 0;
            const char *b = p + 1, *e = b;
            while (close && *e && *e != close && *e != '\n')
                e++;
            if (!close || *e != close || e == b || (size_t)(e - b) >= size) {
                pf->blocked = "a computed #include before it";
                break;
            }
            memcpy(name, b, (size_t)(e - b));
            name[e - b] = 0;
            *angled = close == '>';
            *uncond = all_active(f);
            f->p = end_line(e + 1);
            return 1;
        }
        if (strcmp(dir, "define") == 0) {
            p = define(f, pf, p);
            if (f->guard == 2 && f->depth == 1)
                set_top(f, C_ACTIVE);      /* read, the first time: the walk's only one */
        } else if (strcmp(dir, "undef") == 0) {
            p = undef(pf, p);
        } else if (opens) {
            p = cond(f, pf, p, dir);
        } else if (strcmp(dir, "elif") == 0 || strcmp(dir, "else") == 0) {
            if (top(f) == C_ACTIVE)        /* a branch before was surely taken */
                set_top(f, C_DONE);
            if (strcmp(dir, "elif") == 0)
                p = names_to(p, &pf->conds, 1, NULL, 0, pf);
        } else if (strcmp(dir, "endif") == 0) {
            if (f->depth > 0)
                f->depth--;
        } else if (strcmp(dir, "pragma") == 0) {
            p = token(p, id, sizeof id, &k, &pc);
            if (f->guard == 0 && (k != 1 || strcmp(id, "once") != 0))
                f->guard = -1;
            if (k != 1 || (strcmp(id, "once") != 0 && strcmp(id, "warning") != 0 &&
                           strcmp(id, "message") != 0 && strcmp(id, "comment") != 0 &&
                           strcmp(id, "region") != 0 && strcmp(id, "endregion") != 0)) {
                pf->blocked = "a #pragma before it";
                break;
            }
        } else if (strcmp(dir, "error") == 0 || strcmp(dir, "warning") == 0 ||
                   strcmp(dir, "line") == 0) {
            /* its words are not names */
        } else {
            pf->blocked = "an unknown directive before it";
            break;
        }
        f->p = end_line(p);
    }
    return pf->blocked ? -1 : 0;
}

/* One more #define (sig) or #undef (NULL) of name in a closure: its
 * meaning, while every definition agrees and none is undone (sig index),
 * else -1. */
static void closure_def(Closure *c, const char *name, char *sig)
{
    int *k = strmap_get(&c->sigof, name);
    if (!k) {
        int at = -1;
        if (sig) {
            c->sigs = realloc(c->sigs, (size_t)(c->nsigs + 1) * sizeof *c->sigs);
            if (!c->sigs)
                abort();
            c->sigs[c->nsigs] = sig;
            at = c->nsigs++;
            sig = NULL;
        }
        strmap_put(&c->sigof, name, at);
    } else if (*k >= 0 && (!sig || strcmp(c->sigs[*k], sig) != 0)) {
        *k = -1;
    }
    free(sig);
}

void pfx_closure_text(Closure *c, const char *text)
{
    const char *p = text, *defstart = NULL;
    char id[256], pc;
    int k;
    while (*p) {
        const char *q = skip_space(p);
        int directive = *q == '#', first = 1, defname = 0;
        if (directive)
            q++;
        for (;;) {
            q = token(q, id, sizeof id, &k, &pc);
            if (!k)
                break;
            if (k != 1) {
                first = 0;
                continue;
            }
            if (defname) {
                add(&c->macros, id);
                closure_def(c, id, defname == 1 ? macro_sig(defstart) : NULL);
                defname = 0;
            }
            if (directive && first) {
                defname = strcmp(id, "define") == 0 ? 1 : strcmp(id, "undef") == 0 ? 2 : 0;
                defstart = q;
            } else {
                add(&c->ids, id);
            }
            first = 0;
        }
        p = *q == '\n' ? q + 1 : q;
    }
}

void pfx_closure_free(Closure *c)
{
    strmap_free(&c->ids);
    strmap_free(&c->macros);
    strmap_free(&c->declared);
    for (int i = 0; i < c->nsigs; i++)
        free(c->sigs[i]);
    free(c->sigs);
    strmap_free(&c->sigof);
}

/* The names the prefix reads as code: its code lines, and the bodies of
 * the macros it expands there or in its #if's, and of those they expand;
 * each with the position of its first use (a body's names: its macro's). */
static void code_names(const Prefix *pf, StrMap *out)
{
    const StrMap *from[2] = { &pf->code, &pf->conds };
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < from[k]->cap; i++)
            if (from[k]->keys[i]) {
                int *u = strmap_get((StrMap *)&pf->firstuse, from[k]->keys[i]);
                strmap_put(out, from[k]->keys[i], u ? *u : 1);
            }
    for (int more = 1; more;) {
        more = 0;
        for (int i = 0; i < pf->bodyof.cap; i++) {
            const char *name = pf->bodyof.keys[i];
            int *atp = name ? strmap_get(out, name) : NULL;
            if (!atp)
                continue;
            int at = *atp;           /* a put below may move the table */
            const StrMap *b = &pf->bodies[pf->bodyof.vals[i]];
            for (int j = 0; j < b->cap; j++) {
                if (!b->keys[j])
                    continue;
                int *u = strmap_get(out, b->keys[j]);
                if (!u || *u > at) {
                    strmap_put(out, b->keys[j], at);
                    more = 1;
                }
            }
        }
    }
}

enum { UNSETTLED, SAME, CARRY };

/* A macro the prefix defines that the closure names: SAME when both define
 * it alike (each side one meaning, never undone), CARRY when the closure
 * only reads it and the prefix surely defines it once with a body of
 * nothing but the closure's names (the copy is then made with that
 * #define before the header, in the prefix's order); either way no use in
 * the prefix comes before its definition.  Else UNSETTLED. */
static int settle(const Prefix *pf, Closure *c, StrMap *uses, const char *name)
{
    int *k = strmap_get((StrMap *)&pf->defs, name);
    const PfxDef *d = k ? &pf->def[*k] : NULL;
    if (!d || !d->sig || d->varies || d->undef)
        return UNSETTLED;
    int *u = strmap_get(uses, name);
    if (u && *u < d->at)
        return UNSETTLED;
    if (strmap_get(&c->macros, name)) {
        int *ci = strmap_get(&c->sigof, name);
        return ci && *ci >= 0 && strcmp(c->sigs[*ci], d->sig) == 0 ? SAME : UNSETTLED;
    }
    if (!d->sure)
        return UNSETTLED;
    int *b = strmap_get((StrMap *)&pf->bodyof, name);
    for (int j = 0; b && j < pf->bodies[*b].cap; j++) {
        const char *n = pf->bodies[*b].keys[j];
        if (n && !is_keyword(n) && !strmap_get(&c->declared, n) && !strmap_get(&c->macros, n))
            return UNSETTLED;
    }
    return CARRY;
}

static int by_position(const void *x, const void *y)
{
    const PfxDef *a = *(const PfxDef *const *)x, *b = *(const PfxDef *const *)y;
    return a->at - b->at;
}

const char *pfx_conflict(const Prefix *pf, Closure *c, char **carry, char *why, size_t size)
{
    *carry = NULL;
    if (pf->blocked) {
        snprintf(why, size, "%s", pf->blocked);
        return why;
    }
    StrMap code = {0};
    code_names(pf, &code);
    const char *n = NULL;
    /* names of both: code reads one the closure declares or defines; a
     * macro of the prefix the closure names; a test of a closure macro */
    const PfxDef **carried = NULL;
    int ncarried = 0;
    for (int i = 0; !n && i < code.cap; i++) {
        const char *x = code.keys[i];
        if (x && !is_keyword(x) && (strmap_get(&c->declared, x) || strmap_get(&c->macros, x)) &&
            settle(pf, c, &code, x) == UNSETTLED) {
            n = x;
            snprintf(why, size, "%s is a name of both", x);
        }
    }
    for (int i = 0; !n && i < pf->macros.cap; i++) {
        const char *x = pf->macros.keys[i];
        if (!x || !strmap_get(&c->ids, x))
            continue;
        int st = settle(pf, c, &code, x);
        if (st == UNSETTLED) {
            n = x;
            snprintf(why, size, "macro %s is defined before it and named in it", x);
        } else if (st == CARRY) {
            carried = realloc(carried, (size_t)(ncarried + 1) * sizeof *carried);
            if (!carried)
                abort();
            carried[ncarried++] = &pf->def[*strmap_get((StrMap *)&pf->defs, x)];
        }
    }
    for (int i = 0; !n && i < pf->conds.cap; i++) {
        const char *x = pf->conds.keys[i];
        if (x && strmap_get(&c->macros, x) && settle(pf, c, &code, x) == UNSETTLED) {
            n = x;
            snprintf(why, size, "macro %s is tested before it and defined in it", x);
        }
    }
    if (!n && ncarried) {
        qsort(carried, (size_t)ncarried, sizeof *carried, by_position);
        size_t len = 1;
        for (int i = 0; i < ncarried; i++)
            len += strlen(carried[i]->sig) + 10;
        char *t = malloc(len), *w = t;
        if (!t)
            abort();
        for (int i = 0; i < ncarried; i++)
            w += sprintf(w, "#define %s\n", carried[i]->sig);
        *carry = t;
    }
    free(carried);
    strmap_free(&code);
    return n ? why : NULL;
}
