#!/usr/bin/env bash
# ALTER EXTENSION hexdb UPDATE from 1.0 as released (commit 7ee86af: its install script and its
# library, built by build_1_0.sh) to the current version. A 1.0 database populated through
# every function is updated, then compared with a fresh install + setup(): the catalogue of
# schema hexdb (pg_dump --schema-only, normalised) and of the extension's members; every row;
# check_integrity(); every board before and after; setup() and grant_app() on the result; and
# a pg_restore -j 4 of its dump.
#
# Runs in a cluster of its own (nested pg_virtualenv) without shared_preload_libraries, with
# an extension_destdir holding both versions: hexdb-1.0.so beside the current hexdb.so. A
# session that has loaded one library never loads the other (each defines the same GUCs).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/test/lib/tap.sh"

if [ "${1:-}" != inner ]; then
  # 1.0 was released for Debian's PostgreSQL 15 (it does not compile on 16+), and the nested
  # cluster below is Debian's pg_virtualenv: a server given by PG_CONFIG has neither.
  [ "${HEXDB_CLUSTER:-}" = pg_config ] && skip_all "hexdb 1.0 was released for Debian's PostgreSQL 15 (pg_virtualenv); not run on a PG_CONFIG server"
  cache=$root/tmp_check/hexdb-1.0
  mkdir -p "$root/tmp_check"  # a fresh clone has none, and the build log goes there
  if ! bash "$here/build_1_0.sh" "$cache" >"$root/tmp_check/build_1_0.log" 2>&1; then
    tail -20 "$root/tmp_check/build_1_0.log" | sed 's/^/# /'
    ok 1 "hexdb 1.0 builds from commit 7ee86af"; done_testing; exit 1
  fi
  sharedir=$(pg_config --sharedir) pkglib=$(pg_config --pkglibdir)
  dest=$(mktemp -d)
  trap 'rm -rf "$dest"' EXIT
  mkdir -p "$dest$sharedir/extension" "$dest$pkglib"
  cp "$root"/tmp_install"$sharedir"/extension/hexdb* "$dest$sharedir/extension/"
  cp "$root/tmp_install$pkglib/hexdb.so" "$cache/hexdb-1.0.so" "$dest$pkglib/"
  cp "$cache/hexdb--1.0.sql" "$dest$sharedir/extension/"
  # 1.0's own control parameters (its control file at 7ee86af), for installing 1.0 only.
  printf "schema = hexdb\nsuperuser = true\ntrusted = false\n" >"$dest$sharedir/extension/hexdb--1.0.control"
  chmod -R a+rX "$dest"
  # A port of its own (pg_virtualenv takes PGPORT; the outer cluster's is taken).
  for PGPORT in $(seq $((5500 + RANDOM % 200)) 5999); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null || [ -e "/var/run/postgresql/.s.PGSQL.$PGPORT" ] || break
  done
  export PGPORT
  pg_virtualenv -t -o "extension_destdir=$dest" -o "dynamic_library_path=$dest$pkglib:$pkglib" \
    -o fsync=off bash "$0" inner
  exit $?
fi

q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$@"; }
TMPDIR=$(mktemp -d)
trap 'rm -rf "$TMPDIR"' EXIT
psql -qX -c "CREATE DATABASE upgraded" -c "CREATE DATABASE fresh" -c "CREATE DATABASE restored" >/dev/null

q upgraded -c "CREATE EXTENSION hexdb VERSION '1.0'" -c "SELECT extversion FROM pg_extension WHERE extname = 'hexdb'" >/dev/null
is "$(q upgraded -c "SELECT extversion || ' ' || (SELECT count(*) FROM pg_depend d WHERE d.refobjid = e.oid AND d.deptype = 'e' AND d.classid = 'pg_class'::regclass) FROM pg_extension e WHERE extname = 'hexdb'")" \
   "1.0 16" "1.0 installed as released: its 13 tables and 3 sequences are members"
q upgraded -f "$here/populate_1_0.sql" >/dev/null 2>"$TMPDIR/populate.err"
ok $? "1.0 populated through every function"
[ -s "$TMPDIR/populate.err" ] && sed 's/^/# /' "$TMPDIR/populate.err"

# Every row of every table and sequence, as a fingerprint.
rows() {
  q "$1" -c "SELECT c.oid::regclass::text FROM pg_class c WHERE c.relnamespace = 'hexdb'::regnamespace AND c.relkind IN ('r', 'S') ORDER BY 1" |
  while read -r rel; do
    if [ "$(q "$1" -c "SELECT relkind FROM pg_class WHERE oid = '$rel'::regclass")" = S ]; then
      echo "$rel $(q "$1" -c "SELECT last_value || ' ' || is_called FROM $rel")"
    else
      echo "$rel $(q "$1" -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM $rel t")"
    fi
  done
}
rows_before=$(rows upgraded)
boards_before=$(q upgraded -f "$here/boards.sql")
ok $([ "$(grep -c '^board' <<<"$boards_before")" -ge 15 ]; echo $?) "the 1.0 boards have rows to compare"

q upgraded -c "ALTER EXTENSION hexdb UPDATE" >/dev/null 2>"$TMPDIR/update.err"
ok $? "ALTER EXTENSION hexdb UPDATE"
[ -s "$TMPDIR/update.err" ] && sed 's/^/# /' "$TMPDIR/update.err"
is "$(q upgraded -c "SELECT extversion FROM pg_extension WHERE extname = 'hexdb'")" "1.1" "the database is at 1.1"

