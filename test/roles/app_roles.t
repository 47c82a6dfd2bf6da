#!/usr/bin/env bash
# The role model (SPEC.md "Where it runs", docs/roles.md), with real roles that are not
# superusers: a database owner installs the trusted extension and runs setup(); grant_app()
# gives an application role and a read-only role their rights; the application can call every
# function and can forge nothing (derived data, settings, import tables, imported history,
# password hashes, hexdb's definer-rights code); the reader can only read.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
db=hexdb_roles
export PGOPTIONS="-c hexdb.password_cost=4"
psql -qX -d postgres >/dev/null 2>&1 <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
DROP ROLE IF EXISTS hexdb_dbo; DROP ROLE IF EXISTS hexdb_app; DROP ROLE IF EXISTS hexdb_reader; DROP ROLE IF EXISTS hexdb_other;
CREATE ROLE hexdb_dbo NOSUPERUSER; CREATE ROLE hexdb_app NOSUPERUSER; CREATE ROLE hexdb_reader NOSUPERUSER;
CREATE ROLE hexdb_other NOSUPERUSER;
CREATE DATABASE $db OWNER hexdb_dbo;
SQL

# as ROLE SQL...: runs the statements as ROLE; prints their output, or "ERROR <SQLSTATE>".
as() {
  local role=$1 out
  shift
  local args=(-c "SET ROLE $role")
  for s in "$@"; do args+=(-c "$s"); done
  if out=$(psql -qXAt -d $db -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate "${args[@]}" 2>&1); then
    echo "$out"
  else
    echo "ERROR $(grep -oE 'ERROR: +[0-9A-Z]{5}' <<<"$out" | grep -oE '[0-9A-Z]{5}$' | head -1)"
  fi
}
refused() {  # refused ROLE SQLSTATE SQL DESCRIPTION
  is "$(as "$1" "$3")" "ERROR $2" "$4"
}

# Installed by the database owner, as a migration would run it.
is "$(as hexdb_dbo "CREATE EXTENSION hexdb" "SELECT extowner::regrole FROM pg_extension WHERE extname = 'hexdb'")" \
   "hexdb_dbo" "a database owner who is not a superuser installs the trusted extension"
is "$(as hexdb_dbo "SELECT hexdb.setup()" "SELECT hexdb.setup()" \
      "SELECT count(*) || ' ' || bool_and(relowner = 'hexdb_dbo'::regrole) FROM pg_class WHERE relnamespace = 'hexdb'::regnamespace AND relkind = 'r'")" \
   "$(printf '\n\n15 true')" "setup() (twice) creates the tables, owned by the database owner"
is "$(as hexdb_dbo "SELECT string_agg(DISTINCT proowner::regrole::text, ',') FROM pg_proc WHERE pronamespace = 'hexdb'::regnamespace AND prosecdef")" \
   "hexdb_dbo" "hexdb's definer-rights functions belong to the tables' owner"
is "$(as hexdb_dbo "SELECT count(*) FROM pg_proc WHERE pronamespace = 'hexdb'::regnamespace AND prosecdef AND NOT EXISTS (SELECT FROM unnest(proconfig) c WHERE c = 'search_path=pg_catalog, pg_temp')")" \
   "0" "every definer-rights function pins search_path"
refused hexdb_other 42501 "SELECT hexdb.setup()" "another role cannot run setup()"
refused hexdb_other 42501 "SELECT hexdb.grant_app('hexdb_other')" "another role cannot grant itself"
as hexdb_dbo "SELECT hexdb.grant_app('hexdb_app')" "SELECT hexdb.grant_app('hexdb_reader', read_only => true)" >/dev/null
refused hexdb_dbo 42704 "SELECT hexdb.grant_app('no_such_role')" "grant_app names an unknown role 42704"

# The application: every function works.
kim=$(as hexdb_app "SELECT hexdb.create_user('kim@example.com', 'Kim', 'pw-kim', '1995-04-01')")
lee=$(as hexdb_app "SELECT hexdb.create_user('lee@example.com', 'Lee', 'pw-lee', '1996-05-02')")
park=$(as hexdb_app "SELECT hexdb.create_user('park@example.com', 'Park', 'pw-park', '1997-06-03')")
ok $([[ $kim =~ ^[0-9a-f-]{36}$ && $lee =~ ^[0-9a-f-]{36}$ ]]; echo $?) "app: create_user"
is "$(as hexdb_app "SELECT hexdb.check_password('KIM@example.com', 'pw-kim')")" "$kim" "app: check_password"
is "$(as hexdb_app "SELECT hexdb.request_friendship('$kim', '$lee')" "SELECT hexdb.respond_friendship('$lee', '$kim', true)" \
      "SELECT hexdb.request_friendship('$park', '$kim')" "SELECT hexdb.respond_friendship('$kim', '$park', false)" \
      "SELECT friend_id || ' ' || status FROM hexdb.friends('$kim')")" \
   "$(printf 'pending\naccepted\npending\nrejected\n%s accepted' "$lee")" "app: request, respond, friends()"
