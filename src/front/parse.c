/* parse.c - front_new / front_parse / front_free: one source file through
 * libclang, in rounds, then lowered (decls.c).
 *
 * Flags: MSVC-flavoured C (--target=x86_64-pc-windows-msvc -fms-extensions
 * -fms-compatibility), the WDK model (or a real WDK) on the -isystem path,
 * default build defines that the file and its arguments do not set
 * themselves, then the caller's -I/-D/-U and the file's own arguments.
 * An error limit of ERROR_LIMIT (clang's default, 20, would leave recovery
 * too little to read, and real driver files missing their headers reach
 * 4,600 errors in a first round; none at all let clang keep one error per
 * token of a generated line, and libclang finds each one's column by
 * scanning its line back: a 300 KB line took 93 s).  Under KeepGoing clang
 * still parses the whole file past the limit, it only stops listing
 * errors; a round that reached it is "truncated" (reported so), worse than
 * any round that did not, and compared with another truncated one by how
 * far its listed errors reach.  No spell-checking (typo correction is
 * slow on files with many unknown names), no warnings, no detailed
 * preprocessing record.
 *
 * Rounds: with recovery on, includes.c first reads the #include lines of
 * the file and its project headers and recover.c makes the stand-ins for
 * the headers no folder holds (redirects, WPP and empty stand-ins, in a
 * folder clang searches last), so a file that misses only headers parses
 * in one round.  If errors are left,
 * recover.c reads them and the next round parses with stand-ins for what
 * only clang can tell (unknown types and values, lvalue casts, a header
 * the textual scan missed): at most MAX_ROUNDS rounds, and only while each
 * round leaves fewer errors than the one before; the round with the fewest
 * errors is lowered.  Errors of that round go to Unit.diags (at most
 * DIAG_CAP per file, then a count).  DRVCHECK_FRONT_STATS=1 prints the
 * rounds and times per file on stderr, =2 also each round's errors and
 * assumptions, =3 also the files each round included.
 *
 * Each front_parse runs on its own thread with a LOWER_STACK-byte stack,
 * and libclang is told not to spawn its own 8 MiB parsing thread, so that
 * both clang's parser and our recursive lowering have room for code nested
 * thousands of levels deep. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "front/front_int.h"
#include "drvcheck/files.h"

enum { MAX_ROUNDS = 5, DIAG_CAP = 20, ERROR_LIMIT = 5000 };
#define ERROR_LIMIT_ARG "-ferror-limit=5000"  /* ERROR_LIMIT */

struct FrontCtx {
    FrontOptions o;
    CXIndex idx;
    char *incdir;            /* absolute model / WDK include dir, or NULL */
    int last_rounds;         /* parse rounds of the last front_parse (front_rounds) */
};

static pthread_once_t env_once = PTHREAD_ONCE_INIT;

static void set_env(void)
{
    /* libclang parses on a thread of its own with 8 MiB of stack unless
     * this is set; we already run on a thread with a large stack. */
    setenv("LIBCLANG_NOTHREADS", "1", 0);
}

/* clang_createIndex registers LLVM's targets (InitializeAllTargets) in a
 * global list, without a lock: two threads making an index at once can link
 * a target to itself, and every later parse then loops for ever in
 * TargetRegistry::lookupTarget (WDK 6001's mmedia with -j 2: 23 of 60 runs
 * hung).  Indexes are made one at a time. */
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;

CXIndex front_index_new(int exclude_pch)
{
    pthread_mutex_lock(&index_lock);
    CXIndex idx = clang_createIndex(exclude_pch, 0);
    pthread_mutex_unlock(&index_lock);
    return idx;
}

FrontCtx *front_new(const FrontOptions *o)
{
    pthread_once(&env_once, set_env);
    FrontCtx *fc = calloc(1, sizeof *fc);
    if (!fc)
        abort();
    fc->o = *o;
    /* 1: a unit's top-level walk leaves out what a precompiled header holds */
    fc->idx = front_index_new(1);
    const char *dir = o->wdk_include ? o->wdk_include : o->model_dir;
    if (dir) {
        char buf[PATH_MAX];
        fc->incdir = strdup(realpath(dir, buf) ? buf : dir);
    }
    return fc;
}

void front_free(FrontCtx *fc)
{
    if (!fc)
        return;
    clang_disposeIndex(fc->idx);
    free(fc->incdir);
    free(fc);
}

