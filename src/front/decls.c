/* decls.c - the top-level walk of a translation unit.
 *
 * Outside system headers (the WDK model is included with -isystem):
 * every function definition is lowered to a Func; a function declared
 * through a typedef'd function type (MINIPORT_HALT MPHaltEx;) is a role
 * declaration; functions this unit knows as noreturn (defined or declared
 * in its file, or called) are listed for other units;
 * initialisers of global variables record where they store function
 * designators (FnStore).  One pass over the top-level cursors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

typedef struct Walk {
    Lower *L;
    Func **funcs;
    int nfuncs, capfuncs;
    StrMap noret;        /* names already listed */
} Walk;

static const char *role_of(Lower *L, CXCursor c)
{
    CXType t = clang_getCursorType(c);
    for (int i = 0; i < 8 && t.kind == CXType_Elaborated; i++)
        t = clang_Type_getNamedType(t);
    if (t.kind != CXType_Typedef)
        return NULL;
    return k_str(L, clang_getTypedefName(t));
}

static void add_role(Lower *L, const char *fn, const char *role, Loc loc)
{
    Unit *u = L->u;
    if (u->nroles % 16 == 0) {
        RoleDecl *nv = arena_alloc(L->a, (size_t)(u->nroles + 16) * sizeof *nv);
        if (u->nroles)
            memcpy(nv, u->roles, (size_t)u->nroles * sizeof *nv);
        u->roles = nv;
    }
    u->roles[u->nroles++] = (RoleDecl){ fn, role, loc };
}

static void add_noreturn(Walk *w, const char *name)
{
    Unit *u = w->L->u;
    if (strmap_get(&w->noret, name))
        return;
    strmap_put(&w->noret, name, 1);
    if (u->nnoreturn % 16 == 0) {
        const char **nv = arena_alloc(w->L->a, (size_t)(u->nnoreturn + 16) * sizeof *nv);
        if (u->nnoreturn)
            memcpy(nv, u->noreturn_fns, (size_t)u->nnoreturn * sizeof *nv);
        u->noreturn_fns = nv;
    }
    u->noreturn_fns[u->nnoreturn++] = name;
}

static Func *new_func(Lower *L, CXCursor c)
{
    Func *f = arena_alloc(L->a, sizeof *f);
    f->name = k_decl_name(L, c);
    f->loc = k_cursor_loc(L, c);
    f->file = f->loc.file;
    f->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    f->is_noreturn = is_noreturn_decl(L, c);
    int n = clang_Cursor_getNumArguments(c);
    if (n > 0) {
        f->params = arena_alloc(L->a, (size_t)n * sizeof *f->params);
        f->nparams = n;
        for (int i = 0; i < n; i++) {
            CXCursor p = clang_Cursor_getArgument(c, i);
            CXType t = clang_getCursorType(p);
            Param *pp = &f->params[i];
            pp->name = k_decl_name(L, p);
            pp->type = k_str(L, clang_getTypeSpelling(t));
            pp->record = k_pointee_record(L, t);
            if (!pp->record)
                pp->record = k_record_name(L, t);
        }
    }
    return f;
}

/* What a global defined here starts as (Unit.ginits): no initialiser is
 * all zero; an integer constant (BOOLEAN g_Registered = FALSE;) is that. */
void add_ginit(Lower *L, GlobalInit g)
{
    Unit *u = L->u;
    if (u->nginits == L->ginit_cap)    /* doubling: a 4,000-entry const table is linear */
        u->ginits = arena_grow(L->a, u->ginits, &L->ginit_cap, sizeof *u->ginits);
    u->ginits[u->nginits++] = g;
}

/* Are an array's elements const (libclang keeps the qualifier on the
 * element type as written, not always on the canonical one)? */
static int const_elements(Lower *L, CXType t)
{
    CXType el = clang_getArrayElementType(t);
    if (clang_isConstQualifiedType(el) || clang_isConstQualifiedType(t))
        return 1;
    const char *sp = k_str(L, clang_getTypeSpelling(t));
    return strncmp(sp, "const ", 6) == 0;
}

/* A static const table whose elements wait until the unit's functions are
 * lowered: they are keys only if some function reads the table at a
 * constant index (Settle[2]), or at a variable one in a table of at most 16
 * (Ops[Op].Routine: the engine knows Op on a path); wireguard-nt's crypto.c holds 644 tables of
 * test vectors no function indexes so, whose elements were half of its
 * lowering (473M of 903M instructions).  A table other units can see
 * (external linkage) is lowered at once. */
struct PendingTable {
    CXCursor c, init;
    CXType t;
    Expr *v;
};

static void defer_table(Lower *L, CXCursor c, CXType t, CXCursor init, Expr *v)
{
    if (L->npend == L->cappend) {
        L->cappend = L->cappend ? L->cappend * 2 : 16;
        L->pend = realloc(L->pend, (size_t)L->cappend * sizeof *L->pend);
        if (!L->pend)
            abort();
    }
    L->pend[L->npend++] = (struct PendingTable){c, init, t, v};
}

