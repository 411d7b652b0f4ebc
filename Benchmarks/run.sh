#!/usr/bin/env bash
# Benchmarks, apart from the tests: release build, medians of repeated runs.
#   Benchmarks/run.sh            # default scenario solve, a 1,000-point sweep, the web planner,
#                                # loading a 1,000,000-row school table, calibrating the default scenario
# Prints the machine and the date with the figures, for the README.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bin=.build/release/allocate
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"
echo "swift: $(swift --version 2>&1 | head -1)"
echo
echo "1. Default scenario, parse + build + solve + verify (in-process, 50 runs):"
"$bin" bench Scenarios/dortmund-2020.yaml --runs 50 | sed 's/^/   /'
echo
echo "2. 1,000-point sweep of the Sofortausstattung budget, whole command, 2 workers (5 runs):"
times=()
for i in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$bin" sweep Scenarios/dortmund-2020.yaml --vary pools.sofort.budget=4000000:8000000:1000 \
      --workers 2 --out "${TMPDIR:-/tmp}/allocate-bench-sweep" 2>/dev/null
  end=$(date +%s.%N)
  times+=("$(awk "BEGIN {print $end - $start}")")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "   median %.2f s, min %.2f s, max %.2f s\n", a[int((NR+1)/2)], a[1], a[NR]}'
echo
echo "3. Web planner: one slider move, POST /api/compare round trip (50 requests):"
python3 Benchmarks/web.py --bin "$bin" --runs 50 | sed 's/^/   /'
echo
echo "4. Loading a 1,000,000-row school table (allocate generate --schools 1000000): allocate validate, whole command (3 runs):"
table="${TMPDIR:-/tmp}/allocate-bench-schools-1m.csv"
[ -f "$table" ] || "$bin" generate --schools 1000000 --seed 2020 --out "$table" 2>/dev/null
rows=$(( $(wc -l < "$table") - 1 ))
times=()
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$bin" validate Scenarios/synthetic/germany-40k.yaml --set "schools.file=$table" >/dev/null
  end=$(date +%s.%N)
  times+=("$(awk "BEGIN {print $end - $start}")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v rows="$rows" '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "   %d rows: median %.2f s (min %.2f, max %.2f), %.0f rows/s (target: at least 200,000)\n", rows, m, a[1], a[NR], rows/m}'
echo
echo "5. Calibrating the default scenario on the observed 2021 counts, whole command (5 runs; goal: under 2 s):"
times=()
for i in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$bin" calibrate Scenarios/dortmund-2020.yaml --observed Scenarios/data/dortmund-loan-devices-2021-observed.csv >/dev/null
  end=$(date +%s.%N)
  times+=("$(awk "BEGIN {print $end - $start}")")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "   median %.2f s, min %.2f s, max %.2f s\n", a[int((NR+1)/2)], a[1], a[NR]}'
