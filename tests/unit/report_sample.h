/* report_sample.h - a hand-made Report shared by the report tests.
 *
 * One driver "sample" (tests/data/report/drv): three defects of the
 * NdisMDeregisterInterruptEx rule (one new, one suppressed by a comment in
 * the source, one unchanged against a baseline), verdicts including a
 * Timeout, entry points, diagnostics whose file name and message hold
 * invalid UTF-8, an incomplete file and an assumed name.  Defects are added
 * out of order on purpose (report_sort orders them). */
#ifndef REPORT_SAMPLE_H
#define REPORT_SAMPLE_H

#include <stdlib.h>
#include <string.h>
#include "drvcheck/report.h"

#define SAMPLE_ROOT TEST_SOURCE_DIR "/tests/data/report/drv"
#define SAMPLE_RULE "NdisMDeregisterInterruptEx"

static inline char *sample_dup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static inline void sample_step(Defect *d, TraceKind k, const char *file, int line, int col,
                               const char *fn, const char *msg, const char *state)
{
    TraceStep *s = defect_add_step(d);
    s->kind = k;
    s->file = sample_dup(file);
    s->line = line;
    s->col = col;
    s->function = sample_dup(fn);
    s->message = sample_dup(msg);
    s->state = sample_dup(state);
}

static inline Defect *sample_defect(Report *r, const char *file, int line, int col,
                                    const char *fn, const char *entry)
{
    Defect *d = report_add_defect(r);
    d->rule = sample_dup(SAMPLE_RULE);
    d->message = sample_dup("NdisMSynchronizeWithInterruptEx is called after "
                            "NdisMDeregisterInterruptEx deregistered the interrupt");
    d->severity = sample_dup("error");
    d->file = sample_dup(file);
    d->line = line;
    d->col = col;
    d->function = sample_dup(fn);
    d->driver = sample_dup("sample");
    d->entry_point = sample_dup(entry);
    return d;
}

