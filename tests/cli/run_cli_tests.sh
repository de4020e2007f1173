#!/bin/sh
# run_cli_tests.sh DRVCHECK SOURCE_DIR - the command line's contract:
# exit codes, bad input, directory walking, compile databases, -j.
drvcheck=$1
src=$2
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
pass=0
check() {   # check NAME EXPECTED_RC ACTUAL_RC
    if [ "$2" = "$3" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL: $1: exit $3, expected $2"
        fails=$((fails + 1))
    fi
}
contains() {  # contains NAME FILE PATTERN
    if grep -q -- "$3" "$2"; then
        pass=$((pass + 1))
    else
        echo "FAIL: $1: no '$3' in output:"
        cat "$2"
        fails=$((fails + 1))
    fi
}

# usage errors
"$drvcheck" >/dev/null 2>&1; check "no arguments" 2 $?
"$drvcheck" frobnicate >/dev/null 2>&1; check "unknown command" 2 $?
"$drvcheck" scan --no-such-option x >/dev/null 2>&1; check "unknown option" 2 $?
"$drvcheck" scan --format xml . >/dev/null 2>&1; check "unknown format" 2 $?
"$drvcheck" scan >/dev/null 2>&1; check "scan without path" 2 $?
"$drvcheck" --help >"$tmp/help" 2>&1; check "--help" 0 $?
contains "--help documents exit codes" "$tmp/help" "exit codes"
for c in scan cfg rules; do
    "$drvcheck" $c --help >"$tmp/out" 2>&1; check "$c --help" 0 $?
    contains "$c --help shows the help" "$tmp/out" "^usage: drvcheck scan"
done
"$drvcheck" --version >"$tmp/ver" 2>&1; check "--version" 0 $?
contains "--version" "$tmp/ver" "drvcheck"

# missing and empty inputs
"$drvcheck" scan "$tmp/does-not-exist" >"$tmp/out" 2>&1; check "missing path" 2 $?
contains "missing path names the path" "$tmp/out" "does-not-exist"
mkdir -p "$tmp/empty"
"$drvcheck" scan "$tmp/empty" >"$tmp/out" 2>&1; check "empty tree" 2 $?
contains "empty tree message" "$tmp/out" "no C source files"

# a clean driver, a symbolic-link loop, an unreadable folder
mkdir -p "$tmp/tree/sub"
cat >"$tmp/tree/drv.c" <<'C'
#include <ndis.h>
NDIS_STATUS Foo(NDIS_HANDLE h) { UNREFERENCED_PARAMETER(h); return NDIS_STATUS_SUCCESS; }
C
ln -s .. "$tmp/tree/sub/loop"
"$drvcheck" scan --color=never "$tmp/tree" >"$tmp/out" 2>&1; check "symlink loop ends" 0 $?

# an include folder named on the command line must exist: a mistyped one left
# every header missing, every file parsed with errors, and the scan passed
"$drvcheck" scan -I "$tmp/no-such-dir" "$tmp/tree" >"$tmp/out" 2>&1; check "-I of a missing folder" 2 $?
contains "-I of a missing folder names it" "$tmp/out" "error: -I $tmp/no-such-dir: "
"$drvcheck" scan "-I$tmp/no-such-dir" "$tmp/tree" >/dev/null 2>&1; check "-IDIR of a missing folder" 2 $?
"$drvcheck" scan --wdk-include "$tmp/no-such-dir" "$tmp/tree" >"$tmp/out" 2>&1; check "--wdk-include of a missing folder" 2 $?
contains "--wdk-include of a missing folder names it" "$tmp/out" "error: --wdk-include $tmp/no-such-dir: "
"$drvcheck" scan --wdk-include "$tmp/help" "$tmp/tree" >"$tmp/out" 2>&1; check "--wdk-include of a file" 2 $?
contains "--wdk-include of a file says so" "$tmp/out" "not a directory"
"$drvcheck" cfg -I "$tmp/no-such-dir" "$tmp/help" >/dev/null 2>&1; check "cfg -I of a missing folder" 2 $?
# cfg of a FILE it cannot read says why, in one line, as scan does
"$drvcheck" cfg "$tmp/does-not-exist.c" >"$tmp/out" 2>&1; check "cfg of a missing file" 2 $?
contains "cfg of a missing file says why" "$tmp/out" "does-not-exist.c: error: cannot read: No such file or directory"
[ "$(wc -l <"$tmp/out")" -eq 1 ]; check "cfg of a missing file: one line" 0 $?
"$drvcheck" cfg "$tmp/tree" >"$tmp/out" 2>&1; check "cfg of a folder" 2 $?
contains "cfg of a folder says so" "$tmp/out" "tree: error: is a directory"

# nothing parsed: every file has errors and none yields a function (binary
# garbage) is exit 2, the files' errors shown; a file with errors that yields
# a function is analysed as far as parsed, and a clean file without functions
# is no error
mkdir -p "$tmp/garb" "$tmp/halfbad" "$tmp/nofunc"
printf '\377\376\200\201garbage\n\001\002\373\374 )(][\n' >"$tmp/garb/g.c"
"$drvcheck" scan --no-progress --color=never "$tmp/garb" >"$tmp/out" 2>&1; check "a tree of garbage only" 2 $?
contains "a tree of garbage only: the message" "$tmp/out" "error: no source file could be parsed: every file has errors"
contains "a tree of garbage only: the file's errors" "$tmp/out" "^g.c:1:1: error: "
printf 'int f(void) { return 0; }\n#error generated\n' >"$tmp/halfbad/mp.c"
"$drvcheck" scan --no-progress --color=never "$tmp/halfbad" >"$tmp/out" 2>&1; check "a file with errors and a function is analysed" 0 $?
contains "a file with errors and a function: parsed with errors" "$tmp/out" "1 file parsed with errors"
printf 'int g = 1;\n' >"$tmp/nofunc/data.c"
"$drvcheck" scan --no-progress --color=never "$tmp/nofunc" >/dev/null 2>&1; check "a clean file without functions" 0 $?

# a folder link to the scanned folder or one that holds it (`up -> ..`) is not followed:
# the scan stays in its tree (a sibling's broken file is not read); a dangling link is
# named relative to the scan root, unless --absolute-paths
mkdir -p "$tmp/esc/root/sub" "$tmp/esc/sibling"
cp "$tmp/tree/drv.c" "$tmp/esc/root/drv.c"
printf '#error outside the scanned tree\n' >"$tmp/esc/sibling/evil.c"
ln -s .. "$tmp/esc/root/up"
ln -s ../.. "$tmp/esc/root/sub/upup"
ln -s "$tmp/esc/root" "$tmp/esc/root/sub/abs"
ln -s /nonexistent/gone.c "$tmp/esc/root/sub/gone.c"
"$drvcheck" scan --color=never --no-progress --fail-on defect,error,incomplete "$tmp/esc/root" >"$tmp/out" 2>&1
check "scan: a link to an enclosing folder is not followed" 0 $?
contains "scan: the link to .. is named" "$tmp/out" "^up: warning: symbolic link to '..'"
contains "scan: the link to ../.. is named" "$tmp/out" "^sub/upup: warning: symbolic link to '../..'"
contains "scan: an absolute link to the root is named" "$tmp/out" "^sub/abs: warning: symbolic link to"
if grep -q "evil.c" "$tmp/out"; then echo "FAIL: the scan left its tree"; cat "$tmp/out"; fails=$((fails + 1)); fi
contains "scan: a dangling link named relatively" "$tmp/out" "^sub/gone.c: warning: dangling symbolic link skipped"
"$drvcheck" scan --color=never --no-progress --absolute-paths "$tmp/esc/root" >"$tmp/out" 2>&1
contains "scan: a dangling link named absolutely with --absolute-paths" "$tmp/out" "^$tmp/esc/root/sub/gone.c: warning: dangling"

# C++ sources beside the C ones: not analysed, and the run says so
mkdir -p "$tmp/mixed"
cp "$tmp/tree/drv.c" "$tmp/mixed/drv.c"
cp "$tmp/tree/drv.c" "$tmp/mixed/queue.cpp"
"$drvcheck" scan --color=never "$tmp/mixed" >"$tmp/out" 2>&1; check "C and C++ tree" 0 $?
contains "C++ files named as not analysed" "$tmp/out" "queue.cpp: warning: 1 C++ source file is not analysed"
mkdir -p "$tmp/cxxonly"
cp "$tmp/tree/drv.c" "$tmp/cxxonly/drv.cpp"
"$drvcheck" scan --color=never "$tmp/cxxonly" >"$tmp/out" 2>&1; check "C++ only tree" 2 $?
contains "C++ only tree message" "$tmp/out" "1 C++ source file is not analysed"
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$tmp/tree/locked" && chmod 000 "$tmp/tree/locked"
    "$drvcheck" scan --color=never "$tmp/tree" >"$tmp/out" 2>&1; check "unreadable folder" 0 $?
    contains "unreadable folder reported" "$tmp/out" "locked"
    chmod 755 "$tmp/tree/locked"
fi

# a C file of the tree that cannot be read is unreadable input (exit 2, named), as
# when named: analysed without it, the driver's verdicts would leave its defects out.
# As root, tried as nobody (setpriv) when that can read the tree.
mkdir -p "$tmp/unrd"
cp "$tmp/tree/drv.c" "$tmp/unrd/drv.c"
cp "$tmp/tree/drv.c" "$tmp/unrd/locked.c"
chmod 000 "$tmp/unrd/locked.c"
as_user=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    chmod 711 "$tmp"; chmod 755 "$tmp/unrd"
    setpriv --reuid=65534 --regid=65534 --clear-groups "$drvcheck" --version >/dev/null 2>&1 &&
        as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
    $as_user "$drvcheck" scan --no-progress --color=never "$tmp/unrd" >"$tmp/out" 2>&1
    check "unreadable C file in a tree" 2 $?
    contains "unreadable C file named" "$tmp/out" "^locked.c: error: cannot read: Permission denied"
fi
chmod 700 "$tmp"

# a suppression without a reason is an error wherever it stands, defect or not
mkdir -p "$tmp/sup"
cat >"$tmp/sup/drv.c" <<'C'
#include <ndis.h>
// drvcheck-suppress NdisSpinLock
NDIS_STATUS Foo(NDIS_HANDLE h) { UNREFERENCED_PARAMETER(h); return NDIS_STATUS_SUCCESS; }
C
"$drvcheck" scan --color=never "$tmp/sup" >"$tmp/out" 2>&1; check "suppression without reason" 2 $?
contains "suppression diagnostic position" "$tmp/out" "drv.c:2:1: error: drvcheck-suppress"

# the same in a header that defines a function, and a rule name no rule has: each an
# error at its file:line:col on standard error, exit 2 (--fail-on error, the default),
# and the report is written all the same
mkdir -p "$tmp/suph"
cat >"$tmp/suph/drv.h" <<'C'
static __inline int Twice(int x)
{
    // drvcheck-suppress NdisSpinLock
    return 2 * x;
}
C
cat >"$tmp/suph/drv.c" <<'C'
#include <ndis.h>
#include "drv.h"
int Foo(void) { return Twice(1); } // drvcheck-suppress NdisSpinLok: a typo
C
"$drvcheck" scan --color=never --format json -o "$tmp/suph.json" "$tmp/suph" >"$tmp/out" 2>&1
check "bad suppressions in a header and a .c file" 2 $?
contains "bad suppression in a header" "$tmp/out" "drv.h:3:5: error: drvcheck-suppress with no reason"
contains "suppression of an unknown rule" "$tmp/out" "drv.c:3:57: error: drvcheck-suppress names an unknown rule 'NdisSpinLok'"
contains "report written despite bad suppressions" "$tmp/suph.json" '"verdicts"'
"$drvcheck" scan --color=never --fail-on defect "$tmp/suph" >"$tmp/out" 2>&1
check "bad suppressions do not fail without --fail-on error" 0 $?
contains "bad suppressions still shown without --fail-on error" "$tmp/out" "drv.h:3:5: error:"

# a report into a missing directory: exit 2, no file
"$drvcheck" scan --format json -o "$tmp/nodir/r.json" "$tmp/tree" >"$tmp/out" 2>&1; check "-o into missing dir" 2 $?
[ ! -e "$tmp/nodir/r.json" ]; check "no partial report" 0 $?

# -o writes into what the path names, never replaces it: a FIFO is written in
# place, a symbolic link's target is replaced and the link stays, /dev/null stays
# the device (tried through a link first: a writer that replaced what it was
# given would replace the real /dev/null only after failing there)
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/ofifo"
    timeout 60 cat "$tmp/ofifo" >"$tmp/ofifo.out" &
    reader=$!
    timeout 60 "$drvcheck" scan --format json -o "$tmp/ofifo" "$tmp/tree" >"$tmp/out" 2>&1; check "-o FIFO" 0 $?
    wait $reader
    [ -p "$tmp/ofifo" ]; check "-o FIFO stays a FIFO" 0 $?
    contains "-o FIFO: the report went through it" "$tmp/ofifo.out" '"verdicts"'
fi
mkdir -p "$tmp/oreal"
printf 'old\n' >"$tmp/oreal/r.json"
ln -s oreal/r.json "$tmp/olink"
"$drvcheck" scan --format json -o "$tmp/olink" "$tmp/tree" >"$tmp/out" 2>&1; check "-o symlink" 0 $?
[ -L "$tmp/olink" ]; check "-o symlink stays a symlink" 0 $?
contains "-o symlink: its target holds the report" "$tmp/oreal/r.json" '"verdicts"'
[ "$(ls -A "$tmp/oreal")" = r.json ]; check "-o symlink: no temporary file left" 0 $?
if [ ! -c /dev/null ]; then
    echo "note: /dev/null is not a character device before the test: -o /dev/null not tried"
else
    ln -s /dev/null "$tmp/onull"
    "$drvcheck" scan --format json -o "$tmp/onull" "$tmp/tree" >"$tmp/out" 2>&1; check "-o link to /dev/null" 0 $?
    if [ -L "$tmp/onull" ]; then
        "$drvcheck" scan --format sarif -o /dev/null "$tmp/tree" >"$tmp/out" 2>&1; check "-o /dev/null" 0 $?
        [ -c /dev/null ]; check "-o /dev/null stays a character device" 0 $?
    else
        echo "FAIL: -o replaced a symbolic link to /dev/null (not trying the real one)"
        fails=$((fails + 1))
    fi
fi

# options and inputs that are wrong say exactly what is wrong
"$drvcheck" scan --fail-on bogus "$tmp/tree" >"$tmp/out" 2>&1; check "--fail-on bogus" 2 $?
contains "--fail-on lists every value" "$tmp/out" "defect, timeout, error, incomplete"
# an empty list (an unset variable) is refused: `none` turns the gate off on purpose
"$drvcheck" scan --fail-on "" "$tmp/tree" >"$tmp/out" 2>&1; check "--fail-on empty" 2 $?
"$drvcheck" scan --fail-on=, "$tmp/tree" >"$tmp/out" 2>&1; check "--fail-on=," 2 $?
"$drvcheck" scan --color=never --baseline "$tmp/empty" "$tmp/tree" >"$tmp/out" 2>&1; check "--baseline on a directory" 2 $?
contains "--baseline on a directory says so" "$tmp/out" "cannot read baseline: is a directory"
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/bfifo"
    timeout 60 "$drvcheck" scan --color=never --baseline "$tmp/bfifo" "$tmp/tree" >"$tmp/out" 2>&1
    check "--baseline on a pipe" 2 $?
    contains "--baseline on a pipe says so" "$tmp/out" "cannot read baseline: not a regular file"
fi
printf 'x\n' >"$tmp/plainfile"
"$drvcheck" scan --color=never --write-baseline "$tmp/plainfile/b.json" "$tmp/tree" >"$tmp/out" 2>&1
check "--write-baseline unwritable" 2 $?
contains "--write-baseline unwritable names the baseline" "$tmp/out" "cannot write the baseline"
"$drvcheck" scan --color=never --write-baseline "$tmp/empty" "$tmp/tree" >"$tmp/out" 2>&1
check "--write-baseline on a directory" 2 $?
contains "--write-baseline on a directory says so" "$tmp/out" "cannot write the baseline: is a directory"
# NO_COLOR disables colour only when set and not empty (no-color.org); needs a terminal
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    NO_COLOR= script -qec "\"$drvcheck\" scan --no-progress \"$tmp/sup\"" /dev/null >"$tmp/out" 2>&1
    grep -q "$(printf '\033')" "$tmp/out"; check "empty NO_COLOR keeps colour" 0 $?
    NO_COLOR=1 script -qec "\"$drvcheck\" scan --no-progress \"$tmp/sup\"" /dev/null >"$tmp/out" 2>&1
    grep -q "$(printf '\033')" "$tmp/out"; check "NO_COLOR=1 turns colour off" 1 $?
fi

# bad rule file: file:line:col error, exit 2
printf 'state { enum {a, b} s = a; }\nFoo.entry { s = c; }\n' >"$tmp/bad.slic"
"$drvcheck" scan --rules "$tmp/bad.slic" "$tmp/tree" >"$tmp/out" 2>&1; check "bad rule" 2 $?
contains "bad rule position" "$tmp/out" "bad.slic:2:"
"$drvcheck" scan --rule NoSuchRule "$tmp/tree" >"$tmp/out" 2>&1; check "unknown --rule" 2 $?
# a rules folder without a rule is an error for `rules` as for `scan`
"$drvcheck" scan --rules "$tmp/empty" "$tmp/tree" >"$tmp/out" 2>&1; check "scan: rules folder without a rule" 2 $?
"$drvcheck" rules --rules "$tmp/empty" >"$tmp/out" 2>&1; check "rules: rules folder without a rule" 2 $?
contains "rules: rules folder without a rule says so" "$tmp/out" "empty: error: no rule (\*.slic) found here"

# compile_commands.json: flags are used, code-loading flags dropped, nothing run
mkdir -p "$tmp/db/inc"
printf '#define DRV_FLAG 1\n' >"$tmp/db/inc/cfg.h"
cat >"$tmp/db/a.c" <<'C'
#include <ndis.h>
#include "cfg.h"
#if !DRV_FLAG || !FROM_DB
#error flags from the compile database were not applied
#endif
VOID Bar(VOID) { }
C
cat >"$tmp/db/compile_commands.json" <<J
[{"directory": "$tmp/db", "file": "a.c",
  "arguments": ["cl", "/Iinc", "-DFROM_DB=1", "-Xclang", "-load", "-Xclang", "$tmp/evil.so",
                "-fplugin=$tmp/evil.so", "-o", "$tmp/db/should-not-exist.o", "-c", "a.c"]}]
J
"$drvcheck" scan --color=never "$tmp/db/compile_commands.json" >"$tmp/out" 2>&1; check "compile database" 0 $?
if grep -q "error" "$tmp/out"; then echo "FAIL: compile database flags:"; cat "$tmp/out"; fails=$((fails + 1)); fi
[ ! -e "$tmp/db/should-not-exist.o" ]; check "nothing written by the database command" 0 $?
# a folder that holds compile_commands.json is scanned as the database says:
# the files it lists, with their flags (a.c needs them), not the others
printf '#error not listed in the compile database\n' >"$tmp/db/stale.c"
"$drvcheck" scan --no-progress --color=never "$tmp/db" >"$tmp/out" 2>&1; check "folder with a compile database" 0 $?
contains "folder with a compile database: the note" "$tmp/out" "^compile_commands.json: note: this folder's compile database is used: the 1 C file(s) it lists"
if grep -q "error" "$tmp/out"; then echo "FAIL: folder with a compile database:"; cat "$tmp/out"; fails=$((fails + 1)); fi
rm -f "$tmp/db/stale.c"
# any .json named on the command line is a compile database, whatever its name;
# one that is not (an object, not JSON) is an error, not a C file
cp "$tmp/db/compile_commands.json" "$tmp/db/compile_commands.release.json"
"$drvcheck" scan --color=never "$tmp/db/compile_commands.release.json" >"$tmp/out" 2>&1
check "compile database of another name" 0 $?
contains "compile database of another name: its file scanned" "$tmp/out" "1 file,"
if grep -q "error" "$tmp/out"; then echo "FAIL: compile database of another name read as C:"; cat "$tmp/out"; fails=$((fails + 1)); fi
printf '{}\n' >"$tmp/obj.json"
"$drvcheck" scan --color=never "$tmp/obj.json" >"$tmp/out" 2>&1; check "a .json that is not a compile database" 2 $?
contains "a .json that is not a compile database says so" "$tmp/out" "obj.json:1:1: error: compile database must be a JSON array"
printf '[{"directory": 1' >"$tmp/bad_db.json"
cp "$tmp/bad_db.json" "$tmp/compile_commands.json"
"$drvcheck" scan "$tmp/compile_commands.json" >"$tmp/out" 2>&1; check "broken compile database" 2 $?
contains "broken database position" "$tmp/out" "compile_commands.json:1:"

# a budget too small: Timeout verdicts, never a silent Pass; --fail-on timeout fails
if [ -d "$src/tests/cases/02_halt_sync_after_dereg" ]; then
    "$drvcheck" scan --color=never --timeout 0.000001 "$src/tests/cases/02_halt_sync_after_dereg" >"$tmp/out" 2>&1
    check "timeout is not a failure by default" 0 $?
    contains "timeout verdict shown" "$tmp/out" "Timeout"
    if grep -q "\] Pass" "$tmp/out"; then echo "FAIL: a timed-out rule shows Pass"; fails=$((fails + 1)); fi
    "$drvcheck" scan --color=never --timeout 0.000001 --fail-on timeout "$src/tests/cases/02_halt_sync_after_dereg" >/dev/null 2>&1
    check "--fail-on timeout" 1 $?
fi

# a file libclang cannot parse in time (a macro that doubles 20 times: a million tokens)
# stops the scan with its name and exit 2, and no report, rather than hang a CI job
{
    echo '#define B0 1,'
    i=1
    while [ $i -le 20 ]; do echo "#define B$i B$((i - 1)) B$((i - 1))"; i=$((i + 1)); done
    echo 'static int a[] = { B20 0 };'
    echo 'int f(void) { return a[0]; }'
} >"$tmp/slow.c"
"$drvcheck" scan --color=never --parse-timeout 0.05 -o "$tmp/slow.json" --format json "$tmp/slow.c" >"$tmp/out" 2>&1
check "parse timeout exits 2" 2 $?
contains "parse timeout names the file" "$tmp/out" "slow.c:1:1: error: parsing did not finish within 0.05 s"
if [ -e "$tmp/slow.json" ]; then echo "FAIL: a report was written after a parse timeout"; fails=$((fails + 1)); fi
"$drvcheck" scan --color=never --parse-timeout 0 "$tmp/slow.c" >/dev/null 2>&1; check "--parse-timeout 0 refused" 2 $?
# a limit too large for a time_t (or inf) is no limit, not a timeout at once;
# "nan" is no number of seconds
"$drvcheck" scan --no-progress --parse-timeout 1e20 "$tmp/tree" >"$tmp/out" 2>&1; check "--parse-timeout 1e20 parses" 0 $?
"$drvcheck" scan --no-progress --parse-timeout inf "$tmp/tree" >"$tmp/out" 2>&1; check "--parse-timeout inf parses" 0 $?
"$drvcheck" scan --no-progress --timeout nan "$tmp/tree" >"$tmp/out" 2>&1; check "--timeout nan refused" 2 $?
contains "--timeout nan: the message" "$tmp/out" "timeout needs a positive number of seconds"

# DBG: 0 by default (the WDK 7 free build), undefined under a .vcxproj (MSBuild's
# Release): a field declared under `#if DBG` and read under `#ifdef DBG` parses
# only there (NXP's imxnetmini)
mkdir -p "$tmp/dbgv" "$tmp/dbgs"
cat >"$tmp/dbgv/mp.c" <<'EOC'
#include <ndis.h>
typedef struct _DV_ADAPTER {
    ULONG Flags;
#if DBG
    char Name[16];
#endif
} DV_ADAPTER;
#ifdef DBG
#define DV_NAME(a) ((a)->Name[0])
#else
#define DV_NAME(a) 0
#endif
int DvName(DV_ADAPTER *a) { return DV_NAME(a); }
EOC
cp "$tmp/dbgv/mp.c" "$tmp/dbgs/mp.c"
cat >"$tmp/dbgv/dv.vcxproj" <<'EOC'
<?xml version="1.0" encoding="utf-8"?>
<Project DefaultTargets="Build" ToolsVersion="12.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <ItemDefinitionGroup Condition="'$(Configuration)|$(Platform)'=='Release|x64'">
    <ClCompile>
      <PreprocessorDefinitions>%(PreprocessorDefinitions);NDIS620_MINIPORT=1</PreprocessorDefinitions>
    </ClCompile>
  </ItemDefinitionGroup>
  <ItemGroup>
    <ClCompile Include="mp.c" />
  </ItemGroup>
</Project>
EOC
"$drvcheck" scan --no-progress --fail-on incomplete "$tmp/dbgv" >/dev/null 2>&1
check "scan: DBG undefined under a .vcxproj (MSBuild Release)" 0 $?
"$drvcheck" scan --no-progress --fail-on incomplete "$tmp/dbgs" >/dev/null 2>&1
check "scan: DBG=0 without a build file (WDK 7 free build)" 2 $?
"$drvcheck" cfg "$tmp/dbgv/mp.c" >/dev/null 2>"$tmp/out"
if grep -q "error" "$tmp/out"; then echo "FAIL: cfg: DBG undefined under a .vcxproj:"; cat "$tmp/out"; fails=$((fails + 1)); fi
"$drvcheck" cfg -DDBG=1 "$tmp/dbgv/mp.c" >/dev/null 2>"$tmp/out"
if grep -q "error" "$tmp/out"; then echo "FAIL: cfg: -DDBG=1 under a .vcxproj:"; cat "$tmp/out"; fails=$((fails + 1)); fi
# a project with no Release|x64 is read for the nearest configuration, and the
# note names the one read
mkdir -p "$tmp/dbgx"
cp "$tmp/dbgv/mp.c" "$tmp/dbgx/mp.c"
sed 's/Release|x64/Debug|x64/' "$tmp/dbgv/dv.vcxproj" >"$tmp/dbgx/dv.vcxproj"
"$drvcheck" scan --no-progress --color=never "$tmp/dbgx" >"$tmp/out" 2>&1
contains "scan: the note names the configuration read" "$tmp/out" "^dv.vcxproj: note: 1 build define(s) from this project file (PreprocessorDefinitions, for Debug|x64)"
"$drvcheck" cfg "$tmp/dbgx/mp.c" >/dev/null 2>"$tmp/out"
contains "cfg: the note names the configuration read" "$tmp/out" "dv.vcxproj: note: 1 build define(s) from this project file (PreprocessorDefinitions, for Debug|x64)"

# a folder's only .vcxproj that lists every C file it compiles: a C file at or
# below the folder that it does not list is not scanned (a stale copy would
# define the listed file's function again); with a property among its entries
# the list is not known whole, and every file is scanned
mkdir -p "$tmp/vxs/old" "$tmp/vxo"
printf '#include <ndis.h>\nvoid MpQuiesce(void) { }\n' >"$tmp/vxs/quiesce.c"
printf '#include <ndis.h>\nvoid MpQuiesce(void) { NdisStallExecution(500); }\n' >"$tmp/vxs/old/quiesce_old.c"
sed 's#<ClCompile Include="mp.c" />#<ClCompile Include="quiesce.c" />#' "$tmp/dbgv/dv.vcxproj" >"$tmp/vxs/mp.vcxproj"
"$drvcheck" scan --no-progress --color=never "$tmp/vxs" >"$tmp/out" 2>&1
check "scan: a file the folder's project does not compile is not scanned" 0 $?
contains "scan: the note names it" "$tmp/out" "^mp.vcxproj: note: 1 C file(s) at or below this project's folder that it does not compile (old/quiesce_old.c)"
cp -r "$tmp/vxs/." "$tmp/vxo/"
sed 's#<ClCompile Include="quiesce.c" />#<ClCompile Include="quiesce.c;$(ExtraSources)" />#' "$tmp/vxs/mp.vcxproj" >"$tmp/vxo/mp.vcxproj"
"$drvcheck" scan --no-progress --color=never "$tmp/vxo" >"$tmp/out" 2>&1
check "scan: a project list with a property is not known whole: every file scanned" 1 $?

# a non-static function two files of one driver define is named (a build links
# one of them); one defined in a header both include is one definition
mkdir -p "$tmp/twice"
printf '#include <ndis.h>\nvoid MpQuiesce(void) { }\n' >"$tmp/twice/a.c"
printf '#include <ndis.h>\nvoid MpQuiesce(void) { }\n' >"$tmp/twice/b.c"
printf 'void MpShared(void) { }\n' >"$tmp/twice/h.h"
printf '#include <ndis.h>\n#include "h.h"\nvoid MpC(void) { MpShared(); }\n' >"$tmp/twice/c.c"
printf '#include <ndis.h>\n#include "h.h"\nvoid MpD(void) { MpShared(); }\n' >"$tmp/twice/d.c"
"$drvcheck" scan --no-progress --color=never "$tmp/twice" >"$tmp/out" 2>&1
check "scan: a function defined twice is no failure" 0 $?
contains "scan: a function defined in two files is named" "$tmp/out" "^b.c:2:6: warning: 'MpQuiesce' is also defined at a.c:2"
if grep -q "MpShared" "$tmp/out"; then echo "FAIL: a header's function counted twice"; cat "$tmp/out"; fails=$((fails + 1)); fi

# a device or pipe where a source, header or project file should be (a hostile
# tree: `#include "/dev/zero"`, a FIFO named like a header or a project file) is
# never read: reading /dev/zero never ends and opening a pipe waits for a writer.
# An #include of one stops the scan with its file:line and exit 2, and no report;
# a device named on the command line is an error; a pipe named `sources` or
# `x.vcxproj` in the tree is not read, and the scan goes on.
mkdir -p "$tmp/dev1" "$tmp/dev2" "$tmp/dev3"
printf '#include <ndis.h>\n#include "/dev/zero"\nint f(void) { return 0; }\n' >"$tmp/dev1/mp.c"
timeout 60 "$drvcheck" scan --color=never -o "$tmp/dev1.json" --format json "$tmp/dev1" >"$tmp/out" 2>&1
check "scan: #include of /dev/zero exits 2" 2 $?
contains "scan: #include of /dev/zero names the line" "$tmp/out" "mp.c:2:1: error: #include \"/dev/zero\" names /dev/zero"
if [ -e "$tmp/dev1.json" ]; then echo "FAIL: a report was written after an #include of a device"; fails=$((fails + 1)); fi
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$tmp/dev2/evil.h" "$tmp/dev3/x.vcxproj" "$tmp/dev3/sources"
    printf '#include <ndis.h>\n\n#include "evil.h"\nint f(void) { return 0; }\n' >"$tmp/dev2/mp.c"
    timeout 60 "$drvcheck" scan --color=never "$tmp/dev2" >"$tmp/out" 2>&1
    check "scan: #include of a pipe exits 2" 2 $?
    contains "scan: #include of a pipe names the line" "$tmp/out" "mp.c:3:1: error: #include \"evil.h\""
    printf 'int f(void) { return 0; }\n' >"$tmp/dev3/mp.c"
    timeout 60 "$drvcheck" scan --color=never "$tmp/dev3" >/dev/null 2>&1
    check "scan: pipes named sources and x.vcxproj are not read" 0 $?
    timeout 60 "$drvcheck" scan --color=never "$tmp/dev2/evil.h" >"$tmp/out" 2>&1
    check "scan: a pipe named on the command line is an error" 2 $?
fi
mkdir -p "$tmp/dev4"
printf 'int f(void) { return 0; }\n' >"$tmp/dev4/mp.c"
printf '[{"directory": "%s", "file": "mp.c", "arguments": ["clang", "-include", "/dev/zero", "-c", "mp.c"]}]\n' \
    "$tmp/dev4" >"$tmp/dev4/compile_commands.json"
timeout 60 "$drvcheck" scan --color=never "$tmp/dev4/compile_commands.json" >"$tmp/out" 2>&1
check "scan: a forced -include of /dev/zero exits 2" 2 $?
timeout 60 "$drvcheck" scan --color=never /dev/zero >"$tmp/out" 2>&1
check "scan: a device named on the command line is an error" 2 $?
contains "scan: a device named on the command line says why" "$tmp/out" "not a file or directory"

# an #include naming a folder ("sub/", "/", <sys/>, "X/" beside a file x) gets
# no stand-in (an unsaved file whose path ends in '/' crashed libclang): it stays
# clang's "file not found" at its line, that file is parsed with errors, and the
# other files are analysed as before
mkdir -p "$tmp/slash"
printf 'int x;\n' >"$tmp/slash/x"
printf '#include <ndis.h>\n#include "sub/"\n#include "/"\n#include <sys/>\n#include "X/"\nint f(void) { return 0; }\n' >"$tmp/slash/a.c"
printf '#include <ndis.h>\nDRIVER_INITIALIZE DriverEntry;\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n    UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\n    NdisStallExecution(100);\n    return STATUS_SUCCESS;\n}\n' >"$tmp/slash/mp.c"
timeout 60 "$drvcheck" scan --no-progress --color=never "$tmp/slash" >"$tmp/out" 2>&1
check "scan: an #include of a folder name is an error in its file only" 1 $?
contains "scan: #include \"sub/\" not found at its line" "$tmp/out" "a.c:2:10: error: 'sub/' file not found"
contains "scan: #include <sys/> not found at its line" "$tmp/out" "a.c:4:10: error: 'sys/' file not found"
contains "scan: #include \"X/\" beside a file x not found" "$tmp/out" "a.c:5:10: error: 'X/' file not found"
contains "scan: the file with the #include is parsed with errors" "$tmp/out" "1 file parsed with errors, analysed as far as parsed: a.c"
contains "scan: the other file's defect is reported" "$tmp/out" "mp.c:6:5: error: \[NdisStallExecution_Delay\]"

# clang lists at most 5,000 errors per file (with no limit a generated line of
# 40,000 stray characters gave 40,000 errors, and libclang found each one's
# column by scanning the line back: quadratic, 15 s here and 93 s for 300 KB);
# a file that reaches the limit is reported as parsed with errors, its error
# list said to be truncated, never as clean
mkdir -p "$tmp/manyerr"
awk 'BEGIN { print "int f(void) { return 0; }"; for (i = 0; i < 40000; i++) printf "\342\200\240" }' >"$tmp/manyerr/mp.c"
timeout 60 "$drvcheck" scan --no-progress --color=never "$tmp/manyerr" >"$tmp/out" 2>&1
check "scan: a line of 40,000 errors" 0 $?
timeout 60 "$drvcheck" scan --no-progress --format json -o "$tmp/manyerr.json" "$tmp/manyerr" >/dev/null 2>&1
contains "scan: the error list is said to be truncated" "$tmp/out" "mp.c: error: more than 5000 errors: clang lists no more of them"
contains "scan: a truncated file is incomplete" "$tmp/manyerr.json" '"incomplete_files":[[:space:]]*\["mp.c"\]'
# recovery goes on past the limit: a round whose listed errors reach further
# (T1 assumed, the first 6,000 errors gone) is kept
mkdir -p "$tmp/manyerr2"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "static int a%d(void) { T1 v = 0; return (int)v; }\n", i;
             for (i = 0; i < 6000; i++) printf "static int b%d(void) { return \"x\" * 2; }\n", i }' >"$tmp/manyerr2/mp.c"
