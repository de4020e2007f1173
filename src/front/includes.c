/* includes.c - missing headers found before the first parse round.
 *
 * Reads the #include lines of the main file and, transitively, of the
 * project headers they resolve to, searching as clang does: for "x.h" the
 * including file's folder and then the folders of the files that included
 * it (MSVC), the -iquote folders, then the -I folders, then the system
 * folders (the model or WDK, -isystem, -idirafter); for <x.h> the -I and
 * the system folders.  Forced includes (-include) are read first.  A name
 * no folder holds gets its stand-in from recover.c (a redirect to a
 * case-insensitive match, a WPP or an empty stand-in) before the first
 * round, so a missing header costs no extra round.  Every #include line
 * counts, also under #if or in a comment: a stand-in that nothing includes
 * is never read, and recover.c reports only the stand-ins the parse
 * included.  Stand-ins are searched after every real folder, so one made
 * for a header that clang finds where this scan did not look (its own
 * headers, say) is never used either.  The project texts read also give the WPP stand-ins their
 * names.  When this guesses wrong the parse still recovers: clang reports
 * the header missing and recover.c adds it for the next round.
 *
 * System headers are not read.  Cost, per source file: each project
 * header read and scanned for '#' lines once (IncCache: its #include
 * lines, and its text only when it holds WPP configuration), each folder
 * searched listed once (names are looked up in the listings, exactly or
 * ignoring case, not stat()ed; recover.c's case-insensitive lookups share
 * them).  A header reached twice is walked once (its includes resolved as
 * from its first includer). */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "front/front_int.h"

enum { MAX_DEPTH = 200 };    /* clang's own #include nesting limit */

/* What one file's text says, read once: its #include lines
 * and, when it names any, its WPP configuration text. */
typedef struct Hdr {
    char **names;            /* as written */
    unsigned char *angled;
    int *lines;              /* the line each is on */
    int n;
    char *wpp;               /* the whole text when it holds WPP configuration */
    char *real;              /* realpath, or NULL */
    int readable;
    LvText lv;               /* its MSVC lvalue casts (lvcast.c) */
    char *utf8;              /* a UTF-16 text as clang gets it, or NULL */
} Hdr;

/* A folder's entries, listed once. */
typedef struct Dir {
    StrMap kind;             /* entry -> 1 file, 2 folder, 3 other, 4 a device, pipe or
                                socket (SPECIAL) */
    StrMap lower;            /* lower-case entry -> index in names (the first) */
    char **names;
    int n;
} Dir;

/* One per source file (its parse job, one thread): what it holds is read
 * while that file is parsed, so nothing depends on other files or their
 * order, and files written between two parses are seen. */
struct IncCache {
    StrMap hdr;              /* path as found -> index in hdrs */
    Hdr **hdrs;
    int nhdrs;
    StrMap dir;              /* folder path -> index in dirs */
    Dir **dirs;
    int ndirs;
};

enum { SPECIAL = 4 };

typedef struct Scan {
    char *bad;               /* inc_prescan's error: an #include that names a SPECIAL */
    size_t badsize;
    Recover *r;
    IncCache *c;
    const IncSearch *f;      /* the folders */
    StrMap read;             /* real paths of the headers read */
    char **paths;            /* the files read, as found, and their lvalue casts */
    LvText **lvs;
    int nread;
    const char *stack[MAX_DEPTH];   /* folders of the including files, innermost last */
    int depth;
} Scan;

void inc_cache_free(IncCache *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nhdrs; i++) {
        Hdr *h = c->hdrs[i];
        for (int k = 0; k < h->n; k++)
            free(h->names[k]);
        free(h->names);
        free(h->angled);
        free(h->lines);
        free(h->wpp);
        free(h->real);
        lv_free(&h->lv);
        free(h->utf8);
        free(h);
    }
    free(c->hdrs);
    strmap_free(&c->hdr);
    for (int i = 0; i < c->ndirs; i++) {
        Dir *d = c->dirs[i];
        for (int k = 0; k < d->n; k++)
            free(d->names[k]);
        free(d->names);
        strmap_free(&d->kind);
        strmap_free(&d->lower);
        free(d);
    }
    free(c->dirs);
    strmap_free(&c->dir);
    free(c);
}

IncCache *inc_cache_new(void)
{
    IncCache *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    return c;
}

