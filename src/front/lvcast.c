/* lvcast.c - MSVC lvalue casts found in the text, before the first parse round.
 *
 * MSVC takes a cast as the left side of an assignment ("(PVOID)Adapter =
 * Alloc(...)", "((PUCHAR)p) += n"); clang refuses it.  recover.c blanks
 * such a cast once a round's errors name it, and parses again: on e100bex
 * four of eight files took a second round for the casts in two macros of
 * mp.h (`#define MP_GET_NET_BUFFER_LIST_REF_COUNT(_N)
 * ((ULONG)(ULONG_PTR)((_N)->MiniportReserved[1]))`, used as
 * `MP_GET_NET_BUFFER_LIST_REF_COUNT(Nbl) = Count`), and the second rounds
 * made the scan 1.33 times clang's time.  What the text shows for sure is
 * blanked before the first round instead:
 *  - a statement that assigns to a cast expression: at a statement's start
 *    ('{', '}', ';' or "else" before it), a left side that is, inside any
 *    parentheses, a chain of casts and one operand with its postfixes
 *    (->f, .f, [i]), then an assignment operator, ++ or --;
 *  - a function-like macro whose body is such a cast expression, used
 *    anywhere in the unit's texts as the left side of an assignment, or
 *    with ++ or -- (the uses may be in another file than the macro);
 *  - a function-like macro whose body is such a statement ("(ULONG_PTR)
 *    ((_N)->Reserved[0]) = (_C)"), called anywhere in the unit's texts.
 * A cast is '(' a type word (a C type keyword, struct/union/enum, const,
 * volatile, or an all-capital name, as Windows types are spelt) then
 * words and '*' then ')' followed by an operand: "(FOO)(x)" with FOO a
 * function is a call, but an all-capital function is rare and a
 * function-like macro in parentheses does not expand.  What this misses
 * the rounds still recover.  Each file's text is read once per unit, so
 * nothing depends on the other units or their order: the main file whole,
 * a header for its #defines only. */
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

enum { MAX_TOKENS = 1 << 22 };

typedef struct Toks {
    SrcTok *v;
    int *match;              /* the index of the matching bracket, or -1 */
    int n, cap;
} Toks;

static void push_name(char ***names, int n, const char *name, size_t len)
{
    *names = realloc(*names, (size_t)(n + 1) * sizeof **names);
    if (!*names || !((*names)[n] = strndup(name, len)))
        abort();
}

static void push_off(unsigned **offs, int n, unsigned off)
{
    *offs = realloc(*offs, (size_t)(n + 1) * sizeof **offs);
    if (!*offs)
        abort();
    (*offs)[n] = off;
}

static int is(const char *t, const SrcTok *k, const char *s)
{
    size_t l = strlen(s);
    return k->len == l && memcmp(t + k->off, s, l) == 0;
}

/* = += -= *= /= %= &= |= ^= <<= >>=, not == != <= >= */
static int is_assign(const char *t, const SrcTok *k)
{
    if (k->kind != TOK_PUNCT || t[k->off + k->len - 1] != '=')
        return 0;
    return k->len == 1 || k->len == 3 || strchr("+-*/%&|^", t[k->off]) != NULL;
}

static int is_incdec(const char *t, const SrcTok *k)
{
    return k->kind == TOK_PUNCT && (is(t, k, "++") || is(t, k, "--"));
}

/* A word a cast's type may start with. */
static int type_word(const char *t, const SrcTok *k)
{
    static const char *const kw[] = {"void", "char", "short", "int", "long", "signed",
                                     "unsigned", "float", "double", "struct", "union",
                                     "enum", "const", "volatile", "__int64", "__int32",
                                     "__int16", "__int8", "_Bool", NULL};
    if (k->kind != TOK_WORD)
        return 0;
    for (int i = 0; kw[i]; i++)
        if (is(t, k, kw[i]))
            return 1;
    int letters = 0;
    for (unsigned i = 0; i < k->len; i++) {
        char c = t[k->off + i];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters |= c >= 'A' && c <= 'Z';
    }
    return letters;
}

