/* test_valtab.c - the interned abstract values facts hold (valtab.c):
 * exact storage, equality by canonical id as av_equal decides it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "engine/internal.h"

static void top_is_interned_first(void **st)
{
    (void)st;
    ValTab *t = vt_new();
    AbsVal top = av_top();
    assert_int_equal(vt_intern(t, &top), VT_TOP);
    assert_true(av_is_top(vt_val(t, VT_TOP)));
    vt_free(t);
}

static void equal_values_share_an_id(void **st)
{
    (void)st;
    ValTab *t = vt_new();
    AbsVal a = av_const(5), b = av_const(5), c = av_const(6);
    int32_t ia = vt_intern(t, &a);
    assert_int_equal(vt_intern(t, &b), ia);
    assert_int_not_equal(vt_intern(t, &c), ia);
    assert_false(vt_same(t, ia, vt_intern(t, &c)));
    vt_free(t);
}

/* Bits av_equal ignores (known bits outside the mask, an exclusion value
 * without has_excl) are kept as given, yet compare equal. */
static void ignored_bits_are_kept_but_compare_equal(void **st)
{
    (void)st;
    ValTab *t = vt_new();
    AbsVal a = av_top(), b = av_top();
    a.kmask = 0xf0;
    a.kbits = 0x10;
    b = a;
    b.kbits = 0x13;          /* differs outside kmask only */
    b.excl = 7;              /* no has_excl: ignored */
    int32_t ia = vt_intern(t, &a), ib = vt_intern(t, &b);
    assert_int_not_equal(ia, ib);
    assert_true(vt_same(t, ia, ib));
    assert_true(av_equal(vt_val(t, ia), vt_val(t, ib)));
    assert_int_equal(vt_val(t, ib)->kbits, 0x13);
    assert_int_equal(vt_val(t, ib)->excl, 7);
    assert_true(t->hash[ia] == t->hash[ib]);
    AbsVal c = a;
    c.kbits = 0x20;          /* a known bit differs */
    assert_false(vt_same(t, ia, vt_intern(t, &c)));
    vt_free(t);
}

/* Values never move while the table grows: pointers stay valid. */
static void values_stay_put_while_the_table_grows(void **st)
{
    (void)st;
    ValTab *t = vt_new();
    AbsVal first = av_range(1, 9);
    int32_t id = vt_intern(t, &first);
    const AbsVal *p = vt_val(t, id);
    for (int i = 0; i < 5 * VT_BLOCK; i++) {
        AbsVal v = av_const(1000 + i);
        int32_t k = vt_intern(t, &v);
        assert_true(vt_val(t, k)->lo == 1000 + i);
    }
    assert_ptr_equal(vt_val(t, id), p);
    assert_true(av_equal(p, &first));
    AbsVal again = av_const(1000 + 17);
    assert_true(vt_val(t, vt_intern(t, &again))->lo == 1017);
    vt_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(top_is_interned_first),
        cmocka_unit_test(equal_values_share_an_id),
        cmocka_unit_test(ignored_bits_are_kept_but_compare_equal),
        cmocka_unit_test(values_stay_put_while_the_table_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
