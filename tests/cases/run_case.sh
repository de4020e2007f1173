#!/bin/sh
# run_case.sh DRVCHECK CASE_DIR
# Scans CASE_DIR (extra options in CASE_DIR/args, one line) and compares the
# defects with CASE_DIR/expected.txt exactly (errors and possible defects:
# warnings, whose trace could only be shown approximately).  expected.txt has one line per
# defect, `file:line:col: [Rule]`, paths relative to CASE_DIR, sorted; an
# empty file means the case must scan clean.  The exit code must agree: 1
# with defects, 0 without, and the sources must parse with no error.  A
# case drvcheck gets wrong today carries known-limit.txt (see below).
drvcheck=$1
dir=$2
args=""
[ -f "$dir/args" ] && args=$(cat "$dir/args")
out=$(mktemp) || exit 2
trap 'rm -f "$out" "$out.got" "$out.err"' EXIT
cd "$dir" || exit 2
# shellcheck disable=SC2086
"$drvcheck" scan --color=never $args . >"$out" 2>"$out.err"
rc=$?
sed -n 's/^\(.*:[0-9]*:[0-9]*\): \(error\|warning\): \(\[[^]]*\]\).*/\1: \3/p' "$out" | sed 's#^\./##' | LC_ALL=C sort >"$out.got"
# Every case is a driver that builds: a front-end error (a diagnostic that
# is no defect) means the case or the model is broken, whatever it reports.
if grep -E ':[0-9]+:[0-9]+: error: ' "$out" "$out.err" | grep -qv ': error: \['; then
    echo "--- the case does not parse cleanly; full output:"; cat "$out" "$out.err"; exit 1
fi
# A known limit (known-limit.txt: why, in # lines, then what drvcheck reports
# today, in the expected.txt format): the case keeps its true expectation,
# and the test pins today's output, so a fix (or any change) shows up.
if [ -f known-limit.txt ]; then
    if [ "$rc" -gt 1 ]; then
        echo "--- exit code $rc; full output:"; cat "$out" "$out.err"; exit 1
    fi
    if LC_ALL=C sort expected.txt | cmp -s - "$out.got"; then
        echo "--- known limit fixed: the output matches expected.txt; delete known-limit.txt"
        exit 1
    fi
    if ! grep -v '^#' known-limit.txt | LC_ALL=C sort | diff -u - "$out.got"; then
        echo "--- known limit: output changed from known-limit.txt; full output:"
        cat "$out" "$out.err"
        exit 1
    fi
    exit 0
fi
if ! LC_ALL=C sort expected.txt | diff -u - "$out.got"; then
    echo "--- defects differ (expected vs got); full output:"
    cat "$out" "$out.err"
    exit 1
fi
want=0
[ -s expected.txt ] && want=1
if [ "$rc" -ne "$want" ]; then
    echo "--- exit code $rc, expected $want; full output:"
    cat "$out" "$out.err"
    exit 1
fi
exit 0
