/* internal.h - the engine's own types, shared by the files of src/engine only.
 *
 * Abstract interpretation in the style of ESP's property simulation: an
 * abstract State is the rule's state (one instance per watched object), a
 * set of value facts on access-path keys (intervals, known bits, excluded
 * constant, pointee), the frame's return slot, and a trace.  States are
 * immutable once published: a change makes a copy.  Everything lives in
 * the run's arena (one per driver and rule), dropped when the run ends. */
#ifndef DRVCHECK_ENGINE_INTERNAL_H
#define DRVCHECK_ENGINE_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "drvcheck/engine.h"
#include "drvcheck/roles.h"

/* ---- abstract values (absval.c) ---- */
typedef struct AbsVal {
    int64_t lo, hi;      /* interval */
    int64_t excl;        /* a value known not to be taken (has_excl) */
    uint64_t kmask;      /* bits whose value is known */
    uint64_t kbits;      /* their values */
    uint64_t vset;       /* nonzero: the values are exactly lo + i for each bit i set (hi - lo <
                            64; norm keeps lo and hi bits set), the join of a few constants (an
                            adapter state, a flags word); 0: every value of [lo, hi] */
    int32_t pointee;     /* key id of the object this pointer points to, 0 if unknown, -1 one of
                            several (a join of two targets) */
    int32_t origin;      /* a pointer with no known target (pointee 0) loaded from the field
                            whose key id this is, where that field's record has many instances
                            (eval.c): a rule names the object it points to by it (ruleexec.c);
                            0 none, or joined from several; ORIGIN_CONFIG: an integer that may
                            come from the driver's configuration (eval.c) */
    uint8_t has_excl;
} AbsVal;

/* AbsVal.origin of a value read from the registry (an NDIS_CONFIGURATION_PARAMETER's
 * IntegerData), or computed from one, on some path: what an administrator sets there,
 * as far as the driver's own tests and clamps leave it (ruleexec.c reports a rule
 * condition such a value can break, as a possible defect). */
enum { ORIGIN_CONFIG = -2 };

AbsVal av_top(void);
AbsVal av_const(int64_t c);
AbsVal av_range(int64_t lo, int64_t hi);
AbsVal av_nonzero(void);
int av_is_top(const AbsVal *v);
int av_is_const(const AbsVal *v, int64_t *c);
int av_equal(const AbsVal *a, const AbsVal *b);
AbsVal av_join(const AbsVal *a, const AbsVal *b);
AbsVal av_widen(const AbsVal *old, const AbsVal *new_);
/* av_widen, a bound stopping also at the values th (sorted, nth of them):
 * the constants the driver assigns to the key (thresholds.c). */
AbsVal av_widen_at(const AbsVal *old, const AbsVal *new_, const int64_t *th, int nth);
/* Truth of a value used as a condition: 1 true, 0 false, -1 unknown. */
int av_truth(const AbsVal *v);
AbsVal av_unop(OpKind op, const AbsVal *a);
AbsVal av_binop(OpKind op, const AbsVal *a, const AbsVal *b);
/* av_binop for a count the driver steps with an interlocked call: an
 * open bound stays open ([1, +inf) + 1 is [2, +inf), not unknown). */
AbsVal av_count(OpKind op, const AbsVal *a, const AbsVal *b);
/* Refine v by assuming `v op c` holds for every c in `rhs`; returns 0 when
 * that is impossible (the path is infeasible). */
int av_assume(AbsVal *v, OpKind op, const AbsVal *rhs);
/* Assume (v & mask) != 0 (truth 1) or == 0 (truth 0). */
int av_assume_bits(AbsVal *v, uint64_t mask, int truth);
/* Only the bits of v in keep (what reads of a flags word bit by bit can
 * tell apart); keep ~0 is v itself. */
AbsVal av_keep_bits(const AbsVal *v, uint64_t keep);
void av_format(const AbsVal *v, char *buf, int n);
OpKind op_negate(OpKind op);
OpKind op_swap(OpKind op);

/* ---- key interning (state.c) ---- */
uint64_t eng_hash_str(const char *s);     /* FNV-1a 64 */
/* A local variable's name: short, so its length and three of its characters
 * spread it well enough for a function's table of locals (device.c,
 * liveness.c), at a fraction of eng_hash_str's byte loop. */
static inline uint64_t eng_hash_local(const char *name)
{
    size_t n = strlen(name);
    if (!n)
        return 0;
    return (uint64_t)n * 0x9e3779b97f4a7c15ULL ^
           ((uint64_t)(unsigned char)name[0] << 16 | (uint64_t)(unsigned char)name[n / 2] << 8 |
            (unsigned char)name[n - 1]) * 0xff51afd7ed558ccdULL;
}
double eng_now(void);                     /* monotonic seconds (interp.c) */
/* The key table (state.c); its entries are read inline (key_*). */
typedef struct KeyEnt {
    const char *name;
    int32_t parent;        /* "k" for "k.f" and "k[]", else 0 */
    int32_t array_of;      /* "a" for "a[]" and "a[].f" (key_array_of), else 0 */
    uint8_t persistent;
    uint8_t relevant;      /* facts about it are kept (prog_key_relevant) */
    uint8_t decisive;      /* it decides whether a call that fires a rule event runs */
    uint8_t has_below;     /* some interned key has this one as an ancestor */
    uint8_t elem;          /* names some element of an array ("[]"): no fact is read */
    uint8_t lent;          /* "^name": a caller's local lent down the calls (ev_lent_key) */
    uint8_t rel_below;     /* it or some key below it is relevant (key_rel_below) */
    uint8_t polled;        /* a polling loop waits for another thread to change it (polls.c) */
    uint8_t zeroed;        /* a field of a block lent to a pointer that tests it (lentblocks.c):
                              a zeroing of the block sets it, as it does a decisive key */
    uint64_t keep;         /* the bits of its value the rule can read (a flags word only ever
                              tested bit by bit: prog_slice); facts keep those; ~0 all */
} KeyEnt;

typedef struct PtrSlot {
    const char *p;         /* a key string as the CFG holds it */
    int32_t id;
} PtrSlot;

/* One byte per key id, for an answer worked out once per key and run
 * (0: not yet; the asker's own codes else): key_memo. */
typedef struct KeyMemo {
    unsigned char *v;
    int32_t n;
} KeyMemo;

typedef struct KeyTab {
    Arena *a;
    KeyEnt *ents;          /* by id */
    int n, cap;
    int32_t *slots;        /* open addressing over ids */
    int nslots;
    PtrSlot *ptrs;         /* the same strings by address: no hashing of text */
    int nptrs, nptr_slots;
    unsigned gen;          /* counts keys made decisive or relevant after they were interned */
} KeyTab;

/* ---- traces (trace.c) ---- */
typedef struct Trace Trace;
struct Trace {
    TraceKind kind;
    Loc loc;
    const char *func;
    const char *msg;         /* NULL: built when reported, from the fields below */
    const Expr *cond;        /* TS_BRANCH: the condition; taken = its outcome */
    const char *callee;      /* TS_CALL / TS_RETURN / TS_ENTRY: the driver function; TS_STATE:
                                the function or API whose event changed the state */
    const char *aux;         /* TS_ENTRY: the role typedef; TS_CALL: the API that runs it;
                                TS_STATE: the rule's state before (state: after) */
    int taken;               /* TS_STATE: at its entry (else its return) */
    const char *state;   /* rule state after the step, or NULL */
    Trace *parent;
    int depth;
};

/* A reported defect site: where, which Defect of the report, and whether
 * its trace is still approximate (came through a join). */
typedef struct Site {
    char *where;
    int defect;
    int approx;
} Site;

/* ---- interned values (valtab.c) ---- */
enum { VT_SHIFT = 10, VT_BLOCK = 1 << VT_SHIFT };
enum { VT_TOP = 1 };     /* the id of av_top(), interned first */
typedef struct ValTab {
    AbsVal **blk;        /* values by id, VT_BLOCK per block (they never move) */
    int nblk;
    int32_t *canon;      /* by id: the id of its canonical form (vt_same) */
    uint64_t *hash;      /* by id: the hash states mix in for it */
    int n, cap;
    int32_t *slots;      /* open addressing over ids */
    int nslots;
} ValTab;

