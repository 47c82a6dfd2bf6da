#!/usr/bin/env bash
# submit_score against the PL/pgSQL reference, alternated many times on one throw-away cluster:
# the quick comparison that decides a change to the write path (run.sh's rounds are longer but
# fewer, and move by up to 40 % on a shared 2-core machine). N players (default 200,000) get
# one score each in March 2026 in hexdb.scores and in ref.scores; then, for each setting below,
# ROUNDS (default 4) pairs of pgbench runs of SECONDS_PER_RUN (default 6) s each, hexdb then reference,
# and the ratio of their summed tps:
#   8 clients, synchronous_commit=off, warm month (March) and a new month per round;
#   16 clients, durable commits, warm month.
#   bash bench/scores/ab.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200000}

if [ "${2:-}" != "--inside" ]; then
  source test/lib/cluster.sh
  HEXDB_PGOPTS=(-o shared_buffers=1GB -o max_wal_size=8GB -o max_connections=100 -o checkpoint_timeout=1h)
  with_cluster bash "$0" "$N" --inside
  exit
fi

ROUNDS=${ROUNDS:-4}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-6}
db=hexdb_ab
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
q -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -f bench/scores/reference.sql >/dev/null
uuid="('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid"
q -c "INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
      SELECT $uuid, 'b' || i || '@example.com', 'player ' || i, '\$2b\$04\$abcdefghijklmnopqrstuv', '2000-01-01'
        FROM generate_series(1, $N) i"
for t in hexdb.scores ref.scores; do
  q -c "SELECT setseed(0.42)" -c "INSERT INTO $t (user_id, score, created_at)
        SELECT $uuid, (random() * 1e9)::bigint, timestamptz '2026-03-01 00:00+00' + random() * interval '30 days'
          FROM generate_series(1, $N) i" >/dev/null
done
q -c "VACUUM ANALYZE" >/dev/null
echo "== $N players ranked in March 2026, $(nproc) cores; $ROUNDS pairs of $SECONDS_PER_RUN s runs per line (tps)"

tps() {  # tps FUNCTION CLIENTS AT [PGOPTIONS]
  printf '\\set u random(1, %s)\n\\set s random(0, 1000000000)\nSELECT %s(%s, :s, %s);\n' \
    "$N" "$1" "('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid" "$3" >/tmp/hexdb_ab_$$.sql
  PGOPTIONS="${4:-}" pgbench -n -c "$2" -j 2 -T "$SECONDS_PER_RUN" -M prepared -f /tmp/hexdb_ab_$$.sql $db 2>&1 |
    awk '/^tps/ { printf "%.0f", $3 }'
}
line() {  # line LABEL CLIENTS MONTH(warm|new) [PGOPTIONS]
  local th=0 tr=0 h r at runs="" month=4
  for round in $(seq 1 "$ROUNDS"); do
    at="timestamptz '2026-03-15 12:00+00'"
    if [ "$3" = new ]; then month=$((month + 1)); at="timestamptz '$((2030 + month / 12))-$(printf %02d $((month % 12 + 1)))-15 12:00+00'"; fi
    h=$(tps hexdb.submit_score "$2" "$at" "${4:-}"); r=$(tps ref.submit_score "$2" "$at" "${4:-}")
    runs="$runs $h/$r"; th=$((th + h)); tr=$((tr + r))
  done
  printf '%-44s hexdb/ref %s  (%s )\n' "$1" "$(awk -v a=$th -v b=$tr 'BEGIN { printf "%.2f", a / b }')" "$runs"
}
line "8 clients, synchronous_commit=off, warm" 8 warm "-c synchronous_commit=off"
line "8 clients, synchronous_commit=off, new" 8 new "-c synchronous_commit=off"
line "16 clients, durable, warm" 16 warm
echo "drift: $(q -c "SELECT hexdb.monthly_scores_drift()")"
rm -f /tmp/hexdb_ab_$$.sql
psql -qX -c "DROP DATABASE $db" >/dev/null
