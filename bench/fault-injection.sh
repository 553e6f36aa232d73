#!/usr/bin/env bash
# The long form of the kill -9 fault-injection tests (tests/Section11.Web.Tests/Reliability/FaultInjectionTests.cs):
# four people saving through the pages of the real service process while it is killed with SIGKILL and restarted on
# the same database, CYCLES times, on SQLite and then on a throwaway PostgreSQL; then every acknowledged save must be
# in the database and SQLite's integrity_check must say ok. Also runs the kills during migration and demo seeding.
# Usage (as root, for the PostgreSQL cluster): bench/fault-injection.sh [CYCLES] (default 50). Prints each run's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-50}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 SECTION11_FAULT_CYCLES=$cycles
dotnet build tests/Section11.Web.Tests -c Release -nologo -clp:ErrorsOnly
pg_dir=$(mktemp -d /tmp/section11-fault-pg.XXXXXX)
trap 'scripts/pg-stop.sh "$pg_dir"' EXIT
# The first port from 55620 nothing listens on (other clusters may run on this machine), unless one is given.
port=${SECTION11_FAULT_PG_PORT:-}
if [ -z "$port" ]; then
  for port in $(seq 55620 55699); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
fi
SECTION11_TEST_POSTGRES=$(scripts/pg-start.sh "$pg_dir" "$port")
export SECTION11_TEST_POSTGRES
status=0
for provider in sqlite postgres; do
  echo "== $provider, $cycles kill -9 cycles"
  SECTION11_TEST_PROVIDER=$provider dotnet test tests/Section11.Web.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~FaultInjection|FullyQualifiedName~StartupKill" --logger "console;verbosity=detailed" 2>&1 \
    | grep -E "^\s+(Passed|Failed) |kill -9 cycles|attempt [0-9]|: [0-9.]+ s$|Error Message|Assert" || status=1
done
exit $status