"$drvcheck" scan --no-progress --color=never "$tmp/manyerr2" 2>&1 | grep -m1 ': error: ' >"$tmp/out"
contains "scan: truncated rounds: the one reaching further is kept" "$tmp/out" "^mp.c:3001:34: error: invalid operands"

# a member of an anonymous union is shown as the source names it
"$drvcheck" scan --color=never "$src/tests/cases/605_send_oversize_frame_returns_holding_lock_defect" \
    >"$tmp/out" 2>&1; check "anonymous member: the defect" 1 $?
contains "anonymous member: the branch as written" "$tmp/out" "\`Nb->DataLength > 1514\` is true"

# a search that did not follow everything says so: a recursive call taken to change nothing
mkdir -p "$tmp/recur"
cat >"$tmp/recur/mp.c" <<'EOF'
#include <ndis.h>
DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_OID_REQUEST MpOid;
MINIPORT_SYNCHRONIZE_INTERRUPT MpSyncFn;
typedef struct _AD { NDIS_HANDLE Irq; ULONG Depth; } AD, *PAD;
static NDIS_HANDLE gDrv;
BOOLEAN MpSyncFn(NDIS_HANDLE c) { return TRUE; }
static VOID MpWalk(PAD a, ULONG n)
{
    if (n == 0) { NdisMDeregisterInterruptEx(a->Irq); return; }
    MpWalk(a, n - 1);
    NdisMSynchronizeWithInterruptEx(a->Irq, 0, MpSyncFn, a);
}
NDIS_STATUS MpOid(NDIS_HANDLE c, PNDIS_OID_REQUEST r) { MpWalk((PAD)c, ((PAD)c)->Depth); return 0; }
NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE dc, PNDIS_MINIPORT_INIT_PARAMETERS p) { return 0; }
VOID MpHalt(NDIS_HANDLE c, NDIS_HALT_ACTION x) { }
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;
    NdisZeroMemory(&c, sizeof(c));
    c.InitializeHandlerEx = MpInit;
    c.HaltHandlerEx = MpHalt;
    c.OidRequestHandler = MpOid;
    return NdisMRegisterMiniportDriver(d, r, NULL, &c, &gDrv);
}
EOF
"$drvcheck" scan --color=never --rule NdisMDeregisterInterruptEx "$tmp/recur" >"$tmp/out" 2>&1
contains "recursion: the verdict says what it did not follow" "$tmp/out" \
    "a recursive call of MpWalk was taken to change nothing"

