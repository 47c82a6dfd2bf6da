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
mix_script "$script" 10 1000 10
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
