#!/usr/bin/env bash
# End-to-end test of the web planner (`allocate serve`) in headless Chromium.
#
#   Tests/e2e/run.sh [--screenshot PATH]
#
# Installs what is missing (Debian's chromium and chromium-driver through apt-get, selenium
# through pip), builds `allocate` only if $ALLOCATE (default .build/debug/allocate) does not
# exist, starts `allocate serve --port 0` on a copy of Scenarios/ in a temporary folder (so
# the save test writes there, not into the repository), runs Tests/e2e/planner_e2e.py against
# it and always stops the server. Exit status 0 only if every step passed.
#
#   --screenshot PATH   also write a PNG (1400x2000) of the page with the grant lowered,
#                       e.g. docs/planner.png for the README
#
# Steps checked, in a German browser (de-DE): first solve (optimal, verified, KPIs, charts) on
# a German page (labels, table headers, aria labels, de-DE numbers with no-break spaces, no
# English text); lowering the Sofortausstattung grant by keyboard, mouse and script (fewer
# pupils, less spent, schools that lose); an invalid unit price refused beside its field with
# the command line's message in German, and cleared again; saving a what-if file; downloading
# report.html (German) and plan.json; the page's number reading over a table of inputs,
# German-formatted values typed into the fields (5.490.000, 5.490.000,50, 80 %) and solved as
# `allocate solve --set ...` solves them, malformed ones (5.490000, 5,490,000, 1.2.3, 0,9 as a
# rate) refused beside their field with nothing sent; the sign of Δ in the downloaded
# comparison report against the screen; the language switch (English labels, numbers and
# messages, an English report.html, then German again); the history panel (the downloads made,
# de-DE times, the history's figures as `allocate history list` has them, a past run opened as
# the baseline, English headers and times); the progress of the state-wide scenario's solve in
# German in the status line; a multi-year plan (dortmund-2026-2030.yaml): marked in the list, its
# years form in German, a yearly budget typed as "1.500.000" solved (the stage under way shown in
# #status, "Stufe 2 von 4 …") and the year-by-year table in
# de-DE numbers, a refused device life beside its field. Takes two to four minutes once built.
set -euo pipefail

die() { echo "e2e: $*" >&2; exit 1; }

screenshot=""
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) [ $# -ge 2 ] || die "--screenshot needs a PATH"
                  screenshot="$2"; shift 2 ;;
    --screenshot=*) screenshot="${1#*=}"; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (usage: $0 [--screenshot PATH])" ;;
  esac
done
if [ -n "$screenshot" ]; then
  case "$screenshot" in /*) ;; *) screenshot="$PWD/$screenshot" ;; esac
  mkdir -p "$(dirname "$screenshot")"
fi

cd "$(dirname "$0")/../.."
ALLOCATE="${ALLOCATE:-.build/debug/allocate}"

# ---- what the test needs ----

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "e2e: installing chromium and chromium-driver"
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null \
    || die "cannot install chromium and chromium-driver"
fi
[ -x /usr/bin/chromedriver ] || die "/usr/bin/chromedriver is missing after installing chromium-driver"

if ! python3 -c "import selenium" 2>/dev/null; then
  echo "e2e: installing selenium"
  # Debian's own python3 refuses pip installs into the system (PEP 668): then into the user's site.
  python3 -m pip install --quiet selenium 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages selenium \
    || die "cannot install selenium (python3 -m pip install selenium)"
  python3 -c "import selenium" || die "selenium does not import after installing it"
fi

if [ ! -e "$ALLOCATE" ]; then
  [ "$ALLOCATE" = ".build/debug/allocate" ] || die "ALLOCATE=$ALLOCATE does not exist"
  echo "e2e: building allocate"
  swift build --product allocate || die "swift build --product allocate failed"
fi
[ -x "$ALLOCATE" ] || die "$ALLOCATE is not an executable"

# ---- the server, on a copy of the scenarios ----

tmp="$(mktemp -d "${TMPDIR:-/tmp}/allocate-e2e.XXXXXX")"
server=""
status=1
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  if [ "$status" -eq 0 ]; then rm -rf "$tmp"; else echo "e2e: files of the failed run kept in $tmp" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cp -r Scenarios "$tmp/Scenarios"
rm -rf "$tmp/Scenarios/saved"
mkdir -p "$tmp/downloads"
# --scenarios explicitly: without it the folder would be the path's first component ("/tmp").
"$ALLOCATE" serve "$tmp/Scenarios/dortmund-2020.yaml" --scenarios "$tmp/Scenarios" --port 0 \
  >"$tmp/server.out" 2>"$tmp/server.err" &
server=$!

url=""
for _ in $(seq 300); do
  url="$(sed -n 's|^allocate planner: \(http://127\.0\.0\.1:[0-9][0-9]*/\).*|\1|p' "$tmp/server.out" | head -n 1)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/server.err" >&2; die "allocate serve exited before listening"; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/server.out" "$tmp/server.err" >&2; die "allocate serve printed no address within 30 s"; }
echo "e2e: server at $url (pid $server, scenarios $tmp/Scenarios)"

# ---- the test ----

args=(--url "$url" --scenarios "$tmp/Scenarios" --downloads "$tmp/downloads"
      --allocate "$ALLOCATE" --scenario "$tmp/Scenarios/dortmund-2020.yaml")
[ -n "$screenshot" ] && args+=(--screenshot "$screenshot")
started=$(date +%s)
if timeout 600 python3 Tests/e2e/planner_e2e.py "${args[@]}"; then
  status=0
else
  rc=$?
  [ "$rc" -eq 124 ] && echo "e2e: the test took longer than 600 s" >&2
  echo "e2e: server log:" >&2; sed 's/^/  /' "$tmp/server.err" >&2
  kill -0 "$server" 2>/dev/null || echo "e2e: the server is no longer running" >&2
  die "FAILED (exit $rc)"
fi
echo "e2e: passed in $(( $(date +%s) - started )) s"
