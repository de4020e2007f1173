/* cfg.c - utilities over cfg.h: rendering expressions, the stable text form
 * used by golden tests, Graphviz DOT, look-up and freeing.
 *
 * Text form, one function:
 *   function NAME file:line:col [static] [noreturn] [role ROLE]
 *     param I TYPE NAME [record REC]
 *   bN [label L]:
 *     line:col  STEP                      (steps; "file:" first when not the
 *     line:col  -> TERMINATOR              function's file)
 * steps: "call f(a, b)", "x = call f(a)", "x = expr", "x = ?" (unknown);
 * flags " [macro]" " [noreturn]"; terminators: "goto bN",
 * "branch KIND COND ? bT : bF" (COND "*" when nondeterministic),
 * "return [EXPR]", "noreturn".  A blank line ends each function. */
#include <stdlib.h>
#include <string.h>

#include "drvcheck/cfg.h"

typedef struct Buf {
    char *s;
    size_t n, cap;
    int temps_by_key;    /* graphs name temporaries "$t0"; traces by their call */
} Buf;

static void put(Buf *b, const char *s)
{
    size_t l = strlen(s);
    if (b->n + l + 1 > b->cap) {
        b->cap = (b->n + l + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    memcpy(b->s + b->n, s, l + 1);
    b->n += l;
}

/* v in decimal: snprintf's format parsing cost more than the rest of a step */
static void put_int(Buf *b, long long v)
{
    char tmp[24], out[24];
    int n = 0, k = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        out[k++] = '-';
    while (n)
        out[k++] = tmp[--n];
    out[k] = 0;
    put(b, out);
}

static int is_compound(const Expr *e)
{
    return e && (e->kind == EX_BINOP || e->kind == EX_COND);
}

/* Iterative only where chains get long in practice: operands recurse, and
 * expressions are as deep as the source wrote them. */
static void render(Buf *b, const Expr *e)
{
    if (!e) {
        put(b, "?");
        return;
    }
    switch (e->kind) {
    case EX_INT:
        if (e->text) {              /* the name the source gave the constant */
            put(b, e->text);
            return;
        }
        put_int(b, e->ival);
        return;
    case EX_PATH:
        if (b->temps_by_key && e->key && e->key[0] == '$') {
            put(b, e->key);
            return;
        }
        put(b, e->text ? e->text : "?");
        return;
    case EX_STR:
    case EX_FUNC:
    case EX_UNKNOWN:
        put(b, e->text ? e->text : "?");
        return;
    case EX_ADDR:
        put(b, "&");
        if (is_compound(e->a))
            put(b, "(");
        render(b, e->a);
        if (is_compound(e->a))
            put(b, ")");
        return;
    case EX_UNOP:
        put(b, op_spelling(e->op));
        if (is_compound(e->a))
            put(b, "(");
        render(b, e->a);
        if (is_compound(e->a))
            put(b, ")");
        return;
    case EX_BINOP:
        if (is_compound(e->a))
            put(b, "(");
        render(b, e->a);
        if (is_compound(e->a))
            put(b, ")");
        put(b, " ");
        put(b, op_spelling(e->op));
        put(b, " ");
        if (is_compound(e->b))
            put(b, "(");
        render(b, e->b);
        if (is_compound(e->b))
            put(b, ")");
        return;
    case EX_COND:
        render(b, e->a);
        put(b, " ? ");
        render(b, e->b);
        put(b, " : ");
        render(b, e->c);
        return;
    }
    put(b, "?");
}

const char *cfg_expr_string(Arena *a, const Expr *e)
{
    Buf b = {0};
    put(&b, "");
    render(&b, e);
    const char *r = arena_strdup(a, b.s);
    free(b.s);
    return r;
}

static void step_text(Buf *b, const Step *s)
{
    if (s->lhs) {
        render(b, s->lhs);
        put(b, " = ");
    }
    if (s->kind == ST_ASSIGN) {
        if (s->rhs)
            render(b, s->rhs);
        else
            put(b, "?");
    } else {
        put(b, "call ");
        if (s->callee) {
            put(b, s->callee);
        } else {
            put(b, "[");
            render(b, s->callee_expr);
            put(b, "]");
        }
        put(b, "(");
        for (int i = 0; i < s->nargs; i++) {
            if (i)
                put(b, ", ");
            render(b, s->args[i]);
        }
        put(b, ")");
        if (s->noreturn)
            put(b, " [noreturn]");
    }
    if (s->from_macro)
        put(b, " [macro]");
}

static const char *const branch_names[] = { "if", "loop", "switch", "logic", "cond", "seh" };

static void term_text(Buf *b, const Block *k)
{
    switch (k->term) {
    case T_GOTO:
        put(b, "goto b");
        put_int(b, k->succ[0]);
        return;
    case T_BRANCH:
        put(b, "branch ");
        put(b, branch_names[k->branch_kind]);
        put(b, " ");
        if (k->cond)
            render(b, k->cond);
        else
            put(b, "*");
        put(b, " ? b");
        put_int(b, k->succ[0]);
        put(b, " : b");
        put_int(b, k->succ[1]);
        return;
    case T_RETURN:
        put(b, "return");
        if (k->retval) {
            put(b, " ");
            render(b, k->retval);
        }
        return;
    case T_NORETURN:
        put(b, "noreturn");
        return;
    }
}

/* "    [file:]line:col " with line:col padded to 9 columns (blank when
 * there is no line), the file only when it is not the function's */
static void loc_text(Buf *b, const Loc *l, const char *ffile)
{
    put(b, "    ");
    if (!l->line) {
        put(b, "          ");
        return;
    }
    if (l->file && ffile && strcmp(l->file, ffile) != 0) {
        put(b, l->file);
        put(b, ":");
    }
    size_t from = b->n;
    put_int(b, l->line);
    put(b, ":");
    put_int(b, l->col);
    while (b->n - from < 9)
        put(b, " ");
    put(b, " ");
}

/* One function's text built in memory and written at once: a fprintf per
 * piece was 4.2M instructions of rtlnwifi st_oids.c's 272M, most of it
 * format parsing. */
void cfg_print_text(const Func *f, FILE *out)
{
    Buf b = {.temps_by_key = 1};
    put(&b, "function ");
    put(&b, f->name);
    put(&b, " ");
    put(&b, f->loc.file ? f->loc.file : "?");
    put(&b, ":");
    put_int(&b, f->loc.line);
    put(&b, ":");
    put_int(&b, f->loc.col);
    if (f->is_static)
        put(&b, " static");
    if (f->is_noreturn)
        put(&b, " noreturn");
    if (f->role) {
        put(&b, " role ");
        put(&b, f->role);
    }
    put(&b, "\n");
    for (int i = 0; i < f->nparams; i++) {
        const Param *p = &f->params[i];
        put(&b, "  param ");
        put_int(&b, i);
        put(&b, " ");
        put(&b, p->type ? p->type : "?");
        put(&b, " ");
        put(&b, p->name && *p->name ? p->name : "(unnamed)");
        if (p->record) {
            put(&b, " record ");
            put(&b, p->record);
        }
        put(&b, "\n");
    }
    for (int i = 0; i < f->nblocks; i++) {
        const Block *k = &f->blocks[i];
        put(&b, "  b");
        put_int(&b, k->id);
        if (k->label) {
            put(&b, " label ");
            put(&b, k->label);
        }
        put(&b, ":\n");
        for (int j = 0; j < k->nsteps; j++) {
            loc_text(&b, &k->steps[j].loc, f->file);
            step_text(&b, &k->steps[j]);
            put(&b, "\n");
        }
        loc_text(&b, &k->term_loc, f->file);
        put(&b, "-> ");
        term_text(&b, k);
        put(&b, "\n");
    }
    put(&b, "\n");
    fwrite(b.s, 1, b.n, out);
    free(b.s);
}

static void dot_escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        fputc(*s, out);
    }
}