ValTab *vt_new(void);
void vt_free(ValTab *t);
/* The id of a value equal to v in every field (interned on first sight). */
int32_t vt_intern(ValTab *t, const AbsVal *v);
static inline const AbsVal *vt_val(const ValTab *t, int32_t id)
{
    return &t->blk[id >> VT_SHIFT][id & (VT_BLOCK - 1)];
}
/* av_equal of two interned values. */
static inline int vt_same(const ValTab *t, int32_t a, int32_t b)
{
    return a == b || t->canon[a] == t->canon[b];
}

/* ---- states (state.c) ---- */
/* ev_path_key's cache: an expression's key id, by the expression's
 * address, for the run numbered `run` (a table serves a thread's runs in
 * turn: eval.c ev_pathkey_table). */
struct PathKey {
    const Expr *x;
    int32_t id;
    uint32_t run;
};
enum { PATHKEY_BITS = 16, PATHKEY_SLOTS = 1 << PATHKEY_BITS };
/* This thread's table and a fresh run number for it. */
struct PathKey *ev_pathkey_table(uint32_t *run);

typedef struct Fact {
    int32_t key;         /* interned key id */
    int32_t val;         /* interned value id (Engine.vals), never top */
} Fact;

enum { INST_WEAK = 1, INST_SPREAD = 2, INST_BLUR = 4 };  /* INST_BLUR: an array element an
                                                            event at an unknown index may have
                                                            acted on (ruleexec.c) */
typedef struct Inst {    /* one instance of the rule's state machine */
    int32_t obj;         /* key id of the watched object, 0 for an unwatched rule */
    uint8_t weak;        /* INST_WEAK: a cursor moved since its state was set, the next
                            guarded event on obj may act on another element; INST_SPREAD: a
                            cursor moved while it was not in its initial state, so elements
                            may be in different states (cursors.c) */
    AbsVal *vars;        /* nvars values */
} Inst;

/* State.approx: why its trace may not show a real path */
enum { APPROX_MERGED = 1,    /* a decision read a value a join weakened */
       APPROX_RANGE = 2,     /* a rule condition on an argument known only as a range */
       APPROX_CONFIG = 4 };  /* ... on an argument the registry sets (ORIGIN_CONFIG) */

/* A join at a block of function fi (call depth depth): the held state and
 * the newcomer, whose own facts a later decision on a weakened key can
 * consult to pick the path the trace shows (interp.c).  Never written. */
typedef struct JoinFrom {
    const struct State *from[2];   /* from[1] may be NULL */
    int fi, depth;
} JoinFrom;

/* Field order packs a State into 96 bytes: a big driver makes hundreds of
 * thousands of them. */
typedef struct State {
    Fact *facts;         /* sorted by key, no top values; shared between copies */
    Inst *inst;          /* sorted by obj; shared between copies (st_own_inst before writing) */
    Trace *trace;        /* not part of equality */
    const int32_t *lost; /* keys whose facts a join weakened, sorted; shared, never written */
    const Fact *hashed;  /* the facts array fhash was computed for (in-place writes reset it) */
    uint64_t hash;       /* of everything but the trace */
    uint64_t fhash;
    const JoinFrom *join;  /* the join it comes from (st_set_join), or NULL */
    const Loc *at;       /* exit states: the return it left by, or NULL (not part of equality) */
    int nfacts;
    int32_t ret;         /* return slot: value of the last returned call / return (an
                            interned value id: st_ret, st_set_ret) */
    int nlost;
    int ninst;
    uint8_t facts_shared;  /* facts may be another state's too: copy before writing */
    uint8_t inst_shared;
    uint8_t approx;      /* a decision on its path read a value a join had weakened: its
                            trace may not be one real path (APPROX_*; not part of equality) */
} State;

enum { SV_POOL = 64, RS_OID_KEYS = 6 };
typedef struct StateVec {
    State **v;
    int n, cap;
} StateVec;

typedef struct Engine Engine;
/* Calls nested deeper than this are taken as an API's (interp.c), and the
 * verdict says so (Engine.cut). */
enum { ENG_MAX_DEPTH = 48 };
typedef struct Frames Frames;

/* ---- a driver's program view (program.c) ---- */
typedef struct FuncRef {
    const Func *f;
    const Unit *u;
    int idx;             /* index in Program.funcs */
} FuncRef;

typedef struct EntryPoint {
    int func;            /* index in Program.funcs */
    RoleKind role;
    const char *found_by;
    Loc loc;
} EntryPoint;

typedef struct Program {
    const Driver *drv;
    FuncRef *funcs;
    int nfuncs;
    struct Store {
        const char *key, *tkey;
        int func;
        int konst;           /* FnStore.konst */
        int init;            /* a global's or local's initialiser stored it (Unit.fnstores),
                                not an assignment or a call's argument */
    } *stores;
    int nstores;
    int nkonst;              /* stores with konst */
    struct ApiStore { const char *key, *tkey, *name; } *apistores;  /* an API's address stored */
    int napistores;
    EntryPoint *entries;
    int nentries;
    const char **noreturn;
    int nnoreturn;
    const char **called;     /* names of every callee seen (for Not applicable) */
    int ncalled;
    const char **called_set; /* the same, open addressing by name (prog_is_called) */
    int ncalled_slots;       /* a power of two */
    struct NameIdx { const char *name; int idx; } *by_name;  /* funcs sorted by name */
    int *name_slots;         /* open addressing by name: 1 + the first index in by_name of
                                each name, 0 empty (prog_lookup) */
    int nname_slots;         /* a power of two */
    const char **relevant;   /* keys whose values can matter to the rule running (prog_slice) */
    int nrelevant_slots;
    struct KeyBits { const char *key; uint64_t keep; } *keybits;  /* of those, the ones whose
                                value matters in some bits only (KeyEnt.keep) */
    int nkeybits;
    struct CallSlot *calls;  /* every call step's targets, by step address (prog_call) */
    int ncall_slots;
    /* rule-independent facts prog_slice reads, built once per driver */
    int *caller_start, *callers;   /* callers[caller_start[fi] ..]: functions a call of which
                                      may run fi (itself when recursive) */
    int *use_start, *users;        /* users[use_start[h] ..]: functions with a slice test on a
                                      key whose name hashes to bucket h (prog_slice) */
    int nuse_buckets;              /* a power of two */
    struct CtrlDep *_Atomic *cds;  /* per function: its control dependence, built when a rule
                                      run first needs it (cd_shared), freed by prog_release */
    struct Liveness *_Atomic *lives;  /* per function: which locals a later step reads, built
                                         when a rule run first needs it (lv_of) */
    struct LvShared *lvs;    /* what lv_of builds them from and in (liveness.c) */
    const char **origin_keys;  /* sorted: pointer fields whose record has many instances
                                  (instances.c), by key */
    int norigin_keys;
    const char **dev_recs;   /* record types the device writes (device.c), open addressing */
    int ndev_slots;
    struct CursorPair *cursors;  /* per function (cursor_start[fi] ..): a local that walks a
                                    collection and a record it reaches (cursors.c) */
    int *cursor_start;
    const char **cursor_recs;    /* sorted: every such record */
    int ncursor_recs;
} Program;

typedef struct CursorPair {
    const char *local, *rec;
} CursorPair;

/* What one call step reaches in this driver, resolved once: the driver
 * function it names (or -1), then every function it may run with where
 * that function's parameters start in the step's arguments: the named
 * function (0), the synchronize callbacks NDIS runs inside the API (the
 * argument after the callback's), or the functions a call through a
 * pointer may reach (0). */
