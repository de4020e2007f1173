#!/bin/sh
# score.sh DRVCHECK - recall and false alarms over every driver case: each
# case scanned as run_case.sh scans it (its args file too), its defects
# (`file:line:col: [Rule]`, errors and warnings) compared with expected.txt.
# Prints expected, reported, found (in both), missed and extra, in all and
# per known-limit case.  A measurement, not a test: run_case.sh is the test.
drvcheck=$1
[ -x "$drvcheck" ] || { echo "usage: score.sh DRVCHECK" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
exp=0 got=0 found=0
for dir in "$here"/*/; do
    [ -f "$dir/expected.txt" ] || continue
    args=""
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    # shellcheck disable=SC2086
    (cd "$dir" && "$drvcheck" scan --color=never $args . 2>/dev/null) |
        sed -n 's/^\(.*:[0-9]*:[0-9]*\): \(error\|warning\): \(\[[^]]*\]\).*/\1: \3/p' |
        sed 's#^\./##' | LC_ALL=C sort >"$tmp/got"
    LC_ALL=C sort "$dir/expected.txt" >"$tmp/exp"
    e=$(wc -l <"$tmp/exp") g=$(wc -l <"$tmp/got") f=$(LC_ALL=C comm -12 "$tmp/exp" "$tmp/got" | wc -l)
    exp=$((exp + e)) got=$((got + g)) found=$((found + f))
    if [ "$e" -ne "$f" ] || [ "$g" -ne "$f" ]; then
        printf '%s: missed %d, extra %d%s\n' "$(basename "$dir")" $((e - f)) $((g - f)) \
            "$([ -f "$dir/known-limit.txt" ] && echo ' (known limit)')"
    fi
done
echo "cases: $exp expected defects, $got reported, $found found, $((exp - found)) missed, $((got - found)) extra"
