#!/bin/sh
# run_shared_test.sh DRVCHECK TESTS_DIR - a scan parses a system header once for the files that
# can share it (src/front/shared.c).  Checks which files of the shared-header fixture share
# <ndis.h> and why the others do not (tests/cli/shared/expected_*.txt), with and without a
# folder that holds a header of <ndis.h>'s own; and that the report is the same, byte for byte,
# with sharing on (from the first file) and off: on the fixture both ways and on every driver
# case scanned as one tree.
drvcheck=$1
tests=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# same NAME WANT SCAN-ARGS...: the JSON report with sharing off and on; WANT: a word it holds
same() {
    name=$1
    want=$2
    shift 2
    DRVCHECK_SHARED_HEADERS=0 "$drvcheck" scan -j 2 --format json "$@" 2>/dev/null |
        grep -v '"elapsed_ms"' >"$tmp/off.json"
    DRVCHECK_SHARED_HEADERS=1 DRVCHECK_FRONT_STATS=1 "$drvcheck" scan -j 2 --format json "$@" \
        2>"$tmp/on.err" | grep -v '"elapsed_ms"' >"$tmp/on.json"
    if ! grep -q "$want" "$tmp/on.json"; then
        bad "$name: the report does not name $want"
    elif ! cmp -s "$tmp/off.json" "$tmp/on.json"; then
        bad "$name: the report differs with shared headers"
        diff "$tmp/off.json" "$tmp/on.json" | head -20
    else
        ok
    fi
}

# decided EXPECTED: each file's "front: FILE: shared header ..." line of the last run
decided() {
    sed -n 's#^front: .*/\([^/]*\): shared header \(.*\)$#\1 \2#p' "$tmp/on.err" |
        sed 's# /[^ ]*/rules/wdk/# #' | LC_ALL=C sort >"$tmp/got"
    if diff -u "$1" "$tmp/got"; then ok; else bad "which files share: $(basename "$1")"; fi
}

cd "$tests/cli/shared" || exit 2
same fixture NdisMDeregisterInterruptEx main
decided expected_shared.txt
same "fixture, -I shadow_inc" NdisMDeregisterInterruptEx -I shadow_inc main
decided expected_shadow.txt
cd "$tests/cases" || exit 2
same "every case as one tree" NdisMDeregisterInterruptEx .
if ! grep -q 'shared header .*ndis\.h$' "$tmp/on.err"; then
    bad "no case shared <ndis.h>"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
