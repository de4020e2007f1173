/* keys.c - names of types, access-path keys (see cfg.h), locations.
 *
 * Keys: a local or parameter "x"; a global "g"; a static global "g@file.c";
 * a static local "func.x@file.c"; E->f and (*E).f "REC.f" where REC names
 * E's pointee record type (its tag, else its typedef); v.f key(v)".f";
 * *p of a non-record pointer "*"key(p); a[i] key(a)"[]".  tkey is
 * "REC.f" for member paths.  Locations are expansion locations: the line
 * the user wrote, also inside macros.  All strings go to the unit's arena. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

const char *k_str(Lower *L, CXString s)
{
    const char *c = clang_getCString(s);
    const char *r = arena_strdup(L->a, c ? c : "");
    clang_disposeString(s);
    return r;
}

/* A declaration's name, copied once per unit.  Lowering asks again for the
 * same variables, parameters, callees and record tags (k_var_path at every
 * use of a variable, k_record_name at every member access), and each
 * clang_getCursorSpelling costs ~700 instructions (a std::string built,
 * copied to a CXString, freed).  Keyed by the Decl pointer (data[0] of a
 * declaration cursor) and the kind; other cursors are asked every time. */
typedef struct NameCache {
    struct NameEnt { const void *decl; enum CXCursorKind kind; const char *name; } *ents;
    unsigned cap, n;         /* slots (a power of two), used; decl NULL is empty */
} NameCache;

static unsigned name_slot(const NameCache *c, const void *decl, enum CXCursorKind kind)
{
    uintptr_t h = (uintptr_t)decl ^ ((uintptr_t)decl >> 15) ^ (unsigned)kind;
    unsigned i = (unsigned)(h * 2654435761u) & (c->cap - 1);
    while (c->ents[i].decl && (c->ents[i].decl != decl || c->ents[i].kind != kind))
        i = (i + 1) & (c->cap - 1);
    return i;
}

const char *k_decl_name(Lower *L, CXCursor decl)
{
    if (!clang_isDeclaration(decl.kind) || !decl.data[0])
        return k_str(L, clang_getCursorSpelling(decl));
    NameCache *c = L->names;
    if (!c && !(c = L->names = calloc(1, sizeof *c)))
        abort();
    if (2 * (c->n + 1) > c->cap) {           /* keep it at most half full */
        NameCache old = *c;
        c->cap = old.cap ? old.cap * 2 : 256;
        c->ents = calloc(c->cap, sizeof *c->ents);
        if (!c->ents)
            abort();
        for (unsigned i = 0; i < old.cap; i++)
            if (old.ents[i].decl)
                c->ents[name_slot(c, old.ents[i].decl, old.ents[i].kind)] = old.ents[i];
        free(old.ents);
    }
    unsigned i = name_slot(c, decl.data[0], decl.kind);
    if (!c->ents[i].decl) {
        c->ents[i] = (struct NameEnt){ decl.data[0], decl.kind,
                                       k_str(L, clang_getCursorSpelling(decl)) };
        c->n++;
    }
    return c->ents[i].name;
}

static const char *file_name(Lower *L, CXFile f)
{
    if (!f)
        return NULL;
    if (f == L->main_file)
        return L->main_display;
    for (int i = L->nfnames - 1; i >= 0; i--)
        if (L->fptrs[i] == f)
            return L->fnames[i];
    if (L->nfnames == L->capfnames) {
        L->capfnames = L->capfnames ? 2 * L->capfnames : 16;
        L->fptrs = realloc(L->fptrs, (size_t)L->capfnames * sizeof *L->fptrs);
        L->fnames = realloc(L->fnames, (size_t)L->capfnames * sizeof *L->fnames);
        if (!L->fptrs || !L->fnames)
            abort();
    }
    L->fptrs[L->nfnames] = f;
    L->fnames[L->nfnames] = k_str(L, clang_getFileName(f));
    return L->fnames[L->nfnames++];
}

Loc k_loc(Lower *L, CXSourceLocation sl)
{
    CXFile f;
    unsigned line, col;
    clang_getExpansionLocation(sl, &f, &line, &col, NULL);
    Loc l = { file_name(L, f), (int)line, (int)col };
    return l;
}

