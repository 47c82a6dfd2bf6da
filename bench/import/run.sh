#!/usr/bin/env bash
# bench/import: the whole import, `hexctl import DIR` (COPY of a generated export into the
# staging tables, then import_legacy() with its validation, id mapping, rejects and sequences,
# in one transaction) against its anchor,
# `psql \copy` of the same files into the staging tables alone. One throw-away cluster, rounds
# alternating, fresh database per run. Target: whole import within 2x of the bare copy.
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
  fresh() { psql -qX -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
            psql -qX -d "$1" -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -c "CHECKPOINT" >/dev/null; }
  printf '%-6s %10s %18s %8s %24s\n' round "copy (s)" "hexctl import (s)" ratio "psql+import_legacy (s)"
  for r in $(seq "$rounds"); do
    fresh bench_copy
    t0=$(now); psql -qX -v ON_ERROR_STOP=1 -d bench_copy -f "$copy"; t1=$(now)
    fresh bench_import
    t2=$(now); "$hexctl" -d bench_import import "$dir" >"$dir/report" 2>"$dir/summary"; t3=$(now)
    # The same work without the client: psql \copy, then import_legacy() (for comparison).
    fresh bench_sql
    t4=$(now); psql -qX -v ON_ERROR_STOP=1 -d bench_sql -f "$copy"
    psql -qX -v ON_ERROR_STOP=1 -d bench_sql -c "SET client_min_messages = warning" \
      -c "SELECT * FROM hexdb.import_legacy()" >/dev/null; t5=$(now)
    awk -v r="$r" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v f="$t5" -v n="$rows" 'BEGIN {
      printf "%-6s %10.2f %18.2f %7.2fx %24.2f   (%.2f vs %.2f us/row)\n", r, b - a, d - c,
             (d - c) / (b - a), f - e, (b - a) * 1e6 / n, (d - c) * 1e6 / n }'
    psql -qX -c "DROP DATABASE bench_sql" >/dev/null
  done
  echo "rows in the export: $rows"; cat "$dir/report" "$dir/summary"
  psql -qX -d bench_import -c "SELECT * FROM hexdb.check_integrity()"
  psql -qX -c "DROP DATABASE bench_copy" -c "DROP DATABASE bench_import" >/dev/null
  exit 0
fi

rounds=${1:-3} users=${2:-100000} scores=${3:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"  # the server does not read the files (psql \copy does), but keep them readable
python3 bench/import/make_export.py "$dir" --users "$users" --scores "$scores"
source test/lib/cluster.sh
with_cluster bash "$0" --inside "$dir" "$rounds"
