#!/usr/bin/env bash
# A generated export of 1,000,000 scores and 100,000 users (bench/import/make_export.py, the
# same rows the benchmark imports): the report accounts for every row, the orphans the
# generator planted are all in import_rejects, check_integrity is clean, and a rerun changes
# nothing. Runs inside pg_virtualenv.
set -uo pipefail
cd "$(dirname "$0")/../.."
source test/lib/tap.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 bench/import/make_export.py "$dir"
ok $? "generated an export of 1,000,000 scores"
db=hexdb_import_big
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -qX -d $db -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" >/dev/null
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db -c "SET client_min_messages = warning" "$@"; }
for t in users scores friendships monthly_scores game_visits; do
  q -c "\\copy hexdb.staging_$t FROM '$dir/$t.txt'" || echo "# copy of $t failed"
done
is "$(q -c "SELECT count(*) FROM hexdb.staging_scores")" "1000000" "1,000,000 scores staged"

report=$(q -F' ' -c "SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy()")
ok $? "import_legacy() ran"
echo "$report" | sed 's/^/# /'
is "$(echo "$report" | awk '$2 != $3 + $4' | wc -l)" "0" "every table: source rows = imported + quarantined"
# The generator points about 1 in 1000 scores and visits at users 100001..101000.
orphans=$(q -c "SELECT count(*) FROM hexdb.staging_scores WHERE user_id::int > 100000")
is "$(echo "$report" | awk '$1 == "scores" {print $4}')" "$orphans" "the quarantined scores are exactly the orphans"
is "$(q -c "SELECT count(*) FROM hexdb.import_rejects WHERE table_name = 'scores' AND reason LIKE 'user_id %: no such user'")" \
  "$orphans" "each with its reason in import_rejects"
is "$(q -c "SELECT count(*) FROM hexdb.scores s JOIN hexdb.users u USING (user_id) JOIN hexdb.staging_scores x ON x.id::int = s.legacy_id WHERE x.user_id::int <> u.legacy_id OR x.score::bigint <> s.score")" \
  "0" "every score belongs to the user its legacy row named"
is "$(q -c "SELECT sum(problems) FROM hexdb.check_integrity()")" "0" "check_integrity finds no problem"
is "$(q -c "SELECT count(*) FROM hexdb.monthly_scores WHERE imported")" "50000" "the 50,000 months of 2022 history are kept as imported"

snapshot() { q -c "SELECT (SELECT count(*) || ':' || sum(score) FROM hexdb.scores) || ' ' || (SELECT count(*) FROM hexdb.users) || ' ' ||
                          (SELECT count(*) FROM hexdb.import_rejects) || ' ' || (SELECT max(updated_at) FROM hexdb.monthly_scores)"; }
before=$(snapshot)
rerun=$(q -F' ' -c "SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy()")
is "$rerun" "$report" "a rerun reports the same counts"
is "$(snapshot)" "$before" "and changes nothing"

psql -qX -c "DROP DATABASE $db" >/dev/null
done_testing