typedef struct CallRes {
    int direct;
    int n;
    int *fi, *first;
    const Expr **poll;       /* a sleep in a loop: the loop's exit conditions (polls.c) */
    int npoll;
} CallRes;
const CallRes *prog_call(const Program *p, const Step *st);
/* An array of functions only initialisers fill (no assignment or call
 * stores one in any slot like `slots`, "Steps[]"): does its element `elem`
 * ("Steps[1]") hold fi (1, 0), or is that not known (-1: not filled so, or
 * no initialiser names that element)? */
int prog_init_element(const Program *p, const char *elem, const char *slots, int fi);

void prog_build(Program *p, const Driver *drv, Arena *a);
/* What prog_build left outside its arena (the shared control dependence and
 * liveness). */
void prog_release(Program *p);
/* "fi:name" into buf (at most n - 1 characters, as snprintf's "%d:%s"):
 * how a function's parameter is named among stores and device pointers. */
const char *prog_scoped(char *buf, size_t n, int fi, const char *name);
/* The function a call from unit `from` to `name` reaches, or -1. */
int prog_lookup(const Program *p, const Unit *from, const char *name);
int prog_is_called(const Program *p, const char *name);
int prog_has_role(const Program *p, int fi, RoleKind role);
/* The callee name the program holds with name's text (one of the CFG's copies), or NULL. */
const char *prog_called_name(const Program *p, const char *name);
int prog_is_noreturn(const Program *p, const char *name);
/* A set of strings (open addressing, in arena a; the strings are not
 * copied): the slice's relevant keys, device.c's pointers and records. */
typedef struct KeySet {
    const char **slots;
    int nslots, n;
    Arena *a;
} KeySet;
int ks_has(const KeySet *ks, const char *key);
/* ks_has with key's eng_hash_str worked out already. */
int ks_has_hashed(const KeySet *ks, const char *key, uint64_t hash);
int ks_add(KeySet *ks, const char *key);   /* 1 when it was not there */

/* Can the value of this key decide anything (a branch, an argument, a
 * returned status)?  Facts about other keys are never kept. */
int prog_key_relevant(const Program *p, const char *key);
/* The bits of a relevant key's value that can matter (~0: all of them). */
uint64_t prog_key_keep(const Program *p, const char *key);
/* How much of what the rule depends on a slice holds (harness.c runs the
 * smaller ones first, as probes that can only prove a Pass):
 *   SLICE_OBJECTS   what the rule's API calls are given and what flows into
 *                   it (which object a lock call names): no branch, no status;
 *   SLICE_TOUCHING  and the branches and returned values of the functions
 *                   that touch the rule (a result kept from any other
 *                   function only when it is a pointer);
 *   SLICE_FULL      everything that can decide one of its events. */
typedef enum { SLICE_OBJECTS, SLICE_TOUCHING, SLICE_FULL } SliceLevel;
/* Narrow the relevant keys to what one rule depends on (touches: frames.c). */
void prog_slice(Engine *e, Program *p, const unsigned char *touches, SliceLevel level, Arena *a);
/* What the slice reads of every step, from the base run once it is made
 * (steptab.c, steptab.h). */
struct StepTab *steptab_build(Engine *base);
/* thresholds.c: per key, the constants the driver assigns to it (where a
 * widened bound stops); built by the base run, read by every run. */
typedef struct Thresholds Thresholds;
Thresholds *thr_build(Engine *base);
const int64_t *thr_of(const Thresholds *t, int32_t key, int *n);
void thr_free(Thresholds *t);
/* lentblocks.c: the blocks the driver lends by address to a pointer of a
 * record type; built by the base run, read by every run's slice, which
 * names the record's decisive fields below each block (KeyEnt.zeroed). */
typedef struct LentBlocks LentBlocks;
LentBlocks *lb_build(Engine *base);
int lb_name_fields(Engine *e, const LentBlocks *lb, int32_t **out);
void lb_free(LentBlocks *lb);
void steptab_free(struct StepTab *t);
const EntryPoint *prog_entry(const Program *p, RoleKind role, int nth);

/* ---- the records the device writes (device.c) ---- */
/* Find them in a built program (its calls resolved). */
void dev_records(Program *p, Arena *a);
/* Does key name a field of such a record (whose value is never known)? */
int prog_device_key(const Program *p, const char *key);

/* ---- candidate sites (sites.c) ---- */
/* The call locations ("file:line:col") where rule r can report in the
 * driver (*out, in arena a), or -1 when they are not known (a role event
 * can abort). */
int site_candidates(const Program *p, const Rule *r, Arena *a, const char ***out);
/* Can rule statement s reach an abort at call st (NULL: whatever the call)? */
int can_abort(const RStmt *s, const Step *st);
/* Can it, whatever the call, where the state variables hold vars? */
int can_abort_in(const RStmt *s, const AbsVal *vars, int nvars);
/* Does rule statement s hold a statement of kind (RS_ASSIGN, RS_HALT, ...)? */
int rule_stmt_has(const RStmt *s, int kind);
/* The defect at `where` has an exact trace now: the search settles once
 * every candidate site has one. */
void site_exact(Engine *e, const char *where);
/* Is every abort of rule r decided by its API call's arguments alone (no
 * rule variable, no $return, no watched object)?  Then whether a call can
 * be a defect does not depend on the rule's state, and a run rooted at the
 * function that makes the call, knowing nothing of its callers, decides it
 * for every caller (check.c local_sites). */
int site_by_args(const Rule *r);
/* Can a rule event of the call st's API abort there (its constant arguments
 * considered)? */
int site_call_can_abort(const Rule *r, const Step *st);
/* Does rule r only test a call's arguments and abort (no state, no watched
 * object, no role event, no halt: the stall rule)?  Then a call of its API
 * whose constant arguments abort nowhere does nothing to the rule. */
int site_rule_stateless(const Rule *r);
/* Is call st such a call, of a stateless rule (Engine.stateless)?
 * NdisStallExecution(20) under the 50 us rule: the functions that make it
 * do not touch the rule for it (frames.c), nor do the branches to it decide
 * anything (program.c).  e100bex's stall and wait helpers stall 20 us. */
int site_inert(const Engine *e, const Step *st);
/* Is one of the candidate sites a call whose arguments are all constants,
 * for a rule that reports by the arguments alone: one that reports wherever
 * it is reached (NdisStallExecution(100))? */
int site_sure(const Program *p, const Rule *r, Arena *a, const char **cand, int ncand);
/* Does an event of r read an API's result ($return)? */
int site_reads_return(const Rule *r);
/* ... and is every one of them such a call? */
int site_all_sure(const Program *p, const Rule *r, Arena *a, const char **cand, int ncand);
/* Are all of st's arguments constants? */
int site_args_const(const Step *st);
/* "file:line:col" of a call, as tr_report keys defects */
const char *site_name(Arena *a, Loc at);

/* ---- which locals a later step can read (liveness.c) ---- */
typedef struct Liveness Liveness;
/* Per function, once per driver; passed[j]: the paths calls pass
 * parameter j, by key, NULL-terminated (NULL: none), for echo.c. */
Liveness *lv_build(const Func *f, Arena *a, const char *const *const *passed);
/* prog_build: fi's liveness to be built from passed[fi] when first asked
 * (lv_of); prog_release frees what was built. */
void lv_prepare(Program *p, const char *const *const **passed);
void lv_release(Program *p);
const Liveness *lv_build_shared(const Program *p, int fi);
/* fi's liveness, built by the first run that asks (runs on other threads
 * may ask at once: lv_build_shared): rtlnwifi's runs enter 541 of its 917
 * functions. */
static inline const Liveness *lv_of(const Program *p, int fi)
{
    if (!p->lives)
        return NULL;
    const Liveness *lv = atomic_load_explicit(&p->lives[fi], memory_order_acquire);
    return lv ? lv : lv_build_shared(p, fi);
}
/* Is local `name` read on some path from block's entry?  -1: not a local
 * the function may drop (address taken, or not its own). */
int lv_is_live(const Liveness *lv, int block, const char *name);
/* s, going from block `from` to its successor t (0 or 1), without the facts
 * of fi's locals that no path from that successor's entry reads. */
