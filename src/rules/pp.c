/* pp.c - the SLIC preprocessor: #include, #define, conditionals.
 *
 * Rules share macros through headers (#include "ndis_slic.h"), as SDV's do.
 * Supported: #include "f" / <f> (relative to the including file, then the
 * search directories; backslashes in the name are read as '/'), #define of
 * object-like and function-like macros (with # stringizing and __VA_ARGS__),
 * #undef, #if/#ifdef/#ifndef/#elif/#else/#endif with integer expressions and
 * defined(), #pragma (ignored), #error.  Not supported: ## pasting.
 *
 * Expansion follows the C model with per-token hide sets (as in chibicc): a
 * macro's replacement is spliced in front of the remaining input and
 * rescanned, and a token never expands a macro it came from.  Expanded tokens
 * carry the location of the macro use, so errors point at what the user
 * wrote.  Budgets (SLIC_MAX_*) bound include depth, expansions and output
 * size, so hostile input fails with an error instead of exhausting memory. */
#include "slic.h"
#include "drvcheck/files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct Macro Macro;
struct Macro {
    const char *name;
    int fn;                  /* function-like */
    const char **params;
    int nparams;
    int variadic;            /* last parameter is __VA_ARGS__ */
    Token *body;             /* list ending with TK_EOF */
    Macro *next;
};

typedef struct Pp {
    Arena *a;
    DiagList *d;
    Macro *macros;
    const char *const *dirs;
    int ndirs;
    Token head, *tail;
    int ntok;
    long budget;             /* tokens we may still copy during expansion */
    int nexp;
    int mdepth;
    int failed;
} Pp;

