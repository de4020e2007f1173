#!/bin/sh
# run_union_test.sh DRVCHECK CASES_DIR - scanning a tree of many drivers gives
# exactly the union of scanning each driver alone.
drvcheck=$1
cases=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$cases" || exit 2
"$drvcheck" scan --color=never . 2>/dev/null | grep ': error: \[' | sed 's#^\./##' | LC_ALL=C sort >"$tmp/all"
: >"$tmp/each"
for d in */; do
    d=${d%/}
    [ -f "$d/expected.txt" ] || continue
    [ -f "$d/args" ] && continue        # cases with their own options are not comparable
    "$drvcheck" scan --color=never "$d" 2>/dev/null | grep ': error: \[' | sed "s#^#$d/#" >>"$tmp/each"
done
# the whole-tree scan includes cases that have options; compare on the others
for d in */; do
    d=${d%/}
    [ -f "$d/args" ] && grep -v "^$d/" "$tmp/all" >"$tmp/all2" && mv "$tmp/all2" "$tmp/all"
done
LC_ALL=C sort "$tmp/each" >"$tmp/each.sorted"
if ! diff -u "$tmp/each.sorted" "$tmp/all"; then
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$(wc -l <"$tmp/all") defects agree; 1 passed, 0 failed"
