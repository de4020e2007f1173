#!/bin/sh
# run_extremes.sh DRVCHECK - inputs at the limits a hostile or generated tree
# can reach: a statement too deep for libclang (it overflows its stack; the
# scan must stop with the file's name and exit 2, not a signal), and thousands
# of defects with long paths (the report must stay small).  Not under
# AddressSanitizer, whose handler reports the parser's overflow itself.
drvcheck=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {   # check NAME EXPECTED_RC ACTUAL_RC
    if [ "$2" != "$3" ]; then echo "FAIL: $1: exit $3, expected $2"; fails=$((fails + 1)); fi
}

# 1. two million `+ 0` terms in one call's argument: clang recurses along it
mkdir -p "$tmp/deep"
{
    printf '#include <ndis.h>\nvoid f(void)\n{\n    NdisStallExecution(10'
    awk 'BEGIN { s = ""; for (i = 0; i < 1000; i++) s = s " + 0"; for (j = 0; j < 2000; j++) printf "%s", s }'
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

echo "extremes: $fails failed"
[ "$fails" -eq 0 ]