/* ------------------------------------------------------------ arguments */

typedef struct Args {
    const char **v;
    int n, cap;
    char **owned;
    int nowned;
} Args;

static void arg(Args *a, const char *s)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->v = realloc(a->v, (size_t)a->cap * sizeof *a->v);
        if (!a->v)
            abort();
    }
    a->v[a->n++] = s;
}

static const char *own(Args *a, char *s)
{
    a->owned = realloc(a->owned, (size_t)(a->nowned + 1) * sizeof *a->owned);
    if (!a->owned || !s)
        abort();
    a->owned[a->nowned++] = s;
    return s;
}

static void args_free(Args *a)
{
    for (int i = 0; i < a->nowned; i++)
        free(a->owned[i]);
    free(a->owned);
    free(a->v);
}


/* Does the source text #define NAME?  (The NDIS version, NDISxx_MINIPORT,
 * is not ours to default: the model picks one when the driver sets none.) */
static int text_defines(const char *text, const char *name)
{
    if (!text)
        return 0;
    for (const char *p = text; (p = strstr(p, "define")); p += 6) {
        const char *q = p;
        while (q > text && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        if (q == text || q[-1] != '#')
            continue;
        const char *m = p + 6;
        while (*m == ' ' || *m == '\t')
            m++;
        size_t l = strcspn(m, " \t\r\n(");
        if (strlen(name) == l && strncmp(m, name, l) == 0)
            return 1;
    }
    return 0;
}

static const char *const default_defines[][2] = {
    { "_KERNEL_MODE", "1" }, { "_AMD64_", "1" }, { "_WIN64", "1" },
    { "NDIS_MINIPORT_DRIVER", "1" }, { "NDIS_WDM", "1" },
    { "DBG", "0" }, { "_NT_TARGET_VERSION", "0x0A00" },
};

char *front_slurp(const char *path)
{
    return front_read_source(path, NULL);
}

char *front_read_source(const char *path, int *utf16)
{
    if (utf16)
        *utf16 = 0;
    FILE *f = open_regular(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (n < 0 || n > (64L << 20)) {
        fclose(f);
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s)
        abort();
    size_t r = fread(s, 1, (size_t)n, f);
    s[r] = 0;
    fclose(f);
    char *u8 = utf16_to_utf8(s, r, NULL);
    if (u8) {
        free(s);
        s = u8;
        if (utf16)
            *utf16 = 1;
    }
    return s;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folders includes.c searches, in clang's order. */
typedef struct Search {
    Args quote;              /* -iquote: for "x.h" only */
    Args dirs;               /* -I */
    Args sys;                /* the model / WDK, then -isystem, -idirafter: not read */
    Args after;              /* -idirafter (appended to sys at the end) */
    Args forced;             /* -include, -imacros */
} Search;

/* The value of option OPT at v[i] ("-optVALUE" or "-opt VALUE"), or NULL;
 * *sep set when the value is the next argument. */
static const char *opt_value(const char **v, int n, int i, const char *opt, int *sep)
{
    size_t l = strlen(opt);
    if (strncmp(v[i], opt, l) != 0)
        return NULL;
    if (v[i][l])
        return v[i] + l;
    *sep = i + 1 < n;
    return *sep ? v[i + 1] : NULL;
}

/* incdirs: the model / WDK folder and the -I folders (where recover.c
 * looks for case-insensitive matches); sr: every folder in clang's order. */
static void build_args(FrontCtx *fc, const SourceFile *sf, const char *text, Args *a,
                       const char *prelude, Args *incdirs, Search *sr)
{
    /* C whatever the extension: clang takes "MINIPORT.C" for C++ */
    arg(a, "-x");
    arg(a, "c");
    arg(a, "--target=x86_64-pc-windows-msvc");
    arg(a, "-fms-extensions");
    arg(a, "-fms-compatibility");
    arg(a, ERROR_LIMIT_ARG);
    arg(a, "-fbracket-depth=100000");
    arg(a, "-fno-spell-checking");
    arg(a, "-w");
    /* MSVC accepts pastes that form no token (x.##ul): clang makes them
     * errors unless told otherwise */
    arg(a, "-Wno-invalid-token-paste");
    /* the same report for the same sources on every run: a driver that
     * logs its build time (DbgPrint("built " __DATE__ " " __TIME__)) would
     * otherwise change its traces, and their fingerprints, by the second */
    arg(a, "-D__DATE__=\"Jan  1 1970\"");
    arg(a, "-D__TIME__=\"00:00:00\"");
    arg(a, "-D__TIMESTAMP__=\"Thu Jan  1 00:00:00 1970\"");
    if (fc->incdir) {
        arg(a, "-isystem");
        arg(a, fc->incdir);
        arg(incdirs, fc->incdir);
        arg(&sr->sys, fc->incdir);
        if (fc->o.wdk_include) {
            static const char *const sub[] = { "km", "shared", "um", "km/crt" };
            for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
                size_t l = strlen(fc->incdir) + 16;
                char *d = malloc(l);
                if (!d)
                    abort();
                snprintf(d, l, "%s/%s", fc->incdir, sub[i]);
                if (is_dir(d)) {
                    arg(a, "-isystem");
                    arg(a, own(a, d));
                    arg(&sr->sys, d);
                } else {
                    free(d);
                }
            }
        }
    }
    for (size_t i = 0; i < sizeof default_defines / sizeof *default_defines; i++) {
        const char *name = default_defines[i][0];
        if (front_args_define(fc->o.extra_args, fc->o.nextra, name) ||
            front_args_define(sf->args, sf->nargs, name) || text_defines(text, name))
            continue;
        size_t l = strlen(name) + strlen(default_defines[i][1]) + 4;
        char *d = malloc(l);
        if (!d)
            abort();
        snprintf(d, l, "-D%s=%s", name, default_defines[i][1]);
        arg(a, own(a, d));
    }
    if (prelude) {
        arg(a, "-include");
        arg(a, prelude);
    }
    const char **lists[2] = { fc->o.extra_args, sf->args };
    int counts[2] = { fc->o.nextra, sf->nargs };
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < counts[k]; i++) {
            const char **v = lists[k], *s = v[i], *d;
            int n = counts[k], sep = 0;
            arg(a, s);
            if ((d = opt_value(v, n, i, "-I", &sep)) || (d = opt_value(v, n, i, "/I", &sep))) {
                arg(incdirs, d);
                arg(&sr->dirs, d);
            } else if ((d = opt_value(v, n, i, "-isystem", &sep))) {
                arg(&sr->sys, d);
            } else if ((d = opt_value(v, n, i, "-iquote", &sep))) {
                arg(&sr->quote, d);
            } else if ((d = opt_value(v, n, i, "-idirafter", &sep))) {
                arg(&sr->after, d);
            } else if ((d = opt_value(v, n, i, "-include", &sep)) ||
                       (d = opt_value(v, n, i, "-imacros", &sep))) {
                arg(&sr->forced, d);
            }
            if (sep)                /* the value: not an option of its own */
                arg(a, v[++i]);
        }
    }
    for (int i = 0; i < sr->after.n; i++)
        arg(&sr->sys, sr->after.v[i]);
}

