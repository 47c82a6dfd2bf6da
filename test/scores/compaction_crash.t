#!/usr/bin/env bash
# Rank counts under load, then after a crash (src/scores/rank_deltas.hpp). 8 pgbench clients
# submit, delete bests, lower scores and bulk-insert 70 scores at a time (a statement that
# takes the compaction lock when it is free and folds the pending changes), in two months
# around a month boundary; afterwards monthly_scores equals its recomputation, the rank counts
# (folded plus pending) are exact, and every rank, page and neighbourhood equals ROW_NUMBER().
# Then the same load again, and a backend is killed with SIGKILL in the middle: the postmaster
# resets every session and replays WAL; the same checks hold after recovery, and after more
# writes. Runs inside pg_virtualenv as a superuser (COPY TO PROGRAM sends the signal).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_scores_compaction
users 200 k

script=$(mktemp)
mix_script "$script" 200 1000000 12
checks() {  # checks LABEL
  is "$(q -c "SELECT public.monthly_mismatches()")" 0 "$1: monthly_scores equals its recomputation"
  is "$(q -c "SELECT hexdb.monthly_scores_drift()")" 0 "$1: rank counts (folded + pending) exact"
  is "$(q -c "SELECT public.rank_mismatches()")" 0 "$1: every monthly_rank equals ROW_NUMBER()"
  is "$(q -c "SELECT public.board_mismatches(23)")" 0 "$1: pages and neighbourhoods equal ROW_NUMBER()"
}

pgbench -n -c 8 -j 2 -t 150 -f "$script" $db >"$script.log" 2>&1
ok $? "pgbench, 8 clients x 150 transactions (submit, delete best, lower, bulk of 70)"
grep -E 'aborted|ERROR' "$script.log" | head -5 | sed 's/^/# /'
folded=$(q -c "SELECT count(*) FROM hexdb.monthly_score_counts")
ok "$([ "$folded" -gt 0 ] && echo 0 || echo 1)" "compactions folded changes into the counts ($folded count rows)"
checks "after the load"

# The same load, killed in the middle.
pgbench -n -c 8 -j 2 -T 60 -f "$script" $db >"$script.log" 2>&1 &
bench=$!
sleep 3
victim=$(q -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND application_name = 'pgbench' LIMIT 1")
ok "$([ -n "$victim" ] && echo 0 || echo 1)" "a pgbench backend to kill ($victim)"
q -c "COPY (SELECT 1) TO PROGRAM 'kill -9 $victim'" >/dev/null 2>&1
wait $bench
back=1
for _ in $(seq 1 120); do
  if q -c "SELECT 1" >/dev/null 2>&1; then back=0; break; fi
  sleep 0.5
done
ok $back "the server is back after the crash"
grep -qiE 'terminat|crash|server closed|connection' "$script.log"
ok $? "pgbench saw the crash"
checks "after crash recovery"

pgbench -n -c 8 -j 2 -t 100 -f "$script" $db >"$script.log" 2>&1
ok $? "pgbench after recovery, 8 clients x 100 transactions"
checks "after recovery and more writes"
rm -f "$script" "$script.log"
drop_db
done_testing
