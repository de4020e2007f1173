#!/bin/sh
# e2e.sh DRVCHECK SRCDIR - the report features through the real pipeline.
#
# Writes a small NDIS miniport with one NdisMDeregisterInterruptEx defect
# into a scratch directory (generated here, so that no test source has to
# parse against the model), then: each format (JSON and SARIF validated
# against their schemas, HTML self-contained), --write-baseline and
# --baseline after lines moved (exit 0, the defect is a warning), an
# in-source suppression (exit 0, reason in JSON), one without a reason (an
# error at the comment), and -o into a missing directory (exit 2, no file).
# Exit 77 (skipped) when the scan cannot run at all yet (no rules / model).
drv=$1
srcdir=$2
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
mkdir "$t/drv"
fail() { echo "FAIL: $*"; [ -f "$t/out" ] && cat "$t/out"; exit 1; }
cat >"$t/drv/miniport.c" <<'C'
#include <ndis.h>

typedef struct _ADAPTER {
    NDIS_HANDLE AdapterHandle;
    NDIS_HANDLE InterruptHandle;
    ULONG Flags;
} ADAPTER, *PADAPTER;

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitializeEx;
MINIPORT_HALT MpHaltEx;
MINIPORT_UNLOAD MpDriverUnload;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncDisable;

static ADAPTER g_Adapter;
static NDIS_HANDLE g_DriverHandle;

BOOLEAN MpSyncDisable(NDIS_HANDLE SynchronizeContext)
{
    PADAPTER Adapter = (PADAPTER)SynchronizeContext;
    Adapter->Flags = 0;
    return TRUE;
}

static VOID MpDisableInterrupt(PADAPTER Adapter)
{
    NdisMSynchronizeWithInterruptEx(Adapter->InterruptHandle, 0, (PVOID)MpSyncDisable, Adapter);
}

NDIS_STATUS MpInitializeEx(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
                           PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS Intr;
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    g_Adapter.AdapterHandle = MiniportAdapterHandle;
    NdisZeroMemory(&Intr, sizeof(Intr));
    return NdisMRegisterInterruptEx(MiniportAdapterHandle, &g_Adapter, &Intr,
                                    &g_Adapter.InterruptHandle);
}

VOID MpHaltEx(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PADAPTER Adapter = (PADAPTER)MiniportAdapterContext;
    UNREFERENCED_PARAMETER(HaltAction);
    NdisMDeregisterInterruptEx(Adapter->InterruptHandle);
    MpDisableInterrupt(Adapter);
}

VOID MpDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(g_DriverHandle);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.MajorNdisVersion = 6;
    Chars.MinorNdisVersion = 20;
    Chars.InitializeHandlerEx = MpInitializeEx;
    Chars.HaltHandlerEx = MpHaltEx;
    Chars.UnloadHandler = MpDriverUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL, &Chars, &g_DriverHandle);
}
C
cd "$t/drv" || exit 1
"$drv" scan --color=never . >"$t/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q "rules directory\|no rule\|could be parsed" "$t/out"; then
    echo "SKIP: the scan cannot run yet (no rules, or the front end parses nothing):"
    cat "$t/out"
    exit 77
fi
[ $rc -eq 1 ] || fail "plain scan: exit $rc, expected 1"
loc=$(sed -n 's/^\(\(\.\/\)\{0,1\}miniport\.c:[0-9]*:[0-9]*\): error: \[NdisMDeregisterInterruptEx\].*/\1/p' "$t/out" | head -1)
[ -n "$loc" ] || fail "no 'miniport.c:L:C: error: [NdisMDeregisterInterruptEx]' line"
line=$(echo "$loc" | sed 's/.*miniport\.c:\([0-9]*\):.*/\1/')
grep -q "note: " "$t/out" || fail "no trace notes"

