/* parse.c - the SLIC parser: preprocessed tokens -> Rule.
 *
 * Recursive descent; the grammar each function implements is written above
 * it.  Names are resolved as they are parsed (state variables are declared
 * before the event blocks that use them) through check.c.  A syntax error
 * stops the file (p->failed); name errors are reported and parsing goes on.
 * Nesting of expressions and statements is bounded (SLIC_MAX_*_DEPTH), so
 * no input can overflow the stack.  Linear in the number of tokens. */
#include "slic.h"

#include <stdlib.h>
#include <string.h>

#include "drvcheck/roles.h"

static Token *peek(Parser *p)
{
    return &p->toks[p->pos];
}

static Token *advance(Parser *p)
{
    Token *t = &p->toks[p->pos];
    if (t->kind != TK_EOF)
        p->pos++;
    return t;
}

static int accept(Parser *p, const char *s)
{
    if (slic_is(peek(p), s) && peek(p)->kind != TK_STR) {
        advance(p);
        return 1;
    }
    return 0;
}

static void syntax(Parser *p, const Token *t, const char *what)
{
    if (p->failed)
        return;
    slic_error(p->d, t, "expected %s, found %s", what, slic_tok_str(p->a, t));
    p->failed = 1;
}

static int expect(Parser *p, const char *s, const char *what)
{
    if (p->failed)
        return 0;
    if (accept(p, s))
        return 1;
    syntax(p, peek(p), what);
    return 0;
}

RExpr *slic_new_expr(Parser *p, RExprKind k, RLoc loc)
{
    RExpr *e = arena_alloc(p->a, sizeof *e);
    e->kind = k;
    e->loc = loc;
    e->index = -1;
    return e;
}

static RStmt *new_stmt(Parser *p, RStmtKind k, RLoc loc)
{
    RStmt *s = arena_alloc(p->a, sizeof *s);
    s->kind = k;
    s->loc = loc;
    s->var = -1;
    return s;
}

/* The source text of tokens [from, to), for RX_EXTERN names and guards. */
static const char *span_text(Parser *p, int from, int to)
{
    size_t len = 1;
    for (int i = from; i < to; i++)
        len += strlen(p->toks[i].text) + 2;
    char *s = arena_alloc(p->a, len);
    size_t n = 0;
    for (int i = from; i < to; i++) {
        const Token *t = &p->toks[i];
        if (i > from && t->space && !t->from_macro)
            s[n++] = ' ';
        if (t->kind == TK_DOLLAR)
            s[n++] = '$';
        size_t k = strlen(t->text);
        if (t->kind == TK_STR)
            k = 0;   /* strings never matter in extern text */
        memcpy(s + n, t->text, k);
        n += k;
    }
    s[n] = 0;
    return s;
}

static RExpr *extern_expr(Parser *p, int from, RLoc loc)
{
    RExpr *e = slic_new_expr(p, RX_EXTERN, loc);
    e->name = span_text(p, from, p->pos);
    slic_unsupported(p, loc, e->name);
    return e;
}

/* --- expressions ---------------------------------------------------------- */

static RExpr *parse_expr(Parser *p, int ctx);

static int is_int_type(const char *s)
{
    static const char *const names[] = {
        "int", "long", "short", "char", "unsigned", "signed", "INT", "LONG", "ULONG", "UINT",
        "USHORT", "SHORT", "UCHAR", "CHAR", "BOOLEAN", "BOOL", "NTSTATUS", "NDIS_STATUS",
        "KIRQL", "LONGLONG", "ULONGLONG", "LONG64", "ULONG64", "SIZE_T", "ULONG_PTR",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i]) == 0)
            return 1;
    return 0;
}

static int starts_operand(const Token *t)
{
    return t->kind == TK_IDENT || t->kind == TK_NUM || t->kind == TK_DOLLAR ||
           slic_is(t, "(") || slic_is(t, "!") || slic_is(t, "~");
}

static int known_name(Parser *p, const char *name)
{
    for (int i = 0; i < p->rule->nvars; i++) {
        const StateVar *v = &p->rule->vars[i];
        if (strcmp(v->name, name) == 0)
            return 1;
        for (int j = 0; j < v->nenum; j++)
            if (strcmp(v->enumerators[j], name) == 0)
                return 1;
    }
    return 0;
}

