/* suppress.c - in-source suppressions.
 *
 *   suppression = ("//" | "/" "*") blanks "drvcheck-suppress" blanks rules ":" reason
 *   rules       = RULE { "," RULE }
 *   reason      = text up to the end of the line or "*" "/", not empty
 *
 * A suppression on the defect's line or the line above suppresses that
 * defect when its rule is listed.  One without a reason (or without the
 * colon) is an error diagnostic at the comment and suppresses nothing; each
 * bad comment is reported once however many defects sit next to it.  The
 * whole-file check also makes a rule name no rule has an error (a typo
 * would otherwise leave the defect unsuppressed without a word).  Only
 * real comments count: the keyword inside a string or character literal is
 * text (the line is lexed from its start to the comment). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define KEYWORD "drvcheck-suppress"

typedef struct Seen {          /* comments already diagnosed */
    char **keys;
    int n, cap;
} Seen;

static int seen_once(Seen *s, const char *file, int line, int col)
{
    char key[64];
    snprintf(key, sizeof key, ":%d:%d", line, col);
    size_t nf = strlen(file), nk = strlen(key);
    char *k = malloc(nf + nk + 1);
    if (!k)
        abort();
    memcpy(k, file, nf);
    memcpy(k + nf, key, nk + 1);
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->keys[i], k) == 0) {
            free(k);
            return 0;
        }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        char **nv = realloc(s->keys, (size_t)s->cap * sizeof *nv);
        if (!nv)
            abort();
        s->keys = nv;
    }
    s->keys[s->n++] = k;
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Does the comment's rule list [p, end) name `rule`? */
static int lists_rule(const char *p, const char *end, const char *rule)
{
    size_t nr = strlen(rule);
    while (p < end) {
        while (p < end && (is_blank(*p) || *p == ','))
            p++;
        const char *q = p;
        while (q < end && *q != ',' && !is_blank(*q))
            q++;
        if ((size_t)(q - p) == nr && strncmp(p, rule, nr) == 0)
            return 1;
        p = q;
    }
    return 0;
}

/* Does a real comment start at `at` ("//" or "/" "*" outside string and
 * character literals and other comments)?  The line is lexed from its
 * start, taken to begin outside any comment or literal; the cost is the
 * line's length, paid only on lines that hold the keyword. */
static int opens_comment(const char *text, const char *at)
{
    const char *p = text;
    while (p < at) {
        if (*p == '"' || *p == '\'') {
            char q = *p++;
            while (*p && *p != q)
                p += p[0] == '\\' && p[1] ? 2 : 1;
            if (!*p)
                return 0;                   /* unterminated: `at` is inside */
            p++;
        } else if (p[0] == '/' && p[1] == '/') {
            return 0;                       /* `at` is inside a line comment */
        } else if (p[0] == '/' && p[1] == '*') {
            const char *close = strstr(p + 2, "*/");
            if (!close)
                return 0;
            p = close + 2;
        } else {
            p++;
        }
    }
    return p == at;
}

/* Each name of the comment's rule list [p, end) on `text` that is not one
 * of the known rules is an error at its column (once). */
static void check_names(const char *text, const char *p, const char *end, const char *file,
                        int line, const char *const *known, int nknown, DiagList *dg, Seen *seen)
{
    while (p < end) {
        while (p < end && (isspace((unsigned char)*p) || *p == ','))
            p++;
        const char *q = p;
        while (q < end && *q != ',' && !isspace((unsigned char)*q))
            q++;
        int found = q == p;
        for (int k = 0; k < nknown && !found; k++)
            found = strlen(known[k]) == (size_t)(q - p) && strncmp(known[k], p, (size_t)(q - p)) == 0;
        int col = (int)(p - text) + 1;
        if (!found && seen_once(seen, file, line, col))
            diag_add(dg, DIAG_ERROR, file, line, col,
                     "drvcheck-suppress names an unknown rule '%.*s' (see drvcheck rules); "
                     "it suppresses nothing", (int)(q - p), p);
        p = q;
    }
}

/* Look at every suppression comment on `text` (line `line` of `file`).
 * Returns a malloc'd reason when one suppresses `rule`, else NULL; bad
 * comments go to `dg` once, and so do rule names not among the nknown
 * `known` ones when known is not NULL. */
