/* parse_all.h - parse every source on a pool of worker threads. */
#ifndef DRVCHECK_PARSE_ALL_H
#define DRVCHECK_PARSE_ALL_H

#include "cli/sources.h"

/* Returns src->n units in source order (never NULL entries); the caller
 * frees each with cfg_free_unit and the array with free. */
Unit **cli_parse_all(const SourceList *src, const FrontOptions *fo, int jobs, int progress);

#endif
