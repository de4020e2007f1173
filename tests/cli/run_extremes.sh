#!/bin/sh
# run_extremes.sh DRVCHECK - inputs at the limits a hostile or generated tree
# can reach: a statement too deep for libclang (it overflows its stack; the
# scan must stop with the file's name and exit 2, not a signal), thousands
# of defects with long paths (the report must stay small), an expression
# deep enough for libclang but not for the engine's walks, and running out
# of memory (a message and exit 2, not a bare abort).  Not under
# AddressSanitizer, whose handler reports the parser's overflow itself.
drvcheck=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {   # check NAME EXPECTED_RC ACTUAL_RC
    if [ "$2" != "$3" ]; then echo "FAIL: $1: exit $3, expected $2"; fails=$((fails + 1)); fi
}

# 1. three million `+ 0` terms in one call's argument: clang's parser recurses
# along it and overflows (two million it parses; lowering stops at 2,000 levels)
mkdir -p "$tmp/deep"
{
    printf '#include <ndis.h>\nvoid f(void)\n{\n    NdisStallExecution(10'
    awk 'BEGIN { s = ""; for (i = 0; i < 1000; i++) s = s " + 0"; for (j = 0; j < 3000; j++) printf "%s", s }'
    printf ');\n}\n'
} >"$tmp/deep/mp.c"
timeout 300 "$drvcheck" scan --no-progress -o "$tmp/deep.json" --format json "$tmp/deep" >"$tmp/out" 2>&1
check "a statement too deep for the parser exits 2" 2 $?
grep -q "mp.c:1:1: error: parsing this file crashed" "$tmp/out" ||
    { echo "FAIL: the parser's crash is not named"; cat "$tmp/out"; fails=$((fails + 1)); }
[ -e "$tmp/deep.json" ] && { echo "FAIL: a report was written after the parser crashed"; fails=$((fails + 1)); }

# 2. 3,000 stall sites, each after 3,000 branches: every defect is reported,
# the traces are cut (past 16,000 steps back, the oldest are left out), and
# the JSON stays small
mkdir -p "$tmp/many"
{
    printf '#include <ndis.h>\nint g[8];\nDRIVER_INITIALIZE DriverEntry;\n'
    printf 'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n'
    printf '    UNREFERENCED_PARAMETER(d);\n    UNREFERENCED_PARAMETER(r);\n'
    awk 'BEGIN { for (i = 0; i < 3000; i++) printf "    if (g[%d]) { g[%d] = %d; }\n", i % 8, (i + 1) % 8, i;
                 for (i = 0; i < 3000; i++) printf "    if (g[%d]) { NdisStallExecution(%d); }\n", i % 8, 51 + i }'
    printf '    return STATUS_SUCCESS;\n}\n'
} >"$tmp/many/mp.c"
timeout 300 "$drvcheck" scan --no-progress --format json -o "$tmp/many.json" "$tmp/many" >/dev/null 2>&1
check "3,000 stall defects" 1 $?
n=$(grep -c '"severity":' "$tmp/many.json")
[ "$n" -eq 3000 ] || { echo "FAIL: $n stall defects reported, expected 3000"; fails=$((fails + 1)); }
size=$(wc -c <"$tmp/many.json")
[ "$size" -lt 300000000 ] || { echo "FAIL: the JSON report holds $size bytes"; fails=$((fails + 1)); }
grep -q "earlier steps of this path are left out" "$tmp/many.json" ||
    { echo "FAIL: no trace was cut"; fails=$((fails + 1)); }

