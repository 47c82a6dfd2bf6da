# Source this: pg_regress_results FILE STATUS EXPECTED prints "PASSED FAILED" for the output
# FILE of a pg_regress or pg_isolation_regress run that exited with STATUS and should have run
# EXPECTED tests. Both output formats count: up to PostgreSQL 15 "test name ... ok" and
# "... FAILED" (or "failed (ignored)"), from 16 on TAP "ok 1 - name" and "not ok 5 - name"
# ("+" for a parallel group). A non-zero exit status with no failure line, or fewer results
# than EXPECTED, is a failure: a format this does not know can never pass as "0 failed".
pg_regress_results() {
  local file=$1 status=$2 expected=$3 p f
  p=$(grep -cE '\.\.\. +ok( |$)|^ok [0-9]+ ' "$file")
  f=$(grep -cE '\.\.\. +(FAILED|failed)|^not ok [0-9]+ ' "$file")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ $((p + f)) -lt "$expected" ]; then f=$((expected - p)); fi
  echo "$p $f"
}