/* Is a cast `( TYPE {*} )` at the cursor?  Returns the number of tokens of
 * the parenthesised type, or 0. */
static int cast_len(Parser *p)
{
    Token *t = &p->toks[p->pos];
    if (!slic_is(t, "(") || t[1].kind != TK_IDENT)
        return 0;
    int i = 2;
    while (t[i].kind == TK_IDENT && (is_int_type(t[i].text) || strcmp(t[i].text, "const") == 0))
        i++;
    int stars = 0;
    while (slic_is(&t[i], "*"))
        i++, stars++;
    if (!slic_is(&t[i], ")") || !starts_operand(&t[i + 1]))
        return 0;
    if (i == 2 && !stars && (known_name(p, t[1].text) || !strcmp(t[1].text, "sdv_irql_current")))
        return 0;
    if (i == 2 && !stars && !is_int_type(t[1].text)) {
        /* (Name) x : a cast only to an SDV-looking type name */
        const char *n = t[1].text;
        int upper = 1;
        for (const char *c = n; *c; c++)
            if (*c >= 'a' && *c <= 'z')
                upper = 0;
        if (!upper)
            return 0;
    }
    return i + 1;
}

/* primary := NUM | ID | '$'N | '$return' | '(' expr ')'
 *          | primary '(' args ')' | primary ('.' | '->') ID | primary '[' expr ']' */
static RExpr *parse_primary(Parser *p, int ctx)
{
    int from = p->pos;
    Token *t = advance(p);
    RExpr *e = NULL;
    if (t->kind == TK_NUM) {
        e = slic_new_expr(p, RX_INT, t->loc);
        e->ival = t->num;
    } else if (t->kind == TK_IDENT && !strcmp(t->text, "sizeof")) {
        if (accept(p, "(")) {
            int depth = 1;
            while (depth > 0 && peek(p)->kind != TK_EOF) {
                Token *u = advance(p);
                depth += slic_is(u, "(") - slic_is(u, ")");
            }
            if (depth > 0)
                syntax(p, peek(p), "')'");
        } else {
            parse_primary(p, -1);
        }
        return p->failed ? NULL : extern_expr(p, from, t->loc);
    } else if (t->kind == TK_IDENT) {
        if (slic_is(peek(p), "(")) {
            /* a call to something that is not a macro: SDV helper functions */
            advance(p);
            int depth = 1;
            while (depth > 0 && peek(p)->kind != TK_EOF) {
                Token *u = advance(p);
                depth += slic_is(u, "(") - slic_is(u, ")");
            }
            if (depth > 0) {
                syntax(p, peek(p), "')' to end the call");
                return NULL;
            }
            if (!slic_is_os_model_name(t->text)) {
                slic_error(p->d, t, "call to '%s', which is not a macro (missing #include?)", t->text);
                return slic_new_expr(p, RX_INT, t->loc);
            }
            e = extern_expr(p, from, t->loc);
        } else {
            e = slic_resolve_ident(p, t, ctx);
        }
    } else if (t->kind == TK_DOLLAR) {
        if (!strcmp(t->text, "return")) {
            if (!p->in_event || p->cur_when != EV_EXIT)
                slic_error(p->d, t, "'$return' is only valid in .exit blocks");
            e = slic_new_expr(p, RX_RETURN, t->loc);
        } else if (!strcmp(t->text, "fname")) {
            slic_error(p->d, t, "'$fname' is only valid inside abort messages");
            e = slic_new_expr(p, RX_INT, t->loc);
        } else if (t->text[0] >= '0' && t->text[0] <= '9') {
            char *end;
            long n = strtol(t->text, &end, 10);
            if (*end || n < 1 || n > 64)
                slic_error(p->d, t, "'$%s' is not a parameter: parameters are $1 to $64", t->text);
            else if (!p->in_event)
                slic_error(p->d, t, "'$%s' is only valid inside event blocks", t->text);
            e = slic_new_expr(p, RX_ARG, t->loc);
            e->index = (int)n;
        } else {
            slic_error(p->d, t, "unknown name '$%s' (expected $return or $1, $2, ...)", t->text);
            e = slic_new_expr(p, RX_INT, t->loc);
        }
    } else if (slic_is(t, "(") && t->kind == TK_PUNCT) {
        e = parse_expr(p, ctx);
        if (!expect(p, ")", "')'"))
            return NULL;
    } else {
        p->pos = from;
        syntax(p, t, "an expression");
        return NULL;
    }
    /* postfix: field access, indexing: SDV's view of driver memory */
    while (!p->failed && (slic_is(peek(p), ".") || slic_is(peek(p), "->") || slic_is(peek(p), "["))) {
        Token *op = advance(p);
        if (op->text[0] == '[') {
            parse_expr(p, -1);
            if (!expect(p, "]", "']'"))
                return NULL;
        } else if (advance(p)->kind != TK_IDENT) {
            p->pos--;
            syntax(p, peek(p), "a field name");
            return NULL;
        }
        if (e && e->kind == RX_EXTERN)
            e->name = span_text(p, from, p->pos);
        else
            e = extern_expr(p, from, t->loc);
    }
    return p->failed ? NULL : e;
}

