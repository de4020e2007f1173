/* main.c - drvcheck's entry: dispatch to a command. */
#include <malloc.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    /* The engine frees and rebuilds an arena of many megabytes per driver
     * and rule: keep freed memory in the process instead of giving it back
     * to the kernel and faulting it in again (glibc's defaults trim at
     * 128 KiB).  Measured: a third of the engine's time on small trees. */
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    cli_catch_abort();       /* out of memory: a message and exit 2, not a bare abort */
    return cli_main(argc, argv);
}
