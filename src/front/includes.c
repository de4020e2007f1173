/* includes.c - missing headers found before the first parse round.
 *
 * Reads the #include lines of the main file and, transitively, of the
 * project headers they resolve to, searching as clang does: for "x.h" the
 * including file's folder and then the folders of the files that included
 * it (MSVC), then the -I folders, then the system folders (the model or
 * WDK, clang's own); for <x.h> the -I and the system folders.  A name no
 * folder holds gets its stand-in from recover.c (a redirect to a
 * case-insensitive match, a WPP or an empty stand-in) before the first
 * round, so a missing header costs no extra round.  Every #include line
 * counts, also under #if or in a comment: a stand-in that nothing includes
 * is never read, and recover.c reports only the stand-ins the parse
 * included.  The project texts read also give the WPP stand-ins their
 * names.  When this guesses wrong the parse still recovers: clang reports
 * the header missing and recover.c adds it for the next round.
 *
 * System headers are not read.  Cost: each project header reached is read
 * once per source file and scanned for '#' lines; a header reached twice
 * is read once (its includes resolved as from its first includer). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "front/front_int.h"

enum { MAX_DEPTH = 200 };    /* clang's own #include nesting limit */

typedef struct Scan {
    Recover *r;
    FrontCtx *fc;
    const char *const *idirs; /* -I */
    int nidirs;
    const char *const *sdirs; /* system folders: not read */
    int nsdirs;
    StrMap read;             /* real paths of the headers read */
    const char *stack[MAX_DEPTH];   /* folders of the including files, innermost last */
    int depth;
} Scan;

static char *slurp_text(const char *path)
{
    FILE *f = fopen(path, "rb");
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
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = 0;
    fclose(f);
    return s;
}

/* dir/name as a regular file, into out. */
static int try_dir(const char *dir, const char *name, char *out, size_t size)
{
    struct stat st;
    if (name[0] == '/')
        snprintf(out, size, "%s", name);
    else
        snprintf(out, size, "%s/%s", dir, name);
    return stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where clang finds NAME: 0 nowhere, 1 a project file, 2 a system file. */
static int resolve(Scan *s, const char *name, int angled, char *out, size_t size)
{
    if (!angled)
        for (int i = s->depth - 1; i >= 0; i--)
            if (try_dir(s->stack[i], name, out, size))
                return 1;
    for (int i = 0; i < s->nidirs; i++)
        if (try_dir(s->idirs[i], name, out, size))
            return 1;
    for (int i = 0; i < s->nsdirs; i++)
        if (try_dir(s->sdirs[i], name, out, size))
            return 2;
    size_t n = strlen(name);            /* clang's own headers, not WPP's */
    const char *res = n > 4 && strcasecmp(name + n - 4, ".tmh") == 0 ? NULL
                                                                      : front_resource_dir(s->fc);
    if (res && try_dir(res, name, out, size))
        return 2;
    return 0;
}

static void scan_file(Scan *s, const char *path);

/* #include WRITTEN (as written: recover.c names its stand-in so) in PATH */
static void include(Scan *s, const char *path, const char *written, int angled)
{
    char found[PATH_MAX + 256], real[PATH_MAX], name[512];
    snprintf(name, sizeof name, "%s", written);
    for (char *q = name; *q; q++)      /* clang looks "a\b.h" up as "a/b.h" */
        if (*q == '\\')
            *q = '/';
    int where = resolve(s, name, angled, found, sizeof found);
    if (!where) {
        char *redirect = rec_missing_header(s->r, written, path);
        if (!redirect)
            return;
        snprintf(found, sizeof found, "%s", redirect);
        free(redirect);
        for (int i = 0; i < s->nsdirs; i++) {
            size_t l = strlen(s->sdirs[i]);
            if (strncmp(found, s->sdirs[i], l) == 0 && found[l] == '/')
                return;
        }
    } else if (where == 2) {
        return;
    }
    if (!realpath(found, real) || strmap_get(&s->read, real))
        return;
    strmap_put(&s->read, real, 1);
    scan_file(s, found);
}

/* The #include lines of one text: '#', "include", then "name" or <name>. */
static void scan_file(Scan *s, const char *path)
{
    if (s->depth >= MAX_DEPTH)
        return;
    char *text = slurp_text(path);
    if (!text)
        return;
    rec_wpp_text(s->r, text);
    char *dir = strdup(path);
    if (!dir)
        abort();
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = 0;
    else
        strcpy(dir, slash ? "/" : ".");
    s->stack[s->depth++] = dir;
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '#')
            continue;
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "include", 7) != 0)
            continue;
        p += 7;
        while (*p == ' ' || *p == '\t')
            p++;
        char close = *p == '"' ? '"' : *p == '<' ? '>' : 0;
        if (!close)
            continue;
        const char *b = p + 1, *e = b;
        while (*e && *e != close && *e != '\n')
            e++;
        if (*e != close || e == b || e - b >= 512)
            continue;
        char name[512];
        memcpy(name, b, (size_t)(e - b));
        name[e - b] = 0;
        include(s, path, name, close == '>');
        p = e;
    }
    s->depth--;
    free(dir);
    free(text);
}

void inc_prescan(Recover *r, FrontCtx *fc, const char *main_abs, const char *const *idirs,
                 int nidirs, const char *const *sdirs, int nsdirs)
{
    Scan s;
    memset(&s, 0, sizeof s);
    s.r = r;
    s.fc = fc;
    s.idirs = idirs;
    s.nidirs = nidirs;
    s.sdirs = sdirs;
    s.nsdirs = nsdirs;
    strmap_put(&s.read, main_abs, 1);
    scan_file(&s, main_abs);
    strmap_free(&s.read);
}
