/* test_wdkbuild.c - the build defines of a WDK `sources` file: C_DEFINES
 * accumulated through $(C_DEFINES), -D and /D, conditionals on the target
 * (AMD64, free build), line continuations, comments, macros the file sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/sources.h"

/* The defines of a sources file with this text, joined by spaces. */
static const char *defines_of(const char *text)
{
    static char out[2048];
    char path[512];
    snprintf(path, sizeof path, "%s/wdkbuild_sources", TEST_BINARY_DIR);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    char **defs = NULL;
    int n = 0;
    assert_true(wdk_sources_defines(path, &defs, &n) >= 0);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, defs[i]);
        free(defs[i]);
    }
    free(defs);
    return out;
}

/* SOURCES names the C files built, often in another folder (sys/sources
 * building "..\\mp_main.c"): its .c entries as written, continuations
 * and macros expanded, resources and other files left out. */
static void source_files_listed(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/wdkbuild_sources_list", TEST_BINARY_DIR);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("TARGETNAME=e100bex\nDIR=..\n"
          "C_DEFINES=$(C_DEFINES) -DNDIS51_MINIPORT=1\n"
          "SOURCES = \\\n   $(DIR)\\mp_main.c \\\n   ..\\mp_init.C \\\n   ..\\e100.rc\n", f);
    fclose(f);
    WdkSources w;
    assert_int_equal(wdk_sources_load(path, &w), 1);
    assert_string_equal(w.defs[0], "-DNDIS51_MINIPORT=1");
    assert_int_equal(w.nfiles, 2);
    assert_string_equal(w.files[0], "..\\mp_main.c");
    assert_string_equal(w.files[1], "..\\mp_init.C");
    wdk_sources_free(&w);
}

/* !include reads a shared file (and INCLUDES lists folders) (netvmini 6x/620/sources: "!include
 * ..\\sources.inc"), relative to the including file's folder; what it
 * sets is seen after it. */
static void included_file(void **state)
{
    (void)state;
    char dir[512], sub[600], inc[700], top[700];
    snprintf(dir, sizeof dir, "%s/wdkbuild_inc", TEST_BINARY_DIR);
    snprintf(sub, sizeof sub, "%s/620", dir);
    snprintf(inc, sizeof inc, "%s/sources.inc", dir);
    snprintf(top, sizeof top, "%s/sources", sub);
    char cmd[1300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", sub);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(inc, "w");
    assert_non_null(f);
    fputs("C_DEFINES=$(C_DEFINES) -DNDIS_MINIPORT_DRIVER=1\nSOURCES = ..\\miniport.c\n"
          "INCLUDES=$(INCLUDES) ..;..\\..\\inc; $(DDK_INC_PATH)\n", f);
    fclose(f);
    f = fopen(top, "w");
    assert_non_null(f);
    fputs("C_DEFINES=$(C_DEFINES) -DNDIS620_MINIPORT=1\n!include ..\\sources.inc\n"
          "SOURCES=$(SOURCES) ..\\vmq.c\n", f);
    fclose(f);
    WdkSources w;
    assert_int_equal(wdk_sources_load(top, &w), 2);
    assert_string_equal(w.defs[0], "-DNDIS620_MINIPORT=1");
    assert_string_equal(w.defs[1], "-DNDIS_MINIPORT_DRIVER=1");
    assert_int_equal(w.nfiles, 2);
    assert_string_equal(w.files[0], "..\\miniport.c");
    assert_string_equal(w.files[1], "..\\vmq.c");
    assert_int_equal(w.nincs, 2);      /* $(DDK_INC_PATH) is no macro the files set */
    assert_string_equal(w.incs[0], "..");
    assert_string_equal(w.incs[1], "..\\..\\inc");
    wdk_sources_free(&w);
}

static void accumulated_c_defines(void **state)
{
    (void)state;
    assert_string_equal(defines_of("TARGETNAME=x\n"
                                   "C_DEFINES=$(C_DEFINES) -DNDIS_MINIPORT_DRIVER -DNDIS61_MINIPORT=1\n"
                                   "# a comment -DNOT_THIS\n"
                                   "C_DEFINES=$(C_DEFINES) /DBINARY_COMPATIBLE=0 \\\n"
                                   "    -DXMP_DIAG -I..\\inc\n"),
                        "-DNDIS_MINIPORT_DRIVER -DNDIS61_MINIPORT=1 -DBINARY_COMPATIBLE=0 "
                        "-DXMP_DIAG");
}

static void conditionals_on_the_target(void **state)
{
    (void)state;
    assert_string_equal(defines_of("!if \"$(_BUILDARCH)\"==\"IA64\"\n"
                                   "C_DEFINES=$(C_DEFINES) -DIA64_ONLY\n"
                                   "!else\n"
                                   "!if \"$(_BUILDARCH)\" == \"amd64\"\n"
                                   "C_DEFINES=$(C_DEFINES) -DPLATFORM_64BIT\n"
                                   "!else\n"
                                   "C_DEFINES=$(C_DEFINES) -DPLATFORM_32BIT\n"
                                   "!endif\n"
                                   "!endif\n"
                                   "!ifdef NOT_SET\n"
                                   "C_DEFINES=$(C_DEFINES) -DNO\n"
                                   "!elseif \"$(_BUILDARCH)\"!=\"x86\"\n"
                                   "C_DEFINES=$(C_DEFINES) -DNOT_X86\n"
                                   "!endif\n"
                                   "!if $(FREEBUILD)\n"
                                   "C_DEFINES=$(C_DEFINES) -DFREE\n"
                                   "!endif\n"
                                   "!if (\"$(_BUILDARCH)\"==\"AMD64\")\n"
                                   "C_DEFINES=$(C_DEFINES) -DPARENS\n"
                                   "!endif\n"),
                        "-DPLATFORM_64BIT -DNOT_X86 -DFREE -DPARENS");
}

static void macros_the_file_sets(void **state)
{
    (void)state;
    assert_string_equal(defines_of("MYDEF=-DFROM_MACRO=2\n"
                                   "USE_MSI=1\n"
                                   "!if \"$(USE_MSI)\"==\"1\" && defined(USE_MSI)\n"
                                   "C_DEFINES=$(MYDEF) -D\"QUOTED=1\"\n"
                                   "!endif\n"),
                        "-DFROM_MACRO=2 -DQUOTED=1");
}

static void unreadable_file(void **state)
{
    (void)state;
    char **defs = NULL;
    int n = 5;
    assert_int_equal(wdk_sources_defines("/nonexistent/sources", &defs, &n), -1);
    assert_int_equal(n, 0);
    assert_null(defs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accumulated_c_defines),
        cmocka_unit_test(source_files_listed),
        cmocka_unit_test(included_file),
        cmocka_unit_test(conditionals_on_the_target),
        cmocka_unit_test(macros_the_file_sets),
        cmocka_unit_test(unreadable_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