/* A cast at i ("(" type words and '*' ")" then an operand's start): the
 * index past its ')', else -1. */
static int cast_end(const char *t, const Toks *s, int i, int j)
{
    if (i >= j || !is(t, &s->v[i], "(") || i + 1 >= j || !type_word(t, &s->v[i + 1]))
        return -1;
    int k = i + 2;
    while (k < j && (s->v[k].kind == TOK_WORD || is(t, &s->v[k], "*")))
        k++;
    if (k + 1 >= j || !is(t, &s->v[k], ")"))
        return -1;
    const SrcTok *n = &s->v[k + 1];
    if (!(n->kind == TOK_WORD || is(t, n, "(")) || is(t, n, "sizeof"))
        return -1;
    return k + 1;
}

/* Is s[i, j) a cast expression: a chain of casts and one operand with its
 * postfixes, in any parentheses?  Its first cast's token in *first. */
static int cast_expr(const char *t, const Toks *s, int i, int j, int *first)
{
    while (i < j && is(t, &s->v[i], "(") && s->match[i] == j - 1 && cast_end(t, s, i, j) < 0) {
        i++;
        j--;
    }
    int e = cast_end(t, s, i, j);
    if (e < 0)
        return 0;
    *first = i;
    while (e >= 0) {
        i = e;
        e = cast_end(t, s, i, j);
    }
    if (is(t, &s->v[i], "(")) {
        if (s->match[i] < 0 || s->match[i] >= j)
            return 0;
        i = s->match[i] + 1;
    } else {
        i++;                                 /* a word: cast_end saw it */
    }
    while (i < j) {
        if ((is(t, &s->v[i], "->") || is(t, &s->v[i], ".")) && i + 1 < j &&
            s->v[i + 1].kind == TOK_WORD)
            i += 2;
        else if (is(t, &s->v[i], "[") && s->match[i] > i && s->match[i] < j)
            i = s->match[i] + 1;
        else
            return 0;
    }
    return 1;
}

/* Brackets matched within [b, e); unmatched ones (an #if that splits a
 * condition) get -1. */
static void match(const char *t, Toks *s, int b, int e)
{
    int *stack = malloc((size_t)(e - b + 1) * sizeof *stack), top = 0;
    if (!stack)
        abort();
    for (int i = b; i < e; i++) {
        s->match[i] = -1;
        char c = s->v[i].kind == TOK_PUNCT && s->v[i].len == 1 ? t[s->v[i].off] : 0;
        if (c == '(' || c == '[' || c == '{') {
            stack[top++] = i;
        } else if (c == ')' || c == ']' || c == '}') {
            char open = c == ')' ? '(' : c == ']' ? '[' : '{';
            while (top > 0 && t[s->v[stack[top - 1]].off] != open)
                top--;                           /* an unclosed one: left at -1 */
            if (top > 0) {
                int o = stack[--top];
                s->match[o] = i;
                s->match[i] = o;
            }
        }
    }
    free(stack);
}

/* Uses of macros as left sides in s[b, e): NAME(...) followed by an
 * assignment, ++ or --, or after ++ or --. */
static void macro_uses(LvText *lv, const char *t, const Toks *s, int b, int e)
{
    for (int i = b; i + 1 < e; i++) {
        if (s->v[i].kind != TOK_WORD || !is(t, &s->v[i + 1], "(") || s->match[i + 1] < 0)
            continue;
        int after = s->match[i + 1] + 1;
        if ((after < e && (is_assign(t, &s->v[after]) || is_incdec(t, &s->v[after]))) ||
            (i > b && is_incdec(t, &s->v[i - 1])))
            push_name(&lv->uses, lv->nuses++, t + s->v[i].off, s->v[i].len);
    }
}

/* The names called in s[b, e): a macro that assigns to a cast matters
 * only where it is used. */
