# Source this: say TEXT prints a step of a script ("== TEXT"); show_command CMD... prints a
# command as a person would type it ("$ cmd 'arg with spaces'"), quoted so that it can be
# copied. Bold only on a terminal, and never when NO_COLOR is set (https://no-color.org).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  _say_bold=$'\033[1m' _say_plain=$'\033[0m'
else
  _say_bold="" _say_plain=""
fi

say() { printf '%s== %s%s\n' "$_say_bold" "$*" "$_say_plain"; }

# One word as a shell reads it back: bare when it is plain, else in single quotes.
shell_word() {
  if [[ $1 =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then printf '%s' "$1"
  else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}

# The words as one command line.
command_line() {
  local line="" w
  for w in "$@"; do line+="${line:+ }$(shell_word "$w")"; done
  printf '%s' "$line"
}

# show_line LINE: "$ LINE" after a blank line.
show_line() { printf '\n%s$ %s%s\n' "$_say_bold" "$1" "$_say_plain"; }

show_command() { show_line "$(command_line "$@")"; }
