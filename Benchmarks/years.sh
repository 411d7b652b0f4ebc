#!/usr/bin/env bash
# The multi-year replacement plan (issue 19, docs/MULTIYEAR.md) at city and state size: ours
# (replacement-bench, release build) beside HiGHS (Benchmarks/peers/highs_years.py) on the
# exported first stage, whole processes, medians.
#   Benchmarks/years.sh            # the shipped Dortmund scenario, Dortmund-size cities (169 schools, 3 seeds) and NRW (396 authorities)
#   Benchmarks/years.sh --quick    # the city only, HiGHS with 20 s instead of 60 s
# The cities are made up (ReplacementScenario.syntheticCity: tablets 2020/21, laptops 2021/22,
# 2026–2030, scarce money) at the sizes of the real ones: Dortmund's 169 schools and NRW's 396
# authorities with their school counts from Scenarios/data/nrw-schools-2024-25.csv.
# Ours is the first stage (largest smallest coverage): a plan verified in cents and its proven
# bound (ReplacementFirstStage). HiGHS gets the same stage as one MIP with gap 1e-4.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false; [ "${1:-}" = "--quick" ] && quick=true
highs_limit=60; $quick && highs_limit=20
python3 -c "import highspy" 2>/dev/null || python3 -m pip install -q -r Benchmarks/peers/requirements.txt
[ -n "${NO_BUILD:-}" ] || nice -n 5 swift build -c release --product replacement-bench >/dev/null
bin=.build/release/replacement-bench
tmp=$(mktemp -d "${TMPDIR:-/tmp}/years-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
t() { python3 Benchmarks/timing.py "$@"; }   # RUNS -- COMMAND: "median min max cpu-median"
sec() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); highspy $(python3 -c 'import importlib.metadata as m; print(m.version("highspy"))')"
dortmund=Scenarios/dortmund-2026-2030.yaml
echo "0. The shipped scenario $dortmund (155 schools × 2 kinds × 5 years, 2020/21 inventory): ours, first stage (plan + proven bound) and the whole solve (all four stages), medians of 3 processes; HiGHS on the exported first stage (gap 1e-4, at most ${highs_limit} s)"
line=$("$bin" first "$dortmund")
ours=$(t 3 -- "$bin" first "$dortmund")
echo "   first stage: ours $(sec "$(echo "$ours" | cut -d' ' -f1)") (CPU $(sec "$(echo "$ours" | awk '{print $NF}')")): ${line#*: }"
line=$("$bin" city "$dortmund" 1 60 | tail -1)
ours=$(t 3 -- "$bin" city "$dortmund" 1 60)
"$bin" city "$dortmund" 1 60 | sed 's/^/   /'
echo "   whole solve: ours $(sec "$(echo "$ours" | cut -d' ' -f1)") (CPU $(sec "$(echo "$ours" | awk '{print $NF}')"))"
"$bin" export "$dortmund" 0 "$tmp/dortmund.mps" >/dev/null
echo "   HiGHS: $(python3 Benchmarks/peers/highs_years.py "$tmp/dortmund.mps" --time-limit "$highs_limit" | tail -1)"

echo "1. Dortmund size (169 schools × 2 kinds × 5 years): ours (plan + proven bound, median of 3 processes) and HiGHS (first stage, gap 1e-4, at most ${highs_limit} s)"
for seed in 1 2 3; do
  line=$("$bin" first 169 "$seed")
  ours=$(t 3 -- "$bin" first 169 "$seed")
  "$bin" export 169 "$seed" "$tmp/city.mps" >/dev/null
  highs=$(python3 Benchmarks/peers/highs_years.py "$tmp/city.mps" --time-limit "$highs_limit" | tail -1)
  echo "   seed $seed: ours $(sec "$(echo "$ours" | cut -d' ' -f1)") (CPU $(sec "$(echo "$ours" | awk '{print $NF}')")): ${line#*: }"
  echo "           HiGHS: $highs"
done
$quick && exit 0

echo "2. NRW state-wide (396 authorities × 2 kinds × 5 years, each solved apart, 2 workers): ours, one process"
python3 - Scenarios/data/nrw-schools-2024-25.csv > "$tmp/sizes" <<'PY'
import collections, csv, sys
counts = collections.Counter(r["Amtlicher Gemeindeschlüssel"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")))
for key in sorted(counts): print(counts[key])
PY
/usr/bin/time -f "   wall %e s, CPU %U s user + %S s sys, %M KiB" "$bin" state "$tmp/sizes" 2
