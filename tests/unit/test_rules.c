/* test_rules.c - the SLIC rule language: lexer, preprocessor, parser,
 * checker, loader, dump; the shipped NDIS rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "drvcheck/rule.h"
#include "drvcheck/roles.h"
#include "rules/slic.h"

/* Load text as file `name`; return the set (caller frees) and the diags. */
static int load(const char *name, const char *text, RuleSet *set, DiagList *d)
{
    rule_set_init(set);
    memset(d, 0, sizeof *d);
    return rule_load_text(name, text, set, d);
}

/* The first diagnostic as "file:line:col: error: msg". */
static char *first_diag(const DiagList *d)
{
    static char buf[1024];
    if (d->n == 0)
        return strcpy(buf, "(none)");
    snprintf(buf, sizeof buf, "%s:%d:%d: %s: %s", d->v[0].file ? d->v[0].file : "", d->v[0].line,
             d->v[0].col, diag_severity_name(d->v[0].sev), d->v[0].msg);
    return buf;
}

static void expect_error(const char *text, const char *want)
{
    RuleSet set;
    DiagList d;
    int n = load("t.slic", text, &set, &d);
    if (n == 0 || strcmp(first_diag(&d), want) != 0) {
        print_error("for:\n%s\nwant: %s\ngot:  %s (%d errors)\n", text, want, first_diag(&d), n);
        fail();
    }
    assert_int_equal(set.n, 0);
    diag_clear(&d);
    rule_set_free(&set);
}

static const Rule *load_ok(const char *text, RuleSet *set)
{
    DiagList d;
    int n = load("t.slic", text, set, &d);
    if (n != 0) {
        print_error("unexpected: %s\n", first_diag(&d));
        fail();
    }
    diag_clear(&d);
    assert_int_equal(set->n, 1);
    return set->rules[0];
}

static char *dump_str(const Rule *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    rule_dump(r, f);
    fclose(f);
    return buf;
}

/* --- shipped rules ---------------------------------------------------------- */

static void shipped_rules_all_load_and_run(void **state)
{
    (void)state;
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    int n = rule_load(TEST_SOURCE_DIR "/rules", &set, &d);
    if (n)
        diag_print(&d, stderr);
    assert_int_equal(n, 0);
    const char *names[] = { "Init_RegisterInterrupt", "NdisMDeregisterInterruptEx", "NdisSpinLock",
                            "NdisStallExecution_Delay" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const Rule *r = rule_find(&set, names[i]);
        assert_non_null(r);
        assert_true(r->runnable);
        assert_null(r->unsupported);
        assert_true(strlen(r->summary) > 20);
        assert_true(r->summary[strlen(r->summary) - 1] == '.');
        assert_true(strlen(r->description) > strlen(r->summary));
    }
    /* sorted by path */
    for (int i = 1; i < set.n; i++)
        assert_true(strcmp(set.rules[i - 1]->file, set.rules[i]->file) < 0);
    diag_clear(&d);
    rule_set_free(&set);
}

