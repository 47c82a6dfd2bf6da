#!/usr/bin/env bash
# Benchmark of hexdb's scores against its anchors, in one run on one throw-away cluster:
#   1. COPY of N scores (default 1,000,000: every one of N players once, one month) into
#      hexdb.scores (statement triggers), into the same table with no trigger, and into the
#      PL/pgSQL row-trigger reference (reference.sql);
#   2. with N ranked players in the month, p50 latency of top-10, monthly_rank of the middle
#      player and leaderboard_around, beside plain SQL and Redis (ZREVRANGE, ZREVRANK) on the
#      same data (measured before step 3 changes it);
#   3. submit_score through pgbench (8 clients) against the PL/pgSQL reference's.
#   bash bench/scores/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
N=${1:-1000000}

if [ "${2:-}" != "--inside" ]; then
  source test/lib/cluster.sh
  # synchronous_commit=off on both sides: the comparison is of the work per statement, not
  # of this VM's disk flush latency.
  HEXDB_PGOPTS=(-o shared_buffers=1GB -o synchronous_commit=off -o max_wal_size=8GB
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

echo "== leaderboard latency, one client, p50 (and mean) in ms"
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

rport=$((PGPORT + 1111))
redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$out/redis.pid" --logfile "$out/redis.log" --dir "$out"
trap 'redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || true' EXIT
sleep 0.5
awk -F'\t' '{ printf "*5\r\n$4\r\nZADD\r\n$2\r\nlb\r\n$2\r\nGT\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", length($2), $2, length($1), $1 }' \
  "$out/scores.tsv" | redis-cli -p "$rport" --pipe >"$out/redis_load.txt"
echo "redis: $(redis-cli -p "$rport" ZCARD lb) members; middle player's ZREVRANK + 1: $(( $(redis-cli -p "$rport" ZREVRANK lb "$middle") + 1 ))"
rr=$(redis-cli -p "$rport" ZREVRANK lb "$middle")
redis_p50() {  # redis_p50 COMMAND... -> "p50 mean" in ms
  redis-benchmark -p "$rport" -c 1 -n 20000 --precision 3 --csv "$@" | tail -1 | tr -d '"' |
    awk -F, '{ printf "%.3f %.3f", $5, $3 }'
}
read -r top_r top_rm <<<"$(redis_p50 ZREVRANGE lb 0 9 WITHSCORES)"
read -r rank_r rank_rm <<<"$(redis_p50 ZREVRANK lb "$middle")"
read -r around_r around_rm <<<"$(redis_p50 ZREVRANGE lb $((rr - 5)) $((rr + 5)) WITHSCORES)"
redis-cli -p "$rport" shutdown nosave >/dev/null 2>&1 || true

printf '%-28s %12s %12s %12s %14s %14s\n' operation "hexdb p50" "plain SQL" "Redis p50" "hexdb/Redis" "plain/hexdb"
row() { printf '%-28s %12s %12s %12s %14s %14s\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$4")x" "$(ratio "$3" "$2")x"; }
row "top-10" "$top_h" "$top_p" "$top_r"
row "rank of the middle player" "$rank_h" "$rank_p" "$rank_r"
row "around the middle (r=5)" "$around_h" "$around_p" "$around_r"
printf '%-28s %12s\n' "page after rank N/2 (10)" "$page_h"
echo "(means, ms: hexdb $top_hm / $rank_hm / $around_hm / $page_hm; plain $top_pm / $rank_pm / $around_pm; Redis $top_rm / $rank_rm / $around_rm)"
echo "== submit_score, pgbench -c 8 -j 2 -T 15 -M prepared (2 rounds each)"
tps() {  # tps NAME FUNCTION AT
  cat >"$out/$1.sql" <<SQL
\\set u random(1, $N)
\\set s random(0, 1000000000)
SELECT $2($uuid_of, :s, $3);
SQL
  pgbench -n -c 8 -j 2 -T 15 -M prepared -f "$out/$1.sql" $db >"$out/$1.txt" 2>&1
  awk '/^tps/ { printf "%.0f", $3 }' "$out/$1.txt"
}
for at in "timestamptz '2026-03-15 12:00+00'" "now()"; do
  label=$([ "$at" = "now()" ] && echo "a new month (at = now())" || echo "the month of $N players")
  h1=$(tps submit_hexdb hexdb.submit_score "$at"); r1=$(tps submit_ref ref.submit_score "$at")
  h2=$(tps submit_hexdb hexdb.submit_score "$at"); r2=$(tps submit_ref ref.submit_score "$at")
  h=$(( (h1 + h2) / 2 )); r=$(( (r1 + r2) / 2 ))
  echo "into $label: hexdb $h1/$h2 tps, PL/pgSQL $r1/$r2 tps; ratio $(ratio "$h" "$r")x (target >= 2x)"
done
echo "drift after pgbench: $(q -c "SELECT hexdb.monthly_scores_drift()")"
q -c "VACUUM ANALYZE hexdb.monthly_scores" -c "VACUUM ANALYZE hexdb.monthly_score_counts" -c "VACUUM ANALYZE ref.monthly_scores" >/dev/null

psql -qX -c "DROP DATABASE $db" >/dev/null
