/* baseline.c - compare a scan with an earlier report.
 *
 * The baseline is an earlier drvcheck JSON report (results[].fingerprint)
 * or SARIF log (runs[].results[].partialFingerprints["drvcheck/v1"]).
 * Defects whose fingerprint it holds are BASE_UNCHANGED, the others
 * BASE_NEW; matching never looks at line numbers.  A missing or unreadable
 * file, or one that is neither format, is an error diagnostic and marks
 * nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/internal.h"
#include "drvcheck/files.h"

typedef struct FpSet {
    char **v;
    int n, cap;
} FpSet;

static void fp_add(FpSet *s, const char *fp)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 32;
        char **nv = realloc(s->v, (size_t)s->cap * sizeof *nv);
        if (!nv)
            abort();
        s->v = nv;
    }
    s->v[s->n++] = rep_strdup(fp);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* s must be sorted (qsort with cmp_str). */
static int fp_has(const FpSet *s, const char *fp)
{
    return fp && s->n && bsearch(&fp, s->v, (size_t)s->n, sizeof *s->v, cmp_str) != NULL;
}

static char *slurp(const char *path, int *err)
{
    FILE *f = open_regular(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        abort();
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 4096) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                abort();
            buf = nb;
        }
    }
    if (ferror(f)) {
        *err = errno ? errno : EIO;
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Collect the fingerprints; 0, or -1 when `root` is neither format. */
static int collect(const cJSON *root, FpSet *s)
{
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(root, "results");
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    if (cJSON_IsArray(results)) {
        const cJSON *res;
        cJSON_ArrayForEach(res, results) {
            const cJSON *fp = cJSON_GetObjectItemCaseSensitive(res, "fingerprint");
            if (cJSON_IsString(fp))
                fp_add(s, fp->valuestring);
        }
        return 0;
    }
    if (cJSON_IsArray(runs)) {
        const cJSON *run;
        cJSON_ArrayForEach(run, runs) {
            const cJSON *rs = cJSON_GetObjectItemCaseSensitive(run, "results");
            const cJSON *res;
            cJSON_ArrayForEach(res, rs) {
                const cJSON *pf = cJSON_GetObjectItemCaseSensitive(res, "partialFingerprints");
                const cJSON *fp = cJSON_GetObjectItemCaseSensitive(pf, "drvcheck/v1");
                if (cJSON_IsString(fp))
                    fp_add(s, fp->valuestring);
            }
        }
        return 0;
    }
    return -1;
}

int rep_apply_baseline(Report *r, const char *baseline_file, DiagList *d)
{
    int err = 0;
    char *text = slurp(baseline_file, &err);
    if (!text) {
        /* open_regular's EINVAL: there, but not a file */
        struct stat st;
        const char *why = strerror(err);
        if (err == EINVAL && stat(baseline_file, &st) == 0)
            why = S_ISDIR(st.st_mode) ? "is a directory"
                                      : "not a regular file (a device, pipe or socket)";
        diag_add(d, DIAG_ERROR, baseline_file, 0, 0, "cannot read baseline: %s", why);
        return -1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    FpSet set = {0};
    int rc = 0;
    if (!root || collect(root, &set) < 0) {
        diag_add(d, DIAG_ERROR, baseline_file, 0, 0,
                 "baseline is not a drvcheck JSON report or SARIF log%s",
                 root ? "" : " (not valid JSON)");
        rc = -1;
    } else {
        if (set.n > 1)
            qsort(set.v, (size_t)set.n, sizeof *set.v, cmp_str);
        int missing = 0;
        for (int i = 0; i < r->ndefects; i++)
            if (!r->defects[i].fingerprint)
                missing = 1;
        if (missing)
            rep_fingerprint(r);
        for (int i = 0; i < r->ndefects; i++) {
            Defect *df = &r->defects[i];
            df->baseline = fp_has(&set, df->fingerprint) ? BASE_UNCHANGED : BASE_NEW;
        }
    }
    cJSON_Delete(root);
    for (int i = 0; i < set.n; i++)
        free(set.v[i]);
    free(set.v);
    return rc;
}
