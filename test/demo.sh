#!/usr/bin/env bash
# The main job: install what is missing, build and install hexdb, start a throw-away cluster,
# create the extension and show it working. Nothing is left behind.
#   bash test/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash test/lib/deps.sh
make -s && make -s install
pg_virtualenv -o shared_preload_libraries=hexdb bash test/lib/demo_session.sh
