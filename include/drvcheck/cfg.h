/* cfg.h - the control-flow graph: what the front end produces and the
 * engine consumes.  No libclang type appears here.
 *
 * A Unit is one lowered translation unit; it owns an Arena holding every
 * Func, Block, Step, Expr and string below it.  A Func is a graph of Blocks;
 * a Block is a straight list of Steps ended by one terminator.  Nested calls
 * are lowered into their own CALL steps whose results land in temporaries
 * named "$t<N>", so expressions inside steps and conditions never call.
 *
 * Access paths (EX_PATH) carry two keys:
 *  - key:  where the value lives for value tracking.  A local or parameter
 *          "x" is "x"; a global "g" is "g" (a static global "g@file.c");
 *          a member reached through a pointer, E->f or (*E).f, is named by
 *          the pointee's record type: "ADAPTER.f" (then ".g" for E->f.g), so
 *          facts about the adapter context flow between functions and
 *          callbacks without alias analysis; v.f of a variable is key(v)+".f";
 *          *p of a non-record pointer is "*" key(p); a[i] is key(a) "[]".
 *  - tkey: for member paths, the record type of the last member access and
 *          the member: "_NDIS_MINIPORT_DRIVER_CHARACTERISTICS.HaltHandlerEx";
 *          NULL otherwise.  Used to resolve function pointers and entry
 *          points whatever variable holds the structure.
 * Record types are named by their tag ("_ADAPTER"), else their typedef.
 */
#ifndef DRVCHECK_CFG_H
#define DRVCHECK_CFG_H

#include <stdio.h>
#include "arena.h"
#include "diag.h"
#include "ops.h"

typedef struct Loc {
    const char *file;    /* expansion location: the line the user wrote */
    int line, col;
} Loc;

typedef enum {
    EX_INT,      /* integer constant (literals, enum constants, sizeof, folded macros) */
    EX_STR,      /* string literal: text */
    EX_PATH,     /* access path (lvalue): text, key, tkey, scope */
    EX_ADDR,     /* &a (a is an EX_PATH, or anything) */
    EX_FUNC,     /* function designator Func or &Func: text = name */
    EX_UNOP,     /* op a */
    EX_BINOP,    /* a op b (no && || here when they were lowered to edges) */
    EX_COND,     /* a ? b : c (only where it had no call to lower) */
    EX_UNKNOWN   /* anything else; text = source spelling for display */
} ExprKind;

typedef enum { SCOPE_LOCAL, SCOPE_PARAM, SCOPE_GLOBAL, SCOPE_HEAP } PathScope;

typedef struct Expr Expr;
struct Expr {
    ExprKind kind;
    OpKind op;               /* EX_UNOP, EX_BINOP */
    long long ival;          /* EX_INT */
    const char *text;        /* display form, e.g. "Adapter->InterruptHandle" */
    const char *key;         /* EX_PATH: value-tracking key (see above) */
    const char *tkey;        /* EX_PATH: type-based member key or NULL */
    PathScope scope;         /* EX_PATH */
    int param_index;         /* EX_PATH with SCOPE_PARAM: 0-based; else -1 */
    int is_pointer;          /* EX_PATH: the value is a pointer (NULL tests) */
    int is_record;           /* EX_PATH: the value is a struct or union (copied field by field) */
    int self_link;           /* EX_PATH p->Next of a record whose Next points to its own kind
                                (NET_BUFFER_LIST, NET_BUFFER, MDL, LIST_ENTRY, a driver's list
                                node): its key (REC.Next) names the link of every element */
    int is_array;            /* EX_PATH: an array (its value, where used, is the address of its
                                first element: NdisMoveMemory(Hw->Mac, ...) writes Hw->Mac) */
    const char *base_key;    /* EX_PATH E->f, E->f.g or *E with E a path: E's key (where E points matters) */
    const char *heap_key;    /* EX_PATH G.f, G.f.g of a global struct G: the key a pointer to G reaches
                                it by (REC.f, REC.f.g), or NULL */
    const char *global_rec;  /* EX_PATH of a whole global struct G whose fields have a heap_key:
                                the record they start with (REC of REC.f); NULL otherwise */
    const char *pointee_rec; /* memset destination (EX_PATH, EX_ADDR): the record it points to, or NULL */
    int const_table;         /* EX_PATH of a const global (an operations table): its fields are its
                                own, no heap_key (two tables of one type differ) */
    Expr *index;             /* EX_PATH whose key has one "some element" a[] (a[i], a[i].f) of an
                                array (not a pointer): the index expression i, which the engine
                                reads where the path is used; NULL otherwise */
    int index_bound;         /* with index: the array's length (a[4]: 4), at most 16 */
    int ubits;               /* EX_PATH of an unsigned integer type of 32 or 64 bits (ULONG,
                                ULONG64): its width; what is known of its value is at least 0
                                (eval.c unsigned_clamp); 0 otherwise */
    int sbits;               /* EX_PATH of an unsigned type read through a conversion to a
                                signed one no wider ((LONG)Count < 0): that type's width; the
                                value is seen as that type sees it (wrapped: 0xFFFFFFFF is -1) */
    int uwidth;              /* a call argument bound to an unsigned parameter of this many bits
                                (ULONG: 32): the callee sees the value modulo 2^uwidth; else 0 */
    Expr *a, *b, *c;         /* operands */
};

