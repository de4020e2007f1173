/* wdkbuild.c - the build defines of a WDK `sources` file.
 *
 * Trees built with the WDK 7 build utility keep their defines in a text
 * file named `sources` next to their C files, in nmake syntax:
 *     C_DEFINES=$(C_DEFINES) -DNDIS_MINIPORT_DRIVER -DNDIS61_MINIPORT=1
 * often under conditionals on the target:
 *     !if "$(_BUILDARCH)"=="AMD64"
 *     C_DEFINES=$(C_DEFINES) -DXGE_OS_PLATFORM_64BIT
 *     !endif
 * Their headers' #error guards want exactly these.  The file is read as
 * text (nothing in it runs), for the target drvcheck parses for: AMD64, a
 * free build.  Macros the file assigns are expanded; any other expands to
 * nothing, and a condition on one is false.  Its SOURCES list names the C
 * files it builds, often in another folder (a `sys/sources` that builds
 * "..\\mp_main.c"): those files get its defines (sources.c). */
#include "cli/sources.h"
#include "drvcheck/files.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 32

typedef struct Macros {
    char **names, **values;
    int n, cap;
} Macros;

static const char *const builtin[][2] = {
    { "_BUILDARCH", "AMD64" }, { "BUILD_ALT_DIR", "fre_win7_amd64" }, { "FREEBUILD", "1" },
    { "DDKBUILDENV", "fre" }, { "AMD64", "1" },
};

static const char *macro_get(const Macros *m, const char *name, size_t len)
{
    for (int i = m->n - 1; i >= 0; i--)
        if (strlen(m->names[i]) == len && strncmp(m->names[i], name, len) == 0)
            return m->values[i];
    for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
        if (strlen(builtin[i][0]) == len && strncmp(builtin[i][0], name, len) == 0)
            return builtin[i][1];
    return NULL;
}

static void macro_set(Macros *m, const char *name, char *value)
{
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0) {
            free(m->values[i]);
            m->values[i] = value;
            return;
        }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        m->names = realloc(m->names, (size_t)m->cap * sizeof *m->names);
        m->values = realloc(m->values, (size_t)m->cap * sizeof *m->values);
        if (!m->names || !m->values)
            abort();
    }
    m->names[m->n] = src_strndup(name, strlen(name));
    m->values[m->n++] = value;
}

/* s with every $(NAME) replaced (malloc'd); one level, as nmake does at
 * assignment for the self-reference C_DEFINES=$(C_DEFINES) ... */
static char *expand(const Macros *m, const char *s)
{
    size_t cap = strlen(s) + 64, n = 0;
    char *out = malloc(cap);
    if (!out)
        abort();
    while (*s) {
        const char *v = NULL;
        size_t vl = 0, skip = 1;
        if (s[0] == '$' && s[1] == '(') {
            const char *e = strchr(s + 2, ')');
            if (e) {
                v = macro_get(m, s + 2, (size_t)(e - s - 2));
                vl = v ? strlen(v) : 0;
                skip = (size_t)(e - s) + 1;
            }
        }
        if (skip == 1 && !(s[0] == '$' && s[1] == '(')) {
            v = s;
            vl = 1;
        }
        if (n + vl + 1 > cap) {
            cap = (n + vl + 1) * 2;
            out = realloc(out, cap);
            if (!out)
                abort();
        }
        if (vl)
            memcpy(out + n, v, vl);
        n += vl;
        s += skip;
    }
    out[n] = 0;
    return out;
}

/* One comparison or value: "A"=="B", "A"!="B", A, defined(A). */
static int eval_atom(const Macros *m, char *e)
{
    e = src_trim(e);
    int neg = 0;
    while (*e == '!' && e[1] != '=') {
        neg = !neg;
        e = src_trim(e + 1);
    }
    if (strncmp(e, "defined", 7) == 0) {
        char *b = strchr(e, '('), *c = b ? strchr(b, ')') : NULL;
        int r = 0;
        if (b && c) {
            *c = 0;
            char *name = src_trim(b + 1);
            r = macro_get(m, name, strlen(name)) != NULL;
        }
        return neg ? !r : r;
    }
    char *op = strstr(e, "==");
    char *ne = strstr(e, "!=");
    int r;
    if (op || ne) {
        char *at = op ? op : ne;
        *at = 0;
        char *l = expand(m, e), *rr = expand(m, at + 2);
        char *a = src_trim(l), *b = src_trim(rr);
        /* nmake compares the quoted strings: drop the quotes, ignore case */
        if (*a == '"' && a[strlen(a) - 1] == '"' && strlen(a) >= 2) {
            a[strlen(a) - 1] = 0;
            a++;
        }
        if (*b == '"' && b[strlen(b) - 1] == '"' && strlen(b) >= 2) {
            b[strlen(b) - 1] = 0;
            b++;
        }
        r = (strcasecmp(a, b) == 0) == (op != NULL);
        free(l);
        free(rr);
    } else {
        char *v = expand(m, e);
        char *t = src_trim(v);
        r = *t && strcmp(t, "0") != 0;
        free(v);
    }
    return neg ? !r : r;
}