/* ------------------------------------------------------------ diagnostics */

/* An error clang makes of what MSVC only warns about, where nothing is
 * lost: a definition whose parameter types differ from its prototype's
 * (MSVC warning C4028) is still a definition, lowered like any other. */
static int msvc_warning(CXDiagnostic d)
{
    CXString ms = clang_getDiagnosticSpelling(d);
    const char *m = clang_getCString(ms);
    int w = m && strncmp(m, "conflicting types for '", 23) == 0;
    clang_disposeString(ms);
    return w;
}

/* clang's "too many errors emitted": the error limit was reached (it has
 * no location; under KeepGoing the parse went on, unlisted). */
static int limit_reached(CXDiagnostic d)
{
    if (clang_getDiagnosticSeverity(d) != CXDiagnostic_Fatal)
        return 0;
    CXString ms = clang_getDiagnosticSpelling(d);
    const char *m = clang_getCString(ms);
    int w = m && strncmp(m, "too many errors emitted", 23) == 0;
    clang_disposeString(ms);
    return w;
}

/* A round's errors; when the limit cut their list (*truncated), *reach is
 * the offset in the main file of the last one listed there. */
static int count_errors(CXTranslationUnit tu, CXFile main_file, int *truncated, unsigned *reach)
{
    int n = 0;
    *truncated = 0;
    *reach = 0;
    unsigned nd = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && !msvc_warning(d)) {
            n++;
            CXFile f;
            unsigned off;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, &off);
            if (limit_reached(d))
                *truncated = 1;
            else if (f && main_file && clang_File_isEqual(f, main_file) && off > *reach)
                *reach = off;
        }
        clang_disposeDiagnostic(d);
    }
    return n;
}

