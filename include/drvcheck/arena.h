/* arena.h - region allocator.
 *
 * Every object derived from one translation unit (CFG blocks, steps,
 * expressions, strings copied out of libclang) lives in that unit's arena and
 * dies with it; long-lived data (rules, defects) lives in a program arena.
 * There is no free of single objects.  Allocation is a pointer bump, O(1)
 * amortised; memory is zeroed.  An arena is not thread-safe: one owner at a
 * time (each parsing worker owns the arena of the unit it lowers). */
#ifndef DRVCHECK_ARENA_H
#define DRVCHECK_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

Arena *arena_new(void);
void arena_free(Arena *a);
void *arena_alloc(Arena *a, size_t size);              /* zeroed, aligned to 16 */
void *arena_alloc_raw(Arena *a, size_t size);          /* not zeroed: the caller fills it */
char *arena_strdup(Arena *a, const char *s);           /* NULL stays NULL */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The strings up to a NULL, joined: arena_concat(a, base, ".", field, NULL).
 * A key built per expression: no format to parse. */
char *arena_concat(Arena *a, ...)
#if defined(__GNUC__)
    __attribute__((sentinel))
#endif
    ;
size_t arena_used(const Arena *a);                     /* bytes handed out */

/* Growable array helper: *v has *cap slots; make room for one more. */
void *arena_grow(Arena *a, void *v, int *cap, size_t elem);

#endif
