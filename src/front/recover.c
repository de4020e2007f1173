/* recover.c - what a parse round assumes: stand-ins for missing headers
 * (most made before the first round, from the #include lines includes.c
 * reads), and what the errors of the last round ask for.
 *
 *  - a missing include: a case-insensitive match of its name (Windows file
 *    systems ignore case; '\' separates folders) in the including file's
 *    folder and the include path becomes a one-line redirect to the real
 *    file (by its absolute path); else an empty stand-in, and for WPP
 *    "*.tmh" headers a stand-in defining the WPP macros, the trace
 *    functions that the sources' "begin_wpp config ... FUNC Name(...)"
 *    comments declare and the flags their WPP_DEFINE_BIT(NAME) lists name
 *    (distinct bits).  Stand-ins are unsaved files in a stand-in folder
 *    that exists only for clang, searched after all others (-idirafter):
 *    both "x.h" and <x.h> find them, and they never hide a header clang
 *    finds elsewhere; one made before parsing is reported only if the
 *    parse included it;
 *  - an unknown type name: "typedef long long NAME;" in a prelude included
 *    before everything (integer-like: C lets it mix with pointers, enums
 *    and flags where clang would reject a struct);
 *  - an undeclared identifier: a type as above when the source continues
 *    with a declarator or it is cast-like "(NAME)", else "extern int NAME;";
 *  - a SAL-style annotation (_Name_, _Name_(...)) the model lacks: an empty
 *    macro;
 *  - an MSVC lvalue cast "(T)x = v": the cast is blanked out in an unsaved
 *    copy of the file (columns unchanged).
 * Order: new headers first (the names they declare would otherwise be
 * assumed), then unknown types and values together (a value that a
 * declaration of an unknown type names waits one more round); lvalue casts
 * with either.  Every assumption is listed in Unit.assumed.  Cost: one
 * pass over the diagnostics per phase; each source text is read once per
 * round. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "front/front_int.h"

typedef struct VFile {
    char *path;
    char *text;
    size_t len;
    int wpp;                 /* a WPP stand-in: text follows r->wpp_names */
    char *target;            /* a redirect: the real path it includes, else NULL */
} VFile;

struct Recover {
    IncCache *cache;         /* folder listings (includes.c), this file's */
    char *main_abs;
    char *standin_dir;
    char **incdirs;
    int nincdirs;
    StrMap seen;             /* "n:NAME", "h:NAME", "c:file:off" */
    char **assumed;
    char **assumed_if;       /* per assumption: reported only when this file
                              * was included (stand-ins made before parsing), or NULL */
    int nassumed, capassumed;
    int ndumped;             /* assumptions rec_dump printed */
    char *prelude;
    size_t prelude_len, prelude_cap;
    VFile *files;
    int nfiles, capfiles;
    struct CXUnsavedFile *uf;
    char *prelude_path;
    char **wpp_names;        /* FUNC names, then "=NAME" for WPP_DEFINE_BIT flags */
    int nwpp, wpp_scanned, wpp_dirty;
    int has_wpp;             /* a WPP stand-in exists */
    StrMap wpp_seen;
};

static char *xstrdup(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p)
        abort();
    return p;
}

static char *read_file(const char *path, size_t *len)
{
    char *t = front_slurp(path);             /* UTF-8, as clang gets it */
    if (t && len)
        *len = strlen(t);
    return t;
}

Recover *rec_new(const char *main_abs, const char *standin_dir, const char **incdirs, int nincdirs,
                 IncCache *cache)
{
    Recover *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->cache = cache;
    r->main_abs = xstrdup(main_abs);
    r->standin_dir = xstrdup(standin_dir);
    r->incdirs = calloc((size_t)(nincdirs + 1), sizeof *r->incdirs);
    if (!r->incdirs)
        abort();
    for (int i = 0; i < nincdirs; i++)
        r->incdirs[i] = xstrdup(incdirs[i]);
    r->nincdirs = nincdirs;
    size_t n = strlen(standin_dir) + 32;
    r->prelude_path = malloc(n);
    if (!r->prelude_path)
        abort();
    snprintf(r->prelude_path, n, "%s/__drvcheck_prelude.h", standin_dir);
    r->prelude = xstrdup("/* drvcheck: declarations assumed to recover from errors */\n");
    r->prelude_len = strlen(r->prelude);
    r->prelude_cap = r->prelude_len + 1;
    return r;
}

