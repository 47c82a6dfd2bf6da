#!/usr/bin/env bash
# SPEC.md: every data table is registered with pg_extension_config_dump, so pg_dump keeps the
# data. Dump a database with rows in every table, restore it into a fresh one (triggers and
# all, as a plain `psql < dump` does), and compare every table and identity sequence.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
src=hexdb_dump_src dst=hexdb_dump_dst
psql -qX -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $src" -c "DROP DATABASE IF EXISTS $dst" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst" >/dev/null

psql -qX -v ON_ERROR_STOP=1 -d $src >/dev/null <<'SQL'
CREATE EXTENSION hexdb;
INSERT INTO hexdb.users (user_id, legacy_id, email, nickname, password_hash, birth_date, role) VALUES
  ('01900000-0000-7000-8000-000000000001', 1, 'ann@example.com', 'Ann', '$2b$04$aaaaaaaaaaaaaaaaaaaaaa', '1990-01-01', 'admin'),
  ('01900000-0000-7000-8000-000000000002', 2, 'bob@example.com', '밥', '$2b$04$bbbbbbbbbbbbbbbbbbbbbb', '1991-02-02', 'user'),
  ('01900000-0000-7000-8000-000000000003', NULL, 'cy@example.com', 'Cy "the" \tab', '$2b$04$cccccccccccccccccccccc', '1992-03-03', 'user');
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
SQL
ok $? "source database filled"

dump=$(mktemp)
pg_dump -d $src >"$dump" 2>"$dump.err"
ok $? "pg_dump succeeds"
psql -qX -v ON_ERROR_STOP=1 -d $dst -f "$dump" >"$dump.out" 2>&1
status=$?
ok $status "the dump restores into a fresh database"
[ $status -eq 0 ] || head -20 "$dump.out"

relations=$(psql -qXAt -d $src -c "SELECT c.relname || ' ' || c.relkind::text FROM pg_class c WHERE c.relnamespace = 'hexdb'::regnamespace AND c.relkind IN ('r', 'S') ORDER BY 1")
fingerprint() {  # fingerprint DB RELATION KIND: row count and checksum, or a sequence's position
  if [ "$3" = S ]; then
    psql -qXAt -d "$1" -c "SELECT last_value || ' ' || is_called FROM hexdb.$2"
  else
    psql -qXAt -d "$1" -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM hexdb.$2 t"
  fi
}
ok $([ "$(wc -l <<<"$relations")" -ge 7 ]; echo $?) "all tables and identity sequences listed"
while read -r rel kind; do
  want=$(fingerprint $src "$rel" "$kind")
  [ -n "$want" ] || want="(could not read $rel)"
  is "$(fingerprint $dst "$rel" "$kind")" "$want" "$rel survives dump and restore"
done <<<"$relations"
rm -f "$dump" "$dump.err" "$dump.out"
psql -qX -c "DROP DATABASE $src" -c "DROP DATABASE $dst" >/dev/null
done_testing
