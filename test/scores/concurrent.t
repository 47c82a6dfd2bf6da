#!/usr/bin/env bash
# SPEC.md: monthly_scores stays exact under concurrency. 8 pgbench clients hammer the same 10
# users in two months (in Asia/Seoul, times around the month boundary): submit_score, deleting
# one of a user's scores (a recomputation when it was the best), and lowering a score, then
# every aggregate and every rank is compared with plain SQL. Runs inside pg_virtualenv.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_scores_concurrent
users 10 c

script=$(mktemp)
cat >"$script" <<'SQL'
\set u random(1, 10)
\set s random(0, 1000)
\set minutes random(-600, 600)
\set op random(1, 10)
SELECT CASE WHEN :op <= 7 THEN
  hexdb.submit_score(('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid, :s,
                     timestamptz '2026-01-31 15:00+00' + :minutes * interval '1 minute')
END;
DELETE FROM hexdb.scores WHERE :op = 8 AND id = (SELECT id FROM hexdb.scores
  WHERE user_id = ('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid ORDER BY score DESC LIMIT 1);
UPDATE hexdb.scores SET score = score / 2 WHERE :op = 9 AND id = (SELECT id FROM hexdb.scores
  WHERE user_id = ('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid ORDER BY random() LIMIT 1);
SQL
for mode in best sum latest; do
  q -c "TRUNCATE hexdb.scores" -c "SELECT hexdb.configure_monthly('Asia/Seoul', '$mode')" >/dev/null
  pgbench -n -c 8 -j 2 -t 300 -f "$script" $db >"$script.log" 2>&1
  ok $? "$mode: pgbench, 8 clients x 300 transactions on 10 users"
  grep -E 'aborted|ERROR' "$script.log" | head -5 | sed 's/^/# /'
  is "$(q -c "SELECT count(DISTINCT (year, month)) FROM hexdb.monthly_scores")" 2 "$mode: both months have players"
  is "$(q -c "SELECT public.monthly_mismatches()")" 0 "$mode: monthly_scores equals its recomputation"
  is "$(q -c "SELECT public.rank_mismatches()")" 0 "$mode: every monthly_rank equals ROW_NUMBER()"
  is "$(q -c "SELECT hexdb.monthly_scores_drift()")" 0 "$mode: rank counts exact"
done
rm -f "$script" "$script.log"
drop_db
done_testing
