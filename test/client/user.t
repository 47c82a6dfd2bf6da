#!/usr/bin/env bash
# hexctl user add | show | delete: UUID or email (any case) for USER, every output format, the
# database's refusals (exit 1 with SQLSTATE), and values full of quotes, semicolons,
# backslashes and Hangul that arrive byte for byte.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_user

hx_in $'pw-kim\n' user add --email kim@hexdb.test --nickname 김철수 --birth-date 1999-12-31 --password-stdin
is "$status" 0 "user add exits 0"
[[ $out =~ $uuid_re ]]; ok $? "user add prints the new UUID"
kim=$out
is "$(sql "SELECT count(*) FROM hexdb.users WHERE user_id = :'v1' AND nickname = '김철수'" "$kim")" 1 \
  "the user is in hexdb.users"
is "$(sql "SELECT hexdb.check_password('kim@hexdb.test', 'pw-kim') = :'v1'" "$kim")" t \
  "the password read from stdin is the password"

hx user show "$kim"
[ "$status" -eq 0 ] && [[ $out == *kim@hexdb.test* ]] && [[ $out == *김철수* ]]
ok $? "user show UUID"
[[ $out != *'$2'* ]]; ok $? "user show never prints the password hash"
hx user show KIM@HexDB.test
[ "$status" -eq 0 ] && [[ $out == *"$kim"* ]]
ok $? "user show EMAIL, in another case"

hx --format json user show kim@hexdb.test
is "$(json_get "$out" '{0,user_id}')" "$kim" "json: user_id"
is "$(json_get "$out" '{0,nickname}')" "김철수" "json: the Korean nickname intact"
is "$(json_get "$out" '{0,role}')" "user" "json: role"
is "$(sql "SELECT jsonb_typeof(:'v1'::jsonb)" "$out")" array "json: an array"

hx user show kim@hexdb.test --format csv
is "$(head -1 <<<"$out")" "user_id,email,nickname,birth_date,role,created_at,legacy_id" "csv: header line"
[[ $(sed -n 2p <<<"$out") == "$kim,kim@hexdb.test,김철수,1999-12-31,user,"* ]]; ok $? "csv: the row"

hx_in $'pw\n' user add --email KIM@hexdb.test --nickname dup --birth-date 2000-01-01 --password-stdin
[ "$status" -eq 1 ] && [[ $err == *"SQLSTATE 23505"* ]]
ok $? "a second user with the same email (other case): exit 1, SQLSTATE 23505"

hx_in $'pw\n' user add --email bad-date@hexdb.test --nickname x --birth-date 2000-02-30 --password-stdin
[ "$status" -eq 2 ] && [[ $err == "hexctl: --birth-date: must be a day, YYYY-MM-DD (ISO 8601), not '2000-02-30'"* ]]
ok $? "an impossible birth date: exit 2, naming the option"
hx_in $'pw\n' user add --email us-date@hexdb.test --nickname x --birth-date 01/02/2000 --password-stdin
[ "$status" -eq 2 ] && [ -z "$(sql "SELECT 1 FROM hexdb.users WHERE email = 'us-date@hexdb.test'")" ]
ok $? "a date that is not ISO 8601 (01/02/2000): exit 2, no user"

hx_in $'pw\n' user add --email root@hexdb.test --nickname Root --birth-date 1980-01-01 --role admin --password-stdin
is "$(sql "SELECT role FROM hexdb.users WHERE user_id = :'v1'" "$out")" admin "user add --role admin"

# A value full of what breaks spliced SQL and naive CSV/JSON: it must arrive intact.
nasty_nick=$'O\'Brien "the; hacker" \\ \\\\ 김\'; DROP TABLE hexdb.users; --'
nasty_email="o'brien@hexdb.test"
nasty_pw=$'p\'w"; --\\ 비밀'
hx_in "$nasty_pw"$'\n' user add --email "$nasty_email" --nickname "$nasty_nick" --birth-date 2001-02-03 --password-stdin
is "$status" 0 "user add with quotes, semicolons, backslashes and Hangul"
nasty=$out
is "$(sql "SELECT nickname FROM hexdb.users WHERE user_id = :'v1'" "$nasty")" "$nasty_nick" \
  "  the nickname is stored byte for byte"
is "$(sql "SELECT email FROM hexdb.users WHERE user_id = :'v1'" "$nasty")" "$nasty_email" \
  "  the email (with a quote) is stored as given"
is "$(sql "SELECT hexdb.check_password(:'v1', :'v2') = :'v3'" "$nasty_email" "$nasty_pw" "$nasty")" t \
  "  the password is the password"
hx --format json user show "$nasty_email"
is "$(json_get "$out" '{0,nickname}')" "$nasty_nick" "  json output carries it intact"
hx --format csv user show "$nasty"
csv_nick=$(printf '%s\n' "$out" | psql -qXAt -c "CREATE TEMP TABLE t (user_id uuid, email text, nickname text,
  birth_date date, role text, created_at timestamptz, legacy_id int)" \
  -c "\\copy t FROM STDIN WITH (FORMAT csv, HEADER)" -c "SELECT nickname FROM t")
is "$csv_nick" "$nasty_nick" "  csv output parses back to it (PostgreSQL's CSV reader)"
hx user show "$nasty"
[[ $out == *"$nasty_nick"* ]]; ok $? "  the table shows it"

# On a terminal (script(1) gives hexctl one) the password is asked twice, without echo. The
# pauses let hexctl turn echo off before the "typing" starts.
typed=$'tty-S3cret\n'
(sleep 1; printf '%s' "$typed"; sleep 1; printf '%s' "$typed"; sleep 1) |
  script -qec "$HEXCTL user add --email tty@hexdb.test --nickname tty --birth-date 2000-01-01" /dev/null >"$hx_tmp/tty"
tty_status=$?
is "$tty_status" 0 "user add on a terminal: exit 0"
grep -q 'Repeat password:' "$hx_tmp/tty" && ! grep -q 'tty-S3cret' "$hx_tmp/tty"
ok $? "  asks twice and never shows the password"
is "$(sql "SELECT hexdb.check_password('tty@hexdb.test', 'tty-S3cret') IS NOT NULL")" t "  the typed password is the password"
(sleep 1; printf 'one\n'; sleep 1; printf 'two\n'; sleep 1) |
  script -qec "$HEXCTL user add --email tty2@hexdb.test --nickname tty --birth-date 2000-01-01" /dev/null >"$hx_tmp/tty"
tty_status=$?
is "$tty_status" 2 "  two different entries: exit 2"

hx user show nobody@hexdb.test
[ "$status" -eq 1 ] && [[ $err == *nobody@hexdb.test* ]]
ok $? "user show of an unknown email: exit 1"
hx user show 00000000-0000-7000-8000-000000000000
is "$status" 1 "user show of an unknown UUID: exit 1"

hx user delete kim@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = true ]
ok $? "user delete EMAIL: exit 0, prints true"
is "$(sql "SELECT count(*) FROM hexdb.users WHERE user_id = :'v1'" "$kim")" 0 "  the user is gone"
hx user delete "$kim"
is "$status" 1 "user delete of a user that is gone: exit 1"
hx --format json user delete "$nasty"
is "$(json_type "$out" '{0,deleted}')" boolean "user delete --format json: {\"deleted\": true}"

done_testing
