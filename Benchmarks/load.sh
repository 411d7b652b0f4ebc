#!/usr/bin/env bash
# Loading a 1,000,000-row school table (issue 14: at least 200,000 rows/s): `allocate validate`
# of the synthetic Germany scenario with its school table replaced by one of ROWS rows, the whole
# command. The table is made deterministically (`allocate generate --schools ROWS --seed 2020`,
# the same bytes every time) and kept in ${TMPDIR:-/tmp} for later runs. Prints wall and CPU time
# (user + system) as medians of RUNS runs and the rows per second of each; CPU time varies far
# less with the load of a shared machine than wall time. With --perf, also `perf stat`'s
# instruction count of one run (the figure to compare changes by). The binary is the release
# build run.sh makes (BIN=… for another).
#   Benchmarks/load.sh [RUNS] [ROWS] [--perf]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; rows_wanted=${2:-1000000}
perf=false; [ "${3:-}" = "--perf" ] && perf=true
bin=${BIN:-.build/release/allocate}
table="${TMPDIR:-/tmp}/allocate-bench-schools-$rows_wanted-seed2020.csv"
[ -f "$table" ] || "$bin" generate --schools "$rows_wanted" --seed 2020 --out "$table" >/dev/null 2>&1
rows=$(( $(wc -l < "$table") - 1 ))
cmd=("$bin" validate Scenarios/synthetic/germany-40k.yaml --set "schools.file=$table" --lang en)
load=$(python3 Benchmarks/timing.py "$runs" --memory -- "${cmd[@]}")
awk -v rows="$rows" -v runs="$runs" -v l="$load" -v load1="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN { split(l, a, " ");
  printf "   %d rows (%s): wall median %.2f s (min %.2f, max %.2f), %.0f rows/s; CPU median %.2f s, %.0f rows per CPU-second; peak %d MiB; %d runs\n",
         rows, "seed 2020", a[1], a[2], a[3], rows / a[1], a[5], rows / a[5], a[4], runs
  printf "   target (issue 14, at least 200,000 rows/s): %s per CPU-second, %s in wall time (load average %s)\n",
         (rows / a[5] >= 200000 ? "reached" : "not reached"), (rows / a[1] >= 200000 ? "reached" : "not reached"), load1 }'
if $perf; then
  n=$(perf stat -x, -e instructions:u "${cmd[@]}" 2>&1 >/dev/null | awk -F, '/instructions/ { print $1 }')
  case "$n" in
    ''|*[!0-9]*) echo "   instructions (perf stat): ${n:-none} (no hardware counters here, e.g. in a VM)" ;;
    *) awk -v n="$n" -v r="$rows" 'BEGIN { printf "   instructions (perf stat, user space, one run): %d, %.0f per row\n", n, n / r }' ;;
  esac
fi
