/* parse_all.c - parsing the sources on N worker threads.
 *
 * Each worker owns a FrontCtx (and so its own CXIndex) and takes the next
 * file from a shared counter; unit i lands in slot i, so the result does
 * not depend on N or on timing.  Workers run on threads with a large stack
 * (deeply nested driver code recurses in libclang itself), also for -j 1.
 * With shared headers (front/shared.c), a first pass over the files counts
 * which header each starts with, so that a header enough files share is
 * shared from the first of them on. */
#include "cli/parse_all.h"
#include "cli/paths.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WORKER_STACK = 512 * 1024 * 1024 };

typedef struct Pool {
    const SourceList *src;
    const FrontOptions *fo;
    Unit **units;
    int planning;            /* the first pass: front_plan, no parsing */
    atomic_int next;
    atomic_int done;
    int progress;
    pthread_mutex_t lock;
} Pool;

static void *worker(void *arg)
{
    Pool *p = arg;
    FrontCtx *fc = front_new(p->fo);
    for (;;) {
        int i = atomic_fetch_add(&p->next, 1);
        if (i >= p->src->n)
            break;
        if (p->planning) {
            front_plan(fc, &p->src->v[i]);
            continue;
        }
        p->units[i] = front_parse(fc, &p->src->v[i]);
        int done = atomic_fetch_add(&p->done, 1) + 1;
        if (p->progress) {
            char *shown = paths_relative(p->src->v[i].path, p->src->root);
            pthread_mutex_lock(&p->lock);
            fprintf(stderr, "\r\033[K[%d/%d] %s", done, p->src->n, shown);
            fflush(stderr);
            pthread_mutex_unlock(&p->lock);
            free(shown);
        }
    }
    front_free(fc);
    return NULL;
}

static void run(Pool *p, int jobs)
{
    atomic_store(&p->next, 0);
    pthread_t *tids = calloc((size_t)jobs, sizeof *tids);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WORKER_STACK);
    int started = 0;
    for (int t = 0; tids && t < jobs; t++)
        if (pthread_create(&tids[t], &attr, worker, p) == 0)
            started++;
        else
            break;
    if (started == 0)      /* no thread could start: work here */
        worker(p);
    for (int t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    pthread_attr_destroy(&attr);
    free(tids);
}

Unit **cli_parse_all(const SourceList *src, const FrontOptions *fo, int jobs, int progress)
{
    Pool p = {.src = src, .fo = fo, .progress = progress};
    p.units = calloc((size_t)(src->n ? src->n : 1), sizeof *p.units);
    atomic_init(&p.next, 0);
    atomic_init(&p.done, 0);
    pthread_mutex_init(&p.lock, NULL);
    if (jobs > src->n)
        jobs = src->n > 0 ? src->n : 1;
    if (fo->shared && src->n > 1) {
        p.planning = 1;
        run(&p, jobs);
        p.planning = 0;
    }
    run(&p, jobs);
    pthread_mutex_destroy(&p.lock);
    if (progress && src->n)
        fputs("\r\033[K", stderr);
    return p.units;
}
