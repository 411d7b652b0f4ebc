#!/usr/bin/env bash
# What recording a run in the run history costs (issue 20; goal: under 5 ms per run on the
# default `solve`). Benchmarks/history-recording.md keeps the figures and how they were taken.
#   Benchmarks/history.sh            # release build (as the README's run command makes it), then measure
#   NO_BUILD=1 Benchmarks/history.sh # measure .build/release/allocate as it is
# 1. Instructions per recording: valgrind --tool=callgrind on a stripped copy of the binary,
#    `allocate history bench Scenarios/dortmund-2020.yaml --runs N` (one solve, then N
#    recordings, each opening the history as a command does) for N = 1 and N = 21 into fresh
#    histories; per recording = (I(21) - I(1)) / 20. Instruction counts do not depend on how
#    busy the machine is; at about 4.3 instructions per ns (measured on this machine) 21 M
#    instructions are about 5 ms.
# 2. Wall medians: `history bench --runs 50` (median of the recordings), and the whole default
#    `solve` with and without recording (21 runs each, medians of wall and CPU time).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${NO_BUILD:-}" ] || nice -n 5 swift build -c release --static-swift-stdlib --product allocate >/dev/null
bin=.build/release/allocate
tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocate-history-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

cp "$bin" "$tmp/allocate"; strip "$tmp/allocate"
instructions() {  # N -> instructions of `history bench --runs N` into a fresh history
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" "$tmp/allocate" history bench Scenarios/dortmund-2020.yaml \
        --runs "$1" --history "$tmp/h$1.sqlite" >/dev/null 2>"$tmp/cg.$1.log"
    grep -o 'Collected : [0-9]*' "$tmp/cg.$1.log" | awk '{ print $3 }'
}
one=$(instructions 1); many=$(instructions 21)
awk -v a="$one" -v b="$many" 'BEGIN { printf "1. callgrind: history bench --runs 1: %.1f M, --runs 21: %.1f M instructions: %.2f M per recording (about %.1f ms at 4.3 instructions/ns)\n", a / 1e6, b / 1e6, (b - a) / 20e6, (b - a) / 20 / 4.3e6 }'

echo "2. wall time (release build, this machine's load):"
"$bin" history bench Scenarios/dortmund-2020.yaml --runs 50 --history "$tmp/bench.sqlite" | sed 's/^/   /'
t() { python3 Benchmarks/timing.py "$@"; }
with=$(t 21 -- "$bin" solve Scenarios/dortmund-2020.yaml --history "$tmp/solve.sqlite")
without=$(t 21 -- "$bin" solve Scenarios/dortmund-2020.yaml --no-history)
awk -v w="$with" -v o="$without" 'BEGIN { split(w, a, " "); split(o, b, " ");
    printf "   solve, 21 runs: with recording median %.1f ms (CPU %.1f ms), --no-history median %.1f ms (CPU %.1f ms): recording adds %.1f ms wall, %.1f ms CPU\n",
        a[1] * 1000, a[length(a)] * 1000, b[1] * 1000, b[length(b)] * 1000, (a[1] - b[1]) * 1000, (a[length(a)] - b[length(b)]) * 1000 }'
