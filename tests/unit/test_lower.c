/* test_lower.c - lowering of each C construct to blocks and edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "test_front_helpers.h"

#define DECLS                                                              \
    "typedef struct _ADAPTER { void *InterruptHandle; int Flags; } ADAPTER, *PADAPTER;\n" \
    "int Reg(void *a);\nvoid Dereg(void *h);\nvoid Sync(void *h);\nint Check(int);\n"

static const Func *lower1(Unit **u, const char *name, const char *code)
{
    *u = tf_parse(name, code);
    assert_non_null(*u);
    assert_true((*u)->parsed);
    if ((*u)->nerrors)
        diag_print(&(*u)->diags, stderr);
    assert_int_equal((*u)->nerrors, 0);
    const Func *f = cfg_find_func(*u, "f");
    assert_non_null(f);
    return f;
}

static void if_else_joins(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "if_else", DECLS
        "void f(PADAPTER a) {\n"
        "  if (a->Flags) Reg(a); else Dereg(a);\n"
        "  Sync(a);\n"
        "}\n");
    int r = tf_call_block(f, "Reg", 0, NULL), d = tf_call_block(f, "Dereg", 0, NULL);
    int s = tf_call_block(f, "Sync", 0, NULL);
    assert_int_equal(f->blocks[0].term, T_BRANCH);
    assert_int_equal(f->blocks[0].branch_kind, BR_IF);
    assert_int_equal(f->blocks[0].succ[0], r);
    assert_int_equal(f->blocks[0].succ[1], d);
    assert_false(tf_reaches(f, r, d));
    assert_true(tf_reaches(f, r, s));
    assert_true(tf_reaches(f, d, s));
    assert_int_equal(f->blocks[0].term_loc.line, 7);
    cfg_free_unit(u);
}

static void loops_have_back_edges(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "loops", DECLS
        "void f(int n) {\n"
        "  int i;\n"
        "  for (i = 0; i < n; i++) { if (i == 2) continue; if (Check(i)) break; Sync(0); }\n"
        "  while (n) { n--; Reg(0); }\n"
        "  do { Dereg(0); } while (Check(n));\n"
        "}\n");
    int s = tf_call_block(f, "Sync", 0, NULL);
    int r = tf_call_block(f, "Reg", 0, NULL);
    int d = tf_call_block(f, "Dereg", 0, NULL);
    assert_true(tf_reaches(f, s, s));
    assert_true(tf_reaches(f, r, r));
    assert_true(tf_reaches(f, d, d));
    assert_true(tf_reaches(f, s, r));
    assert_false(tf_reaches(f, r, s));
    assert_int_equal(tf_count_branches(f, BR_LOOP), 3);
    /* i++ became i = i + 1 */
    int found = 0;
    for (int b = 0; b < f->nblocks; b++)
        for (int j = 0; j < f->blocks[b].nsteps; j++) {
            const Step *st = &f->blocks[b].steps[j];
            if (st->kind == ST_ASSIGN && st->rhs && st->rhs->kind == EX_BINOP &&
                st->rhs->op == OP_ADD && strcmp(st->lhs->key, "i") == 0)
                found = 1;
        }
    assert_true(found);
    cfg_free_unit(u);
}

static void switch_chain_fallthrough_default(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "switch", DECLS
        "enum { TWO = 2 };\n"
        "void f(int x) {\n"
        "  switch (x) {\n"
        "  case 1: Reg(0);\n"
        "  case TWO: Dereg(0); break;\n"
        "  default: Sync(0);\n"
        "  case 'pMvN': Check(1);\n"
        "  }\n"
        "  Check(2);\n"
        "}\n");
    assert_int_equal(tf_count_branches(f, BR_SWITCH), 3);
    const Block *b0 = &f->blocks[0];
    assert_int_equal(b0->term, T_BRANCH);
    assert_int_equal(b0->cond->kind, EX_BINOP);
    assert_int_equal(b0->cond->op, OP_EQ);
    assert_int_equal(b0->cond->b->ival, 1);
    int r = tf_call_block(f, "Reg", 0, NULL), d = tf_call_block(f, "Dereg", 0, NULL);
    int s = tf_call_block(f, "Sync", 0, NULL), c1 = tf_call_block(f, "Check", 0, NULL);
    assert_true(tf_reaches(f, r, d));          /* fallthrough */
    assert_false(tf_reaches(f, d, s));         /* break */
    assert_true(tf_reaches(f, s, c1));         /* default falls into the last case */
    /* the multi-character constant folded */
    int seen = 0;
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].term == T_BRANCH && f->blocks[i].cond->kind == EX_BINOP &&
            f->blocks[i].cond->b->kind == EX_INT && f->blocks[i].cond->b->ival == 0x704d764e)
            seen = 1;
    assert_true(seen);
    cfg_free_unit(u);
}

