#!/usr/bin/env bash
# test/lib/say.sh, the voice of test/demo.sh: commands shown so that they can be pasted back
# (same words), bold only on a terminal and never with NO_COLOR.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
say_sh=$(cd "$(dirname "$0")/../lib" && pwd)/say.sh

words=(client/hexctl user add --nickname "김민준" --at "2026-01-15 20:30:00+09" "it's" 'a$b' "" '*')
shown=$(source "$say_sh"; show_command "${words[@]}" | sed -n 's/^\$ //p')
eval "pasted=($shown)"
is "$(printf '[%s]' "${pasted[@]}")" "$(printf '[%s]' "${words[@]}")" "a shown command pasted back gives the same words"
[[ $shown == "client/hexctl user add --nickname "* ]]; ok $? "  plain words stay bare ($shown)"

out=$(source "$say_sh"; say step; show_command ls)
[[ $out != *$'\033'* ]]; ok $? "no escape codes when stdout is not a terminal"
tty_out=$(script -qec "bash -c 'source $say_sh; say step'" /dev/null)
[[ $tty_out == *$'\033[1m'* ]]; ok $? "bold on a terminal"
tty_out=$(NO_COLOR=1 script -qec "bash -c 'source $say_sh; say step'" /dev/null)
[[ $tty_out != *$'\033'* ]]; ok $? "NO_COLOR: no escape codes on a terminal either"

done_testing
