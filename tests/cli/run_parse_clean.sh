#!/bin/sh
# run_parse_clean.sh DRVCHECK SOURCE_DIR - every driver source the project
# ships (tests/cases, samples, report test drivers) parses with zero errors
# against the bundled WDK model, and nothing had to be assumed.
drvcheck=$1
src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0
for tree in "$src/tests/cases" "$src/samples" "$src/tests/data/report/drv"; do
    [ -d "$tree" ] || continue
    n=$((n + 1))
    "$drvcheck" scan --color=never --format json -o "$tmp/r.json" "$tree" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "FAIL: $tree: exit $rc"; cat "$tmp/err"; fails=$((fails + 1)); continue
    fi
    # any error diagnostic, incomplete file or assumed name is a failure
    if grep -q '"severity":[[:space:]]*"error"' "$tmp/r.json"; then
        echo "FAIL: $tree: parse errors:"
        grep -B3 -A3 '"severity":[[:space:]]*"error"' "$tmp/r.json" | head -60
        fails=$((fails + 1))
    fi
    if tr -d '\n\t ' <"$tmp/r.json" | grep -q '"incomplete_files":\["'; then
        echo "FAIL: $tree: incomplete files:"; tr -d '\n\t ' <"$tmp/r.json" | grep -o '"incomplete_files":\[[^]]*\]'
        fails=$((fails + 1))
    fi
    if tr -d '\n\t ' <"$tmp/r.json" | grep -q '"assumed":\["'; then
        echo "FAIL: $tree: names assumed:"; tr -d '\n\t ' <"$tmp/r.json" | grep -o '"assumed":\[[^]]*\]'
        fails=$((fails + 1))
    fi
done
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
