#!/usr/bin/env bash
# The council report on paper: renders report.html in headless Chromium to A4 PDF and PNG
# pages, checks the page count, and checks at A4 width that no table is wider than the page
# (its laid-out width against the width of the page's text) and no SVG label runs outside its chart.
#
#   Tests/scripts/report-print-check.sh [OUT_DIR] [LANG]     (LANG: de (default) or en)
#
# Two reports: the default scenario's (with a comparison and the roll-out schedule) and the
# small multi-year fixture's with `--years` (the section "Haushaltsjahre" and its charts).
# Needs a built `allocate` (.build/debug/allocate), /usr/bin/chromium, pdfinfo and pdftoppm.
# Exits 0 when every check holds, 1 otherwise (also when the layout check did not run); the
# PDF and page PNGs stay in OUT_DIR to look at. .ci/run runs it for de and en after the e2e test.
#
# PRINT_CHECK_BREAK=1 adds a clipped chart label and a table wider than the page to the
# checked page: the check must then fail (.ci/run proves so before trusting a pass).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-out/print-check}"
lang="${2:-de}"
allocate="${ALLOCATE:-.build/debug/allocate}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
max_pages="${MAX_PAGES:-40}"
for tool in "$allocate" "$chromium" pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null || { echo "report-print-check: $tool not found" >&2; exit 2; }
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# One report: render it, print it, check its layout. $1: the name (report-$lang or
# report-years-$lang); the rest: the arguments of `allocate report` before --out.
check_report() {
name="$1"; shift
"$allocate" report "$@" --lang "$lang" --generated-at 2026-12-01T23:32:06Z --no-history --out "$out/$name" >/dev/null
html="$out/$name/report.html"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-pdf-header-footer)
"$chromium" "${flags[@]}" --print-to-pdf="$out/$name.pdf" "file://$html" 2>/dev/null
pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')
rm -f "$out/page-$name"-*.png
pdftoppm -r 60 -png "$out/$name.pdf" "$out/page-$name"

# The layout check: the report at the width of an A4 page's text (186 mm), with a script that
# writes what it finds into the page; --dump-dom prints the page after the script ran.
check="$out/$name-check.html"
cat > "$out/check.js" <<'JS'
const bad = [];
document.querySelectorAll("table").forEach((t, i) => {
  // A table grows past its column when its cells cannot wrap: compare with the page's width.
  const room = t.parentElement.clientWidth, wide = Math.max(t.scrollWidth, Math.ceil(t.getBoundingClientRect().width));
  if (wide > room + 1) bad.push("table " + i + " (" + (t.className || "-") + "): " + wide + " px wide in " + room + " px");
});
document.querySelectorAll("svg").forEach((svg, i) => {
  const vb = svg.viewBox.baseVal;
  if (!vb || !vb.width) return;
  svg.querySelectorAll("text").forEach(text => {
    if (text.transform.baseVal.numberOfItems > 0) return; // turned labels
    const b = text.getBBox();
    if (b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5)
      bad.push("svg " + i + ": \"" + text.textContent + "\" runs outside the chart (x " + b.x.toFixed(1) + " to " + (b.x + b.width).toFixed(1) + ", chart width " + vb.width + ")");
    // A roll-out chart's school name (wrapped, x = 14) ends before the level column (x = 300, level right-aligned at 292).
    if (text.classList.contains("school") && b.x + b.width > 280)
      bad.push("svg " + i + ": school name \"" + text.textContent + "\" runs into the level column (to x " + (b.x + b.width).toFixed(1) + ")");
  });
});
const p = document.createElement("pre");
p.textContent = ["CHECK", "BEGIN"].join("-") + "\n" + bad.join("\n") + "\n" + ["CHECK", "END"].join("-");
document.body.appendChild(p);
JS
python3 - "$html" "$check" "$out/check.js" <<'PY'
import os, sys
html, check, js = sys.argv[1:]
page = open(html, encoding="utf-8").read()
if os.environ.get("PRINT_CHECK_BREAK") == "1":
    page = page.replace("</body>", '<table class="broken"><tr><td style="white-space:nowrap">' + "Sofortausstattungsprogramm " * 12 + '</td></tr></table>'
                        '<svg viewBox="0 0 100 20" width="100"><text x="60" y="15">Richtlinie Endgeräte für Lehrkräfte</text></svg></body>')
inject = "<style>body{max-width:186mm!important;padding:0!important;margin:0!important}</style><script>" + open(js).read() + "</script></body>"
open(check, "w", encoding="utf-8").write(page.replace("</body>", inject))
PY
"$chromium" "${flags[@]}" --window-size=703,1000 --virtual-time-budget=3000 --dump-dom "file://$check" 2>/dev/null > "$out/layout-$name.dom" || true
sed -n '/CHECK-BEGIN/,/CHECK-END/p' "$out/layout-$name.dom" | grep -v -e 'CHECK-' -e '^$' > "$out/layout-$name.txt" || true

echo "report-print-check ($name): $pages pages (at most $max_pages), PDF $out/$name.pdf, pages $out/page-$name-*.png"
if [ "$pages" -gt "$max_pages" ] || [ "$pages" -lt 3 ]; then echo "  page count $pages outside 3…$max_pages"; status=1; fi
if ! grep -q 'CHECK-END' "$out/layout-$name.dom"; then echo "  the layout check did not run (no result in the page Chromium laid out)"; status=1
elif [ -s "$out/layout-$name.txt" ]; then echo "  clipped or too wide:"; sed 's/^/    /' "$out/layout-$name.txt"; status=1; else echo "  no table wider than the page, no chart label outside its chart"; fi
}

status=0
check_report "report-$lang" Scenarios/dortmund-2020.yaml --compare Scenarios/what-if/grant-10-percent-lower.yaml --schedule
# The multi-year plan's section (allocate report --years): its charts and tables at A4 too.
check_report "report-years-$lang" Tests/AllocationTests/Fixtures/years/small.yaml --years --time-limit 20
exit $status