static Dir *dir_get(IncCache *c, const char *path)
{
    int *k = strmap_get(&c->dir, path);
    if (k)
        return c->dirs[*k];
    Dir *d = calloc(1, sizeof *d);
    c->dirs = realloc(c->dirs, (size_t)(c->ndirs + 1) * sizeof *c->dirs);
    if (!d || !c->dirs)
        abort();
    strmap_put(&c->dir, path, c->ndirs);
    c->dirs[c->ndirs++] = d;
    DIR *dp = opendir(*path ? path : "/");
    if (!dp)
        return d;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int kind = e->d_type == DT_REG ? 1 : e->d_type == DT_DIR ? 2 : 0;
        if (e->d_type == DT_CHR || e->d_type == DT_BLK || e->d_type == DT_FIFO ||
            e->d_type == DT_SOCK)
            kind = SPECIAL;
        if (!kind) {                       /* a link, or a file system without d_type */
            char full[PATH_MAX + 256];
            struct stat st;
            snprintf(full, sizeof full, "%s/%s", path, e->d_name);
            kind = stat(full, &st) != 0    ? 3
                   : S_ISREG(st.st_mode) ? 1
                   : S_ISDIR(st.st_mode) ? 2
                                         : SPECIAL;
        }
        strmap_put(&d->kind, e->d_name, kind);
        char low[256];
        size_t i = 0;
        for (; e->d_name[i] && i + 1 < sizeof low; i++)
            low[i] = (char)tolower((unsigned char)e->d_name[i]);
        low[i] = 0;
        if (!strmap_get(&d->lower, low)) {
            d->names = realloc(d->names, (size_t)(d->n + 1) * sizeof *d->names);
            if (!d->names)
                abort();
            d->names[d->n] = strdup(e->d_name);
            if (!d->names[d->n])
                abort();
            strmap_put(&d->lower, low, d->n++);
        }
    }
    closedir(dp);
    return d;
}

/* What dir/name is (Dir.kind: 1 a file, 2 a folder, 3 other, SPECIAL), its
 * path into out; 0 when nothing is there. */
static int lookup_kind(IncCache *c, const char *dir, const char *name, int nocase, char *out,
                       size_t size)
{
    char comp[512];
    size_t n = (size_t)snprintf(out, size, "%s", name[0] == '/' || name[0] == '\\' ? "" : dir);
    if (n >= size)
        return 0;
    int kind = 2;
    const char *p = name;
    while (*p && kind == 2) {
        while (*p == '/' || *p == '\\')
            p++;
        size_t l = strcspn(p, "/\\");
        if (!l)
            break;
        if (l >= sizeof comp || n + l + 2 > size)
            return 0;
        memcpy(comp, p, l);
        comp[l] = 0;
        p += l;
        if (strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0) {
            n += (size_t)snprintf(out + n, size - n, "/%s", comp);
            continue;
        }
        Dir *d = dir_get(c, out);
        int *k = strmap_get(&d->kind, comp);
        if (!k && nocase) {
            char low[512];
            size_t i = 0;
            for (; comp[i]; i++)
                low[i] = (char)tolower((unsigned char)comp[i]);
            low[i] = 0;
            int *j = strmap_get(&d->lower, low);
            if (j) {
                snprintf(comp, sizeof comp, "%s", d->names[*j]);
                k = strmap_get(&d->kind, comp);
            }
        }
        if (!k)
            return 0;
        kind = *k;
        n += (size_t)snprintf(out + n, size - n, "/%s", comp);
    }
    while (*p == '/' || *p == '\\')
        p++;
    if (*p)
        return 0;
    size_t nl = strlen(name);
    if (kind != 2 && nl && (name[nl - 1] == '/' || name[nl - 1] == '\\'))
        return 0;                          /* "x/" names a folder: a file x is not it */
    return kind;                           /* what the last name is */
}

int inc_lookup(IncCache *c, const char *dir, const char *name, int nocase, char *out, size_t size)
{
    return lookup_kind(c, dir, name, nocase, out, size) == 1;     /* a file */
}

/* The #include lines of one text: '#', "include", then "name" or <name>. */
static void read_includes(Hdr *h, const char *text)
{
    int cap = 0, line = 0;
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        line++;
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
        if (h->n == cap) {
            cap = cap ? cap * 2 : 8;
            h->names = realloc(h->names, (size_t)cap * sizeof *h->names);
            h->angled = realloc(h->angled, (size_t)cap);
            h->lines = realloc(h->lines, (size_t)cap * sizeof *h->lines);
            if (!h->names || !h->angled || !h->lines)
                abort();
        }
        h->lines[h->n] = line;
        h->names[h->n] = strndup(b, (size_t)(e - b));
        if (!h->names[h->n])
            abort();
        h->angled[h->n++] = close == '>';
        p = e;
    }
}

