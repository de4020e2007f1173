/* main.c - drvcheck's entry: dispatch to a command. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