State *lv_trim(Engine *e, int fi, int from, int t, State *s);
/* The parameters fi tests whole and never writes and calls pass a path, by
 * name, and per parameter those paths' keys (NULL-terminated): echo.c. */
int lv_echoes(const Liveness *lv, const char *const **names, const char *const *const **args);
/* A copy of s without facts[i] where drop[i] (and without them in s->lost). */
State *st_drop_facts(Engine *e, const State *s, const unsigned char *drop);

/* ---- pointers that walk a collection (cursors.c) ---- */
/* Per driver: Program.cursors, cursor_start, cursor_recs. */
void cur_find(Program *p, Arena *a);
/* Is object key k in a record a cursor walks? */
int cur_record_key(const Engine *e, int32_t k);
/* paramwrites.c: what each function writes through each of its pointer
 * parameters (one slot per parameter), for the calls that lend a block
 * (HwSetItr(&Adapter->Hw, ...)); see the file's comment. */
typedef struct ParamWrites ParamWrites;
enum { PW_MAX_LEN = 400 };   /* the longest key or suffix it follows */
ParamWrites *pw_build(const Program *p);
void pw_free(const Program *p, ParamWrites *pw);
/* Where argument a of call st goes: the driver functions' parameter slots
 * it is bound to (into to[], *nto of them), and whether anything else gets
 * it (returned). */
int pw_bindings(const Program *p, const ParamWrites *pw, const Step *st, int a, int *to, int *nto);
int pw_escapes(const ParamWrites *pw, int slot);          /* may write all of the block */
int pw_nsuffixes(const ParamWrites *pw, int slot);        /* else the parts it writes: */
const char *pw_suffix(const ParamWrites *pw, int slot, int i);   /* ".Itr", ".Sub.A", "" */
/* ruleexec.c: is the instance in the rule's initial state? */
int rx_inst_initial(const Rule *r, const Inst *in);
/* After assignment st of function fi: s, or a copy whose instances in the
 * records of the cursor st sets are weak. */
State *cur_moved(Engine *e, int fi, const Step *st, State *s);

/* ---- records with many instances (instances.c) ---- */
/* Per driver: Program.origin_keys. */
void inst_find(Program *p, Arena *a);
/* Is key k (a pointer field) one of them?  Once per key and run. */
int inst_origin_key(Engine *e, int32_t k);

/* ---- what a callee's tests of a parameter tell its caller (echo.c) ---- */
int echo_exit_keys(Engine *e, int fi, const int32_t *outk, int noutk, const int32_t **keys);
/* Is local key k a parameter of fi that this run hands back (kept live to
 * the returns)? */
int echo_kept(Engine *e, int fi, int32_t k);
State *echo_back(Engine *e, int fi, const Step *st, int first, const State *before,
                 const State *x, State *r);

/* ---- control dependence (ctrldep.c) ---- */
typedef struct CtrlDep CtrlDep;
/* NULL when some block reaches no exit (then every branch may matter). */
CtrlDep *cd_build(const Func *f);
/* The branch blocks whose outcome decides whether `block` runs. */
int cd_of(const CtrlDep *cd, int block, const int **deps);
void cd_free(CtrlDep *cd);
/* cd_build once per function however many rule runs ask, from any thread:
 * *slot (NULL until built) keeps it.  NULL when some block reaches no exit. */
const CtrlDep *cd_shared(CtrlDep *_Atomic *slot, const Func *f);
/* Frees what cd_shared left in *slot. */
void cd_shared_free(CtrlDep *_Atomic *slot);
/* Blocks a back edge enters (loop heads, bit 1) and leaves (latches, bit
 * 2: a do-while's condition): a calloc'ed byte per block. */
unsigned char *cd_loop_heads(const Func *f);
/* unroll.c: how many states each block of function fi keeps per rule state
 * (0: the default), for the small counted loops whose iterations the rule
 * tells apart; NULL when no block differs.  heads: cd_loop_heads. */
int *unroll_keep(Engine *e, int fi, const unsigned char *heads);
unsigned char *unroll_quiet(Engine *e, int fi, const unsigned char *heads);
/* loopsum.c: the callback loop summarised by what it can write (a probe),
 * for a rule whose state no callback of the loop can change. */
int loopsum_applies(const Program *p, const Rule *r);
/* Mark in r what the call graph reaches from work[0..n) (marked already);
 * with_args, also the functions a call is given (harness.c). */
void eng_reach_from(const Program *p, unsigned char *r, int *work, int n, int with_args);
/* Functions the call graph reaches from the entry points NDIS calls (a
 * synchronize callback only through the call that runs it): a calloc'ed
 * flag per function; work has room for nfuncs + 1. */
unsigned char *eng_called_from_entries(const Program *p, int *work);
void loopsum_run(Engine *e, StateVec *start, StateVec *reached);
void loopsum_capture(Engine *e, int on);
int loopsum_hits_reported(const Engine *e);
int loopsum_reach_agrees(const Engine *e);

