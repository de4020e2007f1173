/* front_int.h - internals shared by the files of the front end (src/front).
 *
 * parse.c    FrontCtx, compiler arguments, parse rounds, diagnostics
 * includes.c missing headers found in the #include lines, before parsing
 * recover.c  stand-ins for missing headers, unknown types and identifiers,
 *            MSVC lvalue casts (what the next parse round gets)
 * lvcast.c   MSVC lvalue casts the text shows, blanked before the first round
 * decls.c    the top-level walk: definitions, role declarations, stores of
 *            function designators in initialisers, noreturn declarations
 * keys.c     type names and access-path keys (cfg.h), locations
 * lower_stmt.c / lower_expr.c   statements and expressions to blocks
 * kids.c     a cursor's children, enumerated once per function
 * init.c     initialiser lists: per-member assignments, function stores
 * graph.c    blocks under construction, and their final clean-up
 * cfg.c      printing and utilities of cfg.h (no libclang)
 * strmap.c   a small string -> int hash map
 *
 * Lowering recurses along the AST; front_parse runs on a thread with a large
 * stack (LOWER_STACK) so that code nested thousands of levels deep is safe.
 * Everything the Unit keeps is copied into its arena; libclang objects never
 * outlive the translation unit. */
#ifndef DRVCHECK_FRONT_INT_H
#define DRVCHECK_FRONT_INT_H

#include <clang-c/Index.h>

#include "drvcheck/cfg.h"
#include "drvcheck/front.h"
#include "drvcheck/utf16.h"

enum { LOWER_STACK = 512u << 20 };   /* bytes of stack for a parse+lower thread */

/* --- guard.c: a crash inside libclang while this thread parses FILE ends the
 * scan with an error naming it (exit 2), not a signal */
void guard_enter(const char *file);
void guard_leave(void);

/* --- strmap.c: string -> int, keys copied into the map's own storage */
typedef struct StrMap {
    char **keys;
    int *vals;
    int cap, n;
} StrMap;

int *strmap_get(StrMap *m, const char *key);          /* NULL when absent */
int *strmap_put(StrMap *m, const char *key, int val); /* insert or overwrite */
void strmap_free(StrMap *m);

/* --- graph.c: blocks under construction */
typedef struct BB {
    Block b;
    int capsteps;
    int closed;              /* terminator set */
} BB;

/* A jump target for break / continue, with the number of __finally scopes
 * open where it was set (a jump out of a scope runs its __finally body). */
typedef struct Jump {
    int brk, cont;           /* block ids, -1 when not a target */
    int nfins;
} Jump;

typedef struct Fin {
    CXCursor body;           /* the __finally block */
    CXFile file;             /* extent of the __try body, to tell whether a */
    unsigned beg, end;       /* goto's label lies inside it */
    int leave;               /* block __leave jumps to */
} Fin;

typedef struct CaseEnt {
    int block;
    int is_default;
    Expr *lo, *hi;           /* hi != NULL for GNU case ranges */
    Loc loc;
} CaseEnt;

typedef struct SwitchCtx {
    CaseEnt *cases;          /* malloc */
    int n, cap, next;
} SwitchCtx;

enum { TEXT_CACHE = 8 };     /* file buffers src_buffer keeps (srclex.c) */

