#!/usr/bin/env bash
# bench/import: the whole import (COPY of a generated export into the staging tables, then
# import_legacy() with its validation, id mapping, rejects and sequences) against its anchor,
# `psql \copy` of the same files into the staging tables alone. One throw-away cluster, rounds
# alternating, fresh database per run. Target: whole import within 2x of the bare copy.
#   bash bench/import/run.sh [ROUNDS] [USERS] [SCORES]     (defaults 3, 100000, 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" = "--inside" ]; then
  dir=$2 rounds=$3
  copy="$dir/copy.sql"
  for t in users scores friendships monthly_scores game_visits; do
    echo "\\copy hexdb.staging_$t FROM '$dir/$t.txt'"
  done >"$copy"
  rows=$(cat "$dir"/*.txt | wc -l)
  now() { date +%s.%N; }
  fresh() { psql -qX -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
            psql -qX -d "$1" -c "CREATE EXTENSION hexdb" -c "CHECKPOINT" >/dev/null; }
  printf '%-6s %12s %12s %14s %8s\n' round "copy (s)" "import (s)" "of which SQL" ratio
  for r in $(seq "$rounds"); do
    fresh bench_copy
    t0=$(now); psql -qX -v ON_ERROR_STOP=1 -d bench_copy -f "$copy"; t1=$(now)
    fresh bench_import
    t2=$(now); psql -qX -v ON_ERROR_STOP=1 -d bench_import -f "$copy"; t3=$(now)
    psql -qX -v ON_ERROR_STOP=1 -d bench_import -c "SET client_min_messages = warning" \
      -c "SELECT * FROM hexdb.import_legacy()" >"$dir/report"; t4=$(now)
    awk -v r="$r" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v n="$rows" 'BEGIN {
      printf "%-6s %12.2f %12.2f %14.2f %7.2fx   (%.2f vs %.2f us/row)\n", r, b - a, e - c, e - d,
             (e - c) / (b - a), (b - a) * 1e6 / n, (e - c) * 1e6 / n }'
  done
  echo "rows in the export: $rows"; cat "$dir/report"
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
