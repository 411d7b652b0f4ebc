#!/usr/bin/env bash
# Coverage-guided fuzzing of every input path (libFuzzer, with AddressSanitizer): scenario YAML,
# school CSV, --set overrides, and the web planner's request bodies.
#   Fuzz/run.sh [RUNS] [TARGET...]   # default 100000 executions per target, all targets
# Dictionaries: Fuzz/yaml.dict (YAML structure: anchors, aliases, merge keys, tags, and the
# scenario's keys), Fuzz/csv.dict, Fuzz/override.dict, Fuzz/request.dict. Each target prints
# its executions, seconds and executions per second (the figures in README "Reliability").
# Seeds come from Scenarios/ and the test fixtures; a crash or hang leaves its input as
# Fuzz/artifacts/crash-* (turn it into a regression fixture under Tests/).
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
printf 'pools.sofort.budget=5490000' > corpus/override/budget
printf 'need.priorityWeightByLevel.9=3' > corpus/override/weight
printf 'schools.overrides.100002.pupils=400' > corpus/override/school
printf 'objective=weighted' > corpus/override/objective
printf '{"overrides": {"pools.sofort.budget": "5490000"}}' > corpus/request/budget
printf '{"scenario": "what-if/grant-10-percent-lower.yaml", "baseline": "dortmund-2020.yaml", "title": "x", "overrides": {"objective": "weighted", "need.priorityWeightByLevel.9": 3}}' > corpus/request/full
printf '{"scenario": "../Tests/x.yaml", "step": 100, "file": "a", "overwrite": false, "language": "en"}' > corpus/request/path
cd ..   # the targets read paths relative to the repository
for t in FuzzScenarioYAML:yaml FuzzSchoolCSV:csv FuzzOverride:override FuzzPlannerRequest:request; do
  name=${t%%:*}; corpus=${t##*:}
  if [ ${#targets[@]} -gt 0 ] && [[ ! " ${targets[*]} " == *" $name "* ]]; then continue; fi
  echo "== $name ($runs runs)"
  dict=""; [ -f "Fuzz/$corpus.dict" ] && dict="-dict=Fuzz/$corpus.dict"
  FUZZ_BASE=Scenarios "Fuzz/$bin/$name" -runs="$runs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 $dict \
    -print_final_stats=1 -artifact_prefix=Fuzz/artifacts/ "Fuzz/corpus/$corpus" 2>&1 \
    | grep -E "^#[0-9]+.*DONE|ERROR|SUMMARY|^Done|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" | tail -6
done