# formats
for f in json sarif html; do
    "$drv" scan --format $f -o "$t/out.$f" . >"$t/out" 2>&1
    rc=$?
    [ $rc -eq 1 ] || fail "--format $f: exit $rc, expected 1"
    [ -s "$t/out.$f" ] || fail "--format $f wrote nothing"
done
sh "$srcdir/tests/report/validate.sh" "$srcdir/docs/json-report.schema.json" "$t/out.json" >"$t/out" 2>&1
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || fail "JSON report does not validate"
sh "$srcdir/tests/report/validate.sh" "$srcdir/tests/data/sarif-schema-2.1.0.json" "$t/out.sarif" >"$t/out" 2>&1
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || fail "SARIF log does not validate"
grep -q '"drvcheck/v1"' "$t/out.sarif" || fail "no partialFingerprints in SARIF"
grep -q 'id="d0s0"' "$t/out.html" || fail "HTML has no trace steps"
grep -q 'src="\|href="http' "$t/out.html" && fail "HTML loads something from outside"

# baseline: lines move above the defect; it is unchanged, exit 0
"$drv" scan --write-baseline "$t/base.json" --format json -o "$t/first.json" . >"$t/out" 2>&1
rc=$?
[ -s "$t/base.json" ] || fail "--write-baseline wrote nothing"
[ $rc -eq 0 ] || fail "--write-baseline: exit $rc, expected 0 (the defects it writes are accepted)"
"$drv" scan --color=never --write-baseline "$t/base2.json" . >"$t/out" 2>&1
grep -q "(1 new accepted into the baseline $t/base2.json, " "$t/out" ||
    fail "the text summary of a --write-baseline run does not say its defect is accepted"
sed -i '1i /* three new lines */\n#define UNUSED_ONE 1\n#define UNUSED_TWO 2' miniport.c
"$drv" scan --color=never --baseline "$t/base.json" . >"$t/out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "--baseline after moving lines: exit $rc, expected 0"
grep -q "^\(\./\)\{0,1\}miniport.c:$((line + 3)):[0-9]*: warning: \[NdisMDeregisterInterruptEx\]" "$t/out" ||
    fail "the baseline defect is not shown as a warning at its new line"
grep -q ": error: \[" "$t/out" && fail "a baseline defect is still an error"
"$drv" scan --baseline "$t/first.json" --format sarif -o "$t/b.sarif" . >"$t/out" 2>&1
grep -q '"baselineState":.*"unchanged"' "$t/b.sarif" || fail "SARIF has no baselineState unchanged"

# suppression with a reason: exit 0, reason in JSON
line=$((line + 3))
sed -i "${line}i // drvcheck-suppress NdisMDeregisterInterruptEx: checked by hand" miniport.c
"$drv" scan --format json -o "$t/s.json" . >"$t/out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "suppressed: exit $rc, expected 0"
grep -q '"reason":.*"checked by hand"' "$t/s.json" || fail "no suppression reason in JSON"

# suppression without a reason: an error at the comment, not suppressed
sed -i "${line}s/: checked by hand//" miniport.c
"$drv" scan --color=never . >"$t/out" 2>&1
grep -q "^\(\./\)\{0,1\}miniport.c:$line:[0-9]*: error: drvcheck-suppress with no reason" "$t/out" ||
    fail "no error for a suppression without a reason"
grep -q "error: \[NdisMDeregisterInterruptEx\]" "$t/out" || fail "a reasonless suppression suppressed"

# output into a missing directory: exit 2, clear message, no file
"$drv" scan --format sarif -o "$t/missing/dir/x.sarif" . >"$t/out" 2>&1
rc=$?
[ $rc -eq 2 ] || fail "-o into a missing directory: exit $rc, expected 2"
grep -q "does not exist" "$t/out" || fail "no clear message for a missing output directory"
[ -e "$t/missing" ] && fail "something was created for a missing directory"
ls -a "$t" | grep -q '^\.x\.sarif' && fail "temporary file left behind"
echo "ok: formats, baseline, suppressions and atomic output through drvcheck scan"
exit 0
