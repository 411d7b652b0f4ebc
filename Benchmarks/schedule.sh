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
cmd=("$bin" schedule --no-history --lang en "$@")
# Wall and CPU time by the one measuring script the other benchmarks use.
read -r wmed wmin wmax cmed < <(python3 Benchmarks/timing.py "$runs" -- "${cmd[@]}")
printf '   wall median %.3f s (min %.3f, max %.3f), CPU median %.3f s, %s runs\n' "$wmed" "$wmin" "$wmax" "$cmed" "$runs"
out=$("${cmd[@]}")
status=$(grep -m1 '^Status:' <<<"$out" || echo '?')
stage=$(grep -m1 'weighted device-weeks:' <<<"$out" | sed 's/^ *//' || echo '?')
printf '   %s; %s\n' "${stage:-?}" "$status"
if $callgrind; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocate-callgrind.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
  # Valgrind cannot read the static binary's debug information: it counts a stripped copy. Its
  # 20-50x slowdown would let the 10 s limit cut the search short: the limit is raised.
  strip -o "$tmp/allocate" "$bin"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$tmp/allocate" schedule --no-history --lang en --time-limit 3600 "$@" >"$tmp/text" 2>"$tmp/log"
  grep -q "Status: optimal" "$tmp/text" || echo "   (under valgrind: $(grep -m1 Status: "$tmp/text"))"
  printf '   instructions (callgrind, one run): %s\n' "$(grep -m1 -oE 'Collected : [0-9]+' "$tmp/log" | grep -oE '[0-9]+' )"
fi
