/* lower_stmt.c - statements to blocks and edges.
 *
 * if/else, while, do-while, for, switch (a chain of T_BRANCH on x == c in
 * case order, then default), break/continue (a stack of jump targets),
 * goto/labels (a block per label name), return (T_RETURN with its value),
 * __try/__except (after each call in the __try body a nondeterministic
 * T_BRANCH, BR_SEH, to the handler: succ[0] the handler, succ[1] the normal
 * path), __try/__finally (the __finally body is lowered again on every way
 * out of the __try: its end, __leave, return, break, continue, goto out),
 * __leave.  Declarations with an initialiser become ASSIGN steps (one per
 * member for initialiser lists), without one an ASSIGN with rhs NULL;
 * static locals only record their stores of function designators.
 *
 * The lowering recurses along the AST; the caller (parse.c) runs it on a
 * thread whose stack is large enough for thousands of nesting levels. */
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

static void push_jump(Lower *L, int brk, int cont)
{
    if (L->njumps == L->capjumps) {
        L->capjumps = L->capjumps ? L->capjumps * 2 : 16;
        L->jumps = realloc(L->jumps, (size_t)L->capjumps * sizeof *L->jumps);
        if (!L->jumps)
            abort();
    }
    L->jumps[L->njumps++] = (Jump){ brk, cont, L->nfins };
}

static void push_fin(Lower *L, Fin f)
{
    if (L->nfins == L->capfins) {
        L->capfins = L->capfins ? L->capfins * 2 : 8;
        L->fins = realloc(L->fins, (size_t)L->capfins * sizeof *L->fins);
        if (!L->fins)
            abort();
    }
    L->fins[L->nfins++] = f;
}

/* Lower copies of the __finally bodies of scopes [downto, nfins), innermost
 * first.  Each body runs with only the scopes outside it open. */
static void run_finallys(Lower *L, int downto, CXFile lfile, unsigned loff, int to_label)
{
    int top = L->nfins;
    if (downto >= top)
        return;
    Fin *save = malloc((size_t)(top - downto) * sizeof *save);
    if (!save)
        abort();
    memcpy(save, L->fins + downto, (size_t)(top - downto) * sizeof *save);
    for (int i = top - 1; i >= downto; i--) {
        Fin *f = &save[i - downto];
        if (to_label && f->file == lfile && loff >= f->beg && loff < f->end)
            break;                           /* the label is inside this __try */
        if (clang_Cursor_isNull(f->body))
            continue;
        L->nfins = i;
        int was = L->abnormal;
        L->abnormal = 1;                     /* AbnormalTermination() is TRUE here */
        lower_stmt(L, f->body);
        L->abnormal = was;
    }
    memcpy(L->fins + downto, save, (size_t)(top - downto) * sizeof *save);
    L->nfins = top;
    free(save);
}

static int label_block(Lower *L, const char *name)
{
    int *p = strmap_get(&L->labels, name);
    if (p)
        return *p;
    int b = g_new(L);
    L->bbs[b].b.label = arena_strdup(L->a, name);
    strmap_put(&L->labels, name, b);
    return b;
}

/* ------------------------------------------------------------ switch */

typedef struct CaseScan {
    Lower *L;
    SwitchCtx *sw;
} CaseScan;

static void add_case(Lower *L, SwitchCtx *sw, CXCursor c)
{
    if (sw->n == sw->cap) {
        sw->cap = sw->cap ? sw->cap * 2 : 16;
        sw->cases = realloc(sw->cases, (size_t)sw->cap * sizeof *sw->cases);
        if (!sw->cases)
            abort();
    }
    CaseEnt *e = &sw->cases[sw->n++];
    memset(e, 0, sizeof *e);
    e->block = g_new(L);
    e->loc = k_cursor_loc(L, c);
    if (c.kind == CXCursor_DefaultStmt) {
        e->is_default = 1;
        return;
    }
    int b = kids(L, c), n = L->ncs - b;
    long long v;
    for (int i = 0; i < n - 1 && i < 2; i++) {
        CXCursor x = L->cs[b + i];
        Expr *val = k_eval_int(x, &v) ? name_constant(L, x, k_int(L, v))
                                      : k_unknown(L, k_extent_text(L, x));
        if (i == 0)
            e->lo = val;
        else
            e->hi = val;
    }
    L->ncs = b;
    if (!e->lo)
        e->lo = k_unknown(L, "?");
}

