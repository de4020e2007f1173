/* test_front.c - parsing: flags, default defines, recovery from missing
 * headers, unknown names and lvalue casts, diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>

#include "front/front_int.h"
#include "test_front_helpers.h"

static int has_assumed(const Unit *u, const char *prefix)
{
    for (int i = 0; i < u->nassumed; i++)
        if (strncmp(u->assumed[i], prefix, strlen(prefix)) == 0)
            return 1;
    return 0;
}

static void dump(const Unit *u)
{
    diag_print(&u->diags, stderr);
    for (int i = 0; i < u->nassumed; i++)
        fprintf(stderr, "assumed: %s\n", u->assumed[i]);
}

static void missing_header_gets_empty_standin(void **state)
{
    (void)state;
    Unit *u = tf_parse("missing_hdr",
                       "#include \"no_such_project_header.h\"\n"
                       "int Check(int);\n"
                       "void f(void) { Check(1); }\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "header no_such_project_header.h (empty stand-in)"));
    assert_int_equal(tf_count_calls(cfg_find_func(u, "f"), "Check"), 1);
    cfg_free_unit(u);
}

static void include_case_and_backslashes_ignored(void **state)
{
    (void)state;
    tf_write("case/inc/Inner.h", "typedef int INNER_T;\n");
    tf_write("case/myhdr.h", "typedef int MYHDR_T;\n");
    Unit *u = tf_parse("case/main",
                       "#include \"MyHdr.H\"\n"
                       "#include \"INC\\inner.h\"\n"
                       "MYHDR_T a; INNER_T b;\n"
                       "void f(void) { a = b; }\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "header MyHdr.H (found as "));
    assert_true(has_assumed(u, "header INC\\inner.h (found as "));
    assert_int_equal(front_rounds(tf_ctx), 1);
    cfg_free_unit(u);
}

/* A header missing from a header the file includes: its stand-in is made
 * before parsing, so one round suffices. */
static void missing_header_from_header_in_one_round(void **state)
{
    (void)state;
    tf_write("nested/inc/proj.h",
             "#include \"generated_regs.h\"\n"
             "#include <private/ioctls.h>\n"
             "int ProjCall(int);\n");
    const char *args[] = { "-I", TEST_BINARY_DIR "/front_snippets/nested/inc" };
    Unit *u = tf_parse_args("nested/main",
                            "#include \"proj.h\"\n"
                            "void f(void) { ProjCall(1); }\n",
                            args, 2);
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 1);
    assert_true(has_assumed(u, "header generated_regs.h (empty stand-in)"));
    assert_true(has_assumed(u, "header private/ioctls.h (empty stand-in)"));
    assert_int_equal(u->nassumed, 2);
    assert_int_equal(tf_count_calls(cfg_find_func(u, "f"), "ProjCall"), 1);
    cfg_free_unit(u);
}

/* A header that includes another under a name whose case differs from the
 * file's, in a sub-folder written with a backslash: one round. */