q fresh -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" >/dev/null
# The catalogue: pg_dump of schema hexdb (tables, indexes, triggers, comments, owners, grants),
# without pg_dump's comments and per-run \restrict keys; then the extension and its members.
schema_dump() {
  pg_dump --schema-only --schema=hexdb -d "$1" | grep -vE '^(--|\\(un)?restrict |$)'
}
catalogue() {
  q "$1" <<'SQL'
SELECT 'extension', extname, extversion, extnamespace::regnamespace, extowner::regrole, extrelocatable, extconfig, extcondition
  FROM pg_extension WHERE extname = 'hexdb';
SELECT 'member', pg_describe_object(d.classid, d.objid, 0),
       coalesce((SELECT p.proowner::regrole || ' ' || coalesce(p.proacl::text, 'default') || ' ' || pg_get_functiondef(p.oid)
                   FROM pg_proc p WHERE d.classid = 'pg_proc'::regclass AND p.oid = d.objid), '')
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb' AND d.deptype = 'e'
 ORDER BY 2;
SELECT 'init_privs', pg_describe_object(i.classoid, i.objoid, i.objsubid), i.privtype, i.initprivs
  FROM pg_init_privs i
 WHERE (i.classoid = 'pg_proc'::regclass AND i.objoid IN (SELECT oid FROM pg_proc WHERE pronamespace = 'hexdb'::regnamespace))
    OR (i.classoid = 'pg_namespace'::regclass AND i.objoid = 'hexdb'::regnamespace)
    OR (i.classoid = 'pg_class'::regclass AND i.objoid IN (SELECT oid FROM pg_class WHERE relnamespace = 'hexdb'::regnamespace))
 ORDER BY 2;
SQL
}
diff <(schema_dump fresh) <(schema_dump upgraded) >"$TMPDIR/schema.diff"
ok $? "pg_dump --schema-only --schema=hexdb of the upgraded database equals a fresh install's"
head -40 "$TMPDIR/schema.diff" | sed 's/^/# /'
diff <(catalogue fresh) <(catalogue upgraded) >"$TMPDIR/catalogue.diff"
ok $? "the extension and its members (owners, rights, definitions) equal a fresh install's"
head -40 "$TMPDIR/catalogue.diff" | cut -c1-200 | sed 's/^/# /'

rows_after=$(rows upgraded)
is "$(grep -Fxf <(echo "$rows_before") <<<"$rows_after")" "$rows_before" "every row of every table and sequence is intact"
is "$(grep -vFxf <(echo "$rows_before") <<<"$rows_after")" "$(printf '%s\n' "hexdb.monthly_score_deltas 0 d41d8cd98f00b204e9800998ecf8427e" "hexdb.monthly_score_folded 0 d41d8cd98f00b204e9800998ecf8427e")" \
   "the two relations 1.1 adds are there, empty (1.0's rank counts are all folded)"
is "$(q upgraded -c "SELECT coalesce(string_agg(check_name || ': ' || detail, '; '), 'clean') FROM hexdb.check_integrity() WHERE problems > 0")" \
   "clean" "check_integrity() is clean"
boards_after=$(q upgraded -f "$here/boards.sql")
is "$boards_after" "$boards_before" "every board answers as before"

# What 1.1 adds works on the upgraded database.
q upgraded -c "SELECT hexdb.setup()" >/dev/null
diff <(schema_dump fresh) <(schema_dump upgraded) >/dev/null
ok $? "setup() on the upgraded database changes nothing"
is "$(q upgraded -c "CREATE ROLE hexdb_upgrade_app" -c "SELECT hexdb.grant_app('hexdb_upgrade_app')" \
      -c "SET ROLE hexdb_upgrade_app" \
      -c "SELECT hexdb.submit_score((SELECT user_id FROM hexdb.users WHERE email = 'player2@example.com'), 5, '2026-03-30 00:00+00') > 0" \
      -c "SELECT count(*) FROM hexdb.monthly_leaderboard(2026, 3)" -c "RESET ROLE" -c "DROP OWNED BY hexdb_upgrade_app" -c "DROP ROLE hexdb_upgrade_app" 2>&1)" \
   "$(printf '\nt\n6')" "grant_app(): an application role submits a score and reads the board"
is "$(q upgraded -c "SELECT count(*) FROM hexdb.users" -c "SET client_min_messages = warning" -c "DROP EXTENSION hexdb CASCADE" -c "SELECT count(*) FROM hexdb.users" \
      -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -c "SELECT count(*) FROM hexdb.check_integrity() WHERE problems > 0")" \
   "$(printf '9\n9\n\n0')" "DROP EXTENSION CASCADE keeps every row of the upgraded database; re-created, it is whole"
diff <(schema_dump fresh) <(schema_dump upgraded) >"$TMPDIR/recreated.diff"
ok $? "re-created after DROP EXTENSION CASCADE, schema hexdb equals a fresh install's (defaults, checks, triggers back)"
head -20 "$TMPDIR/recreated.diff" | sed 's/^/# /'

# Its dump restores with parallel workers onto 1.1.
pg_dump -Fc -d upgraded -f "$TMPDIR/upgraded.dump" && pg_restore -j 4 -d restored "$TMPDIR/upgraded.dump" 2>"$TMPDIR/restore.err"
ok $? "the upgraded database's dump restores with pg_restore -j 4"
head -5 "$TMPDIR/restore.err" | sed 's/^/# /'
is "$(rows restored)" "$(rows upgraded)" "every row of the restored copy equals the upgraded database's"
done_testing