static enum CXChildVisitResult scan_cases(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    CaseScan *cs = d;
    if (c.kind == CXCursor_SwitchStmt || clang_isExpression(c.kind) ||
        clang_isDeclaration(c.kind))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_CaseStmt || c.kind == CXCursor_DefaultStmt)
        add_case(cs->L, cs->sw, c);
    return CXChildVisit_Recurse;
}

static void lower_switch(Lower *L, CXCursor c)
{
    int b = kids(L, c), n = L->ncs - b;
    if (n < 2) {
        L->ncs = b;
        return;
    }
    CXCursor cond = L->cs[b + n - 2], body = L->cs[b + n - 1];
    L->ncs = b;
    Expr *x = lower_expr(L, cond, 0);
    SwitchCtx *sw = calloc(1, sizeof *sw);
    if (!sw)
        abort();
    CaseScan scan = { L, sw };
    if (body.kind == CXCursor_CaseStmt || body.kind == CXCursor_DefaultStmt)
        add_case(L, sw, body);
    clang_visitChildren(body, scan_cases, &scan);
    int X = g_new(L), dflt = X;
    for (int i = 0; i < sw->n; i++) {
        CaseEnt *e = &sw->cases[i];
        if (e->is_default) {
            dflt = e->block;
            continue;
        }
        Expr *t = e->hi ? k_binop(L, OP_LAND, k_binop(L, OP_GE, x, e->lo),
                                  k_binop(L, OP_LE, x, e->hi))
                        : k_binop(L, OP_EQ, x, e->lo);
        int next = g_new(L);
        g_branch(L, t, e->block, next, BR_SWITCH, e->loc);
        L->cur = next;
    }
    g_goto(L, dflt, (Loc){0});
    if (L->nsws == L->capsws) {
        L->capsws = L->capsws ? L->capsws * 2 : 8;
        L->sws = realloc(L->sws, (size_t)L->capsws * sizeof *L->sws);
        if (!L->sws)
            abort();
    }
    L->sws[L->nsws++] = sw;
    push_jump(L, X, -1);
    lower_stmt(L, body);
    g_goto(L, X, (Loc){0});
    L->njumps--;
    L->nsws--;
    free(sw->cases);
    free(sw);
    L->cur = X;
}

static void lower_case(Lower *L, CXCursor c)
{
    int b = kids(L, c), n = L->ncs - b;
    int need = c.kind == CXCursor_CaseStmt ? 2 : 1;
    CXCursor sub = n >= need ? L->cs[b + n - 1] : clang_getNullCursor();
    L->ncs = b;
    if (L->nsws) {
        SwitchCtx *sw = L->sws[L->nsws - 1];
        if (sw->next < sw->n)
            g_enter(L, sw->cases[sw->next++].block);
    }
    if (!clang_Cursor_isNull(sub))
        lower_stmt(L, sub);
}

/* ------------------------------------------------------------ loops */

static unsigned loc_offset(CXSourceLocation l, CXFile *f)
{
    unsigned off;
    clang_getExpansionLocation(l, f, NULL, NULL, &off);
    return off;
}

/* Which of init / cond / inc a for statement has: the two ';' of its
 * header split the children; a header hidden in a macro falls back to the
 * number of children. */