static void deregister_rule_model(void **state)
{
    (void)state;
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    assert_int_equal(rule_load(TEST_SOURCE_DIR "/rules/ndis/NdisMDeregisterInterruptEx.slic", &set, &d), 0);
    const Rule *r = rule_find(&set, "NdisMDeregisterInterruptEx");
    assert_non_null(r);
    assert_string_equal(r->summary, "After NdisMDeregisterInterruptEx returns, the miniport driver must not call "
                                    "NdisMSynchronizeWithInterruptEx until NdisMRegisterInterruptEx succeeds again.");
    assert_int_equal(r->nvars, 1);
    assert_true(r->vars[0].is_enum);
    assert_int_equal(r->vars[0].nenum, 3);
    assert_string_equal(r->vars[0].enumerators[2], "deregistered");
    assert_int_equal(r->vars[0].init, 0);
    assert_int_equal(r->nevents, 3);
    const RuleEvent *reg = &r->events[0];
    assert_int_equal(reg->targets[0].kind, TGT_API);
    assert_string_equal(reg->targets[0].name, "NdisMRegisterInterruptEx");
    assert_int_equal(reg->when, EV_EXIT);
    /* if (NDIS_SUCCESS($return)) s = registered; */
    const RStmt *ifs = reg->body->stmts[0];
    assert_int_equal(ifs->kind, RS_IF);
    assert_int_equal(ifs->cond->kind, RX_BINOP);
    assert_int_equal(ifs->cond->op, OP_EQ);
    assert_int_equal(ifs->cond->a->kind, RX_RETURN);
    assert_int_equal(ifs->cond->b->kind, RX_INT);
    assert_int_equal(ifs->cond->b->ival, 0);
    const RStmt *as = ifs->then_s->stmts[0];
    assert_int_equal(as->kind, RS_ASSIGN);
    assert_int_equal(as->var, 0);
    assert_int_equal(as->value->ival, 1);
    const RuleEvent *sync = &r->events[2];
    assert_string_equal(sync->targets[0].name, "NdisMSynchronizeWithInterruptEx");
    assert_int_equal(sync->when, EV_ENTRY);
    const RStmt *ab = sync->body->stmts[0]->then_s->stmts[0];
    assert_int_equal(ab->kind, RS_ABORT);
    assert_non_null(strstr(ab->message, "$fname"));
    char buf[32];
    assert_string_equal(rule_value_name(r, 0, 2, buf, sizeof buf), "deregistered");
    assert_string_equal(rule_value_name(r, 0, 7, buf, sizeof buf), "7");
    diag_clear(&d);
    rule_set_free(&set);
}

static void spinlock_rule_watch_guard_and_roles(void **state)
{
    (void)state;
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    assert_int_equal(rule_load(TEST_SOURCE_DIR "/rules/ndis/NdisSpinLock.slic", &set, &d), 0);
    const Rule *r = set.rules[0];
    assert_true(r->has_watch);
    assert_string_equal(r->watch_target.name, "NdisAllocateSpinLock");
    assert_int_equal(r->watch_when, EV_EXIT);
    assert_int_equal(r->watch_arg, 1);
    assert_int_equal(r->nevents, 5);
    assert_int_equal(r->events[0].guard_arg, 1);
    assert_int_equal(r->events[0].ntargets, 2);
    assert_string_equal(r->events[0].targets[1].name, "NdisDprAcquireSpinLock");
    /* the interlocked routines that take the lock themselves: by its argument's place */
    assert_int_equal(r->events[1].guard_arg, 3);
    assert_int_equal(r->events[1].ntargets, 5);
    assert_string_equal(r->events[1].targets[3].name, "NdisInterlockedInsertTailList");
    assert_int_equal(r->events[2].guard_arg, 2);
    assert_string_equal(r->events[2].targets[0].name, "NdisInterlockedRemoveHeadList");
    assert_int_equal(r->events[3].guard_arg, 1);
    const RuleEvent *ex = &r->events[4];
    assert_int_equal(ex->guard_arg, 0);
    int halt = 0;
    for (int i = 0; i < ex->ntargets; i++) {
        assert_int_equal(ex->targets[i].kind, TGT_ROLE);
        assert_true(ex->targets[i].role >= 0);
        halt |= ex->targets[i].role == ROLE_HALT;
    }
    assert_true(halt);
    diag_clear(&d);
    rule_set_free(&set);
}

static void init_rule_failure_condition(void **state)
{
    (void)state;
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    assert_int_equal(rule_load(TEST_SOURCE_DIR "/rules/ndis/Init_RegisterInterrupt.slic", &set, &d), 0);
    const Rule *r = set.rules[0];
    const RuleEvent *init = &r->events[2];
    assert_int_equal(init->targets[0].kind, TGT_ROLE);
    assert_int_equal(init->targets[0].role, ROLE_INITIALIZE);
    assert_string_equal(init->targets[0].name, "MINIPORT_INITIALIZE");
    const RExpr *c = init->body->stmts[0]->cond;
    assert_int_equal(c->op, OP_LAND);
    assert_int_equal(c->a->op, OP_NE);
    assert_int_equal(c->a->a->kind, RX_RETURN);
    assert_int_equal(r->events[3].targets[0].role, ROLE_HALT);
    diag_clear(&d);
    rule_set_free(&set);
}

/* --- language --------------------------------------------------------------- */

