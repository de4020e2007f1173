/* shared.c - a system header parsed once for the files of a scan.
 *
 * Most files of a driver start with the same #include <ndis.h> (or
 * ntddk.h, or a precomp.h whose first line it is), and parsing the WDK
 * model is about 40% of parsing a typical driver file.  A scan keeps one
 * precompiled copy of each such header per set of arguments that shape it
 * (defines, target, language options, system folders: everything but the
 * -I folders and the recovery prelude), built through libclang when the
 * first file asks for it if the scan's plan (front_plan, before parsing)
 * counted SHARE_AFTER files or more for it, or without a plan when the
 * SHARE_AFTER-th file asks; in a private temporary folder removed at the
 * end.  A file uses it (-include-pch) only when
 *   - the header is its first system #include, and what comes before it
 *     commutes with the header and everything that includes (prefix.c);
 *     macros of the file the header reads are "carried": the copy is
 *     made with those #defines before the header (one copy per set), and
 *     the file must commute with that copy's closure as well;
 *   - none of its -I folders holds a file of that closure, which it would
 *     find instead of the model's (the copy was made without them);
 *   - no argument defines the include guard of a file walked;
 *   - the copy parsed without an error, and the header has an include
 *     guard (the file's own #include of it must read nothing new).
 * So the parse sees the same declarations and macros in the same meaning
 * as without the copy, and the report is the same; a test scans the cases
 * both ways.  DRVCHECK_SHARED_HEADERS=0 turns it off, =1 shares from the
 * first file on.  A scan interrupted by SIGINT, SIGTERM or SIGHUP removes
 * the folder too, unless the program handles those signals itself. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/front_int.h"

/* A copy costs about three parses of the header (its parse, then writing
 * it: 214M instructions against 74M for <ndis.h> in a driver file's
 * parse), so it is made for three files or more. */
enum { SHARE_AFTER = 3 };

typedef struct Shared {
    char *key;               /* header, arguments ('\n' after each), carried #defines */
    int asked;
    int planned;             /* files front_plan counted for it */
    int fit;                 /* files that asked and can use it */
    int state;               /* 0 not parsed, 2 parsed (tu), 1 written, -1 could not be,
                              * -2 too few files can use it */
    CXIndex idx;             /* state 2: the parsed header */
    CXTranslationUnit tu;
    char *pch;
    char *src;               /* the one-line header the copy was made from */
    Closure closure;
    char **rel;              /* the closure's files, relative to their system folder */
    int nrel;
} Shared;

/* What an interrupted scan removes, in fixed buffers a signal handler may
 * read: one scan's folder and files at a time. */
enum { SIG_FILES = 64, SIG_PATH = 1024 };
static char sig_files[SIG_FILES][SIG_PATH];
static volatile sig_atomic_t sig_nfiles;
static char sig_dir[SIG_PATH];
static const void *sig_owner;   /* the SharedHeaders they belong to */
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_signal(int sig)
{
    for (int i = 0; i < sig_nfiles; i++)
        unlink(sig_files[i]);
    if (sig_dir[0])
        rmdir(sig_dir);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void sig_watch(const void *owner, const char *dir)
{
    pthread_mutex_lock(&sig_lock);
    if (!sig_owner && strlen(dir) < SIG_PATH) {
        sig_owner = owner;
        sig_nfiles = 0;
        memcpy(sig_dir, dir, strlen(dir) + 1);
        static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
        for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
            struct sigaction old, sa;
            if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
                continue;     /* ignored, or the program's own */
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            sigaction(sigs[i], &sa, NULL);
        }
    }
    pthread_mutex_unlock(&sig_lock);
}

static void sig_add(const void *owner, const char *path)
{
    pthread_mutex_lock(&sig_lock);
    if (sig_owner == owner && sig_nfiles < SIG_FILES && strlen(path) < SIG_PATH) {
        memcpy(sig_files[sig_nfiles], path, strlen(path) + 1);
        sig_nfiles = sig_nfiles + 1;   /* after the path: the handler reads only whole ones */
    }
    pthread_mutex_unlock(&sig_lock);
}

