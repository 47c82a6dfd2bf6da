#!/usr/bin/env bash
# SPEC.md: setup()'s tables are ordinary tables, so pg_dump keeps them whole: DDL, data, a
# studio's own column, index and table referencing users. Dump a database with rows in every
# table, restore it into fresh ones twice (a plain `psql < dump`, and `pg_restore -j 8` of a
# custom-format dump, whose workers load tables in any order), and compare every table and
# identity sequence, the studio's included. monthly_scores must come back exactly: it holds
# imported history that no score backs, and sums that a restore must not count twice.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
src=hexdb_dump_src plain=hexdb_dump_plain parallel=hexdb_dump_parallel
for db in $src $plain $parallel; do
  psql -qX -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
done

psql -qX -v ON_ERROR_STOP=1 -d $src >/dev/null <<'SQL'
CREATE EXTENSION hexdb;
SELECT hexdb.setup();
INSERT INTO hexdb.users (user_id, legacy_id, email, nickname, password_hash, birth_date, role) VALUES
  ('01900000-0000-7000-8000-000000000001', 1, 'ann@example.com', 'Ann', '$2b$04$aaaaaaaaaaaaaaaaaaaaaa', '1990-01-01', 'admin'),
  ('01900000-0000-7000-8000-000000000002', 2, 'bob@example.com', '밥', '$2b$04$bbbbbbbbbbbbbbbbbbbbbb', '1991-02-02', 'user'),
  ('01900000-0000-7000-8000-000000000003', NULL, 'cy@example.com', 'Cy "the" \tab', '$2b$04$cccccccccccccccccccccc', '1992-03-03', 'user');
-- 'sum' is the aggregate a naive restore would double-count; imported history rides along,
-- alone (2025-12) and combined with real scores (2026-02).
SELECT hexdb.configure_monthly('UTC', 'sum');
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported) VALUES
  (2025, 12, '01900000-0000-7000-8000-000000000001', 7, '2025-12-24 00:00+00', true),
  (2026, 2, '01900000-0000-7000-8000-000000000002', 5, '2026-02-01 09:00+00', true);
INSERT INTO hexdb.scores (user_id, score, created_at) VALUES
  ('01900000-0000-7000-8000-000000000001', 10, '2026-01-05 10:00+00'),
  ('01900000-0000-7000-8000-000000000001', 30, '2026-01-06 10:00+00'),
  ('01900000-0000-7000-8000-000000000002', 20, '2026-02-01 10:00+00');
INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES
  ('01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002');
INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES
  ('01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000002');
-- The restore must re-create an accepted friendship, not only fresh requests.
UPDATE hexdb.friendships SET status = 'accepted' WHERE requester_id = '01900000-0000-7000-8000-000000000003';
INSERT INTO hexdb.game_visits VALUES ('01900000-0000-7000-8000-000000000002', '2026-01-01', 4);
-- The studio's own additions, as an Alembic migration makes them.
ALTER TABLE hexdb.users ADD COLUMN avatar_url text;
CREATE INDEX users_avatar_idx ON hexdb.users (avatar_url);
UPDATE hexdb.users SET avatar_url = 'https://cdn.example.com/' || nickname;
CREATE SCHEMA studio;
CREATE TABLE studio.profiles (
  user_id uuid PRIMARY KEY REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
  bio text NOT NULL);
INSERT INTO studio.profiles SELECT user_id, 'bio of ' || email FROM hexdb.users;
SQL
ok $? "source database filled"

dump=$(mktemp)
pg_dump -d $src >"$dump" 2>"$dump.err"
ok $? "pg_dump succeeds"
psql -qX -v ON_ERROR_STOP=1 -d $plain -f "$dump" >"$dump.out" 2>&1
status=$?
ok $status "the plain dump restores into a fresh database"
[ $status -eq 0 ] || head -20 "$dump.out"
pg_dump -Fc -d $src -f "$dump.custom" 2>"$dump.err"
ok $? "pg_dump -Fc succeeds"
pg_restore -j 8 -d $parallel "$dump.custom" >"$dump.out" 2>&1
status=$?
ok $status "pg_restore -j 8 restores it into a fresh database"
[ $status -eq 0 ] || head -20 "$dump.out"