/* ---- the engine (interp.c, harness.c) ---- */
struct Engine {
    const Program *prog;
    const Rule *rule;
    Report *rep;
    Arena *arena;
    KeyTab *keys;
    ValTab *vals;            /* the values facts hold (valtab.c) */
    int key_retval;          /* unused placeholder key */
    int32_t ret_key;         /* "^$ret", a returned struct's fields (interp.c ret_key), or 0 */
    int32_t ret_lost;        /* "$ret~": in State.lost, the value returned is one a join
                                weakened (interp.c ret_lost_key), or 0 */
    /* summaries */
    struct SumTab *sums;
    /* budgets */
    double deadline;
    size_t state_budget;
    size_t nstates;
    int out_of_time, out_of_space;
    unsigned long ticks;
    int depth;
    /* reported call sites (dedupe) */
    struct Site *sites;
    int nsites, capsites;
    int ndefects;
    long trace_steps;        /* steps the defects' traces hold (trace.c budget) */
    /* path sensitivity: states kept apart per point (touching functions,
     * others), summaries per function before widening */
    int set_keep, frame_keep, sum_cap, sum_args_cap, root_sum_cap;
    unsigned char **loop_heads;  /* per function, cd_loop_heads, built when first needed */
    int **unrolled;          /* per function, unroll_keep, built with loop_heads */
    unsigned char **quiet;   /* per function, unroll_quiet, built with loop_heads */
    /* which functions were analysed at all */
    unsigned char *reached;
    unsigned char *poll_abort;  /* per function: it reaches a call where the rule can report
                                   (polls.c; 0 not asked yet, 1 no, 2 yes) */
    int firing;              /* running timer callbacks at a cancel (interp.c) */
    int loop_test;           /* assuming a loop's own test (interp.c, eval.c ev_assume) */
    struct CallFlags { const char *name; int flags, model; } *cflags;   /* interp.c call_flags;
                                                                          model: api_model_code */
    int ncflags, ncflag_slots;
    struct ZeroSet { int32_t prefix; const int32_t *keys; int n; } *zero;  /* apimodel.c */
    int nzero, capzero;
    int32_t *zcand;          /* apimodel.c: the keys a zeroing can set (decisive, relevant, no
                                array element), ascending, as of KeyTab.gen zcand_gen; NULL
                                until first listed */
    int nzcand;
    unsigned zcand_gen;
    int32_t config_key;      /* key of NDIS_CONFIGURATION_PARAMETER's IntegerData (eval.c) */
    int32_t timer_armed;     /* key: 0 no timer set on the path, 1 a one-shot one, 2 periodic (deferred.c) */
    int timers_gated;        /* the driver arms timers: their callbacks wait for it (deferred.c) */
    int32_t *armed;          /* per function: the "armed" key of a timer callback, or 0 */
    unsigned char *ktimer;   /* per function: a KDPC routine a KTIMER runs (deferred.c) */
    void *evsets;            /* per function: the events it sets, itself or what it calls
                                (NdisSetEvent, KeSetEvent: events.c) */
    int evt_matter;          /* 0 not known yet, 1 no, 2 the driver waits on an event a gated
                                callback sets (events.c) */
    int own_timer_keys;      /* each timer callback's key stands for one timer object */
    int cancel_race;         /* the cancel being applied came while the tick ran (interp.c) */
    int loopsum;             /* the callback loop is summarised (loopsum.c): 1 a probe, 2 the
                                full run's try (loopsum_exact) */
    int capture;             /* loopsum_exact's summarised part: what would be reported is
                                only collected (hits), the run goes on */
    unsigned char *ls_before;  /* loopsum_exact: the functions reached before that part */
    struct SumTab *ls_sums;  /* ... and the summaries computed before it */
    unsigned char *ls_fires; /* loopsum.c: per rule event, 1 when the loop can fire it */
    int orphan_run;          /* analysing a root no entry point reaches (harness.c orphan_root):
                                what rests on a tracked object's assumed initial state is not
                                reported (ruleexec.c) */
    int root_entry;          /* the next summary is a callback NDIS runs, at any depth (a timer
                                fired at a cancel inside halt): it keeps root_sum_cap entries */
    int timers_unmapped;     /* a timer object whose callback is not known */
    struct TimerHandle { const char *handle; int fi; } *thandles;  /* timer object -> callback */
    int nthandles, capthandles;
    int32_t *queued;         /* per function: key "<queued F>" of a work item a queue call names, or 0 */
    unsigned char *gated;    /* per function: 1 a timer callback, 2 a work item the harness
                                gates (deferred.c dfr_relevant), 0 neither */
    int run_gated;           /* the driver has pause and restart handlers (runstate.c) */
    int power_paused;        /* NDIS sends OID_PNP_SET_POWER to a paused adapter only (runstate.c) */
    int32_t oid_keys[RS_OID_KEYS];  /* the keys an OID request's OID is read by (runstate.c) */
    int irql_on;             /* the driver asks KeGetCurrentIrql (irql.c) */
    int irql_decides;        /* irql_decide: 1 an answer decides more than the IRQL, -1 not */
    int32_t irql_base, raised;  /* keys: the callback's IRQL, locks and raises held */
    unsigned char *irql_asks;   /* per function: irql_asks, built when first asked */
    int32_t running;         /* key "<running>": 1 Running, 0 Paused */
    struct DerivedKey { int32_t obj; const char *suffix; int32_t id; } derived[256];  /* eval.c */
    struct ConstField { int32_t id; long long value; } *constf;  /* eval.c: fields of const
                                templates read through a pointer, with their initial values */
    int nconstf, constf_cap;
    struct ConstTmpl { int32_t obj; int is; } ctmpl[64];  /* eval.c const_template, cached */
    struct ElemKey { const Expr *x; int64_t at; int32_t id; } elem[64];   /* eval.c elem_key */
    int stateless;           /* site_rule_stateless(rule): site_inert applies */
    int32_t nbase_keys;      /* the keys the driver's paths name (interned by the base run):
                                an element a[2] past them no literal index names */
    struct PathKey *pathkey; /* eval.c ev_path_key: PATHKEY_SLOTS, entries of pathkey_run */
    uint32_t pathkey_run;
    const struct PathKey *base_pathkey;  /* the base run's (harness.c), read-only: the same ids */
    const struct StepTab *steptab;  /* the base run's (steptab.c), read-only: the same ids */
    const Thresholds *thr;   /* the base run's (thresholds.c), read-only */
    const LentBlocks *lent;  /* the base run's (lentblocks.c), read-only */
    const int32_t **outk;    /* per function: its *param keys (interp.c out_keys), lazily */
    int *noutk;
    const int32_t **exitk;   /* per function: the keys its exits keep (echo.c), lazily */
    int *nexitk;
    KeyMemo origin_ok;       /* 2 a pointer field that names the object it points to
                                (instances.c), 1 not */
    int origins;             /* the rule tells objects apart (guard, watch): values loaded
                                from such fields carry their origin (eval.c) */
    const int32_t **echok;   /* per function: the parameters this run hands back (echo.c) */
    int *nechok;
    Frames *frames;          /* per-function touch / read / write sets */
    struct StateSet *ss_pool;  /* freed sets, for reuse (ss_new) */
    struct State **sv_pool[64];  /* first blocks of released vectors (sv_release) */
    int sv_npool;
    struct LvIds **lv_ids;   /* per function: its locals' key ids in this run (liveness.c) */
    long *work;              /* DRVCHECK_ENGINE_STATS: steps run per function, else NULL */
    KeyMemo ndis_keys;       /* 2 about memory NDIS owns, 1 not (harness.c ndis_key) */
    KeyMemo dev_keys;        /* 2 a field of a record the device writes, 1 not (program.c) */
    const unsigned char *written;  /* by key id below nwritten: how the driver writes it
                                      (harness.c written_keys), the base run's */
    int32_t nwritten;
    const char **cand;       /* the sites the rule can report at (sites.c), ncand of them, or */
    int ncand;               /* -1: not known (the search runs to its end) */
    int nexact;              /* candidate sites with an exact defect */
    int settled;             /* every candidate site has one: the search stops */
    int halt_first;          /* every candidate reports wherever it is reached: halt runs
                                straight after initialize first (harness.c eng_lifecycle) */
    int probe;               /* a run on a smaller slice (harness.c): it reports nothing, and
                                stops at the first place the rule could report (probe_hit) */
    int probe_hit;
    int hit_before_loop;     /* a probe's hit came before the callback loop (check.c) */
    int local;               /* a probe rooted at each function that makes a candidate call
                                (check.c local_sites): probe hits are collected, not stopped at */
    char **hits;             /* ... the places they were met, nhits of them */
    int nhits, caphits;
    int level;               /* the run's SliceLevel (DRVCHECK_ENGINE_STATS names it) */
    int init_never;          /* MiniportInitializeEx succeeded on no path (lifecycle) */
    const char *cut;         /* what the run did not follow (interp.c), the first: a call
                                nested ENG_MAX_DEPTH deep, a recursive call taken to change
                                nothing; or NULL.  A verdict then says its search was bounded
                                (check.c), and a probe proves nothing */
    signed char role_named[ROLE_COUNT];  /* by role: 0 not asked yet, 1 the rule names no event
                                            of it, 2 it does (harness.c mentions_role) */
};

/* A probe met a place where the rule could report (or might, with what the
 * full run knows): it proves nothing, and stops (harness.c). */
void eng_probe_hit(Engine *e, const char *where, const char *why);

/* ---- what a key is (state.c interns them); called on every step ---- */
static inline const KeyEnt *key_ent(const Engine *e, int32_t id)
{
    return id > 0 && id < e->keys->n ? &e->keys->ents[id] : NULL;
}
/* "k" of "k.f" / "k[]", else 0 */
static inline int32_t key_parent(const Engine *e, int32_t k)
{
    const KeyEnt *t = key_ent(e, k);
    return t ? t->parent : 0;
}
/* Is k below anc ("anc.f", "anc[]", "anc.f.g")? */
static inline int key_is_below(const Engine *e, int32_t k, int32_t anc)
{
    for (k = key_parent(e, k); k > 0; k = e->keys->ents[k].parent)
        if (k == anc)
            return 1;
    return 0;
}
/* The array of an element key with a variable index ("a" of "a[].f"), or 0. */
static inline int32_t key_array_of(const Engine *e, int32_t k)
{
    const KeyEnt *t = key_ent(e, k);
    return t ? t->array_of : 0;
}
static inline int key_has_below(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->has_below;
}
static inline const char *key_name(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t ? t->name : "";
}
static inline int key_persistent(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->persistent;
}
static inline int key_relevant(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->relevant;
}
/* Is id, or some key below it ("id.f", "id[]"), relevant?  Kept as keys
 * become relevant (state.c key_mark_rel_below), for fr_has_effect: a scan
 * of every key per ask was 32M instructions on rtlnwifi. */
