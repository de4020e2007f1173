/* lex.c - the SLIC tokenizer.
 *
 * Turns one file's text into a linked list of tokens ending with TK_EOF:
 * identifiers, integer and character constants, string literals, `$`-names
 * ($1, $return, $fname) and C punctuators.  Comments and backslash-newline
 * are whitespace; the first comment block of a file is kept as the rule's
 * header comment.  Every token records file:line:col and the start of its
 * line so that diagnostics can show the line with a caret.  One pass, O(n). */
#include "slic.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void verror(DiagList *d, RLoc loc, const char *line, const char *fmt, va_list ap)
{
    char msg[1024], src[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    int col = loc.col;
    if (line) {
        size_t n = strcspn(line, "\r\n");
        if (n >= sizeof src)
            n = sizeof src - 1;
        memcpy(src, line, n);
        src[n] = 0;
        /* keep the caret on the line: the printer indexes the line up to col */
        if (col > (int)n + 1)
            col = (int)n + 1;
    }
    diag_add_src(d, DIAG_ERROR, loc.file, loc.line, col, line ? src : NULL, "%s", msg);
}

void slic_error_at(DiagList *d, RLoc loc, const char *line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(d, loc, line, fmt, ap);
    va_end(ap);
}

void slic_error(DiagList *d, const Token *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(d, t->loc, t->line, fmt, ap);
    va_end(ap);
}

int slic_is(const Token *t, const char *s)
{
    return (t->kind == TK_PUNCT || t->kind == TK_IDENT) && strcmp(t->text, s) == 0;
}

const char *slic_tok_str(Arena *a, const Token *t)
{
    switch (t->kind) {
    case TK_EOF:
        return "end of file";
    case TK_STR:
        return "a string";
    case TK_NUM:
        return arena_printf(a, "'%lld'", t->num);
    case TK_DOLLAR:
        return arena_printf(a, "'$%s'", t->text);
    default:
        return arena_printf(a, "'%s'", t->text);
    }
}

static const char *const puncts[] = {
    "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##",
};

typedef struct Lex {
    Arena *a;
    DiagList *d;
    const char *file;
    const char *p;
    const char *line;        /* start of the current line */
    int lineno;
    int bol, space;
    Token head, *tail;
    const char *lead;
    int seen_token;
} Lex;

static RLoc here(const Lex *L)
{
    RLoc r = { L->file, L->lineno, (int)(L->p - L->line) + 1 };
    return r;
}

static void newline(Lex *L)
{
    L->p++;
    L->line = L->p;
    L->lineno++;
    L->bol = 1;
}

static Token *add(Lex *L, TokKind k, RLoc loc, const char *line)
{
    Token *t = arena_alloc(L->a, sizeof *t);
    t->kind = k;
    t->loc = loc;
    t->line = line;
    t->bol = L->bol;
    t->space = L->space || L->bol;
    L->bol = 0;
    L->space = 0;
    L->tail->next = t;
    L->tail = t;
    L->seen_token = 1;
    return t;
}

/* Skip whitespace and comments; returns 0 after an error. */
static int skip_space(Lex *L)
{
    for (;;) {
        char c = *L->p;
        if (c == '\n') {
            newline(L);
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            L->p++;
            L->space = 1;
        } else if (c == '\\' && (L->p[1] == '\n' || (L->p[1] == '\r' && L->p[2] == '\n'))) {
            L->p += L->p[1] == '\r' ? 2 : 1;
            L->line = L->p + 1;
            L->p++;
            L->lineno++;
            L->space = 1;
        } else if (c == '/' && L->p[1] == '/') {
            const char *s = L->p;
            while (*L->p && *L->p != '\n')
                L->p++;
            if (!L->seen_token && !L->lead)
                L->lead = arena_strndup(L->a, s, (size_t)(L->p - s));
            L->space = 1;
        } else if (c == '/' && L->p[1] == '*') {
            RLoc loc = here(L);
            const char *line = L->line, *s = L->p;
            L->p += 2;
            while (*L->p && !(L->p[0] == '*' && L->p[1] == '/')) {
                if (*L->p == '\n')
                    newline(L);
                else
                    L->p++;
            }
            if (!*L->p) {
                slic_error_at(L->d, loc, line, "unterminated comment");
                return 0;
            }
            L->p += 2;
            if (!L->seen_token && !L->lead)
                L->lead = arena_strndup(L->a, s, (size_t)(L->p - s));
            L->space = 1;
        } else {
            return 1;
        }
    }
}

static int ident_char(int c)
{
    return isalnum(c) || c == '_';
}

static int lex_number(Lex *L)
{
    RLoc loc = here(L);
    const char *s = L->p;
    unsigned long long v = 0;
    int overflow = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        L->p += 2;
        if (!isxdigit((unsigned char)*L->p)) {
            slic_error_at(L->d, loc, L->line, "invalid hexadecimal constant");
            return 0;
        }
        while (isxdigit((unsigned char)*L->p)) {
            int dv = isdigit((unsigned char)*L->p) ? *L->p - '0' : (tolower((unsigned char)*L->p) - 'a' + 10);
            if (v >> 60)
                overflow = 1;
            v = v * 16 + (unsigned)dv;
            L->p++;
        }
    } else {
        int base = s[0] == '0' ? 8 : 10;
        while (isdigit((unsigned char)*L->p)) {
            int dv = *L->p - '0';
            if (dv >= base) {
                slic_error_at(L->d, loc, L->line, "invalid digit '%c' in octal constant", *L->p);
                return 0;
            }
            if (v > (~0ULL - (unsigned)dv) / (unsigned)base)
                overflow = 1;
            v = v * (unsigned)base + (unsigned)dv;
            L->p++;
        }
    }
    while (*L->p == 'u' || *L->p == 'U' || *L->p == 'l' || *L->p == 'L')
        L->p++;
    if (ident_char((unsigned char)*L->p) || overflow) {
        slic_error_at(L->d, loc, L->line, overflow ? "integer constant is too large"
                                                   : "invalid suffix on integer constant");
        return 0;
    }
    Token *t = add(L, TK_NUM, loc, L->line);
    t->num = (long long)v;
    t->text = arena_strndup(L->a, s, (size_t)(L->p - s));
    return 1;
}

