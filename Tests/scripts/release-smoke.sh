#!/usr/bin/env bash
# The release binary the README's first command builds (`-c release --static-swift-stdlib`), run
# on every command a user starts from the README: `swift test` runs the debug build only, and a
# fault of the optimised, statically linked binary alone (issue 19: `allocate years` and the
# planner's /api/years crashed in swift_task_localValuePush there) would pass it.
#   Tests/scripts/release-smoke.sh            # build, then run
#   NO_BUILD=1 Tests/scripts/release-smoke.sh # run .build/release/allocate as it is
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${NO_BUILD:-}" ] || swift build -c release --static-swift-stdlib --product allocate >/dev/null
bin=${BIN:-.build/release/allocate}   # BIN=: another binary (e.g. to see the check fail)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/allocate-release-smoke.XXXXXX")
server=""
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "release-smoke: $*" >&2; exit 1; }
run() {  # name, then the command's arguments: must exit 0 and print something
    local name=$1; shift
    "$bin" "$@" --history "$tmp/history.sqlite" >"$tmp/$name.out" 2>"$tmp/$name.err" || fail "$name: exit $? ($(tail -3 "$tmp/$name.err"))"
    [ -s "$tmp/$name.out" ] || fail "$name: printed nothing"
}
run solve solve
run solve-out solve --out "$tmp/plan"
run years years Scenarios/dortmund-2026-2030.yaml
run years-json years Scenarios/dortmund-2026-2030.yaml --json
run schedule schedule
run report report --out "$tmp/report"
run compare compare Scenarios/dortmund-2020.yaml Scenarios/what-if/grant-10-percent-lower.yaml
run history history list
[ -s "$tmp/report/report.html" ] || fail "report: no report.html"

# The planner: a single-year and a multi-year request against the release server.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --port "$port" --history "$tmp/history.sqlite" >"$tmp/serve.out" 2>"$tmp/serve.err" & server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/api/scenarios" && break; sleep 0.2; done
for route in solve years; do
    scenario=dortmund-2020.yaml; [ "$route" = solve ] || scenario=dortmund-2026-2030.yaml
    code=$(curl -s -m 120 -o "$tmp/$route.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -d "{\"scenario\":\"$scenario\"}" "http://127.0.0.1:$port/api/$route") || fail "planner /api/$route: no answer (server: $(tail -3 "$tmp/serve.err"))"
    [ "$code" = 200 ] || fail "planner /api/$route: HTTP $code: $(head -c 300 "$tmp/$route.json")"
done
kill -0 "$server" 2>/dev/null || fail "planner: the server is gone"
echo "release-smoke: solve, years, schedule, report, compare, history and the planner's /api/solve and /api/years passed with the release binary"