/* Has tu a diagnostic of at least this severity?  (parse.c: a fatal one
 * when a precompiled header would not load; shared.c: any error in the
 * header it precompiles.) */
int tu_has_severity(CXTranslationUnit tu, enum CXDiagnosticSeverity at_least)
{
    unsigned nd = clang_getNumDiagnostics(tu);
    int found = 0;
    for (unsigned i = 0; i < nd && !found; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        found = clang_getDiagnosticSeverity(d) >= at_least;
        clang_disposeDiagnostic(d);
    }
    return found;
}

static void collect_diags(CXTranslationUnit tu, Unit *u, CXFile main_file, const char *display)
{
    StrMap per = {0};
    unsigned nd = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error) {
            clang_disposeDiagnostic(d);
            continue;
        }
        if (limit_reached(d)) {
            diag_add(&u->diags, DIAG_ERROR, display, 0, 0,
                     "more than %d errors: clang lists no more of them (their list is "
                     "truncated; the file is analysed as far as parsed)", ERROR_LIMIT);
            clang_disposeDiagnostic(d);
            continue;
        }
        CXFile f;
        unsigned line, col;
        clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, &col, NULL);
        CXString fs = clang_getFileName(f);
        const char *fname = f == main_file ? display : clang_getCString(fs);
        if (!fname)
            fname = display;
        int *cnt = strmap_get(&per, fname);
        if (!cnt)
            cnt = strmap_put(&per, fname, 0);
        if (msvc_warning(d)) {
            CXString ms = clang_getDiagnosticSpelling(d);
            diag_add(&u->diags, DIAG_WARNING, fname, (int)line, (int)col,
                     "%s (MSVC accepts this with warning C4028; the definition is analysed)",
                     clang_getCString(ms));
            clang_disposeString(ms);
            --*cnt;
        } else if (++*cnt <= DIAG_CAP) {
            CXString ms = clang_getDiagnosticSpelling(d);
            diag_add(&u->diags, DIAG_ERROR, fname, (int)line, (int)col, "%s",
                     clang_getCString(ms));
            clang_disposeString(ms);
        }
        clang_disposeString(fs);
        clang_disposeDiagnostic(d);
    }
    for (int i = 0; i < per.cap; i++)
        if (per.keys[i] && per.vals[i] > DIAG_CAP)
            diag_add(&u->diags, DIAG_NOTE, per.keys[i], 0, 0, "%d more errors in this file",
                     per.vals[i] - DIAG_CAP);
    strmap_free(&per);
}

/* ------------------------------------------------------------ one file */

typedef struct Job {
    FrontCtx *fc;
    const SourceFile *sf;
    Unit *u;
} Job;