void cfg_print_dot(const Func *f, FILE *out)
{
    Buf b = {.temps_by_key = 1};
    fprintf(out, "digraph \"");
    dot_escaped(out, f->name);
    fprintf(out, "\" {\n  node [shape=box fontname=\"monospace\"];\n");
    for (int i = 0; i < f->nblocks; i++) {
        const Block *k = &f->blocks[i];
        fprintf(out, "  b%d [label=\"b%d", k->id, k->id);
        if (k->label) {
            fputs(" ", out);
            dot_escaped(out, k->label);
        }
        fputs("\\l", out);
        for (int j = 0; j < k->nsteps; j++) {
            b.n = 0;
            put(&b, "");
            step_text(&b, &k->steps[j]);
            fprintf(out, "%d: ", k->steps[j].loc.line);
            dot_escaped(out, b.s);
            fputs("\\l", out);
        }
        b.n = 0;
        put(&b, "");
        term_text(&b, k);
        dot_escaped(out, b.s);
        fputs("\\l\"];\n", out);
        if (k->term == T_GOTO)
            fprintf(out, "  b%d -> b%d;\n", k->id, k->succ[0]);
        else if (k->term == T_BRANCH)
            fprintf(out, "  b%d -> b%d [label=\"T\"];\n  b%d -> b%d [label=\"F\"];\n", k->id,
                    k->succ[0], k->id, k->succ[1]);
    }
    fputs("}\n", out);
    free(b.s);
}

const Func *cfg_find_func(const Unit *u, const char *name)
{
    for (int i = 0; u && i < u->nfuncs; i++)
        if (strcmp(u->funcs[i].name, name) == 0)
            return &u->funcs[i];
    return NULL;
}

void cfg_free_unit(Unit *u)
{
    if (!u)
        return;
    diag_clear(&u->diags);
    arena_free(u->arena);    /* u itself lives in its arena */
}