typedef struct Lower {
    int expr_depth;          /* lower_expr's nesting (MAX_EXPR_DEPTH) */
    int too_deep_noted;      /* the unit's warning that an expression was cut there is out */
    CXTranslationUnit tu;
    Arena *a;
    Unit *u;
    CXFile main_file;
    const char *main_display;
    const char *model_dir;   /* absolute, or NULL */
    CXFile *fptrs;           /* file name cache for locations */
    const char **fnames;
    int nfnames, capfnames;
    StrMap noret;            /* function name -> 0/1 (cache) */
    CXFile text_file;        /* the file whose buffer text holds (cache) */
    struct TextBuf { CXFile file; const char *text; size_t size; } texts[TEXT_CACHE];
    const char *text;        /* clang's buffer of text_file: not ours */
    size_t text_size;
    int ginit_cap;           /* room in u->ginits (add_ginit doubles it) */
    int abnormal;            /* lowering a __finally copy: 1 for a way out by return, break,
                                continue or goto, 0 for the normal end and __leave, -1 none */
    CXPrintingPolicy pp;     /* lazily created */
    struct SpellCache *spell;  /* k_spelled_at's answers for macro locations */
    struct SpellCache *expand; /* k_expansion's answers for macro locations */
    struct NameCache *names;   /* k_decl_name's answers */
    StrMap indexed;          /* keys of arrays a function reads at a constant index (k_index),
                                or at a variable one in an array of at most 16 (lower_expr.c) */
    struct PendingTable *pend;   /* static const tables whose elements wait for one (decls.c) */
    int npend, cappend;

    /* per function */
    Func *fn;
    CXCursor fcur;
    BB *bbs;
    int nbbs, capbbs;
    int cur;                 /* open block, -1 when the point is unreachable */
    int ntemps;
    StrMap labels;           /* label name -> block id */
    Jump *jumps;
    int njumps, capjumps;
    Fin *fins;
    int nfins, capfins;
    int *handlers;           /* __except handler blocks, innermost last */
    int nhandlers, caphandlers;
    SwitchCtx **sws;
    int nsws, capsws;
    CXCursor *cs;            /* stack of children (kids()) */
    int ncs, capcs;
    struct KidCache *kids;   /* children already enumerated (kids.c) */
} Lower;

/* graph.c */
int g_new(Lower *L);
void g_emit(Lower *L, const Step *s);
void g_goto(Lower *L, int target, Loc loc);
void g_branch(Lower *L, Expr *cond, int t, int f, BranchKind k, Loc loc);
void g_return(Lower *L, Expr *val, Loc loc);
void g_noreturn(Lower *L, Loc loc);
void g_enter(Lower *L, int b);          /* fall into b (goto when open) */
void g_finish(Lower *L);                /* thread, prune, renumber, copy to fn */

/* srclex.c: tokens read from clang's buffer of a file */
typedef enum TokKind { TOK_PUNCT, TOK_WORD, TOK_NUMBER, TOK_LITERAL } TokKind;
typedef struct SrcTok {
    unsigned off, len;       /* in the file's buffer */
    TokKind kind;
} SrcTok;
const char *src_buffer(Lower *L, CXFile f, size_t *size);     /* clang's, cached; NULL if none */
int src_next(const char *t, size_t n, unsigned *pos, SrcTok *tok);  /* 0 at the end */
void src_copy(const char *t, const SrcTok *tok, char *buf, size_t size);
int src_token_before(Lower *L, CXFile f, unsigned off, char *buf, size_t size, unsigned *at);

/* keys.c */
Loc k_loc(Lower *L, CXSourceLocation sl);
Loc k_cursor_loc(Lower *L, CXCursor c);
Loc k_end_loc(Lower *L, CXCursor c);    /* the last character of c's extent */
int k_from_macro(Lower *L, CXCursor c);
int k_spelled_at(Lower *L, CXSourceLocation l, CXFile *f, unsigned *off);
/* clang_getExpansionLocation's file and offset, macro locations cached per unit. */
void k_expansion(Lower *L, CXSourceLocation l, CXFile *f, unsigned *off);
void k_spell_free(Lower *L);
/* Where the token at l is spelled, lexed (libclang 14's
 * clang_getSpellingLocation gives the expansion): k_spelled_at without the cache. */
int k_spell_lex(CXTranslationUnit tu, CXSourceLocation l, CXFile *f, unsigned *line,
                unsigned *off);