# the left side of && is a step of the trace: a loop left on its budget test shows that test
"$drvcheck" scan --color=never "$src/tests/cases/633_rx_budget_break_holds_lock_defect" \
    >"$tmp/out" 2>&1; check "left side of &&: the defect" 1 $?
contains "left side of &&: the test the loop ended on" "$tmp/out" "\`Indicated < Budget\` is false"

# a conditional argument of a rule's API is a test of the trace: the stall of 75 us is an error
# on the path that chose it (blind round 11)
"$drvcheck" scan --color=never "$src/tests/cases/648_mdio_poll_macro_ternary_defect" \
    >"$tmp/out" 2>&1; check "conditional argument: the defect" 1 $?
contains "conditional argument: the side taken" "$tmp/out" "\`Adapter->SlowMdio\` is true"
contains "conditional argument: an exact trace is an error" "$tmp/out" "error: \[NdisStallExecution_Delay\]"
# a post-decrement in a condition is shown as written, not as the lowering's temporary
mkdir -p "$tmp/postdec"
cat >"$tmp/postdec/mp.c" <<'EOF'
#include <ndis.h>
DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInit;
MINIPORT_HALT MpHalt;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturn;
typedef struct _AD { NDIS_SPIN_LOCK Lock; ULONG Pending; ULONG Users; } AD, *PAD;
static NDIS_HANDLE gDrv;
VOID MpReturn(NDIS_HANDLE c, PNET_BUFFER_LIST l, ULONG f)
{
    PAD a = (PAD)c;
    NdisAcquireSpinLock(&a->Lock);
    if (a->Pending-- > 0 && --a->Users == 0)
        return;
    NdisReleaseSpinLock(&a->Lock);
}
NDIS_STATUS MpInit(NDIS_HANDLE h, NDIS_HANDLE dc, PNDIS_MINIPORT_INIT_PARAMETERS p)
{
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES ra;
    PAD a = NdisAllocateMemoryWithTagPriority(h, sizeof(AD), 1, NormalPoolPriority);
    if (a == NULL) return NDIS_STATUS_RESOURCES;
    a->Pending = p->IfIndex;
    a->Users = p->NetLuid.Value & 0xFF;
    NdisAllocateSpinLock(&a->Lock);
    NdisZeroMemory(&ra, sizeof(ra));
    ra.MiniportAdapterContext = a;
    NdisMSetMiniportAttributes(h, (PNDIS_MINIPORT_ADAPTER_ATTRIBUTES)&ra);
    return NDIS_STATUS_SUCCESS;
}
VOID MpHalt(NDIS_HANDLE c, NDIS_HALT_ACTION x) { NdisFreeSpinLock(&((PAD)c)->Lock); }
NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS c;
    NdisZeroMemory(&c, sizeof(c));
    c.InitializeHandlerEx = MpInit;
    c.HaltHandlerEx = MpHalt;
    c.ReturnNetBufferListsHandler = MpReturn;
    return NdisMRegisterMiniportDriver(d, r, NULL, &c, &gDrv);
}
EOF
"$drvcheck" scan --color=never "$tmp/postdec" >"$tmp/out" 2>&1; check "post-decrement: the defect" 1 $?
contains "post-decrement: shown as written" "$tmp/out" "\`a->Pending-- > 0\` is true"
contains "pre-decrement: shown as written" "$tmp/out" "\`--a->Users == 0\` is true"
if grep -q '\$t[0-9]' "$tmp/out"; then echo "FAIL: a temporary in the trace"; fails=$((fails + 1)); fi

