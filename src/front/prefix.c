/* prefix.c - can a file's first system header be parsed before the rest?
 *
 * A scan shares one precompiled copy of a header (shared.c) among the
 * files whose first system #include it is.  clang reads that copy before
 * the file's own text, so what the file does before that #include (its
 * prefix: its lines above it and the project headers they include) moves
 * after the header.  The two commute when neither can see the other, which
 * this decides from the texts, without preprocessing:
 *   - no name the prefix's code or #define bodies use appears anywhere in
 *     the header or what it includes (its closure): no declaration,
 *     macro or typedef of either is looked up by the other;
 *   - no macro the prefix defines or undefines appears in the closure;
 *   - no name the prefix tests (#if, #ifdef) is defined or undefined as a
 *     macro in the closure (both may test _WIN64 or __cplusplus);
 *   - the prefix has no #pragma but once, warning, message, comment and
 *     region (pack would change the closure's layouts), no computed or
 *     missing #include, no _Pragma or __pragma;
 *   - the #include of the header, and each one that leads to it, is outside
 *     every #if but a header's include guard: else it may not be the first.
 * Every line counts, active or not, so the answer errs towards "no".
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
    strmap_free(&pf->code);
    strmap_free(&pf->macros);
    strmap_free(&pf->conds);
    strmap_free(&pf->guards);
}

void pfx_begin(PfxFile *f, const char *text)
{
    memset(f, 0, sizeof *f);
    f->p = text;
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
    p = names_to(p, &pf->code, 0, (const char *const *)params, np);
    for (int i = 0; i < np; i++)
        free(params[i]);
    return p;
}

/* #if / #ifdef / #ifndef: a conditional opens; the first directive of a
 * file (after #pragma once) may open its include guard: then the next one
 * must define the name it tests. */
static const char *cond(PfxFile *f, Prefix *pf, const char *p, const char *dir)
{
    f->depth++;
    if (f->guard == 0) {
        f->guard = -1;
        char id[256], pc;
        int k;
        const char *q = p;
        int neg = strcmp(dir, "ifndef") == 0;
        if (strcmp(dir, "if") == 0) {
            q = token(q, id, sizeof id, &k, &pc);
            if (k == 2 && pc == '!') {
                q = token(q, id, sizeof id, &k, &pc);
                if (k == 1 && strcmp(id, "defined") == 0) {
                    neg = 1;
                    const char *r = skip_space(q);
                    if (*r == '(')
                        q = r + 1;
                }
            }
        }
        if (neg) {
            q = token(q, id, sizeof id, &k, &pc);
            if (k == 1) {
                const char *r = skip_space(q);
                if (*r == ')')
                    r = skip_space(r + 1);
                if (!*r || *r == '\n') {
                    snprintf(f->guard_name, sizeof f->guard_name, "%s", id);
                    f->guard = 1;
                    add(&pf->guards, id);
                }
            }
        }
    }
    return names_to(p, &pf->conds, 1, NULL, 0);
}

int pfx_next_include(PfxFile *f, Prefix *pf, char *name, size_t size, int *angled, int *uncond)
{
    char id[256], pc;
    int k;
    while (*f->p && !pf->blocked) {
        const char *p = skip_space(f->p);
        if (*p != '#') {                   /* a line of code */
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
        if (k != 1 || strlen(id) >= sizeof dir) {
            pf->blocked = "an unknown directive before it";
            break;
        }
        memcpy(dir, id, strlen(id) + 1);
        int opens = strcmp(dir, "if") == 0 || strcmp(dir, "ifdef") == 0 ||
                    strcmp(dir, "ifndef") == 0;
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
            *uncond = f->depth == 0 || (f->guard == 2 && f->depth == 1);
            f->p = end_line(e + 1);
            return 1;
        }
        if (strcmp(dir, "define") == 0) {
            p = define(f, pf, p);
        } else if (strcmp(dir, "undef") == 0) {
            p = names_to(p, &pf->macros, 0, NULL, 0);
        } else if (opens) {
            p = cond(f, pf, p, dir);
        } else if (strcmp(dir, "elif") == 0) {
            p = names_to(p, &pf->conds, 1, NULL, 0);
        } else if (strcmp(dir, "else") == 0 || strcmp(dir, "endif") == 0) {
            if (strcmp(dir, "endif") == 0 && f->depth > 0)
                f->depth--;
            p = end_line(p);
            f->p = p;
            continue;
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
}

/* A name of m that set holds (keywords only when kw), or NULL. */
static const char *shared_name(const StrMap *m, StrMap *set, int kw)
{
    for (int i = 0; i < m->cap; i++)
        if (m->keys[i] && (kw || !is_keyword(m->keys[i])) && strmap_get(set, m->keys[i]))
            return m->keys[i];
    return NULL;
}

const char *pfx_conflict(const Prefix *pf, Closure *c, char *why, size_t size)
{
    const char *n;
    if (pf->blocked)
        snprintf(why, size, "%s", pf->blocked);
    else if ((n = shared_name(&pf->code, &c->ids, 0)))
        snprintf(why, size, "%s is a name of both", n);
    else if ((n = shared_name(&pf->macros, &c->ids, 1)))
        snprintf(why, size, "macro %s is defined before it and named in it", n);
    else if ((n = shared_name(&pf->conds, &c->macros, 1)))
        snprintf(why, size, "macro %s is tested before it and defined in it", n);
    else
        return NULL;
    return why;
}
