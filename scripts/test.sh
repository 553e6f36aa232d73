#!/usr/bin/env bash
# The whole test suite, as CI runs it, on a fresh Debian machine as root:
#   1. installs what it needs from apt (PostgreSQL, Chromium, LibreOffice and poppler for the export
#      conversion tests, Java and npm for the Nu HTML Checker) if missing, and the Nu HTML Checker (npm's vnu-jar) into
#      .cache/vnu;
#   2. starts a throwaway PostgreSQL on 127.0.0.1;
#   3. builds once, then runs every test on SQLite, and every data test again on PostgreSQL
#      (browser tests run once, on SQLite, in two processes of their own beside the others);
#   4. stops PostgreSQL and prints "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc libreoffice-writer)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from apt..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The Nu HTML Checker, which the accessibility crawl runs over every page it saves: npm's vnu-jar, in a git-ignored
# cache folder. SECTION11_REQUIRE_VNU=1 makes a checker that cannot run a failure rather than a check left out.
vnu_version=26.9.27
export SECTION11_VNU_JAR="$PWD/.cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$SECTION11_VNU_JAR" ] || ! grep -q "\"version\": \"$vnu_version\"" .cache/vnu/node_modules/vnu-jar/package.json; then
  echo "Installing the Nu HTML Checker (vnu-jar $vnu_version) from npm into .cache/vnu..."
  npm install --prefix .cache/vnu "vnu-jar@$vnu_version" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
fi
export SECTION11_REQUIRE_VNU=1

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

# Three streams at once, each its own dotnet test process with its own output: the browser tests on SQLite in two
# halves (the page crawl, and the journeys: each half one test at a time, since Chromium and the server keep about
# one core busy), beside every other test, on SQLite and then on PostgreSQL. The crawl outlasts the rest, so it starts
# at once and the others fill the second core around it.
# Each test project is run by its DLL, as built above: `dotnet test` of the solution would evaluate every project
# with MSBuild again on each pass, for nothing. The Core and web tests of a pass run side by side, as the solution did.
work=$(mktemp -d)
core=tests/Section11.Core.Tests/bin/Release/net10.0/Section11.Core.Tests.dll
web=tests/Section11.Web.Tests/bin/Release/net10.0/Section11.Web.Tests.dll
run() {
  local name=$1 provider=$2; shift 2
  SECTION11_TEST_PROVIDER=$provider dotnet test "$@" > "$work/$name.out" 2>&1 || echo failed > "$work/$name.failed"
}
pass() {
  local name=$1 provider=$2 filter=$3
  run "$name-core" "$provider" "$core" --filter "$filter" &
  local core_pid=$!
  run "$name-web" "$provider" "$web" --filter "$filter"
  wait "$core_pid" || true
  cat "$work/$name-core.out" "$work/$name-web.out" > "$work/$name.out"
  rm "$work/$name-core.out" "$work/$name-web.out"
  if [ -e "$work/$name-core.failed" ] || [ -e "$work/$name-web.failed" ]; then echo failed > "$work/$name.failed"; fi
}
crawl="FullyQualifiedName~Browser.AccessibilityCrawlTests|FullyQualifiedName~AccountPagesAccessibilityTests"
echo "== browser tests on SQLite (crawl; journeys), beside every other test on SQLite and then every data test on PostgreSQL"
run crawl sqlite "$web" --filter "Category=Browser&($crawl)" &
pids=($!)
run journeys sqlite "$web" --filter "Category=Browser&FullyQualifiedName!~Browser.AccessibilityCrawlTests&FullyQualifiedName!~AccountPagesAccessibilityTests" &
pids+=($!)
{ pass sqlite sqlite "Category!=Browser"
  pass postgres postgres "Category!=Browser&Category!=Office"; } &
pids+=($!)
for pid in "${pids[@]}"; do wait "$pid" || true; done

status=0
for name in sqlite postgres crawl journeys; do
  case $name in
    sqlite) echo "== every test but the browser tests, on SQLite" ;;
    postgres) echo "== data tests on PostgreSQL" ;;
    crawl) echo "== browser tests: the page crawl, on SQLite" ;;
    journeys) echo "== browser tests: the journeys, on SQLite" ;;
  esac
  [ -e "$work/$name.failed" ] && status=1
  grep -E "^(Passed|Failed)!|^\s+Failed |Error Message" -A3 "$work/$name.out" || true
done

# Each test project prints "Passed!  - Failed: 0, Passed: 42, Skipped: 0, ..."; add them up.
read -r passed failed < <(cat "$work"/*.out | awk '/^(Passed|Failed)! +- Failed:/ {
    for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
  END { print p + 0, f + 0 }')
rm -rf "$work"
echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
[ "${passed:-0}" -gt 0 ] || status=1
[ "${failed:-0}" -eq 0 ] || status=1
exit $status