static void for_parts(Lower *L, CXCursor c, int b, int n, CXCursor part[3])
{
    for (int i = 0; i < 3; i++)
        part[i] = clang_getNullCursor();
    CXCursor body = L->cs[b + n - 1];
    CXFile f1, f2;
    CXSourceLocation from = k_start(c);
    CXSourceLocation to = k_start(body);
    unsigned o1 = loc_offset(from, &f1), o2 = loc_offset(to, &f2);
    unsigned semi[2];
    int nsemi = 0;
    if (f1 && f1 == f2 && o1 < o2) {
        size_t len;
        const char *t = src_buffer(L, f1, &len);
        SrcTok tok;
        int depth = 0;
        for (unsigned pos = o1; t && o2 < len && nsemi < 2 && src_next(t, len, &pos, &tok) &&
                                tok.off <= o2;) {
            if (tok.kind != TOK_PUNCT || tok.len != 1)
                continue;
            if (t[tok.off] == '(')
                depth++;
            else if (t[tok.off] == ')')
                depth--;
            else if (t[tok.off] == ';' && depth == 1)
                semi[nsemi++] = tok.off;
        }
    }
    if (nsemi == 2) {
        for (int i = 0; i < n - 1; i++) {
            CXFile f;
            unsigned o = loc_offset(k_start(L->cs[b + i]), &f);
            part[o < semi[0] ? 0 : o < semi[1] ? 1 : 2] = L->cs[b + i];
        }
        return;
    }
    if (n == 4) {
        part[0] = L->cs[b];
        part[1] = L->cs[b + 1];
        part[2] = L->cs[b + 2];
    } else if (n == 3) {
        int init = L->cs[b].kind == CXCursor_DeclStmt;
        part[init ? 0 : 1] = L->cs[b];
        part[init ? 1 : 2] = L->cs[b + 1];
    } else if (n == 2) {
        part[1] = L->cs[b];
    }
}

static void lower_for(Lower *L, CXCursor c)
{
    int b = kids(L, c), n = L->ncs - b;
    if (n < 1) {
        L->ncs = b;
        return;
    }
    CXCursor part[3], body = L->cs[b + n - 1];
    for_parts(L, c, b, n, part);
    L->ncs = b;
    if (!clang_Cursor_isNull(part[0]))
        lower_stmt(L, part[0]);
    int H = g_new(L), B = g_new(L), I = g_new(L), X = g_new(L);
    g_enter(L, H);
    if (!clang_Cursor_isNull(part[1]))
        lower_cond(L, part[1], B, X, BR_LOOP);
    else
        g_goto(L, B, (Loc){0});
    L->cur = B;
    push_jump(L, X, I);
    lower_stmt(L, body);
    L->njumps--;
    g_enter(L, I);
    if (!clang_Cursor_isNull(part[2]))
        lower_expr(L, part[2], 1);
    g_goto(L, H, (Loc){0});
    L->cur = X;
}

/* ------------------------------------------------------------ SEH */

static void lower_try(Lower *L, CXCursor c)
{
    int b = kids(L, c), n = L->ncs - b;
    if (n < 2) {
        L->ncs = b;
        return;
    }
    CXCursor body = L->cs[b], handler = L->cs[b + 1];
    L->ncs = b;
    CXSourceRange ext = clang_getCursorExtent(body);
    Fin fin = { clang_getNullCursor(), NULL, 0, 0, -1 };
    fin.beg = loc_offset(clang_getRangeStart(ext), &fin.file);
    CXFile f;
    fin.end = loc_offset(clang_getRangeEnd(ext), &f);
    if (handler.kind == CXCursor_SEHExceptStmt) {
        int H = g_new(L), X = g_new(L);
        fin.leave = X;
        push_fin(L, fin);
        if (L->nhandlers == L->caphandlers) {
            L->caphandlers = L->caphandlers ? L->caphandlers * 2 : 8;
            L->handlers = realloc(L->handlers, (size_t)L->caphandlers * sizeof *L->handlers);
            if (!L->handlers)
                abort();
        }
        L->handlers[L->nhandlers++] = H;
        lower_stmt(L, body);
        g_goto(L, X, (Loc){0});
        L->nhandlers--;
        L->nfins--;
        L->cur = H;
        int hb = kids(L, handler), hn = L->ncs - hb;
        for (int i = 0; i < hn; i++) {
            CXCursor k = L->cs[hb + i];
            if (clang_isExpression(k.kind))
                lower_expr(L, k, 1);          /* the filter */
            else
                lower_stmt(L, k);
        }
        L->ncs = hb;
        g_goto(L, X, (Loc){0});
        L->cur = X;
    } else if (handler.kind == CXCursor_SEHFinallyStmt) {
        int hb = kids(L, handler), hn = L->ncs - hb;
        CXCursor fbody = hn ? L->cs[hb + hn - 1] : clang_getNullCursor();
        L->ncs = hb;
        int LV = g_new(L);
        fin.body = fbody;
        fin.leave = LV;
        push_fin(L, fin);
        lower_stmt(L, body);
        L->nfins--;
        g_enter(L, LV);
        int was = L->abnormal;
        L->abnormal = 0;                     /* the normal end and __leave */
        if (!clang_Cursor_isNull(fbody))
            lower_stmt(L, fbody);
        L->abnormal = was;
    } else {
        lower_stmt(L, body);
    }
}