/* unary := ('-' | '!' | '~' | '+' | '*' | '&') unary | '(' TYPE {'*'} ')' unary | primary */
static RExpr *parse_unary(Parser *p, int ctx)
{
    if (++p->depth > SLIC_MAX_EXPR_DEPTH) {
        if (!p->failed)
            slic_error(p->d, peek(p), "expression nested too deeply");
        p->failed = 1;
        return NULL;
    }
    RExpr *e = NULL;
    Token *t = peek(p);
    int from = p->pos;
    int clen = cast_len(p);
    if (clen) {
        int plain = clen == 3 && is_int_type(p->toks[p->pos + 1].text);
        p->pos += clen;
        RExpr *x = parse_unary(p, ctx);
        if (x)
            e = plain ? x : extern_expr(p, from, t->loc);
    } else if (t->kind == TK_PUNCT && (slic_is(t, "-") || slic_is(t, "!") || slic_is(t, "~") ||
                                       slic_is(t, "+") || slic_is(t, "*") || slic_is(t, "&"))) {
        advance(p);
        RExpr *x = parse_unary(p, ctx);
        if (x) {
            if (t->text[0] == '+') {
                e = x;
            } else if (t->text[0] == '*' || t->text[0] == '&') {
                e = extern_expr(p, from, t->loc);
            } else {
                e = slic_new_expr(p, RX_UNOP, t->loc);
                e->op = t->text[0] == '-' ? OP_NEG : t->text[0] == '!' ? OP_NOT : OP_BITNOT;
                e->a = x;
            }
        }
    } else {
        e = parse_primary(p, ctx);
    }
    p->depth--;
    return p->failed ? NULL : e;
}

static const struct {
    const char *s;
    OpKind op;
    int prec;
} binops[] = {
    { "||", OP_LOR, 1 }, { "&&", OP_LAND, 2 }, { "|", OP_BOR, 3 }, { "^", OP_XOR, 4 },
    { "&", OP_BAND, 5 }, { "==", OP_EQ, 6 }, { "!=", OP_NE, 6 }, { "<", OP_LT, 7 },
    { ">", OP_GT, 7 }, { "<=", OP_LE, 7 }, { ">=", OP_GE, 7 }, { "<<", OP_SHL, 8 },
    { ">>", OP_SHR, 8 }, { "+", OP_ADD, 9 }, { "-", OP_SUB, 9 }, { "*", OP_MUL, 10 },
    { "/", OP_DIV, 10 }, { "%", OP_MOD, 10 },
};

static int binop_at(const Token *t)
{
    if (t->kind != TK_PUNCT)
        return -1;
    for (int i = 0; i < (int)(sizeof binops / sizeof binops[0]); i++)
        if (strcmp(t->text, binops[i].s) == 0)
            return i;
    return -1;
}

static int enum_var_of(Parser *p, const RExpr *e)
{
    if (e && e->kind == RX_VAR && e->index >= 0 && p->rule->vars[e->index].is_enum)
        return e->index;
    return -1;
}

/* binary := unary { BINOP unary }   (C precedence, left associative)
 * The state variable on one side of a comparison gives the other side its
 * enum for enumerator look-up: (s == locked). */
