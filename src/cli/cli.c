/* cli.c - drvcheck's commands: scan, cfg, rules, --help, --version. */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "cli/paths.h"
#include "cli/sources.h"
#include "cli/scan.h"
#include "drvcheck/front.h"
#include "drvcheck/rule.h"
#include "drvcheck/version.h"

static const char usage[] =
    "usage: drvcheck scan [options] PATH...\n"
    "       drvcheck cfg FILE [--function NAME] [--format text|dot] [-I DIR] [-D NAME[=VALUE]]\n"
    "       drvcheck rules [--rules PATH]\n"
    "       drvcheck --help | --version\n"
    "\n"
    "Checks Windows NDIS miniport drivers against SLIC API-usage rules, path by path,\n"
    "from their C sources, without the WDK.\n"
    "\n"
    "PATH: a .c file, a directory (searched recursively for .c files, not following a\n"
    "link to itself or a folder that holds it; its header folders join the include\n"
    "path; a directory holding compile_commands.json is scanned as that database says;\n"
    "a folder's only .vcxproj that lists its C files leaves the others out), or a\n"
    "compile database: compile_commands.json or any other *.json named here\n"
    "(compile_commands.release.json); one that is not a compile database is an error\n"
    "(exit 2).\n"
    "\n"
    "scan options:\n"
    "  -I DIR, -D NAME[=VALUE], -U NAME   passed to the parser for every file\n"
    "                        (DIR must exist)\n"
    "  --wdk-include DIR     use a real WDK's headers instead of the bundled model\n"
    "  --rules PATH          load rules from this .slic file or directory\n"
    "  --rule NAME           run only this rule (repeatable)\n"
    "  --format FMT          text (default), json, sarif, html\n"
    "  -o FILE               write the report to FILE (written whole, or not at all);\n"
    "                        a device or pipe (/dev/stdout, a FIFO) is written into, and\n"
    "                        a symbolic link's target is replaced, never the link\n"
    "  -j N                  N workers: files parse, and rules check, in parallel\n"
    "                        (default: number of cores; same report for every N)\n"
    "  --list-entry-points   show the callbacks found and how (text format)\n"
    "  --baseline FILE       defects already in this JSON/SARIF report do not fail the run\n"
    "  --write-baseline FILE write the JSON report to FILE to use as a baseline later\n"
    "                        (the defects it holds are accepted: they do not fail this run)\n"
    "  --fail-on LIST        what fails the run: defect,timeout,error,incomplete\n"
    "                        (default defect,error; error: a bad suppression comment;\n"
    "                        incomplete: a file parsed with errors), or none\n"
    "  --timeout SECONDS     budget per driver and rule (default 120): Timeout verdict\n"
    "  --parse-timeout SECONDS  the longest one file may take to parse (default 600);\n"
    "                        past it the scan stops with an error (exit 2)\n"
    "  --color WHEN          never, always, auto (default: on a terminal, unless NO_COLOR\n"
    "                        is set and not empty)\n"
    "  --absolute-paths      report absolute paths instead of paths relative to the scan root\n"
    "  --progress, --no-progress  progress on stderr (default: when stderr is a terminal)\n"
    "  --stats               print phase timings (parse, engine) on stderr\n"
    "\n"
    "In-source suppression: // drvcheck-suppress RULE: reason   (on the line or the line above);\n"
    "one without a reason or naming an unknown rule is an error at its file:line, in a\n"
    "C file or a header alike\n"
    "\n"
    "exit codes:\n"
    "  0  no defect (or only suppressed / baseline ones)\n"
    "  1  defects found (or a Timeout with --fail-on timeout)\n"
    "  2  the run could not do its job: bad usage (an -I or --wdk-include folder that\n"
    "     does not exist), no C sources found, unreadable input, bad rule file, nothing\n"
    "     parsed (every file has errors and none yields a function), a file not parsed\n"
    "     within --parse-timeout, unwritable report, out of memory; with --fail-on error\n"
    "     (the default), a bad suppression comment (the report is written); with\n"
    "     --fail-on incomplete, a file parsed with errors\n";