static inline int key_rel_below(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->rel_below;
}
static inline int key_decisive(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->decisive;
}
/* Does a polling loop wait on it (slice.c, polls.c)? */
static inline int key_polled(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->polled;
}
/* Is the key a caller's local lent down the calls ("^Ctx.f")? */
static inline int key_lent(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->lent;
}
/* Does the key name some element of an array ("a[].f")? */
static inline int key_elem(const Engine *e, int32_t id)
{
    const KeyEnt *t = key_ent(e, id);
    return t && t->elem;
}

/* polls.c: a sleep in a loop waiting for another thread */
int api_sleeps(const char *api);
/* Call step b's sleep (in f): r->poll gets the exit conditions of the loop it is in. */
void poll_build(const Func *f, int b, CallRes *r, Arena *a);
/* The fields and globals x reads, each given to add(to, path). */
void poll_paths(const Expr *x, void (*add)(void *, const Expr *), void *to);
/* The keys of the fields and globals the polling loop of sleep cr tests. */
typedef struct PollKeys {
    Engine *e;
    int32_t k[16];
    int n;
} PollKeys;
void poll_keys(Engine *e, const CallRes *cr, PollKeys *ks);
/* Does function g write what the polling loop of sleep cr tests? */
int poll_writes(Engine *e, int g, const CallRes *cr);
/* May callback ep write what the loop of sleep cr tests before a call where
 * the rule can report? */
int poll_midway_may(Engine *e, const EntryPoint *ep, const CallRes *cr);
/* s with what g writes of what the loop tests unknown: g midway. */
State *poll_midway(Engine *e, int g, const CallRes *cr, const State *s);

/* deferred.c: work items run once queued, timers once armed */
int api_queues_work(const char *api);
int dfr_is_timer(const Engine *e, const EntryPoint *ep);
void dfr_setup(Engine *e);
/* The same answers, copied from the base run's. */
void dfr_setup_from(Engine *e, const Engine *base);
void dfr_relevant(Engine *e);
/* Does a call of api arm, cancel or queue a callback the harness gates? */
int dfr_moves(Engine *e, const char *api);
/* Is k a key that gates a deferred callback? */
int dfr_key(const Engine *e, int32_t k);
/* Mark in keep the gated callbacks that can change what the rule sees;
 * returns how many were not marked. */
int dfr_gates_matter(Engine *e, unsigned char *keep);
void dfr_initial(Engine *e, State *s);
int dfr_timer_may_fire(Engine *e, const State *s);
void dfr_on_api(Engine *e, const Step *st, State *x, int cf, const char *func);
/* The gate keys a call moves, each given to add(to, key). */
void dfr_call_keys(Engine *e, const Step *st, int cf, void (*add)(void *, int32_t), void *to);
State *dfr_note(Engine *e, State *s, Loc loc, const char *func, const char *msg);
int dfr_may_run(Engine *e, const EntryPoint *ep, const State *s);
State *dfr_take(Engine *e, const EntryPoint *ep, State *s);
int dfr_armed_may_fire(Engine *e, int fi, const State *s);
int dfr_fires_at_cancel(Engine *e, const Step *st, int fi, const State *s);
int dfr_cancel_may_fire(Engine *e, const Step *st, int fi);
int dfr_rearmed(Engine *e, const Step *st, const State *before, const State *after);
/* May deferred callback ep run while the driver waits on an event (an
 * armed timer's or a queued work item's callback that sets one)? */
int dfr_runs_at_wait(Engine *e, const EntryPoint *ep, const State *s, const Step *wait);
/* Does work item fi complete a pended reset, pause or OID request (then NDIS
 * runs it before halt)? */
int dfr_completes_request(const Program *p, int fi);
/* A wait on an event returned signalled: the work items that set it are
 * no longer queued (s, or a copy). */
State *dfr_waited(Engine *e, const Step *wait, State *s);
/* Does a callback NDIS runs at any time set an event? */
int dfr_others_set_events(Engine *e, const Step *wait);

/* events.c: kernel events a driver sets and waits on */
int api_sets_event(const char *api);       /* sets, clears or initialises one */
/* fi or what it calls sets the event wait waits on (any event: wait NULL) */
int evt_sets(Engine *e, int fi, const Step *wait);
/* The same, for a wait that names its object (&Adapter->StopDone) only. */
int evt_sets_named(Engine *e, int fi, const Step *wait);
void evt_free(Engine *e);
int evt_matter(Engine *e);                 /* a wait on an event a gated callback sets */
void evt_relevant(Engine *e);              /* then the event objects are kept */
void evt_on_api(Engine *e, const Step *st, State *x);
int evt_may_be_set(Engine *e, const Step *wait, const State *s);

/* irql.c: the IRQL code runs at, for KeGetCurrentIrql */
int api_irql(const char *api);
void irql_setup(Engine *e);
void irql_decide(Engine *e);     /* before prog_slice */
int irql_moves(Engine *e, const char *api);
void irql_relevant(Engine *e);
void irql_enter(Engine *e, State *s, RoleKind role);
void irql_on_api(Engine *e, const Step *st, State *x);
/* Can a call of function fi read the IRQL base (KeGetCurrentIrql)? */
int irql_asks(Engine *e, int fi);

/* runstate.c: Paused / Running, which callbacks NDIS calls in each */
void rs_setup(Engine *e);
void rs_relevant(Engine *e);
void rs_initial(Engine *e, State *s);
int rs_may_run(Engine *e, const EntryPoint *ep, const State *s);
State *rs_after(Engine *e, const EntryPoint *ep, State *s);
int rs_may_be_paused(Engine *e, const State *s);
/* At ep's callback entry, s a fresh copy: the OID of an OID request, not
 * OID_PNP_SET_POWER to a surely running adapter. */
void rs_oid_request(Engine *e, const EntryPoint *ep, State *s);
/* At its exit: s, or a copy that knows nothing of the request's OID. */
State *rs_oid_request_done(Engine *e, const EntryPoint *ep, State *s);

/* state.c */
KeyTab *keytab_new(Arena *a);
int32_t key_intern(Engine *e, const char *key, int persistent);
void key_set_relevant(Engine *e, int32_t id);
void key_set_decisive(Engine *e, int32_t id);
void key_set_zeroed(Engine *e, int32_t id);
void key_set_polled(Engine *e, int32_t id);
/* What a key string names before its first '.' or '[' ("x" of "x.f[]", the
 * record "_ADAPTER" of "_ADAPTER.Flags"), into buf; NULL for a key that
 * names no variable or record ("*p", "^Ctx", "<raised>", "&Func"). */
const char *key_head(const char *key, char *buf, size_t size);
int32_t key_find(Engine *e, const char *key);     /* 0 if never interned */
/* m's byte for key k (> 0), m grown to hold it: 0 until the caller sets it. */
unsigned char *key_memo(Engine *e, KeyMemo *m, int32_t k);
/* key_find for a key string the CFG holds: found by its address first. */
int32_t key_find_at(Engine *e, const char *key);
/* ... that remembers the address of a key it found by text: for a string
 * the CFG holds that is asked for again and again (the p of an "*p"). */
int32_t key_find_noting(Engine *e, const char *key);
/* key_intern for a key string the CFG holds: found by its address first. */
int32_t key_intern_at(Engine *e, const char *key, int persistent);
/* key_is_below, key_parent, key_array_of, key_has_below, key_name,
 * key_persistent, key_relevant, key_decisive, key_elem: inline, below
 * struct Engine. */