void rec_free(Recover *r)
{
    if (!r)
        return;
    free(r->main_abs);
    free(r->standin_dir);
    for (int i = 0; i < r->nincdirs; i++)
        free(r->incdirs[i]);
    free(r->incdirs);
    strmap_free(&r->seen);
    for (int i = 0; i < r->nassumed; i++) {
        free(r->assumed[i]);
        free(r->assumed_if[i]);
    }
    free(r->assumed);
    free(r->assumed_if);
    free(r->prelude);
    for (int i = 0; i < r->nfiles; i++) {
        free(r->files[i].path);
        free(r->files[i].text);
        free(r->files[i].target);
    }
    free(r->files);
    free(r->uf);
    free(r->prelude_path);
    for (int i = 0; i < r->nwpp; i++)
        free(r->wpp_names[i]);
    free(r->wpp_names);
    strmap_free(&r->wpp_seen);
    free(r);
}

const char *rec_prelude_path(Recover *r)
{
    return r->prelude_path;
}

static void assume_if(Recover *r, const char *file, const char *fmt, const char *a,
                      const char *b)
{
    char buf[1024];
    snprintf(buf, sizeof buf, fmt, a, b ? b : "");
    if (r->nassumed == r->capassumed) {
        r->capassumed = r->capassumed ? r->capassumed * 2 : 16;
        r->assumed = realloc(r->assumed, (size_t)r->capassumed * sizeof *r->assumed);
        r->assumed_if = realloc(r->assumed_if, (size_t)r->capassumed * sizeof *r->assumed_if);
        if (!r->assumed || !r->assumed_if)
            abort();
    }
    r->assumed_if[r->nassumed] = file ? xstrdup(file) : NULL;
    r->assumed[r->nassumed++] = xstrdup(buf);
}

static void assume(Recover *r, const char *fmt, const char *a, const char *b)
{
    assume_if(r, NULL, fmt, a, b);
}

static void prelude_add(Recover *r, const char *line)
{
    size_t l = strlen(line);
    if (r->prelude_len + l + 1 > r->prelude_cap) {
        r->prelude_cap = (r->prelude_len + l + 1) * 2;
        r->prelude = realloc(r->prelude, r->prelude_cap);
        if (!r->prelude)
            abort();
    }
    memcpy(r->prelude + r->prelude_len, line, l + 1);
    r->prelude_len += l;
}

static VFile *vfile(Recover *r, const char *path)
{
    for (int i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].path, path) == 0)
            return &r->files[i];
    if (r->nfiles == r->capfiles) {
        r->capfiles = r->capfiles ? r->capfiles * 2 : 8;
        r->files = realloc(r->files, (size_t)r->capfiles * sizeof *r->files);
        if (!r->files)
            abort();
    }
    VFile *v = &r->files[r->nfiles++];
    v->path = xstrdup(path);
    v->text = NULL;
    v->len = 0;
    v->wpp = 0;
    v->target = NULL;
    return v;
}

/* dir/name resolved one component at a time, ignoring case (malloc). */
static char *ci_resolve(Recover *r, const char *dir, const char *name)
{
    char buf[PATH_MAX + 256];
    return inc_lookup(r->cache, dir, name, 1, buf, sizeof buf) ? xstrdup(buf) : NULL;
}

static char *dir_of(const char *path)
{
    char *d = xstrdup(path);
    char *s = strrchr(d, '/');
    if (s && s != d)
        *s = 0;
    else if (s)
        s[1] = 0;
    else
        strcpy(d, ".");
    return d;
}

static void wpp_name(Recover *r, const char *prefix, const char *n, size_t len)
{
    char key[300];
    if (len + strlen(prefix) + 1 > sizeof key)
        return;
    snprintf(key, sizeof key, "%s%.*s", prefix, (int)len, n);
    if (strmap_get(&r->wpp_seen, key))
        return;
    strmap_put(&r->wpp_seen, key, 1);
    r->wpp_names = realloc(r->wpp_names, (size_t)(r->nwpp + 1) * sizeof *r->wpp_names);
    if (!r->wpp_names)
        abort();
    r->wpp_names[r->nwpp++] = xstrdup(key);
    r->wpp_dirty = 1;
}

/* The WPP configuration one text names: "// begin_wpp config // FUNC
 * Name(...); // end_wpp" trace functions and WPP_DEFINE_BIT(NAME) flags
 * (not the parameter of a "#define WPP_DEFINE_BIT(x)"). */