static void case_mismatch_in_header_in_one_round(void **state)
{
    (void)state;
    tf_write("cihdr/Common/Sub/Deep_Types.h", "typedef struct _DEEP { int Handle; } DEEP;\n");
    tf_write("cihdr/Common/top.h", "#include \"SUB\\deep_types.H\"\nDEEP *Top(void);\n");
    Unit *u = tf_parse("cihdr/main",
                       "#include \"common/TOP.h\"\n"
                       "int f(void) { return Top()->Handle; }\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 1);
    assert_true(has_assumed(u, "header common/TOP.h (found as "));
    assert_true(has_assumed(u, "header SUB\\deep_types.H (found as "));
    assert_int_equal(u->nassumed, 2);
    cfg_free_unit(u);
}

/* The flags a WPP_DEFINE_BIT list names are declared by the .tmh
 * stand-in: trace calls that name them (through a trace macro the
 * configuration does not declare, an implicit function) parse in one
 * round, and the flags are not assumed one by one. */
static void wpp_define_bit_flags_in_one_round(void **state)
{
    (void)state;
    tf_write("wppbits/trace.h",
             "#define WPP_CONTROL_GUIDS \\\n"
             "    WPP_DEFINE_CONTROL_GUID(MyGuid, (1,2,3,4,5), \\\n"
             "        WPP_DEFINE_BIT(DBG_INIT) \\\n"
             "        WPP_DEFINE_BIT( DBG_IOCTL ) \\\n"
             "        )\n"
             "#define WPP_DEFINE_BIT(Name) /* not a flag */\n"
             "// begin_wpp config\n"
             "// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);\n"
             "// end_wpp\n");
    Unit *u = tf_parse("wppbits/driver",
                       "#include \"trace.h\"\n"
                       "#include \"driver.tmh\"\n"
                       "int Reg(void *);\n"
                       "void f(void *d) {\n"
                       "  TraceEvents(4, DBG_INIT, \"init %p\", d);\n"
                       "  DEBUGP(DBG_IOCTL, \"ioctl\");\n"
                       "  unsigned m = DBG_INIT | DBG_IOCTL;\n"
                       "  Reg(&m);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 1);
    assert_true(has_assumed(u, "header driver.tmh (WPP stand-in)"));
    assert_int_equal(u->nassumed, 1);
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(tf_count_calls(f, "Reg"), 1);
    assert_int_equal(tf_count_calls(f, "TraceEvents"), 0);
    cfg_free_unit(u);
}

/* The include scan searches the folders the arguments name as clang does:
 * a header in an -isystem or -iquote folder is not hidden by a stand-in,
 * and what a forced include (-include) includes is looked for too. */
static void include_scan_follows_isystem_iquote_and_forced_includes(void **state)
{
    (void)state;
    tf_write("argdirs/sys/vendor_api.h", "typedef int VENDOR_T;\n");
    tf_write("argdirs/quote/quoted_api.h", "typedef int QUOTED_T;\n");
    const char *pre = tf_write("argdirs/pre/precomp.h", "#include \"generated_by_build.h\"\n");
    char prepath[1024];
    snprintf(prepath, sizeof prepath, "%s", pre);
    const char *args[] = { "-isystem", TEST_BINARY_DIR "/front_snippets/argdirs/sys",
                           "-iquote" TEST_BINARY_DIR "/front_snippets/argdirs/quote",
                           "-include", prepath };
    Unit *u = tf_parse_args("argdirs/main",
                            "#include <vendor_api.h>\n"
                            "#include \"quoted_api.h\"\n"
                            "VENDOR_T v; QUOTED_T q;\n",
                            args, 5);
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 1);
    assert_true(has_assumed(u, "header generated_by_build.h (empty stand-in)"));
    assert_int_equal(u->nassumed, 1);
    cfg_free_unit(u);
}

/* A file parsed after another that shares its headers assumes what it
 * assumes in a fresh context (what the include scan reads is its own). */
static void include_cache_does_not_depend_on_file_order(void **state)
{
    (void)state;
    tf_write("order/common.h", "#include \"Shared_Gen.h\"\n#include \"Sub\\Only.h\"\n");
    tf_write("order/sub/only.h", "typedef int ONLY_T;\n");
    tf_write("order/shared_gen.h", "typedef int GEN_T;\n");
    const char *a = tf_write("order/a.c", "#include \"common.h\"\n#include \"a_only.h\"\n"
                                          "GEN_T ga; ONLY_T oa;\n");
    char apath[1024];
    snprintf(apath, sizeof apath, "%s", a);
    const char *b = tf_write("order/b.c", "#include \"COMMON.H\"\nGEN_T gb; ONLY_T ob;\n");
    char bpath[1024];
    snprintf(bpath, sizeof bpath, "%s", b);
    SourceFile sa = { apath, "a.c", NULL, 0 }, sb = { bpath, "b.c", NULL, 0 };
    static FrontOptions o;
    o.model_dir = TEST_SOURCE_DIR "/rules/wdk";
    o.recover = 1;
    FrontCtx *fresh = front_new(&o);
    Unit *u1 = front_parse(fresh, &sb);                /* b alone */
    Unit *ua = front_parse(tf_ctx, &sa);               /* a, then b, in one context */
    Unit *u2 = front_parse(tf_ctx, &sb);
    front_free(fresh);
    if (u1->nerrors)
        dump(u1);
    assert_int_equal(u1->nerrors, 0);
    assert_int_equal(u2->nerrors, 0);
    assert_int_equal(u1->nassumed, 3);
    assert_int_equal(u2->nassumed, u1->nassumed);
    for (int i = 0; i < u1->nassumed; i++)
        assert_string_equal(u1->assumed[i], u2->assumed[i]);
    assert_true(has_assumed(ua, "header a_only.h (empty stand-in)"));
    assert_false(has_assumed(u2, "header a_only.h"));
    cfg_free_unit(u1);
    cfg_free_unit(u2);
    cfg_free_unit(ua);
}

/* A WPP configuration in a header the include scan cannot name (a macro
 * include) still reaches the .tmh stand-in, one round later, and its
 * flags are not assumed as identifiers. */
static void wpp_config_behind_a_macro_include(void **state)
{
    (void)state;
    tf_write("wppmacro/trace_m.h",
             "// begin_wpp config\n"
             "// FUNC TraceX(LEVEL, FLAGS, MSG, ...);\n"
             "// end_wpp\n"
             "#define WPP_CONTROL_GUIDS WPP_DEFINE_CONTROL_GUID(G, (1,2,3,4,5), "
             "WPP_DEFINE_BIT(FLAG_Z))\n");
    Unit *u = tf_parse("wppmacro/drv",
                       "#define TRACE_HDR \"trace_m.h\"\n"
                       "#include TRACE_HDR\n"
                       "#include \"drv.tmh\"\n"
                       "int Reg(int);\n"
                       "void f(void) { TraceX(1, FLAG_Z, \"x\"); Reg(FLAG_Z); }\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 2);
    assert_true(has_assumed(u, "header drv.tmh (WPP stand-in)"));
    assert_int_equal(u->nassumed, 1);
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(tf_count_calls(f, "TraceX"), 0);
    assert_int_equal(tf_count_calls(f, "Reg"), 1);
    cfg_free_unit(u);
}

/* Stand-ins are made for every #include line, also under #if 0, but only
 * those the parse includes are reported; headers the model has are read
 * from it. */
static void standins_not_included_are_not_reported(void **state)
{
    (void)state;
    Unit *u = tf_parse("unused_standin",
                       "#include <stddef.h>\n"
                       "#if 0\n#include \"never_there.h\"\n#endif\n"
                       "size_t v;\n"
                       "void f(void) { v = sizeof v; }\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 1);
    assert_int_equal(u->nassumed, 0);
    cfg_free_unit(u);
}

static void wpp_tmh_standin_defines_trace_macros(void **state)
{
    (void)state;
    tf_write("wpp/trace.h",
             "// begin_wpp config\n"
             "// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);\n"
             "// FUNC TraceDbg{LEVEL=TRACE_LEVEL_VERBOSE}(FLAGS, MSG, ...);\n"
             "// end_wpp\n");
    Unit *u = tf_parse("wpp/driver",
                       "#include \"trace.h\"\n"
                       "#include \"driver.tmh\"\n"
                       "int Reg(void *);\n"
                       "void f(void *d, void *r) {\n"
                       "  WPP_INIT_TRACING(d, r);\n"
                       "  TraceEvents(1, 2, \"x %d\", 3);\n"
                       "  Reg(d);\n"
                       "  WPP_CLEANUP(d);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "header driver.tmh (WPP stand-in)"));
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(tf_count_calls(f, "Reg"), 1);
    assert_int_equal(tf_count_calls(f, "TraceEvents"), 0);
    cfg_free_unit(u);
}

static void unknown_types_do_not_hide_calls(void **state)
{
    (void)state;
    Unit *u = tf_parse("unknown_types",
                       "typedef struct _ADAPTER {\n"
                       "  SOME_TIMER Timer;\n"
                       "  void *InterruptHandle;\n"
                       "} ADAPTER, *PADAPTER;\n"
                       "int NdisMSynchronizeWithInterruptEx(void *, unsigned, void *, void *);\n"
                       "void NdisMDeregisterInterruptEx(void *);\n"
                       "void f(PADAPTER a) {\n"
                       "  PRIVATE_CTX ctx;\n"
                       "  NdisMSynchronizeWithInterruptEx(a->InterruptHandle, PRIVATE_INDEX, 0, &ctx);\n"
                       "  if (a->InterruptHandle) NdisMDeregisterInterruptEx(a->InterruptHandle);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "type SOME_TIMER"));
    assert_true(has_assumed(u, "type PRIVATE_CTX"));
    assert_true(has_assumed(u, "identifier PRIVATE_INDEX"));
    assert_false(has_assumed(u, "identifier ctx"));   /* declared by PRIVATE_CTX ctx */
    assert_int_equal(front_rounds(tf_ctx), 2);          /* types and values together */
    const Func *f = cfg_find_func(u, "f");
    const Step *s = NULL;
    assert_true(tf_call_block(f, "NdisMSynchronizeWithInterruptEx", 0, &s) >= 0);
    assert_string_equal(s->args[0]->key, "_ADAPTER.InterruptHandle");
    assert_int_equal(tf_count_calls(f, "NdisMDeregisterInterruptEx"), 1);
    cfg_free_unit(u);
}

static void lvalue_cast_is_recovered(void **state)
{
    (void)state;
    Unit *u = tf_parse("lvalue_cast",
                       "void *p; int Check(int);\n"
                       "void f(void) {\n"
                       "  (unsigned long long)p = 0;\n"
                       "  Check(2);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "lvalue cast at line 3"));
    assert_int_equal(front_rounds(tf_ctx), 1);    /* seen in the text (lvcast.c) */
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(f->blocks[0].steps[0].kind, ST_ASSIGN);
    assert_string_equal(f->blocks[0].steps[0].lhs->key, "p");
    assert_int_equal(f->blocks[0].steps[0].loc.col, 23);
    cfg_free_unit(u);
}

/* An lvalue cast in a project header's macro is blanked in the header,
 * where it is spelled; the error is reported where the macro is used. */
static void lvalue_cast_in_header_macro_is_recovered(void **state)
{
    (void)state;
    tf_write("lvalue_hdr/refcnt.h",
             "typedef struct NBL { void *Reserved[2]; } NBL;\n"
             "#define SET_REF_CNT(_N, _C) \\\n"
             "    (unsigned long long)((_N)->Reserved[0]) = (_C)\n");
    Unit *u = tf_parse("lvalue_hdr/mp",
                       "#include \"refcnt.h\"\n"
                       "int Check(int);\n"
                       "void f(NBL *n) {\n"
                       "  SET_REF_CNT(n, 1);\n"
                       "  Check(2);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "lvalue cast at line 3 of "));
    assert_int_equal(front_rounds(tf_ctx), 1);
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(f->blocks[0].steps[0].kind, ST_ASSIGN);
    assert_int_equal(tf_count_calls(f, "Check"), 1);
    cfg_free_unit(u);
}

/* The shapes lvcast.c finds in the text before the first round: a macro
 * whose body is a cast chain, used as a left side in another file (=, --,
 * and ++ before it); a parenthesised cast with += at a statement's start.
 * Uses as a value and casts that are not assigned to stay as written, and
 * "(*Fn)(x)->f = v" (a call through a pointer) is no cast. */
static void lvalue_casts_found_before_parsing(void **state)
{
    (void)state;
    tf_write("lvalue_pre/nbl.h",
             "typedef unsigned long ULONG; typedef unsigned long long ULONG_PTR;\n"
             "typedef struct NBL { void *MiniportReserved[2]; } NBL;\n"
             "#define NBL_REF(_N) ((ULONG)(ULONG_PTR)((_N)->MiniportReserved[1]))\n"
             "#define NBL_RAW(_N) ((ULONG)(ULONG_PTR)((_N)->MiniportReserved[0]))\n");
    Unit *u = tf_parse("lvalue_pre/send",
                       "#include \"nbl.h\"\n"
                       "typedef unsigned char UCHAR, *PUCHAR;\n"
                       "typedef struct H { int f; } H; H *(*Pick)(int);\n"
                       "int Check(int);\n"
                       "void f(NBL *n, void *buf, ULONG c) {\n"
                       "  NBL_REF(n) = c;\n"
                       "  NBL_REF(n)--;\n"
                       "  if (++NBL_REF(n) == 2) Check(NBL_RAW(n));\n"
                       "  ((PUCHAR)buf) += 4;\n"
                       "  (*Pick)(1)->f = 3;\n"
                       "  Check((ULONG)c);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(front_rounds(tf_ctx), 1);
    assert_true(has_assumed(u, "lvalue cast at line 3 of "));
    assert_false(has_assumed(u, "lvalue cast at line 4 of "));
    assert_true(has_assumed(u, "lvalue cast at line 9 of "));
    assert_false(has_assumed(u, "lvalue cast at line 10 of "));
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(tf_count_calls(f, "Check"), 2);
    cfg_free_unit(u);
}

/* UTF-16 sources (Visual Studio's "Unicode - Codepage 1200") become UTF-8:
 * both byte orders, a surrogate pair, an unpaired surrogate; no mark, no
 * conversion. */
static void utf16_text_becomes_utf8(void **state)
{
    (void)state;
    static const char le[] = "\xFF\xFE" "i\0n\0\xE9\0\x3D\xD8\x00\xDE\x00\xD8;\0";
    size_t n = 0;
    char *u = utf16_to_utf8(le, sizeof le - 1, &n);
    assert_non_null(u);
    assert_string_equal(u, "in\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD;");
    assert_int_equal(n, strlen(u));
    free(u);
    static const char be[] = "\xFE\xFF" "\0i\0n\0t";
    u = utf16_to_utf8(be, sizeof be - 1, NULL);
    assert_string_equal(u, "int");
    free(u);
    assert_null(utf16_to_utf8("int x;", 6, NULL));
}

/* A definition whose parameter types differ from its prototype's builds
 * with MSVC (warning C4028): a warning here, and the function is lowered. */
static void conflicting_parameter_types_are_a_warning(void **state)
{
    (void)state;
    Unit *u = tf_parse("c4028",
                       "typedef struct A A; typedef struct B B;\n"
                       "int Check(int);\n"
                       "void Init(A *a, void *h);\n"
                       "void Init(A *a, B *b) { Check(1); }\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    int warned = 0;
    for (int i = 0; i < u->diags.n; i++)
        warned |= u->diags.v[i].sev == DIAG_WARNING &&
                  strstr(u->diags.v[i].msg, "conflicting types for 'Init'") != NULL;
    assert_true(warned);
    assert_int_equal(tf_count_calls(cfg_find_func(u, "Init"), "Check"), 1);
    cfg_free_unit(u);
}

/* MSVC takes the address of a cast (&((UINT8 *)buf)); the cast is blanked
 * as an lvalue cast, and the call it sits in is kept.  An rvalue that is
 * no cast (&(a + b)) is left alone. */
static void address_of_cast_is_recovered(void **state)
{
    (void)state;
    Unit *u = tf_parse("address_cast",
                       "typedef unsigned char UINT8; int Gen(int *len, UINT8 **out);\n"
                       "int Check(int);\n"
                       "void f(void *buf, int len) {\n"
                       "  if (Gen(&len, &((UINT8 *)buf))) return;\n"
                       "  Check(2);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "lvalue cast at line 4"));
    const Func *f = cfg_find_func(u, "f");
    assert_int_equal(tf_count_calls(f, "Gen"), 1);
    assert_int_equal(tf_count_calls(f, "Check"), 1);
    cfg_free_unit(u);
    u = tf_parse("address_noncast", "int g(int *); void h(int a, int b) { g(&(a + b)); }\n");
    assert_int_equal(u->nerrors, 1);
    assert_false(has_assumed(u, "lvalue cast"));
    cfg_free_unit(u);
}

/* A chain of casts assigned to through a macro (e100bex's
 * ((ULONG)(ULONG_PTR)((_N)->Reserved[1])) = Count): clang says only
 * "expression is not assignable"; both casts are blanked where the macro
 * spells them, and the store is the field's.  A call assigned to is left
 * alone. */
static void assigned_cast_chain_is_recovered(void **state)
{
    (void)state;
    Unit *u = tf_parse("assign_cast",
                       "typedef unsigned long ULONG; typedef unsigned long long ULONG_PTR;\n"
                       "typedef struct N { void *Reserved[2]; } N;\n"
                       "#define REF_COUNT(_N) ((ULONG)(ULONG_PTR)((_N)->Reserved[1]))\n"
                       "void f(N *n, ULONG c) {\n"
                       "  REF_COUNT(n) = c;\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_true(has_assumed(u, "lvalue cast at line 3"));
    const Func *f = cfg_find_func(u, "f");
    int stores = 0;
    for (int b = 0; b < f->nblocks; b++)
        for (int k = 0; k < f->blocks[b].nsteps; k++) {
            const Step *st = &f->blocks[b].steps[k];
            stores += st->kind == ST_ASSIGN && st->lhs && st->lhs->text &&
                      strcmp(st->lhs->text, "n->Reserved[1]") == 0;
        }
    assert_int_equal(stores, 1);
    cfg_free_unit(u);
    u = tf_parse("assign_call", "int g(void); void h(void) { g() = 3; }\n");
    assert_true(u->nerrors >= 1);
    assert_false(has_assumed(u, "lvalue cast"));
    cfg_free_unit(u);
}

static void default_defines_unless_set(void **state)
{
    (void)state;
    Unit *u = tf_parse("defines",
                       "#ifndef _KERNEL_MODE\n#error no kernel mode\n#endif\n"
                       "#define NDIS61_MINIPORT 1\n"
                       "#if defined(NDIS60_MINIPORT)\n#error two miniport versions\n#endif\n"
                       "#if DBG\n#error DBG set\n#endif\n"
                       "void f(void) {}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    cfg_free_unit(u);
    const char *args[] = { "-DDBG=1" };
    u = tf_parse_args("defines_args",
                      "#if !DBG\n#error DBG not from the arguments\n#endif\n"
                      "#if defined(NDIS60_MINIPORT) || defined(NDIS620_MINIPORT)\n"
                      "#error the front end sets no NDIS version: the model picks one\n#endif\n"
                      "void f(void) {}\n",
                      args, 1);
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    cfg_free_unit(u);
}

static void ms_extensions_parse(void **state)
{
    (void)state;
    Unit *u = tf_parse("msext",
                       "typedef unsigned __int64 U64;\n"
                       "__declspec(noinline) int __stdcall g(int x) { return x; }\n"
                       "void f(void) {\n"
                       "  U64 v = 'pMvN';\n"
                       "  __try { g(1); } __finally { g(2); }\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(cfg_find_func(u, "f")->blocks[0].steps[0].rhs->ival, 0x704d764e);
    cfg_free_unit(u);
}

static void errors_are_capped_per_file(void **state)
{
    (void)state;
    char src[4096];
    size_t n = 0;
    n += (size_t)snprintf(src + n, sizeof src - n, "void f(void) {\n");
    for (int i = 0; i < 30; i++)
        n += (size_t)snprintf(src + n, sizeof src - n, "  int x%d = 1 +;\n", i);
    snprintf(src + n, sizeof src - n, "}\n");
    Unit *u = tf_parse("capped", src);
    assert_true(u->parsed);
    assert_int_equal(u->nerrors, 30);
    int errs = 0, notes = 0;
    for (int i = 0; i < u->diags.n; i++) {
        errs += u->diags.v[i].sev == DIAG_ERROR;
        notes += u->diags.v[i].sev == DIAG_NOTE && strstr(u->diags.v[i].msg, "10 more errors");
    }
    assert_int_equal(errs, 20);
    assert_int_equal(notes, 1);
    assert_int_equal(u->diags.v[0].line, 2);
    assert_non_null(cfg_find_func(u, "f"));       /* still lowered */
    cfg_free_unit(u);
}

static void unreadable_file_is_not_parsed(void **state)
{
    (void)state;
    SourceFile sf = { TEST_BINARY_DIR "/front_snippets/does_not_exist.c", NULL, NULL, 0 };
    Unit *u = front_parse(tf_ctx, &sf);
    assert_non_null(u);
    assert_false(u->parsed);
    assert_true(u->diags.nerr > 0);
    cfg_free_unit(u);
}

static void ndis_h_parses_with_the_model(void **state)
{
    (void)state;
    if (access(TEST_SOURCE_DIR "/rules/wdk/ndis.h", R_OK) != 0)
        skip();
    Unit *u = tf_parse("ndis_model",
                       "#include <ndis.h>\n"
                       "MINIPORT_HALT MPHaltEx;\n"
                       "typedef struct _ADAPTER { NDIS_HANDLE InterruptHandle; } ADAPTER, *PADAPTER;\n"
                       "VOID MPHaltEx(NDIS_HANDLE Ctx, NDIS_HALT_ACTION Action)\n"
                       "{\n"
                       "  PADAPTER a = (PADAPTER)Ctx;\n"
                       "  UNREFERENCED_PARAMETER(Action);\n"
                       "  if (a->InterruptHandle) NdisMDeregisterInterruptEx(a->InterruptHandle);\n"
                       "}\n");
    if (u->nerrors)
        dump(u);
    assert_int_equal(u->nerrors, 0);
    assert_int_equal(u->nassumed, 0);
    const Func *f = cfg_find_func(u, "MPHaltEx");
    assert_string_equal(f->role, "MINIPORT_HALT");
    assert_int_equal(tf_count_calls(f, "NdisMDeregisterInterruptEx"), 1);
    cfg_free_unit(u);
}

/* The build time a driver logs is fixed: the same sources give the same
 * report (and fingerprints) on every run. */
static void build_time_macros_are_fixed(void **state)
{
    (void)state;
    Unit *u = tf_parse("build_time",
                       "void Log(const char *);\n"
                       "void f(void) { Log(\"built \" __DATE__ \" \" __TIME__); }\n");
    assert_int_equal(u->nerrors, 0);
    const Step *s = NULL;
    assert_true(tf_call_block(cfg_find_func(u, "f"), "Log", 0, &s) >= 0);
    assert_non_null(s);
    assert_int_equal(s->nargs, 1);
    assert_int_equal(s->args[0]->kind, EX_STR);
    assert_non_null(strstr(s->args[0]->text, "Jan  1 1970 00:00:00"));
    cfg_free_unit(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_header_gets_empty_standin),
        cmocka_unit_test(build_time_macros_are_fixed),
        cmocka_unit_test(include_case_and_backslashes_ignored),
        cmocka_unit_test(missing_header_from_header_in_one_round),
        cmocka_unit_test(case_mismatch_in_header_in_one_round),
        cmocka_unit_test(wpp_define_bit_flags_in_one_round),
        cmocka_unit_test(wpp_config_behind_a_macro_include),
        cmocka_unit_test(standins_not_included_are_not_reported),
        cmocka_unit_test(include_cache_does_not_depend_on_file_order),
        cmocka_unit_test(include_scan_follows_isystem_iquote_and_forced_includes),
        cmocka_unit_test(wpp_tmh_standin_defines_trace_macros),
        cmocka_unit_test(unknown_types_do_not_hide_calls),
        cmocka_unit_test(lvalue_cast_is_recovered),
        cmocka_unit_test(address_of_cast_is_recovered),
        cmocka_unit_test(assigned_cast_chain_is_recovered),
        cmocka_unit_test(conflicting_parameter_types_are_a_warning),
        cmocka_unit_test(lvalue_cast_in_header_macro_is_recovered),
        cmocka_unit_test(lvalue_casts_found_before_parsing),
        cmocka_unit_test(utf16_text_becomes_utf8),
        cmocka_unit_test(default_defines_unless_set),
        cmocka_unit_test(ms_extensions_parse),
        cmocka_unit_test(errors_are_capped_per_file),
        cmocka_unit_test(unreadable_file_is_not_parsed),
        cmocka_unit_test(ndis_h_parses_with_the_model),
    };
    return cmocka_run_group_tests(tests, tf_setup, tf_teardown);
}
