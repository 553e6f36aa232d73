#!/usr/bin/env bash
# The whole test suite, as CI runs it, on a fresh Debian machine as root:
#   1. installs what it needs from apt (PostgreSQL, Chromium, LibreOffice and poppler for the export
#      conversion tests) if missing;
#   2. starts a throwaway PostgreSQL on 127.0.0.1;
#   3. builds once, then runs every test on SQLite, and every data test again on PostgreSQL
#      (browser tests run once, on SQLite);
#   4. stops PostgreSQL and prints "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc libreoffice-writer)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from apt..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

pg_dir=$(mktemp -d /tmp/section11-pg.XXXXXX)
pg_port=${SECTION11_TEST_PG_PORT:-55432}
trap 'scripts/pg-stop.sh "$pg_dir"' EXIT
export SECTION11_TEST_POSTGRES
SECTION11_TEST_POSTGRES=$(scripts/pg-start.sh "$pg_dir" "$pg_port")
echo "PostgreSQL running on 127.0.0.1:$pg_port"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The exports must open in LibreOffice: here a missing soffice or pdftotext fails those tests instead of skipping them.
export SECTION11_REQUIRE_OFFICE=1
dotnet build Section11.slnx -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
out=$(mktemp)
status=0
run() {
  local label=$1; shift
  echo "== $label"
  dotnet test Section11.slnx -c Release --no-build -nologo "$@" > "$out" 2>&1 || status=1
  cat "$out" >> "$log"
  grep -E "^(Passed|Failed)!|^\s+Failed |Error Message" -A3 "$out" || true
}
SECTION11_TEST_PROVIDER=sqlite run "every test on SQLite (browser tests included)"
SECTION11_TEST_PROVIDER=postgres run "data tests on PostgreSQL" --filter "Category!=Browser&Category!=Office"

# Each test project prints "Passed!  - Failed: 0, Passed: 42, Skipped: 0, ..."; add them up.
read -r passed failed < <(awk '/^(Passed|Failed)! +- Failed:/ {
    for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
  END { print p + 0, f + 0 }' "$log")
rm -f "$log" "$out"
echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
[ "${passed:-0}" -gt 0 ] || status=1
[ "${failed:-0}" -eq 0 ] || status=1
exit $status