static RExpr *parse_binary(Parser *p, int minprec, int ctx)
{
    RExpr *a = parse_unary(p, ctx);
    int grown = 0;   /* a chain a+b+c+... deepens the tree without recursion */
    while (a && !p->failed) {
        int i = binop_at(peek(p));
        if (i < 0 || binops[i].prec < minprec)
            break;
        Token *op = advance(p);
        grown++;
        if (++p->depth > SLIC_MAX_EXPR_DEPTH) {
            slic_error(p->d, op, "expression nested too deeply");
            p->failed = 1;
            break;
        }
        int bctx = enum_var_of(p, a);
        RExpr *b = parse_binary(p, binops[i].prec + 1, bctx >= 0 ? bctx : ctx);
        if (!b)
            return NULL;
        RExpr *e = slic_new_expr(p, RX_BINOP, op->loc);
        e->op = binops[i].op;
        e->a = a;
        e->b = b;
        a = e;
    }
    p->depth -= grown;
    return p->failed ? NULL : a;
}

/* expr := binary [ '?' expr ':' expr ] */
static RExpr *parse_expr(Parser *p, int ctx)
{
    if (++p->depth > SLIC_MAX_EXPR_DEPTH) {
        if (!p->failed)
            slic_error(p->d, peek(p), "expression nested too deeply");
        p->failed = 1;
        return NULL;
    }
    RExpr *e = parse_binary(p, 1, ctx);
    if (e && slic_is(peek(p), "?") && peek(p)->kind == TK_PUNCT) {
        Token *q = advance(p);
        RExpr *x = parse_expr(p, ctx);
        RExpr *y = x && expect(p, ":", "':'") ? parse_expr(p, ctx) : NULL;
        if (!y) {
            e = NULL;
        } else {
            RExpr *c = slic_new_expr(p, RX_COND, q->loc);
            c->a = e;
            c->b = x;
            c->c = y;
            e = c;
        }
    }
    p->depth--;
    return p->failed ? NULL : e;
}

/* Fold a constant expression; returns 0 if it is not constant. */
static int fold(const RExpr *e, long long *v)
{
    long long a, b, c;
    switch (e->kind) {
    case RX_INT:
        *v = e->ival;
        return 1;
    case RX_UNOP:
        if (!fold(e->a, &a))
            return 0;
        *v = e->op == OP_NEG ? (long long)(0ULL - (unsigned long long)a) : e->op == OP_NOT ? !a : ~a;
        return 1;
    case RX_COND:
        if (!fold(e->a, &a) || !fold(e->b, &b) || !fold(e->c, &c))
            return 0;
        *v = a ? b : c;
        return 1;
    case RX_BINOP: {
        if (!fold(e->a, &a) || !fold(e->b, &b))
            return 0;
        unsigned long long ua = (unsigned long long)a, ub = (unsigned long long)b;
        switch (e->op) {
        case OP_ADD: *v = (long long)(ua + ub); return 1;
        case OP_SUB: *v = (long long)(ua - ub); return 1;
        case OP_MUL: *v = (long long)(ua * ub); return 1;
        case OP_DIV:
        case OP_MOD:
            if (b == 0 || (b == -1 && a == (-9223372036854775807LL - 1)))
                return 0;
            *v = e->op == OP_DIV ? a / b : a % b;
            return 1;
        case OP_SHL: *v = (long long)(ua << (ub & 63)); return 1;
        case OP_SHR: *v = a >> (ub & 63); return 1;
        case OP_LT: *v = a < b; return 1;
        case OP_GT: *v = a > b; return 1;
        case OP_LE: *v = a <= b; return 1;
        case OP_GE: *v = a >= b; return 1;
        case OP_EQ: *v = a == b; return 1;
        case OP_NE: *v = a != b; return 1;
        case OP_BAND: *v = a & b; return 1;
        case OP_BOR: *v = a | b; return 1;
        case OP_XOR: *v = a ^ b; return 1;
        case OP_LAND: *v = a && b; return 1;
        case OP_LOR: *v = a || b; return 1;
        default: return 0;
        }
    }
    default:
        return 0;
    }
}

/* --- state ---------------------------------------------------------------- */

static StateVar *new_var(Parser *p, const Token *name)
{
    Rule *r = p->rule;
    for (int i = 0; i < r->nvars; i++) {
        if (strcmp(r->vars[i].name, name->text) == 0) {
            slic_error(p->d, name, "state variable '%s' is declared twice", name->text);
            break;
        }
    }
    if (r->nvars == p->vcap)
        r->vars = arena_grow(p->a, r->vars, &p->vcap, sizeof *r->vars);
    StateVar *v = &r->vars[r->nvars++];
    memset(v, 0, sizeof *v);
    v->name = name->text;
    v->loc = name->loc;
    return v;
}

