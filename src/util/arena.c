/* arena.c - region allocator (see arena.h).  Chunks of at least 64 KiB are
 * chained; a request larger than a chunk gets a chunk of its own.
 *
 * Large arenas (the engine's states: tens of MiB on a big driver) take
 * their chunks 2 MiB at a time from mmap, aligned and marked for
 * transparent huge pages, and give them back to a small process-wide pool
 * when freed: faulting in 4 KiB pages one by one was measured at a third
 * of the engine's time on a middle-sized driver (netvmini, NdisSpinLock:
 * 3,700 page faults, 28 -> 19.5 ms with huge pages).  Where the kernel has
 * no huge pages this is plain mmap. */
#define _GNU_SOURCE
#include "drvcheck/arena.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct Chunk {
    struct Chunk *next;
    size_t size, used;
    int huge;                /* from mmap (huge_get), back to the pool when freed */
    _Alignas(16) unsigned char data[];
} Chunk;

struct Arena {
    Chunk *head;
    size_t total;
};

enum { CHUNK_MIN = 64 * 1024 };
#define HUGE_SIZE ((size_t)2 * 1024 * 1024)   /* a transparent huge page */
#define HUGE_AFTER ((size_t)2 * 1024 * 1024)  /* arenas larger than this use them */
enum { POOL_MAX = 64 };                       /* chunks kept for reuse: 128 MiB */

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static Chunk *pool[POOL_MAX];
static int npool;

static void fail_oom(void)
{
    fputs("drvcheck: out of memory\n", stderr);
    abort();
}

/* A HUGE_SIZE chunk: from the pool, or mapped 2 MiB-aligned. */
static Chunk *huge_get(void)
{
    pthread_mutex_lock(&pool_lock);
    Chunk *c = npool ? pool[--npool] : NULL;
    pthread_mutex_unlock(&pool_lock);
    if (c)
        return c;
    unsigned char *m = mmap(NULL, 2 * HUGE_SIZE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    unsigned char *al = (unsigned char *)(((uintptr_t)m + HUGE_SIZE - 1) & ~(uintptr_t)(HUGE_SIZE - 1));
    if (al > m)
        munmap(m, (size_t)(al - m));
    munmap(al + HUGE_SIZE, (size_t)(m + 2 * HUGE_SIZE - (al + HUGE_SIZE)));
#ifdef MADV_HUGEPAGE
    madvise(al, HUGE_SIZE, MADV_HUGEPAGE);
#endif
    c = (Chunk *)al;
    c->size = HUGE_SIZE - sizeof *c;
    c->huge = 1;
    return c;
}

static void huge_put(Chunk *c)
{
    pthread_mutex_lock(&pool_lock);
    int kept = npool < POOL_MAX;
    if (kept)
        pool[npool++] = c;
    pthread_mutex_unlock(&pool_lock);
    if (!kept)
        munmap(c, HUGE_SIZE);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        fail_oom();
    return p;
}

Arena *arena_new(void)
{
    Arena *a = xmalloc(sizeof *a);
    a->head = NULL;
    a->total = 0;
    return a;
}

void arena_free(Arena *a)
{
    if (!a)
        return;
    for (Chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        if (c->huge)
            huge_put(c);
        else
            free(c);
    }
    free(a);
}

void *arena_alloc(Arena *a, size_t size)
{
    void *p = arena_alloc_raw(a, size);
    memset(p, 0, (size + 15) & ~(size_t)15);
    return p;
}

void *arena_alloc_raw(Arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    Chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cs = size > CHUNK_MIN ? size : CHUNK_MIN;
        c = a->total >= HUGE_AFTER && size <= HUGE_SIZE - sizeof *c ? huge_get() : NULL;
        if (!c) {
            c = xmalloc(sizeof *c + cs);
            c->size = cs;
            c->huge = 0;
        }
        c->used = 0;
        if (a->head && c->size - size < a->head->size - a->head->used) {
            /* keep the current chunk on top: it has more room left */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->data + c->used;
    c->used += size;
    a->total += size;
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    /* one formatting pass when the text fits a line (keys and texts of
     * expressions, most calls); a second one, sized, when it does not */
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return arena_strdup(a, "");
    char *p = arena_alloc_raw(a, (size_t)n + 1);
    if ((size_t)n < sizeof buf) {
        memcpy(p, buf, (size_t)n + 1);
        return p;
    }
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

char *arena_concat(Arena *a, ...)
{
    va_list ap;
    size_t n = 0;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        n += strlen(s);
    va_end(ap);
    char *p = arena_alloc_raw(a, n + 1), *q = p;
    va_start(ap, a);
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;) {
        size_t l = strlen(s);
        memcpy(q, s, l);
        q += l;
    }
    va_end(ap);
    *q = 0;
    return p;
}

size_t arena_used(const Arena *a)
{
    return a->total;
}

void *arena_grow(Arena *a, void *v, int *cap, size_t elem)
{
    int ncap = *cap ? *cap * 2 : 8;
    void *nv = arena_alloc(a, (size_t)ncap * elem);
    if (v && *cap)
        memcpy(nv, v, (size_t)*cap * elem);
    *cap = ncap;
    return nv;
}
