/* lower_expr.c - expressions to steps and conditions to edges.
 *
 * lower_expr turns an expression into a side-effect-free Expr, emitting a
 * CALL step for every call (its result in a temporary "$t<N>", or straight
 * in the assignment's target) and an ASSIGN step for every assignment,
 * compound assignment and ++/-- (x = x op 1).  && || ?: in a value context
 * stay expressions when they hold no call, else become edges filling a
 * temporary.  lower_cond lowers a condition to edges: && || ! ?: and the
 * comma short-circuit; the leaves are T_BRANCH on their value; constants
 * keep only their live edge.
 *
 * Operators: libclang 14 has no operator-kind query (clang_getCursor*
 * OperatorKind came in 17), so the operator is read as the token that the
 * documented token API finds next to the operands: for a binary operator
 * the last token before the right operand where that operand is spelled
 * (inside a macro body that is the macro's definition: tokenising the
 * empty range at a location yields the token where it is spelled); else,
 * when the right operand is a macro of its own, the last token before the
 * macro's name, provided it lies between the operands; else, in a macro
 * body "(a) op b", the token after the balanced parentheses of a.  A unary
 * operator is the node's first token (prefix) or the token before its end
 * (postfix).  When all fail the node is evaluated as a constant if it is
 * one, else it becomes EX_UNKNOWN with its source text.
 *
 * Casts, parentheses and implicit nodes (UnexposedExpr) are looked through. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

/* ------------------------------------------------------------ children */

/* The last expression child of a cast (skipping its TypeRef), or NULL. */
static int last_expr_kid(Lower *L, CXCursor c, CXCursor *out)
{
    int b = kids(L, c), found = 0;
    for (int i = L->ncs - 1; i >= b; i--) {
        if (clang_isExpression(L->cs[i].kind)) {
            *out = L->cs[i];
            found = 1;
            break;
        }
    }
    L->ncs = b;
    return found;
}

CXCursor skip_wrappers(Lower *L, CXCursor c)
{
    for (;;) {
        CXCursor k;
        if (c.kind == CXCursor_ParenExpr || c.kind == CXCursor_CStyleCastExpr) {
            if (!last_expr_kid(L, c, &k))
                return c;
            c = k;
        } else if (c.kind == CXCursor_UnexposedExpr) {
            int b = kids(L, c), n = L->ncs - b;
            k = n == 1 ? L->cs[b] : c;
            L->ncs = b;
            if (n != 1 || !clang_isExpression(k.kind))
                return c;
            c = k;
        } else {
            return c;
        }
    }
}

/* ------------------------------------------------------------ operators */

/* The token after a parenthesised operand: from the '(' its first token
 * is spelled at, past the balancing ')'. */
static int token_after_parens(Lower *L, CXCursor operand, char *buf, size_t size)
{
    CXCursor e = operand;
    while (e.kind == CXCursor_UnexposedExpr) {        /* implicit conversions */
        int b = kids(L, e), n = L->ncs - b;
        CXCursor k = n == 1 ? L->cs[b] : e;
        L->ncs = b;
        if (n != 1)
            break;
        e = k;
    }
    if (e.kind != CXCursor_ParenExpr)
        return 0;
    CXFile f;
    unsigned off;
    size_t n;
    const char *t;
    if (!k_spelled_at(L, k_start(e), &f, &off) ||
        !(t = src_buffer(L, f, &n)) || off >= n)
        return 0;
    SrcTok tok;
    unsigned pos = off;
    if (!src_next(t, n, &pos, &tok) || tok.len != 1 || t[tok.off] != '(')
        return 0;
    /* past the balancing ')', within a bounded stretch of text */
    size_t lim = n - off > 4096 ? off + 4096 : n;
    for (int depth = 1; src_next(t, lim, &pos, &tok);) {
        if (depth == 0) {
            src_copy(t, &tok, buf, size);
            return 1;
        }
        if (tok.kind == TOK_PUNCT && tok.len == 1)
            depth += (t[tok.off] == '(') - (t[tok.off] == ')');
    }
    return 0;
}

/* Is c written inside a macro expansion (its first token spelled elsewhere)? */
static int in_macro(Lower *L, CXCursor c)
{
    CXSourceLocation l = k_start(c);
    CXFile f1, f2;
    unsigned o1, o2;
    k_expansion(L, l, &f1, &o1);
    return !k_spelled_at(L, l, &f2, &o2) || f1 != f2 || o1 != o2;
}

static OpClass classify_binary(const char *t, OpKind *op)
{
    *op = OP_COUNT;
    if (strcmp(t, "=") == 0)
        return OPK_ASSIGN;
    if (strcmp(t, ",") == 0)
        return OPK_COMMA;
    size_t n = strlen(t);
    char base[4] = "";
    int compound = n >= 2 && n <= 3 && t[n - 1] == '=' && strcmp(t, "==") && strcmp(t, "!=") &&
                   strcmp(t, "<=") && strcmp(t, ">=");
    if (compound) {
        memcpy(base, t, n - 1);
        base[n - 1] = 0;
        t = base;
    }
    for (int k = 0; k < OP_COUNT; k++) {
        if (!op_is_unary((OpKind)k) && strcmp(op_spelling((OpKind)k), t) == 0) {
            *op = (OpKind)k;
            return compound ? OPK_ASSIGN : OPK_BIN;
        }
    }
    return OPK_NONE;
}

/* The operator after a left operand that ends where its last token is
 * spelled (a macro body "(_A)->Handle != NULL" with NULL a macro of its
 * own): the first punctuation token from there that is not the operand's
 * own closing bracket. */
static int token_after_operand(Lower *L, CXCursor operand, char *buf, size_t size)
{
    CXCursor e = operand;
    while (e.kind == CXCursor_UnexposedExpr) {        /* implicit conversions */
        int b = kids(L, e), n = L->ncs - b;
        CXCursor k = n == 1 ? L->cs[b] : e;
        L->ncs = b;
        if (n != 1)
            return 0;
        e = k;
    }
    /* a member or variable reference is located at its name, spelled in
     * the macro body; the operator is the next punctuation token */
    if (e.kind != CXCursor_MemberRefExpr && e.kind != CXCursor_DeclRefExpr)
        return 0;
    CXFile f;
    unsigned off;
    size_t n;
    const char *t;
    if (!k_spelled_at(L, clang_getCursorLocation(e), &f, &off) || !(t = src_buffer(L, f, &n)) ||
        off >= n)
        return 0;
    SrcTok tok;
    unsigned pos = off;
    if (!src_next(t, n, &pos, &tok) || !src_next(t, n, &pos, &tok) || tok.kind != TOK_PUNCT)
        return 0;                         /* the name itself, then the operator */
    src_copy(t, &tok, buf, size);
    return 1;
}

