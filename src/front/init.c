/* init.c - initialisers: a declaration's initialiser list becomes one
 * ASSIGN per member it sets (designated or positional, nested records and
 * arrays; array elements share the key "a[]"); in global and static
 * initialisers only the stores of function designators are kept, as
 * Unit.fnstores (the callback tables drivers fill statically).  Linear in
 * the size of the initialiser; fields come from clang_Type_visitFields. */
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

typedef struct FieldList {
    CXCursor *v;
    int n, cap;
} FieldList;

static enum CXVisitorResult add_field(CXCursor c, CXClientData d)
{
    FieldList *fl = d;
    if (fl->n == fl->cap) {
        fl->cap = fl->cap ? fl->cap * 2 : 16;
        fl->v = realloc(fl->v, (size_t)fl->cap * sizeof *fl->v);
        if (!fl->v)
            abort();
    }
    fl->v[fl->n++] = c;
    return CXVisit_Continue;
}

static int func_designator(Lower *L, CXCursor c, const char **name)
{
    c = skip_wrappers(L, c);
    if (c.kind == CXCursor_UnaryOperator) {
        int b = kids(L, c), n = L->ncs - b;
        CXCursor ch = n ? L->cs[b] : clang_getNullCursor();
        L->ncs = b;
        if (n != 1)
            return 0;
        c = skip_wrappers(L, ch);
    }
    if (c.kind != CXCursor_DeclRefExpr)
        return 0;
    CXCursor ref = clang_getCursorReferenced(c);
    if (ref.kind != CXCursor_FunctionDecl)
        return 0;
    *name = k_decl_name(L, ref);
    return 1;
}

static void add_fnstore(Lower *L, Expr *target, const char *fn, Loc loc)
{
    Unit *u = L->u;
    if (u->nfnstores % 16 == 0) {
        FnStore *nv = arena_alloc(L->a, (size_t)(u->nfnstores + 16) * sizeof *nv);
        if (u->nfnstores)
            memcpy(nv, u->fnstores, (size_t)u->nfnstores * sizeof *nv);
        u->fnstores = nv;
    }
    FnStore *s = &u->fnstores[u->nfnstores++];
    s->key = target->key;
    s->tkey = target->tkey;
    s->func = fn;
    s->loc = loc;
    s->konst = target->const_table;
}

static void init_one(Lower *L, Expr *target, CXType t, CXCursor v, int fnstores_only)
{
    Loc loc = k_cursor_loc(L, v);
    if (skip_wrappers(L, v).kind == CXCursor_InitListExpr) {
        lower_init(L, target, t, skip_wrappers(L, v), loc, fnstores_only);
        return;
    }
    if (fnstores_only == 2) {
        Expr *x = lower_expr(L, v, 0);
        if (x && x->kind == EX_INT && target->kind == EX_PATH && target->key)
            add_ginit(L, (GlobalInit){target->key, 0, x->ival});
        return;
    }
    if (fnstores_only) {
        const char *fn;
        if (func_designator(L, v, &fn))
            add_fnstore(L, target, fn, loc);
        return;
    }
    lower_assign_to(L, target, v, loc);
}

/* The element of target named by a designator list, with its type.  An
 * array designator with a constant index (`[RtSyncMask] = { ... }`, an enum
 * constant) names that element, as a positional one does, when exact (a
 * const table's values, lower_init mode 2), and the positional elements
 * after it go on from there; a range (`[0 ... 3]`) or any other index is
 * "some element". */
static Expr *designate(Lower *L, Expr *target, CXType *t, int b, int ndes, int *pos,
                       const FieldList *fl, int exact)
{
    for (int i = 0; i < ndes; i++) {
        CXCursor d = L->cs[b + i];
        if (d.kind == CXCursor_MemberRef) {
            CXCursor fd = clang_getCursorReferenced(d);
            CXType ft = clang_getCursorType(fd);
            const char *name = k_decl_name(L, d);
            if (i == 0 && fl)
                for (int j = 0; j < fl->n; j++)
                    if (clang_equalCursors(fl->v[j], fd))
                        *pos = j + 1;
            target = k_member(L, target, 0, k_record_name(L, *t), name, ft);
            *t = ft;
        } else {
            /* an array designator: one index step for the run of children */
            int first = i;
            while (i + 1 < ndes && L->cs[b + i + 1].kind != CXCursor_MemberRef)
                i++;
            CXType et = clang_getArrayElementType(clang_getCanonicalType(*t));
            Expr *ix = NULL;
            if (i == first) {            /* one index, not a range */
                int save = L->ncs;
                Expr *v = lower_expr(L, d, 0);
                L->ncs = save;
                if (v && v->kind == EX_INT && v->ival >= 0 && v->ival < 4096) {
                    ix = k_int(L, v->ival);
                    if (first == 0 && !fl)
                        *pos = (int)v->ival + 1;
                }
            }
            target = k_index(L, target, ix ? ix : k_unknown(L, "i"), *t, et, ix && exact);
            *t = et;
        }
    }
    return target;
}

