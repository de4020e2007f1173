#!/bin/sh
# engine_share.sh DRVCHECK TREE [scan options...] - the engine's share of a
# scan in instructions (valgrind's callgrind), which does not move with the
# machine's load the way wall time does:
#   engine (eng_prepare in harness.c + eng_check in check.c) / parse and lower
#   (every parse_job)
# `drvcheck scan -j 1 TREE`, every bundled rule.  Needs valgrind
# (apt-get install valgrind); slow (about 50 times a plain scan), so for
# small and middle trees.  A measurement, not a test.
drvcheck=$1
tree=$2
shift 2
command -v valgrind >/dev/null || { echo "engine_share: valgrind not found"; exit 2; }
out=$(mktemp) || exit 2
txt=$(mktemp) || exit 2
trap 'rm -f "$out" "$txt"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" "$drvcheck" scan -j 1 "$@" "$tree" \
    >/dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 "$out" >"$txt" 2>/dev/null
sum() { grep -E "^ *[0-9,]+ .*$1 \[" "$txt" | awk '{gsub(",", "", $1); s += $1} END {printf "%.0f", s}'; }
# (a binary built without -g has no file names: callgrind_annotate shows
# "???:eng_check", which counts the same)
eng=$(sum '(src/engine/(check|harness).c|[?][?][?]):(eng_check|eng_prepare)')
par=$(sum '(src/front/parse.c|[?][?][?]):parse_job')
awk -v t="$tree" -v e="$eng" -v p="$par" 'BEGIN {
    printf "%s: engine %.0f M instructions, parse+lower %.0f M, engine share %.1f%%\n",
           t, e / 1e6, p / 1e6, (p > 0 ? 100 * e / p : 0) }'