/* path with "." and "name/.." taken out, textually (no system calls: a
 * folder that is a symbolic link may make two names of one file, which
 * only costs a second walk). */
static char *normalize(const char *path)
{
    char *out = strdup(path);
    if (!out)
        abort();
    size_t n = 0;
    for (const char *p = path; *p;) {
        size_t l = strcspn(p, "/");
        if (l == 1 && p[0] == '.') {
            /* skip */
        } else if (l == 2 && p[0] == '.' && p[1] == '.' && n > 0 &&
                   !(n >= 2 && out[n - 1] == '.' && out[n - 2] == '.' &&
                     (n == 2 || out[n - 3] == '/'))) {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 1)
                n--;                       /* drop the '/' too, unless it is the root */
        } else if (l) {
            if (n > 0 && out[n - 1] != '/')
                out[n++] = '/';
            memcpy(out + n, p, l);
            n += l;
        } else if (n == 0) {
            out[n++] = '/';                /* the root */
        }
        p += l;
        while (*p == '/')
            p++;
    }
    out[n] = 0;
    return out;
}

static Hdr *hdr_get(IncCache *c, const char *path)
{
    int *k = strmap_get(&c->hdr, path);
    if (k)
        return c->hdrs[*k];
    Hdr *h = calloc(1, sizeof *h);
    c->hdrs = realloc(c->hdrs, (size_t)(c->nhdrs + 1) * sizeof *c->hdrs);
    if (!h || !c->hdrs)
        abort();
    strmap_put(&c->hdr, path, c->nhdrs);
    c->hdrs[c->nhdrs++] = h;
    h->real = normalize(path);
    int utf16;
    char *text = front_read_source(path, &utf16);
    if (!text)
        return h;
    h->readable = 1;
    if (utf16 && !(h->utf8 = strdup(text)))
        abort();
    read_includes(h, text);
    lv_read(&h->lv, text, strlen(text), 0);
    if (strstr(text, "begin_wpp") || strstr(text, "WPP_DEFINE_BIT"))
        h->wpp = text;
    else
        free(text);
    return h;
}

/* dir/name as a regular file, into out: 1; -1 a device, pipe or socket
 * (clang would read it: /dev/zero never ends, a pipe waits for a writer). */
static int try_dir(Scan *s, const char *dir, const char *name, char *out, size_t size)
{
    int k = lookup_kind(s->c, dir, name, 0, out, size);
    return k == 1 ? 1 : k == SPECIAL ? -1 : 0;
}

/* NAME in project folder dir, as Windows finds it: its exact spelling
 * first; else another case of it (`hw_main.h` for Hw_Main.h), which then
 * becomes a file of that spelling in dir for clang (rec_case_redirect):
 * a later folder of the search order that holds the exact spelling
 * (another driver's hw_main.h, in a scan of a tree of drivers) must not
 * win over it, and the header stays the project's own.  (Left to
 * recover.c's stand-in folder, searched after every other as a system
 * folder, the header was a system header for clang: its inline functions
 * and role declarations were skipped, so a driver's lock wrappers in
 * `MpHw.h` included as "mphw.h" went unseen when scanned alone, and were
 * seen when another driver of the tree held an exact "mphw.h".) */
static int try_project_dir(Scan *s, const char *dir, const char *name, char *out, size_t size)
{
    int k = try_dir(s, dir, name, out, size);
    if (k)
        return k;
    if (!inc_lookup(s->c, dir, name, 1, out, size))
        return 0;
    rec_case_redirect(s->r, dir, name, out);
    return 1;
}

/* Where clang finds NAME: 0 nowhere, 1 a project file, 2 a system file, -1
 * a device, pipe or socket (its path in out). */
static int resolve(Scan *s, const char *name, int angled, char *out, size_t size)
{
    int k;
    if (!angled) {
        for (int i = s->depth - 1; i >= 0; i--)
            if ((k = try_project_dir(s, s->stack[i], name, out, size)))
                return k;
        for (int i = 0; i < s->f->nquote; i++)
            if ((k = try_project_dir(s, s->f->quote[i], name, out, size)))
                return k;
    }
    for (int i = 0; i < s->f->ndirs; i++)
        if ((k = try_project_dir(s, s->f->dirs[i], name, out, size)))
            return k;
    for (int i = 0; i < s->f->nsys; i++)
        if ((k = try_dir(s, s->f->sys[i], name, out, size)))
            return k < 0 ? k : 2;
    return 0;
}