static int cmd_cfg(const Options *o)
{
    if (o->npaths != 1) {
        fprintf(stderr, "drvcheck: error: cfg takes exactly one FILE\n");
        return 2;
    }
    /* a FILE that cannot be parsed says why, once, as scan says it */
    struct stat st;
    if (stat(o->paths[0], &st) != 0 || (S_ISREG(st.st_mode) && access(o->paths[0], R_OK) != 0)) {
        fprintf(stderr, "%s: error: cannot read: %s\n", o->paths[0], strerror(errno));
        return 2;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s: error: %s\n", o->paths[0],
                S_ISDIR(st.st_mode) ? "is a directory: cfg takes one C file"
                                    : "not a file or directory (a device, pipe or socket): not read");
        return 2;
    }
    char *model = paths_model_dir();
    FrontOptions fo = {.model_dir = model, .wdk_include = o->wdk_include,
                       .extra_args = o->cargs, .nextra = o->ncargs, .recover = 1};
    SourceFile sf = {.path = o->paths[0], .display = o->paths[0]};
    /* a file of a WDK 7 tree parses with the defines of the `sources` file
     * that builds it (its folder's, or a subfolder's whose SOURCES names
     * it, whose build folders then come first), as a scan of the tree
     * gives it */
    WdkSources ws;
    char where[PATH_MAX], bname[BUILD_NAME_MAX];
    Arena *ar = arena_new();
    const char **extra = calloc((size_t)o->ncargs + 131, sizeof *extra);
    if (!extra)
        abort();
    int found = src_wdk_sources_for(o->paths[0], (const char *const *)o->cargs, o->ncargs, &ws,
                                    where, sizeof where, bname, ar, extra, 128);
    int nextra = found > 1 ? found - 1 : 0;
    /* MSBuild's Release leaves DBG undefined, as a scan gives it a .vcxproj's
     * files (sources.c): unless the project or the command line sets it */
    size_t bnl = strlen(bname);
    if (found && bnl > 8 && strcasecmp(bname + bnl - 8, ".vcxproj") == 0) {
        int dbg = 0;
        for (int i = 0; i < ws.ndefs; i++)
            dbg |= strncmp(ws.defs[i], "-DDBG", 5) == 0 && (ws.defs[i][5] == 0 || ws.defs[i][5] == '=');
        for (int i = 0; i < o->ncargs; i++)
            dbg |= (strncmp(o->cargs[i], "-DDBG", 5) == 0 || strncmp(o->cargs[i], "-UDBG", 5) == 0) &&
                   (o->cargs[i][5] == 0 || o->cargs[i][5] == '=');
        if (!dbg)
            extra[nextra++] = "-UDBG";
    }
    for (int i = 0; i < o->ncargs; i++)
        extra[nextra++] = o->cargs[i];
    fo.extra_args = extra;
    fo.nextra = nextra;
    char **defs = NULL;
    int ndefs = 0;
    if (found && ws.ndefs) {
        defs = ws.defs;
        ndefs = ws.ndefs;
        sf.args = (const char **)defs;
        sf.nargs = ndefs;
        size_t bl = strlen(bname);
        if (bl > 8 && strcasecmp(bname + bl - 8, ".vcxproj") == 0)
            fprintf(stderr, "%s/%s: note: %d build define(s) from this project file "
                    "(PreprocessorDefinitions, for %s)\n", where, bname, ndefs,
                    ws.config[0] ? ws.config : "every configuration");
        else
            fprintf(stderr, "%s/%s: note: %d build define(s) from this WDK sources file\n", where,
                    bname, ndefs);
        if (getenv("DRVCHECK_FRONT_STATS")) {      /* for tests/bench: clang gets them too */
            fprintf(stderr, "front: defines:");
            for (int i = 0; i < ndefs; i++)
                fprintf(stderr, " %s", defs[i]);
            fputc('\n', stderr);
        }
    }
    FrontCtx *fc = front_new(&fo);
    Unit *u = front_parse(fc, &sf);
    int rc = 0;
    diag_print(&u->diags, stderr);
    if (!u->parsed) {
        fprintf(stderr, "%s: error: could not be parsed\n", o->paths[0]);
        rc = 2;
    } else if (o->function) {
        const Func *f = cfg_find_func(u, o->function);
        if (!f) {
            fprintf(stderr, "drvcheck: error: no function '%s' defined in %s\n", o->function,
                    o->paths[0]);
            rc = 2;
        } else if (strcmp(o->format, "dot") == 0) {
            cfg_print_dot(f, stdout);
        } else {
            cfg_print_text(f, stdout);
        }
    } else {
        for (int i = 0; i < u->nfuncs; i++) {
            if (strcmp(o->format, "dot") == 0)
                cfg_print_dot(&u->funcs[i], stdout);
            else
                cfg_print_text(&u->funcs[i], stdout);
        }
    }
    cfg_free_unit(u);
    front_free(fc);
    free(model);
    wdk_sources_free(&ws);
    free(extra);
    arena_free(ar);
    return rc;
}

