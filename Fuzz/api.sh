#!/usr/bin/env bash
# Property-based testing of the web planner's HTTP API against its own OpenAPI description
# (schemathesis, from PyPI, in a virtual environment under .build-schemathesis/):
#   Fuzz/api.sh [EXAMPLES]     # default 100 examples per operation
# Serves a copy of Scenarios/ (saves go there), checks every response: no server error,
# status codes and content types as declared, bodies matching their schemas, requests that
# violate the schema refused. Two checks are left out on purpose: positive_data_acceptance
# (a key path the schema allows may still not exist in the scenario: a 422 with the
# command line's message is right) and unsupported_method (undeclared methods get 404, not 405).
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-100}
venv=.build-schemathesis
[ -x "$venv/bin/schemathesis" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet schemathesis; }
[ -x .build/debug/allocate ] || swift build --product allocate
tmp=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
cp -r Scenarios "$tmp/Scenarios"
.build/debug/allocate serve "$tmp/Scenarios/dortmund-2020.yaml" --port 0 > "$tmp/serve.log" &
server=$!
for _ in $(seq 50); do grep -q "http://" "$tmp/serve.log" 2>/dev/null && break; sleep 0.2; done
url=$(grep -o 'http://[^ ]*' "$tmp/serve.log" | head -1); url=${url%/}
[ -n "$url" ] || { echo "api.sh: the server did not start" >&2; exit 1; }
"$venv/bin/schemathesis" run "$url/api/openapi.json" --url "$url" --max-examples "$examples" --checks all \
  --exclude-checks positive_data_acceptance,unsupported_method