static void global_init(Lower *L, CXCursor c, CXType t, CXCursor init)
{
    GlobalInit g = {0};
    L->fn = NULL;
    Expr *v = k_var_path(L, c, t);
    if (!v->key)
        return;
    CXType canon = clang_getCanonicalType(t);
    int const_table = canon.kind == CXType_ConstantArray && const_elements(L, t);
    if (!clang_Cursor_isNull(init) &&
        ((canon.kind == CXType_Record && clang_isConstQualifiedType(t)) || const_table)) {
        /* a const template (static const MP_INTR IntrNone = { NULL, FALSE };)
         * or table (static const ULONG Settle[3] = { 2, 25, 60 };): zero,
         * then each constant field or element under the variable's own key,
         * for copies of it (Adapter->Intr = IntrNone) and reads (Settle[2]) */
        add_ginit(L, (GlobalInit){v->key, 1, 0});
        if (const_table && clang_getCursorLinkage(c) == CXLinkage_Internal)
            defer_table(L, c, t, init, v);
        else
            lower_init(L, v, t, init, k_cursor_loc(L, c), 2);
        return;
    }
    if (clang_Cursor_isNull(init)) {
        const char *rec = k_record_name(L, t);
        CXType ct = clang_getCanonicalType(t);
        int is_rec = ct.kind == CXType_Record && rec && strcmp(rec, "<anonymous>") != 0;
        if (is_rec && clang_isConstQualifiedType(t))
            add_ginit(L, (GlobalInit){v->key, 1, 0});   /* an all-zero template, for copies of it */
        g = (GlobalInit){is_rec ? rec : v->key, 1, 0};
    } else {
        CXType ct = clang_getCanonicalType(t);
        int scalar = (ct.kind >= CXType_Bool && ct.kind <= CXType_LongLong) ||
                     ct.kind == CXType_Enum || ct.kind == CXType_Pointer;
        Expr *x = scalar ? lower_expr(L, init, 0) : NULL;
        if (!x || x->kind != EX_INT)
            return;
        g = (GlobalInit){v->key, 0, x->ival};
    }
    add_ginit(L, g);
}

static enum CXChildVisitResult top(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    Walk *w = d;
    Lower *L = w->L;
    if (clang_Location_isInSystemHeader(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_FunctionDecl) {
        const char *role = clang_isCursorDefinition(c) ? NULL : role_of(L, c);
        if (role) {
            add_role(L, k_decl_name(L, c), role, k_cursor_loc(L, c));
        }
        /* a prototype in a header is judged where a unit calls it
         * (lower_call): judging each of a big project header's thousands
         * of prototypes in every unit cost a third of its lowering */
        if ((clang_isCursorDefinition(c) ||
             clang_Location_isFromMainFile(clang_getCursorLocation(c))) &&
            is_noreturn_decl(L, c))
            add_noreturn(w, k_decl_name(L, c));
        if (clang_isCursorDefinition(c)) {
            Func *f = new_func(L, c);
            lower_function(L, c, f);
            if (w->nfuncs == w->capfuncs) {
                w->capfuncs = w->capfuncs ? w->capfuncs * 2 : 32;
                w->funcs = realloc(w->funcs, (size_t)w->capfuncs * sizeof *w->funcs);
                if (!w->funcs)
                    abort();
            }
            w->funcs[w->nfuncs++] = f;
        }
    } else if (c.kind == CXCursor_VarDecl) {
        CXCursor init = clang_Cursor_getVarDeclInitializer(c);
        CXType t = clang_getCursorType(c);
        if (!clang_Cursor_isNull(init)) {
            L->fn = NULL;
            Expr *target = k_var_path(L, c, t);
            lower_fnstores(L, target, t, init, k_cursor_loc(L, c));
        }
        /* a definition, tentative ones (T x; at file scope) included */
        if (clang_Cursor_getStorageClass(c) != CX_SC_Extern &&
            clang_getCursorSemanticParent(c).kind == CXCursor_TranslationUnit)
            global_init(L, c, t, init);
    } else if (c.kind == CXCursor_LinkageSpec || c.kind == CXCursor_UnexposedDecl) {
        return CXChildVisit_Recurse;
    }
    return CXChildVisit_Continue;
}

void decls_walk(Lower *L)
{
    Walk w = { L, NULL, 0, 0, {0} };
    clang_visitChildren(clang_getTranslationUnitCursor(L->tu), top, &w);
    L->fn = NULL;
    for (int i = 0; i < L->npend; i++) {
        struct PendingTable *t = &L->pend[i];
        if (strmap_get(&L->indexed, t->v->key))
            lower_init(L, t->v, t->t, t->init, k_cursor_loc(L, t->c), 2);
    }
    free(L->pend);
    L->pend = NULL;
    strmap_free(&L->indexed);
    /* and every function a call here found noreturn, wherever declared */
    for (int i = 0; i < L->noret.cap; i++)
        if (L->noret.keys[i] && L->noret.vals[i])
            add_noreturn(&w, arena_strdup(L->a, L->noret.keys[i]));
    Unit *u = L->u;
    u->nfuncs = w.nfuncs;
    u->funcs = arena_alloc(L->a, (size_t)(w.nfuncs ? w.nfuncs : 1) * sizeof *u->funcs);
    StrMap roles = {0};
    for (int i = 0; i < u->nroles; i++)
        strmap_put(&roles, u->roles[i].func, i);
    for (int i = 0; i < w.nfuncs; i++) {
        u->funcs[i] = *w.funcs[i];
        int *r = strmap_get(&roles, u->funcs[i].name);
        if (r) {
            u->funcs[i].role = u->roles[*r].role;
            u->funcs[i].role_loc = u->roles[*r].loc;
        }
    }
    strmap_free(&roles);
    strmap_free(&w.noret);
    free(w.funcs);
}