CXSourceLocation k_start(CXCursor c);                /* where c begins */
int k_is_macro_loc(CXSourceLocation l);
const char *k_str(Lower *L, CXString s);             /* copy and dispose */
const char *k_decl_name(Lower *L, CXCursor decl);    /* its spelling, cached per unit */
CXType k_desugar(CXType t);                          /* typedefs, elaboration */
int k_is_pointer(CXType t);
int k_unsigned_bits(CXType t);                      /* Expr.ubits */
const char *k_record_name(Lower *L, CXType t);       /* NULL if not a record */
const char *k_pointee_record(Lower *L, CXType t);    /* NULL if not a record pointer */
Expr *k_new(Lower *L, ExprKind k);
Expr *k_copy(Lower *L, const Expr *x);
Expr *k_int(Lower *L, long long v);
Expr *k_unknown(Lower *L, const char *text);
Expr *k_var_path(Lower *L, CXCursor decl, CXType t);
Expr *k_temp(Lower *L, CXType t);
Expr *k_member(Lower *L, Expr *base, int arrow, const char *rec, const char *field, CXType t);
Expr *k_deref(Lower *L, Expr *p, CXType ptrtype, CXType t);
/* base[idx]; exact: a constant index gets a key of its own (base[3]) */
Expr *k_index(Lower *L, Expr *base, Expr *idx, CXType basetype, CXType t, int exact);
Expr *k_binop(Lower *L, OpKind op, Expr *a, Expr *b);  /* folds constants */
Expr *k_unop(Lower *L, OpKind op, Expr *a);
int k_eval_int(CXCursor c, long long *out);          /* integer constant expression */
const char *k_extent_text(Lower *L, CXCursor c);     /* source tokens, for display */


/* kids.c */
int kids(Lower *L, CXCursor c);         /* push children on L->cs, return base */
void kids_reset(Lower *L);              /* a function's lowering starts */
void kids_free(Lower *L);

/* lower_expr.c (lower_init: init.c) */
Expr *name_constant(Lower *L, CXCursor c, Expr *r);    /* keep a constant's name */
CXCursor skip_wrappers(Lower *L, CXCursor c);   /* parens, casts, implicit */
typedef enum { OPK_NONE, OPK_ASSIGN, OPK_COMMA, OPK_BIN, OPK_INC, OPK_DEC,
               OPK_POSTINC, OPK_POSTDEC, OPK_ADDR, OPK_DEREF, OPK_PLUS,
               OPK_EXT } OpClass;
OpClass binop_kind(Lower *L, CXCursor c, OpKind *op);
OpClass unop_kind(Lower *L, CXCursor c, OpKind *op);
Expr *lower_expr(Lower *L, CXCursor c, int discard);
Expr *lower_call(Lower *L, CXCursor c, Expr *target, int discard);
void lower_assign_to(Lower *L, Expr *target, CXCursor value, Loc loc);
void lower_cond(Lower *L, CXCursor c, int t, int f, BranchKind k);
int has_call(CXCursor c);
int is_noreturn_decl(Lower *L, CXCursor fdecl);
/* decls.c: record where a global starts (Unit.ginits) */
void add_ginit(Lower *L, GlobalInit g);
/* fnstores_only: 0 assignments, 1 function stores only, 2 a const template's
 * constant fields (add_ginit) */
void lower_init(Lower *L, Expr *target, CXType t, CXCursor init, Loc loc,
                int fnstores_only);
/* a record from a brace list (declaration or compound literal): zeroed, then its members */
void lower_record_init(Lower *L, Expr *target, CXType t, CXCursor init, Loc loc);
void lower_fnstores(Lower *L, Expr *target, CXType t, CXCursor init, Loc loc); /* mode 1 */

/* lower_stmt.c */
void lower_stmt(Lower *L, CXCursor c);
void lower_function(Lower *L, CXCursor fdecl, Func *f);

/* decls.c */
void decls_walk(Lower *L);

/* recover.c */
typedef struct Recover Recover;
typedef struct IncCache IncCache;      /* includes.c, per file: folder listings, headers' #include lines */
Recover *rec_new(const char *main_abs, const char *standin_dir, const char **incdirs, int nincdirs,
                 IncCache *cache);
void rec_free(Recover *r);
/* Scan the diagnostics of tu; return the number of new things to assume. */
int rec_scan(Recover *r, CXTranslationUnit tu);
int rec_unsaved(Recover *r, struct CXUnsavedFile **out);  /* files for the next round */
const char *rec_prelude_path(Recover *r);
/* fill u->assumed (stand-ins made before parsing: only those tu included) */
void rec_report(Recover *r, Unit *u, CXTranslationUnit tu);
/* A stand-in for a header no folder holds, before parsing (recover.c);
 * returns the real path of a case-insensitive match it redirects to
 * (malloc), or NULL. */