void rec_wpp_text(Recover *r, const char *t)
{
    const char *p = t;
    while ((p = strstr(p, "begin_wpp config"))) {
        const char *end = strstr(p, "end_wpp");
        if (!end)
            end = p + strlen(p);
        for (const char *q = p; (q = strstr(q, "FUNC ")) && q < end; q += 5) {
            const char *n = q + 5;
            while (*n == ' ' || *n == '\t')
                n++;
            const char *e = n;
            while (isalnum((unsigned char)*e) || *e == '_')
                e++;
            if (e == n || (*e != '(' && *e != '{'))
                continue;
            wpp_name(r, "", n, (size_t)(e - n));
        }
        p = end;
    }
    for (p = t; (p = strstr(p, "WPP_DEFINE_BIT")); p += 14) {
        const char *n = p + 14;
        while (*n == ' ' || *n == '\t')
            n++;
        if (*n != '(')
            continue;
        n++;
        while (*n == ' ' || *n == '\t')
            n++;
        const char *e = n;
        while (isalnum((unsigned char)*e) || *e == '_')
            e++;
        const char *q = e;
        while (*q == ' ' || *q == '\t')
            q++;
        const char *b = p;
        while (b > t && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        int defined = b - t >= 6 && strncmp(b - 6, "define", 6) == 0;
        if (e == n || *q != ')' || defined)
            continue;
        wpp_name(r, "=", n, (size_t)(e - n));
    }
}

typedef struct WppScan {
    Recover *r;
    CXTranslationUnit tu;
} WppScan;

static void scan_wpp_incl(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
    (void)stack;
    (void)n;
    WppScan *w = d;
    Recover *r = w->r;
    CXString s = clang_getFileName(f);
    const char *path = clang_getCString(s);
    if (path && !clang_Location_isInSystemHeader(clang_getLocationForOffset(w->tu, f, 0))) {
        char *t = read_file(path, NULL);
        if (t)
            rec_wpp_text(r, t);
        free(t);
    }
    clang_disposeString(s);
}

/* The trace macros and functions as no-ops, the flags as distinct bits. */
static char *wpp_standin(Recover *r, const char *name)
{
    static const char *const base[] = { "WPP_INIT_TRACING", "WPP_CLEANUP", "DoTraceMessage",
                                        "WPP_RECORDER", "WPP_INIT_TRACING_EX" };
    size_t cap = 512 + (size_t)(r->nwpp + 5) * 300;
    char *t = malloc(cap);
    if (!t)
        abort();
    size_t n = (size_t)snprintf(t, cap, "/* drvcheck: stand-in for the WPP trace header %s */\n", name);
    int bit = 0;
    for (int i = 0; i < 5 + r->nwpp; i++) {
        const char *m = i < 5 ? base[i] : r->wpp_names[i - 5];
        if (*m == '=')
            n += (size_t)snprintf(t + n, cap - n, "#ifndef %s\n#define %s 0x%xu\n#endif\n", m + 1,
                                  m + 1, 1u << (bit++ % 32));
        else
            n += (size_t)snprintf(t + n, cap - n, "#ifndef %s\n#define %s(...) ((void)0)\n#endif\n",
                                  m, m);
    }
    return t;
}

static int quoted(const char *msg, const char *prefix, const char *suffix, char *out, size_t size)
{
    size_t pl = strlen(prefix);
    if (strncmp(msg, prefix, pl) != 0)
        return 0;
    const char *s = msg + pl, *e = strchr(s, '\'');
    if (!e || (size_t)(e - s) >= size || strncmp(e + 1, suffix, strlen(suffix)) != 0)
        return 0;
    memcpy(out, s, (size_t)(e - s));
    out[e - s] = 0;
    return 1;
}

/* After an identifier at offset off: a declarator (type) or a value? */
static int looks_like_type(const char *text, size_t len, unsigned off, const char *name)
{
    size_t idlen = strlen(name);
    if (!text || off + idlen > len || strncmp(text + off, name, idlen) != 0)
        return 0;                          /* not written here: inside a macro */
    const char *p = text + off + idlen;
    while (*p == ' ' || *p == '\t')
        p++;
    if (isalpha((unsigned char)*p) || *p == '_')
        return 1;
    if (*p == '*') {
        p++;
        while (*p == ' ' || *p == '\t' || *p == '*')
            p++;
        if (isalpha((unsigned char)*p) || *p == '_') {
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            while (*p == ' ' || *p == '\t')
                p++;
            return *p == ';' || *p == '=' || *p == ',' || *p == ')' || *p == '[';
        }
        return *p == ')';
    }
    if (*p == ')') {                       /* a cast (NAME), not a call f(NAME) */
        const char *q = text + off;
        while (q > text && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        if (q == text || q[-1] != '(')
            return 0;
        q--;
        while (q > text && (q[-1] == ' ' || q[-1] == '\t'))
            q--;
        return q == text || !(isalnum((unsigned char)q[-1]) || q[-1] == '_' || q[-1] == ')');
    }
    return 0;
}

/* _In_, _Notliteral_, _IRQL_requires_max_(x): a SAL-style annotation,
 * assumed to be an empty macro.  0: not one, 1: object-like, 2: function-like. */
static int sal_kind(const char *text, size_t len, unsigned off, const char *name)
{
    size_t n = strlen(name);
    if (n < 3 || name[0] != '_' || name[n - 1] != '_' || !isupper((unsigned char)name[1]))
        return 0;
    if (!text || off + n > len || strncmp(text + off, name, n) != 0)
        return 1;
    const char *p = text + off + n;
    while (*p == ' ' || *p == '\t')
        p++;
    return *p == '(' ? 2 : 1;
}

/* Blank "(T)" at off in an unsaved copy of path; 0 when no cast is written
 * there (it comes from a macro). */
static int blank_cast(Recover *r, const char *path, unsigned off)
{
    VFile *v = vfile(r, path);
    if (!v->text)
        v->text = read_file(path, &v->len);
    if (!v->text || off >= v->len || v->text[off] != '(')
        return 0;
    int depth = 0;
    for (size_t i = off; i < v->len; i++) {
        char ch = v->text[i];
        if (ch == '(')
            depth++;
        else if (ch == ')')
            depth--;
        if (ch != '\n')
            v->text[i] = ' ';
        if (depth == 0)
            break;
    }
    return 1;
}

static enum CXChildVisitResult add_decl_name(CXCursor c, CXCursor p, CXClientData d)
{
    (void)p;
    if (clang_isDeclaration(c.kind)) {
        CXString s = clang_getCursorSpelling(c);
        const char *n = clang_getCString(s);
        if (n && *n)
            strmap_put(d, n, 1);
        clang_disposeString(s);
    }
    return c.kind == CXCursor_EnumDecl ? CXChildVisit_Recurse : CXChildVisit_Continue;
}

/* dir/name as clang looks it up ("a\\b.h" as "a/b.h"); malloc. */
static char *header_path(const char *dir, const char *name)
{
    size_t pl = strlen(dir) + strlen(name) + 2;
    char *path = malloc(pl);
    if (!path)
        abort();
    snprintf(path, pl, "%s/%s", dir, name);
    for (char *q = path; *q; q++)
        if (*q == '\\')
            *q = '/';
    return path;
}

/* v includes the real file; the report says NAME was found as it (if
 * included, when cond). */
static void redirect_to(Recover *r, VFile *v, const char *cond, const char *name, const char *real)
{
    free(v->text);
    size_t tl = strlen(real) + 64;
    v->text = malloc(tl);
    if (!v->text)
        abort();
    snprintf(v->text, tl, "#include \"%s\"\n", real);
    v->len = strlen(v->text);
    free(v->target);
    v->target = xstrdup(real);
    assume_if(r, cond, "header %s (found as %s)", name, real);
}

/* "x/", "/", <sys/>, "x\\": a name ending in a separator names a folder,
 * which no file can stand in for (an unsaved file whose path ends in '/'
 * crashes libclang 14).  Such an #include stays clang's "file not found"
 * error: the file is parsed with errors, as with any header not stubbed. */
static int names_folder(const char *name)
{
    size_t n = strlen(name);
    return n == 0 || name[n - 1] == '/' || name[n - 1] == '\\';
}

/* A stand-in for header NAME, which FILE includes and no folder holds: a
 * redirect to a case-insensitive match (its real path returned, malloc),
 * else a WPP or an empty stand-in (NULL returned).  PENDING: made before
 * parsing, so reported only if the parse includes it.  Once per name;
 * never for a name that names a folder. */
static char *standin(Recover *r, const char *name, const char *file, int pending, int *added)
{
    char key[600];
    *added = 0;
    if (names_folder(name))
        return NULL;
    snprintf(key, sizeof key, "h:%s", name);
    if (strmap_get(&r->seen, key))
        return NULL;
    strmap_put(&r->seen, key, 1);
    *added = 1;
    char *dir = dir_of(file);
    char *real = ci_resolve(r, dir, name);
    for (int k = 0; !real && k < r->nincdirs; k++)
        real = ci_resolve(r, r->incdirs[k], name);
    free(dir);
    if (real) {                /* the redirect lives elsewhere: no relative path */
        char buf[PATH_MAX];
        if (realpath(real, buf)) {
            free(real);
            real = xstrdup(buf);
        }
    }
    char *vpath = header_path(r->standin_dir, name);
    VFile *v = vfile(r, vpath);
    const char *cond = pending ? vpath : NULL;
    size_t n = strlen(name);
    if (real) {
        redirect_to(r, v, cond, name, real);
    } else {
        free(v->text);
        free(v->target);
        v->target = NULL;
        if (n > 4 && strcasecmp(name + n - 4, ".tmh") == 0) {
            v->wpp = 1;
            r->has_wpp = 1;
            v->text = wpp_standin(r, name);
            assume_if(r, cond, "header %s (WPP stand-in)", name, NULL);
        } else {
            v->text = xstrdup("/* drvcheck: empty stand-in for a missing header */\n");
            assume_if(r, cond, "header %s (empty stand-in)", name, NULL);
        }
        v->len = strlen(v->text);
    }
    free(vpath);
    return real;
}

void rec_case_redirect(Recover *r, const char *dir, const char *name, const char *real)
{
    if (names_folder(name))
        return;
    char *vpath = header_path(dir, name), key[PATH_MAX + 16];
    snprintf(key, sizeof key, "c:%s", vpath);
    if (!strmap_get(&r->seen, key)) {
        strmap_put(&r->seen, key, 1);
        char buf[PATH_MAX];
        redirect_to(r, vfile(r, vpath), vpath, name, realpath(real, buf) ? buf : real);
    }
    free(vpath);
}

char *rec_missing_header(Recover *r, const char *name, const char *file)
{
    int added;
    return standin(r, name, file, 1, &added);
}

int rec_standin_empty(Recover *r, const char *name)
{
    char *vpath = header_path(r->standin_dir, name);
    int empty = 0;
    for (int i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].path, vpath) == 0)
            empty = !r->files[i].target && !r->files[i].wpp;
    free(vpath);
    return empty;
}

