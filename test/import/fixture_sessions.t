#!/usr/bin/env bash
# The fixture import as hexctl runs it, in real sessions: two imports at once give the state
# of one (the second waits, then finds every row present and adds no reject), and an import
# whose session dies midway leaves hexdb as it was. Runs inside pg_virtualenv.
set -uo pipefail
cd "$(dirname "$0")/../.."
source test/lib/tap.sh
db=hexdb_import_sessions
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -qX -d $db -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" >/dev/null
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" "$@"; }
for t in users scores friendships monthly_scores game_visits; do
  q -c "\\copy hexdb.staging_$t FROM 'test/import/fixture/$t.txt'"
done
ok $? "the mariadb-dump files load into the staging tables with COPY"

state() {
  q -c "SELECT (SELECT count(*) FROM hexdb.users) || ' ' || (SELECT count(*) FROM hexdb.scores) || ' ' ||
               (SELECT count(*) FROM hexdb.friendships) || ' ' || (SELECT count(*) FROM hexdb.monthly_scores) || ' ' ||
               (SELECT count(*) FROM hexdb.game_visits) || ' ' || (SELECT count(*) FROM hexdb.import_rejects)"
}

# Dies midway: the session holding the import is terminated while it sleeps inside the
# import (a trigger on game_visits, the last table), after users and scores were written.
q -c "CREATE FUNCTION public.nap() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN PERFORM pg_sleep(30); RETURN NULL; END\$\$" \
  -c "CREATE TRIGGER nap BEFORE INSERT ON hexdb.game_visits FOR EACH STATEMENT EXECUTE FUNCTION public.nap()"
q -c "SET application_name = 'doomed_import'" -c "SELECT count(*) FROM hexdb.import_legacy()" >/dev/null 2>&1 &
doomed=$!
for _ in $(seq 100); do
  [ "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'doomed_import' AND wait_event = 'PgSleep'")" = 1 ] && break
  sleep 0.1
done
is "$(q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'doomed_import'")" "t" \
  "the import session is killed while inside the import"
wait $doomed
is "$(state)" "0 0 0 0 0 0" "nothing of the killed import remains"
q -c "DROP TRIGGER nap ON hexdb.game_visits" -c "DROP FUNCTION public.nap()"

# Two imports at once.
q -c "SELECT * FROM hexdb.import_legacy()" >/tmp/import_a.$$ &
a=$!
q -c "SELECT * FROM hexdb.import_legacy()" >/tmp/import_b.$$ &
b=$!
wait $a; ok $? "first concurrent import succeeds"
wait $b; ok $? "second concurrent import succeeds"
is "$(cat /tmp/import_a.$$)" "$(cat /tmp/import_b.$$)" "both report the same counts"
rm -f /tmp/import_a.$$ /tmp/import_b.$$
is "$(state)" "6 5 4 6 3 21" "the state of one import: 6 users, 5 scores, 4 friendships, 6 months, 3 visits, 21 rejects"
is "$(q -c "SELECT sum(source_rows - imported - quarantined) FROM hexdb.import_legacy()")" "0" \
  "a third run still accounts for every row"
is "$(state)" "6 5 4 6 3 21" "and changes nothing"
is "$(q -c "SELECT sum(problems) FROM hexdb.check_integrity()")" "0" "check_integrity finds no problem"

psql -qX -c "DROP DATABASE $db" >/dev/null
done_testing
