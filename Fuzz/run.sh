#!/usr/bin/env bash
# Coverage-guided fuzzing of every input path (libFuzzer, with AddressSanitizer): scenario YAML,
# school CSV, --set overrides, and the web planner's request bodies.
#   Fuzz/run.sh [RUNS] [TARGET...]   # default 100000 executions per target, all targets
#   nice -n 19 Fuzz/run.sh 100000 FuzzOverride FuzzPlannerRequest   # on a shared machine
# One fuzzer process at a time (no -jobs/-workers). Dictionaries: Fuzz/yaml.dict (YAML
# structure: anchors, aliases, merge keys, tags, and the scenario's keys), Fuzz/csv.dict,
# Fuzz/override.dict, Fuzz/request.dict. Each target prints its executions, seconds and
# executions per second (the figures in README "Reliability").
# Seeds: Scenarios/ and the test fixtures (YAML, CSV), Fuzz/seeds/override and Fuzz/seeds/request
# (committed). FuzzOverride and FuzzPlannerRequest work on Fuzz/scenarios/ (the Dortmund
# scenario's sections on a 12-row table), so every execution is bounded. The grown corpus stays
# in Fuzz/corpus/ (not committed) and the next run goes on from it; FUZZ_SEED (default 1) fixes
# libFuzzer's random seed: with `rm -rf Fuzz/corpus` first, a run repeats the same inputs.
# A crash or hang leaves its input as Fuzz/artifacts/crash-* or timeout-* (turn it into a
# regression test under Tests/; FuzzFindingsTests holds what was found so far).
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-100000}
shift || true
targets=("$@")
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --scratch-path .build-fuzz >/dev/null
bin=.build-fuzz/release
mkdir -p corpus/yaml corpus/csv corpus/override corpus/request artifacts
cp ../Scenarios/*.yaml ../Scenarios/what-if/*.yaml ../Scenarios/nrw/*.yaml ../Tests/AllocationTests/Fixtures/valid/*.yaml ../Tests/AllocationTests/Fixtures/invalid/*.yaml corpus/yaml/ 2>/dev/null || true
cp ../Tests/AllocationTests/Fixtures/data/*.csv corpus/csv/
cp seeds/override/* corpus/override/
cp seeds/request/* corpus/request/
cd ..   # the targets read paths relative to the repository
for t in FuzzScenarioYAML:yaml FuzzSchoolCSV:csv FuzzOverride:override FuzzPlannerRequest:request; do
  name=${t%%:*}; corpus=${t##*:}
  if [ ${#targets[@]} -gt 0 ] && [[ ! " ${targets[*]} " == *" $name "* ]]; then continue; fi
  echo "== $name ($runs runs, seed ${FUZZ_SEED:-1}, $(date -u +%FT%TZ))"
  start=$(date +%s)
  dict=""; [ -f "Fuzz/$corpus.dict" ] && dict="-dict=Fuzz/$corpus.dict"
  FUZZ_BASE=Scenarios "Fuzz/$bin/$name" -runs="$runs" -seed="${FUZZ_SEED:-1}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 $dict \
    -print_final_stats=1 -artifact_prefix=Fuzz/artifacts/ "Fuzz/corpus/$corpus" 2>&1 \
    | grep -E "^#[0-9]+.*DONE|ERROR|SUMMARY|^Done|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" | tail -6
  echo "   $(( $(date +%s) - start )) s wall; corpus: $(ls "Fuzz/corpus/$corpus" | wc -l) files"
done