static void scan_file(Scan *s, const char *path, Hdr *h);

/* The folder of path ("/" for a file at the root, "." for a bare name), malloc. */
static char *folder_of(const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        abort();
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = 0;
    else
        strcpy(dir, slash ? "/" : ".");
    return dir;
}

/* #include WRITTEN (as written: recover.c names its stand-in so) on LINE of PATH */
static void include(Scan *s, const char *path, const char *written, int angled, int line)
{
    char found[PATH_MAX + 256];
    int where = resolve(s, written, angled, found, sizeof found);
    if (where < 0) {
        if (!s->bad[0])
            snprintf(s->bad, s->badsize, "%s:%d:1: error: #include %c%s%c names %s, which is no header "
                     "file (a device, pipe or socket): drvcheck does not read it", path, line,
                     angled ? '<' : '"', written, angled ? '>' : '"', found);
        return;
    }
    if (!where) {
        char *redirect = rec_missing_header(s->r, written, path);
        if (!redirect)
            return;
        snprintf(found, sizeof found, "%s", redirect);
        free(redirect);
        for (int i = 0; i < s->f->nsys; i++) {
            size_t l = strlen(s->f->sys[i]);
            if (strncmp(found, s->f->sys[i], l) == 0 && found[l] == '/')
                return;
        }
    } else if (where == 2) {
        return;
    }
    Hdr *h = hdr_get(s->c, found);
    if (!h->real || strmap_get(&s->read, h->real))
        return;
    strmap_put(&s->read, h->real, 1);
    scan_file(s, found, h);
}

/* The includes of one file, with its folder on top of the stack. */
static void scan_file(Scan *s, const char *path, Hdr *h)
{
    if (s->depth >= MAX_DEPTH || !h->readable)
        return;
    s->paths = realloc(s->paths, (size_t)(s->nread + 1) * sizeof *s->paths);
    s->lvs = realloc(s->lvs, (size_t)(s->nread + 1) * sizeof *s->lvs);
    if (!s->paths || !s->lvs)
        abort();
    if (!(s->paths[s->nread] = strdup(path)))   /* path may be a caller's buffer */
        abort();
    s->lvs[s->nread++] = &h->lv;
    if (h->utf8)
        rec_source_text(s->r, path, h->utf8);
    if (h->wpp)
        rec_wpp_text(s->r, h->wpp);
    char *dir = folder_of(path);
    s->stack[s->depth++] = dir;
    for (int i = 0; i < h->n; i++)
        include(s, path, h->names[i], h->angled[i], h->lines[i]);
    s->depth--;
    free(dir);
}

int inc_prescan(Recover *r, IncCache *cache, const char *main_abs, const IncSearch *search,
                char *err, size_t errsize)
{
    Scan s;
    memset(&s, 0, sizeof s);
    err[0] = 0;
    s.bad = err;
    s.badsize = errsize;
    s.r = r;
    s.c = cache;
    s.f = search;
    Hdr main;                /* the main file is read once: not cached */
    memset(&main, 0, sizeof main);
    int utf16;
    char *text = front_read_source(main_abs, &utf16);
    if (text) {
        main.readable = 1;
        if (utf16)
            main.utf8 = text;                /* not freed: main.wpp holds it */
        read_includes(&main, text);
        lv_read(&main.lv, text, strlen(text), 1);
        main.wpp = text;
    }
    strmap_put(&s.read, main_abs, 1);
    char found[PATH_MAX + 256];
    for (int i = 0; i < search->nforced; i++) {     /* only those that exist */
        int kind = lookup_kind(cache, ".", search->forced[i], 0, found, sizeof found);
        if (kind == SPECIAL && !err[0])
            snprintf(err, errsize, "%s:1:1: -include %s names a device, pipe or socket, which is "
                     "no header file: drvcheck does not read it", main_abs, search->forced[i]);
        Hdr *h = kind == 1 ? hdr_get(cache, found) : NULL;
        if (h && h->real && !strmap_get(&s.read, h->real)) {
            strmap_put(&s.read, h->real, 1);
            scan_file(&s, found, h);
        }
    }
    scan_file(&s, main_abs, &main);
    lv_apply(r, (const char *const *)s.paths, s.lvs, s.nread);
    for (int k = 0; k < s.nread; k++)
        free(s.paths[k]);
    free(s.paths);
    free(s.lvs);
    lv_free(&main.lv);
    for (int k = 0; k < main.n; k++)
        free(main.names[k]);
    free(main.names);
    free(main.angled);
    free(main.lines);
    free(text);
    strmap_free(&s.read);
    return err[0] != 0;
}