/* vardecl := 'enum' '{' ID { ',' ID } [','] '}' ID [ '=' expr ] ';'
 *          | TYPE { TYPE } { '*' } ID [ '=' expr ] ';'
 * The initial value must be constant; an enum starts at its first
 * enumerator when no value is given, an int at 0. */
static void parse_vardecl(Parser *p)
{
    Token *first = peek(p);
    const char **names = NULL;
    int nnames = 0, cap = 0, is_enum = 0, stars = 0;
    if (accept(p, "enum")) {
        is_enum = 1;
        if (peek(p)->kind == TK_IDENT)   /* enum tag, ignored */
            advance(p);
        if (!expect(p, "{", "'{' after 'enum'"))
            return;
        do {
            if (slic_is(peek(p), "}"))
                break;
            Token *n = advance(p);
            if (n->kind != TK_IDENT) {
                p->pos--;
                syntax(p, n, "an enumerator name");
                return;
            }
            for (int i = 0; i < nnames; i++)
                if (strcmp(names[i], n->text) == 0)
                    slic_error(p->d, n, "enumerator '%s' is declared twice", n->text);
            if (nnames == cap)
                names = arena_grow(p->a, (void *)names, &cap, sizeof *names);
            names[nnames++] = n->text;
        } while (accept(p, ","));
        if (!expect(p, "}", "',' or '}' in the enum"))
            return;
        if (nnames == 0) {
            slic_error(p->d, first, "an enum needs at least one enumerator");
            return;
        }
    } else {
        if (peek(p)->kind != TK_IDENT) {
            syntax(p, peek(p), "a state variable declaration or '}'");
            return;
        }
        while (peek(p)->kind == TK_IDENT && p->toks[p->pos + 1].kind == TK_IDENT)
            advance(p);              /* type words: unsigned long, ... */
        if (peek(p)->kind == TK_IDENT && slic_is(&p->toks[p->pos + 1], "*"))
            advance(p);
        while (accept(p, "*"))
            stars++;
    }
    Token *name = peek(p);
    if (name->kind != TK_IDENT) {
        syntax(p, name, "a state variable name");
        return;
    }
    advance(p);
    StateVar *v = new_var(p, name);
    int vi = (int)(v - p->rule->vars);
    v->is_enum = is_enum;
    v->enumerators = names;
    v->nenum = nnames;
    if (stars)
        slic_unsupported(p, name->loc, arena_printf(p->a, "pointer state variable '%s'", name->text));
    if (accept(p, "=")) {
        Token *at = peek(p);
        RExpr *e = parse_expr(p, vi);
        if (!e)
            return;
        long long val;
        if (e->kind == RX_EXTERN) {
            val = 0;
        } else if (!fold(e, &val)) {
            slic_error(p->d, at, "the initial value of '%s' must be a constant", name->text);
        } else if (is_enum && (val < 0 || val >= nnames)) {
            slic_error(p->d, at, "the initial value of '%s' is not one of its enumerators", name->text);
        }
        v->init = val;
    }
    expect(p, ";", "';' after the state variable");
}

/* state := 'state' '{' { vardecl } '}' [ 'with' 'guard' '(' TOKENS ')' ] */
static void parse_state(Parser *p)
{
    advance(p);   /* state */
    if (!expect(p, "{", "'{' after 'state'"))
        return;
    while (!p->failed && !slic_is(peek(p), "}")) {
        if (peek(p)->kind == TK_EOF) {
            syntax(p, peek(p), "'}' to end the state block");
            return;
        }
        parse_vardecl(p);
    }
    advance(p);
    if (accept(p, "with")) {
        if (!expect(p, "guard", "'guard' after 'with'") || !expect(p, "(", "'(' after 'with guard'"))
            return;
        int from = p->pos, depth = 1;
        while (peek(p)->kind != TK_EOF) {
            Token *t = advance(p);
            depth += slic_is(t, "(") - slic_is(t, ")");
            if (depth == 0)
                break;
        }
        if (depth) {
            syntax(p, peek(p), "')' to end the guard");
            return;
        }
        p->rule->guard_text = span_text(p, from, p->pos - 1);
    }
}

