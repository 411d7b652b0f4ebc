#!/usr/bin/env bash
# Benchmarks, apart from the tests and from CI: the release build the README's run command
# makes, whole processes, medians of repeated runs; ours beside a peer doing the same job in
# the same run, with the ratio (ours / theirs: below 1 is faster).
#   Benchmarks/run.sh            # everything (about ten minutes on 2 cores)
#   Benchmarks/run.sh --quick    # without the 40,000-school scenario, the web planner and the sweep
#   Benchmarks/run.sh --ratios   # only the jobs with a peer (1 and 2, the 40,000 schools included)
# Peers (Benchmarks/peers/): a PuLP + GLPK script doing the default job from the same CSV,
# and HiGHS (highspy) on the model `allocate export-model` writes. Their Python packages are
# installed from PyPI (Benchmarks/peers/requirements.txt) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false; [ "${1:-}" = "--quick" ] && quick=true
ratios=false; [ "${1:-}" = "--ratios" ] && ratios=true
python3 -c "import pulp, highspy" 2>/dev/null || python3 -m pip install -q -r Benchmarks/peers/requirements.txt
command -v glpsol >/dev/null || { echo "glpsol missing (apt-get install glpk-utils): PuLP's GLPK_CMD needs it" >&2; exit 1; }
# The build the README's run command makes (NO_BUILD=1: measure the binary as it is).
[ -n "${NO_BUILD:-}" ] || nice -n 5 swift build -c release --static-swift-stdlib --product allocate >/dev/null
bin=.build/release/allocate
tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocate-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
t() { python3 Benchmarks/timing.py "$@"; }   # RUNS [--memory] -- COMMAND: "median min max [MiB] cpu-median"
median() { echo "$1" | cut -d' ' -f1; }
cpu() { echo "$1" | awk '{ print $NF }'; }   # median CPU time (user + sys): steadier than wall time under load
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
sec() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }
spread() { awk -v l="$1" 'BEGIN { split(l, a, " "); printf "min %.1f, max %.1f ms", a[2] * 1000, a[3] * 1000 }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "peers: python $(python3 -c 'import platform; print(platform.python_version())'), PuLP $(python3 -c 'import pulp; print(pulp.__version__)'), $(glpsol --version | head -1), highspy $(python3 -c 'import importlib.metadata as m; print(m.version("highspy"))')"
echo

echo "1. The default job: Scenarios/dortmund-2020.yaml to schools.csv and pools.csv, whole process (ours: allocate solve --out DIR, 21 runs; PuLP + GLPK: Benchmarks/peers/pulp_default.py, 5 runs)"
ours=$(t 21 -- "$bin" solve --out "$tmp/ours")
theirs=$(t 5 -- python3 Benchmarks/peers/pulp_default.py Scenarios/data/dortmund-schools-2024-25.csv \
    Scenarios/data/nrw-key-figures-2024-25.csv "$tmp/pulp")
start=$(t 21 -- "$bin" --version)
printf '   ours %s (%s), PuLP + GLPK %s (%s): ratio %s (target: at most 0.05)\n' \
    "$(ms "$(median "$ours")")" "$(spread "$ours")" "$(ms "$(median "$theirs")")" "$(spread "$theirs")" "$(ratio "$(median "$ours")" "$(median "$theirs")")"
printf '   CPU time (user + sys), medians: ours %s, PuLP + GLPK %s: ratio %s\n' \
    "$(ms "$(cpu "$ours")")" "$(ms "$(cpu "$theirs")")" "$(ratio "$(cpu "$ours")" "$(cpu "$theirs")")"
printf '   of ours: process start (allocate --version) %s (CPU %s)\n' "$(ms "$(median "$start")")" "$(ms "$(cpu "$start")")"
# The same plan: need per school, money per pool and every objective stage's value, from the files.
python3 Benchmarks/peers/same_plan.py "$tmp/ours" "$tmp/pulp"
echo

scale() {  # NAME SCENARIO RUNS [SOLVE OPTION...]: ours whole command against HiGHS on the exported first stage
  local name=$1 scenario=$2 runs=$3; shift 3
  "$bin" export-model "$scenario" --mps "$tmp/model.mps" >/dev/null
  local ours theirs line bare
  ours=$(t "$runs" --memory -- "$bin" solve "$scenario" --workers 2 "$@")
  line=$(python3 Benchmarks/peers/highs_model.py "$tmp/model.mps" | tail -1)
  theirs=$(t "$runs" -- python3 Benchmarks/peers/highs_model.py "$tmp/model.mps")
  # The same solve without recording the run in the history (plan.json rendered, deflated and
  # stored: about 0.7 G of NRW's 2.4 G instructions on 2026-12-02), to tell the engine's share.
  bare=$(t "$runs" -- "$bin" solve "$scenario" --workers 2 --no-history "$@")
  printf '   %s: ours %s (%s MiB), HiGHS %s (its run alone: %s): ratio %s (target: at most 1.0)\n' "$name" \
      "$(sec "$(median "$ours")")" "$(echo "$ours" | cut -d' ' -f4)" "$(sec "$(median "$theirs")")" \
      "$(echo "$line" | sed -E 's/.*run ([0-9.]+) s.*/\1 s/')" "$(ratio "$(median "$ours")" "$(median "$theirs")")"
  printf '     CPU time (user + sys), medians: ours %s (both workers), HiGHS %s: ratio %s\n' \
      "$(sec "$(cpu "$ours")")" "$(sec "$(cpu "$theirs")")" "$(ratio "$(cpu "$ours")" "$(cpu "$theirs")")"
  printf '     without recording the run (--no-history): %s, CPU %s: CPU ratio %s\n' \
      "$(sec "$(median "$bare")")" "$(sec "$(cpu "$bare")")" "$(ratio "$(cpu "$bare")" "$(cpu "$theirs")")"
}
echo "2. At scale: ours all stages end to end (allocate solve --workers 2) against HiGHS (Benchmarks/peers/highs_model.py, relative gap 1e-4) solving the exported first stage alone, whole processes, median of 3"
scale "NRW state-wide (5,407 schools)" Scenarios/nrw/state-2020.yaml 3
if ! $quick; then
  [ -f Scenarios/generated/germany-40k.csv ] || "$bin" generate --schools 40000 --seed 2020 --out Scenarios/generated/germany-40k.csv >/dev/null
  # Without its 10 s limit (which a loaded machine reaches): the whole solve, as HiGHS's.
  scale "synthetic Germany (40,005 schools), --time-limit 3600" Scenarios/synthetic/germany-40k.yaml 3 --time-limit 3600
fi
echo
$ratios && exit 0

echo "3. Roll-out schedule of the default scenario, whole command (allocate schedule, 5 runs; target: at most 1 s; Benchmarks/schedule.sh):"
BIN="$bin" Benchmarks/schedule.sh 5
echo

echo "4. Loading a 1,000,000-row school table (allocate generate --schools 1000000 --seed 2020): allocate validate, whole command (3 runs; target: at least 200,000 rows/s; Benchmarks/load.sh):"
BIN="$bin" Benchmarks/load.sh 3
echo

echo "5. Default scenario, parse + build + solve + verify in one process (allocate bench, 50 runs):"
"$bin" bench Scenarios/dortmund-2020.yaml --runs 50 | sed 's/^/   /'
echo

echo "5b. Recording a run in the run history (issue 20; goal: under 5 ms per run): allocate history bench, 50 recordings"
echo "    into a fresh history (open + plan.json render + headline figures + deflate + one SQLite transaction), then"
echo "    the whole default solve with and without recording (21 runs each):"
"$bin" history bench Scenarios/dortmund-2020.yaml --runs 50 --history "$tmp/bench-history.sqlite" | sed 's/^/   /'
with=$(t 21 -- "$bin" solve Scenarios/dortmund-2020.yaml --history "$tmp/solve-history.sqlite")
without=$(t 21 -- "$bin" solve Scenarios/dortmund-2020.yaml --no-history)
printf '   solve with recording: median %s (%s); with --no-history: median %s (%s)\n' "$(ms "$(median "$with")")" "$(spread "$with")" \
  "$(ms "$(median "$without")")" "$(spread "$without")"
echo

echo "6. Calibrating the default scenario on the observed 2021 counts, whole command (5 runs; goal: under 2 s):"
cal=$(t 5 -- "$bin" calibrate Scenarios/dortmund-2020.yaml --observed Scenarios/data/dortmund-loan-devices-2021-observed.csv)
printf '   median %s (%s)\n' "$(sec "$(median "$cal")")" "$(spread "$cal")"
$quick && exit 0
echo

echo "7. 1,000-point sweep of the Sofortausstattung budget, whole command, 2 workers (5 runs):"
sweep=$(t 5 -- "$bin" sweep Scenarios/dortmund-2020.yaml --vary pools.sofort.budget=4000000:8000000:1000 --workers 2 --out "$tmp/sweep")
printf '   median %s (%s)\n' "$(sec "$(median "$sweep")")" "$(spread "$sweep")"
echo

echo "8. Web planner: one slider move, POST /api/compare round trip (50 requests):"
python3 Benchmarks/web.py --bin "$bin" --runs 50 | sed 's/^/   /'