OpClass binop_kind(Lower *L, CXCursor c, OpKind *op)
{
    *op = OP_COUNT;
    int b = kids(L, c);
    if (L->ncs - b < 2) {
        L->ncs = b;
        return OPK_NONE;
    }
    CXCursor lhs = L->cs[b], rhs = L->cs[b + 1];
    L->ncs = b;
    /* the operator is the last token before the right operand, where that
     * operand is spelled (the macro definition for a macro's body) */
    CXFile f;
    unsigned off;
    char tok[8];
    CXSourceLocation rs = k_start(rhs);
    OpClass k = OPK_NONE;
    if (k_spelled_at(L, rs, &f, &off) && src_token_before(L, f, off, tok, sizeof tok, NULL)) {
        k = classify_binary(tok, op);
        if (k == OPK_COMMA && in_macro(L, c))
            k = OPK_NONE;        /* the ',' between two macro arguments */
    }
    /* the right operand is a macro of its own (x != NDIS_STATUS_SUCCESS):
     * the operator stands before the macro's name where it is written */
    if (k == OPK_NONE && k_is_macro_loc(rs)) {
        CXFile nf;
        unsigned noff, at;
        clang_getFileLocation(rs, &f, NULL, NULL, &off);
        clang_getFileLocation(k_start(c), &nf, NULL, NULL,
                              &noff);
        /* only an operator written between the two operands: not one
         * before the macro that holds the whole expression */
        if (f && f == nf && src_token_before(L, f, off, tok, sizeof tok, &at) && at > noff) {
            k = classify_binary(tok, op);
            if (k == OPK_COMMA)
                k = OPK_NONE;
        }
    }
    /* a macro body "(a) op b" with b a parameter: after the parenthesised
     * left operand */
    if (k == OPK_NONE && token_after_parens(L, lhs, tok, sizeof tok)) {
        k = classify_binary(tok, op);
        if (k == OPK_COMMA)
            k = OPK_NONE;
    }
    /* "(_A)->Handle != NULL" in a macro body, NULL a macro too: after the
     * left operand's last token */
    if (k == OPK_NONE && in_macro(L, c) && token_after_operand(L, lhs, tok, sizeof tok)) {
        k = classify_binary(tok, op);
        if (k == OPK_COMMA)
            k = OPK_NONE;
    }
    return k;
}

static OpClass classify_unary(const char *t, int prefix, OpKind *op)
{
    *op = OP_COUNT;
    if (strcmp(t, "++") == 0)
        return prefix ? OPK_INC : OPK_POSTINC;
    if (strcmp(t, "--") == 0)
        return prefix ? OPK_DEC : OPK_POSTDEC;
    if (!prefix)
        return OPK_NONE;
    switch (t[0] ? t[1] == 0 ? t[0] : 0 : 0) {
    case '&': return OPK_ADDR;
    case '*': return OPK_DEREF;
    case '+': return OPK_PLUS;
    case '-': *op = OP_NEG; return OPK_BIN;
    case '!': *op = OP_NOT; return OPK_BIN;
    case '~': *op = OP_BITNOT; return OPK_BIN;
    default: break;
    }
    return OPK_EXT;    /* __extension__, __real, __imag, ... */
}

OpClass unop_kind(Lower *L, CXCursor c, OpKind *op)
{
    *op = OP_COUNT;
    int b = kids(L, c);
    if (L->ncs - b < 1) {
        L->ncs = b;
        return OPK_NONE;
    }
    CXCursor ch = L->cs[b];
    L->ncs = b;
    CXFile f1, f2;
    unsigned o1, o2;
    if (!k_spelled_at(L, k_start(c), &f1, &o1) || !k_spelled_at(L, k_start(ch), &f2, &o2))
        return OPK_NONE;
    char tok[24];
    if (f1 != f2 || o1 != o2) {          /* prefix: the node's first token */
        size_t n;
        const char *t = src_buffer(L, f1, &n);
        SrcTok first;
        unsigned pos = o1;
        if (!t || o1 >= n || !src_next(t, n, &pos, &first))
            return OPK_NONE;
        src_copy(t, &first, tok, sizeof tok);
        return classify_unary(tok, 1, op);
    }
    /* postfix: the token before the node's end, when written plainly */
    if (in_macro(L, c))
        return OPK_NONE;
    CXFile fe;
    unsigned oe;
    k_expansion(L, clang_getRangeEnd(clang_getCursorExtent(c)), &fe, &oe);
    if (fe != f1 || !src_token_before(L, fe, oe, tok, sizeof tok, NULL))
        return OPK_NONE;
    return classify_unary(tok, 0, op);
}

/* ------------------------------------------------------------ helpers */

