#!/usr/bin/env bash
# The roll-out schedule of the default scenario (issue 18: at most 1 s), the whole command
# `allocate schedule`: wall and CPU time (user + system), medians of RUNS runs, and with
# --callgrind the instructions valgrind counts in one run (repeatable on a shared, noisy
# machine: the figure to compare changes by). The binary is the release build run.sh makes
# (BIN=… for another).
#   Benchmarks/schedule.sh [RUNS] [--callgrind] [-- EXTRA ARGS FOR allocate schedule]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}; shift || true
callgrind=false; [ "${1:-}" = "--callgrind" ] && { callgrind=true; shift; }
[ "${1:-}" = "--" ] && shift
bin=${BIN:-.build/release/allocate}
python3 - "$runs" "$bin" schedule --no-history --lang en "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
wall, cpu = [], []
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall.append(time.perf_counter() - start)
    cpu.append(usage.ru_utime + usage.ru_stime)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)}: exit {os.waitstatus_to_exitcode(status)}\n{p.stderr.read().decode(errors='replace')}")
out = subprocess.run(cmd, capture_output=True, text=True).stdout
status = next((l.strip() for l in out.splitlines() if l.startswith("Status:")), "?")
stage = next((l.strip() for l in out.splitlines() if "weighted device-weeks:" in l), "?")
print(f"   wall median {statistics.median(wall):.3f} s (min {min(wall):.3f}, max {max(wall):.3f}), "
      f"CPU median {statistics.median(cpu):.3f} s (min {min(cpu):.3f}, max {max(cpu):.3f}), {runs} runs")
print(f"   {stage}; {status}")
PY
if $callgrind; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocate-callgrind.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
  # Valgrind cannot read the static binary's debug information: it counts a stripped copy. Its
  # 20-50x slowdown would let the 10 s limit cut the search short: the limit is raised.
  strip -o "$tmp/allocate" "$bin"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$tmp/allocate" schedule --no-history --lang en --time-limit 3600 "$@" >"$tmp/text" 2>"$tmp/log"
  grep -q "Status: optimal" "$tmp/text" || echo "   (under valgrind: $(grep -m1 Status: "$tmp/text"))"
  printf '   instructions (callgrind, one run): %s\n' "$(grep -m1 -oE 'Collected : [0-9]+' "$tmp/log" | grep -oE '[0-9]+' )"
fi