char *rec_standin_target(Recover *r, const char *name)
{
    char *vpath = header_path(r->standin_dir, name), *t = NULL;
    for (int i = 0; i < r->nfiles && !t; i++)
        if (strcmp(r->files[i].path, vpath) == 0 && r->files[i].target)
            t = xstrdup(r->files[i].target);
    free(vpath);
    return t;
}

static int add_header(Recover *r, CXTranslationUnit tu, const char *name, const char *file)
{
    size_t n = strlen(name);
    if (!r->wpp_scanned && n > 4 && strcasecmp(name + n - 4, ".tmh") == 0) {
        r->wpp_scanned = 1;
        WppScan w = { r, tu };
        clang_getInclusions(tu, scan_wpp_incl, &w);
    }
    int added;
    free(standin(r, name, file, 0, &added));
    return added;
}

static int add_name(Recover *r, const char *name, int is_type, int sal, StrMap *declared)
{
    char key[600], line[700];
    snprintf(key, sizeof key, "n:%s", name);
    if (strmap_get(&r->seen, key) || strmap_get(declared, name))
        return 0;
    strmap_put(&r->seen, key, 1);
    if (sal) {
        snprintf(line, sizeof line, "#define %s%s\n", name, sal == 2 ? "(...)" : "");
        assume(r, "annotation %s", name, NULL);
    } else if (is_type) {
        snprintf(line, sizeof line, "typedef long long %s;\n", name);
        assume(r, "type %s", name, NULL);
    } else {
        snprintf(line, sizeof line, "extern int %s;\n", name);
        assume(r, "identifier %s", name, NULL);
    }
    prelude_add(r, line);
    return 1;
}