void lower_init(Lower *L, Expr *target, CXType t, CXCursor init, Loc loc, int fnstores_only)
{
    init = skip_wrappers(L, init);
    if (init.kind != CXCursor_InitListExpr) {
        init_one(L, target, t, init, fnstores_only);
        return;
    }
    (void)loc;
    CXType canon = clang_getCanonicalType(t);
    FieldList fl = {0};
    int is_rec = canon.kind == CXType_Record;
    int is_arr = canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray ||
                 canon.kind == CXType_VariableArray;
    if (is_rec)
        clang_Type_visitFields(canon, add_field, &fl);
    const char *rec = is_rec ? k_record_name(L, t) : NULL;
    int b = kids(L, init), n = L->ncs - b;
    int pos = 0;
    for (int i = 0; i < n; i++) {
        CXCursor ch = L->cs[b + i];
        if (ch.kind == CXCursor_UnexposedExpr) {
            int cb = kids(L, ch), cn = L->ncs - cb;
            if (cn >= 2 && (L->cs[cb].kind == CXCursor_MemberRef || is_arr)) {
                CXType et = t;
                CXCursor val = L->cs[cb + cn - 1];
                Expr *el = designate(L, target, &et, cb, cn - 1, &pos, is_rec ? &fl : NULL,
                                     fnstores_only != 0);
                L->ncs = cb;
                init_one(L, el, et, val, fnstores_only);
                continue;
            }
            L->ncs = cb;
        }
        if (is_rec) {
            if (pos >= fl.n)
                continue;
            CXCursor fd = fl.v[pos++];
            CXType ft = clang_getCursorType(fd);
            Expr *el = k_member(L, target, 0, rec, k_decl_name(L, fd), ft);
            init_one(L, el, ft, ch, fnstores_only);
        } else if (is_arr) {
            CXType et = clang_getArrayElementType(canon);
            /* a const table's elements by index (its values, mode 2), a table of
               functions' too (Steps[0]: the engine calls the one an index names) */
            Expr *el = k_index(L, target, k_int(L, pos++), t, et, fnstores_only != 0);
            init_one(L, el, et, ch, fnstores_only);
        } else if (i == 0) {
            init_one(L, target, t, ch, fnstores_only);
        }
    }
    L->ncs = b;
    free(fl.v);
}

/* A record initialised from a brace list, in a declaration (`NX_INTR Idle
 * = { 0 };`) or by a compound literal (`Adapter->Intr = (NX_INTR){ 0 };`):
 * C zeroes every member the list does not name, so the record is first
 * zeroed as a memset of it would (the engine's memset model), then the
 * members the list names are assigned.  Before, only the named members
 * got values and the others stayed unknown (cases 353, 354). */
void lower_record_init(Lower *L, Expr *target, CXType t, CXCursor init, Loc loc)
{
    CXType canon = clang_getCanonicalType(t);
    long long size = clang_Type_getSizeOf(canon);
    if (canon.kind == CXType_Record && target && target->kind == EX_PATH) {
        Step s = {0};
        s.kind = ST_CALL;
        s.loc = loc;
        s.callee = "memset";
        s.nargs = 3;
        s.args = arena_alloc(L->a, 3 * sizeof *s.args);
        s.args[0] = k_new(L, EX_ADDR);
        s.args[0]->a = target;
        s.args[1] = k_int(L, 0);
        s.args[2] = k_int(L, size > 0 ? size : 0);
        g_emit(L, &s);
    }
    lower_init(L, target, t, init, loc, 0);
}

static enum CXChildVisitResult find_function(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    if (c.kind == CXCursor_DeclRefExpr &&
        clang_getCursorReferenced(c).kind == CXCursor_FunctionDecl) {
        *(int *)d = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

void lower_fnstores(Lower *L, Expr *target, CXType t, CXCursor init, Loc loc)
{
    /* one plain walk first: most static tables (a registry table of 800
     * rows in a header every unit includes) store no function, and the
     * walk by fields costs ten times as much */
    int found = 0;
    clang_visitChildren(init, find_function, &found);
    if (found || (init.kind == CXCursor_DeclRefExpr &&
                  clang_getCursorReferenced(init).kind == CXCursor_FunctionDecl))
        lower_init(L, target, t, init, loc, 1);
}