/* ------------------------------------------------ the prefix (prefix.c) */

typedef struct PrefixWalk {
    Scan s;
    Prefix *pf;
    StrMap seen;             /* real paths of the project files walked */
    char *h;
    size_t hsize;
    int found;
    const char *const *args;
    int nargs;
} PrefixWalk;

/* The names one file holds up to its first system #include (into w->pf),
 * and into those of the project headers it includes before.  1 when the
 * walk is over (the header found, or the prefix cannot move), 0 at the end
 * of the file.  uncond: every #include that led here is outside an #if. */
static int prefix_file(PrefixWalk *w, const char *path, const char *text, int uncond)
{
    Scan *s = &w->s;
    if (s->depth >= MAX_DEPTH) {
        w->pf->blocked = "headers nest too deep before it";
        return 1;
    }
    char *dir = folder_of(path);
    s->stack[s->depth++] = dir;
    PfxFile f;
    pfx_begin(&f, text, w->args, w->nargs);
    f.chain = uncond;
    char name[512], out[PATH_MAX + 256];
    int angled, u, stop = 0;
    while (!stop) {
        int k = pfx_next_include(&f, w->pf, name, sizeof name, &angled, &u);
        if (k <= 0) {
            stop = k < 0;
            break;
        }
        int where = resolve(s, name, angled, out, sizeof out);
        if (where < 0) {                    /* never read (inc_prescan stops the parse) */
            w->pf->blocked = "a header before it is a device, pipe or socket";
            break;
        }
        if (!where) {                       /* another case of a real file, or missing */
            free(rec_missing_header(s->r, name, path));
            char *redirect = rec_standin_target(s->r, name);
            if (redirect) {
                snprintf(out, sizeof out, "%s", redirect);
                free(redirect);
                where = 1;
                for (int i = 0; i < s->f->nsys; i++) {
                    size_t l = strlen(s->f->sys[i]);
                    if (strncmp(out, s->f->sys[i], l) == 0 && out[l] == '/')
                        where = 2;
                }
            }
        }
        if (where == 2) {
            if (uncond && u) {
                snprintf(w->h, w->hsize, "%s", out);
                w->found = 1;
            } else {
                w->pf->blocked = "its #include is under an #if";
            }
            stop = 1;
        } else if (!where) {
            /* missing: an empty stand-in holds nothing to commute */
            if (!rec_standin_empty(s->r, name)) {
                size_t nl = strlen(name);
                w->pf->blocked = nl && (name[nl - 1] == '/' || name[nl - 1] == '\\')
                                     ? "a header before it is missing (it names a folder)"
                                     : "a header before it is missing (its stand-in is a WPP one)";
                stop = 1;
            }
        } else {
            char *real = normalize(out);
            if (!strmap_get(&w->seen, real)) {
                strmap_put(&w->seen, real, 1);
                int utf16;
                char *t = front_read_source(out, &utf16);
                if (!t) {
                    w->pf->blocked = "a header before it cannot be read";
                    stop = 1;
                } else {
                    stop = prefix_file(w, out, t, uncond && u);
                    free(t);
                }
            }
            free(real);
        }
    }
    s->depth--;
    free(dir);
    return stop;
}

int inc_first_system(Recover *r, IncCache *cache, const char *main_abs, const IncSearch *search,
                     const char *const *args, int nargs, Prefix *pf, char *h, size_t hsize)
{
    memset(pf, 0, sizeof *pf);
    if (search->nforced) {
        pf->blocked = "the file has forced includes";
        return 0;
    }
    PrefixWalk w;
    memset(&w, 0, sizeof w);
    w.s.r = r;
    w.s.c = cache;
    w.s.f = search;
    w.pf = pf;
    w.h = h;
    w.hsize = hsize;
    w.args = args;
    w.nargs = nargs;
    int utf16;
    char *text = front_read_source(main_abs, &utf16);
    if (!text) {
        pf->blocked = "the file cannot be read";
        return 0;
    }
    strmap_put(&w.seen, main_abs, 1);
    prefix_file(&w, main_abs, text, 1);
    free(text);
    strmap_free(&w.seen);
    if (!w.found && !pf->blocked)
        pf->blocked = "no system header";
    return w.found && !pf->blocked;
}
