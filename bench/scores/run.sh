#!/usr/bin/env bash
# Benchmark of hexdb's scores against its anchors, in one run on one throw-away cluster with
# the server's default durability (fsync on, synchronous_commit on):
#   1. COPY of N scores (default 1,000,000: every one of N players once, one month) into
#      hexdb.scores (statement triggers), into the same table with no trigger, and into the
#      PL/pgSQL row-trigger reference (reference.sql); and N/10 players x 10 scores;
#   2. with N ranked players in the month, p50 latency of top-10, monthly_rank of the middle
#      player and leaderboard_around while 16 clients keep calling submit_score, beside plain
#      SQL and Redis (ZREVRANGE, ZREVRANK) on the same data;
#   3. submit_score through pgbench, durable commits, 16 and 64 clients, into a new month and
#      into the month of N players, beside the PL/pgSQL reference's and a bare INSERT;
#   4. the same at 8 clients with synchronous_commit=off.
#   bash bench/scores/run.sh [N]          ROUNDS=2 SECONDS_PER_RUN=15 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
N=${1:-1000000}
ROUNDS=${ROUNDS:-2}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}

if [ "${2:-}" != "--inside" ]; then
  source test/lib/cluster.sh
  # fsync and synchronous_commit stay at the server's defaults (durable commits); phase 4
  # turns synchronous_commit off per session.
  HEXDB_PGOPTS=(-o shared_buffers=1GB -o max_wal_size=8GB -o max_connections=100
                -o checkpoint_timeout=1h -o work_mem=64MB -o maintenance_work_mem=512MB)
  with_cluster bash "$0" "$N" --inside
  exit
fi

out=$root/bench/scores/out
rm -rf "$out"; mkdir -p "$out"
db=hexdb_bench
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
q() { psql -qXAt -v ON_ERROR_STOP=1 -d $db "$@"; }
now_ns() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
uuid_of="('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid"

q -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -f bench/scores/reference.sql >/dev/null
echo "== $N players, $(nproc) cores (shared with other work: expect noise)"
t0=$(now_ns)
q -c "INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
      SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, 'b' || i || '@example.com', 'player ' || i,
             '\$2b\$04\$abcdefghijklmnopqrstuv', '2000-01-01' FROM generate_series(1, $N) i"
echo "users created in $(secs "$t0" "$(now_ns)") s"
q -c "SELECT setseed(0.42)" -c "\\copy (SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid,
         (random() * 1e9)::bigint, timestamptz '2026-03-01 00:00+00' + random() * interval '30 days'
         FROM generate_series(1, $N) i ORDER BY random()) TO '$out/scores.tsv'"

copy_into() {  # copy_into TABLE [FILE] -> seconds
  q -c "CHECKPOINT" >/dev/null
  local t0; t0=$(now_ns)
  q -c "\\copy $1 (user_id, score, created_at) FROM '${2:-$out/scores.tsv}'" >/dev/null
  secs "$t0" "$(now_ns)"
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
copy_rounds() {  # copy_rounds FILE LABEL: 3 alternating rounds, each table emptied first
  local file=$1 p h t_p=999999 t_h=999999
  echo "== COPY of $N scores, $2 (3 alternating rounds)"
  for round in 1 2 3; do
    q -c "TRUNCATE ref.scores_plain" -c "TRUNCATE hexdb.monthly_scores" -c "TRUNCATE hexdb.scores" >/dev/null
    p=$(copy_into ref.scores_plain "$file"); h=$(copy_into hexdb.scores "$file")
    echo "round $round: no trigger (same table, indexes, FK) $p s, hexdb statement triggers $h s"
    t_p=$(min "$t_p" "$p"); t_h=$(min "$t_h" "$h")
  done
  echo "best rounds: hexdb $t_h s / no trigger $t_p s = $(ratio "$t_h" "$t_p")x (target <= 1.5x); monthly rows: $(q -c "SELECT count(*) FROM hexdb.monthly_scores")"
  t_plain=$t_p; t_hexdb=$t_h
}
# Players with ten scores each in the month: the usual shape of a day's or a month's load.
q -c "\\copy (SELECT ('00000000-0000-7000-8000-' || lpad((1 + i % ($N / 10))::text, 12, '0'))::uuid,
         (random() * 1e9)::bigint, timestamptz '2026-02-01 00:00+00' + random() * interval '28 days'
         FROM generate_series(1, $N) i ORDER BY random()) TO '$out/scores10.tsv'"