static enum CXChildVisitResult find_call(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    if (c.kind == CXCursor_CallExpr || c.kind == CXCursor_StmtExpr) {
        *(int *)d = 1;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult find_variable(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    if (c.kind == CXCursor_CallExpr) {
        *(int *)d = 1;
        return CXChildVisit_Break;
    }
    if (c.kind == CXCursor_DeclRefExpr) {
        enum CXCursorKind k = clang_getCursorReferenced(c).kind;
        if (k == CXCursor_VarDecl || k == CXCursor_ParmDecl) {
            *(int *)d = 1;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Recurse;
}

/* Does c read a variable or a parameter, or call anything? */
static int reads_variable(CXCursor c)
{
    int found = 0;
    clang_visitChildren(c, find_variable, &found);
    return found;
}

int has_call(CXCursor c)
{
    int found = c.kind == CXCursor_CallExpr || c.kind == CXCursor_StmtExpr;
    if (!found)
        clang_visitChildren(c, find_call, &found);
    return found;
}

static void emit_assign(Lower *L, Expr *lhs, Expr *rhs, Loc loc, int from_macro)
{
    Step s = {0};
    s.kind = ST_ASSIGN;
    s.loc = loc;
    s.lhs = lhs;
    s.rhs = rhs;
    s.from_macro = from_macro;
    g_emit(L, &s);
}

static const char *const known_noreturn[] = {
    "KeBugCheckEx", "KeBugCheck", "ExRaiseStatus", "ExRaiseAccessViolation",
    "ExRaiseDatatypeMisalignment", "RtlRaiseStatus", "RtlFailFast", "__fastfail",
    "abort", "exit", "_exit", "longjmp",
};

/* The words before the name of a declaration mention noreturn.  Read
 * from the file's buffer (srclex.c), skipping comments and literals:
 * clang_tokenize on every prototype of a big project header cost a third
 * of the lowering time. */
static int decl_says_noreturn(Lower *L, CXCursor d)
{
    static const char *const words[] = { "noreturn", "_Noreturn", "DECLSPEC_NORETURN",
                                         "__analysis_noreturn", "NORETURN" };
    CXSourceRange ext = clang_getCursorExtent(d);
    CXFile f1, f2;
    unsigned o1, o2;
    clang_getExpansionLocation(clang_getRangeStart(ext), &f1, NULL, NULL, &o1);
    clang_getExpansionLocation(clang_getCursorLocation(d), &f2, NULL, NULL, &o2);
    if (!f1 || f1 != f2 || o1 >= o2)
        return 0;
    size_t n;
    const char *t = src_buffer(L, f1, &n);
    if (!t || o2 > n)
        return 0;
    SrcTok tok;
    for (unsigned pos = o1; src_next(t, o2, &pos, &tok);)
        for (size_t k = 0; tok.kind == TOK_WORD && k < sizeof words / sizeof *words; k++)
            if (strlen(words[k]) == tok.len && memcmp(t + tok.off, words[k], tok.len) == 0)
                return 1;
    return 0;
}

int is_noreturn_decl(Lower *L, CXCursor fdecl)
{
    const char *name = k_decl_name(L, fdecl);
    int *cached = strmap_get(&L->noret, name);
    if (cached)
        return *cached;
    int r = 0;
    for (size_t i = 0; i < sizeof known_noreturn / sizeof *known_noreturn && !r; i++)
        r = strcmp(name, known_noreturn[i]) == 0;
    if (!r) {
        CXString ts = clang_getTypeSpelling(clang_getCursorType(fdecl));
        r = strstr(clang_getCString(ts), "noreturn") != NULL;
        clang_disposeString(ts);
    }
    if (!r) {
        CXCursor canon = clang_getCanonicalCursor(fdecl);
        r = decl_says_noreturn(L, fdecl) ||
            (!clang_equalCursors(canon, fdecl) && decl_says_noreturn(L, canon));
    }
    strmap_put(&L->noret, name, r);
    return r;
}

/* After a call inside a __try with an __except handler: the call may raise. */
static void seh_edge(Lower *L, Loc loc)
{
    if (!L->nhandlers || L->cur < 0)
        return;
    int nb = g_new(L);
    g_branch(L, NULL, L->handlers[L->nhandlers - 1], nb, BR_SEH, loc);
    L->cur = nb;
}

static Step *call_step(Lower *L, CXCursor c)
{
    Step *s = arena_alloc(L->a, sizeof *s);
    s->kind = ST_CALL;
    s->loc = k_cursor_loc(L, c);
    s->from_macro = k_from_macro(L, c);
    return s;
}

static Expr *finish_call(Lower *L, Step *s, CXCursor c, Expr *target, int discard)
{
    CXType rt = clang_getCursorType(c);
    if (target)
        s->lhs = target;
    else if (!discard && rt.kind != CXType_Void) {
        s->lhs = k_temp(L, rt);
        /* the temporary reads as the call it holds: `!CxReady(...)` */
        if (s->callee)
            s->lhs->text = arena_printf(L->a, "%s(...)", s->callee);
    }
    g_emit(L, s);
    if (s->noreturn) {
        if (L->nhandlers)
            g_goto(L, L->handlers[L->nhandlers - 1], s->loc);
        else
            g_noreturn(L, s->loc);
    } else {
        seh_edge(L, s->loc);
    }
    return s->lhs ? s->lhs : k_unknown(L, "void");
}

/* The record a pointer argument points to, looking through the casts to
 * void * (NdisZeroMemory(Adapter, sizeof *Adapter) zeroes an adapter;
 * memcpy copies a record); its type in *pointee when not NULL. */
static const char *record_behind(Lower *L, CXCursor arg, CXType *pointee)
{
    for (int guard = 0; guard < 16; guard++) {
        CXType t = clang_getCursorType(arg);
        const char *rec = k_pointee_record(L, t);
        if (rec && strcmp(rec, "<anonymous>") != 0) {
            if (pointee)
                *pointee = clang_getPointeeType(k_desugar(t));
            return rec;
        }
        enum CXCursorKind k = arg.kind;
        if (k != CXCursor_UnexposedExpr && k != CXCursor_CStyleCastExpr && k != CXCursor_ParenExpr)
            return NULL;
        CXCursor in;
        if (!last_expr_kid(L, arg, &in))
            return NULL;
        arg = in;
    }
    return NULL;
}

static const char *fill_record(Lower *L, CXCursor arg)
{
    return record_behind(L, arg, NULL);
}

/* memcpy(&Adapter->Intr, &Template, sizeof(NX_INTR)) (NdisMoveMemory,
 * RtlCopyMemory): a whole record copied, as `Adapter->Intr = Template;`
 * would, when both sides are records of one type and the length is its
 * size.  The copy follows the call as an assignment (case 356). */
static void record_copy(Lower *L, CXCursor c, const Step *s)
{
    if (s->nargs != 3 || !s->callee ||
        (strcmp(s->callee, "memcpy") != 0 && strcmp(s->callee, "memmove") != 0))
        return;
    const Expr *d = s->args[0], *from = s->args[1];
    if (d->kind != EX_ADDR || from->kind != EX_ADDR || !d->a || !from->a ||
        d->a->kind != EX_PATH || from->a->kind != EX_PATH || !d->a->is_record || !from->a->is_record)
        return;
    CXType dt;
    const char *dn = record_behind(L, clang_Cursor_getArgument(c, 0), &dt),
               *fn = record_behind(L, clang_Cursor_getArgument(c, 1), NULL);
    if (!dn || !fn || strcmp(dn, fn) != 0)    /* one record type, const aside */
        return;
    long long size = clang_Type_getSizeOf(dt), n;
    if (s->args[2]->kind == EX_INT)
        n = s->args[2]->ival;
    else if (!k_eval_int(clang_Cursor_getArgument(c, 2), &n))
        return;
    if (size <= 0 || n != size)
        return;
    Step a = {0};
    a.kind = ST_ASSIGN;
    a.loc = s->loc;
    a.from_macro = s->from_macro;
    a.lhs = d->a;
    a.rhs = from->a;
    g_emit(L, &a);
}

/* An argument bound to an unsigned parameter (NdisStallExecution's ULONG
 * MicrosecondsToStall): the callee sees it modulo 2^bits, so `Zero - 1`
 * is 4294967295 to it (case 387).  A copy of the argument carries the
 * width; the argument's own node may be shared. */
static void unsigned_param(Lower *L, Step *s, int i, CXType pt)
{
    CXType c = clang_getCanonicalType(pt);
    if (c.kind != CXType_UChar && c.kind != CXType_UShort && c.kind != CXType_UInt &&
        c.kind != CXType_ULong && c.kind != CXType_ULongLong)
        return;
    long long bytes = clang_Type_getSizeOf(c);
    if (bytes <= 0 || bytes > 8 || s->args[i]->kind == EX_INT)
        return;
    Expr *x = k_copy(L, s->args[i]);
    x->uwidth = (int)bytes * 8;
    s->args[i] = x;
}

/* AbnormalTermination() (the SEH intrinsic _abnormal_termination) in a
 * copy of a __finally body: whether that copy is the way out by return,
 * break, continue or goto (lower_stmt.c run_finallys), a constant. */
static int abnormal_termination(Lower *L, CXCursor c)
{
    if (L->abnormal < 0)
        return 0;
    CXCursor ref = clang_getCursorReferenced(c);
    const char *n = ref.kind == CXCursor_FunctionDecl ? k_decl_name(L, ref) : "";
    return strcmp(n, "_abnormal_termination") == 0 || strcmp(n, "AbnormalTermination") == 0;
}

/* MSVC's __assume(e): the code after it runs only where e holds, by
 * contract (the compiler may drop the rest: __assume(0) marks a switch
 * default or a path that cannot be).  A branch on e whose false side
 * ends the path, as a noreturn call does. */
static int assume_call(Lower *L, CXCursor c, CXCursor ref)
{
    if (ref.kind != CXCursor_FunctionDecl || clang_Cursor_getNumArguments(c) != 1)
        return 0;
    CXString ns = clang_getCursorSpelling(ref);
    int is = strcmp(clang_getCString(ns), "__assume") == 0;
    clang_disposeString(ns);
    if (!is)
        return 0;
    int T = g_new(L), F = g_new(L);
    lower_cond(L, clang_Cursor_getArgument(c, 0), T, F, BR_IF);
    L->cur = F;
    g_noreturn(L, k_cursor_loc(L, c));
    L->cur = T;
    return 1;
}

Expr *lower_call(Lower *L, CXCursor c, Expr *target, int discard)
{
    if (abnormal_termination(L, c)) {
        Expr *v = k_int(L, L->abnormal);
        if (target)
            emit_assign(L, target, v, k_cursor_loc(L, c), 1);
        return target ? target : v;
    }
    CXCursor ref = clang_getCursorReferenced(c);
    if (assume_call(L, c, ref))
        return target ? target : k_unknown(L, "void");
    Step *s = call_step(L, c);
    if (ref.kind == CXCursor_FunctionDecl) {
        s->callee = k_decl_name(L, ref);
        s->noreturn = is_noreturn_decl(L, ref);
    } else {
        int b = kids(L, c);
        int n = L->ncs - b;
        CXCursor callee = n ? L->cs[b] : clang_getNullCursor();
        L->ncs = b;
        s->callee_expr = n ? lower_expr(L, callee, 0) : k_unknown(L, "?");
        if (s->callee_expr->kind == EX_FUNC) {      /* (&f)(x), (*f)(x) */
            s->callee = s->callee_expr->text;
            s->callee_expr = NULL;
        }
    }
    int nargs = clang_Cursor_getNumArguments(c);
    if (nargs > 0) {
        s->args = arena_alloc(L->a, (size_t)nargs * sizeof *s->args);
        CXType ft = ref.kind == CXCursor_FunctionDecl ? clang_getCursorType(ref)
                                                      : (CXType){.kind = CXType_Invalid};
        int nparams = ft.kind == CXType_FunctionProto ? clang_getNumArgTypes(ft) : 0;
        for (int i = 0; i < nargs; i++) {
            s->args[i] = lower_expr(L, clang_Cursor_getArgument(c, i), 0);
            if (i < nparams)
                unsigned_param(L, s, i, clang_getArgType(ft, (unsigned)i));
        }
        s->nargs = nargs;
        if (s->callee && strcmp(s->callee, "memset") == 0 &&
            (s->args[0]->kind == EX_PATH || s->args[0]->kind == EX_ADDR))
            s->args[0]->pointee_rec = fill_record(L, clang_Cursor_getArgument(c, 0));
    }
    Expr *r = finish_call(L, s, c, target, discard);
    if (L->cur >= 0)
        record_copy(L, c, s);
    return r;
}

/* A call clang could not build (an argument with errors) survives as an
 * UnexposedExpr (RecoveryExpr) whose first child names the function. */
static int recovery_call(Lower *L, CXCursor c, int b, int n, Expr **out, int discard)
{
    CXCursor first = skip_wrappers(L, L->cs[b]);
    if (first.kind != CXCursor_DeclRefExpr)
        return 0;
    CXCursor ref = clang_getCursorReferenced(first);
    if (ref.kind != CXCursor_FunctionDecl)
        return 0;
    Step *s = call_step(L, c);
    s->callee = k_decl_name(L, ref);
    s->noreturn = is_noreturn_decl(L, ref);
    s->nargs = n - 1;
    s->args = arena_alloc(L->a, (size_t)(n > 1 ? n - 1 : 1) * sizeof *s->args);
    for (int i = 1; i < n; i++)
        s->args[i - 1] = lower_expr(L, L->cs[b + i], 0);
    *out = finish_call(L, s, c, NULL, discard);
    return 1;
}

static void interior_store(Lower *L, CXCursor x, Loc loc);

void lower_assign_to(Lower *L, Expr *target, CXCursor value, Loc loc)
{
    CXCursor v = skip_wrappers(L, value);
    if (v.kind == CXCursor_CallExpr) {
        lower_call(L, v, target, 0);
        /* Nic = ExAllocatePool2(...): the record the zeroed block is */
        if (target && target->kind == EX_PATH && !target->pointee_rec) {
            const char *fn = k_decl_name(L, clang_getCursorReferenced(v));
            if (fn && strncmp(fn, "ExAllocatePool", 14) == 0)
                target->pointee_rec = fill_record(L, value);
        }
        return;
    }
    if (v.kind == CXCursor_CompoundLiteralExpr && target && target->kind == EX_PATH &&
        target->is_record) {
        /* Adapter->Intr = (NX_INTR){ 0 }: member by member (init.c) */
        int b = kids(L, v), n = L->ncs - b;
        CXCursor list = n ? skip_wrappers(L, L->cs[b + n - 1]) : clang_getNullCursor();
        L->ncs = b;
        if (n && list.kind == CXCursor_InitListExpr && !has_call(list)) {
            lower_record_init(L, target, clang_getCursorType(v), list, loc);
            return;
        }
    }
    OpKind op;
    if (v.kind == CXCursor_BinaryOperator && binop_kind(L, v, &op) == OPK_COMMA) {
        int b = kids(L, v);
        if (L->ncs - b == 2) {
            CXCursor x = L->cs[b], y = L->cs[b + 1];
            L->ncs = b;
            lower_expr(L, x, 1);
            lower_assign_to(L, target, y, loc);
            return;
        }
        L->ncs = b;
    }
    Expr *r = lower_expr(L, value, 0);
    emit_assign(L, target, r, loc, k_from_macro(L, value));
    if (target && target->kind == EX_PATH && target->is_pointer)
        interior_store(L, value, loc);
}

/* && || ?: with calls inside, in a value context: edges filling a temp. */
static Expr *value_by_edges(Lower *L, CXCursor c, int discard)
{
    Expr *t = discard ? NULL : k_temp(L, clang_getCursorType(c));
    Loc loc = k_cursor_loc(L, c);
    int join = g_new(L);
    if (c.kind == CXCursor_ConditionalOperator) {
        int b = kids(L, c);
        if (L->ncs - b < 3) {
            L->ncs = b;
            L->cur = L->cur < 0 ? g_new(L) : L->cur;
            g_goto(L, join, (Loc){0});
            L->cur = join;
            return t ? t : k_unknown(L, "void");
        }
        CXCursor cc = L->cs[b], x = L->cs[b + 1], y = L->cs[b + 2];
        L->ncs = b;
        int A = g_new(L), B = g_new(L);
        lower_cond(L, cc, A, B, BR_COND_EXPR);
        L->cur = A;
        if (t)
            lower_assign_to(L, t, x, loc);
        else
            lower_expr(L, x, 1);
        g_goto(L, join, (Loc){0});
        L->cur = B;
        if (t)
            lower_assign_to(L, t, y, loc);
        else
            lower_expr(L, y, 1);
        g_goto(L, join, (Loc){0});
    } else if (!t) {
        lower_cond(L, c, join, join, BR_LOGIC);
    } else {
        int T = g_new(L), F = g_new(L);
        lower_cond(L, c, T, F, BR_LOGIC);
        L->cur = T;
        emit_assign(L, t, k_int(L, 1), loc, 0);
        g_goto(L, join, (Loc){0});
        L->cur = F;
        emit_assign(L, t, k_int(L, 0), loc, 0);
        g_goto(L, join, (Loc){0});
    }
    L->cur = join;
    return t ? t : k_unknown(L, "void");
}

static Expr *lower_unary(Lower *L, CXCursor c, int discard)
{
    OpKind op;
    OpClass k = unop_kind(L, c, &op);
    int b = kids(L, c);
    int n = L->ncs - b;
    CXCursor ch = n ? L->cs[b] : clang_getNullCursor();
    L->ncs = b;
    if (!n)
        return k_unknown(L, "?");
    switch (k) {
    case OPK_INC: case OPK_DEC: case OPK_POSTINC: case OPK_POSTDEC: {
        Expr *x = lower_expr(L, ch, 0);
        Loc loc = k_cursor_loc(L, c);
        Expr *old = x;
        const char *xt = x->kind == EX_PATH && x->text ? x->text : NULL;
        if (!discard && (k == OPK_POSTINC || k == OPK_POSTDEC)) {
            old = k_temp(L, clang_getCursorType(ch));
            emit_assign(L, old, x, loc, k_from_macro(L, c));
            /* shown as written: a trace's `Adapter->Pending-- > 0`, not
             * the temporary's `$t0 > 0` (blind round 11) */
            if (xt)
                old->text = arena_printf(L->a, "%s%s", xt, k == OPK_POSTINC ? "++" : "--");
        }
        OpKind bop = (k == OPK_INC || k == OPK_POSTINC) ? OP_ADD : OP_SUB;
        emit_assign(L, x, k_binop(L, bop, x, k_int(L, 1)), loc, k_from_macro(L, c));
        if (!discard && xt && (k == OPK_INC || k == OPK_DEC)) {
            old = k_copy(L, x);               /* the same path, shown `--Adapter->Users` */
            old->text = arena_printf(L->a, "%s%s", k == OPK_INC ? "++" : "--", xt);
        }
        return old;
    }
    case OPK_ADDR: {
        Expr *a = lower_expr(L, ch, 0);
        if (a->kind == EX_FUNC)
            return a;
        Expr *e = k_new(L, EX_ADDR);
        e->a = a;
        return e;
    }
    case OPK_DEREF: {
        Expr *p = lower_expr(L, ch, 0);
        if (p->kind == EX_FUNC)
            return p;
        return k_deref(L, p, clang_getCursorType(ch), clang_getCursorType(c));
    }
    case OPK_BIN:
        return k_unop(L, op, lower_expr(L, ch, 0));
    default:
        return lower_expr(L, ch, discard);
    }
}

/* A byte pointer into a record at an offset the code computes, stored
 * (`pointer = (PUCHAR)Adapter + pRegEntry->FieldOffset;` then `*(PULONG)
 * pointer = value`) or stored through (`*(PULONG)((PUCHAR)Adapter + Off) =
 * value`): a store through it may write any field of the record, which no
 * access path names.  So the record's fields become unknown there (an
 * assignment of an unknown value to *Adapter).  e100bex stores its
 * registry parameters so; its adapter's NumTcb stayed the 0 NdisZeroMemory
 * left, and its MiniportInitializeEx failed on every path.  Not for a
 * constant offset (CONTAINING_RECORD), arithmetic in the record's own type
 * (the next element of an array), or a pointer only read through (a
 * header field at Add2Ptr(Hdr, Len)).  x is a pointer-valued expression
 * (looked through casts); its record pointer must be a plain path, which
 * lowering again emits nothing for. */
static void interior_store(Lower *L, CXCursor x, Loc loc)
{
    OpKind op;
    CXCursor v = skip_wrappers(L, x);
    if (v.kind != CXCursor_BinaryOperator || binop_kind(L, v, &op) != OPK_BIN ||
        (op != OP_ADD && op != OP_SUB))
        return;
    CXType t = clang_getCanonicalType(clang_getCursorType(v));
    if (t.kind != CXType_Pointer || clang_Type_getSizeOf(clang_getPointeeType(t)) > 1)
        return;                             /* not byte arithmetic */
    int b = kids(L, v);
    if (L->ncs - b != 2) {
        L->ncs = b;
        return;
    }
    CXCursor ptr = L->cs[b], off = L->cs[b + 1];
    L->ncs = b;
    long long c;
    if (clang_getCanonicalType(clang_getCursorType(ptr)).kind != CXType_Pointer || k_eval_int(off, &c))
        return;
    CXCursor base = skip_wrappers(L, ptr);
    CXType it = clang_getCursorType(base);
    CXType rec = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(it)));
    if (rec.kind != CXType_Record ||
        (base.kind != CXCursor_DeclRefExpr && base.kind != CXCursor_MemberRefExpr) || has_call(base))
        return;
    Expr *p = lower_expr(L, base, 0);
    if (p->kind == EX_PATH)
        emit_assign(L, k_deref(L, p, it, clang_getPointeeType(it)), NULL, loc,
                    k_from_macro(L, x));
}

static Expr *lower_binary(Lower *L, CXCursor c, int discard)
{
    OpKind op;
    OpClass k = binop_kind(L, c, &op);
    int b = kids(L, c);
    if (L->ncs - b < 2) {
        L->ncs = b;
        return k_unknown(L, k_extent_text(L, c));
    }
    CXCursor lhs = L->cs[b], rhs = L->cs[b + 1];
    L->ncs = b;
    /* an operator the tokens did not show, in a statement whose value is
     * thrown away, on an lvalue, of the left operand's type: an assignment
     * (a macro's "(_A)->Flag = FALSE", FALSE itself a macro) */
    if (k == OPK_NONE && discard && c.kind == CXCursor_BinaryOperator) {
        CXCursor l = skip_wrappers(L, lhs);
        int lvalue = l.kind == CXCursor_DeclRefExpr || l.kind == CXCursor_MemberRefExpr ||
                     l.kind == CXCursor_ArraySubscriptExpr || l.kind == CXCursor_UnaryOperator;
        if (lvalue && clang_equalTypes(clang_getCanonicalType(clang_getCursorType(c)),
                                       clang_getCanonicalType(clang_getCursorType(lhs)))) {
            k = OPK_ASSIGN;
            op = OP_COUNT;
        }
    }
    switch (k) {
    case OPK_ASSIGN: {
        Expr *t = lower_expr(L, lhs, 0);
        Loc loc = k_cursor_loc(L, c);
        CXCursor d = skip_wrappers(L, lhs);
        OpKind dop;
        if (d.kind == CXCursor_UnaryOperator && unop_kind(L, d, &dop) == OPK_DEREF) {
            int db = kids(L, d);
            CXCursor dp = L->ncs > db ? L->cs[db] : clang_getNullCursor();
            L->ncs = db;
            if (!clang_Cursor_isNull(dp))
                interior_store(L, dp, loc);
        }
        if (op == OP_COUNT) {
            lower_assign_to(L, t, rhs, loc);
        } else {
            Expr *v = lower_expr(L, rhs, 0);
            emit_assign(L, t, k_binop(L, op, t, v), loc, k_from_macro(L, c));
        }
        return t;
    }
    case OPK_COMMA:
        lower_expr(L, lhs, 1);
        return lower_expr(L, rhs, discard);
    case OPK_BIN:
        if ((op == OP_LAND || op == OP_LOR) && (discard || has_call(rhs)))
            return value_by_edges(L, c, discard);
        {
            Expr *x = lower_expr(L, lhs, 0);
            Expr *y = lower_expr(L, rhs, 0);
            return k_binop(L, op, x, y);
        }
    default: {
        /* operator unknown (written in a macro body between two macro
         * arguments): a constant if clang folds it.  Asked only when a side
         * is a constant to us or no variable is read (sizeof and offsetof
         * arithmetic): clang_Cursor_Evaluate of a deep expression of
         * variables costs tens of thousands of instructions, and fails */
        long long v;
        Expr *x = lower_expr(L, lhs, 1), *y = lower_expr(L, rhs, 1);
        if ((x->kind == EX_INT || y->kind == EX_INT || !reads_variable(c)) && k_eval_int(c, &v))
            return k_int(L, v);
        return k_unknown(L, k_extent_text(L, c));
    }
    }
}

static Expr *lower_declref(Lower *L, CXCursor c)
{
    CXCursor ref = clang_getCursorReferenced(c);
    switch (ref.kind) {
    case CXCursor_EnumConstantDecl:
        return k_int(L, clang_getEnumConstantDeclValue(ref));
    case CXCursor_FunctionDecl: {
        Expr *e = k_new(L, EX_FUNC);
        e->text = k_decl_name(L, ref);
        return e;
    }
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl:
        return k_var_path(L, ref, clang_getCursorType(ref));
    default:
        return k_unknown(L, k_str(L, clang_getCursorSpelling(c)));
    }
}

static Expr *lower_member(Lower *L, CXCursor c)
{
    int b = kids(L, c);
    if (L->ncs - b < 1) {
        L->ncs = b;
        return k_unknown(L, k_str(L, clang_getCursorSpelling(c)));
    }
    CXCursor base = L->cs[b];
    L->ncs = b;
    CXType bt = clang_getCursorType(base);
    int arrow = k_is_pointer(bt);
    const char *rec = arrow ? k_pointee_record(L, bt) : k_record_name(L, bt);
    Expr *be = lower_expr(L, base, 0);
    /* spelled as the field it names: cached, where the member's own
     * spelling was asked at every access */
    return k_member(L, be, arrow, rec, k_decl_name(L, clang_getCursorReferenced(c)),
                    clang_getCursorType(c));
}

static Expr *lower_expr_node(Lower *L, CXCursor c, int discard);

static int int_kind(enum CXTypeKind k)
{
    return k >= CXType_Char_U && k <= CXType_Int128 && k != CXType_Bool;
}

/* A conversion to a narrower unsigned integer type keeps the low bits:
 * `*ReadValue = (USHORT)Mdic`, `UCHAR Id = Reg;` (a busy bit above them
 * is gone).  Signed targets and constants are left as they are. */
static Expr *narrowed(Lower *L, CXCursor to_c, CXCursor from_c, Expr *r)
{
    if (!r || r->kind == EX_INT || r->kind == EX_UNKNOWN)
        return r;
    CXType to = clang_getCanonicalType(clang_getCursorType(to_c));
    CXType from = clang_getCanonicalType(clang_getCursorType(from_c));
    /* an unsigned path read as a signed type no wider ((LONG)Count < 0):
     * the engine's integers do not wrap, so that copy of the path says how
     * it is seen (Expr.sbits) */
    long long tsz = clang_Type_getSizeOf(to);
    if (r->kind == EX_PATH && r->ubits && int_kind(to.kind) && !k_unsigned_bits(to) &&
        to.kind != CXType_UChar && to.kind != CXType_UShort && to.kind != CXType_Char_U &&
        tsz > 0 && tsz <= r->ubits / 8) {
        Expr *x = k_copy(L, r);
        x->ubits = 0;
        x->sbits = (int)tsz * 8;
        return x;
    }
    if (!int_kind(from.kind) || (to.kind != CXType_UChar && to.kind != CXType_UShort &&
                                 to.kind != CXType_UInt && to.kind != CXType_ULong &&
                                 to.kind != CXType_Char_U))
        return r;
    long long ts = clang_Type_getSizeOf(to), fs = clang_Type_getSizeOf(from);
    if (ts <= 0 || fs <= 0 || ts >= fs || ts >= 8)
        return r;
    return k_binop(L, OP_BAND, r, k_int(L, (long long)((1ULL << (ts * 8)) - 1)));
}

/* An integer literal's value, read from its spelling (srclex.c): asking
 * clang (clang_Cursor_Evaluate) costs thousands of instructions, twice per
 * element of a constant table (the literal, then its conversion), and a
 * table of test vectors has tens of thousands.  0 when the spelling is not
 * one plain integer token with a C or MSVC suffix: then clang is asked. */
static int literal_value(Lower *L, CXCursor c, long long *out)
{
    CXFile f;
    unsigned off;
    size_t n;
    const char *t;
    SrcTok tok;
    if (!k_spelled_at(L, clang_getCursorLocation(c), &f, &off) || !(t = src_buffer(L, f, &n)))
        return 0;
    unsigned pos = off;
    char buf[72];
    if (off >= n || !src_next(t, n, &pos, &tok) || tok.off != off || tok.kind != TOK_NUMBER ||
        tok.len >= sizeof buf)
        return 0;
    src_copy(t, &tok, buf, sizeof buf);
    if (buf[0] == '0' && (buf[1] == 'b' || buf[1] == 'B'))
        return 0;                           /* binary: rare, clang knows */
    char *end;
    errno = 0;
    unsigned long long v = strtoull(buf, &end, 0);
    if (errno || end == buf)
        return 0;
    /* the suffix: u, l, ll in any order and case, or MSVC's [u]i8..i64 */
    const char *sfx = end;
    int u = 0, l = 0;
    while (*sfx == 'u' || *sfx == 'U' || *sfx == 'l' || *sfx == 'L') {
        u += *sfx == 'u' || *sfx == 'U';
        l += *sfx == 'l' || *sfx == 'L';
        sfx++;
    }
    if (*sfx == 'i' || *sfx == 'I') {
        if (l || strcmp(sfx + 1, "8") * strcmp(sfx + 1, "16") * strcmp(sfx + 1, "32") *
                     strcmp(sfx + 1, "64") != 0)
            return 0;
        sfx += strlen(sfx);
    }
    if (*sfx || u > 1 || l > 2)
        return 0;                           /* a float, or not a suffix we know */
    *out = (long long)v;
    return 1;
}

/* v converted to the integer type t as C converts constants (a table's
 * 0x1F2 stored in a UCHAR is 0xF2); 0 for a type that is not an integer or
 * an enum (then clang is asked: a pointer is no integer constant to it, so
 * NULL keeps its name). */
static int convert_const(CXType t, long long v, long long *out)
{
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_Enum)
        t = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(t)));
    if (t.kind == CXType_Bool) {
        *out = v != 0;
        return 1;
    }
    int is_unsigned = t.kind == CXType_Char_U || t.kind == CXType_UChar ||
                      t.kind == CXType_UShort || t.kind == CXType_UInt ||
                      t.kind == CXType_ULong || t.kind == CXType_ULongLong ||
                      t.kind == CXType_WChar || t.kind == CXType_Char16 || t.kind == CXType_Char32;
    int is_signed = t.kind == CXType_Char_S || t.kind == CXType_SChar ||
                    t.kind == CXType_Short || t.kind == CXType_Int || t.kind == CXType_Long ||
                    t.kind == CXType_LongLong;
    long long size = clang_Type_getSizeOf(t);
    if ((!is_unsigned && !is_signed) || size <= 0 || size > 8)
        return 0;
    if (t.kind == CXType_WChar && size == 4)
        return 0;                           /* a signed wchar_t: leave it to clang */
    if (size == 8) {
        *out = v;
        return 1;
    }
    unsigned long long mask = (1ULL << (size * 8)) - 1, x = (unsigned long long)v & mask;
    if (is_signed && (x >> (size * 8 - 1)))
        x |= ~mask;                         /* sign-extend */
    *out = (long long)x;
    return 1;
}

