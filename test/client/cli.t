#!/usr/bin/env bash
# hexctl's command line: --version, --help on every command, and bad usage (exit 2, with the
# command's help) found before any connection is tried.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

hx --version
is "$status" 0 "--version exits 0"
[[ $out =~ ^hexctl\ [0-9]+\.[0-9]+ ]]; ok $? "--version prints hexctl's version ($out)"

hx --help
is "$status" 0 "--help exits 0"
missing=""
for c in user score friend leaderboard rank visit active-users uuid check admin; do
  [[ $out == *"  $c "* ]] || missing+=" $c"
done
is "$missing" "" "--help lists every command"

commands=("user add" "user show" "user delete" "score submit" "score load" "friend request"
  "friend accept" "friend reject" "friend block" "friend remove" "friend list" leaderboard rank
  visit active-users uuid check "admin ensure" user score friend admin)
for c in "${commands[@]}"; do
  # shellcheck disable=SC2086
  hx $c --help
  [ "$status" -eq 0 ] && [[ $out == *"Usage: hexctl $c "* ]]
  ok $? "hexctl $c --help"
done

# Every usage error below must be found without a server: -d names one that does not exist.
nowhere="postgresql://127.0.0.1:1/none"
usage_error() {  # usage_error DESCRIPTION HELP_OF ARGS...
  local what=$1 help_of=$2
  shift 2
  hx -d "$nowhere" "$@"
  [ "$status" -eq 2 ] && [[ $err == *"Usage: hexctl $help_of"* ]]
  ok $? "exit 2 with the help of '$help_of': $what"
  [ "$status" -eq 2 ] || printf '#   status %s, stderr: %s\n' "$status" "$err"
}
usage_error "no command" "[OPTIONS] SUBCOMMAND"
usage_error "unknown command" "[OPTIONS] SUBCOMMAND" frobnicate
usage_error "group without its command" "user" user
usage_error "missing USER" "user show" user show
usage_error "USER neither UUID nor email" "user show" user show kim
usage_error "missing required option" "user add" user add --email a@b.c --nickname n
usage_error "role outside user/admin" "user add" user add --email a@b.c --nickname n --birth-date 2000-01-01 --role root
usage_error "SCORE not a number" "score submit" score submit a@b.c many
usage_error "month 13" "leaderboard" leaderboard --month 2026-13
usage_error "month not YYYY-MM" "rank" rank a@b.c --month january
usage_error "--around with --friends-of" "leaderboard" leaderboard --around a@b.c --friends-of a@b.c
usage_error "--v4 with --v7" "uuid" uuid --v4 --v7
usage_error "negative count" "uuid" uuid -n -1
usage_error "unknown format" "uuid" uuid --format xml
usage_error "unknown option" "check" check --frobnicate
usage_error "score file that does not exist" "score load" score load /nonexistent/scores.csv

hx -d "$nowhere" user add --email a@b.c --nickname n --birth-date 2000-01-01 </dev/null
[ "$status" -eq 2 ] && [[ $err == *"--password-stdin"* ]]
ok $? "user add without a terminal or --password-stdin: exit 2, says --password-stdin"

hx admin ensure
[ "$status" -eq 2 ] && [[ $err == *ADMIN_EMAIL* ]]
ok $? "admin ensure without ADMIN_EMAIL: exit 2 naming it"

done_testing