static int add_cast(Recover *r, const char *file, unsigned off, unsigned line)
{
    char key[600], where[32];
    snprintf(key, sizeof key, "c:%s:%u", file, off);
    if (strmap_get(&r->seen, key))
        return 0;
    strmap_put(&r->seen, key, 1);
    if (!blank_cast(r, file, off))
        return 0;
    snprintf(where, sizeof where, "%u", line);
    assume(r, "lvalue cast at line %s of %s", where, file);
    return 1;
}

/* An lvalue cast written in a macro's body ("(ULONG_PTR)((_NBL)->Reserved[0])
 * = _Count" in a project header): the error is reported where the macro
 * is used, the cast is blanked where it is spelled.  libclang 14's
 * clang_getSpellingLocation gives the expansion; the token at a macro
 * location is lexed where it is spelled. */
static int macro_cast(Recover *r, CXTranslationUnit tu, CXSourceLocation l)
{
    unsigned off, line;
    CXFile f;
    if (!k_is_macro_loc(l) || !k_spell_lex(tu, l, &f, &line, &off))
        return 0;
    CXString fs = clang_getFileName(f);
    const char *file = clang_getCString(fs);
    int added = file && file[0] == '/' && add_cast(r, file, off, line);
    clang_disposeString(fs);
    return added;
}