static void sig_forget(const void *owner)
{
    pthread_mutex_lock(&sig_lock);
    if (sig_owner == owner) {
        sig_nfiles = 0;
        sig_dir[0] = 0;
        sig_owner = NULL;
    }
    pthread_mutex_unlock(&sig_lock);
}

static void drop_unit(Shared *s);

struct SharedHeaders {
    pthread_mutex_t lock;
    Shared **v;
    int n;
    int after;               /* asks before a copy is made; 0 never */
    int made;                /* copies attempted: their file names */
    int plan;                /* front_plan counted the scan's files */
    char *tmp;               /* the private folder, once made */
};

SharedHeaders *shared_new(void)
{
    SharedHeaders *sh = calloc(1, sizeof *sh);
    if (!sh)
        abort();
    pthread_mutex_init(&sh->lock, NULL);
    const char *e = getenv("DRVCHECK_SHARED_HEADERS");
    sh->after = e && *e ? atoi(e) : SHARE_AFTER;
    return sh;
}

void shared_free(SharedHeaders *sh)
{
    if (!sh)
        return;
    sig_forget(sh);
    for (int i = 0; i < sh->n; i++) {
        Shared *s = sh->v[i];
        drop_unit(s);
        if (s->pch)
            unlink(s->pch);
        if (s->src)
            unlink(s->src);
        free(s->pch);
        free(s->src);
        free(s->key);
        pfx_closure_free(&s->closure);
        for (int k = 0; k < s->nrel; k++)
            free(s->rel[k]);
        free(s->rel);
        free(s);
    }
    if (sh->tmp)
        rmdir(sh->tmp);
    free(sh->tmp);
    free(sh->v);
    pthread_mutex_destroy(&sh->lock);
    free(sh);
}

typedef struct Incl {
    Shared *s;
    const char *const *sys;
    int nsys;
} Incl;

/* Each file the copy holds: its names, and its path below its folder. */
static void closure_file(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
    (void)stack;
    (void)n;
    Incl *in = d;
    Shared *s = in->s;
    CXString cs = clang_getFileName(f);
    const char *path = clang_getCString(cs);
    if (path && s->src && strcmp(path, s->src) == 0) {   /* the one-line source, and what it carries */
        clang_disposeString(cs);
        return;
    }
    char *text = path ? front_slurp(path) : NULL;
    if (text) {
        pfx_closure_text(&s->closure, text);
        free(text);
    }
    size_t best = 0;
    for (int i = 0; path && i < in->nsys; i++) {
        size_t l = strlen(in->sys[i]);
        if (l > best && strncmp(path, in->sys[i], l) == 0 && path[l] == '/')
            best = l;
    }
    if (path && best) {
        s->rel = realloc(s->rel, (size_t)(s->nrel + 1) * sizeof *s->rel);
        if (!s->rel || !(s->rel[s->nrel] = strdup(path + best + 1)))
            abort();
        s->nrel++;
    }
    clang_disposeString(cs);
}

/* The names the copy declares at file scope (Closure.declared): functions,
 * variables, typedefs, tags (nested ones too: C gives them file scope) and
 * enumerators; not fields, parameters or what function bodies hold. */
static enum CXChildVisitResult declared(CXCursor c, CXCursor parent, CXClientData d)
{
    Closure *cl = d;
    enum CXCursorKind k = clang_getCursorKind(c);
    int tag = k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl;
    if (k == CXCursor_FunctionDecl || k == CXCursor_TypedefDecl || k == CXCursor_EnumConstantDecl ||
        tag || (k == CXCursor_VarDecl && clang_getCursorKind(parent) != CXCursor_FunctionDecl)) {
        CXString sp = clang_getCursorSpelling(c);
        const char *n = clang_getCString(sp);
        if (n && *n && !strpbrk(n, " ()"))       /* not an anonymous one */
            strmap_put(&cl->declared, n, 1);
        clang_disposeString(sp);
    }
    return tag || k == CXCursor_LinkageSpec || k == CXCursor_UnexposedDecl ? CXChildVisit_Recurse
                                                                          : CXChildVisit_Continue;
}


/* s's header parsed, its closure read (under sh->lock): state 2, the unit
 * kept until the copy is written (save) or known not to pay; -1 if not. */
