#!/bin/sh
# More random scenarios for the issue #22 property test (per-kind maximin, exact advice,
# stage values), in chunks with distinct seeds: Tests/scripts/maximin-advice.sh [SCENARIOS] [CHUNK]
set -eu
total=${1:-2000}
chunk=${2:-500}
cd "$(dirname "$0")/../.."
swift build --build-tests >/dev/null
first=1
while [ "$first" -le "$total" ]; do
    PROPERTY_SCENARIOS=$chunk PROPERTY_FIRST_SEED=$first swift test --skip-build --filter MaximinAdviceTests
    first=$((first + chunk))
done
