#!/usr/bin/env bash
# A user deleted (its scores and months cascading away) and created again while 8 clients keep
# submitting scores for it: submit_score's direct write locks the user KEY SHARE as the foreign
# key's check would, so a score either waits for the delete and is refused (23503) or goes in
# first and is then removed by the cascade. Never a score or a month without its user; the
# months, ranks and counts equal their recomputation. Runs inside pg_virtualenv.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_scores_churn
users 6 churn
# Each call's outcome is logged, to show both outcomes happened: a score in, a score refused.
q -c "CREATE TABLE public.outcomes (went_in boolean NOT NULL)" \
  -c "CREATE FUNCTION public.try_submit(u uuid, s bigint, at timestamptz) RETURNS bigint LANGUAGE plpgsql AS \$\$
      DECLARE id bigint;
      BEGIN
        id := hexdb.submit_score(u, s, at);
        INSERT INTO public.outcomes VALUES (true);
        RETURN id;
      EXCEPTION WHEN foreign_key_violation THEN
        INSERT INTO public.outcomes VALUES (false);
        RETURN NULL;
      END \$\$" >/dev/null

script=$(mktemp)
cat >"$script" <<'SQL'
\set u random(1, 6)
\set s random(0, 100000)
\set minutes random(-600, 600)
\set op random(1, 10)
SELECT public.try_submit(('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid, :s,
                         timestamptz '2026-01-31 15:00+00' + :minutes * interval '1 minute') WHERE :op <= 8;
DELETE FROM hexdb.users WHERE :op = 9 AND user_id = ('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  SELECT ('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid, 'churn' || :u || '@example.com',
         'churn' || :u, '$2b$04$x', '2000-01-01' WHERE :op = 10
  ON CONFLICT DO NOTHING;
SQL
pgbench -n -c 8 -j 2 -t 400 -f "$script" $db >"$script.log" 2>&1
ok $? "pgbench, 8 clients x 400 transactions: submit, delete and re-create 6 users"
grep -E 'aborted|ERROR' "$script.log" | head -5 | sed 's/^/# /'
is "$(q -c "SELECT bool_or(went_in) AND bool_or(NOT went_in) FROM public.outcomes")" t \
  "some scores went in, some were refused for a user deleted meanwhile"
is "$(q -c "SELECT count(*) FROM hexdb.scores s WHERE NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = s.user_id)")" 0 \
  "no score without its user"
is "$(q -c "SELECT count(*) FROM hexdb.monthly_scores m WHERE NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = m.user_id)")" 0 \
  "no month without its user"
is "$(q -c "SELECT public.monthly_mismatches()")" 0 "monthly_scores equals its recomputation"
is "$(q -c "SELECT public.rank_mismatches()")" 0 "every monthly_rank equals ROW_NUMBER()"
is "$(q -c "SELECT hexdb.monthly_scores_drift()")" 0 "rank counts exact"
is "$(q -c "SELECT count(*) FROM hexdb.check_integrity() WHERE problems <> 0")" 0 "check_integrity finds nothing"
rm -f "$script" "$script.log"
drop_db
done_testing