static char *scan_line(const char *text, const char *file, int line, const char *rule,
                       const char *const *known, int nknown, DiagList *dg, Seen *seen)
{
    char *reason = NULL;
    const char *p = text;
    while ((p = strstr(p, KEYWORD)) != NULL) {
        const char *kw = p;
        p += strlen(KEYWORD);
        /* only as the first word of a comment */
        const char *b = kw;
        while (b > text && is_blank(b[-1]))
            b--;
        if (b - text < 2 || b[-2] != '/' || (b[-1] != '/' && b[-1] != '*'))
            continue;
        if (!opens_comment(text, b - 2))
            continue;                       /* in a string, or inside a comment */
        int block = b[-1] == '*';
        int col = (int)(b - 2 - text) + 1;
        if (*p && !is_blank(*p) && *p != ':')
            continue;                       /* drvcheck-suppressions, ... */
        const char *end = text + strlen(text);
        if (block) {
            const char *close = strstr(p, "*/");
            if (close)
                end = close;
        }
        const char *colon = memchr(p, ':', (size_t)(end - p));
        const char *rs = colon ? colon + 1 : end;
        while (rs < end && is_blank(*rs))
            rs++;
        const char *re = end;
        while (re > rs && isspace((unsigned char)re[-1]))
            re--;
        const char *le = colon ? colon : end;    /* the rule list is [ls, le) */
        const char *ls = p;
        while (ls < le && isspace((unsigned char)*ls))
            ls++;
        if (ls == le || !colon || re == rs) {
            if (seen_once(seen, file, line, col))
                diag_add(dg, DIAG_ERROR, file, line, col,
                         "drvcheck-suppress with %s: write `// drvcheck-suppress RULE: reason`; "
                         "this comment suppresses nothing",
                         ls == le ? "no rule" : "no reason");
            continue;
        }
        if (known)
            check_names(text, ls, colon, file, line, known, nknown, dg, seen);
        if (!reason && lists_rule(ls, colon, rule)) {
            size_t n = (size_t)(re - rs);
            reason = malloc(n + 1);
            if (!reason)
                abort();
            memcpy(reason, rs, n);
            reason[n] = '\0';
        }
    }
    return reason;
}

void rep_apply_suppressions(Report *r, const char *root, DiagList *d)
{
    SrcFile src;
    memset(&src, 0, sizeof src);
    char *loaded = NULL;
    Seen seen = {0};
    for (int i = 0; i < r->ndefects; i++) {
        Defect *df = &r->defects[i];
        if (!df->file || !df->rule || df->suppression)
            continue;
        if (!loaded || strcmp(loaded, df->file) != 0) {
            rep_src_free(&src);
            free(loaded);
            loaded = rep_strdup(df->file);
            rep_src_load(&src, root ? root : r->scan_root, loaded);
        }
        for (int ln = df->line; ln >= df->line - 1 && ln >= 1 && !df->suppression; ln--) {
            const char *text = rep_src_line(&src, ln);
            if (text)
                df->suppression = scan_line(text, df->file, ln, df->rule, NULL, 0, d, &seen);
        }
    }
    rep_src_free(&src);
    free(loaded);
    for (int i = 0; i < seen.n; i++)
        free(seen.keys[i]);
    free(seen.keys);
}

void rep_check_suppressions(const char *root, const char *const *files, int nfiles,
                            const char *const *rules, int nrules, DiagList *d)
{
    Seen seen = {0};
    for (int i = 0; i < nfiles; i++) {
        SrcFile src;
        if (rep_src_load(&src, root, files[i]) < 0) {
            rep_src_free(&src);
            continue;
        }
        for (int ln = 1; ln <= src.nlines; ln++) {
            const char *text = rep_src_line(&src, ln);
            if (text && strstr(text, KEYWORD))
                free(scan_line(text, files[i], ln, "", rules, nrules, d, &seen));
        }
        rep_src_free(&src);
    }
    for (int i = 0; i < seen.n; i++)
        free(seen.keys[i]);
    free(seen.keys);
}