# 2b. a defect behind 1,200 branches of one OID handler: the trace keeps the
# callbacks entered and the registration, and leaves out old branches (it
# kept the last 1,000 steps, all branches: blind round 10)
mkdir -p "$tmp/long"
{
    printf '#include <ndis.h>\nDRIVER_INITIALIZE DriverEntry;\nMINIPORT_INITIALIZE MpInit;\n'
    printf 'MINIPORT_HALT MpHalt;\nMINIPORT_OID_REQUEST MpOid;\nMINIPORT_ISR MpIsr;\n'
    printf 'MINIPORT_INTERRUPT_DPC MpDpc;\nMINIPORT_SYNCHRONIZE_INTERRUPT MpSync;\n'
    printf 'typedef struct _AD { NDIS_HANDLE Irq; ULONG Acc; BOOLEAN On; } AD, *PAD;\n'
    printf 'static NDIS_HANDLE gDrv;\n'
    printf 'BOOLEAN MpIsr(NDIS_HANDLE c, PBOOLEAN q, PULONG t) { *q = FALSE; return FALSE; }\n'
    printf 'VOID MpDpc(NDIS_HANDLE c, PVOID x, PVOID y, PVOID z) { }\n'
    printf 'BOOLEAN MpSync(NDIS_HANDLE c) { return TRUE; }\n'
    printf 'NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE dc, PNDIS_MINIPORT_INIT_PARAMETERS p)\n{\n'
    printf '    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES ra;\n'
    printf '    NDIS_MINIPORT_INTERRUPT_CHARACTERISTICS ic;\n'
    printf '    PAD a = NdisAllocateMemoryWithTagPriority(h, sizeof(AD), 1, NormalPoolPriority);\n'
    printf '    if (a == NULL) return NDIS_STATUS_RESOURCES;\n    NdisZeroMemory(a, sizeof(AD));\n'
    printf '    NdisZeroMemory(&ra, sizeof(ra));\n    ra.MiniportAdapterContext = a;\n'
    printf '    NdisMSetMiniportAttributes(h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&ra);\n'
    printf '    NdisZeroMemory(&ic, sizeof(ic));\n    ic.InterruptHandler = MpIsr;\n'
    printf '    ic.InterruptDpcHandler = MpDpc;\n'
    printf '    if (NdisMRegisterInterruptEx(h, a, &ic, &a->Irq) != NDIS_STATUS_SUCCESS) {\n'
    printf '        NdisFreeMemory(a, 0, 0);\n        return NDIS_STATUS_FAILURE;\n    }\n'
    printf '    a->On = TRUE;\n    return NDIS_STATUS_SUCCESS;\n}\n'
    printf 'VOID MpHalt(NDIS_HANDLE c, NDIS_HALT_ACTION x) { PAD a = (PAD)c; if (a->On) NdisMDeregisterInterruptEx(a->Irq); }\n'
    printf 'NDIS_STATUS MpOid(NDIS_HANDLE c, PNDIS_OID_REQUEST r)\n{\n'
    printf '    PAD a = (PAD)c;\n    ULONG v = r->DATA.SET_INFORMATION.Oid, acc = 0;\n'
    awk 'BEGIN { for (i = 0; i < 1200; i++) printf "    if (v & %u) { acc += %d; } else { acc ^= %d; }\n", 2 ^ (i % 31), i, 3 * i }'
    printf '    a->Acc = acc;\n    if (a->On && (v & 0x80000000)) {\n'
    printf '        NdisMDeregisterInterruptEx(a->Irq);\n'
    printf '        NdisMSynchronizeWithInterruptEx(a->Irq, 0, MpSync, a);\n        a->On = FALSE;\n    }\n'
    printf '    return NDIS_STATUS_SUCCESS;\n}\n'
    printf 'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n'
    printf '    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;\n    NdisZeroMemory(&c, sizeof(c));\n'
    printf '    c.InitializeHandlerEx = MpInit;\n    c.HaltHandlerEx = MpHalt;\n'
    printf '    c.OidRequestHandler = MpOid;\n'
    printf '    return NdisMRegisterMiniportDriver(d, r, NULL, &c, &gDrv);\n}\n'
} >"$tmp/long/mp.c"
timeout 300 "$drvcheck" scan --no-progress --color=never --rule NdisMDeregisterInterruptEx \
    "$tmp/long" >"$tmp/long.txt" 2>&1
check "a defect behind 1,200 branches" 1 $?
for want in "NDIS calls MpInit" "NdisMRegisterInterruptEx returns" "NDIS calls MpOid" \
            "steps of this path are left out here" "registered -> deregistered"; do
    grep -q "$want" "$tmp/long.txt" ||
        { echo "FAIL: the long trace lost \"$want\""; fails=$((fails + 1)); }
done

# 3. an expression 30,000 levels deep that libclang parses (a chain of `~`):
# the engine's walks of it overflowed the stack; deeper than 2,000 levels it
# is an unknown value, and the driver's defect is still reported
mkdir -p "$tmp/chain"
{
    printf '#include <ndis.h>
int g;
int f(int x)
{
    return '
    awk 'BEGIN { for (i = 0; i < 30000; i++) printf "~" }'
    printf 'x;
}
DRIVER_INITIALIZE DriverEntry;
'
    printf 'NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
'
    printf '    UNREFERENCED_PARAMETER(d);
    UNREFERENCED_PARAMETER(r);
'
    printf '    g = f(g);
    NdisStallExecution(100);
    return STATUS_SUCCESS;
}
'
} >"$tmp/chain/mp.c"
timeout 300 "$drvcheck" scan --no-progress -j 1 "$tmp/chain" >"$tmp/out" 2>&1
check "a 30,000-level expression" 1 $?
grep -q "mp.c:13:5: error: \[NdisStallExecution_Delay\]" "$tmp/out" ||
    { echo "FAIL: the stall after the deep expression is not reported"; cat "$tmp/out"; fails=$((fails + 1)); }

# 4. out of memory (the 3,000 stall defects under a 500 MB address space; a
# small scan needs less than half of that): one line that says so, exit 2,
# no report and no temporary file left, not a bare abort (exit 134).  Skipped
# when the small scan itself does not run under the limit.
mkdir -p "$tmp/small" "$tmp/oomout"
printf '#include <ndis.h>\nint f(void) { return 0; }\n' >"$tmp/small/mp.c"
if (ulimit -v 500000 && "$drvcheck" scan --no-progress -j 1 "$tmp/small" >/dev/null 2>&1); then
    (ulimit -v 500000 && exec timeout 300 "$drvcheck" scan --no-progress -j 1 --format json \
        -o "$tmp/oomout/r.json" "$tmp/many") >"$tmp/out" 2>&1
    check "out of memory" 2 $?
    grep -q "^drvcheck: error: out of memory (or an internal error); stopping, no complete report was written" "$tmp/out" ||
        { echo "FAIL: out of memory is not said"; cat "$tmp/out"; fails=$((fails + 1)); }
    [ -z "$(ls -A "$tmp/oomout")" ] ||
        { echo "FAIL: out of memory left a file: $(ls -A "$tmp/oomout")"; fails=$((fails + 1)); }
else
    echo "skipped: out of memory (a small scan does not run under ulimit -v 500000 here)"
fi

echo "extremes: $fails failed"
[ "$fails" -eq 0 ]