/* --- events --------------------------------------------------------------- */

/* target := ID     (sdv_ROLE is a role, anything else an API; sdv_ dropped) */
static int parse_target(Parser *p, RuleTarget *tg)
{
    Token *t = peek(p);
    if (t->kind != TK_IDENT) {
        syntax(p, t, "a function or role name");
        return 0;
    }
    advance(p);
    const char *name = t->text;
    if (!strcmp(name, "sdv_main"))   /* SDV's harness entry: not a driver function */
        slic_unsupported(p, t->loc, "sdv_main event");
    int sdv = strncmp(name, "sdv_", 4) == 0 && name[4];
    if (sdv)
        name += 4;
    RoleKind role = sdv ? role_by_typedef(name) : ROLE_NONE;
    tg->kind = role != ROLE_NONE ? TGT_ROLE : TGT_API;
    tg->name = name;
    tg->role = role != ROLE_NONE ? (int)role : -1;
    return 1;
}

/* when := '.' ('entry' | 'exit') */
static int parse_when(Parser *p, EvWhen *w)
{
    if (!expect(p, ".", "'.entry' or '.exit'"))
        return 0;
    Token *t = peek(p);
    if (slic_is(t, "entry") && t->kind == TK_IDENT) {
        *w = EV_ENTRY;
    } else if (slic_is(t, "exit") && t->kind == TK_IDENT) {
        *w = EV_EXIT;
    } else {
        syntax(p, t, "'entry' or 'exit'");
        return 0;
    }
    advance(p);
    return 1;
}

static int parse_dollar_n(Parser *p, int *n)
{
    Token *t = peek(p);
    char *end;
    long v = t->kind == TK_DOLLAR ? strtol(t->text, &end, 10) : 0;
    if (t->kind != TK_DOLLAR || *end || v < 1 || v > 64) {
        syntax(p, t, "a parameter '$1', '$2', ...");
        return 0;
    }
    advance(p);
    *n = (int)v;
    return 1;
}

/* watch := 'watch' target when '.' '$'N ';' */
static void parse_watch(Parser *p)
{
    Token *w = advance(p);
    if (p->rule->has_watch) {
        slic_error(p->d, w, "a rule has at most one watch clause");
        p->failed = 1;
        return;
    }
    Rule *r = p->rule;
    if (!parse_target(p, &r->watch_target) || !parse_when(p, &r->watch_when) ||
        !expect(p, ".", "'.' and a parameter after the watched event"))
        return;
    Token *t = peek(p);
    if ((t->kind == TK_DOLLAR && !strcmp(t->text, "return")) || (slic_is(t, "(") && t->kind == TK_PUNCT)) {
        /* SDV's watch on the return value or on *$N: not modelled */
        int from = p->pos, depth = 0;
        do {
            Token *u = advance(p);
            depth += slic_is(u, "(") - slic_is(u, ")");
        } while (depth > 0 && peek(p)->kind != TK_EOF);
        if (depth) {
            syntax(p, peek(p), "')'");
            return;
        }
        slic_unsupported(p, t->loc, arena_printf(p->a, "watch on '%s'", span_text(p, from, p->pos)));
        r->watch_arg = 1;
    } else if (!parse_dollar_n(p, &r->watch_arg)) {
        return;
    }
    r->has_watch = 1;
    p->watch_tok = w;
    expect(p, ";", "';' after the watch clause");
}

static RStmt *parse_stmt(Parser *p);

/* block := '{' { stmt } '}' */
static RStmt *parse_block(Parser *p)
{
    Token *open = peek(p);
    if (!expect(p, "{", "'{'"))
        return NULL;
    RStmt *b = new_stmt(p, RS_BLOCK, open->loc);
    int cap = 0;
    while (!p->failed && !slic_is(peek(p), "}")) {
        if (peek(p)->kind == TK_EOF) {
            syntax(p, peek(p), "'}'");
            return NULL;
        }
        RStmt *s = parse_stmt(p);
        if (!s)
            return NULL;
        if (b->nstmts == cap)
            b->stmts = arena_grow(p->a, b->stmts, &cap, sizeof *b->stmts);
        b->stmts[b->nstmts++] = s;
    }
    advance(p);
    return p->failed ? NULL : b;
}

