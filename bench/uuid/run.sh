#!/usr/bin/env bash
# UUID generation: core gen_random_uuid(), uuid-ossp's uuid_generate_v4() and hexdb's v4/v7,
# each as SELECT count(f()) FROM generate_series(1, N), beside the empty row (count(x)), in one
# run on one throw-away cluster. Prints per-call cost, cost over the empty row, and ratios.
#   bash bench/uuid/run.sh [N] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/lib/deps.sh
source test/lib/cluster.sh
HEXDB_PGOPTS=(-o jit=off)
with_cluster bash bench/uuid/measure.sh "${1:-2000000}" "${2:-7}"
