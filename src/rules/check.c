/* check.c - names and checks of a SLIC rule.
 *
 * - Name resolution (called by the parser): a state variable, an enumerator
 *   (folded to its index; the enum of the variable it is compared with or
 *   assigned to is searched first), an SDV OS-model name (sdv_..., SDV_...,
 *   g_...: kept as RX_EXTERN, the rule is then not runnable), else an error.
 * - The prototype table: a small scanner over the bundled WDK model headers
 *   (rules/wdk/ *.h) that finds file-level declarators `Name(` and counts
 *   their parameters, so that `$3` on a two-parameter API is an error.  APIs
 *   the model does not declare are not checked.
 * - The checks run on a finished rule ($N arity of every event, the watch).
 * All linear in the size of the rule or the headers. */
#include "slic.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* --- names ------------------------------------------------------------------ */

void slic_unsupported(Parser *p, RLoc loc, const char *what)
{
    if (!p->rule->unsupported)
        p->rule->unsupported = arena_printf(p->a, "%s at %s:%d", what, loc.file ? loc.file : "?", loc.line);
}

int slic_is_os_model_name(const char *s)
{
    return !strncmp(s, "sdv", 3) || !strncmp(s, "SDV", 3) || !strncmp(s, "g_", 2);
}

/* Is name one of the objects of `with guard (...)`?  SDV binds them to
 * harness objects; drvcheck keeps them as OS-model names. */
static int in_guard(const char *guard, const char *name)
{
    size_t n = strlen(name);
    for (const char *g = guard; g && (g = strstr(g, name)) != NULL; g += n) {
        int before = g == guard || !(isalnum((unsigned char)g[-1]) || g[-1] == '_');
        int after = !(isalnum((unsigned char)g[n]) || g[n] == '_');
        if (before && after)
            return 1;
    }
    return 0;
}

static RExpr *enumerator(Parser *p, const Token *t, int var)
{
    const StateVar *v = &p->rule->vars[var];
    for (int j = 0; j < v->nenum; j++) {
        if (strcmp(v->enumerators[j], t->text) == 0) {
            RExpr *e = slic_new_expr(p, RX_INT, t->loc);
            e->ival = j;
            return e;
        }
    }
    return NULL;
}

RExpr *slic_resolve_ident(Parser *p, const Token *t, int ctx_var)
{
    Rule *r = p->rule;
    for (int i = 0; i < r->nvars; i++) {
        if (strcmp(r->vars[i].name, t->text) == 0) {
            RExpr *e = slic_new_expr(p, RX_VAR, t->loc);
            e->index = i;
            e->name = r->vars[i].name;
            return e;
        }
    }
    RExpr *e = ctx_var >= 0 ? enumerator(p, t, ctx_var) : NULL;
    for (int i = 0; !e && i < r->nvars; i++)
        e = enumerator(p, t, i);
    if (e)
        return e;
    if (slic_is_os_model_name(t->text) || in_guard(r->guard_text, t->text)) {
        e = slic_new_expr(p, RX_EXTERN, t->loc);
        e->name = t->text;
        slic_unsupported(p, t->loc, t->text);
        return e;
    }
    if (ctx_var >= 0 && r->vars[ctx_var].is_enum) {
        const StateVar *v = &r->vars[ctx_var];
        char list[256] = "";
        for (int j = 0; j < v->nenum; j++) {
            size_t n = strlen(list);
            snprintf(list + n, sizeof list - n, "%s%s", j ? ", " : "", v->enumerators[j]);
        }
        slic_error(p->d, t, "'%s' is not an enumerator of '%s' (%s)", t->text, v->name, list);
    } else {
        slic_error(p->d, t, "use of undeclared state variable '%s'", t->text);
    }
    return slic_new_expr(p, RX_INT, t->loc);
}

/* --- prototypes of the WDK model ------------------------------------------ */

typedef struct Scan {
    const char *s;
} Scan;

/* Next token of C text, skipping comments, strings and preprocessor lines.
 * Returns its length (0 at the end); *start receives its first byte. */
