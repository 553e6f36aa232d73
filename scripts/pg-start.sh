#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (as root, run as the postgres user) and prints its
# connection string. Usage: scripts/pg-start.sh DIR PORT. Stop it with scripts/pg-stop.sh DIR.
set -euo pipefail
dir=$1
port=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$dir"
chown postgres:postgres "$dir"
chmod 700 "$dir"
runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300 -c fsync=on -c synchronous_commit=on" start >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres"
