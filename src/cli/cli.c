/* TEMPORARY skeleton. */
#include <stdio.h>
#include "cli/cli.h"
int cli_main(int argc, char **argv) { (void)argc; (void)argv; puts("drvcheck"); return 0; }
