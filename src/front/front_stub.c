/* TEMPORARY skeleton: replaced by the real front end. */
#include <stdlib.h>
#include "drvcheck/front.h"
struct FrontCtx { int dummy; };
FrontCtx *front_new(const FrontOptions *o) { (void)o; return calloc(1, sizeof(FrontCtx)); }
Unit *front_parse(FrontCtx *fc, const SourceFile *sf)
{
    (void)fc;
    Arena *a = arena_new();
    Unit *u = arena_alloc(a, sizeof *u);
    u->arena = a;
    u->path = arena_strdup(a, sf->path);
    return u;
}
void front_free(FrontCtx *fc) { free(fc); }
const char *cfg_expr_string(Arena *a, const Expr *e) { (void)e; return arena_strdup(a, "?"); }
void cfg_print_text(const Func *f, FILE *out) { (void)f; (void)out; }
void cfg_print_dot(const Func *f, FILE *out) { (void)f; (void)out; }
const Func *cfg_find_func(const Unit *u, const char *name) { (void)u; (void)name; return NULL; }
void cfg_free_unit(Unit *u) { if (u) { diag_clear(&u->diags); arena_free(u->arena); } }
