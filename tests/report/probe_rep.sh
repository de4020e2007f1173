#!/bin/sh
# probe_rep.sh DRVCHECK SOURCE_DIR OUT_DIR - KNOWN PROBLEMS (probe-rep review,
# 2026-11-26) in what the reports show a driver author.  Each check PINS
# TODAY'S (WRONG OR INCOMPLETE) OUTPUT, the way known-limit.txt does for cases:
# while the problem is there the check passes and says "pinned"; once the
# output changes (a fix, or any change) the test fails and names the check, so
# whoever fixes it updates or deletes that check here.  Skips (77) without
# /usr/bin/python3.
drvcheck=$1
src=$2
out=$3
py=/usr/bin/python3
[ -x "$py" ] || { echo "SKIP: no $py"; exit 77; }
mkdir -p "$out" || exit 2
cases=$src/tests/cases
fail=0
pinned=0

# fixed NAME COMMAND...: a problem found then and fixed since: the command
# (which succeeds while the problem is there) must fail now
fixed() {
    name=$1
    shift
    if "$@"; then
        echo "BACK: $name"
        fail=$((fail + 1))
    else
        echo "fixed: $name"
    fi
}

# pin NAME COMMAND...: the command succeeds while the problem is there
pin() {
    name=$1
    shift
    if "$@"; then
        echo "pinned: $name"
        pinned=$((pinned + 1))
    else
        echo "CHANGED (fixed?): $name -- update tests/report/probe_rep.sh"
        fail=$((fail + 1))
    fi
}

scan() {    # scan CASE FORMAT FILE [options]
    c=$1; f=$2; o=$3; shift 3
    "$drvcheck" scan --color=never --format "$f" -o "$o" "$@" "$c" 2>/dev/null
    [ "$?" -le 1 ] || { echo "FAIL: scan $c --format $f"; exit 1; }
}

# 1. The HTML report never shows a result's severity: a warning (a possible
#    defect, case 79) looks exactly like an error (src/report/html.c prints
#    no d->severity in the defect heading).
scan "$cases/79_merged_paths_derived_defect" html "$out/79.html"
scan "$cases/79_merged_paths_derived_defect" json "$out/79.json"
fixed "HTML shows no severity for a warning result" \
    "$py" -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert [r["severity"] for r in d["results"]] == ["warning"]
h = open(sys.argv[2]).read().lower()
sys.exit(0 if "warning" not in h else 1)' "$out/79.json" "$out/79.html"

# 2. results[].entry_point is DriverEntry for every defect (the harness's first
#    callback), not the callback the violation happens in (MpWatchdogTimer in
#    case 268), so the field and SARIF's properties.entryPoint never tell
#    defects apart.
scan "$cases/268_timer_never_cancelled_defect" json "$out/268.json"
fixed "entry_point is DriverEntry, not the violating callback MpWatchdogTimer" \
    "$py" -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][0]
entries = [t["function"] for t in r["trace"] if t["kind"] == "entry"]
sys.exit(0 if r["entry_point"] == "DriverEntry" and entries[-1] == "MpWatchdogTimer" else 1)' \
    "$out/268.json"

# 3. The violation step's `state` is null although the rule's state there is
#    known ("deregistered": docs/json-report.md's example shows it).
fixed "violation step has state null" \
    "$py" -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][0]
v = r["trace"][-1]
known = [t["state"] for t in r["trace"] if t["state"]]
sys.exit(0 if v["kind"] == "violation" and v["state"] is None and known[-1] == "deregistered" else 1)' \
    "$out/268.json"

# 5. A DRIVER_DISPATCH routine stored in the dispatch table handed to
#    NdisRegisterDeviceEx (DispatchTable[IRP_MJ_DEVICE_CONTROL] = F;
#    Attributes.MajorFunctions = DispatchTable) is an entry point only when it
#    is also declared `DRIVER_DISPATCH F;`: without that line case 290's
#    IOCTL defect (mp.c:357) is silently missed.
mkdir -p "$out/290-nodecl"
grep -v '^DRIVER_DISPATCH MpControlDispatch;$' "$cases/290_two_adapters_ioctl_walk_defect/mp.c" \
    >"$out/290-nodecl/mp.c"
scan "$out/290-nodecl" json "$out/290-nodecl.json"
fixed "DRIVER_DISPATCH in a MajorFunctions table is not found without a role declaration" \
    "$py" -c 'import json,sys
d = json.load(open(sys.argv[1]))
eps = [e["function"] for e in d["entry_points"]]
lines = sorted(r["location"]["line"] for r in d["results"])
sys.exit(0 if "MpControlDispatch" not in eps and 357 not in lines else 1)' "$out/290-nodecl.json"

# 6. Case 278 is listed as "1 (warning: a possible defect)" in
#    tests/cases/README.md, but it is an error: the registry default
#    (QX_DEFAULT_PHY_POWER_UP_US 2000) gives an exact path with a 100 us chunk.
#    run_case.sh drops the severity, so no test noticed.
scan "$cases/278_stall_chunk_clamp_range_defect" json "$out/278.json"
fixed "case 278 is an error, its README row says warning" \
    grep -q '^| 278_stall_chunk_clamp_range_defect .*| 1 (warning' "$cases/README.md"

# 7. In case 290 the role type declaration's line was shown for every way an
#    entry point was found: "...HaltHandlerEx (mp.c:103)" where mp.c:103 is
#    `MINIPORT_HALT MpHaltEx;`.  Each later source now says where it was found
#    (the HaltHandlerEx store at mp.c:798), relative to the scan root.
"$drvcheck" scan --color=never --list-entry-points "$cases/290_two_adapters_ioctl_walk_defect" \
    >"$out/290-ep.txt" 2>/dev/null
fixed "found_by location is the declaration line for every source" \
    grep -q 'HaltHandlerEx (mp.c:103)$' "$out/290-ep.txt"
fixed "found_by does not say where a later source is" \
    sh -c '! grep -q "MINIPORT_HALT (mp.c:103); _NDIS_MINIPORT_DRIVER_CHARACTERISTICS.HaltHandlerEx (mp.c:798)$" "$1"' \
    sh "$out/290-ep.txt"

# 8. Fingerprints hash every function the trace passes through, and traces now
#    start at DriverEntry: renaming an init helper (NicConnectInterrupt, on the
#    path only through MpInitializeEx) changes the fingerprint of case 268's
#    watchdog defect, so a --baseline reports that old defect as new
#    (src/report/fingerprint.c base_hash).
mkdir -p "$out/268-renamed"
sed 's/NicConnectInterrupt/NicHookInterrupt/g' "$cases/268_timer_never_cancelled_defect/mp.c" \
    >"$out/268-renamed/mp.c"
scan "$out/268-renamed" json "$out/268-renamed.json" --baseline "$out/268.json"
fixed "renaming an init helper changes a watchdog defect's fingerprint (baseline: new)" \
    "$py" -c 'import json,sys
a = json.load(open(sys.argv[1]))["results"][0]
b = json.load(open(sys.argv[2]))["results"][0]
sys.exit(0 if a["fingerprint"] != b["fingerprint"] and b["baseline_state"] == "new" else 1)' \
    "$out/268.json" "$out/268-renamed.json"


echo "$pinned pinned, $fail changed"
[ "$fail" -eq 0 ]
