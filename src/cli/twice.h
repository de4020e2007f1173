/* twice.h - functions one driver defines in two files. */
#ifndef DRVCHECK_TWICE_H
#define DRVCHECK_TWICE_H

#include "drvcheck/diag.h"
#include "drvcheck/engine.h"

/* A warning at each second definition of a non-static function in another
 * file of the same driver (a build links one of them); the message names
 * the first one's file below root (NULL: as it is). */
void cli_twice(const Driver *drivers, int ndrivers, const char *root, DiagList *d);

#endif
