/* scan.c - `drvcheck scan`: the whole pipeline, in order.
 *
 *   rules   = load the SLIC rules (rules/ or --rules), keep --rule ones
 *   sources = find the .c files (files, trees, compile_commands.json)
 *   units   = parse and lower each file to CFGs (N workers)
 *   drivers = split the units into driver projects
 *   report  = for each driver: its entry points, then each rule's verdict
 *             and defects (engine; drivers x rules on N workers)
 *   then suppressions, baseline, fingerprints, and one report written
 *   atomically in the chosen format.  Only this file decides the exit code. */
#include "cli/scan.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/check_all.h"
#include "cli/parse_all.h"
#include "cli/paths.h"
#include "cli/sources.h"
#include "cli/twice.h"
#include "drvcheck/engine.h"
#include "drvcheck/report.h"
#include "drvcheck/rule.h"
#include "drvcheck/version.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_s(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

static double cpu_s(void)    /* every thread's, for --stats */
{
    return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

/* The rules to run: --rules PATH or the bundled set, narrowed by --rule. */
static int load_rules(const Options *o, RuleSet *set, const Rule ***out, int *nout, DiagList *d)
{
    char *dir = o->rules_path ? NULL : paths_rules_dir();
    const char *path = o->rules_path ? o->rules_path : dir;
    if (!path) {
        diag_add(d, DIAG_ERROR, NULL, 0, 0,
                 "cannot find the bundled rules directory; set DRVCHECK_RULES_DIR or use --rules");
        return -1;
    }
    int errors = rule_load(path, set, d);
    if (!errors && set->n == 0) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "no rule (*.slic) found here");
        errors = 1;
    }
    free(dir);
    if (errors)
        return -1;
    const Rule **v = calloc((size_t)set->n, sizeof *v);
    int n = 0;
    if (o->nrule_names == 0) {
        for (int i = 0; i < set->n; i++)
            v[n++] = set->rules[i];
    } else {
        for (int k = 0; k < o->nrule_names; k++) {
            const Rule *r = rule_find(set, o->rule_names[k]);
            if (!r) {
                diag_add(d, DIAG_ERROR, NULL, 0, 0, "unknown rule '%s' (see drvcheck rules)",
                         o->rule_names[k]);
                free(v);
                return -1;
            }
            int dup = 0;
            for (int j = 0; j < n; j++)
                dup |= v[j] == r;
            if (!dup)
                v[n++] = r;
        }
    }
    *out = v;
    *nout = n;
    return 0;
}

