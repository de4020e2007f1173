/* scan.h - the scan command (the pipeline). */
#ifndef DRVCHECK_SCAN_H
#define DRVCHECK_SCAN_H
#include "cli/options.h"
int cli_scan(const Options *o);
#endif
