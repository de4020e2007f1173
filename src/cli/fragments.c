/* fragments.c - C files of a tree that are not translation units.
 *
 * Some trees #include one .c file into another: wireguard-nt's
 * `#include "selftest/allowedips.c"` at the end of allowedips.c, unity
 * builds, table files generated as .c.  Parsed alone, such a fragment lacks
 * everything its includer declared before the #include: wireguard-nt's four
 * selftest files gave 5 files with errors and a second parse round each,
 * for code no build compiles on its own.  A directory scan leaves a .c file
 * that another C file of the scan includes to that includer, and says so.
 *
 * The #include lines are read from the text, outside comments, whatever
 * #if they sit in (a fragment under `#if DBG` is still no unit of its own).
 * A quoted name is looked for next to its includer, then in the scan's
 * header folders; an angled one only there.  Names compare without regard
 * to case, as on Windows, where these trees are built. */
#include "cli/sources.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Lexically clean an absolute path in place: "//" and "/./" go, "d/.."
 * takes d with it. */
static void clean_path(char *p)
{
    char *out = p;
    const char *s = p;
    while (*s) {
        if (*s == '/') {
            while (*s == '/')
                s++;
            if (s[0] == '.' && (s[1] == '/' || s[1] == '\0')) {
                s++;
                continue;
            }
            if (s[0] == '.' && s[1] == '.' && (s[2] == '/' || s[2] == '\0')) {
                s += 2;
                while (out > p && *--out != '/')
                    ;
                continue;
            }
            *out++ = '/';
            continue;
        }
        *out++ = *s++;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

/* The index of the file dir/name names among files, or -1. */
static int find_file(char *const *files, int n, const char *dir, const char *name)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        return -1;
    for (char *c = path; *c; c++)
        if (*c == '\\')
            *c = '/';
    clean_path(path);
    for (int i = 0; i < n; i++)
        if (strcasecmp(files[i], path) == 0)
            return i;
    return -1;
}

/* Calls found(ctx, name, angled, line) for each .c name the text #includes
 * outside comments. */
static void each_c_include(const char *t, void (*found)(void *, const char *, int, int), void *ctx)
{
    int line = 1, at_start = 1;
    for (const char *s = t; *s;) {
        if (s[0] == '/' && s[1] == '*') {
            for (s += 2; *s && !(s[0] == '*' && s[1] == '/'); s++)
                line += *s == '\n';
            s += *s ? 2 : 0;
            continue;
        }
        if (s[0] == '/' && s[1] == '/') {
            while (*s && *s != '\n')
                s++;
            continue;
        }
        if (*s == '\n') {
            line++;
            at_start = 1;
            s++;
            continue;
        }
        if (*s == ' ' || *s == '\t' || *s == '\r') {
            s++;
            continue;
        }
        if (*s == '#' && at_start) {
            const char *p = s + 1;
            while (*p == ' ' || *p == '\t')
                p++;
            if (strncmp(p, "include", 7) == 0) {
                p += 7;
                while (*p == ' ' || *p == '\t')
                    p++;
                char close = *p == '"' ? '"' : *p == '<' ? '>' : 0;
                const char *q = close ? strchr(p + 1, close) : NULL;
                const char *nl = strchr(p, '\n');
                if (q && (!nl || q < nl) && q - p - 1 > 2 && q - p - 1 < PATH_MAX &&
                    strncasecmp(q - 2, ".c", 2) == 0) {
                    char name[PATH_MAX];
                    memcpy(name, p + 1, (size_t)(q - p - 1));
                    name[q - p - 1] = '\0';
                    found(ctx, name, close == '>', line);
                }
            }
        }
        at_start = 0;
        s++;
    }
}

typedef struct Scan {
    char *const *files;
    int n, self;
    char *const *incdirs;
    int ninc;
    int *by, *line;
} Scan;

static void on_include(void *ctx, const char *name, int angled, int line)
{
    Scan *sc = ctx;
    int hit = -1;
    if (!angled) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", sc->files[sc->self]);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        hit = find_file(sc->files, sc->n, dir, name);
    }
    for (int i = 0; hit < 0 && i < sc->ninc; i++)
        hit = find_file(sc->files, sc->n, sc->incdirs[i], name);
    if (hit >= 0 && hit != sc->self && sc->by[hit] < 0) {
        sc->by[hit] = sc->self;
        sc->line[hit] = line;
    }
}

void src_find_fragments(char *const *files, int n, char *const *incdirs, int ninc, int *by,
                        int *line)
{
    Scan sc = {files, n, 0, incdirs, ninc, by, line};
    for (int i = 0; i < n; i++)
        by[i] = -1, line[i] = 0;
    for (int i = 0; i < n; i++) {
        size_t len;
        char *t = src_read_file(files[i], &len);
        if (!t)
            continue;             /* the parse reports it */
        sc.self = i;
        each_c_include(t, on_include, &sc);
        free(t);
    }
    /* files that include each other in a ring: none of them is left out,
     * or nothing of the ring would be scanned */
    for (int i = 0; i < n; i++) {
        int j = by[i];
        for (int steps = 0; j >= 0 && j != i && steps < n; steps++)
            j = by[j];
        if (j == i)
            by[i] = -1;
    }
}
