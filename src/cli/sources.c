/* sources.c - walking the PATHs of `drvcheck scan`.
 *
 * A directory is walked once, depth first, entries sorted by name so the
 * order (and so the report) does not depend on the file system.  Symbolic
 * links are followed, but a directory already visited (same device and
 * inode) is not entered again, so link loops end.  Hidden directories
 * (.git, .vs) are skipped.  Without a compile database the tree's own
 * header folders join the include path of every file found under it, and
 * the build defines of the nearest WDK `sources` file at or above a file's
 * folder join its defines (wdkbuild.c). */
#include "cli/sources.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Walk {
    SourceList *out;
    DiagList *d;
    dev_t *devs;
    ino_t *inos;
    int nvisited, cap;
    char **cfiles; int ncfiles, capc;
    char **hdirs; int nhdirs, caph;
    char **sdirs; int nsdirs, caps;     /* folders holding a WDK `sources` file */
    char **cxx; int ncxx, capx;         /* C++ sources: not analysed, named in a note */
    int errors;                         /* C files that cannot be read: the run stops */
} Walk;

static int ends_with_ci(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

void src_push_str(char ***v, int *n, int *cap, const char *s)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *v = realloc(*v, (size_t)*cap * sizeof **v);
        if (!*v)
            abort();
    }
    (*v)[(*n)++] = strdup(s);
}

static int seen_dir(Walk *w, const struct stat *st)
{
    for (int i = 0; i < w->nvisited; i++)
        if (w->devs[i] == st->st_dev && w->inos[i] == st->st_ino)
            return 1;
    if (w->nvisited == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->devs = realloc(w->devs, (size_t)w->cap * sizeof *w->devs);
        w->inos = realloc(w->inos, (size_t)w->cap * sizeof *w->inos);
        if (!w->devs || !w->inos)
            abort();
    }
    w->devs[w->nvisited] = st->st_dev;
    w->inos[w->nvisited] = st->st_ino;
    w->nvisited++;
    return 0;
}

/* Is `link` (a name in the tree) a symbolic link to `top` or a folder that
 * holds it?  Following one would take the walk out of the tree it was
 * given (`up -> ..` reaches the siblings of the scanned folder); the
 * target goes to real (PATH_MAX bytes). */