char *slic_read_file(Arena *a, const char *path)
{
    FILE *f = open_regular(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > SLIC_MAX_FILE_SIZE) {
        fclose(f);   /* no devices, fifos or directories: reading could block */
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        abort();
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                abort();
            buf = nb;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        if (k == 0)
            break;
        n += k;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    /* a NUL inside the file ends it, as for rule_load_text */
    char *r = arena_strndup(a, buf, n);
    free(buf);
    return r;
}

static Macro *find_macro(Pp *p, const char *name)
{
    for (Macro *m = p->macros; m; m = m->next)
        if (strcmp(m->name, name) == 0)
            return m;
    return NULL;
}

static int hidden(const Hide *h, const char *name)
{
    for (; h; h = h->next)
        if (strcmp(h->name, name) == 0)
            return 1;
    return 0;
}

static void fail(Pp *p, const Token *t, const char *fmt, const char *arg)
{
    if (!p->failed)
        slic_error(p->d, t, fmt, arg);
    p->failed = 1;
}

/* A copy of t as produced by expanding a macro used at `use`. */
static Token *copy_tok(Pp *p, const Token *t, const Token *use, Hide *hide)
{
    if (--p->budget < 0) {
        fail(p, use, "macro expansion of '%s' is too large", use->text);
        p->budget = 0;
    }
    Token *c = arena_alloc(p->a, sizeof *c);
    *c = *t;
    c->loc = use->loc;
    c->line = use->line;
    c->bol = 0;
    c->from_macro = 1;
    c->hide = hide;
    c->next = NULL;
    return c;
}

/* A plain copy of t, counted against the expansion budget. */
static Token *dup_tok(Pp *p, const Token *t)
{
    if (--p->budget < 0) {
        if (!p->failed)
            slic_error(p->d, t, "%s", "macro expansion is too large");
        p->failed = 1;
        p->budget = 0;
    }
    Token *c = arena_alloc(p->a, sizeof *c);
    *c = *t;
    c->next = NULL;
    return c;
}

/* Next token on the same directive line, or NULL. */
static Token *line_next(Token *t)
{
    return (t->next->kind == TK_EOF || t->next->bol) ? NULL : t->next;
}

static Token *skip_line(Token *t)
{
    while (t->kind != TK_EOF && !t->bol)
        t = t->next;
    return t;
}

static Token *copy_line(Pp *p, Token *t)
{
    Token head = { 0 }, *tail = &head;
    for (; t && t->kind != TK_EOF && !t->bol; t = t->next) {
        Token *c = dup_tok(p, t);
        tail = tail->next = c;
    }
    Token *eof = arena_alloc(p->a, sizeof *eof);
    eof->kind = TK_EOF;
    eof->text = "";
    tail->next = eof;
    return head.next;
}

static int try_expand(Pp *p, Token **ptok);

/* Fully macro-expand a list (no directives); returns a new list ending with EOF. */
static Token *expand_list(Pp *p, Token *tok, const Token *use)
{
    Token head = { 0 }, *tail = &head;
    if (++p->mdepth > SLIC_MAX_MACRO_DEPTH) {
        fail(p, use, "macro arguments of '%s' nested too deeply", use->text);
    } else {
        while (tok->kind != TK_EOF && !p->failed) {
            if (try_expand(p, &tok))
                continue;
            Token *c = dup_tok(p, tok);
            tail = tail->next = c;
            tok = tok->next;
        }
    }
    p->mdepth--;
    Token *eof = arena_alloc(p->a, sizeof *eof);
    eof->kind = TK_EOF;
    eof->text = "";
    tail->next = eof;
    return head.next;
}

static Hide *hide_add(Pp *p, Hide *h, const char *name)
{
    Hide *n = arena_alloc(p->a, sizeof *n);
    n->name = name;
    n->next = h;
    return n;
}

static Token *stringize(Pp *p, Token *arg, const Token *use)
{
    size_t len = 1;
    for (Token *t = arg; t->kind != TK_EOF; t = t->next)
        len += strlen(t->text) + 4;
    char *s = arena_alloc(p->a, len);
    for (Token *t = arg; t->kind != TK_EOF; t = t->next) {
        if (t != arg && t->space)
            strcat(s, " ");
        if (t->kind == TK_DOLLAR)
            strcat(s, "$");
        strcat(s, t->text);
    }
    Token *c = copy_tok(p, use, use, NULL);
    c->kind = TK_STR;
    c->text = s;
    return c;
}

/* Collect the arguments of a function-like macro call: *pt is at '('.
 * Returns the number of arguments (args[] are lists ending with EOF) and
 * leaves *pt at the closing ')', or -1 on error. */
static int collect_args(Pp *p, Token **pt, const Macro *m, Token ***pargs, const Token *use)
{
    int cap = m->nparams > 0 ? m->nparams : 1, n = 0;
    Token **args = arena_alloc(p->a, (size_t)cap * sizeof *args);
    Token *t = (*pt)->next;
    int depth = 0;
    Token head = { 0 }, *tail = &head;
    for (;;) {
        if (t->kind == TK_EOF) {
            fail(p, use, "unterminated argument list of macro '%s'", m->name);
            return -1;
        }
        int end = depth == 0 && slic_is(t, ")");
        int comma = depth == 0 && slic_is(t, ",") && !(m->variadic && n == m->nparams - 1);
        if (end || comma) {
            Token *eof = arena_alloc(p->a, sizeof *eof);
            eof->kind = TK_EOF;
            eof->text = "";
            tail->next = eof;
            if (n == cap) {
                args = arena_grow(p->a, args, &cap, sizeof *args);
            }
            args[n++] = head.next;
            head.next = NULL;
            tail = &head;
            if (end)
                break;
            t = t->next;
            continue;
        }
        if (slic_is(t, "("))
            depth++;
        else if (slic_is(t, ")"))
            depth--;
        Token *c = dup_tok(p, t);
        tail = tail->next = c;
        t = t->next;
    }
    *pt = t;
    *pargs = args;
    return n;
}

static int try_expand(Pp *p, Token **ptok)
{
    Token *t = *ptok;
    if (t->kind != TK_IDENT || p->failed)
        return 0;
    Macro *m = find_macro(p, t->text);
    if (!m || hidden(t->hide, m->name))
        return 0;
    if (m->fn && !slic_is(t->next, "("))
        return 0;
    if (++p->nexp > SLIC_MAX_EXPANSIONS) {
        fail(p, t, "too many macro expansions (at '%s')", t->text);
        return 0;
    }
    Hide *hide = hide_add(p, t->hide, m->name);
    Token head = { 0 }, *tail = &head;
    Token *rest = t->next;
    if (!m->fn) {
        for (Token *b = m->body; b->kind != TK_EOF && !p->failed; b = b->next)
            tail = tail->next = copy_tok(p, b, t, hide);
    } else {
        Token *close = t->next;
        Token **args = NULL;
        int n = collect_args(p, &close, m, &args, t);
        if (n < 0)
            return 0;
        if (m->nparams == 0 && n == 1 && args[0]->kind == TK_EOF)
            n = 0;
        if (m->variadic && n == m->nparams - 1) {
            Token *eof = arena_alloc(p->a, sizeof *eof);
            eof->kind = TK_EOF;
            eof->text = "";
            Token **nargs = arena_alloc(p->a, (size_t)m->nparams * sizeof *nargs);
            memcpy(nargs, args, (size_t)n * sizeof *nargs);
            nargs[n++] = eof;
            args = nargs;
        }
        if (n != m->nparams) {
            if (!p->failed)
                slic_error(p->d, t, "macro '%s' takes %d argument%s, but %d given", m->name,
                           m->nparams, m->nparams == 1 ? "" : "s", n);
            p->failed = 1;
            return 0;
        }
        rest = close->next;
        Token **expanded = arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof *expanded);
        for (int i = 0; i < n && !p->failed; i++)
            expanded[i] = expand_list(p, args[i], t);
        for (Token *b = m->body; b->kind != TK_EOF && !p->failed; b = b->next) {
            int stringify = slic_is(b, "#") && b->next->kind == TK_IDENT;
            const Token *name = stringify ? b->next : b;
            int pi = -1;
            if (name->kind == TK_IDENT)
                for (int i = 0; i < m->nparams; i++)
                    if (strcmp(m->params[i], name->text) == 0)
                        pi = i;
            if (stringify && pi >= 0) {
                tail = tail->next = stringize(p, args[pi], t);
                b = b->next;
            } else if (pi >= 0) {
                for (Token *x = expanded[pi]; x->kind != TK_EOF && !p->failed; x = x->next)
                    tail = tail->next = copy_tok(p, x, t, hide_add(p, x->hide, m->name));
            } else {
                tail = tail->next = copy_tok(p, b, t, hide);
            }
        }
    }
    if (p->failed)
        return 0;
    tail->next = rest;
    *ptok = head.next ? head.next : rest;
    return 1;
}

