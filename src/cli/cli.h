/* cli.h - the commands: scan, cfg, rules. */
#ifndef DRVCHECK_CLI_H
#define DRVCHECK_CLI_H
int cli_main(int argc, char **argv);
#endif