static void calls(LvText *lv, const char *t, const Toks *s, int b, int e)
{
    char name[256];
    for (int i = b; i + 1 < e; i++)
        if (s->v[i].kind == TOK_WORD && s->v[i].len < sizeof name && is(t, &s->v[i + 1], "(")) {
            src_copy(t, &s->v[i], name, sizeof name);
            strmap_put(&lv->calls, name, 1);
        }
}

/* Statements that assign to a cast expression, in code s[b, e). */
static void statement_casts(LvText *lv, const char *t, const Toks *s, int b, int e)
{
    for (int i = b; i < e; i++) {
        if (!is(t, &s->v[i], "(") || s->match[i] < 0)
            continue;
        const SrcTok *p = i > b ? &s->v[i - 1] : NULL;
        if (p && !is(t, p, ";") && !is(t, p, "{") && !is(t, p, "}") && !is(t, p, "else"))
            continue;
        int k = i;                           /* the first operator outside brackets */
        while (k < e && !(s->v[k].kind == TOK_PUNCT &&
                          (is_assign(t, &s->v[k]) || is_incdec(t, &s->v[k]) ||
                           is(t, &s->v[k], ";") || is(t, &s->v[k], ",") ||
                           is(t, &s->v[k], "{") || is(t, &s->v[k], "}")))) {
            if ((is(t, &s->v[k], "(") || is(t, &s->v[k], "[")) && s->match[k] > k)
                k = s->match[k];
            k++;
        }
        int first;
        if (k < e && (is_assign(t, &s->v[k]) || is_incdec(t, &s->v[k])) &&
            cast_expr(t, s, i, k, &first))
            push_off(&lv->casts, lv->ncasts++, s->v[first].off);
        i = k > i ? k - 1 : i;
    }
}

/* The end of the logical line holding off (past backslash-newlines). */
static unsigned line_end(const char *t, size_t len, unsigned off)
{
    while (off < len && t[off] != '\n')
        off += t[off] == '\\' && off + 1 < len && (t[off + 1] == '\n' || t[off + 1] == '\r')
                   ? 2 : 1;
    return off;
}

static int at_line_start(const char *t, unsigned off)
{
    while (off > 0 && (t[off - 1] == ' ' || t[off - 1] == '\t'))
        off--;
    return off == 0 || t[off - 1] == '\n';
}

/* #define NAME(params) BODY, the body's tokens in s[b, e): a cast macro? */
static void define(LvText *lv, const char *t, Toks *s, int b, int e)
{
    if (e - b < 4 || !is(t, &s->v[b], "define") || s->v[b + 1].kind != TOK_WORD)
        return;
    const SrcTok *name = &s->v[b + 1];
    if (!is(t, &s->v[b + 2], "(") || s->v[b + 2].off != name->off + name->len)
        return;                              /* object-like */
    match(t, s, b + 2, e);
    int body = s->match[b + 2] + 1, first;
    if (body <= b + 2 || body >= e)
        return;
    match(t, s, body, e);
    macro_uses(lv, t, s, body, e);
    calls(lv, t, s, body, e);
    int had = lv->ncasts;                    /* a body that assigns to a cast */
    statement_casts(lv, t, s, body, e);
    for (int i = had; i < lv->ncasts; i++) {
        push_name(&lv->smacro, lv->nsmacros, t + name->off, name->len);
        push_off(&lv->soff, lv->nsmacros++, lv->casts[i]);
    }
    lv->ncasts = had;
    if (cast_expr(t, s, body, e, &first))
    {
        push_name(&lv->macro, lv->nmacros, t + name->off, name->len);
        push_off(&lv->body, lv->nmacros++, s->v[first].off);
    }
}

static void add_tok(Toks *s, const SrcTok *k)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
        s->match = realloc(s->match, (size_t)s->cap * sizeof *s->match);
        if (!s->v || !s->match)
            abort();
    }
    s->v[s->n++] = *k;
}

/* A header's function-like #defines only, line by line: lexing a whole
 * header cost a WDI file 10 ms, 4% of its parse (most of a header is
 * declarations).  A statement cast in a header's inline function, or a
 * macro used as a left side there, is left to the rounds. */
