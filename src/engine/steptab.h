/* steptab.h - what the slice (slice.c) reads of every step, worked out
 * once per driver from the base run (steptab.c). */
#ifndef DRVCHECK_ENGINE_STEPTAB_H
#define DRVCHECK_ENGINE_STEPTAB_H

#include "engine/internal.h"

enum {
    SP_PATH = 1,         /* an EX_PATH with a key (what slice.c sl_has_path tests) */
    SP_LOCAL = 2,        /* ... a local or parameter */
    SP_POINTER = 4,      /* ... whose value is a pointer */
    SP_ARG_PTR = 8,      /* a call argument that is such a pointer path */
    SP_ARG_ADDR = 16,    /* a call argument &E: the SlPath is E's */
};

/* An operand as the slice sees it.  A key id here is the base run's, the
 * same in every run (harness.c keys_copy), and only where the run would
 * find that key without interning a new one; -1 leaves it to the run, in
 * the order it always asked, so that the keys a run interns get the same
 * ids as before. */
typedef struct SlPath {
    int32_t id;          /* ev_path_key's answer where the run finds it unchanged (steptab.c
                            base_path_key), else -1 */
    int32_t tkey;        /* the tkey when it differs from the key: its id when the base
                            interned it persistent (key_intern_at(tkey, 1) then changes
                            nothing), else -1 - its text's class (StepTab.ntkeys); 0 none */
    int32_t bkey;        /* EX_PATH with base_key: that key's id when the base has it, else
                            -1; 0 no base_key (or an empty one: key id 0) */
    unsigned flags;      /* SP_ */
} SlPath;

enum {
    SS_DEVICE = 1,       /* an assignment that stores into device memory (slice.c device_write) */
    SS_DEVICE_ASK = 2,   /* ... may: its key id is the run's to find */
    SS_DEREF_COPY = 4,   /* an assignment from *E, E a path (slice.c sl_has_below asked) */
    SS_COPY = 8,         /* copy_decisive's tests of the expressions alone pass */
    SS_ADDR_RHS = 16,    /* an assignment of path = &E: rhs_a is E's */
};

typedef struct SlStep {
    const Step *st;
    SlPath lhs;
    SlPath rhs_a;        /* SS_ADDR_RHS */
    unsigned flags;      /* SS_ */
    const CallRes *cr;   /* a call's: prog_call */
    int args;            /* a call's: its arguments' SlPaths from StepTab.args[args] */
    int callee;          /* a call's: its callee's name by class (StepTab.ncallees), or -1 */
} SlStep;

struct StepTab {
    int *start;          /* per function: the index of its first step (in block order) */
    SlStep *steps;
    SlPath *args;
    int *pstart;         /* per function: the index of its first parameter in pids */
    int32_t *pids;       /* parameter names' key ids when the base has them, else -1 */
    unsigned char *pknown;  /* per function: every one of its pids known */
    int ntkeys;          /* the tkey texts a run interns (or makes persistent) itself */
    int ncallees;        /* the names called */
    int *rstart;         /* per function: its returned values from rets[rstart[fi]] */
    const Expr **rets;   /* ... of its return blocks with one, in block order */
};

#endif
