#!/bin/sh
# run_parse_clean.sh DRVCHECK SOURCE_DIR - every driver source the project
# ships (tests/cases, samples, report test drivers) parses with zero errors
# against the bundled WDK model, and nothing had to be assumed (except what
# a recovery case lists in its assumed.txt).
drvcheck=$1
src=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0
# cases built from a compile database are scanned through it (its -D and
# forced includes); the others as one tree
mkdir "$tmp/cases"
dbs=""
for c in "$src"/tests/cases/*/; do
    c=${c%/}
    if [ -f "$c/compile_commands.json" ]; then
        dbs="$dbs $c/compile_commands.json"
    else
        ln -s "$c" "$tmp/cases/$(basename "$c")"
    fi
done
# shellcheck disable=SC2086
for tree in "$tmp/cases" $dbs "$src/samples" "$src/tests/data/report/drv"; do
    [ -e "$tree" ] || continue
    n=$((n + 1))
    "$drvcheck" scan --color=never --format json -o "$tmp/r.json" "$tree" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "FAIL: $tree: exit $rc"; cat "$tmp/err"; fails=$((fails + 1)); continue
    fi
    # any error diagnostic, incomplete file or assumed name is a failure
    if ! /usr/bin/python3 - "$tmp/r.json" "$tree" <<'PY'
import json, os, re, sys
r = json.load(open(sys.argv[1]))
tree = sys.argv[2]
bad = [d for d in r.get("diagnostics", []) if d.get("severity") == "error"]
for d in bad[:40]:
    print("  %s:%s:%s: %s" % (d.get("file"), d.get("line"), d.get("column"), d.get("message")))
for x in r.get("incomplete_files") or []:
    print("  incomplete_files: %s" % x)
# a case about recovery (WPP, header case, lvalue casts) lists what it
# expects drvcheck to assume in assumed.txt; nothing else may be assumed
got, want = {}, {}
for x in r.get("assumed") or []:
    x = re.sub(r" \(found as [^)]*\)| of /\S+", "", x)
    got.setdefault(x.split("/")[0], []).append(x)
for case in sorted(os.listdir(tree)) if os.path.isdir(tree) else []:
    f = os.path.join(tree, case, "assumed.txt")
    if os.path.isfile(f):
        want[case] = [l.strip() for l in open(f) if l.strip()]
wrong = [c for c in set(got) | set(want) if sorted(got.get(c, [])) != sorted(want.get(c, []))]
for c in sorted(wrong):
    print("  assumed in %s: %s, expected %s" % (c, got.get(c, []), want.get(c, [])))
sys.exit(1 if bad or r.get("incomplete_files") or wrong else 0)
PY
    then
        echo "FAIL: $tree does not parse cleanly against the model"
        fails=$((fails + 1))
    fi
done
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
