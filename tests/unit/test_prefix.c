/* test_prefix.c - what a file does before its first system header, and
 * whether that commutes with the header (prefix.c): include guards,
 * conditional #includes, pragmas, names in code, #define and #if lines,
 * and the three ways a prefix and a closure can see each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "front/front_int.h"

/* The first #include of text: its name (or "" at the end, "!" when
 * blocked), with *uncond; pf filled with what came before. */
static const char *first_include_args(const char *text, const char *const *args, int nargs,
                                     Prefix *pf, int *uncond)
{
    static char name[256];
    PfxFile f;
    int angled = 0;
    memset(pf, 0, sizeof *pf);
    pfx_begin(&f, text, args, nargs);
    *uncond = -1;
    int k = pfx_next_include(&f, pf, name, sizeof name, &angled, uncond);
    return k > 0 ? name : k == 0 ? "" : "!";
}

static const char *first_include(const char *text, Prefix *pf, int *uncond)
{
    return first_include_args(text, NULL, 0, pf, uncond);
}

static int has(StrMap *m, const char *name)
{
    return strmap_get(m, name) != NULL;
}

static void include_guard_is_not_a_condition(void **state)
{
    (void)state;
    Prefix pf;
    int u;
    assert_string_equal(first_include("#pragma once\n#ifndef _PRECOMP_H\n#define _PRECOMP_H\n"
                                      "#pragma warning(disable:4201)\n#include <ndis.h>\n",
                                      &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    assert_true(has(&pf.guards, "_PRECOMP_H"));
    pfx_free(&pf);
    assert_string_equal(first_include("/* c */\n#if !defined(X_H)\n#define X_H\n#include \"a.h\"\n",
                                      &pf, &u), "a.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
    /* a guard needs its #define next: this #ifndef is a real condition (a
     * name beginning with '_' may be the compiler's: not decided) */
    assert_string_equal(first_include("#ifndef _USE_WDM\n#include <ndis.h>\n#endif\n", &pf, &u),
                        "ndis.h");
    assert_int_equal(u, 0);
    pfx_free(&pf);
    /* not the first directive: a condition too */
    assert_string_equal(first_include("#define A 1\n#ifndef _G\n#define _G\n#include <ndis.h>\n",
                                      &pf, &u), "ndis.h");
    assert_int_equal(u, 0);
    pfx_free(&pf);
    /* closed again: outside every #if */
    assert_string_equal(first_include("#ifdef DBG\n#define TRACE 1\n#endif\n# include <ndis.h>\n",
                                      &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
}

static void conditions_on_names_no_one_defined(void **state)
{
    (void)state;
    Prefix pf;
    int u;
    static const char *const unit_test = "-DOFFLOAD_UNIT_TEST";
    /* surely not read: its #include is not the first */
    const char *text = "#if defined(OFFLOAD_UNIT_TEST)\n#include <windows.h>\n#define X 1\n#endif\n"
                       "#if !defined(OFFLOAD_UNIT_TEST)\n#include <ndis.h>\n#endif\n";
    assert_string_equal(first_include(text, &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    assert_false(strmap_get(&pf.macros, "X"));  /* not read */
    assert_true(strmap_get(&pf.conds, "OFFLOAD_UNIT_TEST") != NULL);
    pfx_free(&pf);
    /* defined on the command line: not decided */
    assert_string_equal(first_include_args(text, &unit_test, 1, &pf, &u), "windows.h");
    assert_int_equal(u, 0);
    pfx_free(&pf);
    /* #else of a condition surely false; nested #if's inside the skipped part */
    assert_string_equal(first_include("#ifdef TEST\n#if A\n#include <a.h>\n#else\n#include <b.h>\n"
                                      "#endif\n#else\n#include <ndis.h>\n#endif\n", &pf, &u),
                        "ndis.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
    /* a branch after one surely taken is not read */
    assert_string_equal(first_include("#ifndef TEST\n#define Y 1\n#elif Z\n#include <a.h>\n#endif\n"
                                      "#include <ndis.h>\n", &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
    /* a name surely defined before: its #ifndef is surely false, even as
     * an include guard (the file defined it to leave the header out) */
    assert_string_equal(first_include("#define SKIP_A 1\n#ifndef SKIP_A\n#include <a.h>\n#endif\n"
                                      "#include <ndis.h>\n", &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
    assert_string_equal(first_include("#define _A_H\n#ifndef _A_H\n#define _A_H\n#include <a.h>\n"
                                      "#endif\n#include <ndis.h>\n", &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
    /* #elif of a condition surely false: not decided */
    assert_string_equal(first_include("#ifdef TEST\n#elif Z\n#include <ndis.h>\n#endif\n", &pf, &u),
                        "ndis.h");
    assert_int_equal(u, 0);
    pfx_free(&pf);
    /* surely defined before: decided true; defined under an #if it cannot
     * decide, or more than one name: not decided */
    assert_string_equal(first_include("#define TEST\n#ifdef TEST\n#include <ndis.h>\n#endif\n",
                                      &pf, &u), "ndis.h");
    assert_int_equal(u, 1);
    pfx_free(&pf);
    assert_string_equal(first_include("#if LEVEL > 1\n#define TEST\n#endif\n#ifdef TEST\n"
                                      "#include <ndis.h>\n#endif\n", &pf, &u), "ndis.h");
    assert_int_equal(u, 0);
    pfx_free(&pf);
    assert_string_equal(first_include("#if defined(A) || defined(B)\n#include <a.h>\n#endif\n", &pf,
                                      &u), "a.h");
    assert_int_equal(u, 0);
    pfx_free(&pf);
}

static void names_by_where_they_stand(void **state)
{
    (void)state;
    Prefix pf;
    int u;
    first_include("#define POOL_TAG 'xTgA' /* tag */\n"
                  "#define MAX(a, b) ((a) > (b) ? (a) : Limit)\n"
                  "#undef OLD\n"
                  "#if defined(FEATURE) && LEVEL > 2\n#elif OTHER\n#endif\n"
                  "typedef struct _CTX { unsigned long Count; } CTX;\n"
                  "static const char *s = \"ndis NDIS_STATUS\"; // NdisFoo\n"
                  "#error stop Here\n"
                  "#include <ndis.h>\n",
                  &pf, &u);
    assert_null(pf.blocked);
    assert_true(has(&pf.macros, "POOL_TAG"));
    assert_true(has(&pf.macros, "MAX"));
    assert_true(has(&pf.macros, "OLD"));
    assert_false(has(&pf.code, "Limit"));      /* a body's names are its macro's */
    int *b = strmap_get(&pf.bodyof, "MAX");
    assert_non_null(b);
    assert_true(has(&pf.bodies[*b], "Limit"));
    assert_false(has(&pf.bodies[*b], "a"));    /* a macro's parameters are its own */
    assert_true(has(&pf.conds, "FEATURE"));
    assert_true(has(&pf.conds, "LEVEL"));
    assert_true(has(&pf.conds, "OTHER"));
    assert_false(has(&pf.conds, "defined"));
    assert_true(has(&pf.code, "_CTX"));
    assert_true(has(&pf.code, "Count"));
    assert_true(has(&pf.code, "CTX"));
    assert_false(has(&pf.code, "ndis"));       /* in a string */
    assert_false(has(&pf.code, "NdisFoo"));    /* in a comment */
    assert_false(has(&pf.code, "Here"));       /* #error text */
    assert_false(has(&pf.code, "xTgA"));
    pfx_free(&pf);
}

static void what_cannot_move(void **state)
{
    (void)state;
    Prefix pf;
    int u;
    static const char *const blocked[] = {
        "#pragma pack(push, 1)\n#include <ndis.h>\n",
        "#include HEADER_NAME\n#include <ndis.h>\n",
        "__pragma(pack(1))\n#include <ndis.h>\n",
        "#include_next <x.h>\n#include <ndis.h>\n",
    };
    for (size_t i = 0; i < sizeof blocked / sizeof *blocked; i++) {
        assert_string_equal(first_include(blocked[i], &pf, &u), "!");
        assert_non_null(pf.blocked);
        pfx_free(&pf);
    }
    assert_string_equal(first_include("#pragma warning(push)\n#pragma comment(lib, \"x\")\n"
                                      "#include <ndis.h>\n", &pf, &u), "ndis.h");
    assert_null(pf.blocked);
    pfx_free(&pf);
}

static void conflicts_with_a_closure(void **state)
{
    (void)state;
    Closure c;
    memset(&c, 0, sizeof c);
    pfx_closure_text(&c, "#ifndef _NDIS_\n#define _NDIS_\n#ifdef __cplusplus\n#endif\n"
                         "#if NDIS_SUPPORT_NDIS6\ntypedef int NDIS_STATUS;\n#endif\n"
                         "#define NDIS_SUPPORT_NDIS6 1\n#undef GONE\n#define TRUE 1\n"
                         "#if NDIS620_MINIPORT\n#endif\n"
                         "NDIS_STATUS NdisFoo(unsigned Length);\n");
    assert_true(has(&c.macros, "_NDIS_"));
    assert_true(has(&c.macros, "NDIS_SUPPORT_NDIS6"));
    assert_true(has(&c.macros, "GONE"));
    assert_false(has(&c.macros, "__cplusplus"));
    assert_true(has(&c.ids, "NdisFoo"));
    assert_true(has(&c.ids, "Length"));
    assert_false(has(&c.ids, "define"));
    /* what libclang lists as declared at file scope (shared.c) */
    strmap_put(&c.declared, "NDIS_STATUS", 1);
    strmap_put(&c.declared, "NdisFoo", 1);
    char why[300];
    Prefix pf;
    int u;
    static const struct { const char *text; int conflict; const char *carry; } cases[] = {
        { "#include <ndis.h>\n", 0, NULL },
        { "#ifdef __cplusplus\nextern \"C\" {\n#endif\n#include <ndis.h>\n", 0, NULL },  /* both test */
        { "#define MY_TAG 1\nstatic int Mine;\n#include <ndis.h>\n", 0, NULL },
        { "#define NDIS_SUPPORT_NDIS6 0\n#include <ndis.h>\n", 1, NULL },    /* defined, then read */
        /* a macro it reads: made into the copy, before the header */
        { "#define Length 4\n#include <ndis.h>\n", 0, "#define Length 4\n" },
        { "#define NDIS620_MINIPORT 1\n#define Length 4\n#include <ndis.h>\n", 0,
          "#define NDIS620_MINIPORT 1\n#define Length 4\n" },
        /* ... only if surely defined, once, before any use, of the header's names */
        { "#ifdef _X\n#define NDIS620_MINIPORT 1\n#endif\n#include <ndis.h>\n", 1, NULL },
        { "#if NDIS620_MINIPORT\n#endif\n#define NDIS620_MINIPORT 1\n#include <ndis.h>\n", 1, NULL },
        { "#define NDIS620_MINIPORT 1\n#undef NDIS620_MINIPORT\n#include <ndis.h>\n", 1, NULL },
        { "#define NDIS620_MINIPORT MyLevel\n#include <ndis.h>\n", 1, NULL },
        { "#define NDIS620_MINIPORT NdisFoo\n#include <ndis.h>\n", 0,
          "#define NDIS620_MINIPORT NdisFoo\n" },
        /* both define it alike: the same either way */
        { "#ifndef TRUE\n#define TRUE  1 /* one */\n#endif\n#include <ndis.h>\n", 0, NULL },
        { "#define TRUE 1\nint t = TRUE;\n#include <ndis.h>\n", 0, NULL },
        { "#define TRUE 2\n#include <ndis.h>\n", 1, NULL },
        { "#ifndef TRUE\n#define TRUE 2\n#endif\n#include <ndis.h>\n", 1, NULL },
        { "#if NDIS_SUPPORT_NDIS6\n#endif\n#include <ndis.h>\n", 1, NULL },  /* it defines what this tests */
        { "typedef long NDIS_STATUS;\n#include <ndis.h>\n", 1, NULL },       /* both declare */
        /* a keyword as a macro: made into the copy as well */
        { "#define unsigned int\n#include <ndis.h>\n", 0, "#define unsigned int\n" },
        { "#define GONE 1\n#include <ndis.h>\n", 1, NULL },
        /* a parameter's or member's name is not declared at file scope */
        { "struct L { struct L *Length; };\n#include <ndis.h>\n", 0, NULL },
        /* a macro's body counts only where the prefix expands it */
        { "#define ST(x) ((NDIS_STATUS)(x))\n#include <ndis.h>\n", 0, NULL },
        { "#define ST(x) ((NDIS_STATUS)(x))\nint v = ST(1);\n#include <ndis.h>\n", 1, NULL },
        { "#define IN_IF NDIS_SUPPORT_NDIS6\n#if IN_IF\n#endif\n#include <ndis.h>\n", 1, NULL },
        { "#define A B\n#define B NdisFoo\nint v = A;\n#include <ndis.h>\n", 1, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        first_include(cases[i].text, &pf, &u);
        char *carry = NULL;
        const char *r = pfx_conflict(&pf, &c, &carry, why, sizeof why);
        if (cases[i].conflict)
            assert_non_null(r);
        else
            assert_null(r);
        if (cases[i].carry)
            assert_string_equal(carry, cases[i].carry);
        else
            assert_null(carry);
        free(carry);
        pfx_free(&pf);
    }
    pfx_closure_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(include_guard_is_not_a_condition),
        cmocka_unit_test(conditions_on_names_no_one_defined),
        cmocka_unit_test(names_by_where_they_stand),
        cmocka_unit_test(what_cannot_move),
        cmocka_unit_test(conflicts_with_a_closure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
