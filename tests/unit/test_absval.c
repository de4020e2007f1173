/* test_absval.c - abstract values (absval.c): the set of a few constants a
 * join keeps (an adapter state enum, a flags word), what comparisons and
 * assumptions learn from it, and that widening still ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "engine/internal.h"

static AbsVal join3(int64_t a, int64_t b, int64_t c)
{
    AbsVal x = av_const(a), y = av_const(b), z = av_const(c);
    AbsVal xy = av_join(&x, &y);
    return av_join(&xy, &z);
}

static int eq_truth(const AbsVal *v, int64_t c)
{
    AbsVal k = av_const(c), r = av_binop(OP_EQ, v, &k);
    return av_truth(&r);
}

/* {1, 3}: 2 is not a member, 1 and 3 may be */
static void join_of_constants_keeps_them(void **st)
{
    (void)st;
    AbsVal one = av_const(1), three = av_const(3);
    AbsVal v = av_join(&one, &three);
    assert_int_equal(v.lo, 1);
    assert_int_equal(v.hi, 3);
    assert_int_equal(eq_truth(&v, 2), 0);
    assert_int_equal(eq_truth(&v, 1), -1);
    assert_int_equal(eq_truth(&v, 3), -1);
    char buf[64];
    av_format(&v, buf, sizeof buf);
    assert_int_equal(strncmp(buf, "{1, 3}", 6), 0);     /* then the known bits */
}

/* assuming a member away leaves the others; assuming a non-member is impossible */
static void assumptions_narrow_the_set(void **st)
{
    (void)st;
    AbsVal v = join3(0, 1, 3), two = av_const(2), one = av_const(1), zero = av_const(0);
    AbsVal w = v;
    assert_false(av_assume(&w, OP_EQ, &two));
    w = v;
    assert_true(av_assume(&w, OP_NE, &one));
    assert_int_equal(eq_truth(&w, 1), 0);
    assert_int_equal(eq_truth(&w, 0), -1);
    assert_true(av_assume(&w, OP_GT, &zero));          /* {0, 3} and > 0: 3 */
    int64_t c;
    assert_true(av_is_const(&w, &c));
    assert_int_equal(c, 3);
}

/* equal to a value known not to be c: not c either (a new power state equal
 * to the recorded one, which is not D0) */
static void equal_to_a_value_that_is_not_c(void **st)
{
    (void)st;
    AbsVal v = av_top(), d0 = av_const(1), notd0 = av_top();
    assert_true(av_assume(&notd0, OP_NE, &d0));
    assert_true(av_assume(&v, OP_EQ, &notd0));
    assert_int_equal(eq_truth(&v, 1), 0);
    AbsVal one = av_const(1);
    assert_false(av_assume(&one, OP_EQ, &notd0));       /* 1 equal to something not 1 */
}

/* {0, 2}: nonzero once 0 is assumed away; a flag bit picks members */
static void truth_and_bits(void **st)
{
    (void)st;
    AbsVal v = join3(0x10, 0x20, 0x20);
    assert_int_equal(av_truth(&v), 1);                 /* 0 is no member of {0x10, 0x20} */
    AbsVal w = v;
    assert_true(av_assume_bits(&w, 0x10, 1));
    int64_t c;
    assert_true(av_is_const(&w, &c));
    assert_int_equal(c, 0x10);
    w = v;
    assert_true(av_assume_bits(&w, 0x20, 0));
    assert_true(av_is_const(&w, &c));
    assert_int_equal(c, 0x10);
    w = v;
    assert_false(av_assume_bits(&w, 0x40, 1));         /* no member has it */
}

/* a join that fills the interval is the plain interval; a wide one has no set */
static void full_or_wide_joins_are_intervals(void **st)
{
    (void)st;
    AbsVal v = join3(0, 1, 2);
    assert_int_equal(v.vset, 0);
    assert_int_equal(v.lo, 0);
    assert_int_equal(v.hi, 2);
    AbsVal a = av_const(0), b = av_const(100);
    AbsVal w = av_join(&a, &b);
    assert_int_equal(w.vset, 0);
    assert_int_equal(eq_truth(&w, 68), -1);            /* bits 2 and 6: 100 has them */
}

/* widening keeps a sparse set (it can only grow within 64 values) and still
 * pushes a counter's interval to a threshold */
