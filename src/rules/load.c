/* load.c - rule files and directories -> RuleSet.
 *
 * rule_load on a directory loads every *.slic below it (sorted by path, each
 * file one rule named after its stem); on a file, that rule.  Headers (*.h)
 * are read only through #include, looked up relative to the including file,
 * then in the directory given to rule_load (a file's own directory), then in
 * the bundled rules directory ($DRVCHECK_RULES_DIR, else the source tree's
 * rules/) and its ndis/ folder.  The WDK model headers (wdk/ next to or above
 * the rules, and the bundled rules/wdk) give the API prototypes for the $N
 * arity check.  A rule's summary is the first sentence of the comment the
 * file starts with (of its "Summary:" paragraph, for SDV's files). */
#include "slic.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void rule_set_init(RuleSet *set)
{
    memset(set, 0, sizeof *set);
    set->arena = arena_new();
}

void rule_set_free(RuleSet *set)
{
    if (set->arena)
        arena_free(set->arena);
    memset(set, 0, sizeof *set);
}

const Rule *rule_find(const RuleSet *set, const char *name)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->rules[i]->name, name) == 0)
            return set->rules[i];
    return NULL;
}

const char *rule_value_name(const Rule *r, int var, long long v, char *buf, int bufsz)
{
    if (r && var >= 0 && var < r->nvars && r->vars[var].is_enum && v >= 0 && v < r->vars[var].nenum)
        return r->vars[var].enumerators[v];
    snprintf(buf, (size_t)bufsz, "%lld", v);
    return buf;
}

/* --- header comment -> summary, description -------------------------------- */

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* First sentence of text: up to ". " / ".\n" / a blank line, whitespace collapsed. */
static const char *first_sentence(Arena *a, const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *out = arena_alloc(a, strlen(s) + 1);
    size_t n = 0;
    for (const char *c = s; *c; c++) {
        if (*c == '\n' && blank(c + 1, strcspn(c + 1, "\n")) && c[1 + strcspn(c + 1, "\n")] != 0)
            break;   /* end of paragraph */
        if (*c == '\n' && c[1] == '\n')
            break;
        if (isspace((unsigned char)*c)) {
            if (n && out[n - 1] != ' ')
                out[n++] = ' ';
            continue;
        }
        out[n++] = *c;
        if (*c == '.' && (c[1] == 0 || isspace((unsigned char)c[1])))
            break;
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = 0;
    return out;
}

void slic_comment_summary(Arena *a, const char *comment, const char **summary, const char **description)
{
    *summary = "";
    *description = "";
    if (!comment)
        return;
    const char *s = comment;
    size_t len = strlen(s);
    int block = len >= 4 && s[0] == '/' && s[1] == '*';
    if (block) {
        s += 2;
        len -= 4;
    }
    /* per line: drop "//", a leading '*' decoration, trailing blanks */
    char *out = arena_alloc(a, len + 2);
    size_t n = 0;
    const char *end = s + len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        const char *b = s;
        while (b < le && (*b == ' ' || *b == '\t'))
            b++;
        if (!block && le - b >= 2 && b[0] == '/' && b[1] == '/')
            b += 2;
        else if (block && b < le && *b == '*' && (b + 1 == le || b[1] != '/'))
            b++;
        if (b < le && *b == ' ')
            b++;
        const char *e = le;
        while (e > b && isspace((unsigned char)e[-1]))
            e--;
        memcpy(out + n, b, (size_t)(e - b));
        n += (size_t)(e - b);
        out[n++] = '\n';
        s = nl ? nl + 1 : end;
    }
    out[n] = 0;
    /* trim blank lines at both ends */
    char *d = out;
    while (*d == '\n' || *d == ' ' || *d == '\t')
        d++;
    n = strlen(d);
    while (n && isspace((unsigned char)d[n - 1]))
        d[--n] = 0;
    *description = d;
    /* SDV style: a "Summary:" paragraph */
    for (const char *l = d; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        const char *b = l;
        while (*b == ' ' || *b == '\t')
            b++;
        if (!strncasecmp(b, "summary:", 8)) {
            *summary = first_sentence(a, b + 8);
            if (**summary)
                return;
        }
    }
    *summary = first_sentence(a, d);
}

/* --- files ---------------------------------------------------------------- */

