/* options.c - command-line parsing for the drvcheck commands.  Accepts
 * `--opt VALUE` and `--opt=VALUE`, and -IDIR / -I DIR, -DNAME / -D NAME.
 * A folder named by -I or --wdk-include must exist: a mistyped one would
 * leave every header missing, every file parsed with errors, and a scan
 * that passes. */
#include "cli/options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void push(const char ***v, int *n, const char *s)
{
    const char **nv = realloc((void *)*v, (size_t)(*n + 1) * sizeof *nv);
    if (!nv)
        abort();
    nv[(*n)++] = s;
    *v = nv;
}

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (!s)
        abort();
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

/* Match `--name` or `--name=value`; take the value from the next argument. */
/* OPT's value v as a positive number of seconds into *out; 1 (and a
 * diagnostic) when it is not one. */
static int seconds(const char *opt, const char *v, double *out, DiagList *d)
{
    char *end = NULL;
    double t = v ? strtod(v, &end) : 0;
    /* t != t: "nan" (no comparison with it is true: a budget never spent) */
    if (!v || !*v || *end || t != t || t <= 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "%s needs a positive number of seconds", opt);
        return 1;
    }
    *out = t;
    return 0;
}

static int take(const char *name, int argc, char **argv, int *i, const char **val, DiagList *d,
                int *err)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != 0)
        return 0;
    if (*i + 1 >= argc) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "option '%s' needs a value", name);
        *err = 1;
        return 1;
    }
    *val = argv[++*i];
    return 1;
}

/* 0 when DIR (the value of OPT) is a folder, else 1 after a diagnostic. */
static int need_dir(const char *opt, const char *dir, DiagList *d)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "%s %s: %s", opt, dir,
             stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
    return 1;
}

static int parse_fail_on(const char *v, int *out)
{
    /* an empty list (`--fail-on "$UNSET"`) is no gate at all: refused, as
     * `none` says that on purpose */
    int bits = 0, ntok = 0, bad = 0;
    char *buf = strdup(v);
    if (!buf)
        abort();
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        ntok++;
        if (strcmp(t, "defect") == 0)
            bits |= FAIL_DEFECT;
        else if (strcmp(t, "timeout") == 0)
            bits |= FAIL_TIMEOUT;
        else if (strcmp(t, "error") == 0)
            bits |= FAIL_ERROR;
        else if (strcmp(t, "incomplete") == 0)
            bits |= FAIL_INCOMPLETE;
        else if (strcmp(t, "none") == 0)
            ;
        else
            bad = 1;
    }
    free(buf);
    if (bad || ntok == 0)
        return -1;
    *out = bits;
    return 0;
}