static size_t next_tok(Scan *sc, const char **start)
{
    const char *s = sc->s;
    int bol = s[-1] == '\n';
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\f' || *s == '\v') {
            bol = bol || *s == '\n';
            s++;
        }
        if (s[0] == '/' && s[1] == '/') {
            const char *e = strchr(s, '\n');
            s = e ? e : s + strlen(s);
        } else if (s[0] == '/' && s[1] == '*') {
            const char *e = strstr(s + 2, "*/");
            s = e ? e + 2 : s + strlen(s);
        } else if (bol && *s == '#') {
            /* to the end of the line, past its splices (the model's
             * thousands of #define lines: strchr, not byte by byte) */
            for (;;) {
                const char *e = strchr(s, '\n');
                if (!e) {
                    s += strlen(s);
                    break;
                }
                s = e;
                if (e[-1] != '\\')
                    break;
                s++;
            }
        } else if (*s == '"' || *s == '\'') {
            char q = *s++;
            while (*s && *s != q && *s != '\n') {
                if (*s == '\\' && s[1])
                    s++;
                s++;
            }
            if (*s == q)
                s++;
        } else {
            break;
        }
    }
    *start = s;
    size_t n = 0;
    if (!*s)
        n = 0;
    else if (isalnum((unsigned char)*s) || *s == '_')
        while (isalnum((unsigned char)s[n]) || s[n] == '_')
            n++;
    else if (!strncmp(s, "...", 3))
        n = 3;
    else
        n = 1;
    sc->s = s + n;
    return n;
}

static unsigned name_hash(const char *name, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)name[i]) * 16777619u;
    return h;
}

/* The slot of name in pt's hash: its entry, or the free slot it would take
 * (a model holds thousands of prototypes: a linear search per name was
 * 87M instructions of every scan's start-up). */
static int *proto_slot(const ProtoTable *pt, const char *name, size_t len)
{
    unsigned mask = (unsigned)pt->nslots - 1, i = name_hash(name, len) & mask;
    for (;; i = (i + 1) & mask) {
        int k = pt->slots[i];
        if (!k || (strncmp(pt->v[k - 1].name, name, len) == 0 && pt->v[k - 1].name[len] == 0))
            return &pt->slots[i];
    }
}

static void add_proto(Arena *a, ProtoTable *pt, const char *name, size_t len, int nparams)
{
    if (pt->nslots && *proto_slot(pt, name, len))
        return;
    if (pt->n == pt->cap)
        pt->v = arena_grow(a, pt->v, &pt->cap, sizeof *pt->v);
    pt->v[pt->n].name = arena_strndup(a, name, len);
    pt->v[pt->n].nparams = nparams;
    pt->n++;
    if (2 * pt->n > pt->nslots) {             /* at most half full */
        pt->nslots = pt->nslots ? 2 * pt->nslots : 1024;
        pt->slots = arena_alloc(a, (size_t)pt->nslots * sizeof *pt->slots);
        memset(pt->slots, 0, (size_t)pt->nslots * sizeof *pt->slots);
        for (int i = 0; i < pt->n; i++)
            *proto_slot(pt, pt->v[i].name, strlen(pt->v[i].name)) = i + 1;
    } else {
        *proto_slot(pt, name, len) = pt->n;
    }
}

/* Count the parameters of a list whose '(' was just read; -1 if variadic. */
static int count_params(Scan *sc)
{
    int depth = 1, commas = 0, words = 0, variadic = 0, only_void = 1;
    const char *t;
    size_t n;
    while ((n = next_tok(sc, &t)) > 0) {
        if (*t == ')' && --depth == 0)
            break;
        if (*t == '(')
            depth++;
        else if (depth == 1 && *t == ',')
            commas++;
        else if (n == 3 && !strncmp(t, "...", 3))
            variadic = 1;
        words++;
        if (!(n == 4 && (!strncmp(t, "void", 4) || !strncmp(t, "VOID", 4))))
            only_void = 0;
    }
    if (variadic)
        return -1;
    if (words == 0 || only_void)
        return 0;
    return commas + 1;
}

