/* check_all.c - the engine over drivers x rules, in parallel.
 *
 * Each (driver, rule) pair is one task: eng_check only reads the driver's
 * prepared program, keeps its states in its own arena and writes its own
 * Report, so tasks share nothing mutable.  Workers take the tasks likely
 * to run longest first (eng_weight; a long task started last would leave
 * the other cores idle); the per-task reports are appended to the scan's report in
 * (driver, rule) order, which report_sort makes irrelevant anyway: the
 * output does not depend on -j. */
#include "cli/check_all.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* The engine recurses once per driver call level (capped): give workers the
 * main thread's usual room and more. */
enum { WORKER_STACK = 256 * 1024 * 1024 };

typedef struct Task {
    int drv, rule;
    int weight;              /* eng_weight: longest first */
    int size;                /* the driver's functions */
    Report rep;
} Task;

typedef struct Pool {
    EngineDriver **eds;
    const Rule *const *rules;
    const EngineOptions *eo;
    Task *tasks;
    int ntasks;
    atomic_int next;
} Pool;

static void *worker(void *arg)
{
    Pool *p = arg;
    for (int i; (i = atomic_fetch_add(&p->next, 1)) < p->ntasks;) {
        Task *t = &p->tasks[i];
        eng_check(p->eds[t->drv], p->rules[t->rule], p->eo, &t->rep);
    }
    return NULL;
}

static int driver_size(const Driver *d)
{
    int n = 0;
    for (int i = 0; i < d->nunits; i++)
        n += d->units[i]->nfuncs;
    return n;
}

static int longest_first(const void *x, const void *y)
{
    const Task *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    if (a->drv != b->drv)
        return a->drv - b->drv;
    return a->rule - b->rule;
}

void cli_check_all(const Driver *drivers, int ndrivers, const Rule *const *rules, int nrules,
                   const EngineOptions *eo, int jobs, Report *rep)
{
    if (ndrivers <= 0)
        return;
    Pool p = {.rules = rules, .eo = eo};
    p.eds = calloc((size_t)ndrivers, sizeof *p.eds);
    p.ntasks = ndrivers * nrules;
    p.tasks = calloc((size_t)(p.ntasks ? p.ntasks : 1), sizeof *p.tasks);
    if (!p.eds || !p.tasks)
        abort();
    for (int i = 0; i < ndrivers; i++) {
        p.eds[i] = eng_prepare(&drivers[i]);
        eng_list_entry_points(p.eds[i], rep);
        int size = driver_size(&drivers[i]);
        for (int r = 0; r < nrules; r++) {
            Task *t = &p.tasks[i * nrules + r];
            *t = (Task){.drv = i, .rule = r, .size = size};
            if (jobs > 1)
                t->weight = eng_weight(p.eds[i], rules[r]);
            report_init(&t->rep);
        }
    }
    if (jobs > 1)
        qsort(p.tasks, (size_t)p.ntasks, sizeof *p.tasks, longest_first);
    atomic_init(&p.next, 0);

    if (jobs > p.ntasks)
        jobs = p.ntasks;
    pthread_t *tids = calloc((size_t)(jobs > 0 ? jobs : 1), sizeof *tids);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WORKER_STACK);
    int started = 0;
    for (int t = 0; jobs > 1 && t < jobs; t++)
        if (pthread_create(&tids[t], &attr, worker, &p) == 0)
            started++;
        else
            break;
    if (started == 0)  /* -j 1, or no thread could start: check here */
        worker(&p);
    for (int t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    pthread_attr_destroy(&attr);
    free(tids);

    /* (driver, rule) order, as a sequential scan adds them */
    Task **by_pair = calloc((size_t)(p.ntasks ? p.ntasks : 1), sizeof *by_pair);
    if (!by_pair)
        abort();
    for (int k = 0; k < p.ntasks; k++)
        by_pair[p.tasks[k].drv * nrules + p.tasks[k].rule] = &p.tasks[k];
    for (int k = 0; k < p.ntasks; k++) {
        report_take(rep, &by_pair[k]->rep);
        report_free(&by_pair[k]->rep);
    }
    free(by_pair);
    for (int i = 0; i < ndrivers; i++)
        eng_release(p.eds[i]);
    free(p.tasks);
    free(p.eds);
}
