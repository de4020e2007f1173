/* test_liveness.c - which locals a later step can read (engine/liveness.c),
 * on functions the front end lowers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_front_helpers.h"
#include "engine/internal.h"

#define DECLS                                                                              \
    "typedef struct _ADAPTER { void *InterruptHandle; int Flags; } ADAPTER, *PADAPTER;\n" \
    "typedef struct _PAIR { int Lo; int Hi; } PAIR;\n"                                     \
    "int Reg(void *a);\nvoid Dereg(void *h);\nvoid Sync(void *h);\nint Check(int);\n"    \
    "void Fill(int *p);\n"

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

/* Liveness at the entry of the block holding the nth call of callee. */
static int live_at(const Liveness *lv, const Func *f, const char *callee, int nth,
                   const char *name)
{
    int b = tf_call_block(f, callee, nth, NULL);
    assert_true(b >= 0);
    return lv_is_live(lv, b, name);
}

/* e100bex's MpQueryInformation: the switch's value is dead after the
 * switch, the status it set is not. */
static void switch_value_dies_after_the_switch(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "lv_switch", DECLS
        "int f(int Oid, PADAPTER a) {\n"
        "  int Status;\n"
        "  switch (Oid) {\n"
        "  case 1: Status = Check(1); break;\n"
        "  case 2: Status = Check(2); break;\n"
        "  default: Status = 3; break;\n"
        "  }\n"
        "  if (Check(0)) Sync(0);\n"
        "  if (Status == 0) Reg(a);\n"
        "  return 0;\n"
        "}\n");
    Arena *a = arena_new();
    Liveness *lv = lv_build(f, a, NULL);
    assert_int_equal(live_at(lv, f, "Check", 0, "Oid"), 0);    /* case 1 */
    assert_int_equal(live_at(lv, f, "Check", 0, "Status"), 0); /* written there first */
    assert_int_equal(live_at(lv, f, "Sync", 0, "Oid"), 0);
    assert_int_equal(live_at(lv, f, "Sync", 0, "Status"), 1);
    assert_int_equal(live_at(lv, f, "Sync", 0, "a"), 1);
    assert_int_equal(live_at(lv, f, "Reg", 0, "Status"), 0);
    assert_int_equal(live_at(lv, f, "Reg", 0, "a"), 1);
    assert_int_equal(lv_is_live(lv, 0, "Oid"), 1);              /* the switch reads it */
    assert_int_equal(lv_is_live(lv, 0, "NoSuchLocal"), -1);
    arena_free(a);
    cfg_free_unit(u);
}

/* A loop's counter is live through the loop (its condition reads it on
 * the back edge) and dead after it. */
static void loop_counter_lives_in_the_loop_only(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "lv_loop", DECLS
        "void f(int n) {\n"
        "  int i;\n"
        "  for (i = 0; i < n; i++) { if (Check(i)) Sync(0); }\n"
        "  Reg(0);\n"
        "}\n");
    Arena *a = arena_new();
    Liveness *lv = lv_build(f, a, NULL);
    assert_int_equal(live_at(lv, f, "Sync", 0, "i"), 1);
    assert_int_equal(live_at(lv, f, "Sync", 0, "n"), 1);
    assert_int_equal(live_at(lv, f, "Reg", 0, "i"), 0);
    assert_int_equal(live_at(lv, f, "Reg", 0, "n"), 0);
    arena_free(a);
    cfg_free_unit(u);
}

/* A store to a whole scalar kills it; a store to a member, or through a
 * pointer, does not (it reads the pointer). */
static void whole_stores_kill_member_stores_do_not(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "lv_kill", DECLS
        "void f(PADAPTER p, int *q) {\n"
        "  int x = Check(0);\n"
        "  PAIR r;\n"
        "  r.Lo = 1;\n"
        "  if (Check(1)) Sync(0);\n"
        "  x = 2;\n"
        "  r.Hi = 2;\n"
        "  p->Flags = x;\n"
        "  *q = r.Lo;\n"
        "  if (Check(3)) Dereg(0);\n"
        "}\n");
    Arena *a = arena_new();
    Liveness *lv = lv_build(f, a, NULL);
    assert_int_equal(live_at(lv, f, "Sync", 0, "x"), 0);   /* overwritten before any read */
    assert_int_equal(live_at(lv, f, "Sync", 0, "r"), 1);   /* r.Hi = 2 leaves r.Lo */
    assert_int_equal(live_at(lv, f, "Sync", 0, "p"), 1);   /* p->Flags goes through p */
    assert_int_equal(live_at(lv, f, "Sync", 0, "q"), 1);   /* so does *q */
    assert_int_equal(live_at(lv, f, "Dereg", 0, "p"), 0);
    assert_int_equal(live_at(lv, f, "Dereg", 0, "r"), 0);
    arena_free(a);
    cfg_free_unit(u);
}

