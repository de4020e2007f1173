/* compdb.c - reading compile_commands.json.
 *
 * A scanned tree comes from strangers: of each entry's command we keep only
 * what changes how the file parses (-I -isystem -D -U -std -include -imacros
 * and the MSVC spellings /I /D /U /FI, -FI), paths resolved against the entry's
 * directory; everything else is dropped, in particular whatever loads code
 * or writes files (-Xclang -load, -fplugin=, -o, -MF, --serialize-diagnostics).
 * drvcheck never runs the command. */
#include "cli/sources.h"
#include "drvcheck/files.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *src_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        abort();
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *src_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

char *src_read_file(const char *path, size_t *len)
{
    FILE *f = open_regular(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t r; buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += r;
        if (cap - n - 1 == 0) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                buf = NULL;
            } else {
                buf = nb;
            }
        }
    }
    fclose(f);
    if (buf)
        buf[n] = 0;
    *len = n;
    return buf;
}

static const char *resolve(Arena *a, const char *dir, const char *p)
{
    if (!p[0] || p[0] == '/' || !dir || !dir[0])
        return arena_strdup(a, p);
    return arena_printf(a, "%s/%s", dir, p);
}

typedef struct ArgVec {
    const char **v;
    int n, cap;
} ArgVec;

static void push(Arena *a, ArgVec *v, const char *s)
{
    if (v->n + 1 >= v->cap)
        v->v = arena_grow(a, (void *)v->v, &v->cap, sizeof *v->v);
    v->v[v->n++] = s;
}

/* Options with a path or definition, as one argument or two; path options
 * get their path resolved.  `norm` is the clang spelling we emit. */
static const struct { const char *opt, *norm; int is_path; } kept[] = {
    {"-isystem", "-isystem", 1}, {"-include", "-include", 1}, {"-imacros", "-imacros", 1},
    {"-iquote", "-iquote", 1},   {"-I", "-I", 1},             {"/I", "-I", 1},
    {"-D", "-D", 0},             {"/D", "-D", 0},             {"-U", "-U", 0},
    {"/U", "-U", 0},             {"/FI", "-include", 1},
    {"-FI", "-include", 1},      /* cl.exe takes '-' for every '/' option */
};

int src_sanitize_args(Arena *a, const char *dir, const char *const *argv, int argc,
                      const char ***out)
{
    ArgVec v = {0};
    for (int i = 1; i < argc; i++) {   /* argv[0] is the compiler */
        const char *s = argv[i];
        if (strncmp(s, "-std=", 5) == 0 || strncmp(s, "/std:", 5) == 0) {
            if (s[0] == '-' && strncmp(s + 5, "c", 1) == 0)   /* C dialects only */
                push(a, &v, arena_strdup(a, s));
            continue;
        }
        int matched = 0;
        for (size_t k = 0; k < sizeof kept / sizeof kept[0] && !matched; k++) {
            size_t n = strlen(kept[k].opt);
            if (strncmp(s, kept[k].opt, n) != 0)
                continue;
            const char *val = s[n] ? s + n : (i + 1 < argc ? argv[++i] : NULL);
            matched = 1;
            if (!val)
                break;
            if (kept[k].is_path) {
                const char *p = resolve(a, dir, val);
                /* a forced include not next to the build directory is
                 * searched on the include path, as the compiler does */
                if (strcmp(kept[k].norm, "-include") == 0 && val[0] != '/' && access(p, F_OK) != 0)
                    p = arena_strdup(a, val);
                if (strcmp(kept[k].norm, "-I") == 0) {
                    push(a, &v, arena_printf(a, "-I%s", p));
                } else {
                    push(a, &v, kept[k].norm);
                    push(a, &v, p);
                }
            } else {
                push(a, &v, arena_printf(a, "%s%s", kept[k].norm, val));
            }
        }
        if (matched)
            continue;
        /* Options whose value is a separate argument: skip the value too. */
        static const char *with_value[] = {"-o", "-MF", "-MT", "-MQ", "-Xclang", "-load",
                                           "--serialize-diagnostics", "-x", "-arch", "-target",
                                           "-Xlinker", "-Xpreprocessor", "-Xassembler", NULL};
        for (int k = 0; with_value[k]; k++)
            if (strcmp(s, with_value[k]) == 0) {
                i++;
                break;
            }
    }
    push(a, &v, NULL);
    *out = v.v;
    return v.n - 1;
}