static void widening_ends(void **st)
{
    (void)st;
    AbsVal v = av_const(1);
    for (int64_t d = 2; d <= (int64_t)1 << 40; d <<= 1) {   /* 1, 2, 4, 8, ... */
        AbsVal n = av_const(d), w = av_widen(&v, &n);
        v = w;
    }
    assert_int_equal(v.vset, 0);
    assert_true(v.hi >= (int64_t)1 << 40);
    AbsVal c = av_const(0);
    for (int64_t i = 1; i < 10; i++) {                 /* a counter: 0, 1, 2, ... */
        AbsVal n = av_const(i);
        c = av_widen(&c, &n);
    }
    assert_true(c.hi >= INT32_MAX);
    AbsVal s = av_const(1), three = av_const(3), one = av_const(1);
    s = av_widen(&s, &three);
    s = av_widen(&s, &one);
    assert_int_equal(s.hi, 3);                         /* {1, 3} stays */
    assert_int_equal(eq_truth(&s, 2), 0);
    /* a counter stepping by two (a loop whose two paths keep apart): a set
     * that grows outward one value a round is widened once past a few
     * values, not after 32 rounds */
    AbsVal k = av_const(0);
    int rounds = 0;
    for (int64_t i = 2; i < 64 && k.hi < INT32_MAX; i += 2, rounds++) {
        AbsVal n = av_const(i);
        k = av_widen(&k, &n);
    }
    assert_true(k.hi >= INT32_MAX);
    assert_true(rounds <= 9);
    /* a counter stepping by four (a loop head keeping four states apart,
     * each taking every fourth value) is widened once its set holds four
     * evenly spaced values, not eight */
    AbsVal q = av_const(0);
    rounds = 0;
    for (int64_t i = 4; i < 64 && q.hi < INT32_MAX; i += 4, rounds++) {
        AbsVal n = av_const(i);
        q = av_widen(&q, &n);
    }
    assert_true(q.hi >= INT32_MAX);
    assert_true(rounds <= 4);
    /* scattered values not evenly spaced still keep up to eight */
    AbsVal sc = av_const(0);
    static const int64_t scattered[] = {1, 3, 7, 8, 12};
    for (size_t i = 0; i < sizeof scattered / sizeof scattered[0]; i++) {
        AbsVal n = av_const(scattered[i]);
        sc = av_widen(&sc, &n);
    }
    assert_int_equal(sc.hi, 12);
    assert_int_equal(eq_truth(&sc, 5), 0);
    /* states of an enum met in any order within their span stay a set */
    AbsVal en = join3(0, 9, 2);
    for (int64_t i = 3; i < 9; i++) {
        AbsVal n = av_const(i);
        en = av_widen(&en, &n);
    }
    assert_int_equal(en.hi, 9);
    assert_int_equal(eq_truth(&en, 1), 0);
}

/* adding a constant moves the members with the interval */
static void arithmetic_moves_the_set(void **st)
{
    (void)st;
    AbsVal v = join3(1, 3, 3), ten = av_const(10);
    AbsVal r = av_binop(OP_ADD, &v, &ten);
    assert_int_equal(r.lo, 11);
    assert_int_equal(eq_truth(&r, 12), 0);
    assert_int_equal(eq_truth(&r, 13), -1);
}

/* A count stepped by an interlocked call keeps an open bound open: a
 * widened [1, +inf) incremented is [2, +inf) (never 0), decremented
 * [0, +inf); av_binop, for plain arithmetic, still gives unknown; a
 * finite bound that overflows is unknown either way. */
static void counts_keep_an_open_bound(void **st)
{
    (void)st;
    AbsVal v = av_range(1, INT64_MAX), one = av_const(1);
    AbsVal up = av_count(OP_ADD, &v, &one), down = av_count(OP_SUB, &v, &one);
    assert_int_equal(up.lo, 2);
    assert_true(up.hi == INT64_MAX);
    assert_int_equal(av_truth(&up), 1);
    assert_int_equal(down.lo, 0);
    assert_int_equal(av_truth(&down), -1);
    AbsVal plain = av_binop(OP_ADD, &v, &one);
    assert_true(av_is_top(&plain));
    AbsVal neg = av_range(INT64_MIN, -1), m = av_count(OP_SUB, &neg, &one);
    assert_true(m.lo == INT64_MIN);
    assert_int_equal(m.hi, -2);
    AbsVal big = av_range(INT64_MAX - 1, INT64_MAX - 1), two = av_const(2);
    AbsVal o = av_count(OP_ADD, &big, &two);
    assert_true(av_is_top(&o));
    AbsVal k = av_const(5), r = av_count(OP_ADD, &k, &one);   /* finite: as av_binop */
    assert_int_equal(r.lo, 6);
    assert_int_equal(r.hi, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(join_of_constants_keeps_them),
        cmocka_unit_test(assumptions_narrow_the_set),
        cmocka_unit_test(equal_to_a_value_that_is_not_c),
        cmocka_unit_test(truth_and_bits),
        cmocka_unit_test(full_or_wide_joins_are_intervals),
        cmocka_unit_test(widening_ends),
        cmocka_unit_test(arithmetic_moves_the_set),
        cmocka_unit_test(counts_keep_an_open_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
