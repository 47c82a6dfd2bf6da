#!/usr/bin/env bash
# hexctl admin ensure: the admin from ADMIN_* variables, created once, then left alone (no
# row written) until a variable changes; the password from ADMIN_PASSWORD or --password-stdin.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_admin
export ADMIN_EMAIL=admin@hexdb.test ADMIN_NICKNAME="관리자" ADMIN_PASSWORD=$'first\'"; pw' ADMIN_BIRTH_DATE=1990-05-06
row_version() { sql "SELECT xmin::text || ctid::text FROM hexdb.users WHERE lower(email) = 'admin@hexdb.test'"; }
pw_ok() { sql "SELECT hexdb.check_password('admin@hexdb.test', :'v1') IS NOT NULL" "$1"; }

hx admin ensure --format json
[ "$status" -eq 0 ] && [ "$(json_get "$out" '{0,action}')" = created ]; ok $? "first run: created"
id=$(json_get "$out" '{0,user_id}')
is "$(sql "SELECT role || ' ' || nickname || ' ' || birth_date FROM hexdb.users WHERE user_id = :'v1'" "$id")" \
  "admin 관리자 1990-05-06" "  role admin, nickname and birth date from the environment"
is "$(pw_ok "$ADMIN_PASSWORD")" t "  ADMIN_PASSWORD is the password"

hx admin ensure
is "$status/$out" "0/unchanged" "without --format: the bare word on stdout"
before=$(row_version)
hx admin ensure --format csv
[ "$status" -eq 0 ] && [[ $out == *"$id,admin@hexdb.test,unchanged"* ]]; ok $? "second run: exit 0, unchanged"
is "$(row_version)" "$before" "  not a row written"
is "$(sql "SELECT count(*) FROM hexdb.users")" 1 "  still one user"

ADMIN_NICKNAME="Boss" hx admin ensure
is "$out" updated "a new nickname: updated (the bare word)"
is "$(sql "SELECT nickname FROM hexdb.users WHERE user_id = :'v1'" "$id")" Boss "  the nickname changed"

ADMIN_NICKNAME="Boss" ADMIN_PASSWORD="second-pw" hx admin ensure --format csv
[[ $out == *",updated"* ]]; ok $? "a new password: updated"
is "$(pw_ok second-pw)/$(pw_ok "$ADMIN_PASSWORD")" "t/f" "  the new password works, the old one no longer"
is "$(sql "SELECT password_hash ~ '^\\\$2b\\\$' FROM hexdb.users WHERE user_id = :'v1'" "$id")" t \
  "  stored as a bcrypt hash, never plaintext"

before=$(row_version)
printf 'second-pw\n' | ADMIN_NICKNAME="Boss" ADMIN_PASSWORD= "$HEXCTL" admin ensure --password-stdin --format csv >"$hx_tmp/o"
[ $? -eq 0 ] && grep -q ',unchanged' "$hx_tmp/o"; ok $? "--password-stdin with the same password: unchanged"
is "$(row_version)" "$before" "  not a row written"

ADMIN_NICKNAME="Boss" ADMIN_PASSWORD= hx admin ensure </dev/null
is "$status" 2 "no ADMIN_PASSWORD, no --password-stdin, no terminal: exit 2"

# An existing user with the admin's email (another case) becomes the admin, same user_id.
printf 'pw\n' | "$HEXCTL" user add --email Chief@hexdb.test --nickname Chief --birth-date 1970-01-01 --password-stdin >/dev/null
ADMIN_EMAIL=chief@hexdb.test ADMIN_NICKNAME=Chief ADMIN_PASSWORD=pw ADMIN_BIRTH_DATE=1970-01-01 hx admin ensure --format csv
[[ $out == *",updated"* ]]; ok $? "promotes an existing user"
is "$(sql "SELECT role FROM hexdb.users WHERE lower(email) = 'chief@hexdb.test'")" admin "  who now has role admin"

ADMIN_BIRTH_DATE=not-a-date hx admin ensure
[ "$status" -eq 1 ] && [[ $err == *SQLSTATE* ]]; ok $? "a bad ADMIN_BIRTH_DATE: exit 1 with SQLSTATE"

done_testing
