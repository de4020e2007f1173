/* cli.h - the commands: scan, cfg, rules. */
#ifndef DRVCHECK_CLI_H
#define DRVCHECK_CLI_H
int cli_main(int argc, char **argv);

/* abort.c: a SIGABRT (out of memory, an internal error) writes
 * cli_abort_message() and exits 2; 1 when installed (0 under ASan). */
int cli_catch_abort(void);
const char *cli_abort_message(void);
#endif
