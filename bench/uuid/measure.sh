#!/usr/bin/env bash
# Runs inside the cluster made by bench/uuid/run.sh. Median of REPEATS timings per function.
set -euo pipefail
n=$1 repeats=$2
psql -qX <<'SQL' >/dev/null
CREATE EXTENSION IF NOT EXISTS hexdb;
SELECT hexdb.setup();
CREATE SCHEMA IF NOT EXISTS ossp;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" SCHEMA ossp;
SQL

median_ms() {  # median_ms EXPRESSION [SOURCE]: median wall time of the query, in ms
  local expr=$1 source=${2:-kernel} i
  for ((i = 0; i < repeats; i++)); do
    psql -qX -c "SET hexdb.random_source = $source" -c '\timing on' \
      -c "SELECT count($expr) FROM generate_series(1, $n) x" |
      sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
  done | sort -n | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)]}'
}

declare -A label=(
  [x]="empty row: count(x)"
  [gen_random_uuid()]="core gen_random_uuid()"
  [ossp.uuid_generate_v4()]="uuid-ossp uuid_generate_v4()"
  [hexdb.uuid_generate_v4()]="hexdb.uuid_generate_v4()"
  [hexdb.uuid_generate_v7()]="hexdb.uuid_generate_v7()"
  [hexdb.uuid_generate_v4()@openssl]="hexdb v4, random_source=openssl"
  [hexdb.uuid_generate_v7()@openssl]="hexdb v7, random_source=openssl"
)
order=(x "gen_random_uuid()" "ossp.uuid_generate_v4()" "hexdb.uuid_generate_v4()" "hexdb.uuid_generate_v7()"
       "hexdb.uuid_generate_v4()@openssl" "hexdb.uuid_generate_v7()@openssl")
declare -A ms
for f in "${order[@]}"; do
  if [[ $f == *@* ]]; then ms[$f]=$(median_ms "${f%@*}" "${f#*@}"); else ms[$f]=$(median_ms "$f"); fi
done

base=${ms[x]} core=${ms[gen_random_uuid()]}
printf 'N = %d rows, median of %d runs, PostgreSQL %s\n\n' "$n" "$repeats" "$(psql -qXAt -c 'SHOW server_version')"
printf '%-30s %10s %12s %14s %18s\n' function "total ms" "ns/call" "ns over empty" "throughput vs core"
for f in "${order[@]}"; do
  awk -v name="${label[$f]}" -v t="${ms[$f]}" -v b="$base" -v c="$core" -v n="$n" 'BEGIN {
    per = t * 1e6 / n; over = (t - b) * 1e6 / n
    ratio = (name ~ /empty/) ? "" : sprintf("%.2fx", (c - b) / (t - b))
    printf "%-30s %10.1f %12.1f %14.1f %18s\n", name, t, per, over, ratio }'
done
echo
echo "throughput vs core counts only the cost over the empty row (the function itself)."
for source in kernel openssl; do
  suffix=; [ $source = openssl ] && suffix=@openssl
  awk -v s=$source -v b="$base" -v c="$core" -v v4="${ms[hexdb.uuid_generate_v4()$suffix]}" -v v7="${ms[hexdb.uuid_generate_v7()$suffix]}" 'BEGIN {
    printf "random_source=%s: whole-query throughput vs gen_random_uuid(): v4 %.2fx, v7 %.2fx (target >= 6x);", s, c / v4, c / v7
    printf " cost over the empty row: v4 %.0f%%, v7 %.0f%% of it (target <= 50%%)\n", 100 * (v4 - b) / b, 100 * (v7 - b) / b }'
done
