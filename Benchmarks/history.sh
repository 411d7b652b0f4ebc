#!/usr/bin/env bash
# What recording a run in the run history costs (issue 20; goal: under 5 ms per run on the
# default `solve`). Benchmarks/history-recording.md keeps the figures and how they were taken.
#   Benchmarks/history.sh            # release build (as the README's run command makes it), then measure
#   NO_BUILD=1 Benchmarks/history.sh # measure .build/release/allocate as it is (BIN=path: another binary)
# 1. Instructions per recording: valgrind --tool=callgrind on a stripped copy of the binary,
#    `allocate history bench Scenarios/dortmund-2020.yaml --runs N` (one solve, then N
#    recordings, each opening the history as a command does) for N = 1 and N = 21 into fresh
#    histories; per recording = (I(21) - I(1)) / 20. Instruction counts do not depend on how
#    busy the machine is; at about 4.3 instructions per ns (measured on this machine) 21 M
#    instructions are about 5 ms.
# 2. What the goal asks: instructions of the whole default `solve` with recording (into a
#    history that holds a run already, as on a working day) minus the same `solve --no-history`
#    (callgrind on the stripped copy, one run each: the solve itself is deterministic). This
#    holds what `history bench` leaves out: the first use of GRDB, SQLite and the record's code
#    in a process, and rendering plan.json for the record. Under valgrind a solve runs about 50
#    times slower: `--time-limit 600` keeps the default limit from stopping it (the plan is
#    the same).
# 3. Wall and CPU: `history bench --runs 50` (median of the recordings), and the whole default
#    `solve` with and without recording, 31 pairs run alternately (so that the machine's load
#    drifts alike for both): medians of wall and CPU time (user + system, which counts the
#    kernel's part: files, fsync on the checkpoint) and the median of the paired differences;
#    also their mean, which holds the WAL checkpoint a recording run makes once the WAL it keeps
#    between runs has 200 pages (about every ninth default run: HistoryStore.walPagesBeforeCheckpoint).
# 4. State-wide (issue 18's ratio, which recording must not spoil): instructions of
#    `solve Scenarios/nrw/state-2020.yaml --workers 1 --time-limit 3600` with recording (into a
#    history holding a run of it already) and with --no-history (callgrind on the stripped copy;
#    several minutes under valgrind: NO_NRW=1 leaves it out).
# 5. Big plans (issue 18: recording the 40,005-school run was a third of its wall time): wall
#    time of one recording (`history bench --runs 7`: plan.json rendered, deflated, one
#    transaction, the WAL checkpoint each such record makes) for NRW state-wide and, when its
#    table exists (Benchmarks/run.sh makes it), the synthetic 40,005 schools; and the whole
#    40,005-school `solve --workers 2 --time-limit 3600` with and without recording, 5 pairs
#    run alternately: medians of wall and CPU time and of the pairs' differences. NO_BIG=1
#    leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${NO_BUILD:-}" ] || nice -n 5 swift build -c release --static-swift-stdlib --product allocate >/dev/null
bin=${BIN:-.build/release/allocate}  # BIN=path: another build (e.g. main's, for a comparison in the same window)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocate-history-bench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

cp "$bin" "$tmp/allocate"; strip "$tmp/allocate"
instructions() {  # N -> instructions of `history bench --runs N` into a fresh history
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$1" "$tmp/allocate" history bench Scenarios/dortmund-2020.yaml \
        --time-limit 600 --runs "$1" --history "$tmp/h$1.sqlite" >/dev/null 2>"$tmp/cg.$1.log"
    grep -o 'Collected : [0-9]*' "$tmp/cg.$1.log" | awk '{ print $3 }'
}
one=$(instructions 1); many=$(instructions 21)
awk -v a="$one" -v b="$many" 'BEGIN { printf "1. callgrind: history bench --runs 1: %.1f M, --runs 21: %.1f M instructions: %.2f M per recording (about %.1f ms at 4.3 instructions/ns)\n", a / 1e6, b / 1e6, (b - a) / 20e6, (b - a) / 20 / 4.3e6 }'

solve_instructions() {  # name args... -> instructions of a whole `solve`
    local name=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$name" "$tmp/allocate" solve Scenarios/dortmund-2020.yaml --time-limit 600 "$@" \
        >/dev/null 2>"$tmp/cg.$name.log"
    grep -o 'Collected : [0-9]*' "$tmp/cg.$name.log" | awk '{ print $3 }'
}
"$tmp/allocate" solve Scenarios/dortmund-2020.yaml --history "$tmp/solve-cg.sqlite" >/dev/null
with=$(solve_instructions with --history "$tmp/solve-cg.sqlite"); without=$(solve_instructions without --no-history)
awk -v w="$with" -v o="$without" 'BEGIN { printf "2. callgrind: whole solve with recording %.1f M, --no-history %.1f M instructions: recording adds %.2f M (about %.1f ms at 4.3 instructions/ns)\n", w / 1e6, o / 1e6, (w - o) / 1e6, (w - o) / 4.3e6 }'