static void goto_cleanup_and_labels(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "goto", DECLS
        "int f(PADAPTER a) {\n"
        "  int st = Reg(a);\n"
        "  if (st) goto fail;\n"
        "  Sync(a->InterruptHandle);\n"
        "  return 0;\n"
        "fail:\n"
        "  Dereg(a->InterruptHandle);\n"
        "  return st;\n"
        "}\n");
    int d = tf_call_block(f, "Dereg", 0, NULL), s = tf_call_block(f, "Sync", 0, NULL);
    assert_non_null(f->blocks[d].label);
    assert_string_equal(f->blocks[d].label, "fail");
    assert_false(tf_reaches(f, s, d));
    assert_int_equal(tf_count_term(f, T_RETURN), 2);
    assert_int_equal(f->blocks[d].term, T_RETURN);
    assert_string_equal(f->blocks[d].retval->key, "st");
    assert_int_equal(f->blocks[d].term_loc.line, 13);
    const Step *call = NULL;
    tf_call_block(f, "Reg", 0, &call);
    assert_non_null(call->lhs);
    assert_string_equal(call->lhs->key, "st");     /* st = Reg(a): no temporary */
    cfg_free_unit(u);
}

static void short_circuit_calls_on_edges(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "logic", DECLS
        "void f(PADAPTER a) {\n"
        "  if (a->InterruptHandle && Check(1) || Check(2)) Sync(a);\n"
        "  a->Flags = a->Flags ? Check(3) : 0;\n"
        "}\n");
    int c1 = -1, c2 = -1;
    for (int i = 0; i < 3; i++) {
        const Step *st = NULL;
        int b = tf_call_block(f, "Check", i, &st);
        if (st->args[0]->ival == 1)
            c1 = b;
        if (st->args[0]->ival == 2)
            c2 = b;
    }
    int s = tf_call_block(f, "Sync", 0, NULL);
    assert_int_equal(f->blocks[0].term, T_BRANCH);
    assert_int_equal(f->blocks[0].branch_kind, BR_LOGIC);
    assert_int_equal(f->blocks[0].cond->kind, EX_PATH);
    assert_string_equal(f->blocks[0].cond->key, "_ADAPTER.InterruptHandle");
    assert_int_equal(f->blocks[0].succ[0], c1);   /* Check(1) only when the handle is set */
    assert_true(tf_reaches(f, 0, c2));
    assert_true(tf_reaches(f, c1, s));
    assert_int_equal(tf_count_branches(f, BR_COND_EXPR), 1);
    for (int i = 0; i < 3; i++) {
        const Step *c3 = NULL;
        tf_call_block(f, "Check", i, &c3);
        if (c3->args[0]->ival == 3)
            assert_string_equal(c3->lhs->text, "$t2");
    }
    cfg_free_unit(u);
}

static void comma_and_assignment_in_condition(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "comma", DECLS
        "void f(int x) {\n"
        "  int s;\n"
        "  if ((s = Check(x)) != 0) Sync(0);\n"
        "  x = (Reg(0), Check(4));\n"
        "  x += 3;\n"
        "}\n");
    const Step *c = NULL;
    int b = tf_call_block(f, "Check", 0, &c);
    assert_string_equal(c->lhs->key, "s");
    assert_int_equal(f->blocks[b].term, T_BRANCH);
    assert_int_equal(f->blocks[b].cond->op, OP_NE);
    assert_true(tf_call_block(f, "Reg", 0, NULL) >= 0);
    tf_call_block(f, "Check", 1, &c);
    assert_string_equal(c->lhs->key, "x");
    cfg_free_unit(u);
}

static void do_while_zero_is_a_block(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "dowhile0", DECLS
        "#define FALSE 0\n"
        "void f(int x) {\n"
        "  do { if (Check(x)) break; Reg(0); } while (FALSE);\n"
        "  do { Dereg(0); } while (0);\n"
        "  Sync(0);\n"
        "}\n");
    assert_int_equal(tf_count_branches(f, BR_LOOP), 0);
    int r = tf_call_block(f, "Reg", 0, NULL), s = tf_call_block(f, "Sync", 0, NULL);
    assert_false(tf_reaches(f, r, r));
    assert_true(tf_reaches(f, r, s));
    cfg_free_unit(u);
}

