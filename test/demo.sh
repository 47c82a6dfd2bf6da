#!/usr/bin/env bash
# The main job: install what is missing, build and install hexdb, start a throw-away cluster,
# create the extension and show it working. Nothing is left behind.
#   bash test/demo.sh          (NO_COLOR=1 for no bold on a terminal)
set -euo pipefail
cd "$(dirname "$0")/.."
source test/lib/say.sh
jobs=$(nproc)

say "checking the Debian packages hexdb needs (apt-get installs any that are missing)"
bash test/lib/deps.sh
say "building hexctl, the client (make -C client -j$jobs)"
make -s -C client -j"$jobs"
say "building the extension (make -j$jobs)"
make -s -j"$jobs"
say "installing both into ./tmp_install (never into the system)"
make -s install DESTDIR="$PWD/tmp_install"
say "starting a throw-away PostgreSQL cluster (pg_virtualenv), dropped at the end"
source test/lib/cluster.sh
HEXDB_PGOPTS=()
with_cluster bash test/lib/demo_session.sh