static void parse_header(SharedHeaders *sh, Shared *s, const char *h, const char *carry,
                         const char *const *args, int nargs, const char *const *sys, int nsys)
{
    s->state = -1;
    if (!sh->tmp) {
        const char *t = getenv("TMPDIR");
        char tmpl[PATH_MAX];
        snprintf(tmpl, sizeof tmpl, "%s/drvcheck-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmpl))
            return;
        sh->tmp = strdup(tmpl);
        if (!sh->tmp)
            abort();
        sig_watch(sh, sh->tmp);
    }
    size_t l = strlen(sh->tmp) + 32;
    s->src = malloc(l);
    s->pch = malloc(l);
    if (!s->src || !s->pch)
        abort();
    int no = sh->made++;
    snprintf(s->src, l, "%s/h%d.h", sh->tmp, no);
    snprintf(s->pch, l, "%s/h%d.pch", sh->tmp, no);
    sig_add(sh, s->src);
    sig_add(sh, s->pch);
    FILE *fp = fopen(s->src, "w");
    if (!fp)
        return;
    int ok = fprintf(fp, "%s#include \"%s\"\n", carry ? carry : "", h) > 0;
    ok = fclose(fp) == 0 && ok;
    if (!ok)
        return;
    const char **v = malloc((size_t)(nargs + 2) * sizeof *v);
    if (!v)
        abort();
    v[0] = "-x";
    v[1] = "c-header";
    memcpy(v + 2, args, (size_t)nargs * sizeof *v);
    s->idx = front_index_new(1);
    enum CXErrorCode err = clang_parseTranslationUnit2(
        s->idx, s->src, v, nargs + 2, NULL, 0,
        CXTranslationUnit_Incomplete | CXTranslationUnit_ForSerialization, &s->tu);
    free(v);
    if (err == CXError_Success && s->tu && !tu_has_severity(s->tu, CXDiagnostic_Error) &&
        clang_isFileMultipleIncludeGuarded(s->tu, clang_getFile(s->tu, h))) {
        Incl in = { s, sys, nsys };
        clang_getInclusions(s->tu, closure_file, &in);
        clang_visitChildren(clang_getTranslationUnitCursor(s->tu), declared, &s->closure);
        s->state = 2;
    } else {
        drop_unit(s);
    }
}

static void drop_unit(Shared *s)
{
    if (s->tu)
        clang_disposeTranslationUnit(s->tu);
    if (s->idx)
        clang_disposeIndex(s->idx);
    s->tu = NULL;
    s->idx = NULL;
}

/* Write the copy of a parsed header (state 2 -> 1, or -1). */
static void save(Shared *s)
{
    s->state = clang_saveTranslationUnit(s->tu, s->pch, clang_defaultSaveOptions(s->tu)) ==
                       CXSaveError_None ? 1 : -1;
    drop_unit(s);
}

/* Why a file cannot use s's copy (into why), or NULL. */
static const char *conflict(Shared *s, const Prefix *pf, IncCache *cache,
                            const char *const *dirs, int ndirs, char **carry, char *why,
                            size_t size)
{
    if (pfx_conflict(pf, &s->closure, carry, why, size))
        return why;
    char out[PATH_MAX + 256];
    for (int d = 0; d < ndirs; d++)
        for (int i = 0; i < s->nrel; i++)
            if (inc_lookup(cache, dirs[d], s->rel[i], 1, out, sizeof out)) {
                snprintf(why, size, "%s holds %s", dirs[d], s->rel[i]);
                return why;
            }
    return NULL;
}

/* s's entry for key (under sh->lock), made if new. */
static Shared *entry(SharedHeaders *sh, const char *h, const char *carry,
                     const char *const *args, int nargs)
{
    size_t kl = strlen(h) + 2 + (carry ? strlen(carry) : 0);
    for (int i = 0; i < nargs; i++)
        kl += strlen(args[i]) + 1;
    char *key = malloc(kl), *k = key;
    if (!key)
        abort();
    k += sprintf(k, "%s\n", h);
    for (int i = 0; i < nargs; i++)
        k += sprintf(k, "%s\n", args[i]);
    if (carry)
        k += sprintf(k, "%s", carry);
    for (int i = 0; i < sh->n; i++)
        if (strcmp(sh->v[i]->key, key) == 0) {
            free(key);
            return sh->v[i];
        }
    Shared *s = calloc(1, sizeof *s);
    sh->v = realloc(sh->v, (size_t)(sh->n + 1) * sizeof *sh->v);
    if (!s || !sh->v)
        abort();
    s->key = key;
    sh->v[sh->n++] = s;
    return s;
}

void shared_plan(SharedHeaders *sh, const char *h, const char *const *args, int nargs)
{
    if (!sh)
        return;
    pthread_mutex_lock(&sh->lock);
    sh->plan = 1;
    entry(sh, h, NULL, args, nargs)->planned++;
    pthread_mutex_unlock(&sh->lock);
}

/* A file that fits s (asked and can use it): s's copy, written first if
 * enough files can still use it (those that fit so far, and at most every
 * one of the scan still to ask); else NULL and why. */
static const char *fits(Shared *s, int still, int after, char *why, size_t size)
{
    s->fit++;
    if (s->state == 2 && s->fit + still >= after)
        save(s);
    if (s->state == 1)
        return s->pch;
    snprintf(why, size, s->state == 2 || s->state == -2 ? "too few files of the scan can use it"
                                                        : "the header could not be precompiled");
    return NULL;
}

/* s parsed but not written, and it will not pay: dropped. */
static void unpaid(Shared *s, int still, int after)
{
    if (s->state == 2 && s->fit + still < after) {
        drop_unit(s);
        s->state = -2;
    }
}

const char *shared_header(SharedHeaders *sh, const char *h, const char *const *args, int nargs,
                          const char *const *sys, int nsys, const Prefix *pf, IncCache *cache,
                          const char *const *dirs, int ndirs, char *why, size_t size)
{
    snprintf(why, size, "not shared");
    if (!sh || sh->after <= 0)
        return NULL;
    const char *pch = NULL;
    char *carry = NULL;
    pthread_mutex_lock(&sh->lock);
    Shared *s = entry(sh, h, NULL, args, nargs);
    s->asked++;
    int planned = sh->plan && sh->after > 1;
    int still = planned ? s->planned - s->asked : sh->after;
    if (s->state == 0 && (planned ? s->planned >= sh->after : s->asked >= sh->after))
        parse_header(sh, s, h, NULL, args, nargs, sys, nsys);
    if (s->state == 0) {
        if (planned)
            snprintf(why, size, "%d file(s) of the scan start with it, fewer than %d",
                     s->planned, sh->after);
        else
            snprintf(why, size, "asked %d time(s) of %d", s->asked, sh->after);
    } else if (s->state == -1) {
        snprintf(why, size, "the header could not be precompiled");
    } else if (conflict(s, pf, cache, dirs, ndirs, &carry, why, size)) {
        /* why says */
    } else if (!carry) {
        if ((pch = fits(s, still, sh->after, why, size)))
            why[0] = 0;
    } else {
        /* a copy made with the prefix's #defines the header reads before
         * it; the file must agree with that copy's closure too, with the
         * same #defines */
        Shared *c = entry(sh, h, carry, args, nargs);
        c->asked++;
        if (c->state == 0)
            parse_header(sh, c, h, carry, args, nargs, sys, nsys);
        char *again = NULL;
        if (c->state == -1)
            snprintf(why, size, "the header could not be precompiled with %s", carry);
        else if (c->state == -2)
            snprintf(why, size, "too few files of the scan can use it");
        else if (conflict(c, pf, cache, dirs, ndirs, &again, why, size))
            ;
        else if (!again || strcmp(again, carry) != 0)
            snprintf(why, size, "its #defines change what the header holds");
        else if ((pch = fits(c, still, sh->after, why, size))) {
            /* say which: "with #define X 1; #define Y" */
            size_t n = (size_t)snprintf(why, size, "with ");
            for (const char *l = carry; *l && n + 1 < size; l++)
                why[n++] = *l == '\n' ? (l[1] ? ';' : 0) : *l;
            why[n < size ? n : size - 1] = 0;
        }
        free(again);
        if (planned)
            unpaid(c, still, sh->after);
    }
    if (planned)
        unpaid(s, still, sh->after);
    pthread_mutex_unlock(&sh->lock);
    free(carry);
    return pch;
}