/* A condition: atoms joined by || and && (&& binds tighter); parentheses
 * around the whole are dropped. */
static int eval(const Macros *m, char *e)
{
    e = src_trim(e);
    size_t n = strlen(e);
    if (n >= 2 && e[0] == '(' && e[n - 1] == ')') {
        /* only when the first '(' closes at the end: ("$(A)"=="x") */
        size_t i = 0;
        int depth = 0;
        for (; i < n; i++) {
            depth += (e[i] == '(') - (e[i] == ')');
            if (depth == 0)
                break;
        }
        if (i == n - 1) {
            e[n - 1] = 0;
            return eval(m, e + 1);
        }
    }
    char *o = strstr(e, "||");
    if (o) {
        *o = 0;
        return eval(m, e) | eval(m, o + 2);
    }
    char *a = strstr(e, "&&");
    if (a) {
        *a = 0;
        return eval(m, e) & eval(m, a + 2);
    }
    return eval_atom(m, e);
}

static int name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

int wdk_sources_defines(const char *path, char ***defs, int *ndefs)
{
    WdkSources w;
    int n = wdk_sources_load(path, &w);
    *defs = w.defs;
    *ndefs = w.ndefs;
    w.defs = NULL;
    w.ndefs = 0;
    wdk_sources_free(&w);
    return n;
}

void wdk_sources_free(WdkSources *w)
{
    for (int i = 0; i < w->ndefs; i++)
        free(w->defs[i]);
    for (int i = 0; i < w->nfiles; i++)
        free(w->files[i]);
    for (int i = 0; i < w->nincs; i++)
        free(w->incs[i]);
    free(w->defs);
    free(w->files);
    free(w->incs);
    memset(w, 0, sizeof *w);
}

static void push(char ***v, int *n, const char *s, size_t l)
{
    *v = realloc(*v, (size_t)(*n + 1) * sizeof **v);
    if (!*v)
        abort();
    (*v)[(*n)++] = src_strndup(s, l);
}

/* The SOURCES list's C files, as written ("..\\mp_main.c"). */
static void source_files(const Macros *m, WdkSources *w)
{
    const char *v = macro_get(m, "SOURCES", 7);
    if (!v)
        return;
    char *copy = src_strndup(v, strlen(v));
    for (char *tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
        size_t l = strlen(tok);
        if (l >= 3 && tok[l - 2] == '.' && (tok[l - 1] == 'c' || tok[l - 1] == 'C'))
            push(&w->files, &w->nfiles, tok, l);
    }
    free(copy);
}

/* The INCLUDES folders, as written ("..\\inc"; ';' or blanks apart);
 * those only a macro the file does not set names expand to nothing. */
static void include_dirs(const Macros *m, WdkSources *w)
{
    const char *v = macro_get(m, "INCLUDES", 8);
    if (!v)
        return;
    char *copy = src_strndup(v, strlen(v));
    for (char *tok = strtok(copy, " \t;"); tok; tok = strtok(NULL, " \t;"))
        push(&w->incs, &w->nincs, tok, strlen(tok));
    free(copy);
}

/* What reading a sources file (and the files it !includes) keeps: the
 * macros, and the if stack: is this level's branch live, was one of its
 * branches taken. */
typedef struct Reader {
    Macros m;
    int live[MAX_DEPTH + 1], taken[MAX_DEPTH + 1], depth;
} Reader;

enum { MAX_INCLUDES = 8 };           /* !include nesting */

/* One file's lines; !include names a file relative to the folder of the
 * file that includes it ('\\' separates folders).  -1 if unreadable. */