int st_has_prefix(Engine *e, const State *s, int32_t key);
State *st_new(Engine *e);
State *st_copy(Engine *e, const State *s);
/* Give s instances of its own before writing them (copy-on-write). */
void st_own_inst(Engine *e, State *s);
const AbsVal *st_get(Engine *e, const State *s, int32_t key);
/* The value a fact holds. */
#define st_fval(e, f) vt_val((e)->vals, (f)->val)
/* The return slot of s. */
#define st_ret(e, s) vt_val((e)->vals, (s)->ret)
void st_set_ret(Engine *e, State *s, AbsVal v);      /* s must be a fresh copy */
/* s comes from a join of a and b (b may be NULL) at function fi, depth. */
void st_set_join(Engine *e, State *s, const State *a, const State *b, int fi, int depth);
void st_set(Engine *e, State *s, int32_t key, const AbsVal *v);   /* s must be a fresh copy */
void st_havoc_prefix(Engine *e, State *s, int32_t key);           /* key and key.* / key[] */
void st_finish(Engine *e, State *s);                                         /* compute the hash */
int st_equal(Engine *e, const State *a, const State *b);
int st_same_property(Engine *e, const State *a, const State *b);
/* Same rule state (instances and their variables)? */
int st_same_instances(Engine *e, const State *a, const State *b);
int st_same_locals(Engine *e, const State *a, const State *b);
void keytab_free(KeyTab *t);
/* Re-read every interned key's relevance from the program (after prog_slice). */
/* Join; widen: bounds that grew go to the next threshold (at loop heads
 * and summary entries, for termination); track: record what it weakened
 * (State.lost, from). */
State *st_join(Engine *e, const State *a, const State *b, int track, int widen);
void sv_push(Engine *e, StateVec *v, State *s);
/* Frees v (its first block back to e's pool) and empties it. */
void sv_release(Engine *e, StateVec *v);
void sv_pool_free(Engine *e);
/* Keep only persistent facts (globals, heap), for crossing a frame. */
State *st_strip_locals(Engine *e, const State *s);
/* ... but keep the facts of keys in keep (a function's *param at its exit). */
State *st_strip_locals_but(Engine *e, const State *s, const int32_t *keep, int nkeep);
int st_has_locals(Engine *e, const State *s);
/* A copy of callee exit x with the caller's local facts of s put back. */
State *st_with_locals(Engine *e, const State *x, const State *s);
/* Keys a join weakened (State.lost): a decision that reads one makes the
 * path's trace approximate. */
int st_lost_has(const State *s, int32_t key);
void st_lost_add(Engine *e, State *s, int32_t key);      /* s must be a fresh copy */
void st_lost_del(Engine *e, State *s, int32_t key);      /* key and what lies below it */
void st_lost_union(Engine *e, State *dst, const State *src);
/* Does evaluating x read a weakened key? */
int ev_reads_lost(Engine *e, const State *s, const Expr *x);
/* A set of states with the widening cap: returns 1 if s (or a join) was new. */
typedef struct StateSet StateSet;
/* keep: states kept apart per rule state and return truth (0: the default). */
StateSet *ss_new(Engine *e, int keep);
/* A loop head's set: its joins do not make a trace approximate (a loop's
 * iterations differ in counters, not in the path's shape). */
int st_same_deferred(Engine *e, const State *a, const State *b);
void ss_mark_gated(StateSet *set);
void ss_mark_loop(StateSet *set);
/* A set inside a function that cannot touch the rule: its joins track nothing
 * (its traces are never shown). */
void ss_mark_frame(StateSet *set);
/* A frame's sets also keep states apart by what they say of the status
 * variable the function returns (interp.c status_key), 0: none. */
void ss_set_status(StateSet *set, int32_t key);
/* Is s (this very state) still held, not replaced by a join? */
int ss_holds(const StateSet *set, const State *s);
/* Where the set's states are: joins it makes remember their two sides. */
void ss_set_origin(StateSet *set, int fi, int depth);
int ss_add(Engine *e, StateSet *set, State *s, State **added);
/* The join of two held states the last ss_add made room with (to be
 * propagated like *added), or NULL. */
State *ss_take_joined(StateSet *set);
/* s's successors are being computed (a worklist took it). */
void ss_mark_done(StateSet *set, const State *s);
/* Facts a and b disagree on, a decisive one (key_set_decisive) counting 64. */
int st_distance(Engine *e, const State *a, const State *b);
/* The same when below bound; else some value >= bound (found sooner). */
int st_distance_below(Engine *e, const State *a, const State *b, int bound);
void ss_free(StateSet *set);
void ss_pool_free(Engine *e);         /* the sets ss_free kept for reuse */
int ss_export(StateSet *set, StateVec *out, Engine *e);
/* summaries.c: a function's exits from one entry state (interp.c in_call) */
typedef struct Summary {
    struct Summary *next;
    int fi;
    State *entry;
    Trace *base;             /* the entry trace the exits were computed on */
    StateVec exits;
    int done;
    int started;
    unsigned char inexact;   /* computed from an entry whose path came through a join */
    unsigned char again;     /* analysed again from an exact entry (in_call) */
} Summary;
Summary *sum_find(Engine *e, int fi, State **entryp);
/* An exit computed from the widened entry `went`, narrowed back to what
 * the caller's own entry `act` knows where fi does not change it. */
State *unwiden(Engine *e, int fi, State *x, const State *went, const State *act);
void sum_free(Engine *e);

/* trace.c */
Trace *tr_push(Engine *e, Trace *parent, TraceKind k, Loc loc, const char *func, const char *msg,
               const char *state);
/* Steps whose message is built only if a defect shows them. */
Trace *tr_branch(Engine *e, Trace *parent, Loc loc, const char *func, const Expr *cond, int taken);
Trace *tr_call(Engine *e, Trace *parent, TraceKind k, Loc loc, const char *func, const char *callee);
/* "NDIS calls F (ROLE)" (TS_ENTRY) and "API runs F" (TS_CALL), built when shown. */
Trace *tr_entry(Engine *e, Trace *parent, Loc loc, const char *func, const char *role);
/* A state change step ("NdisAcquireSpinLock is called: unlocked -> locked"), its
 * message made only where a report shows it. */
Trace *tr_state(Engine *e, Trace *parent, Loc loc, const char *func, const char *fname, int entry,
                const char *before, const char *after);
Trace *tr_runs(Engine *e, Trace *parent, Loc loc, const char *func, const char *api,
               const char *callee);
/* Steps of t above `base` (exclusive), replayed on top of onto. */
Trace *tr_rebase(Engine *e, Trace *t, Trace *base, Trace *onto);
const char *tr_state_string(Engine *e, const State *s);
/* The same, without the objects a cursor keeps that are initial in s and other alike. */
const char *tr_change_string(Engine *e, const State *s, const State *other);
const char *tr_initial_change(Engine *e, const State *s, const State *other);
void tr_report(Engine *e, const State *s, Loc at, const char *func, const char *message);
/* Sites whose trace stayed approximate: a note step before the violation. */
void tr_note_approx(Engine *e);

/* eval.c */
AbsVal ev_expr(Engine *e, const State *s, const Expr *x);
/* Refine s assuming x has the truth value `truth`; NULL if infeasible.
 * Returns s itself when nothing could be refined. */
State *ev_assume(Engine *e, State *s, const Expr *x, int truth);
int32_t ev_path_key_slow(Engine *e, const Expr *x);
/* The key id of an EX_PATH, 0 if none: the base run's cache read here (a
 * call less on every step that names a path), the rest in eval.c. */
static inline int32_t ev_path_key(Engine *e, const Expr *x)
{
    if (x && x->kind == EX_PATH && x->key && e->base_pathkey) {
        size_t h = ((uint64_t)(uintptr_t)x * 0x9e3779b97f4a7c15ULL) >> (64 - PATHKEY_BITS);
        if (e->base_pathkey[h].x == x)
            return e->base_pathkey[h].id;
    }
    return ev_path_key_slow(e, x);
}
/* The key of an EX_PATH in state s: `*p` where s knows p points to a
 * global or heap object (a helper given &Adapter->InterruptHandle) is that
 * object, and p->f is that object's field f (given &Adapter->Interrupt), so
 * what the helper reads and writes through p is the caller's. */
int32_t ev_key_in(Engine *e, const State *s, const Expr *x);
/* "^k": how the functions a caller's local k is lent to (f(&Ctx)) name it. */
int32_t ev_lent_key(Engine *e, int32_t k);