static void targets_sdv_prefix_and_roles(void **state)
{
    (void)state;
    RuleSet set;
    const Rule *r = load_ok("NdisFoo.entry { halt; }\n"
                            "sdv_NdisFoo.exit { }\n"
                            "sdv_MINIPORT_HALT.exit { }\n"
                            "MINIPORT_HALT.exit { }\n"
                            "[sdv_NdisA, NdisB, sdv_MINIPORT_PAUSE].entry { }\n",
                            &set);
    assert_int_equal(r->nevents, 5);
    assert_int_equal(r->events[0].targets[0].kind, TGT_API);
    assert_string_equal(r->events[0].targets[0].name, "NdisFoo");
    assert_int_equal(r->events[0].targets[0].role, -1);
    assert_int_equal(r->events[0].body->stmts[0]->kind, RS_HALT);
    assert_string_equal(r->events[1].targets[0].name, "NdisFoo");
    assert_int_equal(r->events[1].when, EV_EXIT);
    assert_int_equal(r->events[2].targets[0].kind, TGT_ROLE);
    assert_int_equal(r->events[2].targets[0].role, ROLE_HALT);
    assert_int_equal(r->events[3].targets[0].kind, TGT_API);
    assert_int_equal(r->events[4].ntargets, 3);
    assert_string_equal(r->events[4].targets[0].name, "NdisA");
    assert_int_equal(r->events[4].targets[2].role, ROLE_PAUSE);
    assert_true(r->runnable);
    assert_string_equal(r->name, "t");
    rule_set_free(&set);
}

static void state_ints_and_compound_assignment(void **state)
{
    (void)state;
    RuleSet set;
    const Rule *r = load_ok("state { int n = -2; unsigned long m; enum {a, b, c} s = c; }\n"
                            "sdv_X.entry { n += 3; n--; s = b; m = n * 2 + (s == a ? 1 : 0); }\n",
                            &set);
    assert_int_equal(r->nvars, 3);
    assert_int_equal(r->vars[0].init, -2);
    assert_int_equal(r->vars[1].init, 0);
    assert_int_equal(r->vars[2].init, 2);
    const RStmt *b = r->events[0].body;
    assert_int_equal(b->nstmts, 4);
    assert_int_equal(b->stmts[0]->value->op, OP_ADD);
    assert_int_equal(b->stmts[0]->value->a->kind, RX_VAR);
    assert_int_equal(b->stmts[1]->value->op, OP_SUB);
    assert_int_equal(b->stmts[2]->value->ival, 1);
    assert_int_equal(b->stmts[3]->value->b->kind, RX_COND);
    rule_set_free(&set);
}

static void macros_and_conditionals(void **state)
{
    (void)state;
    RuleSet set;
    const Rule *r = load_ok("#define ONE 1\n"
                            "#define ADD(a, b) ((a) + (b))\n"
                            "#define STR(x) #x\n"
                            "#define SELF SELF_X\n"
                            "#if defined(ONE) && ONE + 1 == 2\n"
                            "#define PICK 7\n"
                            "#else\n"
                            "#define PICK 8\n"
                            "#endif\n"
                            "#ifndef ONE\n"
                            "#error not here\n"
                            "#endif\n"
                            "#undef ONE\n"
                            "#ifdef ONE\n"
                            "#error gone\n"
                            "#endif\n"
                            "state { int n = ADD(PICK, \\\n 1); }\n"
                            "sdv_X.entry { abort STR(hi there); }\n",
                            &set);
    assert_int_equal(r->vars[0].init, 8);
    assert_string_equal(r->events[0].body->stmts[0]->message, "hi there");
    rule_set_free(&set);
}