# traces through merged paths: one real path when a side of the join decides, else marked
if [ -d "$src/tests/cases/78_merged_paths_defect" ]; then
    "$drvcheck" scan --color=never "$src/tests/cases/78_merged_paths_defect" >"$tmp/out" 2>&1
    contains "merged paths: the trace takes the default case" "$tmp/out" "MP_LINK_2500_FULL\` is false"
    contains "merged paths: an exact trace is an error" "$tmp/out" "error: \[NdisMDeregisterInterruptEx\]"
    if grep -q "paths were merged" "$tmp/out"; then echo "FAIL: an exact trace marked approximate"; fails=$((fails + 1)); fi
    "$drvcheck" scan --color=never --format json "$src/tests/cases/79_merged_paths_derived_defect" >"$tmp/out" 2>&1
    contains "merged paths with a derived value: a note step" "$tmp/out" '"kind":[[:space:]]*"note"'
    contains "merged paths with a derived value: a possible defect (warning)" "$tmp/out" '"severity":[[:space:]]*"warning"'
    "$drvcheck" scan --color=never "$src/tests/cases/80_merged_status_returned_defect" >"$tmp/out" 2>&1
    contains "merged status returned: an error" "$tmp/out" "error: \[Init_RegisterInterrupt\]"
    contains "merged status returned: the failing path" "$tmp/out" "IfIndex & 7) == 5\` is false"
    if grep -q "paths were merged" "$tmp/out"; then echo "FAIL: a returned joined status marked approximate"; fails=$((fails + 1)); fi
