#!/usr/bin/env bash
# Makes test/import/fixture/: a real `mariadb-dump --tab` export of the legacy MySQL schema
# (../shared/legacy-mysql-schema.sql), from a private MariaDB server (Debian's mariadb-server)
# on loopback, with a throw-away datadir, socket and port; nothing of the system's MariaDB is
# touched. The rows cover what import_legacy() must handle; test/import/*.t, test/regress/sql/import.sql and
# test/unit/legacy_dump_test.cpp assert on them. Re-run it only to change the fixture:
#   bash test/import/make_fixture.sh
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
command -v mariadbd >/dev/null || command -v /usr/sbin/mariadbd >/dev/null || {
  echo "make_fixture: installing mariadb-server (Debian's)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client >/dev/null
}
export PATH=$PATH:/usr/sbin
schema=${LEGACY_SCHEMA:-$here/../../../shared/legacy-mysql-schema.sql}
[ -f "$schema" ] || { echo "make_fixture: no legacy schema at $schema" >&2; exit 2; }

tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/data" "$tmp/dump"
# mariadbd never runs as root: as root, hand the directories to the mysql user.
run_as=()
if [ "$(id -u)" -eq 0 ]; then run_as=(--user=mysql); chown -R mysql: "$tmp"; fi
chmod 777 "$tmp/dump"  # the server writes TABLE.txt, the client TABLE.sql

mariadb-install-db --no-defaults "${run_as[@]}" --datadir="$tmp/data" \
  --auth-root-authentication-method=normal --skip-test-db >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; exit 1; }
mariadbd --no-defaults "${run_as[@]}" --datadir="$tmp/data" --socket="$tmp/sock" \
  --bind-address=127.0.0.1 --port="$port" --pid-file="$tmp/pid" --secure-file-priv="$tmp/dump" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
  --log-error="$tmp/server.log" >"$tmp/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  mariadb-admin --no-defaults --socket="$tmp/sock" -uroot ping >/dev/null 2>&1 && break
  sleep 0.2
done
sql() { mariadb --no-defaults --socket="$tmp/sock" -uroot --default-character-set=utf8mb4 "$@"; }

sql -e "CREATE DATABASE hexdb"
sql hexdb <"$schema"
# The studio's database drifted from the models over the years; the export shows it:
# emails compare case-sensitively (binary collation, so Eve and EVE coexist), and two columns
# lost NOT NULL (so the export holds \N).
sql hexdb <<'SQL'
ALTER TABLE users MODIFY email VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
                  MODIFY role VARCHAR(20) NULL DEFAULT 'user';
ALTER TABLE scores MODIFY created_at DATETIME NULL DEFAULT CURRENT_TIMESTAMP;
SQL

sql hexdb <<'SQL'
-- Old rows: zero dates were allowed then.
SET SESSION sql_mode = '';
INSERT INTO users (id, email, nickname, password, birth_date, role) VALUES
  (1, 'alice@example.com', 'Alice', 'correct horse battery', '1990-01-01', 'user'),          -- plaintext
  (2, 'bob@example.com', 'Bob', '$2b$04$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW', '1985-05-05', 'admin'),
  (3, 'minjun@example.com', '김민준', '$6$LaQmFmdD.eaFQlkD$bbj2umrxyJdoCo9oey6QhHNJkfljbu7isyb.04ZfpDGtXMFtE6AHUUE5X68OgXCk68ZmuHg/kaedX7jwWCeML/', '2001-03-04', 'user'),
  (4, 'dave@example.com', CONCAT('Dave "The', CHAR(9), 'Tab" O''Brien \\ back'), 'hunter2', '1979-12-31', 'user'),
  (5, 'gone@example.com', 'Gone', 'x', '1990-01-01', 'user'),
  (6, 'gone2@example.com', 'Gone too', 'x', '1990-01-01', 'user'),
  (7, 'eve@example.com', 'Eve', '$2y$04$ZyvxhDY86etJeBSEHPnukO4WMbb96poi/zNrbs0eqlPGIzzEETob.', '1995-07-07', 'user'),
  (8, 'EVE@example.com', 'Eve again', 'plain', '1995-07-07', 'user'),                        -- same email, other case
  (9, 'frank@example.com', '', 'plain', '1991-01-01', 'user'),                               -- empty nickname
  (10, 'grace@example.com', 'Grace', 'plain', '1992-02-02', 'superuser'),                    -- unknown role
  (11, 'heidi@example.com', 'Heidi', 'plain', '0000-00-00', 'user'),                         -- zero date
  (12, 'ivan@example.com', CONCAT('Ivan', CHAR(10), 'Two lines'), 'ivan pass', '1993-03-03', NULL), -- NULL role
  (15, 'not-an-email', 'Judy', 'plain', '1994-04-04', 'user');
