/* rule.h - the checked model of a SLIC rule: what the rule parser produces
 * and the engine consumes.  No part of drvcheck switches on a rule's name.
 *
 * A Rule is a set of state variables (each an enum or an int with an initial
 * value), an optional watch clause (one state machine per value of an
 * argument), and event blocks (statements run at a function's entry or exit).
 * Enumerators are folded to their index at parse time; the names stay in
 * StateVar for display ("registered -> deregistered").  Everything lives in
 * the RuleSet's arena. */
#ifndef DRVCHECK_RULE_H
#define DRVCHECK_RULE_H

#include <stdio.h>
#include "arena.h"
#include "diag.h"
#include "ops.h"

typedef struct RLoc {
    const char *file;
    int line, col;
} RLoc;

typedef enum {
    RX_INT,      /* ival */
    RX_VAR,      /* state variable: index into Rule.vars */
    RX_RETURN,   /* $return */
    RX_ARG,      /* $N: index = N (1-based) */
    RX_UNOP,     /* op a */
    RX_BINOP,    /* a op b */
    RX_COND,     /* a ? b : c */
    RX_EXTERN    /* a construct the engine does not model (SDV OS-model
                    variables such as sdv_irql_current, $1->Field, calls):
                    name holds its text; a rule using one is not runnable */
} RExprKind;

typedef struct RExpr RExpr;
struct RExpr {
    RExprKind kind;
    OpKind op;
    long long ival;
    int index;
    const char *name;
    RExpr *a, *b, *c;
    RLoc loc;
};

typedef enum {
    RS_BLOCK,    /* { stmts } */
    RS_IF,       /* if (cond) then_s [else else_s] */
    RS_ASSIGN,   /* vars[var] = value */
    RS_ABORT,    /* abort "message";  ($fname replaced when reported) */
    RS_HALT      /* halt;  the path cannot happen */
} RStmtKind;

typedef struct RStmt RStmt;
struct RStmt {
    RStmtKind kind;
    RLoc loc;
    RExpr *cond;             /* RS_IF */
    RStmt *then_s, *else_s;  /* RS_IF; else_s may be NULL */
    int var;                 /* RS_ASSIGN */
    RExpr *value;            /* RS_ASSIGN */
    const char *message;     /* RS_ABORT */
    RStmt **stmts;           /* RS_BLOCK */
    int nstmts;
};

typedef enum { EV_ENTRY, EV_EXIT } EvWhen;
typedef enum { TGT_API, TGT_ROLE } TargetKind;

typedef struct RuleTarget {
    TargetKind kind;
    const char *name;        /* API name without sdv_, or role typedef ("MINIPORT_HALT") */
    int role;                /* RoleKind for TGT_ROLE, else -1 */
} RuleTarget;

typedef struct RuleEvent {
    RuleTarget *targets;
    int ntargets;
    EvWhen when;
    int guard_arg;           /* [guard $N]: N, or 0 when the block is not guarded */
    RStmt *body;
    RLoc loc;
} RuleEvent;

typedef struct StateVar {
    const char *name;
    int is_enum;
    const char **enumerators;    /* is_enum: names by value */
    int nenum;
    long long init;
    RLoc loc;
} StateVar;

typedef struct Rule {
    const char *name;            /* from the file name: "NdisMDeregisterInterruptEx" */
    const char *file;
    const char *summary;         /* first sentence of the header comment */
    const char *description;     /* the whole header comment, trimmed */
    StateVar *vars;
    int nvars;
    RuleEvent *events;
    int nevents;
    int has_watch;               /* watch Target.when.$N; */
    RuleTarget watch_target;
    EvWhen watch_when;
    int watch_arg;
    const char *guard_text;      /* "with guard (...)" as written, or NULL */
    int runnable;                /* 0: parsed, but uses constructs the engine lacks */
    const char *unsupported;     /* why not runnable: "sdv_irql_current at file:line" */
} Rule;

typedef struct RuleSet {
    Rule **rules;
    int n;
    Arena *arena;
} RuleSet;

/* Load a rule file, or every *.slic file under a directory (sorted by name).
 * Errors go to d with file:line:col and the offending line; returns the
 * number of errors (0 on success). */
int rule_load(const char *path, RuleSet *set, DiagList *d);
/* Parse rule text as if read from `file` (used by tests and the fuzzer). */
int rule_load_text(const char *file, const char *text, RuleSet *set, DiagList *d);
void rule_set_init(RuleSet *set);
void rule_set_free(RuleSet *set);
const Rule *rule_find(const RuleSet *set, const char *name);
/* Render a state variable's value ("registered" for enums, the number else). */
const char *rule_value_name(const Rule *r, int var, long long v, char *buf, int bufsz);
/* Print a rule's model back as SLIC (for `drvcheck rules --dump`, tests). */
void rule_dump(const Rule *r, FILE *out);

#endif