/* What one rec_scan reads: the unit's own declarations, the names that
 * a declarator with an unknown type names (deferred), the source texts. */
typedef struct ScanCtx {
    CXTranslationUnit tu;
    StrMap declared;         /* read when first needed: most rounds assume no name */
    int declared_read;
    StrMap deferred;
    StrMap texts;            /* path -> index in text/len */
    char **text;
    size_t *len;
    int ntexts;
} ScanCtx;

static const char *source_text(ScanCtx *c, const char *path, size_t *len)
{
    int *k = strmap_get(&c->texts, path);
    if (!k) {
        c->text = realloc(c->text, (size_t)(c->ntexts + 1) * sizeof *c->text);
        c->len = realloc(c->len, (size_t)(c->ntexts + 1) * sizeof *c->len);
        if (!c->text || !c->len)
            abort();
        c->len[c->ntexts] = 0;
        c->text[c->ntexts] = read_file(path, &c->len[c->ntexts]);
        k = strmap_put(&c->texts, path, c->ntexts++);
    }
    *len = c->len[*k];
    return c->text[*k];
}

/* "NAME *x" or "NAME x" followed by ; = , ) [ : the declarator's name. */
static void defer_declarator(ScanCtx *c, const char *text, size_t len, unsigned off,
                             const char *name)
{
    size_t idlen = strlen(name);
    if (!text || off + idlen > len || strncmp(text + off, name, idlen) != 0)
        return;
    const char *p = text + off + idlen;
    while (*p == ' ' || *p == '\t' || *p == '*')
        p++;
    const char *b = p;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    if (p == b || p - b >= 256 || isdigit((unsigned char)*b))
        return;
    char id[256];
    memcpy(id, b, (size_t)(p - b));
    id[p - b] = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == ';' || *p == '=' || *p == ',' || *p == ')' || *p == '[')
        strmap_put(&c->deferred, id, 1);
}

/* Is text at i a cast: "(" words and '*' ")" and then an operand? Its
 * end (past the ')') in *end. */
static int cast_at(const char *t, size_t len, size_t i, size_t *end)
{
    size_t j = i + 1;
    int words = 0;
    while (j < len && t[j] != ')') {
        if (isalpha((unsigned char)t[j]) || t[j] == '_') {
            words++;
            while (j < len && (isalnum((unsigned char)t[j]) || t[j] == '_'))
                j++;
        } else if (t[j] == '*' || t[j] == ' ' || t[j] == '\t') {
            j++;
        } else {
            return 0;
        }
    }
    size_t k = j + 1;
    while (k < len && (t[k] == ' ' || t[k] == '\t'))
        k++;
    if (j >= len || !words || k >= len ||
        !(isalpha((unsigned char)t[k]) || t[k] == '_' || t[k] == '('))
        return 0;
    *end = k;
    return 1;
}

/* "&((UINT8 *)buf)": MSVC takes the address of a cast's operand, clang
 * refuses an rvalue.  At the '&' the diagnostic names: past the opening
 * parentheses, a cast (words and '*' only, then an operand) is blanked as
 * an lvalue cast is. */
static int address_cast(Recover *r, ScanCtx *c, CXSourceLocation l, const char *file,
                        unsigned off, unsigned line)
{
    if (k_is_macro_loc(l))                   /* written in a macro: not handled */
        return 0;
    size_t len = 0;
    const char *t = file[0] == '/' ? source_text(c, file, &len) : NULL;
    if (!t || off >= len || t[off] != '&')
        return 0;
    size_t i = off + 1, last = 0;
    int found = 0;
    while (i < len && (t[i] == '(' || t[i] == ' ' || t[i] == '\t')) {
        if (t[i] == '(') {
            last = i;
            found = 1;
        }
        i++;
    }
    size_t end;
    if (!found || !cast_at(t, len, last, &end))
        return 0;                            /* not a type: (a + b) */
    return add_cast(r, file, (unsigned)last, line);
}

/* "expression is not assignable" on an assignment whose left side is a
 * parenthesised chain of casts, as a macro writes it (e100bex's
 * `#define MP_GET_NET_BUFFER_LIST_REF_COUNT(_N) ((ULONG)(ULONG_PTR)((_N)->MiniportReserved[1]))`
 * used as `MP_GET_NET_BUFFER_LIST_REF_COUNT(Nbl) = Count;`): MSVC takes
 * the lvalue casts, clang names neither as one.  The left side is the
 * diagnostic's first range; where its first token is spelled (the macro's
 * body, or the file), every cast of the chain is blanked. */