/* Fill r (report_init'ed) with the sample; the caller runs the passes. */
static inline void sample_report(Report *r)
{
    r->tool_name = sample_dup("drvcheck");
    r->tool_version = sample_dup("0.1.0");
    r->scan_root = sample_dup(SAMPLE_ROOT);
    r->ndrivers = 1;
    r->nfiles = 2;
    r->nfunctions = 7;
    r->elapsed_ms = 1234;

    Defect *d = sample_defect(r, "reset.c", 16, 2, "MpResetEx", "MpResetEx");
    sample_step(d, TS_ENTRY, "reset.c", 13, 6, "MpResetEx",
                "entry point MpResetEx (MINIPORT_RESET)", "registered");
    sample_step(d, TS_STATE, "reset.c", 15, 2, "MpResetEx",
                "NdisMDeregisterInterruptEx: registered -> deregistered", "deregistered");
    sample_step(d, TS_VIOLATION, "reset.c", 16, 2, "MpResetEx",
                "NdisMSynchronizeWithInterruptEx called while deregistered", "deregistered");

    d = sample_defect(r, "miniport.c", 39, 5, "MpShutdownEx", "MpShutdownEx");
    sample_step(d, TS_ENTRY, "miniport.c", 34, 6, "MpShutdownEx",
                "entry point MpShutdownEx (MINIPORT_SHUTDOWN)", "registered");
    sample_step(d, TS_STATE, "miniport.c", 37, 5, "MpShutdownEx",
                "NdisMDeregisterInterruptEx: registered -> deregistered", "deregistered");
    sample_step(d, TS_VIOLATION, "miniport.c", 39, 5, "MpShutdownEx",
                "NdisMSynchronizeWithInterruptEx called while deregistered", "deregistered");

    d = sample_defect(r, "miniport.c", 30, 9, "MpHaltEx", "MpHaltEx");
    sample_step(d, TS_ENTRY, "miniport.c", 25, 6, "MpHaltEx",
                "entry point MpHaltEx (MINIPORT_HALT)", "registered");
    sample_step(d, TS_CALL, "miniport.c", 28, 5, "MpHaltEx", "call MpReleaseInterrupt", NULL);
    sample_step(d, TS_STATE, "miniport.c", 22, 5, "MpReleaseInterrupt",
                "NdisMDeregisterInterruptEx: registered -> deregistered", "deregistered");
    sample_step(d, TS_RETURN, "miniport.c", 23, 1, "MpReleaseInterrupt",
                "return to MpHaltEx", NULL);
    sample_step(d, TS_BRANCH, "miniport.c", 29, 9, "MpHaltEx",
                "Adapter->Flags & 1 is true", NULL);
    sample_step(d, TS_VIOLATION, "miniport.c", 30, 9, "MpHaltEx",
                "NdisMSynchronizeWithInterruptEx called while deregistered", "deregistered");

    report_add_verdict(r, "sample", SAMPLE_RULE, VERDICT_DEFECT, NULL);
    report_add_verdict(r, "sample", "IrqlNdisSpinLock", VERDICT_TIMEOUT,
                       "time limit of 60 s reached");
    report_add_verdict(r, "sample", "PendedOidRequest", VERDICT_PASS, NULL);
    report_add_entry(r, "sample", "MpHaltEx", "MINIPORT_HALT", "role type declaration",
                     "miniport.c", 25);
    report_add_entry(r, "sample", "MpShutdownEx", "MINIPORT_SHUTDOWN",
                     "NDIS_MINIPORT_DRIVER_CHARACTERISTICS.ShutdownHandlerEx", "miniport.c", 34);
    report_add_entry(r, "sample", "MpResetEx", "MINIPORT_RESET",
                     "NDIS_MINIPORT_DRIVER_CHARACTERISTICS.ResetHandlerEx", "reset.c", 13);
    report_add_rule(r, SAMPLE_RULE,
                    "After NdisMDeregisterInterruptEx returns, the miniport must not call "
                    "NdisMSynchronizeWithInterruptEx.",
                    "After NdisMDeregisterInterruptEx returns control, the miniport driver "
                    "cannot call NdisMSynchronizeWithInterruptEx until it registers the "
                    "interrupt again.",
                    "rules/ndis/NdisMDeregisterInterruptEx.slic");
    report_add_rule(r, "IrqlNdisSpinLock", "Spin locks are acquired at the right IRQL.", NULL,
                    "rules/ndis/IrqlNdisSpinLock.slic");
    report_add_rule(r, "PendedOidRequest", "A pended OID request is completed.", NULL, NULL);

    diag_add(&r->diags, DIAG_ERROR, "caf\xe9/bad\xff.c", 3, 10,
             "unknown type name 'ULONG\xc0\xafX' <assumed>");
    diag_add(&r->diags, DIAG_WARNING, "reset.c", 0, 0, "parsed with a stand-in for \"x.tmh\"");
    r->incomplete_files = malloc(sizeof(char *));
    r->incomplete_files[0] = sample_dup("caf\xe9/bad\xff.c");
    r->nincomplete = r->cap_incomplete = 1;
    r->assumed = malloc(sizeof(char *));
    r->assumed[0] = sample_dup("caf\xe9/bad\xff.c: type ULONG\xc0\xafX");
    r->nassumed = r->cap_assumed = 1;
}

/* The passes a scan runs, and the baseline state of the sample by hand:
 * reset.c's defect is in the baseline, the others are new. */
static inline void sample_finish(Report *r, DiagList *dg)
{
    report_sort(r);
    rep_fingerprint(r);
    rep_apply_suppressions(r, r->scan_root, dg);
    for (int i = 0; i < r->ndefects; i++)
        r->defects[i].baseline =
            strcmp(r->defects[i].file, "reset.c") == 0 ? BASE_UNCHANGED : BASE_NEW;
}

#endif