fi

# a WDK 7 tree's `sources` defines: a scan and `cfg` of one of its files use them; -D on the
# command line wins
mkdir -p "$tmp/wdk7/sys"
cat >"$tmp/wdk7/sys/Sources" <<'EOS'
TARGETNAME=w7
!if "$(_BUILDARCH)"=="AMD64"
C_DEFINES=$(C_DEFINES) -DW7_64BIT \
    /DW7_LEVEL=2
!else
C_DEFINES=$(C_DEFINES) -DW7_32BIT
!endif
EOS
cat >"$tmp/wdk7/sys/w7.c" <<'EOS'
#if !defined(W7_64BIT) || defined(W7_32BIT)
#error "either 32bit or 64bit switch must be defined!"
#endif
int Level(void) { return W7_LEVEL; }
EOS
"$drvcheck" scan --color=never "$tmp/wdk7" >"$tmp/out" 2>&1
check "scan: sources defines, no defect" 0 $?
contains "scan: the sources file is named" "$tmp/out" "sys/Sources: note: 2 build define"
if grep -q "error" "$tmp/out"; then echo "FAIL: a tree with its sources defines has errors"; fails=$((fails + 1)); fi
"$drvcheck" cfg "$tmp/wdk7/sys/w7.c" >"$tmp/out" 2>"$tmp/err"
check "cfg: sources defines" 0 $?
contains "cfg: the define's value" "$tmp/out" "return 2"
"$drvcheck" cfg -DW7_LEVEL=5 "$tmp/wdk7/sys/w7.c" >"$tmp/out" 2>"$tmp/err"
contains "cfg: -D on the command line wins" "$tmp/out" "return 5"
# a C file named on the command line gets its build file's defines too, as cfg and a
# scan of its folder give them (it was parsed with none: #error, W7_LEVEL unknown)
"$drvcheck" scan --no-progress --color=never --fail-on incomplete "$tmp/wdk7/sys/w7.c" >"$tmp/out" 2>&1
check "scan FILE: its sources defines" 0 $?
contains "scan FILE: the sources file is named" "$tmp/out" "sys/Sources: note: 2 build define(s) from this WDK sources file (C_DEFINES, for AMD64) given to the C file named"
# and a .vcxproj's AdditionalIncludeDirectories (outside the tree) when it compiles the
# file: for scan FILE, scan DIR and cfg FILE alike
mkdir -p "$tmp/vxi/drv" "$tmp/vxi/shared"
printf '#define VXI_OK 1\n' >"$tmp/vxi/shared/vxcfg.h"
printf '#include "vxcfg.h"\n#if !VXI_OK || !VXI_DEF\n#error not from the project\n#endif\nint f(void) { return VXI_DEF; }\n' >"$tmp/vxi/drv/mp.c"
sed -e 's#NDIS620_MINIPORT=1#VXI_DEF=7#' \
    -e 's#</PreprocessorDefinitions>#</PreprocessorDefinitions><AdditionalIncludeDirectories>..\\shared;%(AdditionalIncludeDirectories)</AdditionalIncludeDirectories>#' \
    "$tmp/dbgv/dv.vcxproj" >"$tmp/vxi/drv/dv.vcxproj"
