#!/bin/sh
# measure_corpus.sh - parse every .c file of driver trees with only the bundled WDK model.
# usage: tests/wdk/measure_corpus.sh [CORPUS_DIR] [TREE...]
# For each tree: every folder holding a .h goes on the include path (as a directory scan does).
# Prints per tree: files, files with zero errors, the most frequent error kinds.
# The corpus itself lives outside the repository (see /work/corpus/README.txt).
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-/work/corpus}
[ $# -gt 0 ] && shift
trees=${*:-"sdv-faildriver netvmini mux netkvm wdi"}
CLANG=${CLANG:-clang}
out=${OUT:-/tmp/wdk_measure}
mkdir -p "$out"
for t in $trees; do
    dir=$corpus/$t
    incs=$(find "$dir" -name '*.h' -exec dirname {} \; | sort -u | sed 's/^/-I/')
    : > "$out/$t.errors"
    files=0; clean=0
    for f in $(find "$dir" -name '*.c' | sort); do
        files=$((files + 1))
        # shellcheck disable=SC2086
        $CLANG -fsyntax-only -ferror-limit=0 --target=x86_64-pc-windows-msvc -fms-extensions \
            -fms-compatibility -isystem "$here/rules/wdk" -D_KERNEL_MODE=1 -D_AMD64_=1 \
            ${EXTRA:-} $incs "$f" > "$out/one.log" 2>&1
        n=$(grep -c 'error:' "$out/one.log")
        [ "$n" -eq 0 ] && clean=$((clean + 1))
        grep 'error:' "$out/one.log" | sed "s|^|$f: |" >> "$out/$t.errors"
    done
    echo "== $t: $files files, $clean with zero errors"
    sed 's/.*error: //' "$out/$t.errors" | sed "s/'[^']*'/'X'/g" | sort | uniq -c | sort -rn | head -8
done
