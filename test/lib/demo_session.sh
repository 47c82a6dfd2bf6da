#!/usr/bin/env bash
# Runs inside pg_virtualenv for test/demo.sh.
set -euo pipefail
run() { echo; echo "\$ $*"; "$@"; }
run psql -X -c "CREATE EXTENSION hexdb"
run psql -X -c "SELECT hexdb.uuid_generate_v4() AS v4, hexdb.uuid_generate_v7() AS v7"
run psql -X -c "SELECT hexdb.uuid_generate_v5(hexdb.uuid_ns_dns(), 'www.example.com') AS v5"
run psql -X -c "SELECT hexdb.uuid_timestamp(hexdb.uuid_generate_v7('2026-01-31 23:30:00+00')) AS v7_time"
run psql -X -c "\\dx+ hexdb"
