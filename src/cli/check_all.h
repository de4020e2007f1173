/* check_all.h - run every rule on every driver on a pool of worker threads. */
#ifndef DRVCHECK_CHECK_ALL_H
#define DRVCHECK_CHECK_ALL_H

#include "drvcheck/engine.h"
#include "drvcheck/report.h"
#include "drvcheck/rule.h"

/* Adds each driver's entry points, then each (driver, rule) verdict and its
 * defects, to rep.  The report is the same for every number of jobs. */
void cli_check_all(const Driver *drivers, int ndrivers, const Rule *const *rules, int nrules,
                   const EngineOptions *eo, int jobs, Report *rep);

#endif