static void lower_unit(CXTranslationUnit tu, Unit *u, const char *main_abs,
                       const char *display, const char *model_dir)
{
    Lower L;
    memset(&L, 0, sizeof L);
    L.tu = tu;
    L.a = u->arena;
    L.u = u;
    L.main_file = clang_getFile(tu, main_abs);
    L.main_display = arena_strdup(u->arena, display);
    L.model_dir = model_dir;
    L.cur = -1;
    L.abnormal = -1;
    decls_walk(&L);
    free(L.bbs);
    free(L.cs);
    free(L.jumps);
    free(L.fins);
    free(L.handlers);
    free(L.sws);
    free(L.fptrs);
    free(L.fnames);
    strmap_free(&L.labels);
    strmap_free(&L.noret);
    if (L.pp)
        clang_PrintingPolicy_dispose(L.pp);
    k_spell_free(&L);
    kids_free(&L);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void dump_incl(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
    (void)stack;
    (void)d;
    CXString s = clang_getFileName(f);
    fprintf(stderr, "front:   incl %u %s\n", n, clang_getCString(s));
    clang_disposeString(s);
}

/* One file's arguments and search path, its text, and (with recovery) its
 * stand-in folder, prelude, header cache and Recover. */
typedef struct Setup {
    char main_abs[PATH_MAX];
    char *text, *dir;
    Args args, incdirs;
    Search sr;
    IncSearch is;
    const char *prelude;
    IncCache *inc;
    Recover *r;
} Setup;

/* 0 when the file cannot be read (nothing to free then). */
static int setup_file(FrontCtx *fc, const SourceFile *sf, Setup *s)
{
    memset(s, 0, sizeof *s);
    if (!realpath(sf->path, s->main_abs) || !(s->text = front_slurp(s->main_abs)))
        return 0;
    s->dir = strdup(s->main_abs);
    if (!s->dir)
        abort();
    *strrchr(s->dir, '/') = 0;
    /* stand-ins: unsaved files in a folder that exists only for clang,
     * searched after every other (-idirafter): one never hides a header
     * clang would find, and both "x.h" and <x.h> find it */
    char *standin = NULL, *prelude = NULL;
    if (fc->o.recover) {
        const char *base = fc->incdir ? fc->incdir : s->dir;
        size_t pl = strlen(base) + 48;
        standin = malloc(pl);
        prelude = malloc(pl);
        if (!standin || !prelude)
            abort();
        snprintf(standin, pl, "%s/__drvcheck_standins", base);
        snprintf(prelude, pl, "%s/__drvcheck_prelude.h", standin);
        own(&s->args, standin);
        own(&s->args, prelude);
    }
    s->prelude = prelude;
    build_args(fc, sf, s->text, &s->args, prelude, &s->incdirs, &s->sr);
    if (standin) {
        arg(&s->args, "-idirafter");
        arg(&s->args, standin);
    }
    s->inc = prelude ? inc_cache_new() : NULL;
    s->r = prelude ? rec_new(s->main_abs, standin, s->incdirs.v, s->incdirs.n, s->inc) : NULL;
    s->is = (IncSearch){ s->sr.quote.v, s->sr.quote.n, s->sr.dirs.v, s->sr.dirs.n,
                         s->sr.sys.v, s->sr.sys.n, s->sr.forced.v, s->sr.forced.n };
    return 1;
}

static void setup_free(Setup *s)
{
    rec_free(s->r);
    inc_cache_free(s->inc);
    free(s->dir);
    free(s->text);
    args_free(&s->args);
    args_free(&s->incdirs);
    args_free(&s->sr.quote);
    args_free(&s->sr.dirs);
    args_free(&s->sr.sys);
    args_free(&s->sr.after);
    args_free(&s->sr.forced);
}

/* The file's first system header h, if what comes before it lets it be
 * shared (pf: that prefix), and the arguments that shape it into key: the
 * file's but the -I, -iquote and -idirafter folders and the prelude.
 * Else 0, and why (when there is a reason) in why. */
static int shared_key(Setup *s, Prefix *pf, char *h, size_t hsize, Args *key, char *why,
                      size_t wsize)
{
    snprintf(why, wsize, "not shared");
    if (!inc_first_system(s->r, s->inc, s->main_abs, &s->is, s->args.v, s->args.n, pf, h,
                          hsize)) {
        if (pf->blocked)
            snprintf(why, wsize, "%s", pf->blocked);
        return 0;
    }
    for (int i = 0; i < pf->guards.cap; i++)
        if (pf->guards.keys[i] && front_args_define(s->args.v, s->args.n, pf->guards.keys[i])) {
            snprintf(why, wsize, "an argument defines include guard %s", pf->guards.keys[i]);
            return 0;
        }
    const Args *args = &s->args;
    for (int i = 0; i < args->n; i++) {
        const char *v = args->v[i];
        int sep = 0;
        if (strcmp(v, "-x") == 0 || (strcmp(v, "-include") == 0 && i + 1 < args->n &&
                                     args->v[i + 1] == s->prelude)) {
            i++;
            continue;
        }
        if (opt_value(args->v, args->n, i, "-I", &sep) ||
            opt_value(args->v, args->n, i, "/I", &sep) ||
            opt_value(args->v, args->n, i, "-iquote", &sep) ||
            opt_value(args->v, args->n, i, "-idirafter", &sep)) {
            i += sep;
            continue;
        }
        arg(key, v);
    }
    return 1;
}

/* The precompiled copy of the file's first system header, if the scan has
 * one it can use (shared.c). */
static const char *shared_for(FrontCtx *fc, Setup *s, int stats, const char *display)
{
    Prefix pf;
    Args key = {0};
    char h[PATH_MAX + 256], why[600];
    const char *pch = NULL;
    if (shared_key(s, &pf, h, sizeof h, &key, why, sizeof why))
        pch = shared_header(fc->o.shared, h, key.v, key.n, s->sr.sys.v, s->sr.sys.n, &pf, s->inc,
                            s->sr.dirs.v, s->sr.dirs.n, why, sizeof why);
    args_free(&key);
    pfx_free(&pf);
    if (stats)
        fprintf(stderr, "front: %s: shared header %s%s%s\n", display, pch ? h : "none",
                pch ? (*why ? " " : "") : ": ", why);
    return pch;
}

void front_plan(FrontCtx *fc, const SourceFile *sf)
{
    Setup s;
    if (!fc->o.shared || !fc->o.recover || !setup_file(fc, sf, &s))
        return;
    Prefix pf;
    Args key = {0};
    char h[PATH_MAX + 256], why[600];
    if (shared_key(&s, &pf, h, sizeof h, &key, why, sizeof why))
        shared_plan(fc->o.shared, h, key.v, key.n);
    args_free(&key);
    pfx_free(&pf);
    setup_free(&s);
}

static void parse_job(Job *j)
{
    double t0 = now(), t1 = 0, t2 = 0;   /* parse rounds, lowering */
    int rounds = 0;
    const char *st = getenv("DRVCHECK_FRONT_STATS");
    int stats = st ? atoi(st) : 0;
    FrontCtx *fc = j->fc;
    const SourceFile *sf = j->sf;
    fc->last_rounds = 0;
    Arena *a = arena_new();
    Unit *u = arena_alloc(a, sizeof *u);
    u->arena = a;
    u->path = arena_strdup(a, sf->path);
    j->u = u;
    const char *display = sf->display ? sf->display : sf->path;
    Setup s;
    if (!setup_file(fc, sf, &s)) {
        diag_add(&u->diags, DIAG_ERROR, display, 0, 0, "cannot read the file");
        return;
    }
    const char *main_abs = s.main_abs;
    Args *args = &s.args;
    Recover *r = s.r;
    double tp = now();
    char bad[PATH_MAX + 1024];
    if (r && inc_prescan(r, s.inc, main_abs, &s.is, bad, sizeof bad)) {
        /* clang would read it for ever (/dev/zero) or wait for a writer
         * (a pipe): as with a parse past --parse-timeout, stop with no
         * report rather than hang or exhaust memory */
        size_t ml = strlen(main_abs);
        int in_main = strncmp(bad, main_abs, ml) == 0 && bad[ml] == ':';
        fprintf(stderr, "%s%s; stopping, no report written\n",
                in_main ? display : "", in_main ? bad + ml : bad);
        fflush(stderr);
        _exit(2);
    }
    const char *pch = r && fc->o.shared ? shared_for(fc, &s, stats, display) : NULL;
    if (pch) {
        arg(args, "-include-pch");
        arg(args, pch);
    }
    tp = now() - tp;
    unsigned opts = CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
    CXTranslationUnit best = NULL;
    int best_err = 0, best_trunc = 0;
    unsigned best_reach = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
        struct CXUnsavedFile *uf = NULL;
        int nuf = r ? rec_unsaved(r, &uf) : 0;
        CXTranslationUnit tu = NULL;
        enum CXErrorCode err = clang_parseTranslationUnit2(fc->idx, main_abs, args->v, args->n, uf,
                                                           (unsigned)nuf, opts, &tu);
        if (pch && (err != CXError_Success || !tu || tu_has_severity(tu, CXDiagnostic_Fatal))) {
            /* the shared copy did not load (removed under us, say): the
             * file parses on its own, as it would have without it */
            if (tu)
                clang_disposeTranslationUnit(tu);
            args->n -= 2;
            pch = NULL;
            if (stats)
                fprintf(stderr, "front: %s: shared header failed to load\n", display);
            round--;
            continue;
        }
        if (err != CXError_Success || !tu) {
            if (tu)
                clang_disposeTranslationUnit(tu);
            diag_add(&u->diags, DIAG_ERROR, display, 0, 0,
                     "libclang could not parse the file (error %d)", (int)err);
            break;
        }
        rounds++;
        int trunc;
        unsigned reach;
        int nerr = count_errors(tu, clang_getFile(tu, main_abs), &trunc, &reach);
        if (stats > 1)
            fprintf(stderr, "front: %s: round %d: %d error(s)%s\n", display, rounds, nerr,
                    trunc ? " (the limit: more not listed)" : "");
        /* another round only while they help: fewer errors than the best,
         * or, both truncated (their counts mean nothing), listed errors
         * that reach further */
        int better = !best || (!trunc && (best_trunc || nerr < best_err)) ||
                     (trunc && best_trunc && reach > best_reach);
        int more = r && nerr && better && round + 1 < MAX_ROUNDS ? rec_scan(r, tu) : 0;
        if (better) {
            if (best)
                clang_disposeTranslationUnit(best);
            best = tu;
            best_err = nerr;
            best_trunc = trunc;
            best_reach = reach;
        } else {
            clang_disposeTranslationUnit(tu);
        }
        if (stats > 1 && r)
            rec_dump(r, stderr);
        if (stats > 2)
            clang_getInclusions(tu, dump_incl, NULL);
        if (!more)
            break;
    }
    t1 = now();
    fc->last_rounds = rounds;
    if (best) {
        u->parsed = 1;
        u->nerrors = best_err;
        collect_diags(best, u, clang_getFile(best, main_abs), display);
        lower_unit(best, u, main_abs, display, fc->incdir);
        t2 = now();
    }
    if (!t2)
        t2 = now();
    if (getenv("DRVCHECK_FRONT_STATS"))     /* for tests/bench: parse vs lowering */
        fprintf(stderr, "front: %s: %d round(s) parse %.3fs, lower %.3fs, include scan %.3fs\n",
                display, rounds, t1 - t0, t2 - t1, tp);
    if (r)
        rec_report(r, u, best);
    /* for tests/bench: the headers clang must find empty to parse what was parsed */
    for (int k = 0; stats && k < u->nassumed; k++) {
        const char *as = u->assumed[k], *e = strstr(as, " (empty stand-in)");
        if (strncmp(as, "header ", 7) == 0 && e && e[17] == '\0')
            fprintf(stderr, "front: stand-in: %.*s\n", (int)(e - as - 7), as + 7);
    }
    if (best)
        clang_disposeTranslationUnit(best);
    setup_free(&s);
}

