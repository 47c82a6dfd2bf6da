#!/usr/bin/env bash
# SPEC.md: a user's objects can never capture a call made by the extension. The scores path
# and the boards run without a pinned search_path (a GUC save and restore per call), so every
# statement they run names its functions and operators with their schema. Here public holds
# look-alikes of every builtin they use (now, unnest, sum, count, =, <, >, <=, >=, <>, +, -,
# >> on their argument types), each raising an error, and public comes before pg_catalog in
# search_path: submitting, deleting, lowering, bulk loading and every board must neither fail
# nor change an answer.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_scores_capture
users 150 cap
q -c "INSERT INTO hexdb.friendships (requester_id, receiver_id, status)
      VALUES ('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002', 'accepted')" >/dev/null

q >/dev/null <<'SQL'
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: now()'; END $$;
CREATE FUNCTION public.unnest(anyarray) RETURNS SETOF anyelement LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: unnest()'; END $$;
CREATE FUNCTION public.boom_sum(bigint, bigint) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: sum()'; END $$;
CREATE AGGREGATE public.sum(bigint) (sfunc = public.boom_sum, stype = bigint);
CREATE FUNCTION public.boom_count(bigint) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: count()'; END $$;
CREATE AGGREGATE public.count(*) (sfunc = public.boom_count, stype = bigint);
DO $$
DECLARE
  t text;
  op text;
BEGIN
  FOREACH t IN ARRAY ARRAY['int4', 'int8', 'int2', 'uuid', 'timestamptz', 'text'] LOOP
    EXECUTE format('CREATE FUNCTION public.boom_%s(%s, %s) RETURNS boolean LANGUAGE plpgsql AS '
                   '$b$ BEGIN RAISE EXCEPTION ''captured: an operator on %s''; END $b$', t, t, t, t);
    FOREACH op IN ARRAY ARRAY['=', '<', '>', '<=', '>=', '<>'] LOOP
      EXECUTE format('CREATE OPERATOR public.%s (leftarg = %s, rightarg = %s, function = public.boom_%s)', op, t, t, t);
    END LOOP;
  END LOOP;
END $$;
CREATE FUNCTION public.boom_plus(bigint, bigint) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: +'; END $$;
CREATE OPERATOR public.+ (leftarg = bigint, rightarg = bigint, function = public.boom_plus);
CREATE FUNCTION public.boom_neg(bigint) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: prefix -'; END $$;
CREATE OPERATOR public.- (rightarg = bigint, function = public.boom_neg);
CREATE FUNCTION public.boom_shift(bigint, int) RETURNS bigint LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'captured: >>'; END $$;
CREATE OPERATOR public.>> (leftarg = bigint, rightarg = int, function = public.boom_shift);
SQL
# The look-alikes are live: an unqualified statement in this search_path is captured.
exposed() { q -c "SET search_path = public, pg_catalog, hexdb" "$@"; }
exposed -c "SELECT 1::bigint + 1::bigint" >/dev/null 2>&1
ok "$([ $? -ne 0 ] && echo 0 || echo 1)" "the look-alikes capture an unqualified operator"

u() { printf "'00000000-0000-7000-8000-%012d'" "$1"; }
for i in $(seq 1 150); do echo "SELECT hexdb.submit_score($(u $i), $((i * 7919 % 100000)), '2026-05-10 12:00+00');"; done >/tmp/$db.sql
exposed -f /tmp/$db.sql >/dev/null
ok $? "150 submit_score (new players, folded and pending rank changes)"
exposed -c "SELECT hexdb.submit_score($(u 3), 999999, '2026-05-11 12:00+00')" >/dev/null
ok $? "a better score of a ranked player"
exposed -c "UPDATE hexdb.scores SET score = 1 WHERE user_id OPERATOR(pg_catalog.=) $(u 4)" >/dev/null
ok $? "a best lowered (UPDATE)"
exposed -c "DELETE FROM hexdb.scores WHERE user_id OPERATOR(pg_catalog.=) $(u 5)" >/dev/null
ok $? "a best deleted"
exposed -c "INSERT INTO hexdb.scores (user_id, score, created_at)
            SELECT ('00000000-0000-7000-8000-' || lpad(g::text, 12, '0'))::uuid, g::bigint * 1003, '2026-05-12 12:00+00'
              FROM generate_series(1, 100) g" >/dev/null
ok $? "a bulk statement of 100 scores (compaction)"
for call in "hexdb.monthly_leaderboard(2026, 5, 10)" "hexdb.monthly_leaderboard(2026, 5, 10, 70)" \
            "hexdb.monthly_rank($(u 77), 2026, 5)" "hexdb.leaderboard_around($(u 77), 2026, 5, 3)" \
            "hexdb.friends_leaderboard($(u 1), 2026, 5, 10)" "hexdb.monthly_scores_drift(2026, 5)"; do
  exposed -c "SELECT * FROM $call" >/dev/null
  ok $? "$call with look-alikes first in search_path"
done
is "$(q -c "SELECT public.monthly_mismatches()")" 0 "monthly_scores equals its recomputation"
is "$(q -c "SELECT hexdb.monthly_scores_drift()")" 0 "rank counts exact"
is "$(q -c "SELECT public.rank_mismatches()")" 0 "every monthly_rank equals ROW_NUMBER()"
is "$(q -c "SELECT public.board_mismatches(9)")" 0 "pages and neighbourhoods equal ROW_NUMBER()"
rm -f /tmp/$db.sql
drop_db
done_testing