static const char *bundled_dir(void)
{
    const char *e = getenv("DRVCHECK_RULES_DIR");
    if (e && *e)
        return e;
#ifdef DRVCHECK_SOURCE_RULES_DIR
    return DRVCHECK_SOURCE_RULES_DIR;
#else
    return NULL;
#endif
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *stem(Arena *a, const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    return arena_strndup(a, b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

typedef struct LoadCtx {
    const char *dirs[4];
    int ndirs;
    ProtoTable protos;
    Arena *tmp;
} LoadCtx;

static void ctx_init(LoadCtx *c, const char *root)
{
    memset(c, 0, sizeof *c);
    c->tmp = arena_new();
    const char *b = bundled_dir();
    if (root)
        c->dirs[c->ndirs++] = root;
    if (b) {
        c->dirs[c->ndirs++] = b;
        c->dirs[c->ndirs++] = arena_printf(c->tmp, "%s/ndis", b);
    }
    const char *cand[3] = {
        root ? arena_printf(c->tmp, "%s/wdk", root) : NULL,
        root ? arena_printf(c->tmp, "%s/../wdk", root) : NULL,
        b ? arena_printf(c->tmp, "%s/wdk", b) : NULL,
    };
    char *seen[3] = { NULL, NULL, NULL };
    for (int i = 0; i < 3; i++) {
        seen[i] = cand[i] ? realpath(cand[i], NULL) : NULL;
        int dup = !seen[i];
        for (int j = 0; j < i && !dup; j++)
            dup = seen[j] && strcmp(seen[j], seen[i]) == 0;
        if (!dup)
            slic_protos_scan_dir(c->tmp, &c->protos, seen[i]);
    }
    for (int i = 0; i < 3; i++)
        free(seen[i]);
}

static int load_text(LoadCtx *c, const char *file, const char *text, RuleSet *set, DiagList *d)
{
    Arena *a = set->arena;
    file = arena_strdup(a, file);
    PpResult pr;
    int nerr0 = d->nerr;
    if (slic_pp(a, file, text, c->dirs, c->ndirs, &pr, d))
        return d->nerr > nerr0 ? d->nerr - nerr0 : 1;
    Rule *r = arena_alloc(a, sizeof *r);
    r->name = stem(a, file);
    r->file = file;
    slic_comment_summary(a, pr.lead, &r->summary, &r->description);
    Parser p;
    memset(&p, 0, sizeof p);
    p.a = a;
    p.d = d;
    p.toks = pr.toks;
    p.rule = r;
    p.protos = &c->protos;
    int nerr = slic_parse(&p);
    if (nerr)
        return nerr;
    const Rule *dup = rule_find(set, r->name);
    if (dup) {
        diag_add(d, DIAG_ERROR, file, 0, 0, "a rule named '%s' is already loaded from %s", r->name, dup->file);
        return 1;
    }
    Rule **v = arena_alloc(a, (size_t)(set->n + 1) * sizeof *v);
    if (set->n)
        memcpy(v, set->rules, (size_t)set->n * sizeof *v);
    v[set->n++] = r;
    set->rules = v;
    return 0;
}

int rule_load_text(const char *file, const char *text, RuleSet *set, DiagList *d)
{
    if (!set->arena)
        rule_set_init(set);
    const char *slash = strrchr(file, '/');
    LoadCtx c;
    ctx_init(&c, NULL);
    if (slash) {
        /* the file's directory comes first, as for rule_load on a file */
        for (int i = c.ndirs; i > 0; i--)
            c.dirs[i] = c.dirs[i - 1];
        c.dirs[0] = arena_strndup(c.tmp, file, (size_t)(slash - file));
        c.ndirs++;
    }
    int n = load_text(&c, file, text ? text : "", set, d);
    arena_free(c.tmp);
    return n;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every *.slic below dir, recursively (hidden entries skipped). */
static void find_slic(Arena *a, const char *dir, char ***v, int *n, int *cap, int depth)
{
    DIR *d = depth < 16 ? opendir(dir) : NULL;
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *path = arena_printf(a, "%s/%s", dir, e->d_name);
        size_t len = strlen(e->d_name);
        if (is_dir(path)) {
            find_slic(a, path, v, n, cap, depth + 1);
        } else if (len > 5 && !strcmp(e->d_name + len - 5, ".slic")) {
            if (*n == *cap)
                *v = arena_grow(a, *v, cap, sizeof **v);
            (*v)[(*n)++] = path;
        }
    }
    closedir(d);
}

int rule_load(const char *path, RuleSet *set, DiagList *d)
{
    if (!set->arena)
        rule_set_init(set);
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read rules: %s", strerror(errno));
        return 1;
    }
    int nerr = 0;
    LoadCtx c;
    if (S_ISDIR(st.st_mode)) {
        size_t len = strlen(path);
        while (len > 1 && path[len - 1] == '/')
            len--;
        char *root = arena_strndup(set->arena, path, len);
        ctx_init(&c, root);
        char **files = NULL;
        int n = 0, cap = 0;
        find_slic(c.tmp, root, &files, &n, &cap, 0);
        if (n)
            qsort(files, (size_t)n, sizeof *files, cmp_str);
        for (int i = 0; i < n; i++) {
            char *text = slic_read_file(c.tmp, files[i]);
            if (!text) {
                diag_add(d, DIAG_ERROR, files[i], 0, 0, "cannot read rule file: %s", strerror(errno));
                nerr++;
                continue;
            }
            nerr += load_text(&c, files[i], text, set, d);
        }
    } else {
        const char *slash = strrchr(path, '/');
        char *root = slash ? arena_strndup(set->arena, path, (size_t)(slash - path)) : arena_strdup(set->arena, ".");
        ctx_init(&c, root);
        char *text = slic_read_file(c.tmp, path);
        if (!text) {
            diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read rule file: %s", strerror(errno));
            nerr = 1;
        } else {
            nerr = load_text(&c, path, text, set, d);
        }
    }
    arena_free(c.tmp);
    return nerr;
}