static int var_range_ok(Parser *p, int var, const RExpr *value, const Token *at)
{
    const StateVar *v = &p->rule->vars[var];
    long long x;
    if (v->is_enum && fold(value, &x) && (x < 0 || x >= v->nenum)) {
        slic_error(p->d, at, "%lld is not an enumerator of '%s'", x, v->name);
        return 0;
    }
    return 1;
}

/* stmt := block
 *       | 'if' '(' expr ')' stmt [ 'else' stmt ]
 *       | 'abort' [ STRING { STRING } ] ';'
 *       | 'halt' ';'
 *       | ID ( '=' | '+=' | '-=' | '*=' | ... ) expr ';'  |  ID ( '++' | '--' ) ';'
 *       | expr ';'        (only SDV OS-model calls: not runnable)
 *       | ';' */
static RStmt *parse_stmt_inner(Parser *p)
{
    Token *t = peek(p);
    if (slic_is(t, "{") && t->kind == TK_PUNCT)
        return parse_block(p);
    if (t->kind == TK_PUNCT && accept(p, ";"))
        return new_stmt(p, RS_BLOCK, t->loc);
    if (t->kind == TK_IDENT && !strcmp(t->text, "if")) {
        advance(p);
        RStmt *s = new_stmt(p, RS_IF, t->loc);
        if (!expect(p, "(", "'(' after 'if'"))
            return NULL;
        s->cond = parse_expr(p, -1);
        if (!s->cond || !expect(p, ")", "')' after the condition"))
            return NULL;
        s->then_s = parse_stmt(p);
        if (!s->then_s)
            return NULL;
        if (peek(p)->kind == TK_IDENT && accept(p, "else")) {
            s->else_s = parse_stmt(p);
            if (!s->else_s)
                return NULL;
        }
        return s;
    }
    if (t->kind == TK_IDENT && !strcmp(t->text, "abort")) {
        advance(p);
        RStmt *s = new_stmt(p, RS_ABORT, t->loc);
        const char *msg = "";
        while (peek(p)->kind == TK_STR)
            msg = arena_printf(p->a, "%s%s", msg, advance(p)->text);
        s->message = msg;
        return expect(p, ";", "';' after the abort message") ? s : NULL;
    }
    if (t->kind == TK_IDENT && !strcmp(t->text, "halt") && slic_is(&p->toks[p->pos + 1], ";")) {
        advance(p);
        advance(p);
        return new_stmt(p, RS_HALT, t->loc);
    }
    if (t->kind == TK_IDENT && slic_is(&p->toks[p->pos + 1], ";") &&
        (!strcmp(t->text, "reset") || !strncmp(t->text, "halt", 4))) {
        advance(p);
        advance(p);
        slic_unsupported(p, t->loc, arena_printf(p->a, "'%s;'", t->text));
        return new_stmt(p, RS_BLOCK, t->loc);
    }
    /* assignment or expression statement */
    RExpr *lhs = parse_unary(p, -1);
    if (!lhs)
        return NULL;
    Token *op = peek(p);
    static const struct { const char *s; OpKind op; } compound[] = {
        { "+=", OP_ADD }, { "-=", OP_SUB }, { "*=", OP_MUL }, { "/=", OP_DIV }, { "%=", OP_MOD },
        { "&=", OP_BAND }, { "|=", OP_BOR }, { "^=", OP_XOR }, { "<<=", OP_SHL }, { ">>=", OP_SHR },
        { "++", OP_ADD }, { "--", OP_SUB }, { "=", OP_COUNT },
    };
    int ci = -1;
    for (int i = 0; op->kind == TK_PUNCT && i < (int)(sizeof compound / sizeof compound[0]); i++)
        if (!strcmp(op->text, compound[i].s))
            ci = i;
    if (ci < 0) {
        if (lhs->kind == RX_EXTERN) {      /* sdv_SetSomething(...); */
            expect(p, ";", "';' after the statement");
            return p->failed ? NULL : new_stmt(p, RS_BLOCK, t->loc);
        }
        syntax(p, op, "'=' or ';' after the expression");
        return NULL;
    }
    advance(p);
    RExpr *rhs;
    if (op->text[1] == op->text[0] && (op->text[0] == '+' || op->text[0] == '-')) {
        rhs = slic_new_expr(p, RX_INT, op->loc);
        rhs->ival = 1;
    } else {
        rhs = parse_expr(p, enum_var_of(p, lhs));
        if (!rhs)
            return NULL;
    }
    if (!expect(p, ";", "';' after the assignment"))
        return NULL;
    RStmt *s = new_stmt(p, RS_ASSIGN, op->loc);
    if (lhs->kind == RX_EXTERN)            /* assignment into the OS model */
        return new_stmt(p, RS_BLOCK, t->loc);
    if (lhs->kind != RX_VAR || lhs->index < 0) {
        slic_error(p->d, t, "cannot assign to this expression: only state variables can be assigned");
        return s;
    }
    s->var = lhs->index;
    if (compound[ci].op != OP_COUNT) {
        RExpr *b = slic_new_expr(p, RX_BINOP, op->loc);
        b->op = compound[ci].op;
        b->a = lhs;
        b->b = rhs;
        rhs = b;
    }
    s->value = rhs;
    var_range_ok(p, s->var, rhs, op);
    return s;
}