static int assign_cast(Recover *r, ScanCtx *c, CXDiagnostic d)
{
    if (clang_getDiagnosticNumRanges(d) < 1)
        return 0;
    CXSourceLocation l = clang_getRangeStart(clang_getDiagnosticRange(d, 0));
    CXFile f = NULL;
    unsigned line = 0, off = 0;
    if (k_is_macro_loc(l)) {
        if (!k_spell_lex(c->tu, l, &f, &line, &off))
            return 0;
    } else {
        clang_getExpansionLocation(l, &f, &line, NULL, &off);
    }
    CXString fs = clang_getFileName(f);
    const char *file = clang_getCString(fs);
    size_t len = 0;
    const char *t = file && file[0] == '/' ? source_text(c, file, &len) : NULL;
    int added = 0;
    for (size_t i = off, end; t && i < len && t[i] == '(';) {
        if (cast_at(t, len, i, &end)) {
            added |= add_cast(r, file, (unsigned)i, line);
            i = end;
        } else {
            for (i++; i < len && (t[i] == ' ' || t[i] == '\t'); i++)
                ;
        }
    }
    clang_disposeString(fs);
    return added;
}

void rec_source_text(Recover *r, const char *path, const char *text)
{
    VFile *v = vfile(r, path);
    if (!v->text) {
        v->text = xstrdup(text);
        v->len = strlen(text);
    }
}

int rec_cast_chain(Recover *r, const char *path, unsigned off)
{
    VFile *v = vfile(r, path);
    if (!v->text)
        v->text = read_file(path, &v->len);
    const char *t = v->text;
    size_t len = v->len;
    unsigned line = 1;
    for (size_t i = 0; t && i < off && i < len; i++)
        line += t[i] == '\n';
    int added = 0;
    for (size_t i = off, end; t && i < len && t[i] == '(';) {
        if (!cast_at(t, len, i, &end))
            break;
        char key[600];
        snprintf(key, sizeof key, "c:%s:%zu", path, i);
        if (!strmap_get(&r->seen, key) && blank_cast(r, path, (unsigned)i)) {
            strmap_put(&r->seen, key, 1);
            added = 1;
        }
        i = end;
    }
    if (added) {                             /* one note for the chain */
        char where[32];
        snprintf(where, sizeof where, "%u", line);
        assume_if(r, path, "lvalue cast at line %s of %s", where, path);
    }
    return added;
}

/* One diagnostic: what it asks to assume, if it belongs to this phase.
 * Phases: 0 missing headers, 1 unknown types, 2 unknown values.  Most
 * unknown names follow from a missing header, so types and values wait
 * for a round without new headers.  Types and values share a round, but a
 * value that a declaration with an unknown type names ("T *p; p = 0;"
 * makes p undeclared too) waits for the round that knows T.  Lvalue casts
 * follow from nothing else: they join whichever phase runs (phase -1). */
static int scan_diag(Recover *r, ScanCtx *c, CXDiagnostic d, int phase)
{
    char name[512];
    CXString ms = clang_getDiagnosticSpelling(d);
    const char *msg = clang_getCString(ms);
    CXFile f;
    unsigned off, line;
    clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, NULL, &off);
    CXString fs = clang_getFileName(f);
    const char *file = clang_getCString(fs);
    if (!file)
        file = "";
    int added = 0;
    if (quoted(msg, "'", " file not found", name, sizeof name)) {
        if (phase == 0)
            added = add_header(r, c->tu, name, file);
    } else if (quoted(msg, "unknown type name '", "", name, sizeof name) ||
               quoted(msg, "use of undeclared identifier '", "", name, sizeof name)) {
        if (phase >= 1) {
            size_t len = 0;
            const char *t = source_text(c, file, &len);
            int sal = sal_kind(t, len, off, name);
            int is_type = sal || msg[1] == 'n' || looks_like_type(t, len, off, name);
            if (is_type && !sal && phase == 1)
                defer_declarator(c, t, len, off, name);
            if (is_type == (phase == 1) && (is_type || !strmap_get(&c->deferred, name))) {
                if (!c->declared_read) {
                    c->declared_read = 1;
                    clang_visitChildren(clang_getTranslationUnitCursor(c->tu), add_decl_name,
                                        &c->declared);
                }
                added = add_name(r, name, is_type, sal, &c->declared);
            }
        }
    } else if (strncmp(msg, "cannot take the address of an rvalue of type", 44) == 0) {
        if (phase == -1)
            added = address_cast(r, c, clang_getDiagnosticLocation(d), file, off, line);
    } else if (strcmp(msg, "expression is not assignable") == 0) {
        if (phase == -1)
            added = assign_cast(r, c, d);
    } else if (strstr(msg, "lvalue casts are not supported")) {
        if (phase == -1)
            added = macro_cast(r, c->tu, clang_getDiagnosticLocation(d)) ||
                    (file[0] == '/' && add_cast(r, file, off, line));
    }
    clang_disposeString(fs);
    clang_disposeString(ms);
    return added;
}

