#!/usr/bin/env bash
# Cold start of the embedded default: from starting the built service (Release) to its first page, GET / answering 200.
# Twice: on an empty folder (creates the SQLite database, migrates, loads the frameworks, seeds the demo) and again on
# the database that run left (a restart). Prints milliseconds. Usage: bench/cold-start.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
dotnet build src/Section11.Web -c Release -nologo -clp:ErrorsOnly >/dev/null
dll=src/Section11.Web/bin/Release/net10.0/Section11.Web.dll
port=5097

start_once() {
  local data=$1
  local t0 t1 pid
  t0=$(date +%s%N)
  # Production, as deployed behind a TLS proxy, with the demo asked for (Production seeds none by default).
  ConnectionStrings__Section11="Data Source=$data/section11.db" Email__PickupDirectory="$data/mail" \
    Accounts__PublicBaseUrl=https://localhost ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Demo__Enabled=true \
    Logging__LogLevel__Default=Warning dotnet "$dll" --urls "http://127.0.0.1:$port" >"$data/log.txt" 2>&1 &
  pid=$!
  until curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/" 2>/dev/null | grep -q 200; do
    kill -0 "$pid" 2>/dev/null || { cat "$data/log.txt"; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

for i in $(seq "$runs"); do
  data=$(mktemp -d /tmp/section11-cold.XXXXXX)
  first=$(start_once "$data")
  again=$(start_once "$data")
  echo "run $i: empty folder ${first} ms, restart ${again} ms"
  rm -rf "$data"
done
