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
 * one configuration, the one drvcheck parses for: Release|x64, else the
 * nearest a condition names (x64 first, then a configuration named
 * Release, then one naming Release: npcap's "Win10 Release|x64" among its
 * 30; never a mix of several).  A condition may sit on the group or on the
 * element (Visual Studio writes either); settings with none apply to every
 * configuration.  Entries naming MSBuild properties ($(...), %(...)) are
 * left out: their values live in files drvcheck does not read. */
#include "cli/sources.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The next <tag ...>text</tag> at or after p, before end: the text in a
 * malloc'd copy with &amp; &lt; &gt; &quot; &apos; decoded, the open
 * tag's extent in *open_at, *open_end (for its Condition), *next past the
 * close tag.  NULL when there is none. */
static char *element(const char *p, const char *end, const char *tag, const char **open_at,
                     const char **open_end, const char **next)
{
    char close[64];
    size_t tl = strlen(tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = p;
    for (;; a++) {
        a = strchr(a, '<');
        if (!a || a >= end)
            return NULL;
        if (strncmp(a + 1, tag, tl) == 0 && (a[1 + tl] == '>' || isspace((unsigned char)a[1 + tl])))
            break;
    }
    const char *gt = strchr(a, '>');
    if (!gt || gt >= end)
        return NULL;
    *open_at = a;
    *open_end = gt;
    if (gt[-1] == '/') {                       /* <Tag ... />: empty */
        *next = gt + 1;
        return src_strndup("", 0);
    }
    a = gt + 1;
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

enum { CFG_MAX = 128 };

/* The configuration and platform a tag's Condition names
 * ("'$(Configuration)|$(Platform)'=='Win10 Release|x64'", or a
 * configuration alone), into cfg and plat (empty when not named): 0 when
 * the tag has no condition, -1 when it has one drvcheck cannot read. */
static int condition(const char *tag_start, const char *tag_end, char *cfg, char *plat)
{
    cfg[0] = plat[0] = 0;
    const char *c = strstr(tag_start, "Condition");
    if (!c || c > tag_end)
        return 0;
    const char *eq = strstr(c, "==");
    if (!eq || eq > tag_end)
        return -1;
    const char *v = eq + 2;
    while (v < tag_end && (*v == ' ' || *v == '\''))
        v++;
    const char *e = v;
    while (e < tag_end && *e != '\'' && *e != '"')
        e++;
    const char *bar = memchr(v, '|', (size_t)(e - v));
    const char *ce = bar ? bar : e;
    if (ce - v >= CFG_MAX || (bar && e - bar - 1 >= CFG_MAX))
        return -1;
    memcpy(cfg, v, (size_t)(ce - v));
    cfg[ce - v] = 0;
    if (bar) {
        memcpy(plat, bar + 1, (size_t)(e - bar - 1));
        plat[e - bar - 1] = 0;
    }
    return 1;
}

/* How well a configuration suits the build drvcheck parses for: x64 first,
 * then the one named Release, then one naming Release, then any but Debug. */
static int score(const char *cfg, const char *plat)
{
    int s = strcasecmp(plat, "x64") == 0 ? 10 : 0;
    return s + (strcasecmp(cfg, "Release") == 0 ? 3 : contains_ci(cfg, "Release") ? 2
                : contains_ci(cfg, "Debug") ? 0 : 1);
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
        tok = src_trim(tok);
        size_t l = strlen(tok);
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

/* One PreprocessorDefinitions or AdditionalIncludeDirectories element:
 * its text and the configuration and platform its group's or its own
 * condition names (cond -1: one drvcheck cannot read). */
typedef struct Setting {
    char *text;
    int define, cond;
    char cfg[CFG_MAX], plat[CFG_MAX];
} Setting;

int vcxproj_load(const char *path, WdkSources *w)
{
    memset(w, 0, sizeof *w);
    size_t len;
    char *text = src_read_file(path, &len);
    if (!text)
        return -1;
    int capd = 0, capi = 0, capf = 0;
    /* every setting of every ItemDefinitionGroup with the configuration it
     * is for: the configuration's group may hold it, or a shared group
     * whose elements carry the condition, as Visual Studio writes either */
    Setting *set = NULL;
    int nset = 0, capset = 0;
    static const char *const tags[] = { "PreprocessorDefinitions", "AdditionalIncludeDirectories" };
    for (const char *p = text; (p = strstr(p, "<ItemDefinitionGroup"));) {
        const char *tag_end = strchr(p, '>');
        const char *end = tag_end ? strstr(tag_end, "</ItemDefinitionGroup>") : NULL;
        if (!end)
            break;
        char gcfg[CFG_MAX], gplat[CFG_MAX];
        int gc = condition(p, tag_end, gcfg, gplat);
        for (int t = 0; t < 2; t++) {
            const char *next = tag_end, *oa, *oe;
            for (char *v; (v = element(next, end, tags[t], &oa, &oe, &next));) {
                if (nset == capset) {
                    capset = capset ? 2 * capset : 16;
                    set = realloc(set, sizeof *set * (size_t)capset);
                    if (!set)
                        abort();
                }
                Setting *st = &set[nset++];
                st->text = v;
                st->define = t == 0;
                st->cond = condition(oa, oe, st->cfg, st->plat);
                if (st->cond == 0) {                /* the group's, if any */
                    st->cond = gc;
                    memcpy(st->cfg, gcfg, sizeof gcfg);
                    memcpy(st->plat, gplat, sizeof gplat);
                } else if (gc != 0) {
                    st->cond = -1;                  /* both: not read */
                }
            }
        }
        p = end;
    }
    /* the configuration parsed for: the best scoring one a condition names
     * (the first of equals), and its platform when one is named */
    int best = -1, target = -1;
    for (int i = 0; i < nset; i++)
        if (set[i].cond == 1 && score(set[i].cfg, set[i].plat) > best) {
            best = score(set[i].cfg, set[i].plat);
            target = i;
        }
    if (target >= 0)
        snprintf(w->config, sizeof w->config, "%s%s%s", set[target].cfg,
                 set[target].plat[0] ? "|" : "", set[target].plat);
    /* those for every configuration, then the target's (its platform or any) */
    for (int i = 0; i < nset; i++) {
        const Setting *st = &set[i];
        int take = st->cond == 0 ||
                   (st->cond == 1 && target >= 0 && strcmp(st->cfg, set[target].cfg) == 0 &&
                    (!st->plat[0] || strcmp(st->plat, set[target].plat) == 0));
        if (take)
            entries(st->text, st->define, w, &capd, &capi);
        free(st->text);
    }
    free(set);
    /* the C files it compiles, as written (<ClCompile Include="..\mp.c" />) */
    for (const char *p = text; (p = strstr(p, "<ClCompile Include=\""));) {
        p += strlen("<ClCompile Include=\"");
        const char *q = strchr(p, '"');
        if (!q)
            break;
        char *list = src_strndup(p, (size_t)(q - p));     /* "..\a.c; ..\b.c" too */
        for (char *f = strtok(list, ";"); f; f = strtok(NULL, ";")) {
            f = src_trim(f);
            size_t l = strlen(f);
            if (strpbrk(f, "$%@*?"))
                w->skipped++;              /* a property or a wildcard: not read */
            if (l > 2 && strcasecmp(f + l - 2, ".c") == 0 && !strpbrk(f, "$%@*?") &&
                !has(w->files, w->nfiles, f))
                push(&w->files, &w->nfiles, &capf, src_strndup(f, l));
        }
        free(list);
        p = q;
    }
    free(text);
    return w->ndefs;
}
