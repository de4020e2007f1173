/* sources.h - finding the C sources to scan and the compiler arguments that
 * belong to each: plain files, directory trees, compile_commands.json. */
#ifndef DRVCHECK_SOURCES_H
#define DRVCHECK_SOURCES_H

#include "drvcheck/arena.h"
#include "drvcheck/diag.h"
#include "drvcheck/front.h"

typedef struct SourceList {
    SourceFile *v;
    int n, cap;
    char *root;          /* absolute directory that report paths are relative to */
    Arena *arena;        /* owns every string above */
} SourceList;

/* Collect sources from the command-line PATHs.  Problems (unreadable
 * entries, bad compile databases) are diagnostics; returns the number of
 * errors that must stop the run. */
int src_collect(const char *const *paths, int npaths, SourceList *out, DiagList *d);
/* The same, with the command line's own arguments (user_args): a define
 * from a WDK `sources` file gives way to one the user gave (-D or -U). */
int src_collect_with(const char *const *paths, int npaths, const char *const *user_args,
                     int nuser, SourceList *out, DiagList *d);
void src_free(SourceList *s);

/* compdb.c: add the entries of a compile_commands.json, with their
 * arguments sanitised (only -I -D -U -std -include and MSVC /I /D /FI kept,
 * resolved against the entry's directory). */
int src_load_compdb(const char *path, SourceList *out, DiagList *d);
/* Keep the arguments that affect parsing and load nothing: exported for tests. */
int src_sanitize_args(Arena *a, const char *dir, const char *const *argv, int argc,
                      const char ***out);

/* wdkbuild.c: the -D arguments (malloc'd "-DNAME[=VALUE]") a WDK `sources`
 * file's C_DEFINES give, for AMD64, a free build; their number, -1 when the
 * file cannot be read. */
int wdk_sources_defines(const char *path, char ***defs, int *ndefs);
/* What a sources file says of a build: its defines, the C files its
 * SOURCES list names and the folders INCLUDES names, as written
 * ("..\\mp_main.c", "..\\inc"), its !include files read. */
typedef struct WdkSources {
    char **defs;
    int ndefs;
    char **files;
    int nfiles;
    char **incs;
    int nincs;
    int skipped;             /* file entries not read (MSBuild properties, wildcards) */
    int closed;              /* files is the build's whole list: a .vcxproj, the only one in
                                its folder, with no entry skipped (project_in) */
    char config[264];        /* a .vcxproj: the configuration read ("Release|x64", "Debug|x64"),
                                empty when no condition names one */
} WdkSources;
int wdk_sources_load(const char *path, WdkSources *w);   /* ndefs, -1 if unreadable */
/* vcxproj.c: the same of an MSBuild project file, for Release|x64: its
 * PreprocessorDefinitions, ClCompile'd C files and AdditionalIncludeDirectories. */
int vcxproj_load(const char *path, WdkSources *w);       /* ndefs, -1 if unreadable */
void wdk_sources_free(WdkSources *w);
/* The build file in folder dir: its `sources` file (any case), else its
 * .vcxproj (the first by name that compiles a C file); its name in name
 * (BUILD_NAME_MAX bytes) when not NULL, its defines less those the user's
 * arguments set (-D or -U); 0 when dir has none. */
enum { BUILD_NAME_MAX = 256 };
int src_wdk_defines_in(const char *dir, const char *const *user, int nuser, WdkSources *w,
                       char *name);
/* The build file that builds cfile alone (drvcheck cfg): one in a
 * subfolder of its folder that names it (the fullest of several; with its
 * build folders, "-IDIR" in a's memory, in inc[], at most max), else its
 * folder's own.  Its folder in where, its name in name (BUILD_NAME_MAX
 * bytes, when not NULL); 0 if none, else 1 + the number of folders. */
int src_wdk_sources_for(const char *cfile, const char *const *user, int nuser, WdkSources *w,
                        char *where, size_t wsize, char *name, Arena *a, const char **inc,
                        int max);

/* fragments.c: which of the n C files (absolute paths) another of them
 * #includes (wireguard-nt's `#include "selftest/allowedips.c"`): by[i] is
 * the first includer's index, or -1, and line[i] the line of its #include.
 * Quoted names are looked for next to the includer, then in incdirs. */
void src_find_fragments(char *const *files, int n, char *const *incdirs, int ninc, int *by,
                        int *line);

/* compdb.c: a whole file, NUL-terminated (malloc), its length in *len; NULL
 * if it cannot be read. */
char *src_read_file(const char *path, size_t *len);

/* compdb.c: the first n bytes of s in a NUL-terminated malloc'd copy. */
char *src_strndup(const char *s, size_t n);
/* compdb.c: s without its leading blanks, its trailing ones cut in place. */
char *src_trim(char *s);

/* Append a malloc'd copy of s to the growable array *v (n used, cap slots). */
void src_push_str(char ***v, int *n, int *cap, const char *s);

/* Add a source, copying strings into out->arena. */
void src_add(SourceList *s, const char *abs_path, const char *const *args, int nargs);

#endif