void slic_protos_scan_text(Arena *a, ProtoTable *pt, const char *text)
{
    if (!text || !*text)
        return;
    /* next_tok looks one byte back for the start of a line */
    char *buf = malloc(strlen(text) + 2);
    if (!buf)
        abort();
    buf[0] = '\n';
    strcpy(buf + 1, text);
    Scan sc = { buf + 1 };
    const char *t, *prev = NULL;
    size_t n, prevn = 0;
    int braces = 0;
    while ((n = next_tok(&sc, &t)) > 0) {
        if (*t == '{') {
            braces++;
        } else if (*t == '}') {
            if (braces > 0)
                braces--;
        } else if (*t == '(' && braces == 0) {
            const char *name = NULL;
            size_t namen = 0;
            /* ( NAME ) ( params ): a parenthesised declarator */
            Scan save = sc;
            const char *u, *v, *w;
            size_t un = next_tok(&sc, &u), vn = next_tok(&sc, &v), wn = next_tok(&sc, &w);
            if (un && (isalpha((unsigned char)*u) || *u == '_') && vn == 1 && *v == ')' && wn == 1 && *w == '(') {
                name = u;
                namen = un;
            } else {
                sc = save;
                if (prev && (isalpha((unsigned char)*prev) || *prev == '_')) {
                    name = prev;
                    namen = prevn;
                }
            }
            int np = count_params(&sc);
            if (name && name[0] != '_' && !(namen == 6 && !strncmp(name, "sizeof", 6)))
                add_proto(a, pt, name, namen, np);
            prev = NULL;
            continue;
        }
        prev = t;
        prevn = n;
    }
    free(buf);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

void slic_protos_scan_dir(Arena *a, ProtoTable *pt, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 2 && !strcmp(e->d_name + len - 2, ".h")) {
            if (n == cap)
                names = arena_grow(a, names, &cap, sizeof *names);
            names[n++] = arena_strdup(a, e->d_name);
        }
    }
    closedir(d);
    if (n)
        qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        char *text = slic_read_file(a, arena_printf(a, "%s/%s", dir, names[i]));
        slic_protos_scan_text(a, pt, text);
    }
}

int slic_proto_params(const ProtoTable *pt, const char *name)
{
    if (!pt || !pt->nslots)
        return -2;
    int k = *proto_slot(pt, name, strlen(name));
    return k ? pt->v[k - 1].nparams : -2;
}

/* --- checks of the finished rule ------------------------------------------- */

/* The source line of a location, from the rule's tokens (for the caret). */
static const char *line_of(Parser *p, RLoc loc)
{
    for (const Token *t = p->toks; t; t = t->next)
        if (t->loc.line == loc.line && t->loc.file == loc.file)
            return t->line;
    return NULL;
}

static void check_args_expr(Parser *p, const RExpr *e, int max, const char *fn)
{
    if (!e)
        return;
    if (e->kind == RX_ARG && e->index > max)
        slic_error_at(p->d, e->loc, line_of(p, e->loc), "'$%d' is beyond the %d parameter%s of %s", e->index, max,
                      max == 1 ? "" : "s", fn);
    check_args_expr(p, e->a, max, fn);
    check_args_expr(p, e->b, max, fn);
    check_args_expr(p, e->c, max, fn);
}

static void check_args_stmt(Parser *p, const RStmt *s, int max, const char *fn)
{
    if (!s)
        return;
    check_args_expr(p, s->cond, max, fn);
    check_args_expr(p, s->value, max, fn);
    check_args_stmt(p, s->then_s, max, fn);
    check_args_stmt(p, s->else_s, max, fn);
    for (int i = 0; i < s->nstmts; i++)
        check_args_stmt(p, s->stmts[i], max, fn);
}

void slic_check_rule(Parser *p)
{
    Rule *r = p->rule;
    for (int i = 0; i < r->nevents; i++) {
        const RuleEvent *ev = &r->events[i];
        for (int j = 0; j < ev->ntargets; j++) {
            int np = slic_proto_params(p->protos, ev->targets[j].name);
            if (np < 0)
                continue;
            if (ev->guard_arg > np)
                slic_error_at(p->d, ev->loc, line_of(p, ev->loc), "'[guard $%d]' is beyond the %d parameter%s of %s",
                              ev->guard_arg, np, np == 1 ? "" : "s", ev->targets[j].name);
            check_args_stmt(p, ev->body, np, ev->targets[j].name);
        }
    }
    if (r->has_watch) {
        int np = slic_proto_params(p->protos, r->watch_target.name);
        if (np >= 0 && r->watch_arg > np)
            slic_error(p->d, p->watch_tok, "'watch ... $%d' is beyond the %d parameter%s of %s", r->watch_arg, np,
                          np == 1 ? "" : "s", r->watch_target.name);
    }
}