Loc k_cursor_loc(Lower *L, CXCursor c)
{
    return k_loc(L, clang_getCursorLocation(c));
}

Loc k_end_loc(Lower *L, CXCursor c)
{
    Loc l = k_loc(L, clang_getRangeEnd(clang_getCursorExtent(c)));
    if (l.col > 1)
        l.col--;
    return l;
}

/* The file and offset where the token at l is spelled: inside a macro
 * body that is the macro's definition (clang_tokenize reads spelling
 * locations; the location queries of libclang 14 answer with the
 * expansion).  Tokenising the empty range [l, l] yields that one token. */
/* Where macro locations are spelled, by the location's encoding (one
 * translation unit's locations are numbers of one source manager):
 * lowering asks again for the same operand (its operator, its constant,
 * whether it comes from a macro), and each answer costs a clang_tokenize. */
typedef struct SpellCache {
    unsigned *keys;          /* int_data + 1; 0 is an empty slot */
    CXFile *files;
    unsigned *offs;
    unsigned cap, n;
} SpellCache;

static unsigned spell_slot(const SpellCache *c, unsigned key)
{
    unsigned i = (key * 2654435761u) & (c->cap - 1);
    while (c->keys[i] && c->keys[i] != key)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static void spell_put(SpellCache *c, unsigned key, CXFile f, unsigned off)
{
    if (2 * (c->n + 1) > c->cap) {           /* keep it at most half full */
        SpellCache old = *c;
        c->cap = old.cap ? old.cap * 2 : 256;
        c->keys = calloc(c->cap, sizeof *c->keys);
        c->files = malloc(c->cap * sizeof *c->files);
        c->offs = malloc(c->cap * sizeof *c->offs);
        if (!c->keys || !c->files || !c->offs)
            abort();
        for (unsigned i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                unsigned j = spell_slot(c, old.keys[i]);
                c->keys[j] = old.keys[i];
                c->files[j] = old.files[i];
                c->offs[j] = old.offs[i];
            }
        free(old.keys);
        free(old.files);
        free(old.offs);
    }
    unsigned i = spell_slot(c, key);
    if (!c->keys[i])
        c->n++;
    c->keys[i] = key;
    c->files[i] = f;
    c->offs[i] = off;
}

static void cache_free(SpellCache **c)
{
    if (!*c)
        return;
    free((*c)->keys);
    free((*c)->files);
    free((*c)->offs);
    free(*c);
    *c = NULL;
}

void k_spell_free(Lower *L)
{
    cache_free(&L->spell);
    cache_free(&L->expand);
    if (L->names) {
        free(L->names->ents);
        free(L->names);
        L->names = NULL;
    }
}

/* Where c begins.  clang_getCursorLocation is that for every expression
 * and statement but a member reference (its field's name) and an
 * UnexposedExpr (what it wraps may be one); it costs a tenth of
 * clang_getCursorExtent, which measures the last token again. */
CXSourceLocation k_start(CXCursor c)
{
    if (c.kind == CXCursor_MemberRefExpr || c.kind == CXCursor_UnexposedExpr ||
        !(clang_isExpression(c.kind) || clang_isStatement(c.kind)))
        return clang_getRangeStart(clang_getCursorExtent(c));
    return clang_getCursorLocation(c);
}

/* Where a location's expansion lies (file and offset).  For a macro
 * location clang walks the expansion chain each time (wireguard-nt's
 * crypto macros: 134k calls, 90M instructions, most of them for the same
 * start location of nested operands): those answers are kept per unit. */
void k_expansion(Lower *L, CXSourceLocation l, CXFile *f, unsigned *off)
{
    if (!k_is_macro_loc(l)) {
        clang_getExpansionLocation(l, f, NULL, NULL, off);
        return;
    }
    if (!L->expand && !(L->expand = calloc(1, sizeof *L->expand)))
        abort();
    unsigned key = l.int_data + 1;
    if (L->expand->cap) {
        unsigned i = spell_slot(L->expand, key);
        if (L->expand->keys[i]) {
            *f = L->expand->files[i];
            *off = L->expand->offs[i];
            return;
        }
    }
    clang_getExpansionLocation(l, f, NULL, NULL, off);
    spell_put(L->expand, key, *f, *off);
}

int k_spelled_at(Lower *L, CXSourceLocation l, CXFile *f, unsigned *off)
{
    if (!k_is_macro_loc(l)) {            /* a file location: no lexing needed */
        clang_getExpansionLocation(l, f, NULL, NULL, off);
        return *f != NULL;
    }
    if (!L->spell && !(L->spell = calloc(1, sizeof *L->spell)))
        abort();
    unsigned key = l.int_data + 1;
    if (L->spell->cap) {
        unsigned i = spell_slot(L->spell, key);
        if (L->spell->keys[i]) {
            *f = L->spell->files[i];
            *off = L->spell->offs[i];
            return *f != NULL;
        }
    }
    k_spell_lex(L->tu, l, f, NULL, off);
    spell_put(L->spell, key, *f, *off);
    return *f != NULL;
}

int k_spell_lex(CXTranslationUnit tu, CXSourceLocation l, CXFile *f, unsigned *line,
                unsigned *off)
{
    CXToken *t = NULL;
    unsigned n = 0;
    clang_tokenize(tu, clang_getRange(l, l), &t, &n);
    *f = NULL;
    *off = 0;
    if (line)
        *line = 0;
    if (n)
        clang_getFileLocation(clang_getTokenLocation(tu, t[0]), f, line, NULL, off);
    if (t)
        clang_disposeTokens(tu, t, n);
    return *f != NULL;
}

/* libclang 14 gives no way to ask whether a location lies in a macro
 * expansion; its encoding does: clang's SourceLocation, stored in int_data,
 * marks macro locations with the top bit (SourceLocation::MacroIDBit, the
 * same since clang 2.x).  Only a fast path: a macro location is then
 * confirmed by where its token is spelled. */
int k_is_macro_loc(CXSourceLocation l)
{
    return (l.int_data & 0x80000000u) != 0;
}

int k_from_macro(Lower *L, CXCursor c)
{
    CXSourceLocation l = clang_getCursorLocation(c);
    if (!k_is_macro_loc(l))
        return 0;
    CXFile f1, f2;
    unsigned o1, o2;
    k_expansion(L, l, &f1, &o1);
    return k_spelled_at(L, l, &f2, &o2) && (f1 != f2 || o1 != o2);
}

CXType k_desugar(CXType t)
{
    for (int i = 0; i < 64; i++) {
        if (t.kind == CXType_Typedef)
            t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
        else if (t.kind == CXType_Elaborated)
            t = clang_Type_getNamedType(t);
        else if (t.kind == CXType_Attributed)
            t = clang_Type_getModifiedType(t);
        else
            break;
    }
    return t;
}

/* 32 or 64 for an unsigned integer type of that width (ULONG, ULONG64),
 * else 0 (Expr.ubits; a narrower one is widened by the C conversions
 * before it is compared or computed with). */
int k_unsigned_bits(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    if (c.kind != CXType_UInt && c.kind != CXType_ULong && c.kind != CXType_ULongLong)
        return 0;
    long long bytes = clang_Type_getSizeOf(c);
    return bytes == 4 || bytes == 8 ? (int)bytes * 8 : 0;
}

int k_is_pointer(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_Pointer || c.kind == CXType_BlockPointer;
}

const char *k_record_name(Lower *L, CXType t)
{
    CXType canon = clang_getCanonicalType(t);
    if (canon.kind != CXType_Record)
        return NULL;
    CXCursor decl = clang_getTypeDeclaration(canon);
    const char *tag = k_decl_name(L, decl);
    if (*tag && !strchr(tag, ' ') && !strchr(tag, '('))
        return tag;
    /* no tag: the nearest typedef in the sugar */
    for (int i = 0; i < 64; i++) {
        if (t.kind == CXType_Typedef)
            return k_str(L, clang_getTypedefName(t));
        if (t.kind == CXType_Elaborated)
            t = clang_Type_getNamedType(t);
        else if (t.kind == CXType_Attributed)
            t = clang_Type_getModifiedType(t);
        else
            break;
    }
    /* typedef struct { ... } NAME, *PNAME;  PNAME points to the tagless
     * struct, which clang names after its typedef */
    const char *sp = k_str(L, clang_getTypeSpelling(canon));
    if (strncmp(sp, "struct ", 7) == 0)
        sp += 7;
    else if (strncmp(sp, "union ", 6) == 0)
        sp += 6;
    if (*sp && !strchr(sp, ' ') && !strchr(sp, '('))
        return sp;
    return "<anonymous>";
}

const char *k_pointee_record(Lower *L, CXType t)
{
    t = k_desugar(t);
    if (t.kind != CXType_Pointer)
        return NULL;
    return k_record_name(L, clang_getPointeeType(t));
}

/* Is t an array type (not a pointer: its value decays to its address)? */
static int k_is_array(CXType t)
{
    enum CXTypeKind k = clang_getCanonicalType(t).kind;
    return k == CXType_ConstantArray || k == CXType_IncompleteArray || k == CXType_VariableArray ||
           k == CXType_DependentSizedArray;
}

/* What a path's type tells of its value (Expr.is_pointer, ubits,
 * is_record, is_array): the same for every kind of path. */
static void path_type(Expr *e, CXType t)
{
    e->is_pointer = k_is_pointer(t);
    e->ubits = k_unsigned_bits(t);
    e->is_record = clang_getCanonicalType(t).kind == CXType_Record;
    e->is_array = k_is_array(t);
}

Expr *k_new(Lower *L, ExprKind k)
{
    Expr *e = arena_alloc(L->a, sizeof *e);
    e->kind = k;
    e->param_index = -1;
    return e;
}

/* A copy of x to change (its shared original stays as it is). */
Expr *k_copy(Lower *L, const Expr *x)
{
    Expr *c = k_new(L, x->kind);
    *c = *x;
    return c;
}

Expr *k_int(Lower *L, long long v)
{
    Expr *e = k_new(L, EX_INT);
    e->ival = v;
    return e;
}

Expr *k_unknown(Lower *L, const char *text)
{
    Expr *e = k_new(L, EX_UNKNOWN);
    e->text = text ? text : "?";
    return e;
}

static const char *basename_of(const char *p)
{
    const char *s = p ? strrchr(p, '/') : NULL;
    return s ? s + 1 : p ? p : "";
}

Expr *k_var_path(Lower *L, CXCursor decl, CXType t)
{
    Expr *e = k_new(L, EX_PATH);
    const char *name = k_decl_name(L, decl);
    e->text = name;
    e->key = name;
    path_type(e, t);
    if (decl.kind == CXCursor_ParmDecl) {
        e->scope = SCOPE_PARAM;
        for (int i = 0; L->fn && i < L->fn->nparams; i++)
            if (strcmp(L->fn->params[i].name, name) == 0)
                e->param_index = i;
        if (e->param_index < 0)
            e->scope = SCOPE_LOCAL;
        return e;
    }
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    CXCursor parent = clang_getCursorSemanticParent(decl);
    int local = parent.kind == CXCursor_FunctionDecl;
    if (local && sc != CX_SC_Static && sc != CX_SC_Extern) {
        e->scope = SCOPE_LOCAL;
        return e;
    }
    e->scope = SCOPE_GLOBAL;
    e->const_table = clang_isConstQualifiedType(t);
    if (sc == CX_SC_Static) {
        Loc dl = k_cursor_loc(L, decl);
        if (local)
            e->key = arena_printf(L->a, "%s.%s@%s", L->fn ? L->fn->name : "?", name,
                                  basename_of(dl.file));
        else
            e->key = arena_printf(L->a, "%s@%s", name, basename_of(dl.file));
    }
    /* its fields are reached as REC.f (k_member's heap_key): an API given
     * &G (InitializeListHead(&gPorts)) writes those keys.  Not a static
     * global: k_member gives the fields of "g@file.c" no heap_key */
    if (e->is_record && !e->const_table && !strpbrk(e->key, ".[")) {
        const char *rec = k_record_name(L, t);
        if (rec && strcmp(rec, "?") != 0 && strcmp(rec, "<anonymous>") != 0)
            e->global_rec = rec;
    }
    return e;
}

Expr *k_temp(Lower *L, CXType t)
{
    Expr *e = k_new(L, EX_PATH);
    e->text = e->key = arena_printf(L->a, "$t%d", L->ntemps++);
    e->scope = SCOPE_LOCAL;
    path_type(e, t);
    return e;
}

static const char *text_of(Lower *L, const Expr *e)
{
    if (e->kind == EX_PATH && e->text)
        return e->text;
    return cfg_expr_string(L->a, e);
}

Expr *k_member(Lower *L, Expr *base, int arrow, const char *rec, const char *field, CXType t)
{
    /* (&x)->f is x.f (a macro given &Hw->MacContext[i] tests
     * (_Ctx)->Status): the element's own field, not the field every record
     * of the type shares.  athwifi marked its first MAC context valid through
     * that shared key, so its allocator found no free one for the second
     * port and MiniportInitializeEx never succeeded.  Shown as written. */
    if (arrow && base->kind == EX_ADDR && base->a && base->a->kind == EX_PATH) {
        Expr *e = k_member(L, base->a, 0, rec, field, t);
        e->text = arena_concat(L->a, "(", text_of(L, base), ")->", field, (char *)NULL);
        return e;
    }
    Expr *e = k_new(L, EX_PATH);
    if (!rec)
        rec = "?";
    const char *bt = text_of(L, base);
    int paren = bt[0] == '*' || bt[0] == '&' || base->kind == EX_BINOP || base->kind == EX_COND;
    /* an anonymous struct or union member (NET_BUFFER's DataLength) has no
     * name: shown as the source writes it, `Nb->DataLength`, its text
     * ends in the operator the named member after it goes on from */
    size_t bl = strlen(bt);
    if (base->kind == EX_PATH && bl > 0 && (bt[bl - 1] == '.' || (bl > 1 && bt[bl - 1] == '>' &&
                                                                  bt[bl - 2] == '-')))
        e->text = arena_concat(L->a, bt, field, (char *)NULL);
    else
        e->text = arena_concat(L->a, paren ? "(" : "", bt, paren ? ")" : "", arrow ? "->" : ".",
                               field, (char *)NULL);
    e->tkey = arena_concat(L->a, rec, ".", field, (char *)NULL);
    path_type(e, t);
    if (!arrow && base->kind == EX_PATH) {
        e->key = arena_concat(L->a, base->key, ".", field, (char *)NULL);
        e->const_table = base->const_table;
        e->scope = base->scope;
        e->param_index = base->param_index;
        e->base_key = base->base_key;    /* p->a.b: where p points, still */
        e->index = base->index;          /* a[i].f: a[2].f where i is 2 */
        e->index_bound = base->index_bound;
        /* a field of a global struct (NicDevice.InterruptConnected) is
         * also the record's field as any pointer to it reaches it (the
         * adapter context NDIS hands back is &NicDevice) */
        if (base->heap_key)
            e->heap_key = arena_concat(L->a, base->heap_key, ".", field, (char *)NULL);
        else if (base->scope == SCOPE_GLOBAL && !base->a && !base->const_table && strcmp(rec, "?") != 0 &&
                 strcmp(rec, "<anonymous>") != 0 && strpbrk(base->key, ".[") == NULL)
            e->heap_key = e->tkey;
    } else {
        e->key = e->tkey;
        e->scope = SCOPE_HEAP;
        if (arrow && base->kind == EX_PATH)
            e->base_key = base->key;
    }
    /* a link to another record of the kind its key names (REC.Next, REC..Next
       through an anonymous member): every element's, not this one's */
    const char *to = k_pointee_record(L, t);
    size_t tl = to ? strlen(to) : 0;
    e->self_link = tl && e->scope == SCOPE_HEAP && e->key && strncmp(e->key, to, tl) == 0 &&
                   e->key[tl] == '.';
    return e;
}

Expr *k_deref(Lower *L, Expr *p, CXType ptrtype, CXType t)
{
    /* *&x is x (NdisRawReadPortUlong(Port, &Status) expands to
     * *(&Status) = READ_PORT_ULONG(Port)) */
    if (p->kind == EX_ADDR && p->a && p->a->kind == EX_PATH)
        return p->a;
    Expr *e = k_new(L, EX_PATH);
    const char *rec = k_pointee_record(L, ptrtype);
    e->text = arena_concat(L->a, "*", text_of(L, p), (char *)NULL);
    if (p->kind != EX_PATH && (clang_isVolatileQualifiedType(t) || !rec))
        /* a device register (*(volatile ULONG *)(Csr + Off)), or memory at
         * a computed address: some place whose value is never known, not
         * one place every such access shares.  A volatile read through a
         * pointer variable (ReadAcquire(State): *(volatile LONG *)State)
         * is where that pointer points, as any *p is: the engine knows it
         * when the address was taken in view (case 314) */
        e->key = arena_printf(L->a, "*%s[]", p->kind == EX_PATH ? p->key : "?");
    else if (rec)
        e->key = rec;
    else
        e->key = arena_printf(L->a, "*%s", p->kind == EX_PATH ? p->key : "?");
    if (p->kind == EX_PATH && !strstr(e->key, "[]"))
        e->base_key = p->key;    /* *p: where p points decides what it is (a whole
                                    record too: Snapshot = *Intr, Intr = &Hw->Intr) */
    e->scope = SCOPE_HEAP;
    path_type(e, t);
    return e;
}

/* v in decimal into buf (24 bytes): snprintf costs ten times as much */
static void fmt_ll(char *buf, long long v)
{
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int k = 0;
    if (v < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = 0;
}

Expr *k_index(Lower *L, Expr *base, Expr *idx, CXType basetype, CXType t, int exact)
{
    Expr *e = k_new(L, EX_PATH);
    /* a plain constant index is formatted here: a constant table's tens of
     * thousands of elements each get a text and a key */
    char num[24];
    int plain = idx->kind == EX_INT && !idx->text;
    if (idx->kind == EX_INT)
        fmt_ll(num, idx->ival);
    const char *bk = base->kind == EX_PATH ? base->key : "?";
    e->text = arena_concat(L->a, text_of(L, base), "[", plain ? num : cfg_expr_string(L->a, idx),
                           "]", (char *)NULL);
    /* an element at a constant index (Handles[MP_MAC0]) is a key of its
     * own; any other index, or a volatile element (a register window), is
     * "some element" (k[]), whose value is never known */
    if (exact && idx->kind == EX_INT && idx->ival >= 0 && idx->ival < 4096 &&
        !clang_isVolatileQualifiedType(t)) {     /* device registers read what the device says */
        e->key = arena_concat(L->a, bk, "[", num, "]", (char *)NULL);
        if (L->fn && base->kind == EX_PATH)   /* a const table's element may be read (decls.c) */
            strmap_put(&L->indexed, bk, 1);
    } else {
        e->key = arena_concat(L->a, bk, "[]", (char *)NULL);
        /* an element of an array at a variable index: which one, the
         * engine asks the index (a[i] is a[2] where i is 2 on the path) */
        if (exact && base->kind == EX_PATH && !base->index && !strstr(bk, "[]") &&
            !clang_isVolatileQualifiedType(t))
            e->index = idx;
    }
    path_type(e, t);
    if (base->kind == EX_PATH && !k_is_pointer(basetype)) {
        e->scope = base->scope;
        e->param_index = base->param_index;
    } else {
        e->scope = SCOPE_HEAP;
    }
    return e;
}

/* Constant folding without undefined behaviour: wrap-around through
 * unsigned arithmetic, no division by zero, shifts in range only. */
static int fold(OpKind op, long long a, long long b, long long *r)
{
    unsigned long long ua = (unsigned long long)a, ub = (unsigned long long)b;
    switch (op) {
    case OP_ADD: *r = (long long)(ua + ub); return 1;
    case OP_SUB: *r = (long long)(ua - ub); return 1;
    case OP_MUL: *r = (long long)(ua * ub); return 1;
    case OP_DIV:
        if (b == 0 || (b == -1 && a == (-9223372036854775807LL - 1)))
            return 0;
        *r = a / b;
        return 1;
    case OP_MOD:
        if (b == 0 || b == -1)
            return 0;
        *r = a % b;
        return 1;
    case OP_SHL:
        if (b < 0 || b > 63)
            return 0;
        *r = (long long)(ua << b);
        return 1;
    case OP_SHR:
        if (b < 0 || b > 63 || a < 0)
            return 0;
        *r = a >> b;
        return 1;
    case OP_LT: *r = a < b; return 1;
    case OP_GT: *r = a > b; return 1;
    case OP_LE: *r = a <= b; return 1;
    case OP_GE: *r = a >= b; return 1;
    case OP_EQ: *r = a == b; return 1;
    case OP_NE: *r = a != b; return 1;
    case OP_BAND: *r = a & b; return 1;
    case OP_BOR: *r = a | b; return 1;
    case OP_XOR: *r = a ^ b; return 1;
    case OP_LAND: *r = a && b; return 1;
    case OP_LOR: *r = a || b; return 1;
    default: return 0;
    }
}

Expr *k_binop(Lower *L, OpKind op, Expr *a, Expr *b)
{
    long long r;
    if (a->kind == EX_INT && b->kind == EX_INT && fold(op, a->ival, b->ival, &r))
        return k_int(L, r);
    Expr *e = k_new(L, EX_BINOP);
    e->op = op;
    e->a = a;
    e->b = b;
    return e;
}

Expr *k_unop(Lower *L, OpKind op, Expr *a)
{
    if (a->kind == EX_INT) {
        unsigned long long u = (unsigned long long)a->ival;
        if (op == OP_NEG)
            return k_int(L, (long long)(0ull - u));
        if (op == OP_NOT)
            return k_int(L, !a->ival);
        if (op == OP_BITNOT)
            return k_int(L, (long long)~u);
    }
    Expr *e = k_new(L, EX_UNOP);
    e->op = op;
    e->a = a;
    return e;
}

int k_eval_int(CXCursor c, long long *out)
{
    CXEvalResult r = clang_Cursor_Evaluate(c);
    if (!r)
        return 0;
    int ok = clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok)
        *out = clang_EvalResult_isUnsignedInt(r)
                   ? (long long)clang_EvalResult_getAsUnsigned(r)
                   : clang_EvalResult_getAsLongLong(r);
    clang_EvalResult_dispose(r);
    return ok;
}

const char *k_extent_text(Lower *L, CXCursor c)
{
    /* from the expansion of its start (the macro's name when it comes
     * from one) to its end, as written in the file */
    CXSourceRange ext = clang_getCursorExtent(c);
    CXFile f1, f2;
    unsigned o1, o2;
    k_expansion(L, clang_getRangeStart(ext), &f1, &o1);
    k_expansion(L, clang_getRangeEnd(ext), &f2, &o2);
    if (!f1 || f1 != f2 || o1 >= o2)
        return "?";
    size_t n;
    const char *t = src_buffer(L, f1, &n);
    if (!t || o2 > n)
        return "?";
    char buf[160];
    size_t len = 0;
    int prev_word = 0;
    buf[0] = 0;
    SrcTok tok;
    /* every token starting before o2, the end of the last one */
    for (unsigned pos = o1; len < sizeof buf - 8 && src_next(t, n, &pos, &tok) && tok.off < o2;) {
        int word = tok.kind != TOK_PUNCT;
        if (prev_word && word && len < sizeof buf - 1)
            buf[len++] = ' ';
        size_t tl = tok.len;
        if (len + tl >= sizeof buf - 4)
            tl = sizeof buf - 4 - len;
        memcpy(buf + len, t + tok.off, tl);
        len += tl;
        buf[len] = 0;
        prev_word = word;
    }
    return arena_strdup(L->a, len ? buf : "?");
}
