#!/usr/bin/env bash
# The measurement that chose the rank structure (docs/benchmarks.md, "scores: the design"):
# plain SQL, no hexdb, durable commits. Per transaction one score row plus the rank upkeep of
# a new player in one month, four ways: hot (4 shared count rows, one per level, updated in
# place: today's design), slots (the same spread over 8 slots by backend pid), deltas (one
# insert-only row, plus a compaction by whoever wins pg_try_advisory_xact_lock), deltas
# without compaction, and the bare score insert.
#   bash bench/scores/design/run.sh [SECONDS]      (inside a cluster: PGHOST/PGPORT set)
set -euo pipefail
cd "$(dirname "$0")"
psql -qX -c "DROP DATABASE IF EXISTS rank_design" -c "CREATE DATABASE rank_design" >/dev/null
psql -qX -d rank_design -f setup.sql >/dev/null
for c in 16 64; do
  for f in bare hot slots deltas deltas_nocompact; do
    printf '%-18s %3s clients: ' "$f" "$c"
    pgbench -n -c "$c" -j 2 -T "${1:-10}" -f "$f.sql" rank_design 2>&1 | awk '/^tps/ { printf "%.0f tps\n", $3 }'
  done
done
psql -qX -c "DROP DATABASE rank_design" >/dev/null