/* ------------------------------------------------------------ the rest */

static void lower_vardecl(Lower *L, CXCursor v)
{
    if (v.kind != CXCursor_VarDecl)
        return;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(v);
    if (sc == CX_SC_Extern)
        return;
    CXType t = clang_getCursorType(v);
    Loc loc = k_cursor_loc(L, v);
    CXCursor init = clang_Cursor_getVarDeclInitializer(v);
    Expr *target = k_var_path(L, v, t);
    if (sc == CX_SC_Static) {
        if (!clang_Cursor_isNull(init))
            lower_fnstores(L, target, t, init, loc);
        return;
    }
    if (clang_Cursor_isNull(init)) {
        Step s = {0};
        s.kind = ST_ASSIGN;
        s.loc = loc;
        s.lhs = target;
        g_emit(L, &s);
    } else if (skip_wrappers(L, init).kind == CXCursor_InitListExpr) {
        lower_record_init(L, target, t, init, loc);
    } else {
        lower_assign_to(L, target, init, loc);
    }
}

static void lower_return(Lower *L, CXCursor c)
{
    int b = kids(L, c), n = L->ncs - b;
    CXCursor v = n ? L->cs[b] : clang_getNullCursor();
    L->ncs = b;
    Loc loc = k_cursor_loc(L, c);
    Expr *val = n ? lower_expr(L, v, 0) : NULL;
    if (L->nfins && val && val->kind != EX_INT &&
        !(val->kind == EX_PATH && val->key[0] == '$')) {
        Expr *t = k_temp(L, clang_getCursorType(v));
        Step s = {0};
        s.kind = ST_ASSIGN;
        s.loc = loc;
        s.lhs = t;
        s.rhs = val;
        g_emit(L, &s);
        val = t;
    }
    run_finallys(L, 0, NULL, 0, 0);
    g_return(L, val, loc);
}

static void lower_goto(Lower *L, CXCursor c)
{
    int b = kids(L, c), n = L->ncs - b;
    CXCursor ref = n ? L->cs[b] : clang_getNullCursor();
    L->ncs = b;
    Loc loc = k_cursor_loc(L, c);
    if (!n || ref.kind != CXCursor_LabelRef) {
        g_noreturn(L, loc);                  /* computed goto: not followed */
        return;
    }
    CXCursor lab = clang_getCursorReferenced(ref);
    CXFile lf = NULL;
    unsigned lo = 0;
    if (!clang_Cursor_isNull(lab))
        lo = loc_offset(clang_getCursorLocation(lab), &lf);
    int target = label_block(L, k_str(L, clang_getCursorSpelling(ref)));
    run_finallys(L, 0, lf, lo, 1);
    g_goto(L, target, loc);
}

static void lower_jump(Lower *L, CXCursor c, int is_break)
{
    Loc loc = k_cursor_loc(L, c);
    for (int i = L->njumps - 1; i >= 0; i--) {
        Jump j = L->jumps[i];
        int target = is_break ? j.brk : j.cont;
        if (target < 0)
            continue;
        run_finallys(L, j.nfins, NULL, 0, 0);
        g_goto(L, target, loc);
        return;
    }
    g_noreturn(L, loc);                      /* break outside a loop: an error */
}