relations=$(psql -qXAt -d $src -c "SELECT c.oid::regclass::text || ' ' || c.relkind::text FROM pg_class c WHERE c.relnamespace IN ('hexdb'::regnamespace, 'studio'::regnamespace) AND c.relkind IN ('r', 'S') ORDER BY 1")
fingerprint() {  # fingerprint DB RELATION KIND: row count and checksum, or a sequence's position
  if [ "$2" = hexdb.monthly_score_counts ]; then
    # Rank counts are folded counts plus pending changes (src/scores/rank_deltas.hpp); which
    # changes are folded depends on when compactions ran, so the sum per bucket is compared.
    psql -qXAt -d "$1" -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))
      FROM (SELECT year, month, level, bucket, sum(players) FROM (
              SELECT year, month, level, bucket, players FROM hexdb.monthly_score_counts
              UNION ALL SELECT d.year, d.month, l, d.leaf >> (6 * l), d.delta
                FROM hexdb.monthly_score_deltas d, generate_series(0, 3) l) c
            GROUP BY 1, 2, 3, 4 HAVING sum(players) <> 0) t"
  elif [ "$3" = S ]; then
    psql -qXAt -d "$1" -c "SELECT last_value || ' ' || is_called FROM $2"
  else
    # updated_at says when a row was last written, which a restore rightly changes.
    local cols
    cols=$(psql -qXAt -d "$1" -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = '$2'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'updated_at'")
    psql -qXAt -d "$1" -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM (SELECT $cols FROM $2) t"
  fi
}
ok $([ "$(wc -l <<<"$relations")" -ge 17 ]; echo $?) "all tables and identity sequences listed, the studio's included"
for dst in $plain $parallel; do
  while read -r rel kind; do
    [ "$rel" = hexdb.monthly_score_deltas ] && continue  # compared with monthly_score_counts
    want=$(fingerprint $src "$rel" "$kind")
    [ -n "$want" ] || want="(could not read $rel)"
    is "$(fingerprint $dst "$rel" "$kind")" "$want" "$rel survives dump and restore ($dst)"
  done <<<"$relations"
  is "$(psql -qXAt -d $dst -c "SELECT string_agg(format('%s-%s %s', year, month, score), ' ' ORDER BY year, month, score) FROM hexdb.monthly_scores")" \
     "2025-12 7 2026-1 40 2026-2 25" "sums restored once: imported 7 alone, 10+30, 20+5 imported ($dst)"
  is "$(psql -qXAt -d $dst -c "SELECT count(*) FROM hexdb.check_integrity() WHERE problems > 0")" "0" "check_integrity finds nothing after the restore ($dst)"
  is "$(psql -qXAt -d $dst -c "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_avatar_idx'")" "1" "the studio's index is restored ($dst)"
  # The restored database works on: triggers attached, the studio's cascade in place.
  is "$(psql -qXAt -d $dst -c "SELECT hexdb.submit_score('01900000-0000-7000-8000-000000000002', 100, '2026-02-03 00:00+00') > 0" \
        -c "SELECT score FROM hexdb.monthly_scores WHERE (year, month, user_id) = (2026, 2, '01900000-0000-7000-8000-000000000002')")" \
     "$(printf 't\n125')" "a new score after the restore adds to the month ($dst)"
  is "$(psql -qXAt -d $dst -c "SELECT hexdb.delete_user('01900000-0000-7000-8000-000000000001')" -c "SELECT count(*) FROM studio.profiles")" \
     "$(printf 't\n2')" "deleting a user cascades into the studio's table ($dst)"
done
rm -f "$dump" "$dump.err" "$dump.out" "$dump.custom"
psql -qX -c "DROP DATABASE $src" -c "DROP DATABASE $plain" -c "DROP DATABASE $parallel" >/dev/null
done_testing
