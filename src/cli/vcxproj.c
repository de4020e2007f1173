/* vcxproj.c - the build defines of an MSBuild project (.vcxproj).
 *
 * Drivers built with Visual Studio and the WDK 8-11 keep their defines in
 * the project file, per configuration and platform:
 *     <ItemDefinitionGroup Condition="'$(Configuration)|$(Platform)'=='Release|x64'">
 *       <ClCompile>
 *         <PreprocessorDefinitions>NDIS630=1;HAVE_RX;%(PreprocessorDefinitions)</...>
 *         <AdditionalIncludeDirectories>..\inc;$(DDK_INC_PATH)</...>
 * Their headers' #if guards want them as the `sources` file's C_DEFINES are
 * wanted (wdkbuild.c), and the result has the same shape (WdkSources), so
 * sources.c gives them to the C files the project compiles
 * (<ClCompile Include="..\mp.c" />) or that lie below its folder.  The file
 * is read as text (nothing in it runs, no .props it imports is read), for
 * the configuration drvcheck parses for: Release|x64, else the nearest one
 * (x64, then Release, then the first).  Groups with no condition apply to
 * every configuration.  Entries naming MSBuild properties ($(...), %(...))
 * are left out: their values live in files drvcheck does not read. */
#include "cli/sources.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The text between <tag> and </tag> starting at or after p, up to end,
 * in a malloc'd copy with &amp; &lt; &gt; &quot; &apos; decoded; *next
 * past it.  NULL when there is none. */
static char *element(const char *p, const char *end, const char *tag, const char **next)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(p, open);
    if (!a || a >= end)
        return NULL;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b || b > end)
        return NULL;
    *next = b + strlen(close);
    char *out = malloc((size_t)(b - a) + 1), *w = out;
    if (!out)
        abort();
    static const char *const ent[][2] = {
        { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&apos;", "'" },
    };
    for (const char *q = a; q < b;) {
        size_t k = 0;
        for (; k < sizeof ent / sizeof *ent; k++)
            if (strncmp(q, ent[k][0], strlen(ent[k][0])) == 0)
                break;
        if (k < sizeof ent / sizeof *ent) {
            *w++ = ent[k][1][0];
            q += strlen(ent[k][0]);
        } else {
            *w++ = *q++;
        }
    }
    *w = 0;
    return out;
}

static int contains_ci(const char *s, const char *what)
{
    size_t n = strlen(what);
    for (; *s; s++)
        if (strncasecmp(s, what, n) == 0)
            return 1;
    return 0;
}

/* How well an ItemDefinitionGroup's condition fits Release|x64: 4 no
 * condition (every configuration), 3 Release|x64, 2 x64, 1 Release, 0 any
 * other. */
static int fit(const char *tag_start, const char *tag_end)
{
    const char *c = strstr(tag_start, "Condition");
    if (!c || c > tag_end)
        return 4;
    char cond[512];
    size_t n = (size_t)(tag_end - c) < sizeof cond - 1 ? (size_t)(tag_end - c) : sizeof cond - 1;
    memcpy(cond, c, n);
    cond[n] = 0;
    int rel = contains_ci(cond, "Release"), x64 = contains_ci(cond, "x64");
    return rel && x64 ? 3 : x64 ? 2 : rel ? 1 : 0;
}

static void push(char ***v, int *n, int *cap, char *s)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *v = realloc(*v, (size_t)*cap * sizeof **v);
        if (!*v)
            abort();
    }
    (*v)[(*n)++] = s;
}

static int has(char **v, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

/* The ';'-separated entries of list, trimmed, with no MSBuild property. */
static void entries(const char *list, int define, WdkSources *w, int *capd, int *capi)
{
    char *copy = src_strndup(list, strlen(list));
    for (char *tok = strtok(copy, ";"); tok; tok = strtok(NULL, ";")) {
        while (isspace((unsigned char)*tok))
            tok++;
        size_t l = strlen(tok);
        while (l && isspace((unsigned char)tok[l - 1]))
            tok[--l] = 0;
        if (!l || strchr(tok, '$') || strchr(tok, '%'))
            continue;
        if (define) {
            if (!isalpha((unsigned char)tok[0]) && tok[0] != '_')
                continue;
            char *a = malloc(l + 3);
            if (!a)
                abort();
            snprintf(a, l + 3, "-D%s", tok);
            if (!has(w->defs, w->ndefs, a))
                push(&w->defs, &w->ndefs, capd, a);
            else
                free(a);
        } else if (!has(w->incs, w->nincs, tok)) {
            push(&w->incs, &w->nincs, capi, src_strndup(tok, l));
        }
    }
    free(copy);
}

int vcxproj_load(const char *path, WdkSources *w)
{
    memset(w, 0, sizeof *w);
    size_t len;
    char *text = src_read_file(path, &len);
    if (!text)
        return -1;
    int capd = 0, capi = 0, capf = 0;
    /* the groups: those with no condition, then the best-fitting one */
    const char *best = NULL;
    int best_fit = -1;
    for (int pass = 0; pass < 2; pass++) {
        for (const char *p = text; (p = strstr(p, "<ItemDefinitionGroup"));) {
            const char *tag_end = strchr(p, '>');
            const char *end = tag_end ? strstr(tag_end, "</ItemDefinitionGroup>") : NULL;
            if (!end)
                break;
            int f = fit(p, tag_end);
            if (pass == 0 && f < 4 && f > best_fit) {
                best_fit = f;
                best = tag_end;
            }
            if ((pass == 0 && f == 4) || (pass == 1 && tag_end == best)) {
                const char *next = tag_end, *q;
                for (char *v; (v = element(next, end, "PreprocessorDefinitions", &q)); next = q) {
                    entries(v, 1, w, &capd, &capi);
                    free(v);
                }
                next = tag_end;
                for (char *v; (v = element(next, end, "AdditionalIncludeDirectories", &q));
                     next = q) {
                    entries(v, 0, w, &capd, &capi);
                    free(v);
                }
            }
            p = end;
        }
        if (!best)
            break;
    }
    /* the C files it compiles, as written (<ClCompile Include="..\mp.c" />) */
    for (const char *p = text; (p = strstr(p, "<ClCompile Include=\""));) {
        p += strlen("<ClCompile Include=\"");
        const char *q = strchr(p, '"');
        if (!q)
            break;
        char *list = src_strndup(p, (size_t)(q - p));     /* "..\a.c; ..\b.c" too */
        for (char *f = strtok(list, ";"); f; f = strtok(NULL, ";")) {
            while (isspace((unsigned char)*f))
                f++;
            size_t l = strlen(f);
            while (l && isspace((unsigned char)f[l - 1]))
                f[--l] = 0;
            if (l > 2 && strcasecmp(f + l - 2, ".c") == 0 && !strchr(f, '$') &&
                !has(w->files, w->nfiles, f))
                push(&w->files, &w->nfiles, &capf, src_strndup(f, l));
        }
        free(list);
        p = q;
    }
    free(text);
    return w->ndefs;
}
