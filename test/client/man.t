#!/usr/bin/env bash
# The manual page hexctl.1 holds every command's --help verbatim (it is generated from it), and
# "make install" / "make uninstall" put it and hexctl in place and take them away again.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
page=$client_root/client/hexctl.1

[ -s "$page" ]; ok $? "client/hexctl.1 is built"
# The text of one .SS section, roff escapes undone.
section() {
  # The wanted line through the environment: awk -v would undo its backslashes (gawk does).
  want=".SS \"$1\"" awk '$0 == ENVIRON["want"] { on = 1; next } on && /^\.nf$/ { next } on && /^\.fi$/ { exit } on' "$page" |
    sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/^\\&//'
}
commands=$(sed -n 's/^\.SS "\(.*\)"$/\1/p' "$page" | sed 's/\\-/-/g')
is "$(wc -l <<<"$commands")" 24 "a section for hexctl, its 4 groups and their 19 commands"
while IFS= read -r c; do
  # shellcheck disable=SC2086
  is "$(section "$(sed 's/-/\\-/g' <<<"$c")")" "$("$HEXCTL" ${c#hexctl} --help)" "man page section '$c' = '$c --help'"
done <<<"$commands"
for c in "user add" "friend list" leaderboard "admin ensure" import; do
  grep -qx ".SS \"hexctl $(sed 's/-/\\-/g' <<<"$c")\"" "$page"; ok $? "the page has '$c'"
done
if command -v groff >/dev/null; then
  groff -man -Tutf8 -ww -z "$page" 2>"$hx_tmp/groff"
  is "$(cat "$hx_tmp/groff")" "" "groff renders it without a warning"
fi

dest=$hx_tmp/dest
make -s -C "$client_root" install DESTDIR="$dest" >/dev/null 2>&1
[ -x "$dest/usr/local/bin/hexctl" ] && [ -f "$dest/usr/local/share/man/man1/hexctl.1" ]
ok $? "make install: /usr/local/bin/hexctl and /usr/local/share/man/man1/hexctl.1"
make -s -C "$client_root" uninstall DESTDIR="$dest" >/dev/null 2>&1
[ ! -e "$dest/usr/local/bin/hexctl" ] && [ ! -e "$dest/usr/local/share/man/man1/hexctl.1" ]
ok $? "make uninstall removes both"

done_testing