"$drvcheck" scan --no-progress --fail-on incomplete "$tmp/vxi/drv" >"$tmp/out" 2>&1
check "scan DIR: a .vcxproj's include folder outside the tree" 0 $?
"$drvcheck" scan --no-progress --fail-on incomplete "$tmp/vxi/drv/mp.c" >"$tmp/out" 2>&1
check "scan FILE: a .vcxproj's defines and include folder" 0 $?
"$drvcheck" cfg "$tmp/vxi/drv/mp.c" >"$tmp/out" 2>"$tmp/err"
check "cfg FILE: a .vcxproj's defines and include folder" 0 $?
if grep -q "error" "$tmp/err"; then echo "FAIL: cfg FILE of a .vcxproj with an include folder:"; cat "$tmp/err"; fails=$((fails + 1)); fi
contains "cfg FILE: the .vcxproj's define" "$tmp/out" "return 7"

# a .c file another C file #includes (a fragment, under any #if) is scanned as part of its
# includer, not on its own; an #include in a comment counts for nothing
mkdir -p "$tmp/frag/self"
cat >"$tmp/frag/main.c" <<'EOS'
static int Limit = 4;
/* #include "other.c" was the old way */
#if DBG
#  include "Self/Table.C"
#endif
int Main(void) { return Limit; }
EOS
cat >"$tmp/frag/self/table.c" <<'EOS'
int Table(void) { return Limit + 1; }
EOS
cat >"$tmp/frag/other.c" <<'EOS'
int Other(void) { return 0; }
EOS
"$drvcheck" scan --color=never --no-progress "$tmp/frag" >"$tmp/out" 2>&1
check "scan: a fragment is not a unit" 0 $?
contains "scan: the fragment's includer is named" "$tmp/out" "main.c:4:1: note: self/table.c is #included here"
contains "scan: the other files are scanned" "$tmp/out" "1 driver, 2 files"
if grep -q "error" "$tmp/out"; then echo "FAIL: a fragment was parsed on its own"; fails=$((fails + 1)); fi