static int cmd_rules(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
            path = argv[++i];
        else if (strncmp(argv[i], "--rules=", 8) == 0)
            path = argv[i] + 8;
        else {
            fprintf(stderr, "drvcheck: error: unknown argument '%s' for 'rules'\n", argv[i]);
            return 2;
        }
    }
    char *dir = path ? NULL : paths_rules_dir();
    if (!path && !dir) {
        fprintf(stderr, "drvcheck: error: cannot find the bundled rules directory\n");
        return 2;
    }
    RuleSet set;
    rule_set_init(&set);
    DiagList d = {0};
    int errors = rule_load(path ? path : dir, &set, &d);
    if (!errors && set.n == 0) {          /* as scan says it: no rule is no rule set */
        diag_add(&d, DIAG_ERROR, path ? path : dir, 0, 0, "no rule (*.slic) found here");
        errors = 1;
    }
    diag_print(&d, stderr);
    int rc = errors ? 2 : 0;
    if (!errors) {
        for (int i = 0; i < set.n; i++) {
            const Rule *r = set.rules[i];
            printf("%-28s %s%s\n", r->name, r->summary ? r->summary : "",
                   r->runnable ? "" : "  [not runnable]");
            if (!r->runnable && r->unsupported)
                printf("%-28s   (%s)\n", "", r->unsupported);
        }
        printf("%d rule%s\n", set.n, set.n == 1 ? "" : "s");
    }
    diag_clear(&d);
    rule_set_free(&set);
    free(dir);
    return rc;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("%s %s\n", DRVCHECK_NAME, DRVCHECK_VERSION);
        return 0;
    }
    /* `drvcheck scan --help` (any command) shows the help, as --help does */
    if (strcmp(argv[1], "scan") == 0 || strcmp(argv[1], "cfg") == 0 ||
        strcmp(argv[1], "rules") == 0)
        for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                fputs(usage, stdout);
                return 0;
            }
    if (strcmp(argv[1], "rules") == 0)
        return cmd_rules(argc, argv);
    if (strcmp(argv[1], "scan") != 0 && strcmp(argv[1], "cfg") != 0) {
        fprintf(stderr, "drvcheck: error: unknown command '%s'\n%s", argv[1], usage);
        return 2;
    }
    Options o;
    DiagList d = {0};
    int rc;
    if (opt_parse(argv[1], argc, argv, 2, &o, &d) < 0) {
        diag_print(&d, stderr);
        rc = 2;
    } else if (strcmp(argv[1], "cfg") == 0) {
        rc = cmd_cfg(&o);
    } else {
        rc = cli_scan(&o);
    }
    diag_clear(&d);
    opt_free(&o);
    return rc;
}
