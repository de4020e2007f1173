#!/bin/sh
# scan_bench.sh DRVCHECK TREE... - drvcheck against clang -fsyntax-only on the
# same files, same flags, measured in one run, one process each.
#
# For every TREE: all .c files below it, -I for every folder holding a .h
# (what a directory scan does), the front end's target and defines.  Prints
#   clang -fsyntax-only (one process over all files)    C s
#   drvcheck scan -j 1 (parse + lower + every rule)      D s   ratio D/C
#   of which engine (drvcheck --stats)                   E ms  = E / parse
# The figures are ratios from the same run, so they do not depend on the
# machine's speed; run it on a quiet machine all the same.  No timing is
# asserted anywhere: this is a measurement, not a test.
drvcheck=$1
shift
model=${DRVCHECK_RULES_DIR:-$(dirname "$0")/../../rules}/wdk
clang=$(command -v clang-14 || command -v clang)
[ -n "$clang" ] || { echo "scan_bench: clang not found"; exit 2; }
now() { date +%s.%N; }
for tree in "$@"; do
    files=$(find "$tree" -name '*.c' -type f | LC_ALL=C sort)
    [ -n "$files" ] || continue
    incs=$(find "$tree" -name '*.h' -type f -exec dirname {} \; | LC_ALL=C sort -u | sed 's/^/-I/')
    n=$(echo "$files" | wc -l)
    t0=$(now)
    # shellcheck disable=SC2086
    "$clang" -fsyntax-only -w -ferror-limit=0 --target=x86_64-pc-windows-msvc -fms-extensions \
        -fms-compatibility -isystem "$model" -D_KERNEL_MODE=1 -D_AMD64_=1 -D_WIN64=1 \
        -DNDIS_MINIPORT_DRIVER=1 -DNDIS_WDM=1 -DDBG=0 $incs $files \
        >/dev/null 2>&1
    t1=$(now)
    stats=$("$drvcheck" scan -j 1 --stats --no-progress --color=never "$tree" 2>&1 >/dev/null | grep 'stats:')
    t2=$(now)
    parse=$(echo "$stats" | sed -n 's/.*parse+lower \([0-9.]*\) ms.*/\1/p')
    engine=$(echo "$stats" | sed -n 's/.*engine \([0-9.]*\) ms.*/\1/p')
    awk -v tree="$(basename "$tree")" -v n="$n" -v c0="$t0" -v c1="$t1" -v d1="$t2" \
        -v parse="${parse:-0}" -v engine="${engine:-0}" 'BEGIN {
        c = c1 - c0; d = d1 - c1;
        printf "%-20s files %4d  clang -fsyntax-only %7.2f s  drvcheck scan %7.2f s  ratio %5.2f  engine %8.1f ms = %5.1f%% of parse\n",
               tree, n, c, d, (c > 0 ? d / c : 0), engine, (parse > 0 ? 100 * engine / parse : 0) }'
done
