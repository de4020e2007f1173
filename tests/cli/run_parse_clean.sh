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
    if ! /usr/bin/python3 - "$tmp/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = [d for d in r.get("diagnostics", []) if d.get("severity") == "error"]
for d in bad[:40]:
    print("  %s:%s:%s: %s" % (d.get("file"), d.get("line"), d.get("column"), d.get("message")))
for k in ("incomplete_files", "assumed"):
    for x in r.get(k) or []:
        print("  %s: %s" % (k, x))
sys.exit(1 if bad or r.get("incomplete_files") or r.get("assumed") else 0)
PY
    then
        echo "FAIL: $tree does not parse cleanly against the model"
        fails=$((fails + 1))
    fi
done
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