static RStmt *parse_stmt(Parser *p)
{
    if (++p->depth > SLIC_MAX_STMT_DEPTH) {
        if (!p->failed)
            slic_error(p->d, peek(p), "statements nested too deeply");
        p->failed = 1;
        return NULL;
    }
    RStmt *s = parse_stmt_inner(p);
    p->depth--;
    return p->failed ? NULL : s;
}

/* event   := targets when [ guard ] block
 * targets := target | '[' target { ',' target } ']'
 * guard   := '[' 'guard' '$'N ']'      (other guard forms: not runnable) */
static void parse_event(Parser *p)
{
    Rule *r = p->rule;
    Token *first = peek(p);
    RuleEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.loc = first->loc;
    int cap = 0;
    int list = accept(p, "[");
    do {
        if (ev.ntargets == cap)
            ev.targets = arena_grow(p->a, ev.targets, &cap, sizeof *ev.targets);
        if (!parse_target(p, &ev.targets[ev.ntargets]))
            return;
        ev.ntargets++;
    } while (list && accept(p, ","));
    if (list && !expect(p, "]", "',' or ']' in the list of functions"))
        return;
    if (!parse_when(p, &ev.when))
        return;
    if (slic_is(peek(p), "[") && peek(p)->kind == TK_PUNCT) {
        Token *open = advance(p);
        int from = p->pos;
        if (peek(p)->kind == TK_DOLLAR || !slic_is(peek(p), "guard")) {
            syntax(p, peek(p), "'guard'");
            return;
        }
        advance(p);
        if (peek(p)->kind == TK_DOLLAR && slic_is(&p->toks[p->pos + 1], "]") &&
            strcmp(peek(p)->text, "return") != 0) {
            if (!parse_dollar_n(p, &ev.guard_arg))
                return;
            advance(p);
        } else {
            while (peek(p)->kind != TK_EOF && !slic_is(peek(p), "]"))
                advance(p);
            if (!expect(p, "]", "']' to end the guard"))
                return;
            slic_unsupported(p, open->loc, arena_printf(p->a, "'[%s]'", span_text(p, from, p->pos - 1)));
        }
    }
    p->in_event = 1;
    p->cur_when = ev.when;
    ev.body = parse_block(p);
    p->in_event = 0;
    if (!ev.body)
        return;
    if (r->nevents == p->ecap)
        r->events = arena_grow(p->a, r->events, &p->ecap, sizeof *r->events);
    r->events[r->nevents++] = ev;
}

/* rule := { state | watch | event } EOF */
int slic_parse(Parser *p)
{
    int nerr0 = p->d->nerr;
    while (!p->failed && peek(p)->kind != TK_EOF) {
        Token *t = peek(p);
        if (t->kind == TK_IDENT && !strcmp(t->text, "state") && slic_is(&p->toks[p->pos + 1], "{"))
            parse_state(p);
        else if (t->kind == TK_IDENT && !strcmp(t->text, "watch"))
            parse_watch(p);
        else if (t->kind == TK_IDENT || (slic_is(t, "[") && t->kind == TK_PUNCT))
            parse_event(p);
        else
            syntax(p, t, "'state', 'watch' or an event such as 'sdv_NdisFoo.entry'");
    }
    if (!p->failed)
        slic_check_rule(p);
    p->rule->runnable = p->rule->unsupported == NULL;
    return p->d->nerr - nerr0;
}