echo "3. wall and CPU time (release build, this machine's load):"
"$bin" history bench Scenarios/dortmund-2020.yaml --runs 50 --history "$tmp/bench.sqlite" | sed 's/^/   /'
"$bin" solve Scenarios/dortmund-2020.yaml --history "$tmp/solve.sqlite" >/dev/null
python3 - "$bin" "$tmp/solve.sqlite" <<'PY'
import os, statistics, subprocess, sys, time
binary, history = sys.argv[1], sys.argv[2]
def run(args):
    start = time.perf_counter()
    p = subprocess.Popen([binary, "solve", "Scenarios/dortmund-2020.yaml"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    assert status == 0, "solve failed"
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime
pairs = [(run(["--history", history]), run(["--no-history"])) for _ in range(31)]
ms = lambda xs: statistics.median(xs) * 1000
w = [a[0] for a, _ in pairs]; wc = [a[1] for a, _ in pairs]; o = [b[0] for _, b in pairs]; oc = [b[1] for _, b in pairs]
dw = [a[0] - b[0] for a, b in pairs]; dc = [a[1] - b[1] for a, b in pairs]
print("   solve, 31 pairs: with recording median %.1f ms wall (CPU %.1f ms), --no-history median %.1f ms (CPU %.1f ms);"
      " recording adds (median of the pairs' differences) %.1f ms wall, %.1f ms CPU;"
      " mean of the differences (with the WAL checkpoint of every ninth run or so) %.1f ms wall, %.1f ms CPU"
      % (ms(w), ms(wc), ms(o), ms(oc), ms(dw), ms(dc), statistics.mean(dw) * 1000, statistics.mean(dc) * 1000))
PY

if [ -z "${NO_NRW:-}" ]; then
nrw_instructions() {  # name args... -> instructions of a whole state-wide `solve`
    local name=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.nrw-$name" "$tmp/allocate" solve Scenarios/nrw/state-2020.yaml --workers 1 \
        --time-limit 3600 "$@" >/dev/null 2>"$tmp/cg.nrw-$name.log"
    grep -o 'Collected : [0-9]*' "$tmp/cg.nrw-$name.log" | awk '{ print $3 }'
}
"$tmp/allocate" solve Scenarios/nrw/state-2020.yaml --workers 1 --time-limit 3600 --history "$tmp/nrw.sqlite" >/dev/null
with=$(nrw_instructions with --history "$tmp/nrw.sqlite"); without=$(nrw_instructions without --no-history)
awk -v w="$with" -v o="$without" 'BEGIN { printf "4. callgrind: NRW state-wide solve (--workers 1) with recording %.1f M, --no-history %.1f M instructions: recording adds %.1f M (%.1f %%)\n", w / 1e6, o / 1e6, (w - o) / 1e6, (w - o) * 100 / o }'
fi

if [ -z "${NO_BIG:-}" ]; then
echo "5. big plans, wall and CPU time (release build, this machine's load):"
big=(Scenarios/nrw/state-2020.yaml)
[ -f Scenarios/generated/germany-40k.csv ] && big+=(Scenarios/synthetic/germany-40k.yaml)
for scenario in "${big[@]}"; do
    "$bin" history bench "$scenario" --time-limit 3600 --runs 7 --history "$tmp/big.sqlite" | sed 's/^/   /'
done
if [ -f Scenarios/generated/germany-40k.csv ]; then
python3 - "$bin" "$tmp/big-solve.sqlite" <<'PY'
import os, statistics, subprocess, sys, time
binary, history = sys.argv[1], sys.argv[2]
def run(args):
    start = time.perf_counter()
    p = subprocess.Popen([binary, "solve", "Scenarios/synthetic/germany-40k.yaml", "--workers", "2", "--time-limit", "3600"] + args,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    assert status == 0, "solve failed"
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime
run(["--history", history])  # the inputs kept once, as on a working day
pairs = [(run(["--history", history]), run(["--no-history"])) for _ in range(5)]
med = statistics.median
print("   40,005 schools, solve --workers 2, 5 pairs: with recording median %.2f s wall (CPU %.2f s), --no-history %.2f s (CPU %.2f s);"
      " recording adds (median of the pairs' differences) %.2f s wall, %.2f s CPU"
      % (med(a[0] for a, _ in pairs), med(a[1] for a, _ in pairs), med(b[0] for _, b in pairs), med(b[1] for _, b in pairs),
         med(a[0] - b[0] for a, b in pairs), med(a[1] - b[1] for a, b in pairs)))
PY
fi
fi

