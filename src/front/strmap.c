/* strmap.c - string -> int hash map with open addressing (front_int.h).
 * Keys are copied (malloc); lookups are O(1) expected; the table doubles at
 * half load.  Used for labels, file names and per-unit caches. */
#include <stdlib.h>
#include <string.h>

#include "front/front_int.h"

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int find(const StrMap *m, const char *key)
{
    unsigned i = hash(key) & (unsigned)(m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (unsigned)(m->cap - 1);
    return (int)i;
}

int *strmap_get(StrMap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    int i = find(m, key);
    return m->keys[i] ? &m->vals[i] : NULL;
}

static void grow(StrMap *m)
{
    StrMap n = {0};
    n.cap = m->cap ? m->cap * 2 : 16;
    n.keys = calloc((size_t)n.cap, sizeof *n.keys);
    n.vals = calloc((size_t)n.cap, sizeof *n.vals);
    if (!n.keys || !n.vals)
        abort();
    for (int i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            int j = find(&n, m->keys[i]);
            n.keys[j] = m->keys[i];
            n.vals[j] = m->vals[i];
            n.n++;
        }
    }
    free(m->keys);
    free(m->vals);
    *m = n;
}

int *strmap_put(StrMap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    int i = find(m, key);
    if (!m->keys[i]) {
        size_t len = strlen(key);
        m->keys[i] = malloc(len + 1);
        if (!m->keys[i])
            abort();
        memcpy(m->keys[i], key, len + 1);
        m->n++;
    }
    m->vals[i] = val;
    return &m->vals[i];
}

void strmap_free(StrMap *m)
{
    for (int i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
