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
 *   - no macro the prefix defines or undefines appears in the closure;
 *   - no name the prefix tests (#if, #ifdef) is defined or undefined as a
 *     macro in the closure (both may test _WIN64 or __cplusplus);
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
}

/* The rest of a line's names into m (all but `defined` when conds). */
static const char *names_to(const char *p, StrMap *m, int conds, const char *const *skip,
                            int nskip)
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
    }
}

/* #define NAME[(params)] body */
static const char *define(PfxFile *f, Prefix *pf, const char *p)
{
    char id[256], pc;
    int k;
    p = token(p, id, sizeof id, &k, &pc);
    if (k != 1) {
        pf->blocked = "a #define without a name";
        return p;
    }
    add(&pf->macros, id);
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
    p = names_to(p, &pf->bodies[*b], 0, (const char *const *)params, np);
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
    if (f->guard == 0) {
        f->guard = -1;
        if (simple && neg) {
            snprintf(f->guard_name, sizeof f->guard_name, "%s", x);
            f->guard = 1;
            add(&pf->guards, x);
        }
    }
    push(f, state);
    return names_to(p, &pf->conds, 1, NULL, 0);
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
                if (k == 1 && !is_keyword(id))
                    add(&pf->code, id);
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
                p = names_to(p, &pf->conds, 1, NULL, 0);
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
            p = names_to(p, &pf->macros, 0, NULL, 0);
        } else if (opens) {
            p = cond(f, pf, p, dir);
        } else if (strcmp(dir, "elif") == 0 || strcmp(dir, "else") == 0) {
            if (top(f) == C_ACTIVE)        /* a branch before was surely taken */
                set_top(f, C_DONE);
            if (strcmp(dir, "elif") == 0)
                p = names_to(p, &pf->conds, 1, NULL, 0);
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

void pfx_closure_text(Closure *c, const char *text)
{
    const char *p = text;
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
                defname = 0;
            }
            if (directive && first)
                defname = strcmp(id, "define") == 0 || strcmp(id, "undef") == 0;
            else
                add(&c->ids, id);
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
}

/* A name of m that set holds (keywords only when kw), or NULL. */
static const char *shared_name(const StrMap *m, StrMap *set, int kw)
{
    for (int i = 0; i < m->cap; i++)
        if (m->keys[i] && (kw || !is_keyword(m->keys[i])) && strmap_get(set, m->keys[i]))
            return m->keys[i];
    return NULL;
}

/* The names the prefix reads as code: its code lines, and the bodies of the
 * macros it expands there or in its #if's, and of those they expand. */
static void code_names(const Prefix *pf, StrMap *out)
{
    const StrMap *from[2] = { &pf->code, &pf->conds };
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < from[k]->cap; i++)
            if (from[k]->keys[i])
                strmap_put(out, from[k]->keys[i], 1);
    char *done = calloc((size_t)pf->nbodies + 1, 1);
    if (!done)
        abort();
    for (int more = 1; more;) {
        more = 0;
        for (int i = 0; i < pf->bodyof.cap; i++) {
            const char *name = pf->bodyof.keys[i];
            if (!name || !strmap_get(out, name))
                continue;
            int b = pf->bodyof.vals[i];
            if (done[b])
                continue;
            done[b] = more = 1;
            for (int j = 0; j < pf->bodies[b].cap; j++)
                if (pf->bodies[b].keys[j])
                    strmap_put(out, pf->bodies[b].keys[j], 1);
        }
    }
    free(done);
}

const char *pfx_conflict(const Prefix *pf, Closure *c, char *why, size_t size)
{
    const char *n;
    StrMap code = {0};
    if (pf->blocked) {
        snprintf(why, size, "%s", pf->blocked);
        return why;
    }
    code_names(pf, &code);
    if ((n = shared_name(&code, &c->declared, 0)) || (n = shared_name(&code, &c->macros, 0)))
        snprintf(why, size, "%s is a name of both", n);
    else if ((n = shared_name(&pf->macros, &c->ids, 1)))
        snprintf(why, size, "macro %s is defined before it and named in it", n);
    else if ((n = shared_name(&pf->conds, &c->macros, 1)))
        snprintf(why, size, "macro %s is tested before it and defined in it", n);
    else
        n = NULL;
    strmap_free(&code);
    return n ? why : NULL;
}