char *rec_missing_header(Recover *r, const char *name, const char *includer);
/* The real path the stand-in for NAME redirects to (malloc), or NULL. */
char *rec_standin_target(Recover *r, const char *name);
/* Is the stand-in for NAME an empty one (it never changes: a later round
 * may only add WPP names to a WPP stand-in)? */
int rec_standin_empty(Recover *r, const char *name);
/* NAME, written in another case than the file real in folder dir, found
 * there before any later folder's file of the exact spelling, as Windows
 * would (includes.c try_project_dir). */
void rec_case_redirect(Recover *r, const char *dir, const char *name, const char *real);
void rec_wpp_text(Recover *r, const char *text);  /* WPP names a source text declares */
/* Every cast of the chain at off in path blanked (a cast the text shows
 * is assigned to); reported if the parse includes path.  1 if any was. */
int rec_cast_chain(Recover *r, const char *path, unsigned off);
/* clang reads path's text from here (a UTF-16 source converted) */
void rec_source_text(Recover *r, const char *path, const char *text);

/* lvcast.c: what one file's text shows of MSVC lvalue casts */
typedef struct LvText {
    unsigned *casts;         /* the first cast of each statement-level left side */
    int ncasts;
    char **macro;            /* function-like macros whose body is a cast expression */
    unsigned *body;          /* ... where the body's first cast is */
    int nmacros;
    char **uses;             /* names used as NAME(...) = / ++ / -- */
    int nuses;
    char **smacro;           /* function-like macros whose body assigns to a cast */
    unsigned *soff;          /* ... that cast */
    int nsmacros;
    StrMap calls;            /* every NAME( of the text */
} LvText;
void lv_read(LvText *lv, const char *text, size_t len, int whole);  /* whole: else #defines only */
void lv_free(LvText *lv);
/* The unit's files (paths as clang opens them, their LvText): their
 * statement casts, and the cast macros some file uses as a left side. */
void lv_apply(Recover *r, const char *const *paths, LvText *const *lvs, int n);

/* includes.c: before the first round, a stand-in for every header that the
 * #include lines of main_abs, its forced includes and its project headers
 * name and no folder of search holds. */
typedef struct IncSearch {
    const char *const *quote;   /* -iquote: for "x.h" only */
    int nquote;
    const char *const *dirs;    /* -I */
    int ndirs;
    const char *const *sys;     /* the model / WDK, -isystem, -idirafter: not read */
    int nsys;
    const char *const *forced;  /* -include, -imacros: read before the file */
    int nforced;
} IncSearch;
/* 1 when an #include (under any #if) names a device, pipe or socket: its
 * file:line and why, into err. */
int inc_prescan(Recover *r, IncCache *cache, const char *main_abs, const IncSearch *search,
                char *err, size_t errsize);
IncCache *inc_cache_new(void);
void inc_cache_free(IncCache *c);
/* dir/name resolved one component at a time ('\\' or '/' between them),
 * exactly or ignoring case, from the folder listings c holds; the path
 * into out.  1 when it names a regular file. */
int inc_lookup(IncCache *c, const char *dir, const char *name, int nocase, char *out, size_t size);
/* The prefix of a file (everything before its first system #include)
 * walked with the include path of search; the header's path into h.
 * 1 when one is found outside every #if; pf says what the prefix holds
 * (prefix.c) or, in pf->blocked, why it cannot move. */
typedef struct Prefix Prefix;
int inc_first_system(Recover *r, IncCache *cache, const char *main_abs, const IncSearch *search,
                     const char *const *args, int nargs, Prefix *pf, char *h, size_t hsize);

/* prefix.c: what a file does before its first system header (shared.c
 * parses that header once for many files) and whether the two commute. */
