#!/bin/sh
# html_browser.sh PAGE OUTDIR - open the HTML report in headless Chromium at
# #d0s2 (a window taller than the page: headless screenshots of a scrolled page
# come out blank), check that step 2 of defect 0 is the one marked selected (and only
# it in that defect), the same for #d0s0, walk the trace with keys and the
# Next button (a copy of the page with a script that sends them), and take
# a screenshot.
# Exit 77 (skipped) when /usr/bin/chromium is not installed.
page=$1
out=$2
browser=/usr/bin/chromium
if [ ! -x "$browser" ]; then
    echo "SKIP: $browser not found; install Debian's chromium package to run the HTML viewer test"
    exit 77
fi
[ -f "$page" ] || { echo "FAIL: no page $page"; exit 1; }
mkdir -p "$out" || exit 1
profile=$(mktemp -d) || exit 1
trap 'rm -rf "$profile"' EXIT
abs=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
run() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>"$out/chromium.log"
}
for step in 2 0; do
    run --dump-dom "file://$abs#d0s$step" >"$out/dom-$step.html" || {
        echo "FAIL: chromium --dump-dom failed"; cat "$out/chromium.log"; exit 1; }
    if ! grep -q "<li id=\"d0s$step\" class=\"step k-[a-z]* sel\"[^>]*aria-current=\"step\"" "$out/dom-$step.html"; then
        echo "FAIL: step $step of defect 0 is not marked selected after #d0s$step"
        grep -o '<li id="d0s[0-9]*"[^>]*>' "$out/dom-$step.html"
        exit 1
    fi
    n=$(grep -o '<li id="d0s[0-9]*"[^>]*aria-current="step"' "$out/dom-$step.html" | wc -l)
    if [ "$n" -ne 1 ]; then
        echo "FAIL: $n steps of defect 0 marked selected, expected 1"
        exit 1
    fi
    grep -q "id=\"d0pos\">step $((step + 1)) of " "$out/dom-$step.html" || {
        echo "FAIL: the position label does not say step $((step + 1))"; exit 1; }
    grep -q "class=\"line hl sel\" data-s=\"[0-9 ]*\"" "$out/dom-$step.html" || {
        echo "FAIL: no source line marked for the selected step"; exit 1; }
done
# walk: from #d0s0, keys n, ArrowRight, p, then the Next button -> step 2
walk='<script>(function(){function key(k){document.dispatchEvent(new KeyboardEvent("keydown",{key:k,bubbles:true}));}key("n");key("ArrowRight");key("p");document.querySelector("#d0 button[data-act=next]").click();})();</script></body>'
sed "s|</body>|$walk|" "$page" >"$out/walk.html" && grep -q KeyboardEvent "$out/walk.html" ||
    { echo "FAIL: cannot make the walking copy of the page"; exit 1; }
walkabs=$(cd "$out" && pwd)/walk.html
run --dump-dom "file://$walkabs#d0s0" >"$out/dom-walk.html" || {
    echo "FAIL: chromium --dump-dom failed"; cat "$out/chromium.log"; exit 1; }
grep -q '<li id="d0s2" class="step k-[a-z]* sel"[^>]*aria-current="step"' "$out/dom-walk.html" || {
    echo "FAIL: walking n, ArrowRight, p, Next from step 0 did not end on step 2"
    grep -o '<li id="d0s[0-9]*"[^>]*>' "$out/dom-walk.html"
    exit 1; }
grep -q 'id="d0pos">step 3 of ' "$out/dom-walk.html" || {
    echo "FAIL: the position label does not follow the walk"; exit 1; }
run --screenshot="$out/report.png" --window-size=1280,2600 "file://$abs#d0s2" >/dev/null || {
    echo "FAIL: chromium --screenshot failed"; cat "$out/chromium.log"; exit 1; }
[ -s "$out/report.png" ] || { echo "FAIL: no screenshot"; exit 1; }
echo "ok: #d0s2 and #d0s0 select their step, keys and buttons walk the trace; screenshot in $out/report.png"
