#!/usr/bin/env bash
# Runs inside the throw-away cluster for test/demo.sh: hexdb through hexctl, as a person would
# use it, then a few SQL calls. Every command is shown before it runs, as it would be typed
# in the repository's top directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/lib/say.sh
export PGOPTIONS="-c hexdb.password_cost=8"
run() { show_command "$@"; "$@"; }
# run_with_input INPUT CMD...: CMD with INPUT on stdin, shown as "echo INPUT | CMD".
run_with_input() {
  local input=$1
  shift
  show_line "echo $(shell_word "$input") | $(command_line "$@")"
  printf '%s\n' "$input" | "$@"
}

say "creating the extension in the cluster's database"
run psql -qX -c "CREATE EXTENSION hexdb"
say "users: the password comes from stdin here (a prompt on a terminal)"
run_with_input pw-for-kim client/hexctl user add --email kim@example.com --nickname "김민준" --birth-date 1995-04-01 --password-stdin
run_with_input pw-for-lee client/hexctl user add --email lee@example.com --nickname Lee --birth-date 1996-05-02 --password-stdin
run_with_input pw-for-park client/hexctl user add --email park@example.com --nickname Park --birth-date 1997-06-03 --password-stdin
say "friends: kim asks lee, lee accepts; asking yourself is refused"
run client/hexctl friend request kim@example.com lee@example.com
run client/hexctl friend accept lee@example.com kim@example.com
run client/hexctl friend request park@example.com park@example.com || echo "(refused, as it should be: exit $?)"
say "scores and this month's leaderboard"
run client/hexctl score submit kim@example.com 1200
run client/hexctl score submit lee@example.com 1500
run client/hexctl score submit park@example.com 900
run client/hexctl score submit kim@example.com 1700
run client/hexctl leaderboard
run client/hexctl rank park@example.com
run client/hexctl leaderboard --friends-of kim@example.com --format json
say "visits, UUIDs and the integrity checks"
run client/hexctl visit kim@example.com
run client/hexctl uuid -n 3
run client/hexctl check
say "the same functions from SQL"
run psql -X -c "SELECT hexdb.uuid_generate_v5(hexdb.uuid_ns_dns(), 'www.example.com') AS v5, hexdb.uuid_timestamp(hexdb.uuid_generate_v7()) AS v7_time"
run psql -X -c "SELECT * FROM hexdb.friends((SELECT user_id FROM hexdb.users WHERE email = 'kim@example.com'))"
echo
say "demo done: the cluster is dropped now."
