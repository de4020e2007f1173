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
# the traces are cut (most recent steps kept), and the JSON stays small
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