# --fail-on incomplete: a file parsed with errors fails the run (exit 2); by default it does not
printf '#error the build generates this file\nint Late(void) { return 0; }\n' >"$tmp/frag/broken.c"
"$drvcheck" scan --no-progress "$tmp/frag" >/dev/null 2>&1
check "scan: a file with errors does not fail the default run" 0 $?
"$drvcheck" scan --no-progress --fail-on defect,error,incomplete "$tmp/frag" >/dev/null 2>&1
check "scan: --fail-on incomplete fails on a file with errors" 2 $?
rm -f "$tmp/frag/broken.c"
"$drvcheck" scan --no-progress --fail-on incomplete "$tmp/frag" >/dev/null 2>&1
check "scan: --fail-on incomplete passes a tree that parses whole" 0 $?

# cfg of a file a sys/sources builds (..\mp.c) takes that file's defines:
# case 333's late synchronize is compiled only under one of them
if [ -d "$src/tests/cases/333_sources_list_in_sys_folder_defect" ]; then
    "$drvcheck" cfg "$src/tests/cases/333_sources_list_in_sys_folder_defect/mp.c" 2>/dev/null |
        grep -q '^ *295:5 *call NdisMSynchronizeWithInterruptEx'
    check "cfg: the defines of the sources file whose SOURCES names the file" 0 $?