/* A constant written as a name (a macro such as NDIS_STATUS_SUCCESS, an
 * enum constant) keeps that name for display: traces then read as the
 * source does.  Only a single identifier qualifies. */
Expr *name_constant(Lower *L, CXCursor c, Expr *r)
{
    /* not a binary operator's value: libclang finds its location at the
     * start of its left operand, a walk down the chain, so a chain of a
     * million `+ 0` was quadratic (a macro's expression is named at its
     * parentheses, the usual way to write one) */
    if (r->kind != EX_INT || r->text || c.kind == CXCursor_BinaryOperator ||
        c.kind == CXCursor_CompoundAssignOperator)
        return r;
    if (c.kind == CXCursor_UnexposedExpr && !k_from_macro(L, c))
        c = skip_wrappers(L, c);
    const char *t = NULL;
    CXCursor ref = c.kind == CXCursor_DeclRefExpr ? clang_getCursorReferenced(c)
                                                  : clang_getNullCursor();
    if (ref.kind == CXCursor_EnumConstantDecl)
        t = k_decl_name(L, ref);    /* a reference is spelled as what it names */
    else if (k_from_macro(L, c))
        t = k_extent_text(L, c);
    if (!t || !(isalpha((unsigned char)t[0]) || t[0] == '_'))
        return r;
    for (const char *p = t; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return r;
    Expr *n = k_int(L, r->ival);
    n->text = t;
    return n;
}

/* The length of the subscripted array (Adapter->Queues, before it decays
 * to a pointer: clang shows the decay as an implicit cast whose operand has
 * the array type); 0 for a pointer (p[i]) or an array of no known length. */
static enum CXChildVisitResult first_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    *(CXCursor *)d = c;
    return CXChildVisit_Break;
}

