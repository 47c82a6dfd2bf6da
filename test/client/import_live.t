#!/usr/bin/env bash
# hexctl import mysql://USER@HOST:PORT/DB against Debian's MariaDB, started on loopback by this
# test with the committed mariadb-dump --tab fixture loaded back into it (test/import/fixture):
# the live source gives exactly the report, rejects and data of the dump path; its password
# comes from MYSQL_PWD or --password-stdin, never the URL; an unreachable server or a refused
# login is exit 3 and leaves hexdb as it was.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
fixture=$client_root/test/import/fixture

# ------------------------------------------------------------ a MariaDB of this test's own
source "$client_root/test/lib/mariadb.sh"
mariadb_start
ok $? "MariaDB started on 127.0.0.1:$mdb_port"
mariadb_load "$fixture" hexdb_legacy
ok $? "the fixture's five tables loaded back into MariaDB (mariadb-dump --tab's CREATE TABLE, LOAD DATA)"
mariadb_reader hexdb_legacy hex "legacy pw"
is "$(maria -N hexdb_legacy -e "SELECT count(*) FROM users")" 11 \
  "  its 11 users (users.txt has 12 lines: a nickname holds a newline)"
port=$mdb_port

url="mysql://hex@127.0.0.1:$port/hexdb_legacy"

# Everything an import writes, without what each import draws afresh (UUIDs, salts, times of
# the import): the same for the two paths when they import the same rows.
content() {
  sql "WITH u AS (SELECT user_id, legacy_id FROM hexdb.users)
       SELECT md5(concat_ws('|',
         (SELECT string_agg(concat_ws(',', legacy_id, email, nickname, birth_date, role, length(password_hash)), ';' ORDER BY legacy_id) FROM hexdb.users),
         (SELECT string_agg(concat_ws(',', s.id, u.legacy_id, s.score, s.created_at), ';' ORDER BY s.id) FROM hexdb.scores s JOIN u USING (user_id)),
         (SELECT string_agg(concat_ws(',', f.id, a.legacy_id, b.legacy_id, f.status, f.created_at), ';' ORDER BY f.id)
            FROM hexdb.friendships f JOIN u a ON a.user_id = f.requester_id JOIN u b ON b.user_id = f.receiver_id),
         (SELECT string_agg(concat_ws(',', m.year, m.month, u.legacy_id, m.score, m.achieved_at, m.imported), ';' ORDER BY 1)
            FROM hexdb.monthly_scores m JOIN u USING (user_id)),
         (SELECT string_agg(concat_ws(',', u.legacy_id, v.visit_date, v.visit_count), ';' ORDER BY 1)
            FROM hexdb.game_visits v JOIN u USING (user_id)),
         (SELECT string_agg(concat_ws(',', table_name, legacy_id, reason, \"row\"), ';' ORDER BY table_name, legacy_id, reason)
            FROM hexdb.import_rejects)))"
}
# Hashes kept byte for byte; the plaintext ones hashed afresh (their salt differs), at the interim cost.
kept_hashes() {
  sql "SELECT string_agg(legacy_id || ':' || CASE WHEN password_hash LIKE '\$2b\$04\$%' THEN 'interim' ELSE password_hash END,
                         ' ' ORDER BY legacy_id) FROM hexdb.users"
}

# ------------------------------------------------------------------------ the two paths
new_db hx_import_dir
hx import "$fixture"
is "$status" 0 "import of the fixture's directory: exit 0"
dir_report=$out dir_content=$(content) dir_hashes=$(kept_hashes)

new_db hx_import_live
MYSQL_PWD='legacy pw' hx import "$url"
is "$status" 0 "import from the live MariaDB ($url, MYSQL_PWD): exit 0"
[ "$status" = 0 ] || diag "$err"
is "$out" "$dir_report" "  the same report as the directory's"
is "$(content)" "$dir_content" "  the same users, scores, friendships, months, visits and rejects (reasons and whole rows)"
is "$(kept_hashes)" "$dir_hashes" "  the same password handling: hashes kept, plaintext hashed at the interim cost"
is "$(sql "SELECT count(*) FROM hexdb.staging_users") $(sql "SELECT count(*) FROM hexdb.import_rejects")" \
   "0 $(psql -qXAt -d hx_import_dir -c "SELECT count(*) FROM hexdb.import_rejects")" "  staging emptied, as many rejects"
is "$(sql "SELECT nickname FROM hexdb.users WHERE legacy_id = 3")" "$(psql -qXAt -d hx_import_dir -c "SELECT nickname FROM hexdb.users WHERE legacy_id = 3")" \
  "  a Korean nickname arrives as the directory's"

before=$(content)
hx_in "legacy pw" import "$url" --password-stdin --format csv
is "$status" 0 "a second live import, the password from --password-stdin: exit 0"
is "$(content)" "$before" "  changes nothing"

# ---------------------------------------------------------------------- refusals
new_db hx_import_refused
MYSQL_PWD='wrong' hx import "$url"
is "$status" 3 "a refused login: exit 3"
[[ $err == *"mysql://hex@127.0.0.1:$port/hexdb_legacy"*"Access denied"* ]]
ok $? "  the message names the source and what it said" || diag "$err"
[[ $err != *wrong* ]]
ok $? "  and not the password"
MYSQL_PWD='legacy pw' hx import "mysql://hex@127.0.0.1:1/hexdb_legacy"
is "$status" 3 "an unreachable server: exit 3"
hx import "mysql://hex:legacy@127.0.0.1:$port/hexdb_legacy"
is "$status" 2 "a password in the URL: exit 2 (usage)"
[[ $err == *MYSQL_PWD* && $err != *"legacy@"* ]]
ok $? "  the message says where the password goes instead, without repeating it" || diag "$err"
hx import "/nonexistent/export"
is "$status" 2 "neither a directory nor a URL: exit 2"
is "$(sql "SELECT count(*) FROM hexdb.users") $(sql "SELECT count(*) FROM hexdb.import_rejects")" "0 0" \
  "  none of them wrote anything"

# ----------------------------------------------------------------------- progress line
# On a terminal (script(1) gives hexctl one), the MiB sent of the table being copied, once a
# 1 MiB block is sent.
maria hexdb_legacy -e "INSERT INTO scores (user_id, score, created_at)
                       SELECT 1, seq, '2024-03-01 12:00:00' FROM seq_1_to_60000"
new_db hx_import_tty
tty_out=$(MYSQL_PWD='legacy pw' script -qec "$(printf '%q ' "$HEXCTL" import "$url")" /dev/null </dev/null)
[[ $tty_out == *"scores "*MiB* ]]; ok $? "on a terminal: a progress line names the table being copied" || diag "$tty_out"
is "$(sql "SELECT count(*) FROM hexdb.scores")" 60005 "  and the 60,000 extra scores are imported"

done_testing
