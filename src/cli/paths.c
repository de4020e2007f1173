/* paths.c - locating bundled data and shaping report paths. */
#include "cli/paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *paths_rules_dir(void)
{
    const char *env = getenv("DRVCHECK_RULES_DIR");
    if (env && *env)
        return is_dir(env) ? strdup(env) : NULL;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            const char *cands[] = {"/../rules", "/../share/drvcheck/rules"};
            for (int i = 0; i < 2; i++) {
                char p[PATH_MAX + 32];
                snprintf(p, sizeof p, "%s%s", exe, cands[i]);
                char real[PATH_MAX];
                if (is_dir(p) && realpath(p, real))
                    return strdup(real);
            }
        }
    }
#ifdef DRVCHECK_SOURCE_RULES_DIR
    if (is_dir(DRVCHECK_SOURCE_RULES_DIR))
        return strdup(DRVCHECK_SOURCE_RULES_DIR);
#endif
    return NULL;
}

char *paths_model_dir(void)
{
    char *r = paths_rules_dir();
    if (!r)
        return NULL;
    size_t n = strlen(r) + 8;
    char *m = malloc(n);
    snprintf(m, n, "%s/wdk", r);
    free(r);
    return m;
}

char *paths_relative(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (path[0] == '/' && strncmp(path, root, n) == 0 && path[n] == '/')
        return strdup(path + n + 1);
    if (n == 1 && root[0] == '/' && path[0] == '/')
        return strdup(path + 1);
    return strdup(path);
}

static void rel(char **p, const char *root)
{
    if (*p) {
        char *r = paths_relative(*p, root);
        free(*p);
        *p = r;
    }
}

/* "(ROOT/dir/x.c:12)" -> "(dir/x.c:12)" wherever it occurs in *p: the
 * locations found_by gives for an entry point's later sources */
static void rel_inside(char **p, const char *root)
{
    size_t n = strlen(root);
    if (!*p || n == 0 || (n == 1 && root[0] == '/'))
        return;
    char *out = malloc(strlen(*p) + 1), *o = out;
    if (!out)
        abort();
    for (const char *s = *p; *s;) {
        if (s[0] == '(' && strncmp(s + 1, root, n) == 0 && s[1 + n] == '/') {
            *o++ = '(';
            s += n + 2;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    free(*p);
    *p = out;
}

/* In a recovery note ("header Globals.h (found as /abs/tree/inc/globals.h)",
 * "lvalue cast at line 63 of /abs/tree/mp.h"): a path below root without
 * it, one in the bundled model as "<WDK model>/x.h", so a report names no
 * folder of the machine it ran on.  malloc'd. */
char *paths_in_note(const char *text, const char *root, const char *model)
{
    size_t rn = root ? strlen(root) : 0, mn = model ? strlen(model) : 0;
    char *out = malloc(strlen(text) * 2 + 32), *o = out;
    if (!out)
        abort();
    for (const char *s = text; *s;) {
        if (mn && strncmp(s, model, mn) == 0 && s[mn] == '/') {
            o += sprintf(o, "<WDK model>");
            s += mn;
        } else if (rn > 1 && strncmp(s, root, rn) == 0 && s[rn] == '/') {
            s += rn + 1;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
    return out;
}

void paths_relativize(Report *r, const char *root, int absolute)
{
    if (absolute)
        return;
    for (int i = 0; i < r->ndefects; i++) {
        Defect *d = &r->defects[i];
        rel(&d->file, root);
        for (int k = 0; k < d->ntrace; k++)
            rel(&d->trace[k].file, root);
    }
    for (int i = 0; i < r->nentries; i++) {
        rel(&r->entries[i].file, root);
        rel_inside(&r->entries[i].found_by, root);
    }
    for (int i = 0; i < r->diags.n; i++)
        rel(&r->diags.v[i].file, root);
    for (int i = 0; i < r->nincomplete; i++)
        rel(&r->incomplete_files[i], root);
}