fi

# recovery notes name no folder of this machine: a header found ignoring case
# below the scan root is named relatively, a model header as <WDK model>/x.h
mkdir -p "$tmp/notes/inc"
printf '#pragma once\nint NoteProbe(int);\n' >"$tmp/notes/inc/mpnic.h"
printf '#include <ndis.h>\n#include "INC/MpNic.h"\n#include "WinDot11.h"\nint f(void) { return NoteProbe(1); }\n' >"$tmp/notes/mp.c"
"$drvcheck" scan --no-progress --format json "$tmp/notes" 2>/dev/null >"$tmp/notes.json"
grep -q '(found as inc/mpnic.h)' "$tmp/notes.json" && grep -q '(found as <WDK model>/windot11.h)' "$tmp/notes.json" &&
    ! grep -q "found as /" "$tmp/notes.json"
check "scan: recovery notes hold no absolute path" 0 $?

# SARIF columns count UTF-16 code units (its default columnKind); the text
# report's count bytes: 13 bytes and 12 units come before the call
mkdir -p "$tmp/u16"
printf '#include <ndis.h>\nDRIVER_INITIALIZE DriverEntry;\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n    UNREFERENCED_PARAMETER(d); UNREFERENCED_PARAMETER(r);\n    /* \303\251 */ NdisStallExecution(100);\n    return STATUS_SUCCESS;\n}\n' >"$tmp/u16/mp.c"
"$drvcheck" scan --no-progress "$tmp/u16" 2>/dev/null | grep -q '^mp.c:6:14: error: \[NdisStallExecution_Delay\]' &&
    "$drvcheck" scan --no-progress --format sarif "$tmp/u16" 2>/dev/null | tr -d ' \t\n' |
    grep -q '"startLine":6,"startColumn":13'
check "sarif: columns in UTF-16 code units" 0 $?
# a bundled rule's file is named as in drvcheck's tree, not by where it is installed
"$drvcheck" scan --no-progress --format sarif "$tmp/u16" 2>/dev/null >"$tmp/out"
contains "sarif: a bundled rule's file is named rules/..." "$tmp/out" 'Rule file: rules/ndis/'
if grep -q 'Rule file: /' "$tmp/out"; then echo "FAIL: sarif names a rule file by an absolute path"; fails=$((fails + 1)); fi

# a defect inside a helper whose summary was first computed for a caller
# that came through a join is shown on an exact caller's path (interp.c
# in_call): an error, not a warning ("paths were merged")
if [ -d "$src/tests/cases/272_lock_goto_exit_unheld_defect" ]; then
    out=$("$drvcheck" scan --no-progress --color=never "$src/tests/cases/272_lock_goto_exit_unheld_defect" 2>/dev/null)
    echo "$out" | grep -q '^qx.c:136:9: error: \[NdisSpinLock\]' &&
        echo "$out" | grep -q '^qx.c:138:9: error: \[NdisSpinLock\]'
    check "scan: an exact caller's path through a shared summary is an error" 0 $?
fi

# a do-while's own test on a value the loop head's join merged does not make
# the path approximate (interp.c: loop heads and latches): the stall after
# the EEPROM clocking loop is an error, not a warning
if [ -d "$src/tests/cases/602_eeprom_dowhile_shift_stall_defect" ]; then
    "$drvcheck" scan --no-progress --color=never "$src/tests/cases/602_eeprom_dowhile_shift_stall_defect" 2>/dev/null |
        grep -q '^mp.c:58:5: error: \[NdisStallExecution_Delay\]'
    check "scan: a stall after a do-while loop over a merged mask is an error" 0 $?
fi

# -j gives identical results for every N
if [ -d "$src/tests/cases" ]; then
    "$drvcheck" scan --format json -j 1 "$src/tests/cases" 2>/dev/null | sed '/elapsed_ms/d' >"$tmp/j1"
    "$drvcheck" scan --format json -j 4 "$src/tests/cases" 2>/dev/null | sed '/elapsed_ms/d' >"$tmp/j4"
    cmp -s "$tmp/j1" "$tmp/j4"; check "-j 1 and -j 4 agree" 0 $?
fi

echo "$pass passed, $fails failed"
[ "$fails" -eq 0 ]