static void constant_conditions_keep_live_edge(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "constants", DECLS
        "enum { OFF, ON };\n"
        "#define DEBUG_ON 0\n"
        "void f(int x) {\n"
        "  if (DEBUG_ON) Reg(0);\n"
        "  if (sizeof(int) == 4 && ON) Sync(0);\n"
        "  if (0 && Check(1)) Reg(1);\n"
        "  while (1) { if (x) break; }\n"
        "  if (((long)0xC0000001L) >= 0) Dereg(0);\n"
        "  x = (unsigned char)0x1ff;\n"
        "}\n");
    assert_int_equal(tf_count_calls(f, "Reg"), 0);
    assert_int_equal(tf_count_calls(f, "Check"), 0);
    assert_int_equal(tf_count_calls(f, "Sync"), 1);
    assert_int_equal(tf_count_branches(f, BR_IF), 1);   /* only if (x) */
    assert_int_equal(tf_count_calls(f, "Dereg"), 0);    /* a negative status */
    int found = 0;
    for (int i = 0; i < f->nblocks; i++)
        for (int j = 0; j < f->blocks[i].nsteps; j++)
            if (f->blocks[i].steps[j].kind == ST_ASSIGN && f->blocks[i].steps[j].rhs &&
                f->blocks[i].steps[j].rhs->kind == EX_INT && f->blocks[i].steps[j].rhs->ival == 0xff)
                found = 1;
    assert_true(found);
    cfg_free_unit(u);
}

static void seh_except_and_finally(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "seh", DECLS
        "int f(int x) {\n"
        "  __try { Reg(0); Check(1); } __except (1) { Dereg(0); }\n"
        "  __try {\n"
        "    if (x) return Check(2);\n"
        "    if (x > 4) __leave;\n"
        "    Check(3);\n"
        "  } __finally { Sync(0); }\n"
        "  return 0;\n"
        "}\n");
    assert_int_equal(tf_count_branches(f, BR_SEH), 2);
    int d = tf_call_block(f, "Dereg", 0, NULL);
    int r = tf_call_block(f, "Reg", 0, NULL);
    assert_int_equal(f->blocks[r].term, T_BRANCH);
    assert_null(f->blocks[r].cond);
    assert_int_equal(f->blocks[r].succ[0], d);
    /* the __finally body: a copy on the return, one shared by __leave and
     * the normal way out */
    assert_int_equal(tf_count_calls(f, "Sync"), 2);
    int s0 = tf_call_block(f, "Sync", 0, NULL), s1 = tf_call_block(f, "Sync", 1, NULL);
    int rets = 0;
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].term == T_RETURN &&
            (i == s0 || i == s1 || tf_reaches(f, s0, i) || tf_reaches(f, s1, i)))
            rets++;
    assert_int_equal(rets, 2);
    assert_false(tf_reaches(f, s0, s1) && tf_reaches(f, s1, s0));
    cfg_free_unit(u);
}

/* AbnormalTermination() in a __finally is known in each copy of it: TRUE
 * on the way out by return, FALSE at the normal end and __leave. */
static void seh_abnormal_termination_folds(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "sehabn", DECLS
        "int __cdecl _abnormal_termination(void);\n"
        "#define AbnormalTermination() _abnormal_termination()\n"
        "int f(int x) {\n"
        "  __try {\n"
        "    if (x) return 1;\n"
        "    Check(3);\n"
        "  } __finally { if (AbnormalTermination()) Dereg(0); else Sync(0); }\n"
        "  return 0;\n"
        "}\n");
    assert_int_equal(tf_count_calls(f, "_abnormal_termination"), 0);
    /* the constant condition keeps only its live edge in each copy */
    assert_int_equal(tf_count_calls(f, "Dereg"), 1);
    assert_int_equal(tf_count_calls(f, "Sync"), 1);
    int d = tf_call_block(f, "Dereg", 0, NULL), y = tf_call_block(f, "Sync", 0, NULL);
    int c = tf_call_block(f, "Check", 0, NULL);
    assert_true(tf_reaches(f, c, y));
    assert_false(tf_reaches(f, c, d));
    cfg_free_unit(u);
}

