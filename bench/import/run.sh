#!/usr/bin/env bash
# bench/import: the whole import against its anchors, one throw-away cluster, one run, rounds
# alternating, a fresh database per run:
#   - `hexctl import DIR`: COPY of a generated `--tab` export into the staging tables, then
#     import_legacy() (validation, id mapping, rejects, sequences), one transaction;
#   - `hexctl import mysql://...`: the same rows read live from a MariaDB this script starts
#     and loads with the export (Debian's mariadb-server, on loopback);
#   - pgloader (Debian's 3.6) from that same live MariaDB into plain tables (no validation, no
#     UUIDs, no rejects: a lower bound for this job, the tool a PostgreSQL user would pick);
#   - `psql \copy` of the files into the staging tables alone (the bare copy).
# Targets (issue #15): each hexctl import <= 1.0x pgloader's wall time; the ratio to the bare
# copy reported. Round 0 warms the server up (printed, not counted); the medians and the rounds
# that met the target close the table, then each tool's WAL.
#   bash bench/import/run.sh [ROUNDS] [USERS] [SCORES]     (defaults 3, 100000, 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" = "--inside" ]; then
  dir=$2 rounds=$3
  hexctl=$PWD/client/hexctl
  copy="$dir/copy.sql"
  for t in users scores friendships monthly_scores game_visits; do
    echo "\\copy hexdb.staging_$t FROM '$dir/$t.txt'"
  done >"$copy"
  rows=$(cat "$dir"/*.txt | wc -l)
  now() { date +%s.%N; }
  lsn() { psql -AtX -c "SELECT pg_current_wal_insert_lsn()"; }
  mib() { psql -AtX -c "SELECT round(pg_wal_lsn_diff('$2', '$1') / 1048576)"; }
  plain() { psql -qX -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; }
  fresh() { plain "$1"; psql -qX -d "$1" -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -c "CHECKPOINT" >/dev/null; }
  source test/lib/mariadb.sh
  mariadb_start
  t0=$(now); mariadb_load "$dir" hexdb_legacy; t1=$(now)
  mariadb_reader hexdb_legacy hexbench benchpw
  awk -v a="$t0" -v b="$t1" -v p="$mdb_port" 'BEGIN { printf "MariaDB on 127.0.0.1:%s, the export loaded in %.1f s\n", p, b - a }'
  url="mysql://hexbench@127.0.0.1:$mdb_port/hexdb_legacy"
  # Round 0 is a warm-up, printed but not counted. This VM backs the guest memory a process
  # touches for the first time slowly: without it, the first round's live import, the first to
  # need page cache beyond what earlier databases held and freed, wrote its new relation pages 3x
  # slower (perf: pwrite from mdextend, 87 samples against 30) and took 0.2-0.6 s longer than
  # the rounds after it (docs/benchmarks.md, session 14). A server that has been running has
  # its memory; after round 0 every tool's round reuses it.
  printf '%-6s %9s %10s %12s %13s %14s %14s %13s\n' round "copy (s)" "pgloader" "hexctl DIR" "hexctl live" \
    "live/pgloader" "DIR/pgloader" "live/copy"
  for r in $(seq 0 "$rounds"); do
    fresh bench_copy
    w0=$(lsn); t0=$(now); psql -qX -v ON_ERROR_STOP=1 -d bench_copy -f "$copy"; t1=$(now); w1=$(lsn)
    plain bench_pgloader; psql -qX -c "CHECKPOINT" >/dev/null
    w2=$(lsn); t2=$(now)
    pgloader --quiet "mysql://hexbench:benchpw@127.0.0.1:$mdb_port/hexdb_legacy" \
      "postgresql://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/bench_pgloader" >"$dir/pgloader.log" 2>&1 ||
      { cat "$dir/pgloader.log" >&2; exit 1; }
    t3=$(now); w3=$(lsn)
    fresh bench_dir
    w4=$(lsn); t4=$(now); "$hexctl" -d bench_dir import "$dir" >"$dir/report" 2>"$dir/summary"; t5=$(now); w5=$(lsn)
    fresh bench_live
    w6=$(lsn); t6=$(now); MYSQL_PWD=benchpw "$hexctl" -d bench_live import "$url" >"$dir/report_live" 2>"$dir/summary_live"; t7=$(now); w7=$(lsn)
    [ "$r" = 0 ] || echo "$(mib "$w0" "$w1") $(mib "$w2" "$w3") $(mib "$w4" "$w5") $(mib "$w6" "$w7")" >>"$dir/wal"
    label=$r; [ "$r" = 0 ] && label="0 *"
    awk -v r="$label" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$t5" -v g="$t6" -v h="$t7" 'BEGIN {
      printf "%-6s %9.2f %10.2f %12.2f %13.2f %13.2fx %13.2fx %12.2fx\n", r, b - a, d - c, f - e, h - g,
             (h - g) / (d - c), (f - e) / (d - c), (h - g) / (b - a) }' | tee -a "$dir/rounds"
    for db in bench_copy bench_pgloader; do psql -qX -c "DROP DATABASE $db" >/dev/null; done
  done
  # The counted rounds' medians, and how many rounds met the target.
  grep -v '^0 ' "$dir/rounds" | awk '
    function median(col,   n, i, j, t, v) {
      n = 0; for (i = 1; i <= NR; i++) v[++n] = x[i, col]
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    { for (i = 2; i <= 8; i++) { x[NR, i] = $i + 0 }; live += ($6 + 0 <= 1.0); dir += ($7 + 0 <= 1.0) }
    END { printf "%-6s %9.2f %10.2f %12.2f %13.2f %13.2fx %13.2fx %12.2fx\n", "median", median(2), median(3),
            median(4), median(5), median(5) / median(3), median(4) / median(3), median(5) / median(2)
          printf "* round 0 warms the server up and is not counted; rounds at or under 1.0x pgloader: live %d of %d, DIR %d of %d\n",
            live, NR, dir, NR }'
  # WAL is what the issue asked to keep in proportion (the unlogged staging tables write none).
  for c in 1 2 3 4; do cut -d' ' -f"$c" "$dir/wal" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; done |
    paste -sd' ' | awk '{ printf "WAL, median of the counted rounds: copy %d MB, pgloader %d MB, DIR %d MB, live %d MB\n", $1, $2, $3, $4 }'
  echo "rows in the export: $rows; pgloader's tables: $(grep -c . "$dir/pgloader.log" || true) log lines"
  cat "$dir/report" "$dir/summary"
  # LOAD DATA skips the export's rows that MariaDB's own unique keys refuse (the generator writes
  # a few duplicate visits a real MySQL could not hold): the live source has only the rest.
  echo "rows MariaDB holds: $(maria -N hexdb_legacy -e "SELECT concat_ws(' ', (SELECT count(*) FROM users),
    (SELECT count(*) FROM scores), (SELECT count(*) FROM friendships), (SELECT count(*) FROM monthly_scores),
    (SELECT count(*) FROM game_visits))") (users scores friendships monthly_scores game_visits)"
  if diff -q "$dir/report" "$dir/report_live" >/dev/null; then echo "the live import's report equals the directory's"
  else echo "the live import's report:"; cat "$dir/report_live"; fi
  psql -qX -d bench_live -c "SELECT * FROM hexdb.check_integrity()"
  psql -qX -c "DROP DATABASE bench_dir" -c "DROP DATABASE bench_live" >/dev/null
  exit 0
fi

rounds=${1:-3} users=${2:-100000} scores=${3:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"  # the server does not read the files (psql \copy does), but keep them readable
python3 bench/import/make_export.py "$dir" --users "$users" --scores "$scores"
source test/lib/cluster.sh
with_cluster bash "$0" --inside "$dir" "$rounds"
