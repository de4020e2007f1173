/* paths.h - where the bundled rules and WDK model are, and report paths. */
#ifndef DRVCHECK_PATHS_H
#define DRVCHECK_PATHS_H

#include "drvcheck/report.h"

/* The bundled rules directory: $DRVCHECK_RULES_DIR, else rules/ beside the
 * binary's parent (a build tree inside the source tree), else
 * ../share/drvcheck/rules (installed), else the source tree's rules/.
 * malloc'd, NULL if none exists. */
char *paths_rules_dir(void);
/* The WDK model: <rules dir>/wdk.  malloc'd or NULL. */
char *paths_model_dir(void);
/* Make every path in the report relative to root (unless absolute). */
void paths_relativize(Report *r, const char *root, int absolute);
/* Relative form of one path (malloc'd). */
char *paths_relative(const char *path, const char *root);
/* A recovery note's paths: below root relative, the model's as "<WDK model>/x.h" (malloc'd). */
char *paths_in_note(const char *text, const char *root, const char *model);

#endif