DELETE FROM users WHERE id IN (5, 6);  -- gaps in ids, and rows below pointing at them

INSERT INTO scores (id, user_id, score, created_at) VALUES
  (1, 1, 100, '2024-01-15 10:00:00'),
  (2, 1, 250, '2024-01-20 08:30:00'),
  (3, 2, 300, '2024-02-01 00:30:00'),    -- February in UTC, January in Asia/Seoul
  (5, 5, 70, '2024-01-02 00:00:00'),     -- user deleted
  (6, 11, 80, '2024-01-02 00:00:00'),    -- user quarantined
  (7, 3, -5, '2024-01-03 00:00:00'),     -- negative
  (8, 3, 90, NULL),                      -- NULL time
  (9, 12, 500, '2024-01-10 12:00:00'),
  (20, 4, 42, '2023-11-30 23:59:59'),
  (21, 7, 60, '0000-00-00 00:00:00');   -- zero datetime

INSERT INTO friendships (id, requester_id, receiver_id, status, created_at) VALUES
  (1, 1, 2, 'accepted', '2024-01-01 09:00:00'),
  (2, 2, 1, 'pending', '2024-01-02 09:00:00'),   -- same pair, reversed
  (3, 3, 3, 'pending', '2024-01-03 09:00:00'),   -- self
  (4, 1, 99, 'pending', '2024-01-04 09:00:00'),  -- unknown user
  (5, 2, 3, 'rejected', '2024-01-05 09:00:00'),
  (6, 3, 4, 'pending', '2024-01-06 09:00:00'),
  (7, 4, 1, 'friend', '2024-01-07 09:00:00'),    -- unknown status
  (9, 1, 3, 'accepted', '2024-01-09 09:00:00');

INSERT INTO monthly_scores (id, user_id, year, month, score, updated_at) VALUES
  (1, 1, 2024, 1, 250, '2024-01-20 08:30:00'),   -- equals what scores give
  (2, 1, 2023, 12, 900, '2023-12-28 20:00:00'),  -- history no score backs
  (3, 2, 2024, 2, 300, '2024-02-01 00:30:00'),
  (4, 99, 2024, 1, 10, '2024-01-05 00:00:00'),   -- unknown user
  (5, 3, 2024, 13, 10, '2024-01-05 00:00:00'),   -- bad month
  (6, 4, 2023, 11, 77, '2023-11-30 23:59:59'),   -- differs from the scores (42)
  (7, 12, 2024, 1, 400, '2024-01-10 12:00:00'),  -- differs from the scores (500)
  (8, 4, 2023, 10, 33, '2023-10-31 22:00:00');   -- history no score backs

INSERT INTO game_visits (id, user_id, visit_date, visit_count) VALUES
  (1, 1, '2024-01-15', 3),
  (2, 2, '2024-01-15', 1),
  (3, 99, '2024-01-15', 2),    -- unknown user
  (4, 3, '2024-01-16', 0),     -- no visit
  (5, 1, '0000-00-00', 1),     -- zero date
  (6, 12, '2024-01-16', 7);
SQL

mariadb-dump --no-defaults --socket="$tmp/sock" -uroot --default-character-set=utf8mb4 \
  --tab="$tmp/dump" hexdb
mkdir -p "$here/fixture"
rm -f "$here"/fixture/*.sql "$here"/fixture/*.txt
cp "$tmp"/dump/*.sql "$tmp"/dump/*.txt "$here/fixture/"
mariadbd --version >"$here/fixture/PRODUCED_BY"
echo "fixture written to $here/fixture ($(ls "$here/fixture" | wc -l) files)"