/* A name the unit declares itself (later than its use, or in a form clang
 * rejected) is never assumed: a stand-in would only clash with it. */
int rec_scan(Recover *r, CXTranslationUnit tu)
{
    int added = 0, casts = 0;
    unsigned nd = clang_getNumDiagnostics(tu);
    ScanCtx c;
    memset(&c, 0, sizeof c);
    c.tu = tu;
    for (int phase = -1; phase < 3; phase++) {
        if (phase == 0 && !r->wpp_scanned && r->has_wpp && nd) {
            /* a WPP stand-in made before parsing knows the configuration of
             * the headers includes.c read; the parse may have included more */
            r->wpp_scanned = 1;
            int before = r->nwpp;
            WppScan w = { r, tu };
            clang_getInclusions(tu, scan_wpp_incl, &w);
            added += r->nwpp - before;
        }
        if (phase == 1 && added > casts)
            break;                       /* new headers (and WPP names) first */
        for (unsigned i = 0; i < nd; i++) {
            CXDiagnostic d = clang_getDiagnostic(tu, i);
            if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error)
                added += scan_diag(r, &c, d, phase);
            clang_disposeDiagnostic(d);
        }
        if (phase == -1)
            casts = added;
    }
    strmap_free(&c.declared);
    strmap_free(&c.deferred);
    strmap_free(&c.texts);
    for (int i = 0; i < c.ntexts; i++)
        free(c.text[i]);
    free(c.text);
    free(c.len);
    return added;
}

int rec_unsaved(Recover *r, struct CXUnsavedFile **out)
{
    for (int i = 0; r->wpp_dirty && i < r->nfiles; i++) {
        if (r->files[i].wpp) {
            const char *name = r->files[i].path + strlen(r->standin_dir) + 1;
            free(r->files[i].text);
            r->files[i].text = wpp_standin(r, name);
            r->files[i].len = strlen(r->files[i].text);
        }
    }
    r->wpp_dirty = 0;
    free(r->uf);
    r->uf = calloc((size_t)r->nfiles + 1, sizeof *r->uf);
    if (!r->uf)
        abort();
    int n = 0;
    r->uf[n].Filename = r->prelude_path;
    r->uf[n].Contents = r->prelude;
    r->uf[n].Length = (unsigned long)r->prelude_len;
    n++;
    for (int i = 0; i < r->nfiles; i++) {
        if (!r->files[i].text)
            continue;
        r->uf[n].Filename = r->files[i].path;
        r->uf[n].Contents = r->files[i].text;
        r->uf[n].Length = (unsigned long)r->files[i].len;
        n++;
    }
    *out = r->uf;
    return n;
}

static void add_included(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
    (void)stack;
    (void)n;
    CXString s = clang_getFileName(f);
    const char *path = clang_getCString(s);
    if (path)
        strmap_put(d, path, 1);
    clang_disposeString(s);
}

void rec_report(Recover *r, Unit *u, CXTranslationUnit tu)
{
    if (!r->nassumed)
        return;
    StrMap incl = {0};
    if (tu)
        clang_getInclusions(tu, add_included, &incl);
    u->assumed = arena_alloc(u->arena, (size_t)r->nassumed * sizeof *u->assumed);
    int n = 0;
    for (int i = 0; i < r->nassumed; i++)
        if (!r->assumed_if[i] || strmap_get(&incl, r->assumed_if[i]))
            u->assumed[n++] = arena_strdup(u->arena, r->assumed[i]);
    u->nassumed = n;
    strmap_free(&incl);
}

void rec_dump(Recover *r, FILE *f)
{
    for (int i = r->ndumped; i < r->nassumed; i++)
        fprintf(f, "front:   assumed %s%s\n", r->assumed[i],
                r->assumed_if[i] ? " [reported if included]" : "");
    r->ndumped = r->nassumed;
}