/* A local whose address is taken is never dropped: a pointer may read it
 * where its name does not appear. */
static void address_taken_locals_are_never_dropped(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "lv_addr", DECLS
        "void f(int n) {\n"
        "  int x = 0;\n"
        "  PAIR r;\n"
        "  int *p = &r.Lo;\n"
        "  Fill(&x);\n"
        "  if (Check(n)) Sync(0);\n"
        "  *p = 1;\n"
        "  if (Check(1)) Reg(0);\n"
        "}\n");
    Arena *a = arena_new();
    Liveness *lv = lv_build(f, a, NULL);
    assert_int_equal(live_at(lv, f, "Sync", 0, "x"), -1);
    assert_int_equal(live_at(lv, f, "Sync", 0, "r"), -1);
    assert_int_equal(live_at(lv, f, "Sync", 0, "p"), 1);
    assert_int_equal(live_at(lv, f, "Sync", 0, "n"), 0);
    assert_int_equal(live_at(lv, f, "Reg", 0, "p"), 0);
    arena_free(a);
    cfg_free_unit(u);
}

/* What a call returns (a "$t" temporary) is live until its last read. */
static void call_results_and_returns(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "lv_ret", DECLS
        "int f(PADAPTER a, int k) {\n"
        "  int Status = Reg(a);\n"
        "  if (Check(k)) Sync(0);\n"
        "  if (Check(2)) Dereg(0);\n"
        "  return Status;\n"
        "}\n");
    Arena *a = arena_new();
    Liveness *lv = lv_build(f, a, NULL);
    assert_int_equal(live_at(lv, f, "Sync", 0, "Status"), 1);   /* the return reads it */
    assert_int_equal(live_at(lv, f, "Dereg", 0, "Status"), 1);
    assert_int_equal(live_at(lv, f, "Sync", 0, "k"), 0);
    assert_int_equal(live_at(lv, f, "Sync", 0, "a"), 0);
    arena_free(a);
    cfg_free_unit(u);
}

/* A lock wrapper's pointer parameter, tested whole and never assigned, is
 * handed back to callers that pass it a path (echo.c); one it assigns, one
 * no call passes a path, and one it only reads through are not. */
static void tested_parameters_are_echoed(void **state)
{
    (void)state;
    Unit *u;
    const Func *f = lower1(&u, "lv_echo", DECLS
        "void f(PADAPTER Lock, int Mode, int Other, PADAPTER Via) {\n"
        "  if (Lock == 0) return;\n"
        "  if (Mode) Mode = 2;\n"
        "  if (Other) Sync(0);\n"
        "  if (Via->Flags) Dereg(Lock);\n"
        "}\n");
    Arena *a = arena_new();
    static const char *const paths[] = {"_CTX.Lock", NULL};
    const char *const *const passed[4] = {paths, paths, NULL, paths};
    Liveness *lv = lv_build(f, a, passed);
    const char *const *names;
    const char *const *const *args;
    assert_int_equal(lv_echoes(lv, &names, &args), 1);
    assert_string_equal(names[0], "Lock");
    assert_string_equal(args[0][0], "_CTX.Lock");
    assert_null(args[0][1]);
    assert_int_equal(lv_echoes(lv_build(f, a, NULL), &names, &args), 0);
    arena_free(a);
    cfg_free_unit(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(switch_value_dies_after_the_switch),
        cmocka_unit_test(loop_counter_lives_in_the_loop_only),
        cmocka_unit_test(whole_stores_kill_member_stores_do_not),
        cmocka_unit_test(address_taken_locals_are_never_dropped),
        cmocka_unit_test(call_results_and_returns),
        cmocka_unit_test(tested_parameters_are_echoed),
    };
    return cmocka_run_group_tests(tests, tf_setup, tf_teardown);
}
