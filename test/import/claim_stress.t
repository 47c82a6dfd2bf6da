#!/usr/bin/env bash
# An import into a fresh hexdb claims users and the score tables and builds their indexes after
# the load (scores/index_deferral.hpp, import/import_users_write.cpp), while the game goes on:
# 4 pgbench clients submit scores for imported players and 2 sign new players up, started
# once the claim is held. They wait for the import's commit and then succeed, every one; the
# invariants hold after: the import's report, the months equal to their recomputation, every
# rebuilt index holding every row (amcheck), one email per player. Runs inside pg_virtualenv.
set -uo pipefail
cd "$(dirname "$0")/../.."
source test/lib/tap.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
python3 bench/import/make_export.py "$dir" --users 5000 --scores 60000 >/dev/null
ok $? "generated an export of 60,000 scores and 5,000 users"

db=hexdb_import_claim_stress
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" "$@"; }
q -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" >/dev/null
# amcheck ships with Debian's server (CI); a server built from source may lack contrib.
amcheck=$(q -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'amcheck'")
[ "$amcheck" = 1 ] && q -c "CREATE EXTENSION amcheck" >/dev/null
for t in users scores friendships monthly_scores game_visits; do
  q -c "\\copy hexdb.staging_$t FROM '$dir/$t.txt'" || echo "# copy of $t failed"
done

q -c "SET hexdb.import_password_cost = 4" -c "SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy()" \
  -F' ' >"$dir/report" 2>&1 &
importer=$!
# The claim, seen from outside: the import's backend holds SHARE on users and on scores.
claimed=0
for _ in $(seq 1 1000); do
  n=$(q -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
             WHERE c.relnamespace = 'hexdb'::regnamespace AND c.relname IN ('users', 'scores')
               AND l.mode = 'ShareLock' AND l.granted AND l.pid <> pg_backend_pid()")
  [ "$n" = 2 ] && { claimed=1; break; }
  kill -0 $importer 2>/dev/null || break
  sleep 0.01
done
is "$claimed" "1" "the import holds its claim on users and scores"

cat >"$dir/submit.sql" <<'SQL'
\set u random(1, 5000)
SELECT hexdb.submit_score(u.user_id, :u, now()) FROM hexdb.users u WHERE u.legacy_id = :u;
SQL
cat >"$dir/signup.sql" <<'SQL'
\set n random(1, 1000000000)
SELECT hexdb.create_user(format('signup%s_%s@example.com', :client_id, :n), 'new', 'a password', '2001-01-01');
SQL
PGOPTIONS="-c hexdb.password_cost=4" pgbench -n -c 4 -j 2 -T 6 -f "$dir/submit.sql" $db >"$dir/submit.log" 2>&1 &
submit=$!
PGOPTIONS="-c hexdb.password_cost=4" pgbench -n -c 2 -j 1 -T 6 -f "$dir/signup.sql" $db >"$dir/signup.log" 2>&1
ok $? "pgbench: 2 clients signing up while the import runs"
wait $submit
ok $? "pgbench: 4 clients submitting scores while the import runs"
wait $importer
ok $? "the import committed"
sed 's/^/# /' "$dir/report"
is "$(awk 'NF == 4 && $2 != $3 + $4' "$dir/report" | wc -l)" "0" "every table: source rows = imported + quarantined"
is "$(grep -c '^[a-z_]* [0-9]' "$dir/report")" "5" "  a report line for each of the five tables"

failed() { sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$1"; }
done_tx() { sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$1"; }
is "$(failed "$dir/submit.log")" "0" "no score submission failed"
is "$(failed "$dir/signup.log")" "0" "no sign-up failed"
submitted=$(done_tx "$dir/submit.log")
ok "$([ "${submitted:-0}" -gt 0 ]; echo $?)" "scores were submitted (${submitted:-0})"
is "$(q -c "SELECT count(*) FROM hexdb.scores WHERE legacy_id IS NULL")" "$submitted" \
  "  each submission is one new score"
is "$(q -c "SELECT count(*) FROM hexdb.users WHERE legacy_id IS NULL")" "$(done_tx "$dir/signup.log")" \
  "each sign-up is one new player"
is "$(q -c "SELECT count(*) - count(DISTINCT lower(email)) FROM hexdb.users")" "0" "one email per player"
is "$(q -c "SELECT sum(problems) FROM hexdb.check_integrity()")" "0" "check_integrity finds no problem"
is "$(q -c "SELECT hexdb.monthly_scores_drift()")" "0" "every month equals its recomputation"
if [ "$amcheck" = 1 ]; then
  is "$(q -c "SELECT count(*) FROM (SELECT bt_index_check(i.indexrelid, true) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                WHERE t.relnamespace = 'hexdb'::regnamespace
                  AND t.relname IN ('users', 'scores', 'monthly_scores', 'monthly_score_counts')) x")" "9" \
    "the 9 indexes of users and the score tables hold every row (amcheck, heapallindexed)"
else
  echo "# amcheck is not installed for this server: the rebuilt indexes' contents are not checked here"
fi

psql -qX -c "DROP DATABASE $db" >/dev/null
done_testing
