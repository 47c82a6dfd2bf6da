#!/usr/bin/env bash
# hexctl score load against psql's \copy: the same file of 1,000,000 scores into the same
# table (hexdb.scores, with whatever triggers it has), one run each, in one throw-away cluster.
# Prints both times, the cost per row and the ratio (target: hexctl / psql <= 1.10).
#   bash bench/client/run.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" != --inside ]; then
  source test/lib/cluster.sh
  HEXDB_PGOPTS=(-o fsync=off)
  with_cluster bash bench/client/run.sh --inside "${1:-1000000}"
  exit
fi
rows=$2
out=bench/client/out
mkdir -p "$out"
file=$out/scores.csv
hexctl=client/hexctl
export PGDATABASE=hx_bench
unset DATABASE_URL

psql -qX -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS hx_bench" -c "CREATE DATABASE hx_bench"
psql -qX -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION hexdb;
SELECT hexdb.setup();
-- 1000 players; a well-formed hash so that no password is hashed 1000 times.
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
SELECT 'p' || i || '@bench.test', '선수' || i, '$2b$04$' || repeat('a', 53), '2000-01-01'
FROM generate_series(1, 1000) i;
SQL
psql -qXAt -c "COPY (SELECT ids[1 + g % 1000], (random() * 100000)::bigint,
    timestamptz '2026-01-01' + random() * interval '90 days'
  FROM generate_series(1, $rows) g, (SELECT array_agg(user_id) AS ids FROM hexdb.users) u)
  TO STDOUT WITH (FORMAT csv)" >"$file"
echo "file: $file, $(wc -l <"$file") rows, $(du -h "$file" | cut -f1)"

now() { date +%s.%N; }
fresh() { psql -qX -c "TRUNCATE hexdb.scores CASCADE" -c "VACUUM ANALYZE hexdb.scores" -c "CHECKPOINT"; }

fresh
t0=$(now)
psql -qX -c "\\copy hexdb.scores (user_id, score, created_at) FROM '$file' WITH (FORMAT csv)"
t1=$(now)
psql_rows=$(psql -qXAt -c "SELECT count(*) FROM hexdb.scores")

fresh
t2=$(now)
loaded=$("$hexctl" score load "$file")
t3=$(now)

awk -v p="$(awk "BEGIN { print $t1 - $t0 }")" -v h="$(awk "BEGIN { print $t3 - $t2 }")" -v n="$rows" -v pr="$psql_rows" -v hr="$loaded" 'BEGIN {
  printf "psql \\copy        %8.3f s  %6.2f us/row  (%d rows)\n", p, p * 1e6 / n, pr
  printf "hexctl score load %8.3f s  %6.2f us/row  (%d rows)\n", h, h * 1e6 / n, hr
  printf "ratio hexctl/psql %8.3f   (target <= 1.10: %s)\n", h / p, (h / p <= 1.10 ? "met" : "MISSED")
}'