/* #define NAME body | #define NAME(params) body */
static void do_define(Pp *p, Token *dir)
{
    Token *name = line_next(dir);
    if (!name || name->kind != TK_IDENT) {
        fail(p, name ? name : dir, "%s", "macro name must be an identifier");
        return;
    }
    Macro *m = arena_alloc(p->a, sizeof *m);
    m->name = name->text;
    Token *t = line_next(name);
    if (t && slic_is(t, "(") && !t->space) {
        m->fn = 1;
        int cap = 0;
        t = line_next(t);
        if (t && slic_is(t, ")")) {
            t = line_next(t);
        } else {
            for (;;) {
                if (!t || (t->kind != TK_IDENT && !slic_is(t, "..."))) {
                    fail(p, t ? t : name, "%s", "expected a parameter name");
                    return;
                }
                if (m->nparams == cap)
                    m->params = arena_grow(p->a, (void *)m->params, &cap, sizeof *m->params);
                m->variadic = slic_is(t, "...");
                m->params[m->nparams++] = m->variadic ? "__VA_ARGS__" : t->text;
                t = line_next(t);
                if (t && slic_is(t, ")") ) {
                    t = line_next(t);
                    break;
                }
                if (!t || !slic_is(t, ",") || m->variadic) {
                    fail(p, t ? t : name, "%s", "expected ',' or ')' in macro parameters");
                    return;
                }
                t = line_next(t);
            }
        }
    }
    m->body = copy_line(p, t);
    for (Token *b = m->body; b->kind != TK_EOF; b = b->next) {
        if (slic_is(b, "##")) {
            fail(p, b, "%s", "'##' token pasting is not supported");
            return;
        }
    }
    m->next = p->macros;
    p->macros = m;
}

static void do_undef(Pp *p, Token *dir)
{
    Token *name = line_next(dir);
    if (!name || name->kind != TK_IDENT) {
        fail(p, name ? name : dir, "%s", "macro name must be an identifier");
        return;
    }
    for (Macro **pm = &p->macros; *pm; pm = &(*pm)->next) {
        if (strcmp((*pm)->name, name->text) == 0) {
            *pm = (*pm)->next;
            break;
        }
    }
}

/* --- #if expressions: integers, defined(X), C operators ---------------- */

typedef struct Cx {
    Pp *p;
    Token *t;
    int depth;
} Cx;

static long long cx_cond(Cx *c);