copy_rounds "$out/scores10.tsv" "$((N / 10)) players x 10 scores"
# Every score a new player (1M new monthly rows): the worst case, and the board measured below.
copy_rounds "$out/scores.tsv" "$N players x 1 score"
t_ref=$(copy_into ref.scores)
echo "PL/pgSQL row trigger, $N players x 1 score: $t_ref s (one round); PL/pgSQL / no trigger $(ratio "$t_ref" "$t_plain")x; PL/pgSQL / hexdb $(ratio "$t_ref" "$t_hexdb")x"
echo "hexdb.monthly_scores rows: $(q -c "SELECT count(*) FROM hexdb.monthly_scores"), drift: $(q -c "SELECT hexdb.monthly_scores_drift(2026, 3)")"
q -c "VACUUM ANALYZE hexdb.monthly_scores" -c "VACUUM ANALYZE hexdb.monthly_score_counts" \
  -c "VACUUM ANALYZE ref.monthly_scores" -c "VACUUM ANALYZE hexdb.users" >/dev/null

# 16 clients keep submitting into the month of N players while the boards are measured.
submit_script() {  # submit_script FILE FUNCTION AT
  cat >"$1" <<SQL
\\set u random(1, $N)
\\set s random(0, 1000000000)
SELECT $2($uuid_of, :s, $3);
SQL
}
submit_script "$out/writers.sql" hexdb.submit_score "timestamptz '2026-03-15 12:00+00'"
scores_before=$(q -c "SELECT count(*) FROM hexdb.scores")
# WRITER_RATE (default 1000) caps the 16 clients' calls per second; 0 = as fast as they go (on
# 2 cores that measures the CPU scheduler more than the boards).
rate=${WRITER_RATE:-1000}
pgbench -n -c 16 -j 2 -T 3600 -M prepared $([ "$rate" -gt 0 ] && echo "-R $rate") -f "$out/writers.sql" $db \
  >"$out/writers.txt" 2>&1 &
