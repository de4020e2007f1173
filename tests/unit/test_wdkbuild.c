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
        cmocka_unit_test(conditionals_on_the_target),
        cmocka_unit_test(macros_the_file_sets),
        cmocka_unit_test(unreadable_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
