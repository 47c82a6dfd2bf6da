#!/usr/bin/env bash
# The main job: install what is missing, build and install hexdb, start a throw-away cluster,
# create the extension and show it working. Nothing is left behind.
#   bash test/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/lib/deps.sh
source test/lib/cluster.sh
HEXDB_PGOPTS=()
with_cluster bash test/lib/demo_session.sh