static void noreturn_ends_paths(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "noreturn", DECLS
        "void KeBugCheckEx(unsigned long, unsigned long, unsigned long, unsigned long, unsigned long);\n"
        "__declspec(noreturn) void MyPanic(int);\n"
        "_Noreturn void MyPanic2(void);\n"
        "void f(int x) {\n"
        "  if (x == 1) KeBugCheckEx(1, 2, 3, 4, 5);\n"
        "  if (x == 2) MyPanic(2);\n"
        "  if (x == 3) MyPanic2();\n"
        "  Sync(0);\n"
        "}\n");
    assert_int_equal(tf_count_term(f, T_NORETURN), 3);
    const Step *s = NULL;
    int b = tf_call_block(f, "MyPanic", 0, &s);
    assert_true(s->noreturn);
    assert_int_equal(f->blocks[b].term, T_NORETURN);
    tf_call_block(f, "MyPanic2", 0, &s);
    assert_true(s->noreturn);
    int found = 0;
    for (int i = 0; i < u->nnoreturn; i++)
        found += strcmp(u->noreturn_fns[i], "MyPanic") == 0 ||
                 strcmp(u->noreturn_fns[i], "MyPanic2") == 0;
    assert_int_equal(found, 2);
    cfg_free_unit(u);
}

static void nested_calls_use_temporaries(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "nested", DECLS
        "void f(int x) {\n"
        "  Sync((void *)(long long)Check(Check(x) + 1));\n"
        "}\n");
    const Step *in = NULL, *out = NULL, *sy = NULL;
    int b0 = tf_call_block(f, "Check", 0, &in);
    int b1 = tf_call_block(f, "Check", 1, &out);
    tf_call_block(f, "Sync", 0, &sy);
    assert_int_equal(b0, b1);
    assert_true(in < out);
    assert_string_equal(in->args[0]->key, "x");
    assert_string_equal(in->lhs->key, "$t0");
    assert_int_equal(out->args[0]->kind, EX_BINOP);
    assert_string_equal(out->args[0]->a->key, "$t0");
    assert_string_equal(sy->args[0]->key, "$t1");
    assert_null(sy->lhs);
    cfg_free_unit(u);
}

static void declarations_and_initialisers(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "decls", DECLS
        "typedef int (*HANDLER)(void *);\n"
        "typedef struct _CHARS { int Version; HANDLER Init; HANDLER Halt; } CHARS;\n"
        "typedef struct _TABLE { HANDLER Fn; int Id; } TABLE;\n"
        "static CHARS g_chars = { 1, Reg };\n"
        "TABLE g_table[] = { { Reg, 1 }, { .Fn = Check, .Id = 2 } };\n"
        "CHARS g_d = { .Halt = &Reg };\n"
        "void f(int x) {\n"
        "  int a;\n"
        "  CHARS c = { .Init = Reg, .Version = 6 };\n"
        "  static TABLE t = { Reg };\n"
        "  a = x;\n"
        "}\n");
    const Block *b = &f->blocks[0];
    assert_int_equal(b->nsteps, 5);
    assert_int_equal(b->steps[0].kind, ST_ASSIGN);
    assert_string_equal(b->steps[0].lhs->key, "a");
    assert_null(b->steps[0].rhs);
    /* C zeroes the members the list does not name: the record is zeroed first */
    assert_int_equal(b->steps[1].kind, ST_CALL);
    assert_string_equal(b->steps[1].callee, "memset");
    assert_int_equal(b->steps[1].args[0]->kind, EX_ADDR);
    assert_string_equal(b->steps[1].args[0]->a->key, "c");
    assert_int_equal(b->steps[1].args[1]->ival, 0);
    assert_string_equal(b->steps[2].lhs->key, "c.Init");
    assert_string_equal(b->steps[2].lhs->tkey, "_CHARS.Init");
    assert_int_equal(b->steps[2].rhs->kind, EX_FUNC);
    assert_string_equal(b->steps[2].rhs->text, "Reg");
    assert_string_equal(b->steps[3].lhs->key, "c.Version");
    assert_int_equal(b->steps[3].rhs->ival, 6);
    /* global and static stores of function designators; an array's elements by index (a
       call through g_table[1].Fn runs what its initialiser put there) */
    const char *want[][3] = {
        { "g_chars@decls.c.Init", "_CHARS.Init", "Reg" },
        { "g_table[0].Fn", "_TABLE.Fn", "Reg" },
        { "g_table[1].Fn", "_TABLE.Fn", "Check" },
        { "g_d.Halt", "_CHARS.Halt", "Reg" },
        { "f.t@decls.c.Fn", "_TABLE.Fn", "Reg" },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int found = 0;
        for (int j = 0; j < u->nfnstores; j++)
            found += strcmp(u->fnstores[j].key, want[i][0]) == 0 &&
                     strcmp(u->fnstores[j].tkey, want[i][1]) == 0 &&
                     strcmp(u->fnstores[j].func, want[i][2]) == 0;
        if (!found)
            fail_msg("no fnstore %s %s %s", want[i][0], want[i][1], want[i][2]);
    }
    assert_int_equal(u->nfnstores, 5);
    cfg_free_unit(u);
}

