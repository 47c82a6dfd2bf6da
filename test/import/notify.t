#!/usr/bin/env bash
# An import announces each friendship it writes as any insert is announced (pg_notify
# 'hexdb_friendship', SPEC.md), once, in its legacy state: the bulk path
# (import/import_friendships_write.cpp) sends what the INSERT through the friendship triggers
# sends, which a trigger of the studio's own on friendships brings back. Runs inside
# pg_virtualenv.
set -uo pipefail
cd "$(dirname "$0")/../.."
source test/lib/tap.sh

# import DB [SQL...]: a fresh database with the fixture staged, SQL run first, then the import
# in a session that LISTENs; prints each notification's payload with user ids replaced by the
# users' legacy ids, sorted.
import() {
  local db=$1; shift
  psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  psql -qX -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" "$@" >/dev/null
  for t in users scores friendships monthly_scores game_visits; do
    psql -qX -d "$db" -c "\\copy hexdb.staging_$t FROM 'test/import/fixture/$t.txt'"
  done
  local out
  out=$(psql -qXAt -d "$db" -c "SET client_min_messages = warning" -c "LISTEN hexdb_friendship" \
          -c "SELECT count(*) FROM hexdb.import_legacy()" 2>&1)
  local users
  users=$(psql -qXAt -F ' ' -d "$db" -c "SELECT user_id, legacy_id FROM hexdb.users")
  printf '%s\n' "$out" | sed -n 's/^Asynchronous notification "hexdb_friendship" with payload "\(.*\)" received from server process with PID [0-9]*\.$/\1/p' |
    awk -v map="$users" 'BEGIN { n = split(map, l, "\n"); for (i = 1; i <= n; i++) { split(l[i], f, " "); id[f[1]] = f[2] } }
      { for (u in id) gsub(u, "user" id[u]); print }' | sort
}

bulk=$(import hexdb_import_notify_bulk)
is "$(printf '%s\n' "$bulk" | grep -c '"op":"insert"')" "4" "the bulk import announces its 4 friendships, each as an insert"
is "$(printf '%s\n' "$bulk" | grep -c .)" "4" "  and nothing else (no request then update)"
printf '%s\n' "$bulk" | grep -qF '{"op":"insert","id":1,"requester_id":"user1","receiver_id":"user2","status":"accepted","old_status":null}'
ok $? "  each in its legacy state, with its legacy id and users"

sql=$(import hexdb_import_notify_sql \
  -c "CREATE FUNCTION public.noop() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN RETURN NULL; END\$\$" \
  -c "CREATE TRIGGER studio_audit AFTER INSERT ON hexdb.friendships FOR EACH STATEMENT EXECUTE FUNCTION public.noop()")
is "$sql" "$bulk" "the INSERT through the friendship triggers (a studio trigger forces it) announces the same"

psql -qX -c "DROP DATABASE hexdb_import_notify_bulk" -c "DROP DATABASE hexdb_import_notify_sql" >/dev/null
done_testing
