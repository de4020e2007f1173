/* test_vcxproj.c - the build defines of an MSBuild project file: the
 * Release|x64 group's PreprocessorDefinitions (else the nearest
 * configuration), groups with no condition, MSBuild properties left out,
 * XML entities decoded, the C files ClCompile names (also several in one
 * Include) and the AdditionalIncludeDirectories. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/sources.h"

/* A project file with this text, loaded. */
static void load(const char *name, const char *text, WdkSources *w, int expect)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.vcxproj", TEST_BINARY_DIR, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(vcxproj_load(path, w), expect);
}

static const char *joined(char **v, int n)
{
    static char out[2048];
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, v[i]);
    }
    return out;
}

#define GROUP(cond, defs)                                                                  \
    "  <ItemDefinitionGroup Condition=\"'$(Configuration)|$(Platform)'=='" cond "'\">\n"    \
    "    <ClCompile>\n"                                                                      \
    "      <PreprocessorDefinitions>" defs "</PreprocessorDefinitions>\n"                    \
    "    </ClCompile>\n"                                                                     \
    "  </ItemDefinitionGroup>\n"

static void release_x64_is_chosen(void **state)
{
    (void)state;
    WdkSources w;
    load("rel_x64",
         "<Project>\n"
         GROUP("Debug|Win32", "DBG=1;X86_ONLY")
         GROUP("Release|x64", "NDIS630=1;HAVE_RX_SUPPORT;%(PreprocessorDefinitions)")
         GROUP("Release|ARM64", "ARM_ONLY")
         "  <ItemGroup>\n"
         "    <ClCompile Include=\"Packet.c\" />\n"
         "    <ClCompile Include=\"..\\common\\Read.c\" />\n"
         "    <ClInclude Include=\"Packet.h\" />\n"
         "    <ResourceCompile Include=\"npf.rc\" />\n"
         "  </ItemGroup>\n"
         "</Project>\n",
         &w, 2);
    assert_string_equal(joined(w.defs, w.ndefs), "-DNDIS630=1 -DHAVE_RX_SUPPORT");
    assert_string_equal(joined(w.files, w.nfiles), "Packet.c ..\\common\\Read.c");
    wdk_sources_free(&w);
}

/* With no Release|x64: x64 first, then Release; a group with no condition
 * counts for every configuration. */
static void nearest_configuration_and_common_groups(void **state)
{
    (void)state;
    WdkSources w;
    load("nearest",
         "<Project>\n"
         "  <ItemDefinitionGroup>\n    <ClCompile>\n"
         "      <PreprocessorDefinitions>COMMON=1;%(PreprocessorDefinitions)</PreprocessorDefinitions>\n"
         "      <AdditionalIncludeDirectories>..\\inc;$(DDK_INC_PATH);..\\shared</AdditionalIncludeDirectories>\n"
         "    </ClCompile>\n  </ItemDefinitionGroup>\n"
         GROUP("Release|Win32", "REL32")
         GROUP("Debug|x64", "DBG=1;DBG64")
         "</Project>\n",
         &w, 3);
    assert_string_equal(joined(w.defs, w.ndefs), "-DCOMMON=1 -DDBG=1 -DDBG64");
    assert_string_equal(joined(w.incs, w.nincs), "..\\inc ..\\shared");
    wdk_sources_free(&w);
}

/* Windows-driver-samples' netvmini: several defines elements in one group,
 * several files in one Include, entities in values. */
static void lists_and_entities(void **state)
{
    (void)state;
    WdkSources w;
    load("lists",
         "<Project>\n"
         "  <ItemGroup>\n"
         "    <ClCompile Include=\"..\\miniport.c; ..\\adapter.c;..\\mphal.c\">\n"
         "      <ExcludedFromBuild>false</ExcludedFromBuild>\n"
         "    </ClCompile>\n"
         "  </ItemGroup>\n"
         "  <ItemDefinitionGroup Condition=\"&apos;$(Configuration)|$(Platform)&apos;==&apos;Release|x64&apos;\">\n"
         "    <ClCompile>\n"
         "      <PreprocessorDefinitions>%(PreprocessorDefinitions);NDIS680_MINIPORT=1</PreprocessorDefinitions>\n"
         "      <PreprocessorDefinitions>%(PreprocessorDefinitions);NAME=&quot;x&quot;</PreprocessorDefinitions>\n"
         "    </ClCompile>\n"
         "  </ItemDefinitionGroup>\n"
         "</Project>\n",
         &w, 2);
    assert_string_equal(joined(w.defs, w.ndefs), "-DNDIS680_MINIPORT=1 -DNAME=\"x\"");
    assert_string_equal(joined(w.files, w.nfiles), "..\\miniport.c ..\\adapter.c ..\\mphal.c");
    wdk_sources_free(&w);
}

/* A group shared by every configuration whose elements carry the
 * condition, as Visual Studio writes it after a per-configuration edit. */
static void conditions_on_the_elements(void **state)
{
    (void)state;
    WdkSources w;
    load("elements",
         "<Project>\n"
         "  <ItemDefinitionGroup>\n    <ClCompile>\n"
         "      <WarningLevel Condition=\"'$(Configuration)|$(Platform)'=='Win8 Release|x64'\">Level1</WarningLevel>\n"
         "      <PreprocessorDefinitions Condition=\"'$(Configuration)|$(Platform)'=='Win8 Debug|Win32'\">DBG=1;%(PreprocessorDefinitions)</PreprocessorDefinitions>\n"
         "      <PreprocessorDefinitions Condition=\"'$(Configuration)|$(Platform)'=='Win8 Release|x64'\">NDIS620_MINIPORT=1;TAP_X64</PreprocessorDefinitions>\n"
         "      <PreprocessorDefinitions>ALWAYS=1;%(PreprocessorDefinitions)</PreprocessorDefinitions>\n"
         "      <AdditionalIncludeDirectories Condition=\"'$(Configuration)|$(Platform)'=='Win8 Release|x64'\">..\\inc</AdditionalIncludeDirectories>\n"
         "      <AdditionalIncludeDirectories Condition=\"'$(Configuration)|$(Platform)'=='Win8 Debug|Win32'\">..\\dbg</AdditionalIncludeDirectories>\n"
         "    </ClCompile>\n  </ItemDefinitionGroup>\n"
         "</Project>\n",
         &w, 3);
    assert_string_equal(joined(w.defs, w.ndefs), "-DNDIS620_MINIPORT=1 -DTAP_X64 -DALWAYS=1");
    assert_string_equal(joined(w.incs, w.nincs), "..\\inc");
    wdk_sources_free(&w);
}

static void unreadable_and_empty(void **state)
{
    (void)state;
    WdkSources w;
    assert_int_equal(vcxproj_load("/nonexistent/x.vcxproj", &w), -1);
    load("empty", "<Project>\n</Project>\n", &w, 0);
    assert_int_equal(w.nfiles, 0);
    wdk_sources_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(release_x64_is_chosen),
        cmocka_unit_test(nearest_configuration_and_common_groups),
        cmocka_unit_test(lists_and_entities),
        cmocka_unit_test(conditions_on_the_elements),
        cmocka_unit_test(unreadable_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