static void keys_scopes_and_roles(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "keys", DECLS
        "typedef void MINIPORT_HALT(PADAPTER Adapter, int Action);\n"
        "MINIPORT_HALT f;\n"
        "static int g_s;\n"
        "int g_x;\n"
        "typedef struct { int Value; struct { int In; } Nest; } ANON, *PANON;\n"
        "void f(PADAPTER Adapter, int Action) {\n"
        "  PANON p = 0;\n"
        "  ADAPTER local;\n"
        "  int arr[4];\n"
        "  g_s = Adapter->Flags;\n"
        "  g_x = (*Adapter).Flags + p->Nest.In;\n"
        "  local.Flags = arr[Action];\n"
        "  *(int *)Adapter->InterruptHandle = 3;\n"
        "}\n");
    assert_string_equal(f->role, "MINIPORT_HALT");
    assert_int_equal(u->nroles, 1);
    assert_string_equal(u->roles[0].func, "f");
    assert_string_equal(f->params[0].record, "_ADAPTER");
    assert_null(f->params[1].record);
    const Block *b = &f->blocks[0];
    const Step *s = &b->steps[3];
    assert_string_equal(s->lhs->key, "g_s@keys.c");
    assert_int_equal(s->lhs->scope, SCOPE_GLOBAL);
    assert_string_equal(s->rhs->key, "_ADAPTER.Flags");
    assert_string_equal(s->rhs->tkey, "_ADAPTER.Flags");
    assert_int_equal(s->rhs->scope, SCOPE_HEAP);
    assert_string_equal(s->rhs->text, "Adapter->Flags");
    s = &b->steps[4];
    assert_string_equal(s->lhs->key, "g_x");
    assert_string_equal(s->rhs->a->key, "_ADAPTER.Flags");
    assert_string_equal(s->rhs->b->key, "ANON.Nest.In");
    s = &b->steps[5];
    assert_string_equal(s->lhs->key, "local.Flags");
    assert_int_equal(s->lhs->scope, SCOPE_LOCAL);
    assert_string_equal(s->rhs->key, "arr[]");
    s = &b->steps[6];
    assert_string_equal(s->lhs->key, "*_ADAPTER.InterruptHandle");
    /* parameters */
    s = &b->steps[0];
    assert_string_equal(s->lhs->key, "p");
    assert_true(s->lhs->is_pointer);
    int found = 0;
    for (int i = 0; i < b->nsteps; i++)
        if (b->steps[i].rhs && b->steps[i].rhs->kind == EX_PATH &&
            strcmp(b->steps[i].rhs->key, "arr[]") == 0)
            found = 1;
    assert_true(found);
    cfg_free_unit(u);
}

static void params_scope_and_index(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "params", DECLS
        "void f(PADAPTER a, int n) {\n"
        "  Dereg(a);\n"
        "  Check(n);\n"
        "}\n");
    const Step *s = NULL;
    tf_call_block(f, "Check", 0, &s);
    assert_int_equal(s->args[0]->scope, SCOPE_PARAM);
    assert_int_equal(s->args[0]->param_index, 1);
    tf_call_block(f, "Dereg", 0, &s);
    assert_int_equal(s->args[0]->param_index, 0);
    assert_true(s->args[0]->is_pointer);
    cfg_free_unit(u);
}

