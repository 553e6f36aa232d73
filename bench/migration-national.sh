#!/usr/bin/env bash
# The national data set made by an older release, migrated by this one: every table's row count before and after.
# Usage (as root, from the repository root): bench/migration-national.sh [BASE_COMMIT] [--partnerships N]
#   BASE_COMMIT: a commit before the migrations to test (default e55f374, the last before ReceiptsAndSharing).
# It checks out BASE_COMMIT in a temporary worktree, starts a throwaway PostgreSQL, generates the national data set
# with that commit's generator, counts every table, migrates the database with this tree's `migrate` command, counts
# again and compares. Exit 0 when every table that existed before keeps its count, except the ones the migrations
# are meant to change, which it prints with their before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-e55f374}
shift || true
root=$PWD
work=$(mktemp -d /tmp/s11-migration.XXXXXX)
chmod 755 "$work" # the PostgreSQL cluster inside runs as the postgres user
port=55660
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cleanup() {
  scripts/pg-stop.sh "$work/pg" >/dev/null 2>&1 || true
  git worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

server=$(scripts/pg-start.sh "$work/pg" "$port")
connection="$server;Database=s11_national"
git worktree add --detach -q "$work/base" "$base"

echo "== generating the national data set with $base"
start=$(date +%s)
if [ -d "$work/base/bench/Section11.Bench.Data" ]; then
  (cd "$work/base" && dotnet run -c Release --project bench/Section11.Bench -- generate national --connection "$connection" "$@")
else
  (cd "$work/base" && dotnet run -c Release --project src/Section11.Web -- generate national --connection "$connection" "$@")
fi
echo "generated in $(($(date +%s) - start)) s"

count() {
  local psql
  psql=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
  # Exact counts, every table but EF's own history, one "table count" line each.
  "$psql" -h 127.0.0.1 -p "$port" -U postgres -d s11_national -At -F ' ' -c "
    SELECT format('SELECT %L, count(*) FROM %I', table_name, table_name) FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'
    ORDER BY table_name" | while read -r query; do "$psql" -h 127.0.0.1 -p "$port" -U postgres -d s11_national -At -F ' ' -c "$query"; done
}
count > "$work/before.txt"

echo "== migrating with this tree ($(git rev-parse --short HEAD))"
start=$(date +%s)
Database__Provider=Postgres ConnectionStrings__Section11="$connection" \
  dotnet run -c Release --project "$root/src/Section11.Web" -- migrate
echo "migrated in $(($(date +%s) - start)) s"
count > "$work/after.txt"

# Tables the migrations since ReceiptsAndSharing change on purpose: receipts are made one per return, and each
# round's local items move into a local section of its own (one more standard per round that had local items).
expected_changes="Receipts Standards KeptForms"
status=0
printf '%-34s %12s %12s\n' table before after
join -a1 -a2 -e 0 -o 0,1.2,2.2 <(sort "$work/before.txt") <(sort "$work/after.txt") | while read -r table before after; do
  mark=""
  if [ "$before" != "$after" ]; then
    case " $expected_changes " in
      *" $table "*) mark="(meant to change)" ;;
      *) mark="CHANGED"; echo "$table" >> "$work/unexpected" ;;
    esac
  fi
  printf '%-34s %12s %12s %s\n' "$table" "$before" "$after" "$mark"
done
returns=$(awk '$1 == "Returns" { print $2 }' "$work/after.txt")
receipts=$(awk '$1 == "Receipts" { print $2 }' "$work/after.txt")
echo "returns $returns, receipts $receipts"
[ "$returns" = "$receipts" ] || { echo "every return should have one receipt"; status=1; }
[ -e "$work/unexpected" ] && { echo "tables changed that should not have: $(tr '\n' ' ' < "$work/unexpected")"; status=1; }
[ $status -eq 0 ] && echo "OK: no row lost"
exit $status