static void read_defines(LvText *lv, const char *t, size_t len)
{
    Toks s = {0};
    for (size_t i = 0; i < len;) {
        while (i < len && (t[i] == ' ' || t[i] == '\t'))
            i++;
        if (i < len && t[i] == '#') {
            size_t j = i + 1;
            while (j < len && (t[j] == ' ' || t[j] == '\t'))
                j++;
            unsigned end = line_end(t, len, (unsigned)i);
            if (len - j > 7 && memcmp(t + j, "define", 6) == 0 &&
                (t[j + 6] == ' ' || t[j + 6] == '\t')) {
                unsigned pos = (unsigned)j;
                SrcTok k;
                s.n = 0;
                while (src_next(t, end, &pos, &k) && s.n < MAX_TOKENS)
                    add_tok(&s, &k);
                define(lv, t, &s, 0, s.n);
            }
            i = end;
        }
        const char *nl = memchr(t + i, '\n', len - i);
        i = nl ? (size_t)(nl - t) + 1 : len;
    }
    free(s.v);
    free(s.match);
}

void lv_read(LvText *lv, const char *t, size_t len, int whole)
{
    memset(lv, 0, sizeof *lv);
    if (!whole) {
        read_defines(lv, t, len);
        return;
    }
    Toks s = {0};
    unsigned pos = 0, dend = 0;
    int code = 0, dstart = -1;               /* code tokens in s.v[0, code); a directive's from dstart */
    SrcTok k;
    while (s.n < MAX_TOKENS && src_next(t, len, &pos, &k)) {
        if (dstart >= 0 && k.off >= dend) {  /* the directive ended */
            define(lv, t, &s, dstart, s.n);
            s.n = dstart;
            dstart = -1;
        }
        if (dstart < 0 && is(t, &k, "#") && at_line_start(t, k.off)) {
            dstart = s.n;
            dend = line_end(t, len, k.off);
            continue;
        }
        add_tok(&s, &k);
        if (dstart < 0)
            code = s.n;
    }
    if (dstart >= 0)
        define(lv, t, &s, dstart, s.n);
    match(t, &s, 0, code);
    macro_uses(lv, t, &s, 0, code);
    calls(lv, t, &s, 0, code);
    statement_casts(lv, t, &s, 0, code);
    free(s.v);
    free(s.match);
}

void lv_free(LvText *lv)
{
    for (int i = 0; i < lv->nmacros; i++)
        free(lv->macro[i]);
    for (int i = 0; i < lv->nuses; i++)
        free(lv->uses[i]);
    for (int i = 0; i < lv->nsmacros; i++)
        free(lv->smacro[i]);
    free(lv->smacro);
    free(lv->soff);
    strmap_free(&lv->calls);
    free(lv->macro);
    free(lv->body);
    free(lv->uses);
    free(lv->casts);
    memset(lv, 0, sizeof *lv);
}

void lv_apply(Recover *r, const char *const *paths, LvText *const *lvs, int n)
{
    StrMap used = {0};
    for (int f = 0; f < n; f++)
        for (int i = 0; i < lvs[f]->nuses; i++)
            strmap_put(&used, lvs[f]->uses[i], 1);
    for (int f = 0; f < n; f++) {
        for (int i = 0; i < lvs[f]->nsmacros; i++)
            for (int g = 0; g < n; g++)
                if (strmap_get(&lvs[g]->calls, lvs[f]->smacro[i])) {
                    rec_cast_chain(r, paths[f], lvs[f]->soff[i]);
                    break;
                }
        for (int i = 0; i < lvs[f]->ncasts; i++)
            rec_cast_chain(r, paths[f], lvs[f]->casts[i]);
        for (int i = 0; i < lvs[f]->nmacros; i++)
            if (strmap_get(&used, lvs[f]->macro[i]))
                rec_cast_chain(r, paths[f], lvs[f]->body[i]);
    }
    strmap_free(&used);
}