/* Is path dir or below it? */
static int under_dir(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n > 0 && strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static int exit_code(const Options *o, const Report *rep, int run_errors)
{
    if ((o->fail_on & FAIL_ERROR) && run_errors)
        return 2;
    /* a gate that wants every file read whole: one parsed with errors fails */
    if ((o->fail_on & FAIL_INCOMPLETE) && rep->nincomplete > 0)
        return 2;
    int failing = 0;
    /* writing a baseline accepts the defects it holds: that run is the
     * adoption step of ci.md, not a gate (`set -e` scripts stopped on it) */
    if ((o->fail_on & FAIL_DEFECT) && !o->write_baseline)
        failing |= report_count_new(rep) > 0;
    if (o->fail_on & FAIL_TIMEOUT)
        for (int i = 0; i < rep->nverdicts; i++)
            failing |= rep->verdicts[i].verdict == VERDICT_TIMEOUT ||
                       rep->verdicts[i].verdict == VERDICT_SPACEOUT;
    return failing ? 1 : 0;
}

int cli_scan(const Options *o)
{
    double t0 = now_s();
    DiagList d = {0};
    RuleSet set;
    rule_set_init(&set);
    const Rule **rules = NULL;
    int nrules = 0, rc = 2;
    SourceList src = {0};
    Unit **units = NULL;
    Driver *drivers = NULL;
    int ndrivers = 0;
    Report rep;
    report_init(&rep);

    if (o->npaths == 0) {
        diag_add(&d, DIAG_ERROR, NULL, 0, 0, "scan needs a PATH: a .c file, a directory or a compile_commands.json");
        goto fail;
    }
    if (load_rules(o, &set, &rules, &nrules, &d) < 0)
        goto fail;
    int collect_errors = src_collect_with(o->paths, o->npaths, (const char *const *)o->cargs,
                                          o->ncargs, &src, &d);
    /* what the walk says of a file (a dangling link) names it as the report does */
    for (int i = 0; !o->absolute_paths && i < d.n; i++)
        if (d.v[i].file && d.v[i].file[0] == '/') {
            char *shown = paths_relative(d.v[i].file, src.root);
            free(d.v[i].file);
            d.v[i].file = shown;
        }
    if (collect_errors > 0)
        goto fail;
    if (src.n == 0) {
        diag_add(&d, DIAG_ERROR, NULL, 0, 0, "no C source files found in the given paths");
        goto fail;
    }

    char *model = paths_model_dir();
    FrontOptions fo = {.model_dir = model, .wdk_include = o->wdk_include,
                       .extra_args = o->cargs, .nextra = o->ncargs, .recover = 1,
                       .shared = shared_new(),
                       .parse_limit_s = o->parse_timeout_s > 0 ? o->parse_timeout_s : 600.0};
    int progress = o->progress >= 0 ? o->progress : isatty(2);
    double t_parse = now_s(), c_parse = cpu_s();
    units = cli_parse_all(&src, &fo, o->jobs, progress);
    shared_free(fo.shared);
    t_parse = now_s() - t_parse;
    c_parse = cpu_s() - c_parse;
    /* the model's real path, as the notes name it */
    char *model_real = model ? realpath(model, NULL) : NULL;
    free(model);

    int nparsed = 0, nfuncs = 0;
    for (int i = 0; i < src.n; i++) {
        const Unit *u = units[i];
        nparsed += u->parsed;
        nfuncs += u->nfuncs;
        diag_append(&rep.diags, &u->diags);
        if (u->nerrors > 0 || !u->parsed)
            src_push_str(&rep.incomplete_files, &rep.nincomplete, &rep.cap_incomplete, u->path);
        for (int k = 0; k < u->nassumed; k++) {
            char buf[1024];
            char *shown = o->absolute_paths ? strdup(u->path) : paths_relative(u->path, src.root);
            char *note = o->absolute_paths ? strdup(u->assumed[k])
                                           : paths_in_note(u->assumed[k], src.root, model_real);
            snprintf(buf, sizeof buf, "%s: %s", shown, note);
            free(shown);
            free(note);
            src_push_str(&rep.assumed, &rep.nassumed, &rep.cap_assumed, buf);
        }
    }
    /* nothing parsed: no file gave libclang a unit, or every file has
     * errors and none yielded a function (binary garbage, a wrong include
     * folder): a verdict would say Pass of nothing.  The files' own errors
     * say why; a file with errors that yields functions is analysed. */
    if (nparsed == 0 || (nfuncs == 0 && rep.nincomplete == src.n)) {
        free(model_real);
        paths_relativize(&rep, src.root, o->absolute_paths);
        diag_print(&rep.diags, stderr);
        diag_add(&d, DIAG_ERROR, NULL, 0, 0,
                 nparsed == 0 ? "no source file could be parsed"
                              : "no source file could be parsed: every file has errors and none "
                                "yielded a function");
        goto fail;
    }
    /* the files a suppression comment may stand in: the C files and every
     * header that defines an analysed function (not the WDK's) */
    char **supfiles = NULL;
    int nsup = 0, capsup = 0;
    for (int i = 0; i < src.n; i++)
        src_push_str(&supfiles, &nsup, &capsup, src.v[i].path);
    for (int i = 0; i < src.n; i++)
        for (int k = 0; k < units[i]->nfuncs; k++) {
            const char *f = units[i]->funcs[k].file;
            if (!f || under_dir(f, model_real) || under_dir(f, o->wdk_include))
                continue;
            int dup = 0;
            for (int j = nsup - 1; j >= 0 && !dup; j--)
                dup = strcmp(supfiles[j], f) == 0;
            if (!dup)
                src_push_str(&supfiles, &nsup, &capsup, f);
        }
    free(model_real);

    ndrivers = eng_split_drivers(units, src.n, src.root, &drivers);
    cli_twice(drivers, ndrivers, o->absolute_paths ? NULL : src.root, &rep.diags);
    EngineOptions eo = {.time_budget_s = o->timeout_s};
    /* a bundled rule's file is named as in drvcheck's tree (rules/ndis/x.slic),
     * not by where this machine installed it: reports go to other machines */
    char *bundled = o->rules_path ? NULL : paths_rules_dir();
    size_t nb = bundled ? strlen(bundled) : 0;
    for (int r = 0; r < nrules; r++) {
        const char *f = rules[r]->file;
        char shown[PATH_MAX];
        if (f && nb && strncmp(f, bundled, nb) == 0 && f[nb] == '/') {
            snprintf(shown, sizeof shown, "rules%s", f + nb);
            f = shown;
        }
        report_add_rule(&rep, rules[r]->name, rules[r]->summary, rules[r]->description, f);
    }
    free(bundled);
    double t_engine = now_s(), c_engine = cpu_s();
    cli_check_all(drivers, ndrivers, rules, nrules, &eo, o->jobs, &rep);
    t_engine = now_s() - t_engine;
    c_engine = cpu_s() - c_engine;
    if (o->stats)
        fprintf(stderr, "drvcheck: stats: files %d, functions %d, drivers %d, rules %d; "
                        "parse+lower %.1f ms (-j %d), engine %.1f ms (%.1f%% of parse); "
                        "CPU time: parse+lower %.1f ms, engine %.1f ms (%.1f%% of parse)\n",
                src.n, nfuncs, ndrivers, nrules, t_parse * 1000, o->jobs, t_engine * 1000,
                t_parse > 0 ? 100.0 * t_engine / t_parse : 0.0, c_parse * 1000,
                c_engine * 1000, c_parse > 0 ? 100.0 * c_engine / c_parse : 0.0);

    rep.tool_name = strdup(DRVCHECK_NAME);
    rep.tool_version = strdup(DRVCHECK_VERSION);
    rep.scan_root = strdup(src.root);
    rep.absolute_paths = o->absolute_paths;
    rep.ndrivers = ndrivers;
    rep.nfiles = src.n;
    rep.nfunctions = nfuncs;
    paths_relativize(&rep, src.root, o->absolute_paths);
    report_sort(&rep);
    rep_fingerprint(&rep);
    {
        /* every suppression comment of the scanned files is checked; the
         * defects' own lines were read here already, so that pass stays quiet */
        const char **shown = calloc((size_t)nsup + 1, sizeof *shown);
        for (int i = 0; i < nsup; i++)
            shown[i] = o->absolute_paths ? strdup(supfiles[i])
                                         : paths_relative(supfiles[i], src.root);
        const char **names = calloc((size_t)set.n + 1, sizeof *names);
        for (int i = 0; i < set.n; i++)
            names[i] = set.rules[i]->name;
        rep_check_suppressions(src.root, shown, nsup, names, set.n, &d);
        free(names);
        for (int i = 0; i < nsup; i++) {
            free((void *)shown[i]);
            free(supfiles[i]);
        }
        free(shown);
        free(supfiles);
        DiagList quiet = {0};
        rep_apply_suppressions(&rep, src.root, &quiet);
        diag_clear(&quiet);
    }
    if (o->baseline && rep_apply_baseline(&rep, o->baseline, &d) < 0)
        goto fail;
    rep.elapsed_ms = (long)((now_s() - t0) * 1000);
    diag_append(&rep.diags, &d);
    int run_errors = d.nerr;
    /* the report holds them; a report not shown as text on standard output
     * would leave an exit 2 without a word on the terminal */
    int shown_on_stdout = strcmp(o->format, "text") == 0 &&
                          (!o->output || strcmp(o->output, "-") == 0);
    if (run_errors && !shown_on_stdout)
        diag_print(&d, stderr);
    diag_clear(&d);

    /* NO_COLOR: set and not empty (no-color.org) */
    const char *no_color = getenv("NO_COLOR");
    ReportOptions ro = {.color = o->color >= 0 ? o->color
                                               : (!o->output && isatty(1) &&
                                                  !(no_color && no_color[0])),
                        .list_entry_points = o->list_entry_points,
                        .baseline_written = o->write_baseline};
    if (o->write_baseline && rep_write_baseline(&rep, o->write_baseline, &d) < 0)
        goto fail;
    if (rep_write(&rep, o->format, &ro, o->output, &d) < 0)
        goto fail;
    rc = exit_code(o, &rep, run_errors);
    goto done;

fail:
    diag_print(&d, stderr);
    rc = 2;
done:
    diag_clear(&d);
    report_free(&rep);
    if (drivers)
        eng_free_drivers(drivers, ndrivers);
    for (int i = 0; units && i < src.n; i++)
        cfg_free_unit(units[i]);
    free(units);
    src_free(&src);
    free(rules);
    rule_set_free(&set);
    return rc;
}