typedef struct PfxDef {      /* a macro the prefix #defines */
    char *sig;               /* its first definition's meaning (prefix.c macro_sig) */
    int at;                  /* its position (Prefix.seq) */
    int varies;              /* defined again otherwise */
    int undef;               /* #undef'd */
    int sure;                /* first defined under no #if that may be false */
} PfxDef;
struct Prefix {
    StrMap code;             /* names in code lines */
    StrMap firstuse;         /* name -> position of its first use (code or test) */
    StrMap defs;             /* macro -> index in def */
    PfxDef *def;
    int ndef, seq;
    StrMap bodyof;           /* macro -> its names in bodies */
    StrMap *bodies;          /* the names of each macro's bodies */
    int nbodies;
    StrMap macros;           /* names #defined or #undef'd */
    StrMap conds;            /* names #if / #ifdef / #elif test */
    StrMap guards;           /* include guards of the files walked */
    const char *blocked;     /* why it cannot move at all, or NULL */
};
enum { PFX_DEPTH = 64 };     /* #if's whose state is kept; deeper ones are unknown */
typedef struct PfxFile {
    const char *p;
    int depth;               /* open #if's */
    unsigned char st[PFX_DEPTH];   /* what each says of its lines (prefix.c) */
    int guard;               /* 0 undecided, 1 guard opened, 2 guarded, -1 none */
    char guard_name[256];
    const char *const *args; /* the file's arguments: the macros they define */
    int nargs;
    int chain;               /* every #include that led to this text is surely read */
} PfxFile;
typedef struct Closure {     /* the header and what it includes */
    StrMap ids;              /* every name in them */
    StrMap macros;           /* every name they #define or #undef */
    StrMap declared;         /* every name they declare at file scope (shared.c) */
    StrMap sigof;            /* macro -> index in sigs, -1 if defined otherwise or undone */
    char **sigs;
    int nsigs;
} Closure;
void pfx_begin(PfxFile *f, const char *text, const char *const *args, int nargs);
/* Reads up to the next #include, adding what it passes to pf: 1 with its
 * name, angled, and whether it is outside every #if but the guard
 * (uncond); 0 at the end of the text; -1 when pf->blocked. */
int pfx_next_include(PfxFile *f, Prefix *pf, char *name, size_t size, int *angled, int *uncond);
void pfx_free(Prefix *pf);
void pfx_closure_text(Closure *c, const char *text);
void pfx_closure_free(Closure *c);
/* NULL when the prefix and the closure commute, else why not (into why).
 * *carry: the prefix's #define lines the copy must be made with (its
 * macros the closure reads), malloc'd, or NULL. */
const char *pfx_conflict(const Prefix *pf, Closure *c, char **carry, char *why, size_t size);

/* shared.c: the precompiled copy of header h for a file whose arguments
 * that shape it are args (sys: its system folders), whose prefix is pf and
 * whose -I folders are dirs; NULL (why says why) when there is none yet or
 * the file cannot use it. */
/* parse.c: has tu a diagnostic of at least this severity? */
int tu_has_severity(CXTranslationUnit tu, enum CXDiagnosticSeverity at_least);
void shared_plan(SharedHeaders *sh, const char *h, const char *const *args, int nargs);
const char *shared_header(SharedHeaders *sh, const char *h, const char *const *args, int nargs,
                          const char *const *sys, int nsys, const Prefix *pf, IncCache *cache,
                          const char *const *dirs, int ndirs, char *why, size_t size);

/* clang_createIndex, one thread at a time (parse.c: LLVM's target
 * registration is not thread-safe) */
CXIndex front_index_new(int exclude_pch);
int front_rounds(const FrontCtx *fc);   /* parse rounds of the last front_parse (tests) */
void rec_dump(Recover *r, FILE *f);     /* assumptions new since the last call */

/* The whole file as a NUL-terminated string (malloc'ed; NULL if unreadable or over 64 MiB). */
char *front_slurp(const char *path);
/* A source's text (64 MiB at most), UTF-8: one saved as UTF-16 is
 * converted (utf16.c), and *utf16 says so; NULL if unreadable. */
char *front_read_source(const char *path, int *utf16);

#endif