static void locations_are_expansions(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "macroloc", DECLS
        "#define DEREG(a) do { Dereg((a)->InterruptHandle); } while (0)\n"
        "void f(PADAPTER a) {\n"
        "  DEREG(a);\n"
        "  if (a) {\n"
        "    return;\n"
        "  }\n"
        "}\n");
    const Step *s = NULL;
    tf_call_block(f, "Dereg", 0, &s);
    assert_int_equal(s->loc.line, 8);
    assert_int_equal(s->loc.col, 3);
    assert_true(s->from_macro);
    assert_string_equal(s->args[0]->key, "_ADAPTER.InterruptHandle");
    int explicit_ret = 0, implicit_ret = 0;
    for (int i = 0; i < f->nblocks; i++) {
        if (f->blocks[i].term != T_RETURN)
            continue;
        if (f->blocks[i].term_loc.line == 10 && f->blocks[i].term_loc.col == 5)
            explicit_ret = 1;
        if (f->blocks[i].term_loc.line == 12 && f->blocks[i].term_loc.col == 1)
            implicit_ret = 1;
    }
    assert_true(explicit_ret);
    assert_true(implicit_ret);
    cfg_free_unit(u);
}

static void operators_inside_macros(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "macro_ops", DECLS
        "#define NT_SUCCESS(s) (((long)(s)) >= 0)\n"
        "#define STATUS_OK ((long)0)\n"
        "#define REG_OFF 20\n"
        "#define TRACE(l, x) if ((!g_on) || l > g_level) {} else Check x\n"
        "#define WRAP(e) (e)\n"
        "#define FS (sizeof(int))\n"
        "#define ST (8 + FS)\n"
        "int g_on, g_level;\n"
        "void f(int s, PADAPTER a) {\n"
        "  if (!NT_SUCCESS(s)) Reg(a);\n"
        "  if (s != STATUS_OK) Dereg(a);\n"
        "  TRACE(2, (Check(a->Flags + REG_OFF)));\n"
        "  if (WRAP(s & 4)) Sync(a);\n"
        "  s = ST;\n"
        "}\n");
    for (int i = 0; i < f->nblocks; i++) {
        const Block *b = &f->blocks[i];
        if (b->term == T_BRANCH && b->cond)
            assert_int_not_equal(b->cond->kind, EX_UNKNOWN);
        for (int j = 0; j < b->nsteps; j++)
            for (int k = 0; k < b->steps[j].nargs; k++)
                assert_int_not_equal(b->steps[j].args[k]->kind, EX_UNKNOWN);
    }
    const Block *b0 = &f->blocks[0];
    assert_int_equal(b0->cond->kind, EX_UNOP);
    assert_int_equal(b0->cond->a->op, OP_GE);
    const Step *s = NULL;
    tf_call_block(f, "Check", 0, &s);
    assert_int_equal(s->args[0]->op, OP_ADD);
    assert_int_equal(s->args[0]->b->ival, 20);
    assert_int_equal(tf_count_branches(f, BR_LOGIC), 1);
    /* s = ST: one assignment of the constant, not an "assignment" inside ST */
    int n = 0;
    for (int i = 0; i < f->nblocks; i++)
        for (int j = 0; j < f->blocks[i].nsteps; j++) {
            const Step *st = &f->blocks[i].steps[j];
            if (st->kind == ST_ASSIGN && st->lhs && strcmp(st->lhs->key, "s") == 0) {
                n++;
                assert_int_equal(st->rhs->kind, EX_INT);
                assert_int_equal(st->rhs->ival, 12);
            }
        }
    assert_int_equal(n, 1);
    cfg_free_unit(u);
}

/* "(_A)->Handle != NULL" in a macro body, NULL a macro too: the operator
 * is found after the member name where the body spells it */
static void operator_after_member_in_macro(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "macro_member_ops", DECLS
        "#define MY_NULL ((void *)0)\n"
        "#define MY_TRUE 1\n"
        "#define CONNECTED(_A) ((_A)->Handle != MY_NULL)\n"
        "#define READY(_A) ((_A)->Flags == MY_TRUE)\n"
        "#define CHK(x) (x)\n"
        "struct H { void *Handle; int Flags; };\n"
        "void f(struct H *a, int s) {\n"
        "  if (CONNECTED(a)) Sync(a);\n"
        "  if (READY(a)) Sync(a);\n"
        "  if (CHK(s) && s) Sync(a);\n"
        "}\n");
    const Block *b0 = &f->blocks[0];
    assert_int_equal(b0->cond->kind, EX_BINOP);
    assert_int_equal(b0->cond->op, OP_NE);
    int eq = 0, unknown = 0;
    for (int i = 0; i < f->nblocks; i++) {
        const Block *b = &f->blocks[i];
        if (b->term == T_BRANCH && b->cond) {
            eq += b->cond->kind == EX_BINOP && b->cond->op == OP_EQ;
            unknown += b->cond->kind == EX_UNKNOWN;
        }
    }
    assert_int_equal(eq, 1);
    assert_int_equal(unknown, 0);
    cfg_free_unit(u);
}

