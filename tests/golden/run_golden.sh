#!/bin/sh
# run_golden.sh DRVCHECK SNIPPET.c
# Compares `drvcheck cfg SNIPPET.c` with SNIPPET.cfg exactly.
drvcheck=$1
src=$2
want=${src%.c}.cfg
cd "$(dirname "$src")" || exit 2
"$drvcheck" cfg "$(basename "$src")" >"$want.got" 2>&1
rc=$?
if ! diff -u "$want" "$want.got"; then
    echo "--- cfg output differs (exit $rc)"
    rm -f "$want.got"
    exit 1
fi
rm -f "$want.got"
exit 0