void lower_stmt(Lower *L, CXCursor c)
{
    int b, n;
    switch (c.kind) {
    case CXCursor_CompoundStmt:
    case CXCursor_DeclStmt:
    case CXCursor_UnexposedStmt:
        b = kids(L, c);
        n = L->ncs - b;
        for (int i = 0; i < n; i++) {
            CXCursor k = L->cs[b + i];
            if (k.kind == CXCursor_VarDecl)
                lower_vardecl(L, k);
            else if (!clang_isDeclaration(k.kind) && !clang_isAttribute(k.kind))
                lower_stmt(L, k);
        }
        L->ncs = b;
        return;
    case CXCursor_IfStmt: {
        b = kids(L, c);
        n = L->ncs - b;
        if (n < 2) {
            L->ncs = b;
            return;
        }
        CXCursor cond = L->cs[b], then = L->cs[b + 1];
        CXCursor els = n > 2 ? L->cs[b + 2] : clang_getNullCursor();
        L->ncs = b;
        int T = g_new(L), X = g_new(L), F = n > 2 ? g_new(L) : X;
        lower_cond(L, cond, T, F, BR_IF);
        L->cur = T;
        lower_stmt(L, then);
        g_goto(L, X, (Loc){0});
        if (n > 2) {
            L->cur = F;
            lower_stmt(L, els);
            g_goto(L, X, (Loc){0});
        }
        L->cur = X;
        return;
    }
    case CXCursor_WhileStmt: {
        b = kids(L, c);
        n = L->ncs - b;
        if (n < 2) {
            L->ncs = b;
            return;
        }
        CXCursor cond = L->cs[b], body = L->cs[b + 1];
        L->ncs = b;
        int H = g_new(L), B = g_new(L), X = g_new(L);
        g_enter(L, H);
        lower_cond(L, cond, B, X, BR_LOOP);
        L->cur = B;
        push_jump(L, X, H);
        lower_stmt(L, body);
        L->njumps--;
        g_goto(L, H, (Loc){0});
        L->cur = X;
        return;
    }
    case CXCursor_DoStmt: {
        b = kids(L, c);
        n = L->ncs - b;
        if (n < 2) {
            L->ncs = b;
            return;
        }
        CXCursor body = L->cs[b], cond = L->cs[b + 1];
        L->ncs = b;
        int B = g_new(L), C = g_new(L), X = g_new(L);
        g_enter(L, B);
        push_jump(L, X, C);
        lower_stmt(L, body);
        L->njumps--;
        g_enter(L, C);
        lower_cond(L, cond, B, X, BR_LOOP);
        L->cur = X;
        return;
    }
    case CXCursor_ForStmt:
        lower_for(L, c);
        return;
    case CXCursor_SwitchStmt:
        lower_switch(L, c);
        return;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        lower_case(L, c);
        return;
    case CXCursor_BreakStmt:
        lower_jump(L, c, 1);
        return;
    case CXCursor_ContinueStmt:
        lower_jump(L, c, 0);
        return;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt:
        lower_goto(L, c);
        return;
    case CXCursor_LabelStmt: {
        g_enter(L, label_block(L, k_str(L, clang_getCursorSpelling(c))));
        b = kids(L, c);
        n = L->ncs - b;
        CXCursor sub = n ? L->cs[b + n - 1] : clang_getNullCursor();
        L->ncs = b;
        if (n)
            lower_stmt(L, sub);
        return;
    }
    case CXCursor_ReturnStmt:
        lower_return(L, c);
        return;
    case CXCursor_SEHTryStmt:
        lower_try(L, c);
        return;
    case CXCursor_SEHLeaveStmt:
        if (L->nfins) {
            g_goto(L, L->fins[L->nfins - 1].leave, k_cursor_loc(L, c));
        }
        return;
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
        return;
    default:
        if (clang_isExpression(c.kind))
            lower_expr(L, c, 1);
        else if (c.kind == CXCursor_VarDecl)
            lower_vardecl(L, c);
        return;
    }
}

void lower_function(Lower *L, CXCursor fdecl, Func *f)
{
    L->fn = f;
    L->fcur = fdecl;
    L->nbbs = 0;
    L->ntemps = 0;
    L->njumps = L->nfins = L->nhandlers = L->nsws = 0;
    strmap_free(&L->labels);
    kids_reset(L);
    int b = kids(L, fdecl), n = L->ncs - b;
    CXCursor body = clang_getNullCursor();
    for (int i = n - 1; i >= 0; i--)
        if (L->cs[b + i].kind == CXCursor_CompoundStmt) {
            body = L->cs[b + i];
            break;
        }
    L->ncs = b;
    L->cur = g_new(L);
    if (!clang_Cursor_isNull(body)) {
        lower_stmt(L, body);
        if (L->cur >= 0)
            g_return(L, NULL, k_end_loc(L, body));
    } else if (L->cur >= 0) {
        g_return(L, NULL, f->loc);
    }
    g_finish(L);
    L->fn = NULL;
}
