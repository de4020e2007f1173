/* fingerprint.c - defect identities that survive unrelated edits.
 *
 * A fingerprint is FNV-1a 64 (16 hex digits) over: the rule, the file
 * (relative to the scan root), the function, the violating source line
 * with its whitespace normalised, the trace's function sequence (each
 * step's function, consecutive repeats collapsed) and an occurrence index
 * that tells identical defects apart in file order.  No line or column
 * number goes in, so moving code above a defect keeps its fingerprint;
 * editing the violating line or the path to it changes it.  Cost: one read
 * of each defect's file, O(n^2) in the number of defects (n is small). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv_bytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* A field followed by a separator byte no field contains. */
static uint64_t fnv_field(uint64_t h, const char *s)
{
    if (s)
        h = fnv_bytes(h, s, strlen(s));
    return fnv_bytes(h, "\x1f", 1);
}

/* The line with runs of blanks collapsed to one space, ends trimmed. */
static uint64_t fnv_normalised(uint64_t h, const char *s)
{
    int pending = 0, started = 0;
    for (; s && *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\v' || *s == '\f') {
            pending = started;
            continue;
        }
        if (pending)
            h = fnv_bytes(h, " ", 1);
        pending = 0;
        started = 1;
        h = fnv_bytes(h, s, 1);
    }
    return fnv_bytes(h, "\x1f", 1);
}

/* The defect's path relative to the scan root, so --absolute-paths does
 * not change fingerprints. */
static const char *rel_path(const Report *r, const char *file)
{
    if (!file)
        return "";
    size_t n = r->scan_root ? strlen(r->scan_root) : 0;
    while (n > 1 && r->scan_root[n - 1] == '/')
        n--;
    if (n && file[0] == '/' && strncmp(file, r->scan_root, n) == 0 && file[n] == '/')
        return file + n + 1;
    if (file[0] == '.' && file[1] == '/')
        return file + 2;
    return file;
}

static uint64_t base_hash(const Report *r, const Defect *d, SrcFile *cache)
{
    const char *rel = rel_path(r, d->file);
    uint64_t h = FNV_OFFSET;
    h = fnv_field(h, d->rule);
    h = fnv_field(h, rel);
    h = fnv_field(h, d->function);
    h = fnv_normalised(h, rep_src_line(cache, d->line));
    /* the violating callback's own calls, from where the trace last enters
     * a callback: what other callbacks did before it (init helpers) may be
     * renamed without the defect becoming "new" against a baseline */
    int from = 0;
    for (int i = 0; i < d->ntrace; i++)
        if (d->trace[i].kind == TS_ENTRY)
            from = i;
    const char *prev = NULL;
    for (int i = from; i < d->ntrace; i++) {
        const char *fn = d->trace[i].function ? d->trace[i].function : "";
        if (prev && strcmp(prev, fn) == 0)
            continue;
        h = fnv_field(h, fn);
        prev = fn;
    }
    return h;
}

void rep_fingerprint(Report *r)
{
    if (r->ndefects == 0)
        return;
    uint64_t *base = malloc((size_t)r->ndefects * sizeof *base);
    if (!base)
        abort();
    SrcFile src;
    memset(&src, 0, sizeof src);
    char *loaded = NULL;           /* d->file whose text is in src */
    for (int i = 0; i < r->ndefects; i++) {
        Defect *d = &r->defects[i];
        if (!loaded || strcmp(loaded, d->file ? d->file : "") != 0) {
            rep_src_free(&src);
            free(loaded);
            loaded = rep_strdup(d->file ? d->file : "");
            rep_src_load(&src, r->scan_root, loaded);   /* unreadable: empty line text */
        }
        base[i] = base_hash(r, d, &src);
    }
    rep_src_free(&src);
    free(loaded);
    for (int i = 0; i < r->ndefects; i++) {
        Defect *d = &r->defects[i];
        int occ = 0;                 /* identical defects before this one in file order */
        for (int j = 0; j < r->ndefects; j++) {
            const Defect *e = &r->defects[j];
            if (j == i || base[j] != base[i])
                continue;
            if (e->line < d->line || (e->line == d->line && (e->col < d->col ||
                                                            (e->col == d->col && j < i))))
                occ++;
        }
        char idx[16];
        snprintf(idx, sizeof idx, "%d", occ);
        uint64_t h = fnv_field(base[i], idx);
        char hex[17];
        snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
        free(d->fingerprint);
        d->fingerprint = rep_strdup(hex);
    }
    free(base);
}