is "$(as hexdb_app "SELECT hexdb.block_user('$park', '$lee')" "SELECT status FROM hexdb.friends('$park', 'blocked')")" \
   "$(printf '\nblocked')" "app: block_user"
refused hexdb_app 42501 "SELECT hexdb.remove_friendship('$lee', '$park')" "app: the blocked one cannot remove the block (42501)"
is "$(as hexdb_app "SELECT hexdb.remove_friendship('$park', '$lee')")" "t" "app: remove_friendship by the blocker"
is "$(as hexdb_app "SELECT hexdb.submit_score('$kim', 300, '2026-03-05 10:00+00') > 0" \
      "SELECT hexdb.submit_score('$lee', 500, '2026-03-06 10:00+00') > 0" \
      "INSERT INTO hexdb.scores (user_id, score, created_at) VALUES ('$park', 100, '2026-03-07 10:00+00')" \
      "SELECT string_agg(score::text, ' ' ORDER BY score) FROM hexdb.monthly_scores")" \
   "$(printf 't\nt\n100 300 500')" "app: submit_score and plain INSERT INTO scores; monthly_scores follows"
is "$(as hexdb_app "SELECT string_agg(rank || ':' || nickname, ' ' ORDER BY rank) FROM hexdb.monthly_leaderboard(2026, 3)" \
      "SELECT rank || ' ' || total FROM hexdb.monthly_rank('$kim', 2026, 3)" \
      "SELECT count(*) FROM hexdb.leaderboard_around('$kim', 2026, 3, 1)" \
      "SELECT string_agg(nickname, ' ' ORDER BY rank) FROM hexdb.friends_leaderboard('$kim', 2026, 3)")" \
   "$(printf '1:Lee 2:Kim 3:Park\n2 3\n3\nLee Kim')" "app: every board"
is "$(as hexdb_app "UPDATE hexdb.scores SET score = 900 WHERE user_id = '$park'" "DELETE FROM hexdb.scores WHERE user_id = '$lee'" \
      "SELECT string_agg(score::text, ' ' ORDER BY score) FROM hexdb.monthly_scores")" \
   "300 900" "app: UPDATE and DELETE on scores; monthly_scores follows"
is "$(as hexdb_app "SELECT hexdb.record_visit('$kim', '2026-03-05')" "SELECT hexdb.record_visit('$kim', '2026-03-05')" \
      "SELECT users || ' ' || visits FROM hexdb.daily_active_users('2026-03-05', '2026-03-05')")" \
   "$(printf '1\n2\n1 2')" "app: record_visit, daily_active_users"
is "$(as hexdb_app "SELECT sum(problems) FROM hexdb.check_integrity()")" "0" "app: check_integrity"
is "$(as hexdb_app "SELECT hexdb.uuid_version(hexdb.uuid_generate_v7())")" "7" "app: uuid functions"
is "$(as hexdb_app "SELECT email, nickname FROM hexdb.users WHERE user_id = '$kim'")" "kim@example.com|Kim" \
   "app: reads users' columns other than password_hash"

# The application forges nothing.
refused hexdb_app 42501 "SELECT password_hash FROM hexdb.users" "app cannot read password_hash"
refused hexdb_app 42501 "SELECT * FROM hexdb.users" "app cannot SELECT * FROM users (password_hash)"
refused hexdb_app 42501 "INSERT INTO hexdb.users (email, nickname, password_hash, birth_date) VALUES ('x@example.com', 'x', '\$2b\$04\$x', '2000-01-01')" \
  "app cannot insert users past create_user"
refused hexdb_app 42501 "UPDATE hexdb.users SET role = 'admin'" "app cannot make itself admin"
refused hexdb_app 42501 "INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported) VALUES (2026, 3, '$park', 888888888, now(), true)" \
  "app cannot insert imported history into monthly_scores"
refused hexdb_app 42501 "UPDATE hexdb.monthly_scores SET score = 888888888" "app cannot update monthly_scores"
refused hexdb_app 42501 "DELETE FROM hexdb.monthly_scores" "app cannot delete monthly_scores"
refused hexdb_app 42501 "TRUNCATE hexdb.scores" "app cannot truncate scores"
refused hexdb_app 42501 "INSERT INTO hexdb.monthly_score_counts VALUES (2026, 3, 0, 0, 5)" "app cannot write the rank counts"
refused hexdb_app 42501 "UPDATE hexdb.monthly_settings SET aggregate = 'sum'" "app cannot change the settings by UPDATE"
refused hexdb_app 42501 "INSERT INTO hexdb.monthly_settings (aggregate) VALUES ('sum')" "app cannot change the settings by INSERT"
refused hexdb_app 42501 "SELECT hexdb.configure_monthly('UTC', 'sum')" "app cannot call configure_monthly"
refused hexdb_app 42501 "SELECT hexdb.rebuild_monthly_scores()" "app cannot call rebuild_monthly_scores"
refused hexdb_app 42501 "SELECT * FROM hexdb.import_legacy()" "app cannot call import_legacy"
refused hexdb_app 42501 "INSERT INTO hexdb.staging_monthly_scores VALUES ('1', '1', '2026', '3', '888888888', '2026-03-01 00:00:00')" \
  "app cannot stage legacy rows"