int opt_parse(const char *cmd, int argc, char **argv, int first, Options *o, DiagList *d)
{
    memset(o, 0, sizeof *o);
    o->color = -1;
    o->progress = -1;
    o->fail_on = FAIL_DEFECT | FAIL_ERROR;
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = nc > 0 ? (int)nc : 1;
    int is_cfg = strcmp(cmd, "cfg") == 0;
    o->format = "text";
    int err = 0, nodash = 0;
    for (int i = first; i < argc && !err; i++) {
        const char *a = argv[i], *v = NULL;
        if (nodash || a[0] != '-' || strcmp(a, "-") == 0) {
            push(&o->paths, &o->npaths, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            nodash = 1;
        } else if (a[1] == 'I' || a[1] == 'D' || a[1] == 'U') {
            char flag[3] = {'-', a[1], 0};
            if (a[2]) {
                push(&o->cargs, &o->ncargs, join(flag, a + 2));
            } else if (i + 1 < argc) {
                push(&o->cargs, &o->ncargs, join(flag, argv[++i]));
            } else {
                diag_add(d, DIAG_ERROR, NULL, 0, 0, "option '%s' needs a value", a);
                err = 1;
            }
        } else if (take("--wdk-include", argc, argv, &i, &v, d, &err)) {
            o->wdk_include = v;
        } else if (take("--format", argc, argv, &i, &v, d, &err)) {
            o->format = v;
        } else if (is_cfg && take("--function", argc, argv, &i, &v, d, &err)) {
            o->function = v;
        } else if (!is_cfg && take("--rules", argc, argv, &i, &v, d, &err)) {
            o->rules_path = v;
        } else if (!is_cfg && take("--rule", argc, argv, &i, &v, d, &err)) {
            if (v)
                push(&o->rule_names, &o->nrule_names, v);
        } else if (strcmp(a, "-o") == 0 || take("--output", argc, argv, &i, &v, d, &err)) {
            if (strcmp(a, "-o") == 0) {
                if (i + 1 >= argc) {
                    diag_add(d, DIAG_ERROR, NULL, 0, 0, "option '-o' needs a value");
                    err = 1;
                } else {
                    v = argv[++i];
                }
            }
            o->output = v;
        } else if (strncmp(a, "-j", 2) == 0 || strncmp(a, "--jobs", 6) == 0) {
            const char *num = NULL;
            if (a[1] == 'j' && a[2])
                num = a + 2;
            else if (!take("--jobs", argc, argv, &i, &num, d, &err) && i + 1 < argc)
                num = argv[++i];
            char *end = NULL;
            long j = num ? strtol(num, &end, 10) : 0;
            if (!num || *end || j < 1 || j > 256) {
                diag_add(d, DIAG_ERROR, NULL, 0, 0, "-j needs a number from 1 to 256");
                err = 1;
            } else {
                o->jobs = (int)j;
            }
        } else if (!is_cfg && take("--baseline", argc, argv, &i, &v, d, &err)) {
            o->baseline = v;
        } else if (!is_cfg && take("--write-baseline", argc, argv, &i, &v, d, &err)) {
            o->write_baseline = v;
        } else if (!is_cfg && take("--fail-on", argc, argv, &i, &v, d, &err)) {
            if (v && parse_fail_on(v, &o->fail_on) < 0) {
                diag_add(d, DIAG_ERROR, NULL, 0, 0,
                         "--fail-on takes a comma list of defect, timeout, error, incomplete "
                         "(or none)");
                err = 1;
            }
        } else if (take("--color", argc, argv, &i, &v, d, &err)) {
            if (v && strcmp(v, "never") == 0)
                o->color = 0;
            else if (v && strcmp(v, "always") == 0)
                o->color = 1;
            else if (v && strcmp(v, "auto") == 0)
                o->color = -1;
            else if (v) {
                diag_add(d, DIAG_ERROR, NULL, 0, 0, "--color takes never, always or auto");
                err = 1;
            }
        } else if (!is_cfg && take("--timeout", argc, argv, &i, &v, d, &err)) {
            err |= seconds("--timeout", v, &o->timeout_s, d);
        } else if (!is_cfg && take("--parse-timeout", argc, argv, &i, &v, d, &err)) {
            err |= seconds("--parse-timeout", v, &o->parse_timeout_s, d);
        } else if (!is_cfg && strcmp(a, "--absolute-paths") == 0) {
            o->absolute_paths = 1;
        } else if (!is_cfg && strcmp(a, "--list-entry-points") == 0) {
            o->list_entry_points = 1;
        } else if (!is_cfg && strcmp(a, "--stats") == 0) {
            o->stats = 1;
        } else if (!is_cfg && strcmp(a, "--progress") == 0) {
            o->progress = 1;
        } else if (!is_cfg && strcmp(a, "--no-progress") == 0) {
            o->progress = 0;
        } else {
            diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown option '%s' for '%s' (see drvcheck --help)",
                     a, cmd);
            err = 1;
        }
    }
    for (int k = 0; !err && k < o->ncargs; k++)
        if (strncmp(o->cargs[k], "-I", 2) == 0)
            err |= need_dir("-I", o->cargs[k] + 2, d);
    if (!err && o->wdk_include)
        err |= need_dir("--wdk-include", o->wdk_include, d);
    if (err)
        return -1;
    static const char *scan_formats[] = {"text", "json", "sarif", "html", NULL};
    static const char *cfg_formats[] = {"text", "dot", NULL};
    const char **fmts = is_cfg ? cfg_formats : scan_formats;
    int ok = 0;
    for (int k = 0; fmts[k]; k++)
        ok |= strcmp(fmts[k], o->format) == 0;
    if (!ok) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown format '%s' for '%s'", o->format, cmd);
        return -1;
    }
    return 0;
}

void opt_free(Options *o)
{
    for (int i = 0; i < o->ncargs; i++)
        free((void *)o->cargs[i]);
    free((void *)o->cargs);
    free((void *)o->paths);
    free((void *)o->rule_names);
    memset(o, 0, sizeof *o);
}