static long long array_length(CXCursor base)
{
    for (int depth = 0; depth < 4; depth++) {
        CXType t = clang_getCanonicalType(clang_getCursorType(base));
        if (t.kind == CXType_ConstantArray)
            return clang_getArraySize(t);
        if (t.kind == CXType_IncompleteArray || t.kind == CXType_VariableArray ||
            t.kind == CXType_DependentSizedArray)
            return 0;
        if (clang_getCursorKind(base) != CXCursor_UnexposedExpr &&
            clang_getCursorKind(base) != CXCursor_ParenExpr)
            return 0;
        CXCursor k = clang_getNullCursor();
        clang_visitChildren(base, first_kid, &k);
        if (clang_Cursor_isNull(k))
            return 0;
        base = k;
    }
    return 0;
}

/* Deeper than this an expression is an unknown value: every later walk of
 * the tree (the engine's evaluation, slicing, instances.c) recurses once
 * per level on an ordinary stack, and a generated `~~~...~x` of 30,000
 * levels overflowed it.  No driver writes a tenth of it. */
enum { MAX_EXPR_DEPTH = 2000 };

Expr *lower_expr(Lower *L, CXCursor c, int discard)
{
    if (L->expr_depth >= MAX_EXPR_DEPTH) {
        /* said once per file: a value silently unknown turned a stall of
         * 1,001 us into a Pass (blind round 11) */
        if (!L->too_deep_noted) {
            L->too_deep_noted = 1;
            Loc at = k_cursor_loc(L, c);
            diag_add(&L->u->diags, DIAG_WARNING, at.file, at.line, at.col,
                     "an expression nested more than %d levels deep is taken as an unknown value "
                     "here: what the rules see of it is not checked",
                     MAX_EXPR_DEPTH);
        }
        return k_unknown(L, "(an expression nested too deep)");
    }
    L->expr_depth++;
    Expr *r = name_constant(L, c, lower_expr_node(L, c, discard));
    L->expr_depth--;
    return r;
}