static void include_relative_and_rules_root(void **state)
{
    (void)state;
    char dir[] = "/tmp/drvcheck_rules_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/inc", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/inc/a.h", dir);
    FILE *f = fopen(path, "w");
    fputs("#include \"b.h\"\n#define A_VAL (B_VAL + 1)\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/inc/b.h", dir);
    f = fopen(path, "w");
    fputs("#define B_VAL 41\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/r.slic", dir);
    f = fopen(path, "w");
    fputs("// r: uses headers.\n#include \"inc\\a.h\"\n#include \"ndis_slic.h\"\n"
          "state { int n = A_VAL; int m = NDIS_STATUS_FAILURE; }\n",
          f);
    fclose(f);
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    int n = rule_load(path, &set, &d);
    if (n)
        diag_print(&d, stderr);
    assert_int_equal(n, 0);
    assert_int_equal(set.rules[0]->vars[0].init, 42);
    assert_int_equal(set.rules[0]->vars[1].init, -1073741823);
    assert_string_equal(set.rules[0]->summary, "r: uses headers.");
    diag_clear(&d);
    rule_set_free(&set);
    /* the directory form finds the same rule */
    rule_set_init(&set);
    assert_int_equal(rule_load(dir, &set, &d), 0);
    assert_int_equal(set.n, 1);
    rule_set_free(&set);
    diag_clear(&d);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

static void arity_checked_against_model_prototypes(void **state)
{
    (void)state;
    char dir[] = "/tmp/drvcheck_rules_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/wdk", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/wdk/model.h", dir);
    FILE *f = fopen(path, "w");
    fputs("/* model */\n#define NdisMacro(a, b, c) x\n"
          "_IRQL_requires_max_(DISPATCH_LEVEL)\n"
          "VOID NdisTwo(_In_ NDIS_HANDLE h, _In_reads_(n, m) PVOID p);\n"
          "NDIS_STATUS NdisNone(VOID);\n"
          "typedef VOID (MINIPORT_HALT)(NDIS_HANDLE a, int b);\n"
          "struct S { int (*f)(int a, int b, int c, int d); };\n"
          "static inline int Inl(int a) { return g(a, a, a); }\n"
          "int Var(int a, ...);\n",
          f);
    fclose(f);
    ProtoTable pt = { 0 };
    Arena *a = arena_new();
    snprintf(path, sizeof path, "%s/wdk", dir);
    slic_protos_scan_dir(a, &pt, path);
    assert_int_equal(slic_proto_params(&pt, "NdisTwo"), 2);
    assert_int_equal(slic_proto_params(&pt, "NdisNone"), 0);
    assert_int_equal(slic_proto_params(&pt, "MINIPORT_HALT"), 2);
    assert_int_equal(slic_proto_params(&pt, "Inl"), 1);
    assert_int_equal(slic_proto_params(&pt, "Var"), -1);
    assert_int_equal(slic_proto_params(&pt, "NdisMacro"), -2);
    assert_int_equal(slic_proto_params(&pt, "f"), -2);
    assert_int_equal(slic_proto_params(&pt, "g"), -2);
    arena_free(a);

    snprintf(path, sizeof path, "%s/r.slic", dir);
    f = fopen(path, "w");
    fputs("sdv_NdisTwo.entry {\n    if ($2 == 0 || $3 == 0) { abort \"x\"; }\n}\n", f);
    fclose(f);
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    assert_int_equal(rule_load(path, &set, &d), 1);
    char want[600];
    snprintf(want, sizeof want, "%s:2:20: error: '$3' is beyond the 2 parameters of NdisTwo", path);
    assert_string_equal(first_diag(&d), want);
    assert_string_equal(d.v[0].source_line, "    if ($2 == 0 || $3 == 0) { abort \"x\"; }");
    diag_clear(&d);
    rule_set_free(&set);
    /* unknown APIs are not checked; Var is variadic */
    f = fopen(path, "w");
    fputs("sdv_NdisUnknown.entry { if ($9 == 0) { halt; } }\nsdv_Var.entry { if ($5) { halt; } }\n"
          "sdv_MINIPORT_HALT.exit [guard $3] { }\n", f);
    fclose(f);
    rule_set_init(&set);
    assert_int_equal(rule_load(path, &set, &d), 1);
    snprintf(want, sizeof want, "%s:3:1: error: '[guard $3]' is beyond the 2 parameters of MINIPORT_HALT", path);
    assert_string_equal(first_diag(&d), want);
    diag_clear(&d);
    rule_set_free(&set);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

static void sdv_constructs_parse_but_are_not_runnable(void **state)
{
    (void)state;
    static const struct {
        const char *text, *unsupported;
    } cases[] = {
        { "sdv_X.entry {\n if (sdv_irql_current != 0) { abort \"a\"; } }", "sdv_irql_current at t.slic:2" },
        { "sdv_X.entry { if ($1->Flags == 3) { halt; } }", "$1->Flags at t.slic:1" },
        { "sdv_X.entry { if ((*$4) == 0) { halt; } }", "*$4 at t.slic:1" },
        { "sdv_X.entry { sdv_SetIrql(2); }", "sdv_SetIrql(2) at t.slic:1" },
        { "sdv_X.entry { if ((PIRP)$1 == 0) { halt; } }", "(PIRP)$1 at t.slic:1" },
        { "sdv_X.entry { reset; }", "'reset;' at t.slic:1" },
        { "sdv_X.entry { halt_all; }", "'halt_all;' at t.slic:1" },
        { "state { int *p = 0; }", "pointer state variable 'p' at t.slic:1" },
        { "sdv_X.exit [ guard || null $4] { }", "'[guard || null $4]' at t.slic:1" },
        { "sdv_X.entry { if ($1 == g_Adapter) { halt; } }", "g_Adapter at t.slic:1" },
        { "sdv_X.entry { if ($1 == SDV_DIRQL) { halt; } }", "SDV_DIRQL at t.slic:1" },
        { "watch sdv_X.exit.$return;", "watch on '$return' at t.slic:1" },
        { "sdv_main.exit { }", "sdv_main event at t.slic:1" },
        { "watch sdv_X.exit.(*$1);", "watch on '(*$1)' at t.slic:1" },
        { "sdv_X.exit [guard $return] { }", "'[guard $return]' at t.slic:1" },
        { "state { int n = 0; } with guard (sdv_main, hdev)\nsdv_X.exit { if ($1 == hdev) { halt; } }",
          "hdev at t.slic:2" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        RuleSet set;
        const Rule *r = load_ok(cases[i].text, &set);
        assert_false(r->runnable);
        assert_string_equal(r->unsupported, cases[i].unsupported);
        rule_set_free(&set);
    }
    /* with guard is kept as text and does not stop the rule */
    RuleSet set;
    const Rule *r = load_ok("state { int n = 0; } with guard (sdv_main, g_AdapterContext)\n", &set);
    assert_true(r->runnable);
    assert_string_equal(r->guard_text, "sdv_main, g_AdapterContext");
    rule_set_free(&set);
}

static void errors_have_exact_positions(void **state)
{
    (void)state;
    expect_error("state { int n = 0; }\nsdv_X.entry { m = 1; }\n",
                 "t.slic:2:15: error: use of undeclared state variable 'm'");
    expect_error("state { enum {a, b} s = a; }\nsdv_X.entry { if (s == c) { halt; } }\n",
                 "t.slic:2:24: error: 'c' is not an enumerator of 's' (a, b)");
    expect_error("state { enum {a, b} s = a; }\nsdv_X.entry { s = zz; }\n",
                 "t.slic:2:19: error: 'zz' is not an enumerator of 's' (a, b)");
    expect_error("state { enum {a, b} s = a; }\nsdv_X.entry { s = 5; }\n",
                 "t.slic:2:17: error: 5 is not an enumerator of 's'");
    expect_error("state { enum {a, b} s = q; }\n", "t.slic:1:25: error: 'q' is not an enumerator of 's' (a, b)");
    expect_error("state { int n = 0; }\nsdv_X.entry { $1 = 1; }\n",
                 "t.slic:2:15: error: cannot assign to this expression: only state variables can be assigned");
    expect_error("state { enum {a, b} s = a; }\nsdv_X.entry { a = 1; }\n",
                 "t.slic:2:15: error: cannot assign to this expression: only state variables can be assigned");
    expect_error("sdv_X.entry {\n  if ($return == 0) { halt; }\n}\n",
                 "t.slic:2:7: error: '$return' is only valid in .exit blocks");
    expect_error("sdv_X.exit { if ($fname) { halt; } }\n",
                 "t.slic:1:18: error: '$fname' is only valid inside abort messages");
    expect_error("sdv_X.exit { if ($0) { halt; } }\n",
                 "t.slic:1:18: error: '$0' is not a parameter: parameters are $1 to $64");
    expect_error("sdv_X.exit { if ($foo) { halt; } }\n",
                 "t.slic:1:18: error: unknown name '$foo' (expected $return or $1, $2, ...)");
    expect_error("state { int n = $1; }\n", "t.slic:1:17: error: '$1' is only valid inside event blocks");
    expect_error("state { int n = 0 }\n", "t.slic:1:19: error: expected ';' after the state variable, found '}'");
    expect_error("state { int n = 0; int n = 1; }\n", "t.slic:1:24: error: state variable 'n' is declared twice");
    expect_error("sdv_X.middle { }\n", "t.slic:1:7: error: expected 'entry' or 'exit', found 'middle'");
    expect_error("sdv_X.entry\n{\n    abort \"x\"\n}\n",
                 "t.slic:4:1: error: expected ';' after the abort message, found '}'");
    expect_error("sdv_X.entry { if (1 +) { halt; } }\n", "t.slic:1:22: error: expected an expression, found ')'");
    expect_error("sdv_X.entry { abort \"x; }\n", "t.slic:1:21: error: unterminated string");
    expect_error("/* x\n", "t.slic:1:1: error: unterminated comment");
    expect_error("state { int n = 0; }\n@\n", "t.slic:2:1: error: unexpected character '@'");
    expect_error("#define F(a, b) a\nstate { int n = F(1); }\n",
                 "t.slic:2:17: error: macro 'F' takes 2 arguments, but 1 given");
    expect_error("#include \"nowhere.h\"\n", "t.slic:1:10: error: cannot find include file 'nowhere.h'");
    expect_error("#if 1\n", "t.slic:1:2: error: unterminated conditional directive");
    expect_error("#endif\n", "t.slic:1:2: error: #endif without #if");
    expect_error("#frob\n", "t.slic:1:2: error: unknown directive '#frob'");
    expect_error("#define A A\nstate { int n = A; }\n", "t.slic:2:17: error: use of undeclared state variable 'A'");
    expect_error("watch sdv_X.exit.$1;\nwatch sdv_Y.exit.$1;\n", "t.slic:2:1: error: a rule has at most one watch clause");
    expect_error("watch sdv_X.exit.1;\n", "t.slic:1:18: error: expected a parameter '$1', '$2', ..., found '1'");
    expect_error("state { int n = 09; }\n", "t.slic:1:17: error: invalid digit '9' in octal constant");
    expect_error("state { int n = 99999999999999999999; }\n", "t.slic:1:17: error: integer constant is too large");
    expect_error("int x;\n", "t.slic:1:5: error: expected '.entry' or '.exit', found 'x'");
    expect_error("sdv_X.exit { if (NDIS_SUCCESS($return)) { halt; } }\n",
                 "t.slic:1:18: error: call to 'NDIS_SUCCESS', which is not a macro (missing #include?)");
    expect_error("42;\n", "t.slic:1:1: error: expected 'state', 'watch' or an event such as 'sdv_NdisFoo.entry', found '42'");
}

static void error_shows_line_for_caret(void **state)
{
    (void)state;
    RuleSet set;
    DiagList d;
    assert_int_equal(load("t.slic", "state {\n\tint n = 0;\n}\nsdv_X.entry { n = nope; }\n", &set, &d), 1);
    assert_string_equal(d.v[0].source_line, "sdv_X.entry { n = nope; }");
    assert_int_equal(d.v[0].col, 19);
    /* an error inside a macro points at the macro use */
    diag_clear(&d);
    rule_set_free(&set);
    assert_int_equal(load("t.slic", "#define BAD (zz + 1)\nstate { int n = 0; }\nsdv_X.entry { n = BAD; }\n",
                          &set, &d), 1);
    assert_string_equal(first_diag(&d), "t.slic:3:19: error: use of undeclared state variable 'zz'");
    /* at end of file the caret stays on the line */
    diag_clear(&d);
    rule_set_free(&set);
    assert_int_equal(load("t.slic", "sdv_X.entry {", &set, &d), 1);
    assert_string_equal(first_diag(&d), "t.slic:1:14: error: expected '}', found end of file");
    assert_true(d.v[0].col <= (int)strlen(d.v[0].source_line) + 1);
    diag_clear(&d);
    rule_set_free(&set);
}

static void deep_nesting_is_an_error_not_a_crash(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(4 * n + 100);
    strcpy(text, "state { int v = ");
    size_t k = strlen(text);
    memset(text + k, '(', n);
    strcpy(text + k + n, "1");
    RuleSet set;
    DiagList d;
    assert_true(load("t.slic", text, &set, &d) > 0);
    assert_non_null(strstr(first_diag(&d), "nested too deeply"));
    diag_clear(&d);
    rule_set_free(&set);
    strcpy(text, "sdv_X.entry ");
    k = strlen(text);
    memset(text + k, '{', 5000);
    text[k + 5000] = 0;
    assert_true(load("t.slic", text, &set, &d) > 0);
    assert_non_null(strstr(first_diag(&d), "statements nested too deeply"));
    diag_clear(&d);
    rule_set_free(&set);
    /* long operator chains build deep trees without recursion: bounded too */
    strcpy(text, "state { int v = 1");
    k = strlen(text);
    for (size_t i = 0; i < 20000; i++)
        memcpy(text + k + 2 * i, "+1", 2);
    strcpy(text + k + 40000, "; }");
    assert_true(load("t.slic", text, &set, &d) > 0);
    assert_non_null(strstr(first_diag(&d), "expression nested too deeply"));
    diag_clear(&d);
    rule_set_free(&set);
    /* exponential macros */
    assert_true(load("t.slic",
                     "#define A0 x x\n#define A1 A0 A0\n#define A2 A1 A1\n#define A3 A2 A2\n#define A4 A3 A3\n"
                     "#define A5 A4 A4\n#define A6 A5 A5\n#define A7 A6 A6\n#define A8 A7 A7\n#define A9 A8 A8\n"
                     "#define B0 A9 A9 A9 A9\n#define B1 B0 B0 B0 B0\n#define B2 B1 B1 B1 B1\n#define B3 B2 B2 B2 B2\n"
                     "B3\n",
                     &set, &d) > 0);
    assert_non_null(strstr(first_diag(&d), "macro expansion"));
    diag_clear(&d);
    rule_set_free(&set);
    free(text);
}

static void self_include_is_bounded(void **state)
{
    (void)state;
    char dir[] = "/tmp/drvcheck_rules_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof path, "%s/loop.slic", dir);
    FILE *f = fopen(path, "w");
    fputs("#include \"loop.slic\"\n", f);
    fclose(f);
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    assert_true(rule_load(path, &set, &d) > 0);
    assert_non_null(strstr(first_diag(&d), "#include nested too deeply"));
    diag_clear(&d);
    rule_set_free(&set);
    rule_set_init(&set);
    assert_true(rule_load("/nonexistent/rules", &set, &d) > 0);
    assert_string_equal(first_diag(&d), "/nonexistent/rules:0:0: error: cannot read rules: No such file or directory");
    diag_clear(&d);
    rule_set_free(&set);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
}

static void summary_from_header_comment(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *s, *d;
    slic_comment_summary(a, "/*\n * First one. Second\n * one.\n */", &s, &d);
    assert_string_equal(s, "First one.");
    assert_string_equal(d, "First one. Second\none.");
    slic_comment_summary(a, "/*\n\tCopyright (c) X.  All rights reserved.\n\n    Summary:\n    Checks\n    things.\n*/", &s, &d);
    assert_string_equal(s, "Checks things.");
    slic_comment_summary(a, "// A rule without a period\n// and more", &s, &d);
    assert_string_equal(s, "A rule without a period and more");
    slic_comment_summary(a, NULL, &s, &d);
    assert_string_equal(s, "");
    arena_free(a);
    RuleSet set;
    const Rule *r = load_ok("state { int n = 0; } /* not a header */\n", &set);
    assert_string_equal(r->summary, "");
    rule_set_free(&set);
}

static void dump_round_trip(const char *text_or_null, const Rule *r0)
{
    char *d1 = dump_str(r0);
    RuleSet set;
    DiagList d;
    int n = load("t.slic", d1, &set, &d);
    if (n) {
        print_error("dump does not reparse:\n%s\n%s\n", d1, first_diag(&d));
        fail();
    }
    char *d2 = dump_str(set.rules[0]);
    /* the leading comment lines name the rule and where it stops */
    const char *b1 = d1, *b2 = d2;
    while (!strncmp(b1, "/*", 2))
        b1 = strchr(b1, '\n') + 1;
    while (!strncmp(b2, "/*", 2))
        b2 = strchr(b2, '\n') + 1;
    if (strcmp(b1, b2) != 0) {
        print_error("round trip differs for %s:\n%s\n----\n%s\n", text_or_null ? text_or_null : r0->name, d1, d2);
        fail();
    }
    free(d1);
    free(d2);
    diag_clear(&d);
    rule_set_free(&set);
}

static void dump_round_trips(void **state)
{
    (void)state;
    RuleSet set;
    rule_set_init(&set);
    DiagList d = { 0 };
    assert_int_equal(rule_load(TEST_SOURCE_DIR "/rules", &set, &d), 0);
    for (int i = 0; i < set.n; i++)
        dump_round_trip(NULL, set.rules[i]);
    rule_set_free(&set);
    const char *texts[] = {
        "state { enum {a, b, c} s = b; int n = -5; } with guard (x, y)\nwatch sdv_L.exit.$2;\n"
        "[sdv_A, sdv_MINIPORT_HALT].exit [guard $2] { if (a == s || -(-n) > ~3 && !$return) { s = c; } "
        "else if ($1 ? n : -1) { n = n % 3 << 1; } else { abort \"q\\\"\\\\z\\n\"; } halt; }\n",
        "sdv_X.entry { if (sdv_irql_current == 2) { halt; } }\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        RuleSet s2;
        const Rule *r = load_ok(texts[i], &s2);
        dump_round_trip(texts[i], r);
        rule_set_free(&s2);
    }
    diag_clear(&d);
}

/* A callback stored in a characteristics member takes the member's role,
 * but not from a filter's or a protocol's characteristics, whose members
 * share the miniport's names (RestartHandler, SetOptionsHandler). */
static void role_by_member_skips_filters_and_protocols(void **state)
{
    (void)state;
    assert_int_equal(role_by_member("_NDIS_MINIPORT_DRIVER_CHARACTERISTICS.RestartHandler"),
                     ROLE_RESTART);
    assert_int_equal(role_by_member("HaltHandlerEx"), ROLE_HALT);
    assert_int_equal(role_by_member("_MP_OPS.HaltHandlerEx"), ROLE_HALT);
    assert_int_equal(role_by_member("_NDIS_FILTER_DRIVER_CHARACTERISTICS.RestartHandler"),
                     ROLE_NONE);
    assert_int_equal(role_by_member("_NDIS_PROTOCOL_DRIVER_CHARACTERISTICS.SetOptionsHandler"),
                     ROLE_NONE);
    assert_int_equal(role_by_member("_NDIS51_PROTOCOL_CHARACTERISTICS.UnloadHandler"), ROLE_NONE);
    assert_int_equal(role_by_member(NULL), ROLE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_rules_all_load_and_run),
        cmocka_unit_test(deregister_rule_model),
        cmocka_unit_test(spinlock_rule_watch_guard_and_roles),
        cmocka_unit_test(init_rule_failure_condition),
        cmocka_unit_test(targets_sdv_prefix_and_roles),
        cmocka_unit_test(state_ints_and_compound_assignment),
        cmocka_unit_test(macros_and_conditionals),
        cmocka_unit_test(include_relative_and_rules_root),
        cmocka_unit_test(arity_checked_against_model_prototypes),
        cmocka_unit_test(sdv_constructs_parse_but_are_not_runnable),
        cmocka_unit_test(errors_have_exact_positions),
        cmocka_unit_test(error_shows_line_for_caret),
        cmocka_unit_test(deep_nesting_is_an_error_not_a_crash),
        cmocka_unit_test(self_include_is_bounded),
        cmocka_unit_test(summary_from_header_comment),
        cmocka_unit_test(dump_round_trips),
        cmocka_unit_test(role_by_member_skips_filters_and_protocols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
