/* engine.h - the rule engine: runs a rule's state machine over every path
 * along which NDIS can drive one driver, across its functions and files.
 *
 * Input: the lowered Units of one driver (cfg.h) and a Rule (rule.h).
 * Output: Defects with traces, a verdict, and the driver's entry points,
 * added to a Report (report.h).  No libclang header is included here. */
#ifndef DRVCHECK_ENGINE_H
#define DRVCHECK_ENGINE_H

#include "cfg.h"
#include "rule.h"
#include "report.h"

/* One driver: the units of one driver project (engine/drivers.c). */
typedef struct Driver {
    char *name;              /* project folder name, or the file stem */
    Unit **units;
    int nunits;
} Driver;

typedef struct EngineOptions {
    double time_budget_s;    /* per driver and rule; 0 = default */
    size_t state_budget;     /* abstract states per driver and rule (Spaceout); 0 = default */
} EngineOptions;

/* Split units into drivers: one per project folder holding a DriverEntry
 * (or a characteristics registration); units without one join the driver
 * whose folder is their nearest ancestor, else form a driver of their own.
 * The result is deterministic (sorted by name).  Returns the count. */
int eng_split_drivers(Unit **units, int nunits, const char *root, Driver **out);
void eng_free_drivers(Driver *d, int n);

/* A driver made ready for checking (its functions, entry points and call
 * targets, built once and shared by every rule checked on it). */
typedef struct EngineDriver EngineDriver;
EngineDriver *eng_prepare(const Driver *drv);
void eng_release(EngineDriver *ed);

/* Record the driver's entry points (function, role, how found) in rep. */
void eng_list_entry_points(const EngineDriver *ed, Report *rep);

/* Check one rule on one driver; adds defects and one verdict row.  Rules
 * are checked one at a time on an EngineDriver. */
Verdict eng_check(EngineDriver *ed, const Rule *rule, const EngineOptions *o, Report *rep);
/* eng_check only reads ed: several rules may check one driver at once, each
 * writing its own Report. */
/* A cheap guess at how long eng_check will take, to start the long ones
 * first: the driver's calls of the rule's APIs. */
int eng_weight(const EngineDriver *ed, const Rule *rule);
/* eng_prepare + eng_check + eng_release. */
Verdict eng_run(const Driver *drv, const Rule *rule, const EngineOptions *o, Report *rep);

#endif
