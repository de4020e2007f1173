/* test_srclex.c - the token scanner lowering reads operators with
 * (srclex.c): token kinds and extents, longest-match punctuators,
 * comments and line splices skipped; and the operators it finds in
 * lowered code around comments, line ends and macro bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "front/front_int.h"
#include "test_front_helpers.h"

/* The tokens of text, as "kind:spelling" joined by spaces. */
static const char *lex_all(const char *text)
{
    static char out[1024];
    static const char kinds[] = { 'p', 'w', 'n', 'l' };
    size_t n = strlen(text), len = 0;
    unsigned pos = 0;
    SrcTok t;
    out[0] = 0;
    while (src_next(text, n, &pos, &t) && len + t.len + 4 < sizeof out) {
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%c:%.*s", len ? " " : "",
                                kinds[t.kind], (int)t.len, text + t.off);
    }
    return out;
}

static void punctuators_by_longest_match(void **state)
{
    (void)state;
    assert_string_equal(lex_all("a->b++ <<= >>= ... && || != == <= >= ## # x-=1"),
                        "w:a p:-> w:b p:++ p:<<= p:>>= p:... p:&& p:|| p:!= p:== p:<= p:>= "
                        "p:## p:# w:x p:-= n:1");
    assert_string_equal(lex_all("a<b>c&d|e^f%g/h*i"),
                        "w:a p:< w:b p:> w:c p:& w:d p:| w:e p:^ w:f p:% w:g p:/ w:h p:* w:i");
}

static void comments_splices_and_blanks_are_skipped(void **state)
{
    (void)state;
    assert_string_equal(lex_all("x /* != */ + // - y\n  z"), "w:x p:+ w:z");
    assert_string_equal(lex_all("a \\\n  != \\\r\n b"), "w:a p:!= w:b");
    assert_string_equal(lex_all("   \t\n "), "");
    assert_string_equal(lex_all("a /* never closed"), "w:a");
    assert_string_equal(lex_all("a /*/ still a comment + */ - b /**/ c"), "w:a p:- w:b w:c");
}

static void numbers_literals_and_words(void **state)
{
    (void)state;
    assert_string_equal(lex_all("0x1F 1.5e-3 10UL .5 'pMvN' L\"w\\\"x\" u8\"s\" $id _x9"),
                        "n:0x1F n:1.5e-3 n:10UL n:.5 l:'pMvN' l:L\"w\\\"x\" l:u8\"s\" w:$id "
                        "w:_x9");
    /* a minus after a number that is not an exponent is an operator */
    assert_string_equal(lex_all("1-2 0x1e-3"), "n:1 p:- n:2 n:0x1e-3");
    assert_string_equal(lex_all("\"a // b\" c"), "l:\"a // b\" w:c");
}

/* The operator of each condition in f, in block order. */
static int cond_ops(const Func *f, OpKind *ops, int max)
{
    int n = 0;
    for (int i = 0; i < f->nblocks && n < max; i++)
        if (f->blocks[i].term == T_BRANCH && f->blocks[i].cond &&
            f->blocks[i].cond->kind == EX_BINOP)
            ops[n++] = f->blocks[i].cond->op;
    return n;
}

static void operators_found_around_comments_and_lines(void **state)
{
    (void)state;
    Unit *u = tf_parse("srclex_ops",
                       "typedef struct S { int x; void *Handle; } S;\n"
                       "#define HANDLE_SET(_A) \\\n"
                       "    ((_A)->Handle != 0)\n"
                       "void g(void);\n"
                       "void f(S *s) {\n"
                       "    if (s->x /* > */ <= // a line comment: >= \n"
                       "        3) g();\n"
                       "    if (HANDLE_SET(s)) g();\n"
                       "    if (s->x\n"
                       "        ==\n"
                       "        7) g();\n"
                       "}\n");
    assert_int_equal(u->nerrors, 0);
    const Func *f = cfg_find_func(u, "f");
    assert_non_null(f);
    OpKind ops[8];
    assert_int_equal(cond_ops(f, ops, 8), 3);
    assert_int_equal(ops[0], OP_LE);
    assert_int_equal(ops[1], OP_NE);
    assert_int_equal(ops[2], OP_EQ);
    cfg_free_unit(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(punctuators_by_longest_match),
        cmocka_unit_test(comments_splices_and_blanks_are_skipped),
        cmocka_unit_test(numbers_literals_and_words),
        cmocka_unit_test_setup_teardown(operators_found_around_comments_and_lines, tf_setup,
                                        tf_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
