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

usage_error "--radius without --around" "leaderboard" leaderboard --radius 3
usage_error "a birth date that is not ISO 8601" "user add" user add --email a@b.c --nickname n --birth-date 01/02/2000
usage_error "a --date that is not ISO 8601" "visit" visit a@b.c --date 2026-3-1
usage_error "--at that is not ISO 8601" "score submit" score submit a@b.c 5 --at "March 3"
usage_error "--status outside the list" "friend list" friend list a@b.c --status friends

# A usage error is one line, the command's usage line and where to read more: never the whole help.
hx -d "$nowhere" leaderboard --radius 3
is "$err" "hexctl: --radius requires --around
Usage: hexctl leaderboard [OPTIONS]
Run 'hexctl leaderboard --help' for more." "usage error: the message, the usage line, a pointer to --help"
hx -d "$nowhere" frend list a@b.c
is "$(head -1 <<<"$err")" "hexctl: unknown command 'frend'; did you mean 'friend'?" "an unknown command is named, the closest suggested"
is "$(wc -l <<<"$err")" 3 "  in three lines"
hx -d "$nowhere" friend lsit a@b.c
is "$(head -1 <<<"$err")" "hexctl: unknown command 'lsit'; did you mean 'list'?" "  also inside a group"
hx -d "$nowhere" xyzzy
is "$(head -1 <<<"$err")" "hexctl: unknown command 'xyzzy'" "  nothing close: no suggestion"
hx -d "$nowhere" friend
is "$(head -1 <<<"$err")" "hexctl: hexctl friend needs one of its commands: request, accept, reject, block, remove, list" \
  "a group alone lists its commands"

hx -d "$nowhere" user add --email a@b.c --nickname n --birth-date 2000-01-01 </dev/null
[ "$status" -eq 2 ] && [[ $err == *"--password-stdin"* ]]
ok $? "user add without a terminal or --password-stdin: exit 2, says --password-stdin"

hx admin ensure
[ "$status" -eq 2 ] && [[ $err == *ADMIN_EMAIL* ]]
ok $? "admin ensure without ADMIN_EMAIL: exit 2 naming it"

done_testing