writers=$!
trap 'kill $writers 2>/dev/null || true' EXIT
sleep 2
echo "== leaderboard latency, one client, p50 (and mean) in ms, while 16 clients call submit_score in that month (rate cap ${rate}/s, 0 = none)"
middle=$(q -c "SELECT user_id FROM hexdb.monthly_scores WHERE year = 2026 AND month = 3
               ORDER BY (-score), achieved_at, user_id OFFSET $((N / 2 - 1)) LIMIT 1")
echo "middle player $middle: $(q -c "SELECT rank || ' of ' || total FROM hexdb.monthly_rank('$middle', 2026, 3)")"
p50() {  # p50 NAME TRANSACTIONS SQL -> "p50 mean" in ms
  echo "$3" >"$out/$1.sql"
  (cd "$out" && pgbench -n -c 1 -j 1 -t "$2" -M prepared -l --log-prefix="log_$1" -f "$1.sql" $db >"$1.txt" 2>&1)
  cat "$out"/log_"$1".* | awk '{ print $3 }' | sort -n |
    awk '{ a[NR] = $1; s += $1 } END { printf "%.3f %.3f", a[int((NR + 1) / 2)] / 1000, s / NR / 1000 }'
  rm -f "$out"/log_"$1".*
}
read -r top_h top_hm <<<"$(p50 top_hexdb 5000 "SELECT * FROM hexdb.monthly_leaderboard(2026, 3, 10)")"
read -r rank_h rank_hm <<<"$(p50 rank_hexdb 5000 "SELECT * FROM hexdb.monthly_rank('$middle', 2026, 3)")"
read -r around_h around_hm <<<"$(p50 around_hexdb 5000 "SELECT * FROM hexdb.leaderboard_around('$middle', 2026, 3, 5)")"
read -r page_h page_hm <<<"$(p50 page_hexdb 5000 "SELECT * FROM hexdb.monthly_leaderboard(2026, 3, 10, $((N / 2)))")"
read -r top_p top_pm <<<"$(p50 top_plain 2000 "SELECT m.user_id, u.nickname, m.score, m.achieved_at FROM ref.monthly_scores m JOIN hexdb.users u USING (user_id) WHERE year = 2026 AND month = 3 ORDER BY score DESC, achieved_at, user_id LIMIT 10")"
read -r rank_p rank_pm <<<"$(p50 rank_plain 20 "SELECT count(*) + 1 FROM ref.monthly_scores m, ref.monthly_scores me WHERE me.year = 2026 AND me.month = 3 AND me.user_id = '$middle' AND m.year = 2026 AND m.month = 3 AND (m.score > me.score OR (m.score = me.score AND (m.achieved_at, m.user_id) < (me.achieved_at, me.user_id)))")"
read -r around_p around_pm <<<"$(p50 around_plain 10 "WITH r AS (SELECT user_id, score, row_number() OVER (ORDER BY score DESC, achieved_at, user_id) AS rn FROM ref.monthly_scores WHERE year = 2026 AND month = 3) SELECT * FROM r WHERE rn BETWEEN (SELECT rn FROM r WHERE user_id = '$middle') - 5 AND (SELECT rn FROM r WHERE user_id = '$middle') + 5")"

kill $writers 2>/dev/null || true; wait $writers 2>/dev/null || true
echo "writers during the board measurements: $(( $(q -c "SELECT count(*) FROM hexdb.scores") - scores_before )) submit_score calls committed"
# The writers' dead row versions would slow every later phase of hexdb only.
q -c "VACUUM ANALYZE hexdb.scores" -c "VACUUM ANALYZE hexdb.monthly_scores" -c "VACUUM ANALYZE hexdb.monthly_score_counts" \
  -c "VACUUM ANALYZE hexdb.monthly_score_deltas" >/dev/null

rport=$((PGPORT + 1111))
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$out/redis.pid" --logfile "$out/redis.log" --dir "$out"
trap 'redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || true' EXIT
# (hexdb's writers were stopped above)
sleep 0.5
awk -F'\t' '{ printf "*5\r\n$4\r\nZADD\r\n$2\r\nlb\r\n$2\r\nGT\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length($2), $2, length($1), $1 }' \
  "$out/scores.tsv" | redis-cli -p "$rport" --pipe >"$out/redis_load.txt"
echo "redis: $(redis-cli -p "$rport" ZCARD lb) members; middle player's ZREVRANK + 1: $(( $(redis-cli -p "$rport" ZREVRANK lb "$middle") + 1 ))"
rr=$(redis-cli -p "$rport" ZREVRANK lb "$middle")
redis_p50() {  # redis_p50 COMMAND... -> "p50 mean" in ms
  redis-benchmark -p "$rport" -c 1 -n 20000 --precision 3 --csv "$@" | tail -1 | tr -d '"' |
    awk -F, '{ printf "%.3f %.3f", $5, $3 }'
}
# Redis idle, then while its own writers (16 connections, ZADD GT of random players at the
# hexdb writers' rate) keep submitting, as hexdb's boards are measured.
read -r top_i top_im <<<"$(redis_p50 ZREVRANGE lb 0 9 WITHSCORES)"
read -r rank_i rank_im <<<"$(redis_p50 ZREVRANK lb "$middle")"
read -r around_i around_im <<<"$(redis_p50 ZREVRANGE lb $((rr - 5)) $((rr + 5)) WITHSCORES)"
python3 bench/scores/redis_writers.py "$rport" "$out/scores.tsv" 16 "$([ "$rate" -gt 0 ] && echo "$rate" || echo 1000000)" &
rwriters=$!
sleep 5  # the member list read, the writers connected
read -r top_r top_rm <<<"$(redis_p50 ZREVRANGE lb 0 9 WITHSCORES)"
read -r rank_r rank_rm <<<"$(redis_p50 ZREVRANK lb "$middle")"
read -r around_r around_rm <<<"$(redis_p50 ZREVRANGE lb $((rr - 5)) $((rr + 5)) WITHSCORES)"
kill $rwriters 2>/dev/null || true; wait $rwriters 2>/dev/null || true
redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || true

echo "(both with writers: hexdb's 16 pgbench clients, Redis's 16 ZADD connections, each at the rate cap; Redis idle beside)"
printf '%-28s %12s %12s %12s %14s %14s %14s\n' operation "hexdb p50" "plain SQL" "Redis p50" "hexdb/Redis" "Redis idle" "plain/hexdb"
row() { printf '%-28s %12s %12s %12s %14s %14s %14s\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$4")x" "$5" "$(ratio "$3" "$2")x"; }
row "top-10" "$top_h" "$top_p" "$top_r" "$top_i"
row "rank of the middle player" "$rank_h" "$rank_p" "$rank_r" "$rank_i"
row "around the middle (r=5)" "$around_h" "$around_p" "$around_r" "$around_i"
printf '%-28s %12s\n' "page after rank N/2 (10)" "$page_h"
echo "(means, ms: hexdb $top_hm / $rank_hm / $around_hm / $page_hm; plain $top_pm / $rank_pm / $around_pm; Redis $top_rm / $rank_rm / $around_rm, idle $top_im / $rank_im / $around_im)"
tps() {  # tps NAME CLIENTS AT [PGOPTIONS]: one pgbench run -> tps
  case $1 in
    hexdb) submit_script "$out/$1.sql" hexdb.submit_score "$3" ;;
    ref) submit_script "$out/$1.sql" ref.submit_score "$3" ;;
    bare) printf '\\set u random(1, %s)\n\\set s random(0, 1000000000)\nINSERT INTO ref.scores_plain (user_id, score, created_at) VALUES (%s, :s, %s);\n' \
            "$N" "$uuid_of" "$3" >"$out/$1.sql" ;;
  esac
  PGOPTIONS="${4:-}" pgbench -n -c "$2" -j 2 -T "$SECONDS_PER_RUN" -M prepared -f "$out/$1.sql" $db >"$out/$1.txt" 2>&1
  grep -E 'aborted|ERROR' "$out/$1.txt" | head -3 >&2 || true
  awk '/^tps/ { printf "%.0f", $3 }' "$out/$1.txt"
}
new_month=3  # each round of a new month writes a month of its own: 2026-04, 2026-05, ...
phase() {  # phase CLIENTS MONTH_KIND [PGOPTIONS]: ROUNDS alternating rounds of hexdb, reference, bare INSERT
  local c=$1 kind=$2 at h r b hs="" rs="" bs="" th=0 tr=0 tb=0
  for round in $(seq 1 "$ROUNDS"); do
    if [ "$kind" = new ]; then
      new_month=$((new_month + 1))
      at="timestamptz '$((2026 + (new_month - 1) / 12))-$(printf %02d $(( (new_month - 1) % 12 + 1 )))-15 12:00+00'"
    else
      at="timestamptz '2026-03-15 12:00+00'"
    fi
    h=$(tps hexdb "$c" "$at" "${3:-}"); r=$(tps ref "$c" "$at" "${3:-}"); b=$(tps bare "$c" "$at" "${3:-}")
    hs="$hs$h "; rs="$rs$r "; bs="$bs$b "; th=$((th + h)); tr=$((tr + r)); tb=$((tb + b))
  done
  printf '%-44s %-16s %-16s %-16s %8s %8s\n' "$c clients, $kind month${3:+ ($3)}" "$hs" "$rs" "$bs" \
    "$(ratio "$th" "$tr")x" "$(ratio "$th" "$tb")x"
}
echo "== submit_score through pgbench -M prepared, $SECONDS_PER_RUN s per run, $ROUNDS alternating rounds (tps of each run)"
printf '%-44s %-16s %-16s %-16s %8s %8s\n' "durable commits (server defaults)" "hexdb" "PL/pgSQL ref" "bare INSERT" "hex/ref" "hex/bare"
for c in 16 64; do
  phase "$c" new; phase "$c" warm
done
echo "(targets: hexdb/ref >= 1.0 in every durable row and at 8 clients with synchronous_commit=off)"
phase 8 new "-c synchronous_commit=off"; phase 8 warm "-c synchronous_commit=off"
echo "drift after pgbench: $(q -c "SELECT hexdb.monthly_scores_drift()")"
q -c "VACUUM ANALYZE hexdb.monthly_scores" -c "VACUUM ANALYZE hexdb.monthly_score_counts" -c "VACUUM ANALYZE ref.monthly_scores" >/dev/null

psql -qX -c "DROP DATABASE $db" >/dev/null
