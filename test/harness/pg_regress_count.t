#!/usr/bin/env bash
# The suite's count of pg_regress / pg_isolation_regress results (test/lib/pg_regress_count.sh)
# on their outputs as PostgreSQL 15 and 16-18 print them: every pass and failure is seen in
# both formats, and an output it cannot read never counts as "0 failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source test/lib/tap.sh
source test/lib/pg_regress_count.sh
out=$(mktemp)
trap 'rm -f "$out"' EXIT
counts() { cat >"$out"; pg_regress_results "$out" "$1" "$2"; }  # counts STATUS EXPECTED < OUTPUT

is "$(counts 0 3 <<'E'
============== running regression test queries        ==============
test boundary                     ... ok          148 ms
test friendships                  ... ok          566 ms
test import                       ... ok         1818 ms
=====================
 All 3 tests passed.
=====================
E
)" "3 0" "15: three ok"

is "$(counts 1 3 <<'E'
test boundary                     ... ok          148 ms
test schema                       ... FAILED      375 ms
parallel group (2 tests):  a b
     a                            ... ok          12 ms
     b                            ... failed (ignored)   13 ms
=======================
 1 of 3 tests failed.
=======================
E
)" "2 2" "15: FAILED and failed (ignored) are failures, a parallel group's ok a pass"

is "$(counts 0 3 <<'E'
# using postmaster on localhost, port 50393
ok 1         - boundary                                  148 ms
ok 2         - friendships                               566 ms
# parallel group (1 test):  import
ok 3         + import                                   1818 ms
1..3
# All 3 tests passed.
E
)" "3 0" "16+: TAP ok lines, parallel (+) included"

is "$(counts 1 3 <<'E'
ok 1         - boundary                                  148 ms
not ok 2     - schema                                    375 ms
# (test process exited with exit code 1)
ok 3         - uuid                                     2646 ms
1..3
# 1 of 3 tests failed.
E
)" "2 1" "16+: a not ok line is a failure"

is "$(counts 0 3 <<'E'
test boundary                     ... passed      148 ms
3/3 tests passed
E
)" "0 3" "a format it cannot read: every expected test fails, also with exit status 0"

is "$(counts 2 1 <<'E'
test friendship_race              ... diff: expected/friendship_race.out: No such file or directory
diff command failed with status 512
E
)" "0 1" "a run that stopped midway with status 2: a failure"

is "$(counts 2 3 <<'E'
ok 1         - boundary                                  148 ms
ok 2         - friendships                               566 ms
ok 3         - import                                   1818 ms
pg_regress: could not remove directory "results"
E
)" "3 1" "every test ok but a non-zero exit status: one failure"

is "$(counts 0 10 </dev/null)" "0 10" "no output at all: every expected test fails"

done_testing