refused hexdb_app 42501 "DELETE FROM hexdb.import_rejects" "app cannot touch import_rejects"
refused hexdb_app 42501 "CREATE TEMP TABLE fake (user_id uuid, score bigint, created_at timestamptz); CREATE TRIGGER t AFTER INSERT ON fake REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.scores_monthly_trigger()" \
  "app cannot attach the definer-rights scores trigger to a table of its own"
refused hexdb_app 42501 "ALTER FUNCTION hexdb.create_user(text, text, text, date, text) SECURITY INVOKER" "app cannot alter hexdb's functions"
refused hexdb_app 42501 "CREATE FUNCTION hexdb.now() RETURNS timestamptz LANGUAGE sql RETURN '2000-01-01'" "app cannot create objects in schema hexdb"
is "$(as hexdb_app "SELECT string_agg(score::text, ' ' ORDER BY score) FROM hexdb.monthly_scores" "SELECT count(*) FROM hexdb.monthly_settings")" \
   "$(printf '300 900\n0')" "nothing forged: monthly_scores and settings as hexdb left them"

# The reader reads and writes nothing.
is "$(as hexdb_reader "SELECT count(*) FROM hexdb.monthly_leaderboard(2026, 3)" "SELECT count(*) FROM hexdb.friends('$kim')" \
      "SELECT sum(problems) FROM hexdb.check_integrity()")" "$(printf '2\n1\n0')" "reader: boards, friends, check_integrity"
refused hexdb_reader 42501 "SELECT hexdb.submit_score('$kim', 1)" "reader cannot submit_score"
refused hexdb_reader 42501 "SELECT hexdb.record_visit('$kim')" "reader cannot record_visit"
refused hexdb_reader 42501 "SELECT hexdb.create_user('r@example.com', 'r', 'pw', '2000-01-01')" "reader cannot create_user"
refused hexdb_reader 42501 "SELECT hexdb.request_friendship('$lee', '$park')" "reader cannot request a friendship"
refused hexdb_reader 42501 "SELECT password_hash FROM hexdb.users" "reader cannot read password_hash"
refused hexdb_other 42501 "SELECT count(*) FROM hexdb.monthly_scores" "a role never granted reads nothing"
refused hexdb_other 42501 "SELECT hexdb.create_user('o@example.com', 'o', 'pw', '2000-01-01')" "a role never granted cannot call create_user"

# The owner administers.
is "$(as hexdb_dbo "SET client_min_messages = warning" "SELECT hexdb.configure_monthly('Asia/Seoul', 'sum') >= 0" "SELECT * FROM hexdb.rebuild_monthly_scores()" \
      "SELECT count(*) FROM hexdb.import_legacy()")" "$(printf 't\n0\n5')" "owner: configure_monthly, rebuild, import_legacy"
is "$(as hexdb_app "SELECT hexdb.delete_user('$park')" "SELECT count(*) FROM hexdb.scores")" "$(printf 't\n1')" "app: delete_user"

# DROP EXTENSION: refused while the triggers use it; with CASCADE the rows stay; back with setup().
refused hexdb_dbo 2BP01 "DROP EXTENSION hexdb" "DROP EXTENSION without CASCADE is refused"
is "$(as hexdb_dbo "SET client_min_messages = warning" "DROP EXTENSION hexdb CASCADE" "SELECT count(*) FROM hexdb.users" \
      "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'hexdb.scores'::regclass AND NOT tgisinternal")" "$(printf '2\n0')" \
   "DROP EXTENSION CASCADE leaves the tables and every row (the triggers go)"
is "$(as hexdb_dbo "CREATE EXTENSION hexdb" "SELECT hexdb.setup()" "SELECT hexdb.submit_score('$kim', 50, '2026-04-01 10:00+00') > 0" \
      "SELECT score FROM hexdb.monthly_scores WHERE month = 4")" "$(printf '\nt\n50')" \
   "CREATE EXTENSION and setup() put the triggers back on the kept tables"
# The table grants stayed with the tables; the new functions need grant_app() again.
is "$(as hexdb_app "SELECT hexdb.submit_score('$kim', 60, '2026-04-02 10:00+00') > 0")" "t" \
   "the application's grants on the kept tables still work"
is "$(as hexdb_dbo "SELECT hexdb.grant_app('hexdb_app')" && as hexdb_app "SELECT hexdb.create_user('new@example.com', 'New', 'pw', '2000-01-01') IS NOT NULL")" \
   "$(printf '\nt')" "grant_app() again gives the re-created functions back"

psql -qX -d postgres -c "DROP DATABASE $db" >/dev/null
psql -qX -d postgres -c "DROP ROLE hexdb_dbo, hexdb_app, hexdb_reader, hexdb_other" >/dev/null 2>&1
done_testing