static int read_lines(Reader *rd, const char *path, int level)
{
    FILE *f = open_regular(path, "r");
    if (!f)
        return -1;
    int *live = rd->live, *taken = rd->taken;
    char *logical = NULL;
    size_t llen = 0;
    char buf[4096];
    while (fgets(buf, sizeof buf, f)) {
        size_t bl = strlen(buf);
        while (bl && (buf[bl - 1] == '\n' || buf[bl - 1] == '\r'))
            buf[--bl] = 0;
        int cont = bl && buf[bl - 1] == '\\';
        if (cont)
            buf[--bl] = ' ';
        logical = realloc(logical, llen + bl + 2);
        if (!logical)
            abort();
        memcpy(logical + llen, buf, bl);
        llen += bl;
        logical[llen] = 0;
        if (cont)
            continue;
        char *line = src_trim(logical);
        int depth = rd->depth;
        if (*line == '#') {
            /* a comment */
        } else if (*line == '!') {
            char *d = src_trim(line + 1);
            if (strncasecmp(d, "include", 7) == 0 && !name_char(d[7])) {
                char *name = expand(&rd->m, src_trim(d + 7));
                size_t nl = strlen(name);
                if (nl >= 2 && (name[0] == '"' || name[0] == '<')) {   /* "x" or <x> */
                    memmove(name, name + 1, nl - 2);
                    name[nl - 2] = 0;
                }
                for (char *q = name; *q; q++)
                    if (*q == '\\')
                        *q = '/';
                const char *slash = strrchr(path, '/');
                size_t dl = slash ? (size_t)(slash - path) : 1;
                size_t need = dl + strlen(name) + 2;
                char *inc = malloc(need);
                if (!inc)
                    abort();
                snprintf(inc, need, "%.*s/%s", (int)dl, slash ? path : ".", name);
                if (live[depth] && level < MAX_INCLUDES && name[0] != '/')
                    read_lines(rd, inc, level + 1);
                free(inc);
                free(name);
            } else if (strncasecmp(d, "ifdef", 5) == 0 || strncasecmp(d, "ifndef", 6) == 0) {
                int not = tolower((unsigned char)d[2]) == 'n';
                char *name = src_trim(d + (not ? 6 : 5));
                int r = macro_get(&rd->m, name, strlen(name)) != NULL;
                if (depth < MAX_DEPTH) {
                    depth++;
                    live[depth] = live[depth - 1] && (not ? !r : r);
                    taken[depth] = live[depth];
                }
            } else if (strncasecmp(d, "if", 2) == 0 && !name_char(d[2])) {
                int r = live[depth] ? eval(&rd->m, d + 2) : 0;
                if (depth < MAX_DEPTH) {
                    depth++;
                    live[depth] = live[depth - 1] && r;
                    taken[depth] = live[depth];
                }
            } else if (strncasecmp(d, "elseif", 6) == 0 || strncasecmp(d, "else", 4) == 0) {
                char *rest = src_trim(d + 4);
                int is_elif = strncasecmp(d, "elseif", 6) == 0 ||
                              (strncasecmp(rest, "if", 2) == 0 && !name_char(rest[2]));
                char *cond = strncasecmp(d, "elseif", 6) == 0 ? d + 6 : rest + 2;
                if (depth > 0) {
                    int r = !taken[depth] && live[depth - 1] && (!is_elif || eval(&rd->m, cond));
                    live[depth] = r;
                    taken[depth] |= r;
                }
            } else if (strncasecmp(d, "endif", 5) == 0) {
                if (depth > 0)
                    depth--;
            }
        } else if (live[depth]) {
            /* NAME=value (NAME = value): the assignment's value expanded now */
            char *p = line;
            while (name_char(*p))
                p++;
            char *q = p;
            while (*q == ' ' || *q == '\t')
                q++;
            if (p > line && *q == '=') {
                char *name = src_strndup(line, (size_t)(p - line));
                macro_set(&rd->m, name, expand(&rd->m, src_trim(q + 1)));
                free(name);
            }
        }
        rd->depth = depth;
        llen = 0;
        logical[0] = 0;
    }
    fclose(f);
    free(logical);
    return 0;
}

int wdk_sources_load(const char *path, WdkSources *w)
{
    memset(w, 0, sizeof *w);
    char ***defs = &w->defs;
    int *ndefs = &w->ndefs;
    Reader rd;
    memset(&rd, 0, sizeof rd);
    rd.live[0] = 1;
    rd.taken[0] = 1;
    if (read_lines(&rd, path, 0) < 0)
        return -1;
    Macros m = rd.m;
    const char *cd = macro_get(&m, "C_DEFINES", 9);
    int cap = 0;
    if (cd) {
        char *copy = src_strndup(cd, strlen(cd));
        for (char *tok = strtok(copy, " \t"); tok; tok = strtok(NULL, " \t")) {
            if ((tok[0] != '-' && tok[0] != '/') || tok[1] != 'D' || !tok[2])
                continue;
            char *def = tok + 2;
            size_t dl = strlen(def);
            if (def[0] == '"' && dl >= 2 && def[dl - 1] == '"') {     /* -D"X=1" */
                def[dl - 1] = 0;
                def++;
            }
            if (!isalpha((unsigned char)def[0]) && def[0] != '_')
                continue;
            if (*ndefs == cap) {
                cap = cap ? cap * 2 : 8;
                *defs = realloc(*defs, (size_t)cap * sizeof **defs);
                if (!*defs)
                    abort();
            }
            size_t l = strlen(def) + 3;
            char *a = malloc(l);
            if (!a)
                abort();
            snprintf(a, l, "-D%s", def);
            (*defs)[(*ndefs)++] = a;
        }
        free(copy);
    }
    source_files(&m, w);
    include_dirs(&m, w);
    for (int i = 0; i < m.n; i++) {
        free(m.names[i]);
        free(m.values[i]);
    }
    free(m.names);
    free(m.values);
    return *ndefs;
}