/* A parse job on its own thread (a large stack), and whether it finished:
 * front_parse waits for it at most FrontOptions.parse_limit_s. */
typedef struct Watch {
    Job *j;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int done;
} Watch;

static void *job_main(void *p)
{
    Watch *w = p;
    guard_enter(w->j->sf->display ? w->j->sf->display : w->j->sf->path);
    parse_job(w->j);
    guard_leave();
    pthread_mutex_lock(&w->lock);
    w->done = 1;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Wait for the job until the limit; past it the scan cannot end (libclang's
 * parse cannot be interrupted): say which file, and stop with no report
 * rather than hang a CI job. */
static void wait_or_stop(Watch *w, double limit, const SourceFile *sf)
{
    pthread_mutex_lock(&w->lock);
    /* past a century (or inf) there is no limit to set: converting that to a
     * time_t overflowed, and the wait ended at once */
    if (limit > 0 && limit < 3.2e9) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)limit;
        until.tv_nsec += (long)((limit - (double)(time_t)limit) * 1e9);
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!w->done)
            if (pthread_cond_timedwait(&w->cond, &w->lock, &until) != 0 && !w->done) {
                fprintf(stderr, "%s:1:1: error: parsing did not finish within %g s "
                        "(--parse-timeout); stopping, no report written\n",
                        sf->display ? sf->display : sf->path, limit);
                fflush(stderr);
                _exit(2);
            }
    }
    while (!w->done)
        pthread_cond_wait(&w->cond, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

int front_rounds(const FrontCtx *fc)
{
    return fc->last_rounds;
}

Unit *front_parse(FrontCtx *fc, const SourceFile *sf)
{
    Job j = { fc, sf, NULL };
    Watch w = { .j = &j };
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.cond, NULL);
    pthread_attr_t attr;
    pthread_t th;
    int ok = pthread_attr_init(&attr) == 0 &&
             pthread_attr_setstacksize(&attr, LOWER_STACK) == 0 &&
             pthread_create(&th, &attr, job_main, &w) == 0;
    pthread_attr_destroy(&attr);
    if (ok) {
        wait_or_stop(&w, fc->o.parse_limit_s, sf);
        pthread_join(th, NULL);
    } else {
        parse_job(&j);
    }
    pthread_cond_destroy(&w.cond);
    pthread_mutex_destroy(&w.lock);
    return j.u;
}
