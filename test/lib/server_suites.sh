#!/usr/bin/env bash
# Runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER, PGPASSWORD set): pg_regress, pgTAP and
# every shell test under test/*/ (each a TAP producer). Writes "passed failed" to $1/server_counts.
set -uo pipefail
log=$1
passed=0
failed=0
count() {
  passed=$((passed + $1)); failed=$((failed + $2))
  printf '== %-28s %d passed, %d failed\n' "$3" "$1" "$2"
}

echo "== pg_regress"
make -s installcheck >"$log/regress" 2>&1
grep -E '\.\.\. ' "$log/regress" || cat "$log/regress"
count "$(grep -cE '\.\.\. +ok' "$log/regress")" "$(grep -cE '\.\.\. +FAILED' "$log/regress")" "pg_regress"
[ -f test/regress/regression.diffs ] && head -100 test/regress/regression.diffs

echo "== pgTAP"
psql -qX -c "CREATE DATABASE hexdb_tap" >/dev/null
psql -qX -d hexdb_tap -c "CREATE EXTENSION pgtap; CREATE EXTENSION hexdb; SELECT hexdb.setup();" >/dev/null
pg_prove --verbose --failures -d hexdb_tap test/pgtap/*.sql >"$log/pgtap" 2>&1
grep -E '^(not ok|# )' "$log/pgtap"; tail -3 "$log/pgtap"
count "$(grep -cE '^ok ' "$log/pgtap")" "$(grep -cE '^not ok ' "$log/pgtap")" "pgTAP"

for t in test/*/*.t; do
  [ -e "$t" ] || continue
  echo "== $t"
  bash "$t" >"$log/shell" 2>&1
  status=$?
  grep -E '^(not ok|#)' "$log/shell"
  p=$(grep -cE '^ok ' "$log/shell"); f=$(grep -cE '^not ok ' "$log/shell")
  # A script that died before its plan line failed, whatever it printed.
  if [ $status -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -20 "$log/shell"; fi
  count "$p" "$f" "$t"
done

echo "$passed $failed" >"$log/server_counts"