/* Split a shell command line: whitespace, single and double quotes, and
 * backslash escapes.  Nothing is expanded or run. */
static int split_command(Arena *a, const char *cmd, const char ***out)
{
    ArgVec v = {0};
    size_t len = strlen(cmd);
    char *buf = arena_alloc(a, len + 1);
    const char *p = cmd;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        char *w = buf;
        char q = 0;
        for (; *p; p++) {
            if (q) {
                if (*p == q)
                    q = 0;
                else if (*p == '\\' && q == '"' && p[1])
                    *w++ = *++p;
                else
                    *w++ = *p;
            } else if (*p == '\'' || *p == '"') {
                q = *p;
            } else if (*p == '\\' && p[1]) {
                *w++ = *++p;
            } else if (*p == ' ' || *p == '\t' || *p == '\n') {
                break;
            } else {
                *w++ = *p;
            }
        }
        push(a, &v, arena_strndup(a, buf, (size_t)(w - buf)));
    }
    push(a, &v, NULL);
    *out = v.v;
    return v.n - 1;
}

int src_load_compdb(const char *path, SourceList *out, DiagList *d)
{
    size_t len = 0;
    char *text = src_read_file(path, &len);
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read compile database: %s", strerror(errno));
        return 1;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    if (!root || !cJSON_IsArray(root)) {
        /* find the line of the parse error */
        int line = 1, col = 1;
        const char *at = cJSON_GetErrorPtr();
        if (at && at >= text && at <= text + len)
            for (const char *c = text; c < at; c++) {
                if (*c == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
        diag_add(d, DIAG_ERROR, path, root ? 1 : line, root ? 1 : col,
                 root ? "compile database must be a JSON array of entries"
                      : "compile database is not valid JSON");
        cJSON_Delete(root);
        free(text);
        return 1;
    }
    int errors = 0, idx = 0;
    Arena *tmp = arena_new();
    const cJSON *e;
    cJSON_ArrayForEach(e, root)
    {
        idx++;
        const cJSON *dir = cJSON_GetObjectItemCaseSensitive(e, "directory");
        const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
        const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "arguments");
        const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(e, "command");
        if (!cJSON_IsString(file) || (!cJSON_IsArray(args) && !cJSON_IsString(cmd))) {
            diag_add(d, DIAG_ERROR, path, 0, 0,
                     "entry %d: needs \"file\" and \"arguments\" or \"command\"", idx);
            errors++;
            continue;
        }
        /* a relative "directory" is relative to the database's own folder */
        const char *dirs = cJSON_IsString(dir) ? dir->valuestring : "";
        if (dirs[0] != '/') {
            const char *slash = strrchr(path, '/');
            if (slash) {
                int plen = (int)(slash - path);
                dirs = dirs[0] ? arena_printf(tmp, "%.*s/%s", plen, path, dirs)
                               : arena_printf(tmp, "%.*s", plen, path);
            }
        }
        const char *fname = file->valuestring;
        size_t n = strlen(fname);
        if (n < 2 || strcasecmp(fname + n - 2, ".c") != 0)
            continue;   /* C++ and other languages are not ours */
        const char **argv = NULL;
        int argc = 0;
        if (cJSON_IsArray(args)) {
            ArgVec v = {0};
            const cJSON *a;
            cJSON_ArrayForEach(a, args) push(tmp, &v, cJSON_IsString(a) ? a->valuestring : "");
            push(tmp, &v, NULL);
            argv = v.v;
            argc = v.n - 1;
        } else {
            argc = split_command(tmp, cmd->valuestring, &argv);
        }
        const char **clean = NULL;
        int nclean = src_sanitize_args(tmp, dirs, argv, argc, &clean);
        const char *fpath = resolve(tmp, dirs, fname);
        char abs[PATH_MAX];
        if (!realpath(fpath, abs)) {
            diag_add(d, DIAG_WARNING, fpath, 0, 0, "compile database entry %d: cannot read: %s", idx,
                     strerror(errno));
            continue;
        }
        struct stat st;
        if (stat(abs, &st) != 0 || !S_ISREG(st.st_mode)) {
            diag_add(d, DIAG_WARNING, fpath, 0, 0, "compile database entry %d: not a file (a "
                     "device, pipe or socket): not read", idx);
            continue;
        }
        src_add(out, abs, clean, nclean);
    }
    arena_free(tmp);
    cJSON_Delete(root);
    free(text);
    return errors;
}