typedef enum {
    ST_CALL,     /* result = callee(args...) */
    ST_ASSIGN    /* lhs = rhs; rhs NULL means "unknown value" (uninitialised decl) */
} StepKind;

typedef struct Step {
    StepKind kind;
    Loc loc;
    Expr *lhs;               /* ASSIGN target; CALL result target or NULL */
    Expr *rhs;               /* ASSIGN value */
    const char *callee;      /* CALL: name of a directly called function, else NULL */
    Expr *callee_expr;       /* CALL through a pointer: the pointer expression */
    Expr **args;
    int nargs;
    int noreturn;            /* CALL: the callee never returns */
    int from_macro;          /* the step comes from a macro expansion */
} Step;

typedef enum {
    T_GOTO,      /* succ[0] */
    T_BRANCH,    /* cond true -> succ[0], false -> succ[1]; cond NULL: either */
    T_RETURN,    /* retval may be NULL */
    T_NORETURN   /* the path ends here (noreturn call, unreachable end) */
} TermKind;

typedef enum {           /* why a branch exists, for traces */
    BR_IF, BR_LOOP, BR_SWITCH, BR_LOGIC, BR_COND_EXPR, BR_SEH
} BranchKind;

typedef struct Block {
    int id;
    Step *steps;
    int nsteps;
    TermKind term;
    BranchKind branch_kind;
    Expr *cond;              /* T_BRANCH */
    Expr *retval;            /* T_RETURN */
    int succ[2];             /* block ids; -1 when absent */
    Loc term_loc;            /* location of the condition / return / goto */
    const char *label;       /* user label heading this block, for display */
} Block;

typedef struct Param {
    const char *name;        /* may be "" for unnamed parameters */
    const char *type;        /* type spelling */
    const char *record;      /* pointee/record type name when a struct pointer, else NULL */
} Param;

typedef struct Func {
    const char *name;
    const char *file;        /* file holding the definition */
    Loc loc;                 /* location of the name in the definition */
    int is_static;
    int is_noreturn;
    Param *params;
    int nparams;
    Block *blocks;           /* blocks[0] is the entry */
    int nblocks;
    const char *role;        /* role typedef it was declared with ("MINIPORT_HALT") or NULL */
    Loc role_loc;            /* where that role declaration is */
} Func;

/* A function designator stored somewhere outside a function body (global
 * and static initialisers); stores inside bodies are ASSIGN steps. */
typedef struct FnStore {
    const char *key;         /* e.g. "MiniportOps.Send" or "g_Ops[]" */
    const char *tkey;        /* e.g. "_OPS_TABLE.Send", or NULL */
    const char *func;        /* function name */
    Loc loc;
    int konst;               /* in a const global's initialiser: the only value key ever holds */
} FnStore;

/* The value a global variable defined in this unit starts with: all zero
 * (no initialiser: C zeroes it; its fields and elements too), or one
 * integer constant.  Globals with other initialisers are not listed. */
typedef struct GlobalInit {
    const char *key;         /* the variable's key; for a struct, its record ("_NIC_DEVICE") */
    int zero;                /* everything at or below key is 0 */
    long long value;         /* else key starts as this */
} GlobalInit;

/* A role type declaration seen for a function (MINIPORT_HALT MPHalt;). */
typedef struct RoleDecl {
    const char *func;
    const char *role;
    Loc loc;
} RoleDecl;

typedef struct Unit {
    const char *path;        /* the source file as named on the command line */
    Func *funcs;             /* definitions in this unit, in source order */
    int nfuncs;
    FnStore *fnstores;
    int nfnstores;
    GlobalInit *ginits;
    int nginits;
    RoleDecl *roles;
    int nroles;
    const char **noreturn_fns; /* functions declared noreturn (for other units' calls) */
    int nnoreturn;
    const char **assumed;    /* names we invented to recover: "type FOO", "header x.tmh" */
    int nassumed;
    int nerrors;             /* clang errors left after recovery (0 = complete) */
    int parsed;              /* 0: no translation unit at all */
    DiagList diags;          /* the unit's diagnostics (malloc-owned) */
    Arena *arena;            /* owns everything above except diags */
} Unit;

/* cfg.c */
const char *cfg_expr_string(Arena *a, const Expr *e);   /* C-like rendering */
void cfg_print_text(const Func *f, FILE *out);          /* stable golden form */
void cfg_print_dot(const Func *f, FILE *out);
const Func *cfg_find_func(const Unit *u, const char *name);
void cfg_free_unit(Unit *u);

#endif