static long long cx_primary(Cx *c)
{
    Token *t = c->t;
    if (++c->depth > SLIC_MAX_EXPR_DEPTH) {
        fail(c->p, t, "%s", "#if expression nested too deeply");
        return 0;
    }
    long long v = 0;
    if (slic_is(t, "(")) {
        c->t = t->next;
        v = cx_cond(c);
        if (!slic_is(c->t, ")"))
            fail(c->p, c->t, "%s", "expected ')' in #if expression");
        else
            c->t = c->t->next;
    } else if (slic_is(t, "!") || slic_is(t, "-") || slic_is(t, "~") || slic_is(t, "+")) {
        c->t = t->next;
        long long x = cx_primary(c);
        v = t->text[0] == '!' ? !x : t->text[0] == '-' ? (long long)(0ULL - (unsigned long long)x)
          : t->text[0] == '~' ? ~x : x;
    } else if (t->kind == TK_NUM) {
        v = t->num;
        c->t = t->next;
    } else if (t->kind == TK_IDENT) {
        v = 0;   /* undefined names are 0 */
        c->t = t->next;
    } else {
        fail(c->p, t, "%s", "expected a value in #if expression");
    }
    c->depth--;
    return v;
}

static int prec(const Token *t)
{
    static const char *const ops[][4] = {
        { "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" }, { "<", ">", "<=", ">=" },
        { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
    };
    if (t->kind != TK_PUNCT)
        return -1;
    for (int i = 0; i < (int)(sizeof ops / sizeof ops[0]); i++)
        for (int j = 0; j < 4 && ops[i][j]; j++)
            if (strcmp(t->text, ops[i][j]) == 0)
                return i;
    return -1;
}

static long long cx_binop(const char *op, long long a, long long b, int *bad)
{
    unsigned long long ua = (unsigned long long)a, ub = (unsigned long long)b;
    switch (op[0]) {
    case '|': return op[1] ? (a || b) : (long long)(ua | ub);
    case '&': return op[1] ? (a && b) : (long long)(ua & ub);
    case '^': return (long long)(ua ^ ub);
    case '=': return a == b;
    case '!': return a != b;
    case '<': return op[1] == '<' ? (long long)(ua << (ub & 63)) : op[1] ? a <= b : a < b;
    case '>': return op[1] == '>' ? (a >> (ub & 63)) : op[1] ? a >= b : a > b;
    case '+': return (long long)(ua + ub);
    case '-': return (long long)(ua - ub);
    case '*': return (long long)(ua * ub);
    default:
        if (b == 0 || (a == (-9223372036854775807LL - 1) && b == -1)) {
            *bad = 1;
            return 0;
        }
        return op[0] == '/' ? a / b : a % b;
    }
}

static long long cx_bin(Cx *c, int minprec)
{
    long long a = cx_primary(c);
    while (!c->p->failed) {
        int pr = prec(c->t);
        if (pr < minprec)
            break;
        Token *op = c->t;
        c->t = op->next;
        long long b = cx_bin(c, pr + 1);
        int bad = 0;
        a = cx_binop(op->text, a, b, &bad);
        if (bad)
            fail(c->p, op, "%s", "division by zero in #if expression");
    }
    return a;
}

static long long cx_cond(Cx *c)
{
    if (++c->depth > SLIC_MAX_EXPR_DEPTH) {
        fail(c->p, c->t, "%s", "#if expression nested too deeply");
        return 0;
    }
    long long v = cx_bin(c, 0);
    if (slic_is(c->t, "?") && !c->p->failed) {
        c->t = c->t->next;
        long long x = cx_cond(c);
        if (!slic_is(c->t, ":")) {
            fail(c->p, c->t, "%s", "expected ':' in #if expression");
        } else {
            c->t = c->t->next;
            long long y = cx_cond(c);
            v = v ? x : y;
        }
    }
    c->depth--;
    return v;
}

static int eval_if(Pp *p, Token *dir)
{
    /* defined X / defined(X) first, then expand macros, then evaluate */
    Token *line = copy_line(p, line_next(dir));
    Token head = { 0 }, *tail = &head;
    for (Token *t = line; t->kind != TK_EOF; t = t->next) {
        if (t->kind == TK_IDENT && strcmp(t->text, "defined") == 0) {
            Token *n = t->next;
            int paren = slic_is(n, "(");
            if (paren)
                n = n->next;
            if (n->kind != TK_IDENT) {
                fail(p, n->kind == TK_EOF ? dir : n, "%s", "expected a macro name after 'defined'");
                return 0;
            }
            if (paren && !slic_is(n->next, ")")) {
                fail(p, n, "%s", "expected ')' after 'defined(NAME'");
                return 0;
            }
            Token *c = arena_alloc(p->a, sizeof *c);
            *c = *t;
            c->kind = TK_NUM;
            c->num = find_macro(p, n->text) != NULL;
            c->text = c->num ? "1" : "0";
            c->next = NULL;
            tail = tail->next = c;
            t = paren ? n->next : n;
            continue;
        }
        Token *c = dup_tok(p, t);
        tail = tail->next = c;
    }
    Token *eof = arena_alloc(p->a, sizeof *eof);
    eof->kind = TK_EOF;
    eof->text = "";
    tail->next = eof;
    if (!head.next->kind) {
        fail(p, dir, "%s", "#if with no expression");
        return 0;
    }
    Cx c = { p, expand_list(p, head.next, dir), 0 };
    long long v = cx_cond(&c);
    if (!p->failed && c.t->kind != TK_EOF)
        fail(p, c.t, "%s", "unexpected token in #if expression");
    return v != 0;
}

/* --- files -------------------------------------------------------------- */

static void pp_file(Pp *p, const char *file, const char *text, int depth, const char **lead);

static char *dir_of(Arena *a, const char *file)
{
    const char *slash = strrchr(file, '/');
    return slash ? arena_strndup(a, file, (size_t)(slash - file)) : arena_strdup(a, ".");
}

static void do_include(Pp *p, Token *dir, const char *cur_file, int depth)
{
    Token *t = line_next(dir);
    char *name = NULL;
    int system = 0;
    if (t && t->kind == TK_STR) {
        /* the name as written: no escape processing ("..\..\x.h") */
        const char *raw = t->line + t->loc.col;
        name = arena_strndup(p->a, raw, strcspn(raw, "\"\n"));
    } else if (t && slic_is(t, "<")) {
        system = 1;
        size_t len = 1;
        Token *u = line_next(t);
        for (Token *v = u; v && !slic_is(v, ">"); v = line_next(v))
            len += strlen(v->text) + 1;
        name = arena_alloc(p->a, len);
        for (; u && !slic_is(u, ">"); u = line_next(u))
            strcat(name, u->text);
        if (!u) {
            fail(p, t, "%s", "expected '>' after the include file name");
            return;
        }
    } else {
        fail(p, t ? t : dir, "%s", "expected \"FILE\" or <FILE> after #include");
        return;
    }
    for (char *c = name; *c; c++)
        if (*c == '\\')
            *c = '/';
    if (depth + 1 > SLIC_MAX_INCLUDE_DEPTH) {
        fail(p, t, "%s", "#include nested too deeply");
        return;
    }
    char *path = NULL, *text = NULL;
    if (name[0] == '/') {
        path = name;
        text = slic_read_file(p->a, path);
    }
    for (int i = system ? 0 : -1; !text && name[0] != '/' && i < p->ndirs; i++) {
        const char *d = i < 0 ? dir_of(p->a, cur_file) : p->dirs[i];
        path = arena_printf(p->a, "%s/%s", d, name);
        text = slic_read_file(p->a, path);
    }
    if (!text || !name[0]) {
        fail(p, t, "cannot find include file '%s'", name);
        return;
    }
    pp_file(p, path, text, depth + 1, NULL);
}

typedef struct Cond {
    Token *tok;          /* the #if, for "unterminated" */
    int active;          /* this branch is being emitted */
    int taken;           /* some branch was taken */
    int parent;          /* the enclosing region is active */
    int seen_else;
} Cond;

static void pp_file(Pp *p, const char *file, const char *text, int depth, const char **lead)
{
    Token *tok = slic_lex(p->a, file, text, lead, p->d);
    if (!tok) {
        p->failed = 1;
        return;
    }
    Cond conds[SLIC_MAX_COND_DEPTH];
    int nc = 0;
    while (tok->kind != TK_EOF && !p->failed) {
        int active = nc == 0 || conds[nc - 1].active;
        if (slic_is(tok, "#") && tok->kind == TK_PUNCT && tok->bol && !tok->from_macro) {
            Token *dir = line_next(tok);
            Token *next = skip_line(tok->next);
            if (!dir) {           /* null directive */
                tok = next;
                continue;
            }
            const char *n = dir->kind == TK_IDENT ? dir->text : "";
            if (!strcmp(n, "if") || !strcmp(n, "ifdef") || !strcmp(n, "ifndef")) {
                if (nc == SLIC_MAX_COND_DEPTH) {
                    fail(p, dir, "%s", "conditional directives nested too deeply");
                    break;
                }
                int v = 0;
                if (active) {
                    if (n[2] == 0) {
                        v = eval_if(p, dir);
                    } else {
                        Token *name = line_next(dir);
                        if (!name || name->kind != TK_IDENT) {
                            fail(p, name ? name : dir, "%s", "macro name must be an identifier");
                            break;
                        }
                        v = (find_macro(p, name->text) != NULL) == (n[2] == 'd');
                    }
                }
                Cond c = { dir, active && v, active && v, active, 0 };
                conds[nc++] = c;
            } else if (!strcmp(n, "elif") || !strcmp(n, "else") || !strcmp(n, "endif")) {
                if (nc == 0) {
                    fail(p, dir, "#%s without #if", n);
                    break;
                }
                Cond *c = &conds[nc - 1];
                if (n[1] == 'n') {
                    nc--;
                } else if (c->seen_else) {
                    fail(p, dir, "#%s after #else", n);
                    break;
                } else if (n[2] == 's') {
                    c->seen_else = 1;
                    c->active = c->parent && !c->taken;
                    c->taken = 1;
                } else {
                    int v = c->parent && !c->taken && eval_if(p, dir);
                    c->active = v;
                    c->taken |= v;
                }
            } else if (!active) {
                /* other directives in a skipped region are ignored */
            } else if (!strcmp(n, "include")) {
                do_include(p, dir, file, depth);
            } else if (!strcmp(n, "define")) {
                do_define(p, dir);
            } else if (!strcmp(n, "undef")) {
                do_undef(p, dir);
            } else if (!strcmp(n, "pragma") || !strcmp(n, "line")) {
                /* ignored */
            } else if (!strcmp(n, "error")) {
                Token *m = line_next(dir);
                fail(p, dir, "#error %s", m && m->kind == TK_STR ? m->text : "");
            } else {
                fail(p, dir, "unknown directive '#%s'", dir->kind == TK_IDENT ? dir->text : "");
            }
            tok = next;
            continue;
        }
        if (!active) {
            tok = tok->next;
            continue;
        }
        if (try_expand(p, &tok))
            continue;
        if (p->failed)
            break;
        if (++p->ntok > SLIC_MAX_TOKENS) {
            fail(p, tok, "%s", "rule is too long after preprocessing");
            break;
        }
        Token *c = dup_tok(p, tok);
        p->tail = p->tail->next = c;
        tok = tok->next;
    }
    if (!p->failed && nc > 0)
        fail(p, conds[nc - 1].tok, "%s", "unterminated conditional directive");
    if (depth == 0 && !p->failed) {
        Token *c = arena_alloc(p->a, sizeof *c);
        *c = *tok;       /* the EOF of the top file */
        c->next = NULL;
        p->tail = p->tail->next = c;
    }
}

int slic_pp(Arena *a, const char *file, const char *text, const char *const *dirs, int ndirs,
            PpResult *out, DiagList *d)
{
    Pp p;
    memset(&p, 0, sizeof p);
    p.a = a;
    p.d = d;
    p.dirs = dirs;
    p.ndirs = ndirs;
    p.tail = &p.head;
    p.budget = 2L * SLIC_MAX_TOKENS;
    memset(out, 0, sizeof *out);
    int nerr0 = d->nerr;
    pp_file(&p, file, text, 0, &out->lead);
    if (p.failed || d->nerr > nerr0)
        return d->nerr > nerr0 ? d->nerr - nerr0 : 1;
    int n = 0;
    for (Token *t = p.head.next; t; t = t->next)
        n++;
    out->toks = arena_alloc(a, (size_t)n * sizeof *out->toks);
    int i = 0;
    for (Token *t = p.head.next; t; t = t->next)
        out->toks[i++] = *t;
    for (i = 0; i < n; i++)
        out->toks[i].next = i + 1 < n ? &out->toks[i + 1] : NULL;
    out->n = n;
    return 0;
}