/* ruleexec.c */
typedef struct EventCtx {
    const char *fname;       /* $fname */
    Loc loc;                 /* where a defect is reported */
    const char *func;        /* function the event happens in (for the trace) */
    const Step *call;        /* the call (API events), or NULL */
    const State *caller;     /* state the call's arguments are evaluated in */
    const Func *callee;      /* role events: the driver function */
    int is_role;
} EventCtx;
/* Run every event of the rule matching (target name / role, when) on s.
 * Appends the resulting states to out.  Returns the number of events run. */
int rx_fire(Engine *e, State *s, const char *api, RoleKind role, EvWhen when,
            const EventCtx *ctx, StateVec *out);
int rx_rule_mentions_api(const Rule *r, const char *api);
int rx_rule_mentions_role(const Rule *r, RoleKind role);
int eng_mentions_role(Engine *e, RoleKind role);      /* the same, once per role (harness.c) */

/* ---- harness.c: the runs a rule check (check.c) is made of ---- */
/* One driver's program and its base run (eng_base), shared by every rule. */
struct EngineDriver {
    const Driver *drv;
    Arena *arena;            /* the program: functions, entry points, call targets */
    Program prog;
    Engine *_Atomic base;    /* where every rule run starts (driver_base), read-only once
                                published; NULL until a rule applies */
};
/* The base run every rule run starts from, made by the first that needs it. */
const Engine *eng_base(EngineDriver *ed);
/* A rule run on the slice of `level`, stopping at deadline or past state_budget. */
void eng_start(Engine *e, const Engine *base, Program *prog, const Rule *rule, SliceLevel level,
               Report *rep, Arena *a, double deadline, size_t state_budget);
/* A slice one run made, for the next run of the same rule on the same level
 * (check.c: the loop-summary probe's, for the touching probe): the key table
 * as prog_slice left it, the program's relevant keys (in the first run's
 * arena, which lives until the second run ends) and what slicing worked out
 * on the way (Engine.evt_matter). */
typedef struct SliceSnap {
    int have;
    KeyTab *keys;
    const char **relevant;
    int nrelevant_slots;
    struct KeyBits *keybits;
    int nkeybits;
    int evt_matter;
} SliceSnap;
/* eng_start, its slice taken from snap where snap->have, else made and kept in snap. */
void eng_start_snap(Engine *e, const Engine *base, Program *prog, const Rule *rule,
                    SliceLevel level, Report *rep, Arena *a, double deadline,
                    size_t state_budget, SliceSnap *snap);
void eng_end(Engine *e);
/* DriverEntry to unload, as NDIS calls them; then the functions no entry point reaches. */
void eng_lifecycle(Engine *e);
void eng_orphans(Engine *e);
/* Does the driver call an API of the rule (or have a callback it names)? */
int eng_applicable(const Program *p, const Rule *r);
/* What holds in every run: globals the driver never writes another value to. */
void eng_global_values(Engine *e, State *s);
/* Does the driver write key k anywhere (an assignment, a call given its address)? */
int eng_written(const Engine *e, int32_t k);
/* The rule's variables of a rule without watched objects: initialised, or unknown. */
void eng_rule_instance(Engine *e, State *s, int known);

/* harness.c: NDIS calls entry point ep from s (role events around it);
 * its exit states, locals stripped, go to out. */
void eng_run_callback(Engine *e, const EntryPoint *ep, State *s, StateVec *out);

/* interp.c: what a called name is to the rule run, worked out once per
 * name: named by the rule, cancels or arms a timer, has an OS model, never
 * returns.  NULL (an indirect call) answers CF_MENTIONED. */
enum { CF_MENTIONED = 1, CF_CANCELS = 2, CF_ARMS = 4, CF_MODEL = 8, CF_NORETURN = 16, CF_QUEUES = 32,
       CF_IRQL = 64, CF_WAITS = 128, CF_EVENT = 256, CF_SLEEPS = 512 };
int call_flags(Engine *e, const char *name);
/* The name's api_model_code, worked out with its flags (0 for NULL). */
int call_model(Engine *e, const char *name);
/* k, a key below `from`, moved below `to` (a record's field in its copy): interned. */
int32_t moved_key(Engine *e, int32_t k, int32_t from, int32_t to);
/* A rule run starts with the flags its driver's base run worked out
 * (harness.c flags_copy), CF_MENTIONED taken again from its rule: every
 * other flag must depend on the name and the driver only. */

/* apimodel.c: the OS model after an external call (pre: the state before
 * it, x: after its generic effect).  0 when the API has no model. */
int api_model(Engine *e, const Step *st, const State *pre, const State *x, StateVec *out);
void api_model_free(Engine *e);
/* Has the API a model here (api_model may act on it)? */
int api_has_model(const char *api);
/* Which model api_model applies to the API, found by name (0: none): what
 * call_flags keeps per name, so a modelled call compares no string. */
int api_model_code(const char *api);
/* Does this API cancel a timer (NdisCancelTimerObject, ...)? */
int api_cancels_timer(const char *api);
int api_waits_event(const char *api);
/* Does this API arm a timer (NdisSetTimerObject, ...)? */
int api_arms_timer(const char *api);

/* frames.c */
Frames *fr_build(Engine *e);
/* fr_build in two parts: the sets, the same for every rule (built once per
 * driver), and which functions touch this rule, with the sets borrowed
 * (fr_free leaves them to theirs). */
Frames *fr_build_sets(Engine *e);
Frames *fr_build_on(Engine *e, const Frames *sets);
void fr_free(Frames *f);
int fr_touches(const Frames *f, int fi);
int fr_writes(Engine *e, const Frames *f, int fi, int32_t k);
/* May a sleep in a polling loop of fi run callback g (frames.c poll_callees)? */
int fr_poll_runs(const Frames *f, int fi, int g);
uint64_t fr_write_mask(Engine *e, const Frames *f, int fi, int32_t k);
int fr_reads_lost(Engine *e, const Frames *f, int fi, const State *s, const State *was);
const unsigned char *fr_touch_set(const Frames *f);
int fr_has_effect(Engine *e, Frames *f, int fi);
/* The same, asked before the run starts (nothing cached). */
int fr_writes_kept(Engine *e, const Frames *f, int fi);
/* Forget in s every fact fi (or what it calls) can change. */
void fr_havoc_writes(Engine *e, const Frames *f, int fi, State *s);
/* Does some path of fi end in a return (not only in noreturn calls)? */
int fr_returns(const Frames *f, int fi);
State *fr_project(Engine *e, const Frames *f, int fi, const State *s);
State *fr_apply(Engine *e, Frames *f, int fi, const State *s, const State *x);
/* A call of a function that touches the rule sees only the facts it can
 * read or write (its sets, what lies below them, the objects its
 * pointers point to, the lent locals they reach, the IRQL base only if it
 * can ask for it): the entry (*entry) has those, the rule state and the
 * parameters; the other facts (*rest) come back unchanged after the call
 * (fr_restore), so callers that differ only there share one summary, and a
 * summary widened for one caller cannot blur what the callee never saw. */
typedef struct CallSplit CallSplit;
CallSplit *fr_split(Engine *e, const Frames *f, int fi, const State *s, State **entry);
State *fr_restore(Engine *e, const CallSplit *sp, const State *x);

/* interp.c */
/* Analyse function fi from state s (caller locals already stripped, params
 * bound); appends exit states (locals stripped, ret set) to out. */
void in_call(Engine *e, int fi, State *entry, Trace *ctx_trace, StateVec *out);
/* Function fi cannot touch the rule (frames.c): its effect on s, whose
 * parameters are bound in cs (NULL: cs = s), given the state `base` the
 * caller is left in apart from what fi writes.  Appends exit states with
 * s's trace and rule state. */
/* st: the call (its out parameters), or NULL for a callback NDIS runs. */
void in_frame(Engine *e, int fi, const State *cs, const State *base, const Step *st,
              StateVec *out);
int eng_budget_exceeded(Engine *e);

#endif
