#!/usr/bin/env bash
# Every hexdb test: installs what is missing, builds and installs the extension, then runs the
# GoogleTest unit tests, pg_regress, pgTAP, and the shell tests (concurrency, client) against
# a throw-away cluster. Ends with one line "N passed, M failed"; a suite that cannot run (pgTAP
# on a server without it) is named on the line before, never counted as passed.
#   bash test/run.sh                                    Debian's PostgreSQL 15 (what CI runs)
#   PG_CONFIG=/path/to/bin/pg_config bash test/run.sh   any installed PostgreSQL (15-18)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

bash test/lib/deps.sh || { echo "0 passed, 1 failed"; exit 1; }
if [ -n "${PG_CONFIG:-}" ]; then
  export PG_CONFIG
  echo "== PostgreSQL: $("$PG_CONFIG" --version) ($PG_CONFIG)"
fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
passed=0
failed=0
count() {  # count PASSED FAILED LABEL
  passed=$((passed + $1)); failed=$((failed + $2))
  printf '== %-28s %d passed, %d failed\n' "$3" "$1" "$2"
}

source test/lib/cluster.sh
echo "== build"
if ! { make -s -j"$(nproc)" && make -s install DESTDIR="$root/tmp_install"; } >"$log/build" 2>&1; then
  cat "$log/build"; count 0 1 "build"; echo "$passed passed, $failed failed"; exit 1
fi
# The tree builds with no warning on every supported PostgreSQL.
if grep -q 'warning:' "$log/build"; then
  grep -A3 'warning:' "$log/build" | head -40; count 0 1 "build without warnings"
else
  count 1 0 "build without warnings"
fi

echo "== unit tests (GoogleTest)"
make -s unit >"$log/unit" 2>&1
cat "$log/unit" | grep -E '^\[  (FAILED|PASSED) |error' || true
unit_pass=$(grep -c '^\[       OK \]' "$log/unit")
unit_fail=$(grep -cE '^\[  FAILED  \] .* \([0-9]+ ms\)$' "$log/unit")
grep -q '^\[  PASSED  \]' "$log/unit" || [ "$unit_fail" -gt 0 ] || unit_fail=1
count "$unit_pass" "$unit_fail" "unit"

# Everything that needs a server runs in one throw-away cluster, with the library preloaded
# so that the fork-safety of the random pool is exercised too.
HEXDB_PGOPTS=(-o max_connections=60 -o fsync=off)
with_cluster bash test/lib/server_suites.sh "$log" >"$log/server" 2>&1
cat "$log/server"
read -r sp sf <"$log/server_counts" 2>/dev/null || { sp=0; sf=1; }
passed=$((passed + sp)); failed=$((failed + sf))

if [ -s "$log/server_skips" ]; then
  echo "SKIPPED (not counted as passed): $(paste -sd ';' "$log/server_skips")"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