static void deep_nesting_does_not_overflow(void **state)
{
    (void)state;
    enum { DEPTH = 5000 };
    size_t cap = (size_t)DEPTH * 40 + 256, n = 0;
    char *src = malloc(cap);
    n += (size_t)snprintf(src + n, cap - n, "int Check(int);\nvoid f(int x) {\n");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)snprintf(src + n, cap - n, "if (x > %d) {\n", i);
    n += (size_t)snprintf(src + n, cap - n, "Check(x);\n");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)snprintf(src + n, cap - n, "}\n");
    snprintf(src + n, cap - n, "}\n");
    Unit *u;
    const Func *f = lower1(&u, "deep", src);
    assert_int_equal(tf_count_branches(f, BR_IF), DEPTH);
    assert_int_equal(tf_count_calls(f, "Check"), 1);
    free(src);
    cfg_free_unit(u);
}

static void huge_function_lowers(void **state)
{
    (void)state;
    enum { STMTS = 30000 };
    size_t cap = (size_t)STMTS * 32 + 256, n = 0;
    char *src = malloc(cap);
    n += (size_t)snprintf(src + n, cap - n, "int Check(int);\nint g;\nvoid f(int x) {\n");
    for (int i = 0; i < STMTS; i++)
        n += (size_t)snprintf(src + n, cap - n, i % 3 ? "g = Check(%d);\n" : "if (x == %d) g++;\n", i);
    snprintf(src + n, cap - n, "}\n");
    Unit *u;
    const Func *f = lower1(&u, "huge", src);
    assert_int_equal(tf_count_calls(f, "Check"), STMTS - STMTS / 3);
    assert_int_equal(tf_count_branches(f, BR_IF), STMTS / 3);
    free(src);
    cfg_free_unit(u);
}

/* A big constant table (crypto S-boxes, CRC tables) is recorded element
 * by element for reads at constant indices; the record must grow in
 * linear memory (it was quadratic: 2.3 GB for one real file). */
static void big_const_table_lowers_linearly(void **state)
{
    (void)state;
    enum { N = 20000 };
    size_t cap = (size_t)N * 16 + 256, n = 0;
    char *src = malloc(cap);
    n += (size_t)snprintf(src + n, cap - n, "static const unsigned int Table[%d] = {\n", N);
    for (int i = 0; i < N; i++)
        n += (size_t)snprintf(src + n, cap - n, "%d,\n", i * 7);
    snprintf(src + n, cap - n, "};\nunsigned int f(void) { return Table[3]; }\n");
    Unit *u;
    const Func *f = lower1(&u, "table", src);
    assert_non_null(f);
    assert_true(u->nginits >= N);
    assert_true(arena_used(u->arena) < (size_t)64 * 1024 * 1024);
    free(src);
    cfg_free_unit(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(if_else_joins),
        cmocka_unit_test(loops_have_back_edges),
        cmocka_unit_test(switch_chain_fallthrough_default),
        cmocka_unit_test(goto_cleanup_and_labels),
        cmocka_unit_test(short_circuit_calls_on_edges),
        cmocka_unit_test(comma_and_assignment_in_condition),
        cmocka_unit_test(do_while_zero_is_a_block),
        cmocka_unit_test(constant_conditions_keep_live_edge),
        cmocka_unit_test(seh_except_and_finally),
        cmocka_unit_test(seh_abnormal_termination_folds),
        cmocka_unit_test(noreturn_ends_paths),
        cmocka_unit_test(nested_calls_use_temporaries),
        cmocka_unit_test(declarations_and_initialisers),
        cmocka_unit_test(keys_scopes_and_roles),
        cmocka_unit_test(params_scope_and_index),
        cmocka_unit_test(locations_are_expansions),
        cmocka_unit_test(operators_inside_macros),
        cmocka_unit_test(operator_after_member_in_macro),
        cmocka_unit_test(deep_nesting_does_not_overflow),
        cmocka_unit_test(huge_function_lowers),
        cmocka_unit_test(big_const_table_lowers_linearly),
    };
    return cmocka_run_group_tests(tests, tf_setup, tf_teardown);
}
