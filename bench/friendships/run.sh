#!/usr/bin/env bash
# Friendship benchmark: hexdb (C++ trigger and functions) against the PL/pgSQL reference
# (reference.sql) and against a plain INSERT into a table with only declarative constraints,
# on one throw-away cluster in one run, with pgbench. Prints tps, per-op cost and the ratios.
#   bash bench/friendships/run.sh [SECONDS_PER_ROUND (default 10)] [ROUNDS (default 3)]
# Two measures, each alternating the variants (A B C A B C ...) so that drift hits all alike:
#  1. end to end: pgbench, one call per transaction (client round trip, parse and commit
#     included); the median round counts.
#  2. per call inside one statement: 20,000 rows (or requests) in one autocommit statement,
#     timed by psql including its commit (and so the notifications); 2 x ROUNDS + 1 rounds,
#     the fastest counts (the least disturbed by other work on the machine).
# 10,000 users, random pairs: almost every request is a new pair.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" != "--inside" ]; then
  cd "$here/../.."
  source test/lib/cluster.sh
  HEXDB_PGOPTS=(-o fsync=off -o max_connections=20)
  with_cluster bash "$here/run.sh" --inside "${1:-10}" "${2:-3}"
  exit
fi

secs=$2
rounds=$3
clients=2
db=hexdb_bench_friends
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -qX -v ON_ERROR_STOP=1 -d $db >/dev/null <<SQL
CREATE EXTENSION hexdb;
SELECT hexdb.setup();
-- User n has the id 01900000-0000-7000-8000-<n in 12 decimal digits>.
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('01900000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'b' || n || '@example.com', 'b' || n, '\$2b\$04\$x', '2000-01-01'
  FROM generate_series(1, 10000) n;
\i $here/reference.sql
VACUUM ANALYZE;
SQL

pair='\set x random(1, 10000)
\set y (:x + random(0, 9998)) % 10000 + 1'
id() { echo "('01900000-0000-7000-8000-' || lpad(:$1::text, 12, '0'))::uuid"; }
conflict="ON CONFLICT ((LEAST(requester_id, receiver_id)), (GREATEST(requester_id, receiver_id))) DO NOTHING"
printf '%s\nSELECT hexdb.request_friendship(%s, %s);\n' "$pair" "$(id x)" "$(id y)" >"$out/request_hexdb.sql"
printf '%s\nSELECT ref.request_friendship(%s, %s);\n' "$pair" "$(id x)" "$(id y)" >"$out/request_ref.sql"
for t in hexdb ref plain; do
  printf '%s\nINSERT INTO %s.friendships (requester_id, receiver_id) VALUES (%s, %s) %s;\n' \
    "$pair" "$t" "$(id x)" "$(id y)" "$conflict" >"$out/insert_$t.sql"
done

cp "$out/insert_hexdb.sql" "$out/insert_hexdb_check_only.sql"
notify_trigger() { psql -qX -d $db -c "ALTER TABLE hexdb.friendships $1 TRIGGER friendship_notify"; }

# insert_hexdb_check_only: the validation trigger alone (the notify trigger disabled for that
# variant only), to separate the rules' cost from pg_notify's commit-time cost.
variants=(request_hexdb request_ref insert_hexdb insert_ref insert_plain insert_hexdb_check_only)
for r in $(seq "$rounds"); do
  for v in "${variants[@]}"; do
    [ "$v" = insert_hexdb_check_only ] && notify_trigger DISABLE
    tps=$(pgbench -n -M prepared -c $clients -j $clients -T "$secs" -f "$out/$v.sql" $db 2>&1 |
          sed -n 's/^tps = \([0-9.]*\) .*/\1/p')
    [ "$v" = insert_hexdb_check_only ] && notify_trigger ENABLE
    echo "$tps" >>"$out/$v.tps"
    echo "round $r $v: $tps tps"
  done
done

median() { sort -n "$out/$1.tps" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "end to end: pgbench -M prepared, $clients clients, ${secs}s x $rounds rounds per variant (median round)"
printf '%-14s %10s %12s\n' variant tps "us/op/client"
for v in "${variants[@]}"; do
  m=$(median "$v")
  printf '%-14s %10.0f %12.1f\n' "$v" "$m" "$(echo "$clients * 1000000 / $m" | bc -l)"
done
rh=$(median request_hexdb); rr=$(median request_ref)
ih=$(median insert_hexdb); ir=$(median insert_ref); ip=$(median insert_plain)
echo
printf 'request_friendship: hexdb / PL/pgSQL reference throughput = %.2fx (target >= 2x)\n' "$(echo "$rh / $rr" | bc -l)"
ic=$(median insert_hexdb_check_only)
printf 'INSERT cost vs plain INSERT (target <= 1.3x): hexdb triggers %.2fx; hexdb validation alone %.2fx; PL/pgSQL triggers %.2fx\n' \
  "$(echo "$ip / $ih" | bc -l)" "$(echo "$ip / $ic" | bc -l)" "$(echo "$ip / $ir" | bc -l)"

# ---- 2. per call inside one statement
psql -qX -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
CREATE TABLE pairs AS
  SELECT ('01900000-0000-7000-8000-' || lpad(x::text, 12, '0'))::uuid AS a,
         ('01900000-0000-7000-8000-' || lpad(((x + y) % 10000 + 1)::text, 12, '0'))::uuid AS b
    FROM (SELECT (random() * 9999)::int + 1 AS x, (random() * 9998)::int AS y FROM generate_series(1, 21000)) s;
DELETE FROM pairs p USING pairs q
 WHERE p.ctid < q.ctid AND least(p.a, p.b) = least(q.a, q.b) AND greatest(p.a, p.b) = greatest(q.a, q.b);
DELETE FROM pairs WHERE ctid IN (SELECT ctid FROM pairs OFFSET 20000);
SQL
rows=$(psql -qXAt -d $db -c "SELECT count(*) FROM pairs")
ms() {  # ms SQL: milliseconds of one autocommit statement, commit included
  psql -X -d $db -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
stmt_variants=(request_hexdb request_ref insert_hexdb insert_ref insert_plain insert_hexdb_check_only)
stmt_rounds=$((2 * rounds + 1))  # cheap, and the fastest of more rounds is less disturbed
for r in $(seq "$stmt_rounds"); do
  psql -qX -d $db -c "TRUNCATE hexdb.friendships, ref.friendships, plain.friendships" >/dev/null
  echo "$(ms "SELECT count(hexdb.request_friendship(a, b)) FROM pairs")" >>"$out/s_request_hexdb"
  echo "$(ms "SELECT count(ref.request_friendship(a, b)) FROM pairs")" >>"$out/s_request_ref"
  psql -qX -d $db -c "TRUNCATE hexdb.friendships, ref.friendships, plain.friendships" >/dev/null
  for t in hexdb ref plain; do
    echo "$(ms "INSERT INTO $t.friendships (requester_id, receiver_id) SELECT a, b FROM pairs")" >>"$out/s_insert_$t"
  done
  psql -qX -d $db -c "TRUNCATE hexdb.friendships" >/dev/null
  notify_trigger DISABLE
  echo "$(ms "INSERT INTO hexdb.friendships (requester_id, receiver_id) SELECT a, b FROM pairs")" >>"$out/s_insert_hexdb_check_only"
  notify_trigger ENABLE
  echo "round $r (ms for $rows): $(for v in "${stmt_variants[@]}"; do printf '%s %s  ' "$v" "$(tail -1 "$out/s_$v")"; done)"
done
fastest() { sort -n "$out/s_$1" | head -1; }
echo
echo "per call inside one statement of $rows calls, fastest of $stmt_rounds rounds (commit included)"
printf '%-14s %10s %10s\n' variant ms us/call
for v in "${stmt_variants[@]}"; do
  printf '%-14s %10.1f %10.2f\n' "$v" "$(fastest "$v")" "$(echo "$(fastest "$v") * 1000 / $rows" | bc -l)"
done
printf 'request_friendship: hexdb / PL/pgSQL reference throughput = %.2fx (target >= 2x)\n' \
  "$(echo "$(fastest request_ref) / $(fastest request_hexdb)" | bc -l)"
printf 'INSERT cost vs plain INSERT (target <= 1.3x): hexdb triggers %.2fx; hexdb validation alone %.2fx; PL/pgSQL triggers %.2fx\n' \
  "$(echo "$(fastest insert_hexdb) / $(fastest insert_plain)" | bc -l)" \
  "$(echo "$(fastest insert_hexdb_check_only) / $(fastest insert_plain)" | bc -l)" \
  "$(echo "$(fastest insert_ref) / $(fastest insert_plain)" | bc -l)"
psql -qX -c "DROP DATABASE $db" >/dev/null
