#!/usr/bin/env bash
# Runs inside the throw-away cluster for test/demo.sh: hexdb through hexctl, as a person would
# use it, then a few SQL calls. Every command is echoed before it runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
hexctl=$PWD/client/hexctl
export PGOPTIONS="-c hexdb.password_cost=8"
run() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
month=$(date -u +%Y-%m)

run psql -qX -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()"
echo 'pw-for-kim' | run "$hexctl" user add --email kim@example.com --nickname "김민준" --birth-date 1995-04-01 --password-stdin
echo 'pw-for-lee' | run "$hexctl" user add --email lee@example.com --nickname "Lee" --birth-date 1996-05-02 --password-stdin
echo 'pw-for-park' | run "$hexctl" user add --email park@example.com --nickname "Park" --birth-date 1997-06-03 --password-stdin
run "$hexctl" friend request kim@example.com lee@example.com
run "$hexctl" friend accept lee@example.com kim@example.com
run "$hexctl" friend request park@example.com park@example.com || echo "(refused, as it should be: exit $?)"
run "$hexctl" score submit kim@example.com 1200
run "$hexctl" score submit lee@example.com 1500
run "$hexctl" score submit park@example.com 900
run "$hexctl" score submit kim@example.com 1700
run "$hexctl" leaderboard --month "$month"
run "$hexctl" rank park@example.com --month "$month"
run "$hexctl" leaderboard --month "$month" --friends-of kim@example.com --format json
run "$hexctl" visit kim@example.com
run "$hexctl" uuid -n 3
run "$hexctl" check
run psql -X -c "SELECT hexdb.uuid_generate_v5(hexdb.uuid_ns_dns(), 'www.example.com') AS v5, hexdb.uuid_timestamp(hexdb.uuid_generate_v7()) AS v7_time"
run psql -X -c "SELECT * FROM hexdb.friends((SELECT user_id FROM hexdb.users WHERE email = 'kim@example.com'))"
echo
echo "demo done: the cluster is dropped now."
