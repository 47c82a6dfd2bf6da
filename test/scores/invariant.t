#!/usr/bin/env bash
# SPEC.md: after every committed statement monthly_scores equals its recomputation from
# scores (imported history aside). For each aggregate, a random mix of single inserts, a bulk
# COPY, updates (a score moved to another month and to another user, a month's best lowered,
# rows left unchanged), deletes (of bests too), imported history, and a TRUNCATE; checked
# against plain SQL (oracle.sql) after every step, ranks and pages against ROW_NUMBER().
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_scores_invariant
users 300 inv
check() {  # check LABEL
  is "$(q -c "SELECT public.monthly_mismatches()")" 0 "$1: monthly_scores equals its recomputation"
}
# Times cluster around month ends, so that zones and moves cross boundaries.
times="timestamptz '2026-01-31 12:00+00' + (random() * 48 - 24) * interval '1 hour' + (floor(random() * 3)::int) * interval '1 month'"

for mode in best sum latest; do
  zone=$([ $mode = sum ] && echo UTC || echo Asia/Seoul)
  q -c "SELECT hexdb.configure_monthly('$zone', '$mode')" >/dev/null
  q -c "SELECT setseed(0.$RANDOM)" -c "DO \$\$ BEGIN
          FOR i IN 1..300 LOOP
            PERFORM hexdb.submit_score((SELECT user_id FROM hexdb.users ORDER BY random() LIMIT 1),
                                       (random() * 1000)::bigint, $times);
          END LOOP; END \$\$" >/dev/null
  check "$mode/$zone, 300 single submit_score"
  q -c "SELECT u.user_id, (random() * 1e12)::bigint, $times FROM generate_series(1, 20000) g
          CROSS JOIN LATERAL (SELECT user_id FROM hexdb.users WHERE g > 0 ORDER BY random() LIMIT 1) u" -F $'\t' >/tmp/$db.tsv
  q -c "\\copy hexdb.scores (user_id, score, created_at) FROM '/tmp/$db.tsv'" >/dev/null 2>/tmp/$db.err
  ok $? "$mode: COPY of 20,000 scores accepted"
  sed 's/^/# /' /tmp/$db.err; rm -f /tmp/$db.err
  rm -f /tmp/$db.tsv
  check "$mode, COPY of 20,000 scores"
  q -c "UPDATE hexdb.scores SET created_at = created_at + interval '1 month' WHERE id % 17 = 0" >/dev/null
  check "$mode, scores moved to the next month"
  q -c "UPDATE hexdb.scores SET user_id = (SELECT user_id FROM hexdb.users WHERE id > 0 ORDER BY random() LIMIT 1) WHERE id % 19 = 0" >/dev/null
  check "$mode, scores moved to other users"
  q -c "UPDATE hexdb.scores s SET score = s.score / 3 FROM hexdb.monthly_scores m
         WHERE m.user_id = s.user_id AND m.score = s.score AND m.achieved_at = s.created_at AND s.id % 2 = 0" >/dev/null
  check "$mode, months' bests lowered"
  q -c "UPDATE hexdb.scores SET legacy_id = id WHERE id % 5 = 0" >/dev/null
  check "$mode, rows updated without changing their month's value"
  q -c "DELETE FROM hexdb.scores s USING hexdb.monthly_scores m
         WHERE m.user_id = s.user_id AND m.achieved_at = s.created_at AND s.id % 3 = 0" >/dev/null
  check "$mode, bests deleted"
  q -c "DELETE FROM hexdb.scores WHERE id % 7 = 1" >/dev/null
  check "$mode, random rows deleted"
  is "$(q -c "SELECT public.rank_mismatches()")" 0 "$mode: monthly_rank equals ROW_NUMBER() for every player"
  is "$(q -c "SELECT public.board_mismatches(97)")" 0 "$mode: leaderboard pages and neighbours equal ROW_NUMBER()"
  is "$(q -c "SELECT hexdb.monthly_scores_drift()")" 0 "$mode: no drift in rows or rank counts"
  # Imported history: kept without scores, combined with a later score, kept after a delete.
  q -c "INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported)
        SELECT 2025, 6, user_id, 500, '2025-06-10', true FROM hexdb.users ORDER BY user_id LIMIT 5" >/dev/null
  u=$(q -c "SELECT user_id FROM hexdb.users ORDER BY user_id LIMIT 1")
  q -c "SELECT hexdb.submit_score('$u', 700, '2025-06-20 12:00+00')" >/dev/null
  check "$mode, imported history plus a real score"
  q -c "DELETE FROM hexdb.scores WHERE user_id = '$u' AND created_at = '2025-06-20 12:00+00'" >/dev/null
  check "$mode, the real score deleted again"
  is "$(q -c "SELECT score FROM hexdb.monthly_scores WHERE user_id = '$u' AND (year, month) = (2025, 6)")" 500 \
     "$mode: imported history stands alone again"
  is "$(q -c "SELECT hexdb.rebuild_monthly_scores()")" 0 "$mode: a rebuild finds nothing to write"
  q -c "TRUNCATE hexdb.scores" >/dev/null
  check "$mode, TRUNCATE"
  is "$(q -c "SELECT count(*) FILTER (WHERE imported) || '/' || count(*) FROM hexdb.monthly_scores")" 5/5 \
     "$mode: after TRUNCATE only imported history is left"
  is "$(q -c "SELECT hexdb.monthly_scores_drift()")" 0 "$mode: rank counts follow the TRUNCATE"
  q -c "DELETE FROM hexdb.monthly_scores" >/dev/null
done

drop_db
done_testing