static int links_to_enclosing(const char *link, const char *top, char *real)
{
    struct stat ls;
    if (lstat(link, &ls) != 0 || !S_ISLNK(ls.st_mode) || !realpath(link, real))
        return 0;
    size_t n = strlen(real);
    if (n == 1 && real[0] == '/')
        return 1;
    return strncmp(top, real, n) == 0 && (top[n] == '\0' || top[n] == '/');
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Iterative walk: a stack of directory paths, children pushed in reverse
 * sorted order so they pop in order. */
static void walk(Walk *w, const char *top)
{
    char **stack = NULL;
    int n = 0, cap = 0;
    src_push_str(&stack, &n, &cap, top);
    while (n > 0) {
        char *dir = stack[--n];
        struct stat st;
        if (stat(dir, &st) != 0 || seen_dir(w, &st)) {
            free(dir);
            continue;
        }
        DIR *dp = opendir(dir);
        if (!dp) {
            diag_add(w->d, DIAG_WARNING, dir, 0, 0, "cannot read directory: %s", strerror(errno));
            free(dir);
            continue;
        }
        char **names = NULL;
        int nn = 0, capn = 0;
        for (struct dirent *e; (e = readdir(dp));) {
            if (e->d_name[0] == '.')
                continue;
            src_push_str(&names, &nn, &capn, e->d_name);
        }
        closedir(dp);
        if (nn > 1)
            qsort(names, (size_t)nn, sizeof *names, cmp_name);
        int has_header = 0;
        char **subdirs = NULL;
        int ns = 0, caps = 0;
        for (int i = 0; i < nn; i++) {
            char path[PATH_MAX];
            if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path) {
                diag_add(w->d, DIAG_WARNING, dir, 0, 0, "path too long: %s", names[i]);
                free(names[i]);
                continue;
            }
            struct stat cs;
            if (stat(path, &cs) != 0) {
                if (lstat(path, &cs) == 0 && S_ISLNK(cs.st_mode))
                    diag_add(w->d, DIAG_WARNING, path, 0, 0, "dangling symbolic link skipped");
                else
                    diag_add(w->d, DIAG_WARNING, path, 0, 0, "cannot read: %s", strerror(errno));
            } else if (S_ISDIR(cs.st_mode)) {
                char real[PATH_MAX];
                if (links_to_enclosing(path, top, real)) {
                    /* named as the link spells it: no folder of this machine */
                    ssize_t k = readlink(path, real, sizeof real - 1);
                    real[k > 0 ? k : 0] = '\0';
                    diag_add(w->d, DIAG_WARNING, path, 0, 0, "symbolic link to '%s', the "
                             "scanned folder or one that holds it: not followed", real);
                } else
                    src_push_str(&subdirs, &ns, &caps, path);
            } else if (S_ISREG(cs.st_mode)) {
                if (ends_with_ci(names[i], ".c")) {
                    /* a C file of the driver left out would leave its defects out of
                     * the verdicts: unreadable input, as when named (exit 2) */
                    if (access(path, R_OK) != 0) {
                        diag_add(w->d, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
                        w->errors++;
                    }
                    else
                        src_push_str(&w->cfiles, &w->ncfiles, &w->capc, path);
                } else if (ends_with_ci(names[i], ".cpp") || ends_with_ci(names[i], ".cxx") ||
                           ends_with_ci(names[i], ".cc")) {
                    src_push_str(&w->cxx, &w->ncxx, &w->capx, path);
                } else if (ends_with_ci(names[i], ".h")) {
                    has_header = 1;
                } else if (strcasecmp(names[i], "sources") == 0 ||
                           ends_with_ci(names[i], ".vcxproj")) {
                    if (!w->nsdirs || strcmp(w->sdirs[w->nsdirs - 1], dir) != 0)
                        src_push_str(&w->sdirs, &w->nsdirs, &w->caps, dir);
                }
            }
            free(names[i]);
        }
        free(names);
        if (has_header)
            src_push_str(&w->hdirs, &w->nhdirs, &w->caph, dir);
        for (int i = ns - 1; i >= 0; i--) {
            src_push_str(&stack, &n, &cap, subdirs[i]);
            free(subdirs[i]);
        }
        free(subdirs);
        free(dir);
    }
    free(stack);
}

void src_add(SourceList *s, const char *abs_path, const char *const *args, int nargs)
{
    if (s->n == s->cap)
        s->v = arena_grow(s->arena, s->v, &s->cap, sizeof *s->v);
    SourceFile *f = &s->v[s->n++];
    f->path = arena_strdup(s->arena, abs_path);
    f->display = f->path;
    f->args = arena_alloc(s->arena, sizeof(char *) * (size_t)(nargs + 1));
    for (int i = 0; i < nargs; i++)
        f->args[i] = arena_strdup(s->arena, args[i]);
    f->nargs = nargs;
}

static char *absolute(const char *p)
{
    char buf[PATH_MAX];
    if (realpath(p, buf))
        return strdup(buf);
    return NULL;
}

/* Does the user's command line set the name "-DNAME[=VALUE]" defines? */
static int user_sets(const char *const *user, int nuser, const char *def)
{
    char name[256];
    size_t n = strcspn(def + 2, "=");
    if (n >= sizeof name)
        return 0;
    memcpy(name, def + 2, n);
    name[n] = 0;
    return front_args_define(user, nuser, name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .vcxproj in dir that builds C files (the first by name), else the
 * first: loaded into w, its name in name; 0 if dir has none. */
static int project_in(const char *dir, WdkSources *w, char *name)
{
    char **projs = NULL;
    int n = 0, cap = 0, found = 0;
    DIR *dp = opendir(dir);
    for (struct dirent *e; dp && (e = readdir(dp));)
        if (ends_with_ci(e->d_name, ".vcxproj"))
            src_push_str(&projs, &n, &cap, e->d_name);
    if (dp)
        closedir(dp);
    if (n > 1)
        qsort(projs, (size_t)n, sizeof *projs, cmp_str);
    for (int pass = 0; pass < 2 && !found; pass++)
        for (int i = 0; i < n && !found; i++) {
            char path[PATH_MAX];
            WdkSources p;
            if (snprintf(path, sizeof path, "%s/%s", dir, projs[i]) >= (int)sizeof path ||
                vcxproj_load(path, &p) < 0)
                continue;
            if (pass == 1 || p.nfiles) {
                *w = p;
                w->closed = n == 1 && p.nfiles > 0 && p.skipped == 0;
                found = 1;
                if (name)
                    snprintf(name, BUILD_NAME_MAX, "%s", projs[i]);
            } else {
                wdk_sources_free(&p);
            }
        }
    for (int i = 0; i < n; i++)
        free(projs[i]);
    free(projs);
    return found;
}

int src_wdk_defines_in(const char *dir, const char *const *user, int nuser, WdkSources *w,
                       char *name)
{
    memset(w, 0, sizeof *w);
    char path[PATH_MAX];
    int found = 0;
    DIR *dp = opendir(dir);               /* the name as the folder spells it */
    for (struct dirent *e; dp && (e = readdir(dp));)
        if (strcasecmp(e->d_name, "sources") == 0 &&
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path) {
            found = 1;
            if (name)
                memcpy(name, e->d_name, 8);     /* "sources" in its case, and the NUL */
        }
    if (dp)
        closedir(dp);
    if (found ? wdk_sources_load(path, w) < 0 : !project_in(dir, w, name))
        return 0;
    int k = 0;
    for (int i = 0; i < w->ndefs; i++) {
        if (user_sets(user, nuser, w->defs[i]))
            free(w->defs[i]);
        else
            w->defs[k++] = w->defs[i];
    }
    w->ndefs = k;
    return 1;
}

/* How many leading path components dir shares with path's folder. */
static int shared_depth(const char *dir, const char *path)
{
    int depth = 0;
    size_t i = 0;
    for (; dir[i] && dir[i] == path[i]; i++)
        if (dir[i] == '/')
            depth++;
    if (!dir[i] && path[i] == '/')
        depth++;                            /* dir is an ancestor of path */
    return depth;
}

/* The tree's header folders as -I arguments for path, nearest first: those
 * that share more of its folder's path, ties in walk order.  In a tree of
 * several drivers (a WDK's src/network/ndis) a driver's `#include
 * "hw_main.h"` then finds its own hw_main.h, not an alphabetically earlier
 * driver's: usbnwifi parsed with 174 errors in a scan of the whole WDK
 * (athwifi's headers) and with none alone.  Writes w->nhdirs entries. */
static int nearest_first(const Walk *w, const char *path, const char *const *tree,
                         const char **out)
{
    int *depth = malloc(sizeof *depth * (size_t)(w->nhdirs + 1)), maxd = 0, n = 0;
    if (!depth)
        abort();
    for (int k = 0; k < w->nhdirs; k++) {
        depth[k] = shared_depth(w->hdirs[k], path);
        if (depth[k] > maxd)
            maxd = depth[k];
    }
    for (int d = maxd; d >= 0; d--)
        for (int k = 0; k < w->nhdirs; k++)
            if (depth[k] == d)
                out[n++] = tree[k];
    free(depth);
    return n;
}

/* The folder of w.sdirs nearest above path (the longest prefix), or -1. */
static int nearest_sources(const Walk *w, const char *path)
{
    int best = -1;
    size_t bl = 0;
    for (int i = 0; i < w->nsdirs; i++) {
        size_t l = strlen(w->sdirs[i]);
        if (l > bl && strncmp(path, w->sdirs[i], l) == 0 && path[l] == '/') {
            best = i;
            bl = l;
        }
    }
    return best;
}

/* Which `sources` file lists each C file in its SOURCES (a `sys/sources`
 * building "..\\mp_main.c"): listed[c] is its folder's index in w.sdirs,
 * the first in walk order, or -1.  Names match ignoring case, as the
 * build utility's do on Windows. */
/* Where a SOURCES entry of the sources file in sdir ("..\\mp_main.c")
 * lies: its folder's real path and the name as written, into cand.  0 if
 * the folder does not exist. */
static int source_entry(const char *sdir, const char *entry, char *cand, size_t size)
{
    char rel[PATH_MAX], dir[PATH_MAX + 8];
    snprintf(rel, sizeof rel, "%s", entry);
    for (char *p = rel; *p; p++)
        if (*p == '\\')
            *p = '/';
    char *slash = strrchr(rel, '/');
    const char *base = slash ? slash + 1 : rel;
    if (slash)
        *slash = 0;
    if (snprintf(dir, sizeof dir, "%s/%s", sdir, slash ? rel : ".") >= (int)sizeof dir)
        return 0;
    char *d = absolute(dir);
    if (!d)
        return 0;
    int ok = snprintf(cand, size, "%s/%s", d, base) < (int)size;
    free(d);
    return ok;
}

static void listed_by(const Walk *w, const WdkSources *ws, int *listed)
{
    char **real = calloc((size_t)w->ncfiles + 1, sizeof *real);
    if (!real)
        abort();
    for (int c = 0; c < w->ncfiles; c++) {
        listed[c] = -1;
        real[c] = absolute(w->cfiles[c]);
    }
    for (int i = 0; i < w->nsdirs; i++)
        for (int k = 0; k < ws[i].nfiles; k++) {
            char cand[PATH_MAX + 8];
            if (!source_entry(w->sdirs[i], ws[i].files[k], cand, sizeof cand))
                continue;
            /* a file several builds compile (Windows-driver-samples'
             * netvmini: one project per NDIS version, each compiling the
             * sources one folder up) goes to the fullest one, so that the
             * files of one driver get one build's defines */
            for (int c = 0; c < w->ncfiles; c++)
                if (real[c] && strcasecmp(real[c], cand) == 0 &&
                    (listed[c] < 0 || ws[i].nfiles > ws[listed[c]].nfiles))
                    listed[c] = i;
        }
    for (int c = 0; c < w->ncfiles; c++)
        free(real[c]);
    free(real);
}

/* path as the report names files: below the scanned folder dir */
static const char *below(const char *dir, const char *path)
{
    size_t dl = strlen(dir);
    return strncmp(path, dir, dl) == 0 && path[dl] == '/' ? path + dl + 1 : path;
}

/* The folders a sources file's build searches first: its own (the build
 * runs there; athwifi's hw/atheros/precomp.h is one of six precomp.h in the
 * tree) and its INCLUDES, relative to it; each as "-IDIR" in the arena, in
 * inc[], at most max. */
static int build_dirs(Arena *a, const char *sdir, const WdkSources *ws, const char **inc, int max)
{
    int n = 0;
    for (int k = -1; k < ws->nincs && n < max; k++) {
        char rel[PATH_MAX], path[2 * PATH_MAX];
        snprintf(rel, sizeof rel, "%s", k < 0 ? "." : ws->incs[k]);
        for (char *p = rel; *p; p++)
            if (*p == '\\')
                *p = '/';
        if (rel[0] == '/' || strchr(rel, ':') || strchr(rel, '$'))
            continue;                   /* a Windows or WDK path: not in the tree */
        snprintf(path, sizeof path, "%s/%s", sdir, rel);
        char *abs = absolute(path);
        struct stat st;
        if (abs && stat(abs, &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t len = strlen(abs) + 3;
            char *arg = arena_alloc(a, len);
            snprintf(arg, len, "-I%s", abs);
            inc[n++] = arg;
        }
        free(abs);
    }
    return n;
}

enum { MAX_BUILD_ARGS = 256 };     /* defines and folders a sources file adds to a C file */

/* Does the sources file in sdir (w, loaded) name cfile (a real path) in
 * its SOURCES list?  As listed_by matches them: ignoring case. */
static int lists_file(const char *sdir, const WdkSources *w, const char *cfile)
{
    char cand[PATH_MAX + 8];
    for (int k = 0; k < w->nfiles; k++)
        if (source_entry(sdir, w->files[k], cand, sizeof cand) && strcasecmp(cand, cfile) == 0)
            return 1;
    return 0;
}

int src_wdk_sources_for(const char *cfile, const char *const *user, int nuser, WdkSources *w,
                        char *where, size_t wsize, char *name, Arena *a, const char **inc,
                        int max)
{
    memset(w, 0, sizeof *w);
    char *real = absolute(cfile);
    if (!real)
        return 0;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = 0;
    /* the subfolders in name order: a sys/ or 620/ that builds ..\x.c;
     * of several, the fullest (as a scan of the tree chooses: listed_by) */
    struct dirent **ents = NULL;
    int n = scandir(dir, &ents, NULL, alphasort);
    int found = 0;
    for (int i = 0; i < n; i++) {
        char sub[2 * PATH_MAX], subname[BUILD_NAME_MAX];
        struct stat st;
        if (ents[i]->d_name[0] != '.' &&
            snprintf(sub, sizeof sub, "%s/%s", dir, ents[i]->d_name) < (int)sizeof sub &&
            stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
            WdkSources sw;
            if (src_wdk_defines_in(sub, user, nuser, &sw, subname) && lists_file(sub, &sw, real) &&
                (!found || sw.nfiles > w->nfiles)) {
                if (found)
                    wdk_sources_free(w);
                *w = sw;
                snprintf(where, wsize, "%s", sub);
                if (name)
                    snprintf(name, BUILD_NAME_MAX, "%s", subname);
                found = 1;
            } else {
                wdk_sources_free(&sw);
            }
        }
        free(ents[i]);
    }
    free(ents);
    int nb = 0;
    if (found) {
        nb = build_dirs(a, where, w, inc, max);
    } else if (src_wdk_defines_in(dir, user, nuser, w, name)) {
        snprintf(where, wsize, "%s", dir);
        /* its folder's build lists it: that build's folders too (INCLUDES,
         * AdditionalIncludeDirectories), as a scan of the tree gives them */
        if (lists_file(dir, w, real))
            nb = build_dirs(a, dir, w, inc, max);
    } else {
        free(real);
        return 0;
    }
    free(real);
    return nb + 1;
}

/* A C file named on the command line, with the arguments of the build file
 * that builds it (a subfolder's that names it, with its build folders, else
 * its folder's own), as cfg reads them and a scan of its folder gives them:
 * `drvcheck scan drv/mp.c` parsed it with no build define while
 * `drvcheck cfg drv/mp.c` and `drvcheck scan drv` had them. */
static void add_named(SourceList *out, DiagList *d, const char *abs, const char *const *user,
                      int nuser)
{
    WdkSources ws;
    char where[PATH_MAX], name[BUILD_NAME_MAX];
    enum { MAX_DIRS = 128 };
    const char *args[MAX_DIRS + MAX_BUILD_ARGS + 1];
    Arena *a = arena_new();
    int found = src_wdk_sources_for(abs, user, nuser, &ws, where, sizeof where, name, a, args,
                                    MAX_DIRS);
    int n = found > 1 ? found - 1 : 0;
    if (found && ws.ndefs) {
        int dbg = 0, start = n;
        for (int k = 0; k < ws.ndefs && n - start < MAX_BUILD_ARGS; k++) {
            args[n++] = ws.defs[k];
            dbg |= strncmp(ws.defs[k], "-DDBG", 5) == 0 &&
                   (ws.defs[k][5] == 0 || ws.defs[k][5] == '=');
        }
        int vcx = ends_with_ci(name, ".vcxproj");
        /* MSBuild's Release leaves DBG undefined, as add_tree says */
        if (!dbg && vcx && !user_sets(user, nuser, "-DDBG"))
            args[n++] = "-UDBG";
        char shown[2 * PATH_MAX];
        snprintf(shown, sizeof shown, "%s/%s", where, name);
        if (vcx)
            diag_add(d, DIAG_NOTE, shown, 0, 0,
                     "%d build define(s) from this project file (PreprocessorDefinitions, for "
                     "%s) given to the C file named on the command line", ws.ndefs,
                     ws.config[0] ? ws.config : "every configuration");
        else
            diag_add(d, DIAG_NOTE, shown, 0, 0,
                     "%d build define(s) from this WDK sources file (C_DEFINES, for AMD64) given "
                     "to the C file named on the command line", ws.ndefs);
    }
    src_add(out, abs, args, n);
    if (found)
        wdk_sources_free(&ws);
    arena_free(a);
}

/* The C files below dir, with their build's arguments; the number of
 * errors that must stop the run (a C file that cannot be read). */
static int add_tree(SourceList *out, DiagList *d, const char *dir, const char *const *user,
                    int nuser)
{
    Walk w = {.out = out, .d = d};
    walk(&w, dir);
    /* a verdict covers the C files only: say which sources it leaves out */
    if (w.ncxx && w.ncfiles)
        diag_add(d, DIAG_WARNING, below(dir, w.cxx[0]), 0, 0,
                 "%d C++ source file%s not analysed (drvcheck reads C): the verdicts cover the "
                 "%d C file%s only", w.ncxx, w.ncxx == 1 ? " is" : "s are", w.ncfiles,
                 w.ncfiles == 1 ? "" : "s");
    else if (w.ncxx)
        diag_add(d, DIAG_WARNING, below(dir, w.cxx[0]), 0, 0,
                 "%d C++ source file%s not analysed (drvcheck reads C)", w.ncxx,
                 w.ncxx == 1 ? " is" : "s are");
    for (int i = 0; i < w.ncxx; i++)
        free(w.cxx[i]);
    free(w.cxx);
    /* per `sources` file: what it says, read once */
    WdkSources *ws = calloc((size_t)w.nsdirs + 1, sizeof *ws);
    char (*names)[BUILD_NAME_MAX] = calloc((size_t)w.nsdirs + 1, sizeof *names);
    int *nfiles = calloc((size_t)w.nsdirs + 1, sizeof *nfiles);
    int *listed = calloc((size_t)w.ncfiles + 1, sizeof *listed);
    const char ***bdirs = calloc((size_t)w.nsdirs + 1, sizeof *bdirs);
    int *nbdirs = calloc((size_t)w.nsdirs + 1, sizeof *nbdirs);
    if (!ws || !nfiles || !names || !listed || !bdirs || !nbdirs)
        abort();
    for (int i = 0; i < w.nsdirs; i++) {
        src_wdk_defines_in(w.sdirs[i], user, nuser, &ws[i], names[i]);
        bdirs[i] = calloc(MAX_BUILD_ARGS, sizeof **bdirs);
        if (!bdirs[i])
            abort();
        nbdirs[i] = build_dirs(out->arena, w.sdirs[i], &ws[i], bdirs[i], MAX_BUILD_ARGS / 2);
    }
    listed_by(&w, ws, listed);
    const char **args = calloc((size_t)w.nhdirs + MAX_BUILD_ARGS, sizeof *args);
    const char **tree = calloc((size_t)w.nhdirs + 1, sizeof *tree);
    if (!args || !tree)
        abort();
    for (int i = 0; i < w.nhdirs; i++) {
        size_t len = strlen(w.hdirs[i]) + 3;
        char *a = arena_alloc(out->arena, len);
        snprintf(a, len, "-I%s", w.hdirs[i]);
        tree[i] = a;
    }
    /* a .c file another one #includes is part of that one (fragments.c) */
    int *by = calloc((size_t)w.ncfiles + 1, sizeof *by), *byline = calloc((size_t)w.ncfiles + 1, sizeof *byline);
    if (!by || !byline)
        abort();
    src_find_fragments(w.cfiles, w.ncfiles, w.hdirs, w.nhdirs, by, byline);
    /* a project that lists every file it compiles (ws[].closed) does not
     * build the others at or below its folder: a stale copy defining the
     * same function as a listed file would stand in for it */
    int *nlisted = calloc((size_t)w.nsdirs + 1, sizeof *nlisted), *nout = calloc((size_t)w.nsdirs + 1, sizeof *nout);
    const char **first_out = calloc((size_t)w.nsdirs + 1, sizeof *first_out);
    if (!nlisted || !nout || !first_out)
        abort();
    for (int i = 0; i < w.ncfiles; i++)
        if (listed[i] >= 0)
            nlisted[listed[i]]++;
    for (int i = 0; i < w.ncfiles; i++) {
        if (by[i] >= 0) {
            diag_add(d, DIAG_NOTE, below(dir, w.cfiles[by[i]]), byline[i], 1,
                     "%s is #included here: it is scanned as part of this file, not on its own",
                     below(dir, w.cfiles[i]));
            continue;
        }
        int ns = listed[i] < 0 ? nearest_sources(&w, w.cfiles[i]) : -1;
        if (ns >= 0 && ws[ns].closed && nlisted[ns] > 0) {
            if (!nout[ns]++)
                first_out[ns] = below(dir, w.cfiles[i]);
            continue;
        }
        int n = 0, s = listed[i] >= 0 ? listed[i] : nearest_sources(&w, w.cfiles[i]);
        /* the build's folders first (listed files only: a sources file
         * does not build what lies below it unless it lists it), then the
         * tree's, then the build's defines */
        for (int k = 0; s >= 0 && listed[i] >= 0 && k < nbdirs[s]; k++)
            args[n++] = bdirs[s][k];
        n += nearest_first(&w, w.cfiles[i], tree, args + n);
        if (s >= 0) {
            nfiles[s]++;
            int dbg = 0;
            for (int k = 0; k < ws[s].ndefs && n < w.nhdirs + MAX_BUILD_ARGS; k++) {
                args[n++] = ws[s].defs[k];
                dbg |= strncmp(ws[s].defs[k], "-DDBG", 5) == 0 &&
                       (ws[s].defs[k][5] == 0 || ws[s].defs[k][5] == '=');
            }
            /* MSBuild's Release leaves DBG undefined (the WDK's old build
             * set DBG=0, the front end's default): `#ifdef DBG` is false
             * (NXP's imxnetmini declares a field under `#if DBG` and prints
             * it under `#ifdef DBG`) */
            if (!dbg && ends_with_ci(names[s], ".vcxproj") && n < w.nhdirs + MAX_BUILD_ARGS &&
                !user_sets(user, nuser, "-DDBG"))
                args[n++] = "-UDBG";
        }
        src_add(out, w.cfiles[i], args, n);
    }
    for (int i = 0; i < w.nsdirs; i++) {
        /* the build file named as the report names files: below the scanned folder */
        const char *rel = below(dir, w.sdirs[i]) != w.sdirs[i] ? below(dir, w.sdirs[i]) : NULL;
        char shown[PATH_MAX];
        const char *folder = rel ? rel : strcmp(w.sdirs[i], dir) == 0 ? NULL : w.sdirs[i];
        snprintf(shown, sizeof shown, "%s%s%s", folder ? folder : "", folder ? "/" : "", names[i]);
        if (nout[i]) {
            diag_add(d, DIAG_NOTE, shown, 0, 0,
                     "%d C file(s) at or below this project's folder that it does not compile "
                     "(%s%s) are not scanned; name a file to scan it", nout[i], first_out[i],
                     nout[i] > 1 ? ", ..." : "");
        }
        if (ws[i].ndefs && nfiles[i]) {
            if (ends_with_ci(names[i], ".vcxproj"))
                diag_add(d, DIAG_NOTE, shown, 0, 0,
                         "%d build define(s) from this project file (PreprocessorDefinitions, for "
                         "%s) given to the %d C file(s) it compiles or that lie at or "
                         "below its folder", ws[i].ndefs,
                         ws[i].config[0] ? ws[i].config : "every configuration", nfiles[i]);
            else
                diag_add(d, DIAG_NOTE, shown, 0, 0,
                         "%d build define(s) from this WDK sources file (C_DEFINES, for AMD64) "
                         "given to the %d C file(s) its SOURCES lists or that lie at or below its "
                         "folder", ws[i].ndefs, nfiles[i]);
        }
        wdk_sources_free(&ws[i]);
        free(bdirs[i]);
        free(w.sdirs[i]);
    }
    free(nlisted);
    free(nout);
    free(first_out);
    free(by);
    free(byline);
    free(ws);
    free(bdirs);
    free(nbdirs);
    free(listed);
    free(nfiles);
    free(names);
    free(w.sdirs);
    for (int i = 0; i < w.ncfiles; i++)
        free(w.cfiles[i]);
    for (int i = 0; i < w.nhdirs; i++)
        free(w.hdirs[i]);
    free(args);
    free(tree);
    free(w.cfiles);
    free(w.hdirs);
    free(w.devs);
    free(w.inos);
    return w.errors;
}

int src_collect(const char *const *paths, int npaths, SourceList *out, DiagList *d)
{
    return src_collect_with(paths, npaths, NULL, 0, out, d);
}

int src_collect_with(const char *const *paths, int npaths, const char *const *user_args,
                     int nuser, SourceList *out, DiagList *d)
{
    memset(out, 0, sizeof *out);
    out->arena = arena_new();
    int errors = 0;
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        snprintf(cwd, sizeof cwd, ".");
    out->root = arena_strdup(out->arena, cwd);
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        char *abs = absolute(paths[i]);
        if (!abs || stat(abs, &st) != 0) {
            diag_add(d, DIAG_ERROR, paths[i], 0, 0, "cannot read: %s", strerror(errno));
            errors++;
            free(abs);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (npaths == 1)
                out->root = arena_strdup(out->arena, abs);
            int before = out->n;
            /* a folder that holds its compile database is scanned as the
             * database says (clang's tools look for it the same way): the
             * files it lists, with their flags; one that lists no C file
             * leaves the folder to the walk below */
            char db[PATH_MAX];
            struct stat dbst;
            snprintf(db, sizeof db, "%s/compile_commands.json", abs);
            if (stat(db, &dbst) == 0 && S_ISREG(dbst.st_mode)) {
                errors += src_load_compdb(db, out, d);
                char shown[PATH_MAX];
                if (npaths == 1)          /* the scan's root: reports name files below it */
                    snprintf(shown, sizeof shown, "compile_commands.json");
                else
                    snprintf(shown, sizeof shown, "%s%scompile_commands.json", paths[i],
                             paths[i][0] && paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/");
                if (out->n > before)
                    diag_add(d, DIAG_NOTE, shown, 0, 0,
                             "this folder's compile database is used: the %d C file(s) it lists, "
                             "with their flags (name other files to scan them too)", out->n - before);
                else
                    diag_add(d, DIAG_NOTE, shown, 0, 0,
                             "this folder's compile database lists no C file: the folder is scanned "
                             "as a tree");
            }
            if (out->n == before)
                errors += add_tree(out, d, abs, user_args, nuser);
            if (out->n == before)
                diag_add(d, DIAG_WARNING, paths[i], 0, 0, "no C source files (*.c) under this directory");
        } else if (!S_ISREG(st.st_mode)) {
            /* a device or pipe: reading it may never end (/dev/zero) or wait */
            diag_add(d, DIAG_ERROR, paths[i], 0, 0, "not a file or directory (a device, pipe or "
                     "socket): not read");
            errors++;
        } else if (ends_with_ci(abs, ".json")) {
            /* any .json named on the command line is a compile database
             * (compile_commands.release.json); not being one is an error */
            if (npaths == 1) {
                char *slash = strrchr(abs, '/');
                out->root = arena_strndup(out->arena, abs, slash && slash != abs ? (size_t)(slash - abs) : 1);
            }
            errors += src_load_compdb(abs, out, d);
        } else if (access(abs, R_OK) != 0) {
            diag_add(d, DIAG_ERROR, paths[i], 0, 0, "cannot read: %s", strerror(errno));
            errors++;
        } else {
            add_named(out, d, abs, user_args, nuser);
        }
        free(abs);
    }
    /* The same file named twice (a directory and a file in it) is scanned once. */
    int k = 0;
    for (int i = 0; i < out->n; i++) {
        int dup = 0;
        for (int j = 0; j < k && !dup; j++)
            dup = strcmp(out->v[j].path, out->v[i].path) == 0;
        if (!dup)
            out->v[k++] = out->v[i];
    }
    out->n = k;
    return errors;
}

void src_free(SourceList *s)
{
    arena_free(s->arena);
    memset(s, 0, sizeof *s);
}
