/* slic.h - internals of the rule language shared by lex.c, pp.c, parse.c,
 * check.c, load.c and dump.c.  Not part of the rule.h contract.
 *
 * Flow: load.c reads a file -> pp.c (which calls lex.c) turns it into one
 * token array with #include and macros resolved -> parse.c builds the Rule,
 * resolving names through check.c -> check.c validates the finished rule
 * ($return placement, $N arity against the WDK model prototypes).
 * Every object lives in the RuleSet's arena. */
#ifndef DRVCHECK_SLIC_H
#define DRVCHECK_SLIC_H

#include "drvcheck/rule.h"

/* Limits that keep hostile input from exhausting the stack or memory. */
enum {
    SLIC_MAX_INCLUDE_DEPTH = 32,
    SLIC_MAX_EXPR_DEPTH = 200,
    SLIC_MAX_STMT_DEPTH = 100,
    SLIC_MAX_MACRO_DEPTH = 64,       /* nested argument pre-expansion */
    SLIC_MAX_TOKENS = 200000,        /* tokens after preprocessing, per file */
    SLIC_MAX_EXPANSIONS = 100000,    /* macro expansions, per file */
    SLIC_MAX_COND_DEPTH = 64,        /* nested #if/#ifdef */
    SLIC_MAX_FILE_SIZE = 16 << 20    /* bytes of one rule or header file */
};

typedef enum { TK_EOF, TK_IDENT, TK_NUM, TK_STR, TK_DOLLAR, TK_PUNCT } TokKind;

typedef struct Hide Hide;            /* macro names a token may not expand again */
struct Hide {
    const char *name;
    Hide *next;
};

typedef struct Token Token;
struct Token {
    TokKind kind;
    const char *text;    /* identifier / punctuator spelling; string contents
                            (escapes resolved); $-name without the '$' */
    long long num;       /* TK_NUM */
    RLoc loc;            /* where the user wrote it (macro use site) */
    const char *line;    /* start of that source line, for diagnostics */
    int bol;             /* first token on its line */
    int space;           /* whitespace before it */
    int from_macro;      /* produced by a macro expansion */
    Hide *hide;
    Token *next;
};

/* lex.c: tokenize a whole file; `lead` receives the leading comment block
 * (NULL if the file does not start with one).  Returns a list ending with
 * TK_EOF, or NULL after reporting an error to d. */
Token *slic_lex(Arena *a, const char *file, const char *text, const char **lead, DiagList *d);
void slic_error(DiagList *d, const Token *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void slic_error_at(DiagList *d, RLoc loc, const char *line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int slic_is(const Token *t, const char *punct_or_ident);
const char *slic_tok_str(Arena *a, const Token *t);   /* for messages: "'x'", "end of file" */

/* pp.c: preprocess `file` (already read into text).  dirs: where #include
 * looks after the including file's directory.  Returns 0 and a token array
 * ending with TK_EOF, or the number of errors. */
typedef struct PpResult {
    Token *toks;
    int n;
    const char *lead;    /* leading comment of the top file */
} PpResult;
int slic_pp(Arena *a, const char *file, const char *text, const char *const *dirs, int ndirs,
            PpResult *out, DiagList *d);
char *slic_read_file(Arena *a, const char *path);   /* NULL if unreadable */

/* check.c: prototypes of the WDK model (rules/wdk/ *.h), name resolution
 * and the checks run on a finished rule. */
typedef struct Proto {
    const char *name;
    int nparams;         /* -1: variadic, unknown */
} Proto;
typedef struct ProtoTable {
    Proto *v;
    int n, cap;
    int *slots;              /* hash of names: index + 1, 0 free (nslots a power of 2) */
    int nslots;
} ProtoTable;
void slic_protos_scan_text(Arena *a, ProtoTable *pt, const char *text);
void slic_protos_scan_dir(Arena *a, ProtoTable *pt, const char *dir);
int slic_proto_params(const ProtoTable *pt, const char *name);   /* -2 if unknown */

typedef struct Parser Parser;
/* Resolve identifier `t` used in an expression; ctx_var is the state
 * variable it is compared with or assigned to (-1 if none). */
RExpr *slic_resolve_ident(Parser *p, const Token *t, int ctx_var);
void slic_unsupported(Parser *p, RLoc loc, const char *what);
/* sdv..., SDV..., g_...: names of SDV's OS model and harness. */
int slic_is_os_model_name(const char *s);
void slic_check_rule(Parser *p);

/* parse.c */
struct Parser {
    Arena *a;
    DiagList *d;
    Token *toks;
    int pos;
    Rule *rule;
    int vcap, ecap;
    int depth;
    const ProtoTable *protos;
    EvWhen cur_when;
    int in_event;
    int failed;          /* a syntax error: stop parsing this file */
    const Token *watch_tok;
};
/* Parse the whole token array into p->rule; returns the number of errors. */
int slic_parse(Parser *p);
RExpr *slic_new_expr(Parser *p, RExprKind k, RLoc loc);

/* load.c */
void slic_comment_summary(Arena *a, const char *comment, const char **summary,
                          const char **description);

#endif
