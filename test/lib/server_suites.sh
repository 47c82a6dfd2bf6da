#!/usr/bin/env bash
# Runs inside the throw-away cluster (PGHOST, PGPORT, PGUSER, PGPASSWORD set): pg_regress,
# isolation tests, pgTAP and every shell test under test/*/ (each a TAP producer). Writes
# "passed failed" to $1/server_counts and one line per skipped suite to $1/server_skips.
set -uo pipefail
log=$1
passed=0
failed=0
: >"$log/server_skips"
count() {
  passed=$((passed + $1)); failed=$((failed + $2))
  printf '== %-28s %d passed, %d failed\n' "$3" "$1" "$2"
}
skip() {  # skip LABEL REASON: said here and in the summary, never counted as passed
  printf '== %-28s SKIPPED: %s\n' "$1" "$2"
  echo "$1: $2" >>"$log/server_skips"
}

# count_pg_regress LABEL LOG STATUS EXPECTED: the results of a pg_regress or
# pg_isolation_regress run, in either output format (test/lib/pg_regress_count.sh).
source test/lib/pg_regress_count.sh
count_pg_regress() {
  local label=$1 file=$2 status=$3 expected=$4 p f
  grep -E '\.\.\. +(ok|FAILED|failed)|^(not )?ok [0-9]+ ' "$file" || cat "$file"
  read -r p f < <(pg_regress_results "$file" "$status" "$expected")
  [ "$status" -eq 0 ] || echo "# $label exited with status $status"
  [ $((p + f)) -eq "$expected" ] || echo "# $label: $p passed, $f failed of $expected tests"
  count "$p" "$f" "$label"
}

echo "== pg_regress"
make -s installcheck ISOLATION= >"$log/regress" 2>&1
count_pg_regress pg_regress "$log/regress" $? "$(ls test/regress/sql/*.sql | wc -l)"
[ -f test/regress/regression.diffs ] && head -100 test/regress/regression.diffs

echo "== isolation"
make -s installcheck REGRESS= >"$log/isolation" 2>&1
count_pg_regress isolation "$log/isolation" $? "$(ls test/isolation/specs/*.spec | wc -l)"
[ -f test/isolation/output/regression.diffs ] && head -100 test/isolation/output/regression.diffs

echo "== pgTAP"
# pgTAP is Debian's package for the packaged server; a server built from source (PG_CONFIG
# path of test/lib/cluster.sh) may not have it: that run says so and skips, CI's fails.
if psql -qXAt -c "SELECT 1 FROM pg_available_extensions WHERE name = 'pgtap'" | grep -q 1 &&
   command -v pg_prove >/dev/null; then
  psql -qX -c "CREATE DATABASE hexdb_tap" >/dev/null
  psql -qX -d hexdb_tap -c "CREATE EXTENSION pgtap; CREATE EXTENSION hexdb; SELECT hexdb.setup();" >/dev/null
  pg_prove --verbose --failures -d hexdb_tap test/pgtap/*.sql >"$log/pgtap" 2>&1
  grep -E '^(not ok|# )' "$log/pgtap"; tail -3 "$log/pgtap"
  count "$(grep -cE '^ok ' "$log/pgtap")" "$(grep -cE '^not ok ' "$log/pgtap")" "pgTAP"
elif [ "${HEXDB_CLUSTER:-}" = pg_config ]; then
  skip pgTAP "no pgtap extension or pg_prove for PostgreSQL $(psql -qXAt -c 'SHOW server_version')"
else
  count 0 1 "pgTAP (pgtap or pg_prove missing)"
fi

for t in test/*/*.t; do
  [ -e "$t" ] || continue
  echo "== $t"
  bash "$t" >"$log/shell" 2>&1
  status=$?
  if [ $status -eq 0 ] && grep -q '^1\.\.0 # SKIP' "$log/shell" && ! grep -qE '^(not )?ok ' "$log/shell"; then
    skip "$t" "$(sed -n 's/^1\.\.0 # SKIP //p' "$log/shell" | head -1)"; continue
  fi
  grep -E '^(not ok|#)' "$log/shell"
  p=$(grep -cE '^ok ' "$log/shell"); f=$(grep -cE '^not ok ' "$log/shell")
  # A script that died before its plan line failed, whatever it printed.
  if [ $status -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -20 "$log/shell"; fi
  count "$p" "$f" "$t"
done

echo "$passed $failed" >"$log/server_counts"