/* A constant converted to v: r itself, or a new one (the text a literal
 * was written with stays where the value does). */
static Expr *same_int(Lower *L, Expr *r, long long v)
{
    if (r->ival == v)
        return r;
    return k_int(L, v);
}

static Expr *lower_expr_node(Lower *L, CXCursor c, int discard)
{
    long long v;
    switch (c.kind) {
    case CXCursor_ParenExpr:
    case CXCursor_CStyleCastExpr: {
        CXCursor k;
        if (!last_expr_kid(L, c, &k))
            return k_unknown(L, k_extent_text(L, c));
        Expr *r = lower_expr(L, k, discard);
        /* a constant converted: (NDIS_STATUS)0xC0000001L is negative */
        if (r->kind == EX_INT && c.kind == CXCursor_CStyleCastExpr &&
            (convert_const(clang_getCursorType(c), r->ival, &v) || k_eval_int(c, &v)))
            r = same_int(L, r, v);
        return c.kind == CXCursor_CStyleCastExpr ? narrowed(L, c, k, r) : r;
    }
    case CXCursor_UnexposedExpr: {
        int b = kids(L, c), n = L->ncs - b;
        Expr *r = NULL;
        if (n == 1) {
            CXCursor k = L->cs[b];
            L->ncs = b;
            if (!clang_isExpression(k.kind))
                return k_unknown(L, k_extent_text(L, c));
            Expr *x = lower_expr(L, k, discard);
            /* an implicit conversion of a constant: by the type, not by
             * clang_Cursor_Evaluate, which evaluates the whole operand
             * again at every level of a nested constant expression */
            if (x->kind == EX_INT &&
                (convert_const(clang_getCursorType(c), x->ival, &v) || k_eval_int(c, &v)))
                x = same_int(L, x, v);
            return narrowed(L, c, k, x);
        }
        if (n >= 2 && recovery_call(L, c, b, n, &r, discard)) {
            L->ncs = b;
            return r;
        }
        for (int i = 0; i < n; i++)
            if (clang_isExpression(L->cs[b + i].kind))
                lower_expr(L, L->cs[b + i], 1);
        L->ncs = b;
        if (n == 0 && k_eval_int(c, &v))
            return k_int(L, v);
        return k_unknown(L, k_extent_text(L, c));
    }
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
    case CXCursor_UnaryExpr:          /* sizeof, alignof */
        if (c.kind == CXCursor_IntegerLiteral && literal_value(L, c, &v)) {
            Expr *r = k_int(L, v);
            /* a hexadecimal literal written in the code reads so in a trace
             * (`Oid == 0x0101020A`, not 16843274: blind round 11); one from
             * a macro gets the macro's name (name_constant) */
            if (!k_from_macro(L, c)) {
                const char *t = k_extent_text(L, c);
                if (t && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
                    r->text = t;
            }
            return r;
        }
        if (k_eval_int(c, &v))
            return k_int(L, v);
        return k_unknown(L, k_extent_text(L, c));
    case CXCursor_StringLiteral: {
        Expr *e = k_new(L, EX_STR);
        e->text = k_str(L, clang_getCursorSpelling(c));
        return e;
    }
    case CXCursor_DeclRefExpr:
        return lower_declref(L, c);
    case CXCursor_MemberRefExpr:
        return lower_member(L, c);
    case CXCursor_ArraySubscriptExpr: {
        int b = kids(L, c);
        if (L->ncs - b < 2) {
            L->ncs = b;
            return k_unknown(L, k_extent_text(L, c));
        }
        CXCursor base = L->cs[b], idx = L->cs[b + 1];
        long long length = array_length(base);
        L->ncs = b;
        Expr *be = lower_expr(L, base, 0);
        Expr *ie = lower_expr(L, idx, 0);
        Expr *r = k_index(L, be, ie, clang_getCursorType(base), clang_getCursorType(c), 1);
        /* an element by its index only in an array of a few (queues,
         * vectors, adapters: at most 16), never of a pointer (p[i]: where
         * p points).  rtlnwifi's 32 candidate access points, kept apart by
         * index, cost its spin-lock rule a third more states for the same
         * Pass */
        if (length <= 0 || length > 16) {
            r->index = NULL;
        } else if (r->index) {
            r->index_bound = (int)length;
            /* a const table read where the engine may know the index
             * (Ops[Op].Routine): its elements are keys (decls.c) */
            if (L->fn && be->kind == EX_PATH && be->key)
                strmap_put(&L->indexed, be->key, 1);
        }
        return r;
    }
    case CXCursor_CallExpr:
        return lower_call(L, c, NULL, discard);
    case CXCursor_UnaryOperator:
        return lower_unary(L, c, discard);
    case CXCursor_BinaryOperator:
    case CXCursor_CompoundAssignOperator:
        return lower_binary(L, c, discard);
    case CXCursor_ConditionalOperator: {
        if (discard || has_call(c))
            return value_by_edges(L, c, discard);
        int b = kids(L, c);
        if (L->ncs - b < 3) {
            L->ncs = b;
            return k_unknown(L, k_extent_text(L, c));
        }
        CXCursor cc = L->cs[b], x = L->cs[b + 1], y = L->cs[b + 2];
        L->ncs = b;
        Expr *ce = lower_expr(L, cc, 0);
        Expr *xe = lower_expr(L, x, 0);
        Expr *ye = lower_expr(L, y, 0);
        if (ce->kind == EX_INT)
            return ce->ival ? xe : ye;
        Expr *e = k_new(L, EX_COND);
        e->a = ce;
        e->b = xe;
        e->c = ye;
        return e;
    }
    case CXCursor_StmtExpr: {
        int b = kids(L, c), n = L->ncs - b;
        CXCursor body = n ? L->cs[b] : clang_getNullCursor();
        L->ncs = b;
        if (n)
            lower_stmt(L, body);
        return k_unknown(L, "({...})");
    }
    case CXCursor_InitListExpr:
    case CXCursor_CompoundLiteralExpr:
        if (has_call(c)) {      /* keep the calls inside */
            int b = kids(L, c), n = L->ncs - b;
            for (int i = 0; i < n; i++)
                if (clang_isExpression(L->cs[b + i].kind))
                    lower_expr(L, L->cs[b + i], 1);
            L->ncs = b;
        }
        return k_unknown(L, "{...}");
    default:
        if (clang_isExpression(c.kind) && k_eval_int(c, &v))
            return k_int(L, v);
        return k_unknown(L, k_extent_text(L, c));
    }
}

/* ------------------------------------------------------------ conditions */

static int is_logic(Lower *L, CXCursor c)
{
    OpKind op;
    if (c.kind == CXCursor_ConditionalOperator)
        return 1;
    if (c.kind == CXCursor_BinaryOperator)
        return binop_kind(L, c, &op) == OPK_BIN && (op == OP_LAND || op == OP_LOR);
    if (c.kind == CXCursor_UnaryOperator)
        return unop_kind(L, c, &op) == OPK_BIN && op == OP_NOT;
    return 0;
}

void lower_cond(Lower *L, CXCursor c, int t, int f, BranchKind k)
{
    CXCursor e = skip_wrappers(L, c);
    OpKind op;
    if (e.kind == CXCursor_BinaryOperator) {
        OpClass cls = binop_kind(L, e, &op);
        int b = kids(L, e);
        int n = L->ncs - b;
        CXCursor lhs = n > 0 ? L->cs[b] : clang_getNullCursor();
        CXCursor rhs = n > 1 ? L->cs[b + 1] : lhs;
        L->ncs = b;
        if (n == 2 && cls == OPK_BIN && (op == OP_LAND || op == OP_LOR)) {
            int mid = g_new(L);
            if (op == OP_LAND)
                lower_cond(L, lhs, mid, f, BR_LOGIC);
            else
                lower_cond(L, lhs, t, mid, BR_LOGIC);
            L->cur = mid;
            lower_cond(L, rhs, t, f, k);
            return;
        }
        if (n == 2 && cls == OPK_COMMA) {
            lower_expr(L, lhs, 1);
            lower_cond(L, rhs, t, f, k);
            return;
        }
    } else if (e.kind == CXCursor_UnaryOperator) {
        if (unop_kind(L, e, &op) == OPK_BIN && op == OP_NOT) {
            int b = kids(L, e);
            int n = L->ncs - b;
            CXCursor ch = n ? L->cs[b] : clang_getNullCursor();
            L->ncs = b;
            if (n == 1 && is_logic(L, skip_wrappers(L, ch))) {
                lower_cond(L, ch, f, t, k);
                return;
            }
        }
    } else if (e.kind == CXCursor_ConditionalOperator) {
        int b = kids(L, e);
        if (L->ncs - b == 3) {
            CXCursor cc = L->cs[b], x = L->cs[b + 1], y = L->cs[b + 2];
            L->ncs = b;
            int A = g_new(L), B = g_new(L);
            lower_cond(L, cc, A, B, BR_COND_EXPR);
            L->cur = A;
            lower_cond(L, x, t, f, k);
            L->cur = B;
            lower_cond(L, y, t, f, k);
            return;
        }
        L->ncs = b;
    }
    Loc loc = k_cursor_loc(L, e);
    Expr *v = lower_expr(L, c, 0);
    g_branch(L, v, t, f, k, loc);
}
