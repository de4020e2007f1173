/* dump.c - print a Rule's model back as SLIC.
 *
 * The output parses to the same model (enumerators are printed by name where
 * a state variable gives their enum, nested operators are parenthesised), so
 * dump(load(dump(load(x)))) == dump(load(x)); tests rely on that.  Used by
 * `drvcheck rules --dump`.  Statements the engine does not model (SDV
 * OS-model calls) were dropped by the parser and print as empty statements. */
#include "slic.h"

#include <string.h>

static void dump_expr(const Rule *r, const RExpr *e, FILE *out, int top);

/* An enumerator name for value v of variable var, or NULL. */
static const char *enum_name(const Rule *r, const RExpr *var, const RExpr *v)
{
    if (!var || var->kind != RX_VAR || var->index < 0 || var->index >= r->nvars)
        return NULL;
    const StateVar *sv = &r->vars[var->index];
    if (!sv->is_enum || !v || v->kind != RX_INT || v->ival < 0 || v->ival >= sv->nenum)
        return NULL;
    return sv->enumerators[v->ival];
}

static void dump_operand(const Rule *r, const RExpr *e, const RExpr *other, FILE *out)
{
    const char *n = enum_name(r, other, e);
    if (n)
        fputs(n, out);
    else
        dump_expr(r, e, out, 0);
}

static void dump_expr(const Rule *r, const RExpr *e, FILE *out, int top)
{
    if (!e) {
        fputs("0", out);
        return;
    }
    switch (e->kind) {
    case RX_INT:
        if (e->ival < 0 && !top)
            fprintf(out, "(%lld)", e->ival);
        else
            fprintf(out, "%lld", e->ival);
        break;
    case RX_VAR:
        fputs(e->index >= 0 && e->index < r->nvars ? r->vars[e->index].name : "?", out);
        break;
    case RX_RETURN:
        fputs("$return", out);
        break;
    case RX_ARG:
        fprintf(out, "$%d", e->index);
        break;
    case RX_EXTERN:
        fprintf(out, "%s", e->name ? e->name : "?");
        break;
    case RX_UNOP:
        fputs(op_spelling(e->op), out);
        if (e->a && (e->a->kind == RX_UNOP || e->a->kind == RX_BINOP || e->a->kind == RX_COND ||
                     e->a->kind == RX_EXTERN || (e->a->kind == RX_INT && e->a->ival < 0))) {
            fputc('(', out);
            dump_expr(r, e->a, out, 1);
            fputc(')', out);
        } else {
            dump_expr(r, e->a, out, 0);
        }
        break;
    case RX_BINOP:
        if (!top)
            fputc('(', out);
        dump_operand(r, e->a, e->b, out);
        fprintf(out, " %s ", op_spelling(e->op));
        dump_operand(r, e->b, e->a, out);
        if (!top)
            fputc(')', out);
        break;
    case RX_COND:
        fputc('(', out);
        dump_expr(r, e->a, out, 0);
        fputs(" ? ", out);
        dump_expr(r, e->b, out, 0);
        fputs(" : ", out);
        dump_expr(r, e->c, out, 0);
        fputc(')', out);
        break;
    }
}

static void indent(FILE *out, int n)
{
    for (int i = 0; i < n; i++)
        fputs("    ", out);
}

static void dump_string(const char *s, FILE *out)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", out);
        else if (*s == '\t')
            fputs("\\t", out);
        else if ((unsigned char)*s < 0x20)
            fputc(' ', out);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static void dump_stmt(const Rule *r, const RStmt *s, FILE *out, int ind)
{
    switch (s->kind) {
    case RS_BLOCK:
        indent(out, ind);
        if (s->nstmts == 0) {
            fputs(";\n", out);
            break;
        }
        fputs("{\n", out);
        for (int i = 0; i < s->nstmts; i++)
            dump_stmt(r, s->stmts[i], out, ind + 1);
        indent(out, ind);
        fputs("}\n", out);
        break;
    case RS_IF:
        indent(out, ind);
        fputs("if (", out);
        dump_expr(r, s->cond, out, 1);
        fputs(")\n", out);
        dump_stmt(r, s->then_s, out, s->then_s->kind == RS_BLOCK && s->then_s->nstmts ? ind : ind + 1);
        if (s->else_s) {
            indent(out, ind);
            fputs("else\n", out);
            dump_stmt(r, s->else_s, out, s->else_s->kind == RS_BLOCK && s->else_s->nstmts ? ind : ind + 1);
        }
        break;
    case RS_ASSIGN: {
        indent(out, ind);
        RExpr var = { 0 };
        var.kind = RX_VAR;
        var.index = s->var;
        fprintf(out, "%s = ", s->var >= 0 && s->var < r->nvars ? r->vars[s->var].name : "?");
        const char *n = enum_name(r, &var, s->value);
        if (n)
            fputs(n, out);
        else
            dump_expr(r, s->value, out, 1);
        fputs(";\n", out);
        break;
    }
    case RS_ABORT:
        indent(out, ind);
        fputs("abort ", out);
        dump_string(s->message ? s->message : "", out);
        fputs(";\n", out);
        break;
    case RS_HALT:
        indent(out, ind);
        fputs("halt;\n", out);
        break;
    }
}

static void dump_target(const RuleTarget *t, FILE *out)
{
    fprintf(out, "sdv_%s", t->name);
}

void rule_dump(const Rule *r, FILE *out)
{
    fprintf(out, "/* %s: %s */\n", r->name, r->summary ? r->summary : "");
    if (!r->runnable && r->unsupported)
        fprintf(out, "/* not runnable: %s */\n", r->unsupported);
    if (r->nvars) {
        fputs("state {\n", out);
        for (int i = 0; i < r->nvars; i++) {
            const StateVar *v = &r->vars[i];
            indent(out, 1);
            if (v->is_enum) {
                fputs("enum {", out);
                for (int j = 0; j < v->nenum; j++)
                    fprintf(out, "%s%s", j ? ", " : "", v->enumerators[j]);
                fprintf(out, "} %s = %s;\n", v->name,
                        v->init >= 0 && v->init < v->nenum ? v->enumerators[v->init] : "?");
            } else {
                fprintf(out, "int %s = %lld;\n", v->name, v->init);
            }
        }
        fputs("}", out);
        if (r->guard_text)
            fprintf(out, " with guard (%s)", r->guard_text);
        fputs("\n", out);
    }
    if (r->has_watch) {
        fputs("watch ", out);
        dump_target(&r->watch_target, out);
        fprintf(out, ".%s.$%d;\n", r->watch_when == EV_ENTRY ? "entry" : "exit", r->watch_arg);
    }
    for (int i = 0; i < r->nevents; i++) {
        const RuleEvent *ev = &r->events[i];
        fputs("\n", out);
        if (ev->ntargets == 1) {
            dump_target(&ev->targets[0], out);
        } else {
            fputs("[", out);
            for (int j = 0; j < ev->ntargets; j++) {
                if (j)
                    fputs(",\n ", out);
                dump_target(&ev->targets[j], out);
            }
            fputs("]", out);
        }
        fprintf(out, ".%s", ev->when == EV_ENTRY ? "entry" : "exit");
        if (ev->guard_arg)
            fprintf(out, " [guard $%d]", ev->guard_arg);
        fputs("\n", out);
        if (ev->body)
            dump_stmt(r, ev->body, out, 0);
        else
            fputs("{\n}\n", out);
    }
}
