# TAP helpers for shell tests: source it, call ok/is/fails_with, end with done_testing.
# The runner counts the "ok" and "not ok" lines.
_tap_n=0
_tap_failed=0

ok() {  # ok CONDITION_EXIT_STATUS DESCRIPTION
  _tap_n=$((_tap_n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $_tap_n - $2"
  else echo "not ok $_tap_n - $2"; _tap_failed=$((_tap_failed + 1)); fi
}

is() {  # is GOT EXPECTED DESCRIPTION
  if [ "$1" == "$2" ]; then ok 0 "$3"
  else ok 1 "$3"; printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"; fi
}

diag() {  # diag TEXT: TEXT as TAP comment lines (what a failed check saw)
  sed 's/^/# /' <<<"$1"
}

done_testing() {
  echo "1..$_tap_n"
  [ "$_tap_failed" -eq 0 ]
}

skip_all() {  # skip_all REASON: the whole file does not apply here; the runner reports it as
  # skipped, never as passed (test/lib/server_suites.sh)
  echo "1..0 # SKIP $1"
  exit 0
}