/* One character of a string or character constant, escapes resolved.
 * Unknown escapes keep their backslash (SDV messages write "Scatter\Gather"). */
static int lex_char(Lex *L, char *out, int *nout)
{
    if (*L->p != '\\') {
        out[(*nout)++] = *L->p++;
        return 1;
    }
    char e = L->p[1];
    static const char from[] = "nt0r\\\"'abfv", to[] = "\n\t\0\r\\\"'\a\b\f\v";
    const char *m = e ? strchr(from, e) : NULL;
    if (m) {
        out[(*nout)++] = to[m - from];
        L->p += 2;
        return 1;
    }
    out[(*nout)++] = '\\';
    L->p++;
    return 1;
}

static int lex_string(Lex *L, char quote)
{
    RLoc loc = here(L);
    const char *line = L->line;
    L->p++;
    size_t cap = strcspn(L->p, "\n") + 1;
    char *buf = arena_alloc(L->a, cap + 1);
    int n = 0;
    while (*L->p != quote) {
        if (!*L->p || *L->p == '\n' || (*L->p == '\\' && (L->p[1] == '\n' || !L->p[1]))) {
            slic_error_at(L->d, loc, line, quote == '"' ? "unterminated string" : "unterminated character constant");
            return 0;
        }
        lex_char(L, buf, &n);
    }
    L->p++;
    buf[n] = 0;
    if (quote == '\'') {
        if (n != 1) {
            slic_error_at(L->d, loc, line, "character constant must hold one character");
            return 0;
        }
        Token *t = add(L, TK_NUM, loc, line);
        t->num = (unsigned char)buf[0];
        t->text = arena_strndup(L->a, buf, 1);
        return 1;
    }
    Token *t = add(L, TK_STR, loc, line);
    t->text = buf;
    return 1;
}

Token *slic_lex(Arena *a, const char *file, const char *text, const char **lead, DiagList *d)
{
    Lex L;
    memset(&L, 0, sizeof L);
    L.a = a;
    L.d = d;
    L.file = file;
    L.p = text;
    L.line = text;
    L.lineno = 1;
    L.bol = 1;
    L.tail = &L.head;
    for (;;) {
        if (!skip_space(&L))
            return NULL;
        char c = *L.p;
        RLoc loc = here(&L);
        if (!c) {
            Token *t = add(&L, TK_EOF, loc, L.line);
            t->text = "";
            t->bol = 1;
            break;
        }
        if (isdigit((unsigned char)c)) {
            if (!lex_number(&L))
                return NULL;
        } else if (ident_char((unsigned char)c)) {
            const char *s = L.p;
            while (ident_char((unsigned char)*L.p))
                L.p++;
            Token *t = add(&L, TK_IDENT, loc, L.line);
            t->text = arena_strndup(a, s, (size_t)(L.p - s));
        } else if (c == '"' || c == '\'') {
            if (!lex_string(&L, c))
                return NULL;
        } else if (c == '$') {
            const char *s = ++L.p;
            while (ident_char((unsigned char)*L.p))
                L.p++;
            if (L.p == s) {
                slic_error_at(d, loc, L.line, "expected a number or a name after '$'");
                return NULL;
            }
            Token *t = add(&L, TK_DOLLAR, loc, L.line);
            t->text = arena_strndup(a, s, (size_t)(L.p - s));
        } else {
            size_t n = 0;
            for (size_t i = 0; i < sizeof puncts / sizeof puncts[0]; i++) {
                size_t k = strlen(puncts[i]);
                if (strncmp(L.p, puncts[i], k) == 0) {
                    n = k;
                    break;
                }
            }
            if (!n && c && strchr("{}[]();,.:?=+-*/%<>!~&|^#", c))
                n = 1;
            if (!n) {
                if (isprint((unsigned char)c))
                    slic_error_at(d, loc, L.line, "unexpected character '%c'", c);
                else
                    slic_error_at(d, loc, L.line, "unexpected character 0x%02x", (unsigned char)c);
                return NULL;
            }
            Token *t = add(&L, TK_PUNCT, loc, L.line);
            t->text = arena_strndup(a, L.p, n);
            L.p += n;
        }
    }
    if (lead)
        *lead = L.lead;
    return L.head.next;
}
