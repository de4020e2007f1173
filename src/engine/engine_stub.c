/* TEMPORARY skeleton: replaced by the engine. */
#include <stdlib.h>
#include "drvcheck/engine.h"
int eng_split_drivers(Unit **units, int nunits, const char *root, Driver **out)
{
    (void)root;
    Driver *d = calloc(1, sizeof *d);
    d->name = calloc(1, 8);
    d->units = units;
    d->nunits = nunits;
    *out = d;
    return 1;
}
void eng_free_drivers(Driver *d, int n) { for (int i = 0; i < n; i++) free(d[i].name); free(d); }
void eng_list_entry_points(const Driver *drv, Report *rep) { (void)drv; (void)rep; }
Verdict eng_run(const Driver *drv, const Rule *rule, const EngineOptions *o, Report *rep) { (void)drv; (void)rule; (void)o; (void)rep; return VERDICT_PASS; }
