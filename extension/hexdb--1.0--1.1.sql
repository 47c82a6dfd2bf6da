-- hexdb 1.0 -> 1.1, run once by ALTER EXTENSION hexdb UPDATE; the Makefile appends the
-- re-runnable parts (functions/, setup/, privileges.sql) after it. It must leave a 1.0
-- database exactly as a fresh 1.1 install followed by setup() (test/upgrade/from_1_0.t).
-- Runs with search_path = hexdb, pg_temp (1.0's extension schema): every name is qualified.

\echo Use "ALTER EXTENSION hexdb UPDATE TO '1.1'" to load this file. \quit

-- 1.0 kept the extension object in schema hexdb. 1.1 keeps it in pg_catalog, so that the
-- scripts' search_path holds nothing a schema owner could plant, and so that a dump of this
-- database restores on 1.1 (whose control file says schema = pg_catalog). pg_catalog is pinned:
-- no dependency on it is recorded, so the one on hexdb goes.
DELETE FROM pg_catalog.pg_depend d
 USING pg_catalog.pg_extension e
 WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND d.objid OPERATOR(pg_catalog.=) e.oid AND e.extname OPERATOR(pg_catalog.=) 'hexdb'
   AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
   AND d.refobjid OPERATOR(pg_catalog.=) e.extnamespace;
UPDATE pg_catalog.pg_extension SET extnamespace = 'pg_catalog'::pg_catalog.regnamespace
 WHERE extname OPERATOR(pg_catalog.=) 'hexdb';

-- The game's tables and their identity sequences leave the extension: from now on they are
-- the owner's ordinary tables, which pg_dump dumps whole (DDL, a studio's columns, data),
-- and which DROP EXTENSION never deletes. Leaving also ends their pg_extension_config_dump
-- registration.
DO $detach$
DECLARE
  member record;
BEGIN
  FOR member IN
    SELECT c.oid::pg_catalog.regclass AS rel, c.relkind
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'hexdb'
      JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
     WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
       AND d.deptype OPERATOR(pg_catalog.=) 'e'
     ORDER BY c.relkind, c.relname  -- tables ('r') before their sequences ('S')
  LOOP
    EXECUTE pg_catalog.format('ALTER EXTENSION hexdb DROP %s %s',
                              CASE member.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, member.rel);
  END LOOP;
END
$detach$;

-- 1.0's GRANT USAGE ON SCHEMA hexdb ran inside CREATE EXTENSION, which recorded it as the
-- schema's initial privileges although the schema never was a member: pg_dump would then
-- leave the grant out of a dump. A 1.1 schema that setup() detached has no such record.
DELETE FROM pg_catalog.pg_init_privs
 WHERE classoid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
   AND objoid OPERATOR(pg_catalog.=) 'hexdb'::pg_catalog.regnamespace;

-- Restore-only machinery: a plain restore of ordinary tables copies monthly_scores as it is,
-- before any trigger exists, so imported history no longer needs a trigger of its own.
DROP TRIGGER monthly_restore_base ON hexdb.monthly_scores;
DROP FUNCTION hexdb.monthly_restore_base_trigger();

-- Table deltas: what setup/*.sql now says differently from 1.0's tables.
COMMENT ON TABLE hexdb.monthly_score_counts IS 'Players per score bucket and month (rank in O(buckets)); maintained by triggers on monthly_scores';

-- UUIDs (RFC 9562). The layout lives in extension/src/core/uuid_layout.hpp.

CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v4() RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v4'
  LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_generate_v4() IS
  'A random (version 4) UUID from the kernel CSPRNG, buffered per backend';

-- PARALLEL RESTRICTED: the monotonic clock belongs to the session's own backend.
CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v7() RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v7'
  LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION hexdb.uuid_generate_v7() IS
  'A time-ordered (version 7) UUID: Unix ms, 12-bit sub-ms fraction, random rest; strictly increasing within a session';

CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v7("at" timestamptz) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v7_at'
  LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_generate_v7(timestamptz) IS
  'A version 7 UUID for the given time, so that backfilled rows keep time order';

CREATE OR REPLACE FUNCTION hexdb.uuid_v7_boundary("at" timestamptz) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_v7_boundary'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_v7_boundary(timestamptz) IS
  'The smallest version 7 UUID of the millisecond of "at": WHERE id >= uuid_v7_boundary(t) scans from t';

CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v5(namespace uuid, name text) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v5'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_generate_v5(uuid, text) IS
  'A name-based (version 5, SHA-1) UUID of name within namespace';

CREATE OR REPLACE FUNCTION hexdb.uuid_timestamp(u uuid) RETURNS timestamptz
  AS 'MODULE_PATHNAME', 'hexdb_uuid_timestamp'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_timestamp(uuid) IS
  'The time inside a version 7 (millisecond precision) or version 1 UUID; NULL for other versions';

CREATE OR REPLACE FUNCTION hexdb.uuid_version(u uuid) RETURNS int
  AS 'MODULE_PATHNAME', 'hexdb_uuid_version'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_version(uuid) IS
  'The version field of an RFC 9562 UUID; NULL when the variant is not RFC 9562 (nil, max, Microsoft)';

-- The RFC 9562 namespace constants. Plain SQL constants, inlined by the planner.
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_dns() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_url() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b811-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_oid() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b812-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_x500() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b814-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_nil() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '00000000-0000-0000-0000-000000000000'::uuid;
COMMENT ON FUNCTION hexdb.uuid_ns_dns() IS 'RFC 9562 namespace for DNS names (version 3 and 5 UUIDs)';
COMMENT ON FUNCTION hexdb.uuid_ns_url() IS 'RFC 9562 namespace for URLs';
COMMENT ON FUNCTION hexdb.uuid_ns_oid() IS 'RFC 9562 namespace for ISO OIDs';
COMMENT ON FUNCTION hexdb.uuid_ns_x500() IS 'RFC 9562 namespace for X.500 distinguished names';
COMMENT ON FUNCTION hexdb.uuid_nil() IS 'The nil UUID, all bits zero';
-- Users (the table: setup/20_users.sql). Passwords are stored only as crypt(3)-style hashes.

-- The one definition of an email address (one @, no Unicode White_Space), in C++
-- (core/users/user_rules.hpp): the CHECK of users.email, create_user and import_legacy all call it.
CREATE OR REPLACE FUNCTION hexdb.is_email(email text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_is_email' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.is_email(text) IS
  'True for local@domain: one @, neither side empty, no space (Unicode White_Space); the rule of users.email';

-- Not STRICT: a NULL argument is refused with 22004 naming it.
CREATE OR REPLACE FUNCTION hexdb.create_user(email text, nickname text, password text, birth_date date,
                                  role text DEFAULT 'user') RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_create_user'
  LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.create_user(text, text, text, date, text) IS
  'A new user; the password is stored as a bcrypt hash (cost hexdb.password_cost). 22023 for a bad email, nickname, role or password; 23505 when the email is taken (any case); 22004 for NULL';

-- Not STRICT either (NULL in, NULL out, in C): its owner is a role that is not necessarily a
-- superuser, and a C function that relied on STRICT would trust that owner never to drop it.
CREATE OR REPLACE FUNCTION hexdb.check_password(email text, password text) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_check_password'
  LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.check_password(text, text) IS
  'The user_id whose email (any case) and password match, else NULL; an unknown email takes as long as a wrong password';

CREATE OR REPLACE FUNCTION hexdb.delete_user(user_id uuid) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_delete_user'
  LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.delete_user(uuid) IS
  'Deletes the user and, in the same transaction, their scores, friendships, monthly scores and visits; false when there was no such user';
-- Friendships (the table and its triggers: setup/30_friendships.sql; the result type:
-- install/10_types.sql). The rules live in the C++ trigger (extension/src/friendships/).

-- The rules, in C++ (extension/src/core/friendship_rules.hpp), checked for every writer.
CREATE OR REPLACE FUNCTION hexdb.friendship_check() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_friendship_check'
  LANGUAGE C;
COMMENT ON FUNCTION hexdb.friendship_check() IS
  'BEFORE INSERT OR UPDATE trigger on friendships: users exist (23503), not self (23514), allowed transition (23514), no NULL user (22004); maintains updated_at';

CREATE OR REPLACE FUNCTION hexdb.friendship_notify() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_friendship_notify'
  LANGUAGE C;
COMMENT ON FUNCTION hexdb.friendship_notify() IS
  'AFTER trigger on friendships: pg_notify(''hexdb_friendship'', {"op","id","requester_id","receiver_id","status","old_status"}), delivered at commit';

-- Not STRICT: a NULL user is refused with 22004.
CREATE OR REPLACE FUNCTION hexdb.request_friendship(requester uuid, receiver uuid) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_request_friendship'
  LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.request_friendship(uuid, uuid) IS
  'pending; accepted when the receiver had asked first; pending again after a rejection. 42501 when the receiver blocked the requester';

CREATE OR REPLACE FUNCTION hexdb.respond_friendship(receiver uuid, requester uuid, accept boolean) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_respond_friendship'
  LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.respond_friendship(uuid, uuid, boolean) IS
  'accepted or rejected: the receiver answers a pending request (42501 for anyone else, P0002 when there is none)';

CREATE OR REPLACE FUNCTION hexdb.block_user(blocker uuid, blocked uuid) RETURNS void
  AS 'MODULE_PATHNAME', 'hexdb_block_user'
  LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.block_user(uuid, uuid) IS
  'The pair becomes blocked by blocker, whatever it was; the blocked user can no longer ask. 42501 when blocked already blocks blocker';

CREATE OR REPLACE FUNCTION hexdb.remove_friendship(a uuid, b uuid) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_remove_friendship'
  LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.remove_friendship(uuid, uuid) IS
  'Unfriend, cancel or reject-and-forget, or (by the blocker) unblock; false when the pair had no row. 42501 when a is the blocked one';

CREATE OR REPLACE FUNCTION hexdb.friends(user_id uuid, status text DEFAULT 'accepted', after uuid DEFAULT NULL,
                              lim int DEFAULT 100) RETURNS SETOF hexdb.friend
  LANGUAGE plpgsql STABLE
  SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF $1 IS NULL THEN
    RAISE EXCEPTION 'friends needs a user id, not NULL' USING ERRCODE = '22004', CONSTRAINT = 'not_null';
  END IF;
  IF NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = $1) THEN
    RAISE EXCEPTION 'user % does not exist', $1
      USING ERRCODE = '23503', CONSTRAINT = 'user_unknown', SCHEMA = 'hexdb', TABLE = 'users';
  END IF;
  IF $4 IS NULL OR $4 < 1 THEN
    RAISE EXCEPTION 'friends needs a limit of at least 1, not %', coalesce($4::text, 'NULL') USING ERRCODE = '22023', CONSTRAINT = 'lim_at_least';
  END IF;
  IF $2 IS NOT NULL AND $2 NOT IN ('pending', 'accepted', 'rejected', 'blocked') THEN
    RAISE EXCEPTION 'friendship status "%" is not one of pending, accepted, rejected, blocked', $2
      USING ERRCODE = '22023', HINT = 'NULL lists every status.', CONSTRAINT = 'friendship_status';
  END IF;
  -- Each side walks its own index from the cursor on; the merge keeps the first lim.
  RETURN QUERY
  SELECT f.friend_id, u.nickname, f.status, f.direction, f.since
    FROM ((SELECT r.receiver_id AS friend_id, r.status, 'outgoing'::text AS direction, r.updated_at AS since
             FROM hexdb.friendships r
            WHERE r.requester_id = $1 AND r.receiver_id > coalesce($3, hexdb.uuid_nil())
              AND ($2 IS NULL OR r.status = $2)
            ORDER BY r.receiver_id LIMIT $4)
          UNION ALL
          (SELECT r.requester_id, r.status, 'incoming'::text, r.updated_at
             FROM hexdb.friendships r
            WHERE r.receiver_id = $1 AND r.requester_id > coalesce($3, hexdb.uuid_nil())
              AND ($2 IS NULL OR r.status = $2)
            ORDER BY r.requester_id LIMIT $4)) f
    JOIN hexdb.users u ON u.user_id = f.friend_id
   ORDER BY f.friend_id
   LIMIT $4;
END
$$;
COMMENT ON FUNCTION hexdb.friends(uuid, text, uuid, int) IS
  'The user''s friendships with the given status (accepted by default, NULL for all), ordered by friend_id; pass the last friend_id as after for the next page';
-- Scores and their monthly aggregate (the tables and triggers: setup/40_scores.sql). The rules
-- live in C++ (extension/src/scores/; the pure ones in core/scores/monthly_aggregate.hpp).
--
-- Who writes derived data: only the scores trigger, configure_monthly() and
-- rebuild_monthly_scores(), with definer's rights (SECURITY DEFINER, owned by the tables'
-- owner). Applications write scores; the trigger they fire writes monthly_scores as the owner,
-- and the statement-level triggers on monthly_scores and monthly_settings run inside that
-- write, so they need no rights of their own.

-- Trigger functions. One C++ function per table handles every event. The SQL a C function
-- runs through SPI names builtins and operators (unnest, now(), -, >) that a user's objects in
-- public must never capture: the functions on the path of submit_score and of the board reads
-- qualify every one (OPERATOR(pg_catalog.=)) and skip the per-call search_path switch; the
-- others, and every SECURITY DEFINER function, pin search_path.
CREATE OR REPLACE FUNCTION hexdb.scores_monthly_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_scores_monthly_trigger' LANGUAGE C SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.scores_monthly_trigger() IS
  'Keeps monthly_scores exact after each statement on scores: folds a statement''s rows in one pass, recomputes a month only when a removal needs it';

CREATE OR REPLACE FUNCTION hexdb.monthly_counts_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_monthly_counts_trigger' LANGUAGE C;
COMMENT ON FUNCTION hexdb.monthly_counts_trigger() IS
  'Keeps monthly_score_counts equal to the players per bucket in monthly_scores, whoever writes it';

CREATE OR REPLACE FUNCTION hexdb.monthly_imported_base_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_monthly_imported_base_trigger' LANGUAGE C
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.monthly_imported_base_trigger() IS
  'Remembers an imported history row''s own score and time, so that later scores combine with it';
CREATE OR REPLACE FUNCTION hexdb.monthly_settings_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_monthly_settings_trigger' LANGUAGE C
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.monthly_settings_trigger() IS
  'Validates the monthly settings, tells every session, and rebuilds monthly_scores';

-- Functions.
CREATE OR REPLACE FUNCTION hexdb.submit_score(user_id uuid, score bigint, "at" timestamptz DEFAULT now()) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_submit_score' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.submit_score(uuid, bigint, timestamptz) IS
  'Records a score reached at "at" and returns its id; the monthly aggregate follows in the same statement';

CREATE OR REPLACE FUNCTION hexdb.configure_monthly(timezone text DEFAULT NULL, aggregate text DEFAULT NULL) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_configure_monthly' LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.configure_monthly(text, text) IS
  'Sets the time zone in which months begin and the aggregate (best, sum, latest); NULL keeps a setting. Rebuilds and returns the rows written';

CREATE OR REPLACE FUNCTION hexdb.rebuild_monthly_scores(year int DEFAULT NULL, month int DEFAULT NULL) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_rebuild_monthly_scores' LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.rebuild_monthly_scores(int, int) IS
  'Recomputes monthly_scores (one month, one year, or all) from scores and imported history; returns the rows inserted, updated or deleted';

CREATE OR REPLACE FUNCTION hexdb.monthly_scores_drift(year int DEFAULT NULL, month int DEFAULT NULL) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_monthly_scores_drift' LANGUAGE C STABLE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.monthly_scores_drift(int, int) IS
  'How many monthly_scores rows (and rank counts) rebuild_monthly_scores() would write: 0 when the aggregate is exact';

CREATE OR REPLACE FUNCTION hexdb.monthly_leaderboard(year int, month int, lim int DEFAULT 10, after_rank bigint DEFAULT 0)
  RETURNS SETOF hexdb.leaderboard_entry
  AS 'MODULE_PATHNAME', 'hexdb_monthly_leaderboard' LANGUAGE C STABLE ROWS 10;
COMMENT ON FUNCTION hexdb.monthly_leaderboard(int, int, int, bigint) IS
  'A month''s board from rank after_rank + 1, lim rows; pages by rank without reading the rows before it';

CREATE OR REPLACE FUNCTION hexdb.monthly_rank(user_id uuid, year int, month int)
  RETURNS TABLE (rank bigint, score bigint, total bigint)
  AS 'MODULE_PATHNAME', 'hexdb_monthly_rank' LANGUAGE C STABLE ROWS 1;
COMMENT ON FUNCTION hexdb.monthly_rank(uuid, int, int) IS
  'A player''s rank, score and the number of ranked players that month; no row without a score';

CREATE OR REPLACE FUNCTION hexdb.leaderboard_around(user_id uuid, year int, month int, radius int DEFAULT 5)
  RETURNS SETOF hexdb.leaderboard_entry
  AS 'MODULE_PATHNAME', 'hexdb_leaderboard_around' LANGUAGE C STABLE ROWS 11;
COMMENT ON FUNCTION hexdb.leaderboard_around(uuid, int, int, int) IS
  'The player and up to radius players on each side of them, with their ranks';

CREATE OR REPLACE FUNCTION hexdb.friends_leaderboard(user_id uuid, year int, month int, lim int DEFAULT 10)
  RETURNS SETOF hexdb.leaderboard_entry
  AS 'MODULE_PATHNAME', 'hexdb_friends_leaderboard' LANGUAGE C STABLE ROWS 10;
COMMENT ON FUNCTION hexdb.friends_leaderboard(uuid, int, int, int) IS
  'The player and their accepted friends, ranked among themselves';

-- The month a score made at `at` belongs to, in the zone configure_monthly set: what a
-- client shows when no month is named (hexctl leaderboard, hexctl rank).
CREATE OR REPLACE FUNCTION hexdb.current_month("at" timestamptz DEFAULT now()) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT date_trunc('month', "at" AT TIME ZONE coalesce(
           (SELECT s.timezone FROM hexdb.monthly_settings s), 'UTC'))::date $$;
COMMENT ON FUNCTION hexdb.current_month(timestamptz) IS
  'First day of the month that holds "at" (default now()) in the time zone of configure_monthly: the default month of the boards';
-- Daily game visits (the table: setup/50_visits.sql).

CREATE OR REPLACE FUNCTION hexdb.record_visit(user_id uuid, day date DEFAULT current_date) RETURNS int
  AS 'MODULE_PATHNAME', 'hexdb_record_visit' LANGUAGE C VOLATILE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.record_visit(uuid, date) IS
  'Counts one visit of the user on that day (an upsert); returns the day''s count after it';

CREATE OR REPLACE FUNCTION hexdb.daily_active_users(from_day date, to_day date)
  RETURNS TABLE (day date, users bigint, visits bigint)
  AS 'MODULE_PATHNAME', 'hexdb_daily_active_users' LANGUAGE C STABLE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.daily_active_users(date, date) IS
  'Per day from from_day to to_day (inclusive, every day listed): distinct visitors and visits; at most 3661 days (22023 beyond)';
-- Import from the old MySQL system (../shared/legacy-mysql-schema.sql) and integrity checks.
--
-- `hexctl import DIR` streams each TABLE.txt of `mysqldump --tab` into an UNLOGGED staging
-- table of all-text columns (so COPY never fails on a value), then calls import_legacy(),
-- which validates every row, maps integer ids to UUIDs through legacy_id, and writes what
-- passes into hexdb and what breaks a rule into import_rejects, in one statement's
-- transaction. Cell parsers and password handling are C++ (import/import_values.cpp,
-- users/hash_password.cpp, core/import/legacy_values.cpp). The tables: setup/60_import.sql.
-- import_legacy() runs with definer's rights: imported history enters monthly_scores only
-- through it, and only the tables' owner may call it.

-- Cell parsers: NULL where the cell holds no valid value, never an error.
CREATE OR REPLACE FUNCTION hexdb.import_int(cell text) RETURNS int
  AS 'MODULE_PATHNAME', 'hexdb_import_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION hexdb.import_date(cell text) RETURNS date
  AS 'MODULE_PATHNAME', 'hexdb_import_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION hexdb.import_datetime(cell text) RETURNS timestamp
  AS 'MODULE_PATHNAME', 'hexdb_import_datetime' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.import_int(text) IS 'A MySQL INT cell as int; NULL when it is not a decimal integer in range';
COMMENT ON FUNCTION hexdb.import_date(text) IS 'A MySQL DATE cell (YYYY-MM-DD) as date; NULL when it is no calendar day (0000-00-00 included)';
COMMENT ON FUNCTION hexdb.import_datetime(text) IS 'A MySQL DATETIME cell as timestamp without time zone; NULL when it is no valid time';

CREATE OR REPLACE FUNCTION hexdb.is_password_hash(password text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_is_password_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.is_password_hash(text) IS
  'True for a complete crypt(3) hash libxcrypt can verify ($2a$/$2b$/$2y$, $5$, $6$, $y$, $gy$, $7$, $1$); false means plaintext';
CREATE OR REPLACE FUNCTION hexdb.hash_password(password text) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_hash_password' LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.hash_password(text) IS
  'A bcrypt ($2b$) hash of password at cost hexdb.password_cost, salted from the kernel CSPRNG';

-- Moves an identity sequence past the largest id of its table; never moves it back.
CREATE OR REPLACE FUNCTION hexdb.import_advance_sequence(seq regclass, max_id bigint) RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF max_id > coalesce(pg_sequence_last_value(seq), 0) THEN
    PERFORM setval(seq, max_id);
  END IF;
END $$;
COMMENT ON FUNCTION hexdb.import_advance_sequence(regclass, bigint) IS
  'Advances an identity sequence to max_id when it is behind (import_legacy keeps legacy ids)';

CREATE OR REPLACE FUNCTION hexdb.import_legacy(source_timezone text DEFAULT 'UTC')
  RETURNS TABLE(table_name text, source_rows bigint, imported bigint, quarantined bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  counted record;
BEGIN
  IF source_timezone IS NULL THEN
    RAISE EXCEPTION 'source_timezone must not be NULL' USING ERRCODE = '22004';
  END IF;
  PERFORM now() AT TIME ZONE source_timezone;  -- 22023 for an unknown zone, before any work
  -- One import at a time (the mode conflicts with itself); readers of hexdb carry on.
  LOCK TABLE hexdb.import_rejects IN SHARE ROW EXCLUSIVE MODE;

  IF to_regclass('pg_temp.import_users') IS NOT NULL THEN  -- a second call in one transaction
    DROP TABLE pg_temp.import_users, pg_temp.import_scores, pg_temp.import_friendships,
      pg_temp.import_monthly, pg_temp.import_visits;
  END IF;

  ---------------------------------------------------------------------------------------- users
  CREATE TEMP TABLE import_users ON COMMIT DROP AS
  WITH p AS (
    SELECT s AS src, s.ctid AS sid, hexdb.import_int(s.id) AS lid, s.email, s.nickname,
           s.password, hexdb.import_date(s.birth_date) AS birth_date,
           coalesce(s.role, 'user') AS role  -- a role column that lost NOT NULL: its default
      FROM hexdb.staging_users s),
  c AS (
    SELECT p.*, u.user_id IS NOT NULL AS present,
      CASE
        WHEN p.lid IS NULL THEN format('id %s is not an integer', quote_nullable((p.src).id))
        WHEN p.sid <> coalesce(d.first_sid, p.sid) THEN 'duplicate id'
        WHEN u.user_id IS NOT NULL THEN NULL  -- imported before
        WHEN p.email IS NULL OR NOT hexdb.is_email(p.email) THEN 'email is not an address'
        WHEN p.nickname IS NULL OR char_length(p.nickname) NOT BETWEEN 1 AND 100
          THEN 'nickname must have 1 to 100 characters'
        WHEN p.password IS NULL OR p.password = '' THEN 'no password'
        WHEN octet_length(p.password) > 72 AND NOT hexdb.is_password_hash(p.password)
          THEN 'plaintext password longer than bcrypt''s 72 bytes'
        WHEN p.birth_date IS NULL THEN format('birth_date %s is not a DATE', quote_nullable((p.src).birth_date))
        WHEN p.role IS NULL OR p.role NOT IN ('user', 'admin') THEN 'role must be user or admin'
        WHEN EXISTS (SELECT FROM hexdb.users x WHERE lower(x.email) = lower(p.email))
          THEN 'email (case-insensitive) already belongs to a hexdb user'
      END AS reason
      FROM p LEFT JOIN (SELECT hexdb.import_int(x.id) AS lid, min(x.ctid) AS first_sid FROM hexdb.staging_users x
                         GROUP BY 1 HAVING count(*) > 1) d ON d.lid = p.lid
             LEFT JOIN hexdb.users u ON u.legacy_id = p.lid)
  SELECT c.sid, c.lid, c.email, c.nickname, c.password, c.birth_date, c.role, c.present, c.reason,
         CASE WHEN c.reason IS NOT NULL THEN to_jsonb(c.src) END AS raw
    FROM c;
  -- Between new rows: the lowest id keeps an email, whatever its case.
  UPDATE import_users i SET reason = format('email duplicates that of user %s (case-insensitive)', f.first_lid),
                            raw = to_jsonb(s)
    FROM (SELECT lid, min(lid) OVER (PARTITION BY lower(email)) AS first_lid
            FROM import_users WHERE reason IS NULL AND NOT present) f,
         hexdb.staging_users s
   WHERE i.lid = f.lid AND f.lid <> f.first_lid AND i.reason IS NULL AND s.ctid = i.sid;
  CREATE INDEX ON import_users (lid);
  ANALYZE import_users;

  INSERT INTO hexdb.users (user_id, legacy_id, email, nickname, password_hash, birth_date, role)
  SELECT hexdb.uuid_generate_v7(), i.lid, i.email, i.nickname,
         CASE WHEN hexdb.is_password_hash(i.password) THEN i.password
              ELSE hexdb.hash_password(i.password) END,
         i.birth_date, i.role
    FROM import_users i WHERE i.reason IS NULL AND NOT i.present ORDER BY i.lid;

  --------------------------------------------------------------------------------------- scores
  CREATE TEMP TABLE import_scores ON COMMIT DROP AS
  WITH p AS (
    SELECT s AS src, s.ctid AS sid, hexdb.import_int(s.id) AS lid,
           hexdb.import_int(s.user_id) AS user_lid, hexdb.import_int(s.score) AS score,
           hexdb.import_datetime(s.created_at) AS created_local
      FROM hexdb.staging_scores s),
  c AS (
    SELECT p.*, u.user_id, x.id IS NOT NULL AS present,
      CASE
        WHEN p.lid IS NULL THEN format('id %s is not an integer', quote_nullable((p.src).id))
        WHEN p.sid <> coalesce(d.first_sid, p.sid) THEN 'duplicate id'
        WHEN x.id IS NOT NULL THEN NULL
        WHEN p.user_lid IS NULL THEN format('user_id %s is not an integer', quote_nullable((p.src).user_id))
        WHEN u.user_id IS NULL THEN hexdb.import_orphan_reason('user_id', p.user_lid)
        WHEN p.score IS NULL THEN format('score %s is not an integer', quote_nullable((p.src).score))
        WHEN p.score < 0 THEN 'negative score'
        WHEN p.created_local IS NULL THEN format('created_at %s is not a DATETIME', quote_nullable((p.src).created_at))
      END AS reason
      FROM p LEFT JOIN (SELECT hexdb.import_int(x.id) AS lid, min(x.ctid) AS first_sid FROM hexdb.staging_scores x
                         GROUP BY 1 HAVING count(*) > 1) d ON d.lid = p.lid
             LEFT JOIN hexdb.users u ON u.legacy_id = p.user_lid
             LEFT JOIN hexdb.scores x ON x.legacy_id = p.lid)
  SELECT c.lid, c.user_id, c.score, c.created_local AT TIME ZONE source_timezone AS created_at,
         c.present, c.reason, CASE WHEN c.reason IS NOT NULL THEN to_jsonb(c.src) END AS raw
    FROM c;

  -- Legacy ids stay the ids; one already used by a row of hexdb's own gets a fresh one.
  PERFORM hexdb.import_advance_sequence('hexdb.scores_id_seq',
    (SELECT max(i.lid) FROM import_scores i WHERE i.reason IS NULL AND NOT i.present));
  INSERT INTO hexdb.scores (id, user_id, score, created_at, legacy_id)
  SELECT CASE WHEN EXISTS (SELECT FROM hexdb.scores x WHERE x.id = i.lid)
              THEN nextval('hexdb.scores_id_seq') ELSE i.lid END,
         i.user_id, i.score, i.created_at, i.lid
    FROM import_scores i WHERE i.reason IS NULL AND NOT i.present
   ORDER BY i.user_id, i.created_at;  -- index (user_id, created_at) and FK checks in order: ~25% faster
  PERFORM hexdb.import_advance_sequence('hexdb.scores_id_seq', (SELECT max(id) FROM hexdb.scores));


  ---------------------------------------------------------------------------------- friendships
  CREATE TEMP TABLE import_friendships ON COMMIT DROP AS
  WITH p AS (
    SELECT s AS src, s.ctid AS sid, hexdb.import_int(s.id) AS lid,
           hexdb.import_int(s.requester_id) AS requester_lid,
           hexdb.import_int(s.receiver_id) AS receiver_lid, s.status,
           hexdb.import_datetime(s.created_at) AS created_local
      FROM hexdb.staging_friendships s),
  c AS (
    SELECT p.*, a.user_id AS requester_id, b.user_id AS receiver_id, x.id IS NOT NULL AS present,
      CASE
        WHEN p.lid IS NULL THEN format('id %s is not an integer', quote_nullable((p.src).id))
        WHEN p.sid <> coalesce(d.first_sid, p.sid) THEN 'duplicate id'
        WHEN x.id IS NOT NULL THEN NULL
        WHEN p.requester_lid IS NULL THEN format('requester_id %s is not an integer', quote_nullable((p.src).requester_id))
        WHEN p.receiver_lid IS NULL THEN format('receiver_id %s is not an integer', quote_nullable((p.src).receiver_id))
        WHEN a.user_id IS NULL THEN hexdb.import_orphan_reason('requester_id', p.requester_lid)
        WHEN b.user_id IS NULL THEN hexdb.import_orphan_reason('receiver_id', p.receiver_lid)
        WHEN a.user_id = b.user_id THEN 'requester and receiver are the same user'
        WHEN p.status IS NULL OR p.status NOT IN ('pending', 'accepted', 'rejected', 'blocked')
          THEN 'status must be pending, accepted, rejected or blocked'
        WHEN p.created_local IS NULL THEN format('created_at %s is not a DATETIME', quote_nullable((p.src).created_at))
        WHEN EXISTS (SELECT FROM hexdb.friendships f
                      WHERE least(f.requester_id, f.receiver_id) = least(a.user_id, b.user_id)
                        AND greatest(f.requester_id, f.receiver_id) = greatest(a.user_id, b.user_id))
          THEN 'the pair already has a friendship in hexdb'
      END AS reason
      FROM p LEFT JOIN (SELECT hexdb.import_int(x.id) AS lid, min(x.ctid) AS first_sid FROM hexdb.staging_friendships x
                         GROUP BY 1 HAVING count(*) > 1) d ON d.lid = p.lid
             LEFT JOIN hexdb.users a ON a.legacy_id = p.requester_lid
             LEFT JOIN hexdb.users b ON b.legacy_id = p.receiver_lid
             LEFT JOIN hexdb.friendships x ON x.legacy_id = p.lid)
  SELECT c.sid, c.lid, c.requester_id, c.receiver_id, c.status,
         c.created_local AT TIME ZONE source_timezone AS created_at, c.present, c.reason,
         CASE WHEN c.reason IS NOT NULL THEN to_jsonb(c.src) END AS raw
    FROM c;
  -- One row per unordered pair: the most advanced state wins, then the earliest row.
  UPDATE import_friendships i SET reason = format('same pair as friendship %s, which is kept', k.kept),
                                  raw = to_jsonb(s)
    FROM (SELECT lid, first_value(lid) OVER (
                   PARTITION BY least(requester_id, receiver_id), greatest(requester_id, receiver_id)
                   ORDER BY array_position(ARRAY['blocked', 'accepted', 'rejected', 'pending'], status),
                            created_at, lid) AS kept
            FROM import_friendships WHERE reason IS NULL AND NOT present) k,
         hexdb.staging_friendships s
   WHERE i.lid = k.lid AND k.lid <> k.kept AND i.reason IS NULL AND s.ctid = i.sid;

  PERFORM hexdb.import_advance_sequence('hexdb.friendships_id_seq',
    (SELECT max(i.lid) FROM import_friendships i WHERE i.reason IS NULL AND NOT i.present));
  -- Every row starts as a request and then takes its legacy state, a transition the
  -- friendship trigger accepts, whatever it decides about a row's first state.
  INSERT INTO hexdb.friendships (id, requester_id, receiver_id, status, created_at, updated_at, legacy_id)
  SELECT CASE WHEN EXISTS (SELECT FROM hexdb.friendships x WHERE x.id = i.lid)
              THEN nextval('hexdb.friendships_id_seq') ELSE i.lid END,
         i.requester_id, i.receiver_id, 'pending', i.created_at, i.created_at, i.lid
    FROM import_friendships i WHERE i.reason IS NULL AND NOT i.present;
  UPDATE hexdb.friendships f SET status = i.status
    FROM import_friendships i
   WHERE f.legacy_id = i.lid AND i.reason IS NULL AND NOT i.present AND i.status <> 'pending';
  PERFORM hexdb.import_advance_sequence('hexdb.friendships_id_seq', (SELECT max(id) FROM hexdb.friendships));

  ------------------------------------------------------------------------------- monthly_scores
  -- A legacy month that scores back is already in monthly_scores (recomputed): it counts as
  -- imported when it agrees, and is quarantined with both values when it does not. A month
  -- no score backs is kept as imported history.
  CREATE TEMP TABLE import_monthly ON COMMIT DROP AS
  WITH p AS (
    SELECT s AS src, s.ctid AS sid, hexdb.import_int(s.id) AS lid,
           hexdb.import_int(s.user_id) AS user_lid, hexdb.import_int(s.year) AS year,
           hexdb.import_int(s.month) AS month, hexdb.import_int(s.score) AS score,
           hexdb.import_datetime(s.updated_at) AS updated_local
      FROM hexdb.staging_monthly_scores s),
  c AS (
    SELECT p.*, u.user_id, m.score AS hexdb_score,
      CASE
        WHEN p.lid IS NULL THEN format('id %s is not an integer', quote_nullable((p.src).id))
        WHEN p.sid <> coalesce(d.first_sid, p.sid) THEN 'duplicate id'
        WHEN p.user_lid IS NULL THEN format('user_id %s is not an integer', quote_nullable((p.src).user_id))
        WHEN u.user_id IS NULL THEN hexdb.import_orphan_reason('user_id', p.user_lid)
        WHEN p.year IS NULL OR p.year NOT BETWEEN 1 AND 9999 THEN 'year must be 1 to 9999'
        WHEN p.month IS NULL OR p.month NOT BETWEEN 1 AND 12 THEN 'month must be 1 to 12'
        WHEN p.score IS NULL THEN format('score %s is not an integer', quote_nullable((p.src).score))
        WHEN p.score < 0 THEN 'negative score'
        WHEN p.updated_local IS NULL THEN format('updated_at %s is not a DATETIME', quote_nullable((p.src).updated_at))
        WHEN row_number() OVER (PARTITION BY p.user_lid, p.year, p.month ORDER BY p.lid, p.sid) > 1
          THEN 'a second row for the same user and month'
        WHEN m.score IS NOT NULL AND m.score <> p.score
          THEN format('hexdb has %s for that month (%s), which is kept',
                      m.score, CASE WHEN m.imported THEN 'imported before' ELSE 'from scores' END)
      END AS reason
      FROM p LEFT JOIN (SELECT hexdb.import_int(x.id) AS lid, min(x.ctid) AS first_sid FROM hexdb.staging_monthly_scores x
                         GROUP BY 1 HAVING count(*) > 1) d ON d.lid = p.lid
             LEFT JOIN hexdb.users u ON u.legacy_id = p.user_lid
             LEFT JOIN hexdb.monthly_scores m
                    ON (m.year, m.month, m.user_id) = (p.year, p.month, u.user_id))
  SELECT c.lid, c.user_id, c.year, c.month, c.score,
         c.updated_local AT TIME ZONE source_timezone AS updated_at,
         c.hexdb_score IS NOT NULL AS present, c.reason,
         CASE WHEN c.reason IS NOT NULL THEN to_jsonb(c.src) END AS raw
    FROM c;
  INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, updated_at, imported)
  SELECT i.year, i.month, i.user_id, i.score, i.updated_at, i.updated_at, true
    FROM import_monthly i WHERE i.reason IS NULL AND NOT i.present;

  ---------------------------------------------------------------------------------- game_visits
  CREATE TEMP TABLE import_visits ON COMMIT DROP AS
  WITH p AS (
    SELECT s AS src, s.ctid AS sid, hexdb.import_int(s.id) AS lid,
           hexdb.import_int(s.user_id) AS user_lid, hexdb.import_date(s.visit_date) AS visit_date,
           hexdb.import_int(s.visit_count) AS visit_count
      FROM hexdb.staging_game_visits s),
  c AS (
    SELECT p.*, u.user_id, v.visit_count AS hexdb_count,
      CASE
        WHEN p.lid IS NULL THEN format('id %s is not an integer', quote_nullable((p.src).id))
        WHEN p.sid <> coalesce(d.first_sid, p.sid) THEN 'duplicate id'
        WHEN p.user_lid IS NULL THEN format('user_id %s is not an integer', quote_nullable((p.src).user_id))
        WHEN u.user_id IS NULL THEN hexdb.import_orphan_reason('user_id', p.user_lid)
        WHEN p.visit_date IS NULL THEN format('visit_date %s is not a DATE', quote_nullable((p.src).visit_date))
        WHEN p.visit_count IS NULL OR p.visit_count < 1 THEN 'visit_count must be a positive integer'
        WHEN row_number() OVER (PARTITION BY p.user_lid, p.visit_date ORDER BY p.lid, p.sid) > 1
          THEN 'a second row for the same user and day'
        WHEN v.visit_count IS NOT NULL AND v.visit_count <> p.visit_count
          THEN format('hexdb counts %s visits that day, which is kept', v.visit_count)
      END AS reason
      FROM p LEFT JOIN (SELECT hexdb.import_int(x.id) AS lid, min(x.ctid) AS first_sid FROM hexdb.staging_game_visits x
                         GROUP BY 1 HAVING count(*) > 1) d ON d.lid = p.lid
             LEFT JOIN hexdb.users u ON u.legacy_id = p.user_lid
             LEFT JOIN hexdb.game_visits v ON (v.user_id, v.visit_date) = (u.user_id, p.visit_date))
  SELECT c.lid, c.user_id, c.visit_date, c.visit_count, c.hexdb_count IS NOT NULL AS present,
         c.reason, CASE WHEN c.reason IS NOT NULL THEN to_jsonb(c.src) END AS raw
    FROM c;
  INSERT INTO hexdb.game_visits (user_id, visit_date, visit_count)
  SELECT i.user_id, i.visit_date, i.visit_count FROM import_visits i WHERE i.reason IS NULL AND NOT i.present;

  ----------------------------------------------------------------------------------- the report
  -- import_rejects holds what this import quarantined, so that its count is the report's: a
  -- reject whose row now comes in (fixed at the source) or is no longer exported goes; a row
  -- this import refuses again keeps its reject as it was (reason and time of the first refusal).
  DELETE FROM hexdb.import_rejects r
   WHERE NOT EXISTS (
     SELECT FROM (SELECT 'users' AS tbl, i.lid, i.reason, i.raw FROM import_users i
                  UNION ALL SELECT 'scores', i.lid, i.reason, i.raw FROM import_scores i
                  UNION ALL SELECT 'friendships', i.lid, i.reason, i.raw FROM import_friendships i
                  UNION ALL SELECT 'monthly_scores', i.lid, i.reason, i.raw FROM import_monthly i
                  UNION ALL SELECT 'game_visits', i.lid, i.reason, i.raw FROM import_visits i) v
      WHERE v.reason IS NOT NULL AND v.tbl = r.table_name AND v.raw = r."row"
        AND v.lid IS NOT DISTINCT FROM r.legacy_id);

  -- Every staged row has one verdict: imported now, already present, or quarantined (with a
  -- reason). A rerun finds its rejects already there (same table, id and row) and adds none.
  FOR counted IN
    WITH verdicts AS (
      SELECT 'users' AS tbl, i.lid, i.present, i.reason, i.raw FROM import_users i
      UNION ALL SELECT 'scores', i.lid, i.present, i.reason, i.raw FROM import_scores i
      UNION ALL SELECT 'friendships', i.lid, i.present, i.reason, i.raw FROM import_friendships i
      UNION ALL SELECT 'monthly_scores', i.lid, i.present, i.reason, i.raw FROM import_monthly i
      UNION ALL SELECT 'game_visits', i.lid, i.present, i.reason, i.raw FROM import_visits i),
    quarantine AS (
      INSERT INTO hexdb.import_rejects (table_name, legacy_id, reason, "row")
      SELECT v.tbl, v.lid, v.reason, v.raw FROM verdicts v
       WHERE v.reason IS NOT NULL
         AND NOT EXISTS (SELECT FROM hexdb.import_rejects r
                          WHERE r.table_name = v.tbl
                            AND (r.legacy_id = v.lid OR (r.legacy_id IS NULL AND v.lid IS NULL))
                            AND r."row" = v.raw))
    SELECT t.tbl AS table_name, count(v.tbl) AS source_rows,
           count(*) FILTER (WHERE v.reason IS NULL AND NOT v.present) AS new_rows,
           count(*) FILTER (WHERE v.reason IS NULL AND v.present) AS present,
           count(*) FILTER (WHERE v.reason IS NOT NULL) AS quarantined
      FROM unnest(ARRAY['users', 'scores', 'friendships', 'monthly_scores', 'game_visits'])
           WITH ORDINALITY AS t(tbl, ord)
      LEFT JOIN verdicts v ON v.tbl = t.tbl
     GROUP BY t.ord, t.tbl ORDER BY t.ord
  LOOP
    RAISE NOTICE '%: % rows, % imported now, % already present, % quarantined', counted.table_name,
      counted.source_rows, counted.new_rows, counted.present, counted.quarantined;
    table_name := counted.table_name;
    source_rows := counted.source_rows;
    imported := counted.new_rows + counted.present;
    quarantined := counted.quarantined;
    RETURN NEXT;
  END LOOP;
END $$;
COMMENT ON FUNCTION hexdb.import_legacy(text) IS
  'Turns the staging_* tables (a MySQL export) into hexdb rows in one transaction; rows that break a rule go to import_rejects. Idempotent: a rerun reports the same counts and writes nothing';

-- The reason for a row that points at a user who is not in hexdb.
CREATE OR REPLACE FUNCTION hexdb.import_orphan_reason(column_name text, user_lid int) RETURNS text
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  -- Two IFs: one expression naming a table that may not exist would fail to plan.
  IF to_regclass('pg_temp.import_users') IS NOT NULL THEN
    IF EXISTS (SELECT FROM pg_temp.import_users i WHERE i.lid = user_lid) THEN
      RETURN format('%s %s: that user is quarantined', column_name, user_lid);
    END IF;
  END IF;
  RETURN format('%s %s: no such user', column_name, user_lid);
END $$;
COMMENT ON FUNCTION hexdb.import_orphan_reason(text, int) IS
  'Reason text for a legacy row whose user is missing: quarantined during this import, or unknown';

CREATE OR REPLACE FUNCTION hexdb.check_integrity()
  RETURNS TABLE(check_name text, problems bigint, detail text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
  -- Monthly scores against their recomputation under the configured time zone and aggregate
  -- (monthly_scores_drift: what rebuild_monthly_scores() would write). Imported history that
  -- no score backs is part of the recomputation, so it is never a mismatch.
  RETURN QUERY
  SELECT 'monthly_scores', d.drift,
         CASE WHEN d.drift = 0 THEN 'every month equals its recomputation from scores and imported history'
              ELSE format('%s rows of monthly_scores and its rank counts differ from their recomputation: run hexdb.rebuild_monthly_scores()', d.drift) END
    FROM (SELECT hexdb.monthly_scores_drift(NULL, NULL) AS drift) d;

  -- Identity sequences that would hand out an id already taken.
  RETURN QUERY
  WITH seqs AS (
    SELECT v.seq, v.max_id, coalesce(pg_sequence_last_value(v.seq), 0) AS last
      FROM (VALUES ('hexdb.scores_id_seq'::regclass, (SELECT max(id) FROM hexdb.scores)),
                   ('hexdb.friendships_id_seq'::regclass, (SELECT max(id) FROM hexdb.friendships)),
                   ('hexdb.import_rejects_id_seq'::regclass, (SELECT max(id) FROM hexdb.import_rejects)))
           AS v(seq, max_id))
  SELECT 'identity_sequences', count(*) FILTER (WHERE s.max_id > s.last),
         coalesce(string_agg(format('%s is at %s, max(id) is %s', s.seq, s.last, s.max_id), '; ')
                    FILTER (WHERE s.max_id > s.last),
                  format('%s sequences are past their table''s largest id', count(*)))
    FROM seqs s;

  -- Rows whose user is gone (possible only where foreign keys were bypassed).
  RETURN QUERY
  WITH orphans AS (
    SELECT 'scores' AS tbl, count(*) AS n FROM hexdb.scores x
     WHERE NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = x.user_id)
    UNION ALL
    SELECT 'friendships', count(*) FROM hexdb.friendships x
     WHERE NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = x.requester_id)
        OR NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = x.receiver_id)
    UNION ALL
    SELECT 'monthly_scores', count(*) FROM hexdb.monthly_scores x
     WHERE NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = x.user_id)
    UNION ALL
    SELECT 'game_visits', count(*) FROM hexdb.game_visits x
     WHERE NOT EXISTS (SELECT FROM hexdb.users u WHERE u.user_id = x.user_id))
  SELECT 'orphans', sum(o.n)::bigint,
         coalesce(string_agg(format('%s: %s', o.tbl, o.n), '; ') FILTER (WHERE o.n > 0),
                  'every row points at an existing user')
    FROM orphans o;

  -- More than one friendship row for an unordered pair, or a user befriending themself.
  RETURN QUERY
  WITH pairs AS (
    SELECT least(f.requester_id, f.receiver_id) AS a, greatest(f.requester_id, f.receiver_id) AS b,
           count(*) AS n, string_agg(f.id::text, ', ' ORDER BY f.id) AS ids
      FROM hexdb.friendships f GROUP BY 1, 2 HAVING count(*) > 1)
  SELECT 'pair_duplicates', count(*),
         coalesce(string_agg(format('friendships %s share a pair', p.ids), '; '),
                  'one row per pair of users')
    FROM pairs p;
  RETURN QUERY
  SELECT 'self_friendships', count(*),
         coalesce(string_agg(format('friendship %s', f.id), ', '), 'no user befriends themself')
    FROM hexdb.friendships f WHERE f.requester_id = f.receiver_id;
END $$;
COMMENT ON FUNCTION hexdb.check_integrity() IS
  'Problems found: monthly scores against their recomputation (imported history aside), identity sequences behind their max, orphans, pair duplicates, self-friendships';
-- Roles. An application role gets what hexdb's API offers with one call by the tables' owner:
--   SELECT hexdb.grant_app('app');                      -- the game's backend
--   SELECT hexdb.grant_app('reader', read_only => true); -- dashboards, analytics
-- What it never gets: a write of derived data (monthly_scores, monthly_score_counts,
-- monthly_settings), the import tables, TRUNCATE, or a read of users.password_hash. Those are
-- written only by hexdb's definer-rights functions (see docs/roles.md for the argument).
CREATE OR REPLACE FUNCTION hexdb.grant_app("role" name, read_only boolean DEFAULT false) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  grantee text;
  user_columns text;
BEGIN
  IF $1 IS NULL OR $2 IS NULL THEN
    RAISE EXCEPTION 'grant_app needs a role and read_only, not NULL' USING ERRCODE = '22004';
  END IF;
  grantee := quote_ident($1::regrole::text);  -- 42704 for a role that does not exist
  IF to_regclass('hexdb.users') IS NULL THEN
    RAISE EXCEPTION 'hexdb''s tables do not exist yet' USING ERRCODE = '55000',
      HINT = 'Run SELECT hexdb.setup() first.';
  END IF;
  -- Every column of users but password_hash, the studio's own columns included.
  SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO user_columns
    FROM pg_attribute a
   WHERE a.attrelid = 'hexdb.users'::regclass AND a.attnum > 0 AND NOT a.attisdropped
     AND a.attname <> 'password_hash';

  EXECUTE 'GRANT USAGE ON SCHEMA hexdb TO ' || grantee;
  EXECUTE format('GRANT SELECT (%s) ON hexdb.users TO %s', user_columns, grantee);
  EXECUTE 'GRANT SELECT ON hexdb.scores, hexdb.friendships, hexdb.game_visits, hexdb.monthly_scores, '
          'hexdb.monthly_score_counts, hexdb.monthly_score_deltas, hexdb.monthly_settings TO ' || grantee;
  EXECUTE 'GRANT EXECUTE ON FUNCTION hexdb.check_integrity() TO ' || grantee;
  IF NOT $2 THEN
    -- Users change only through the functions; the rest is plain DML, which the tables'
    -- triggers check (friendships) or follow (scores: monthly_scores, as the owner).
    EXECUTE 'GRANT INSERT, UPDATE, DELETE ON hexdb.scores, hexdb.friendships, hexdb.game_visits TO ' || grantee;
    EXECUTE 'GRANT EXECUTE ON FUNCTION hexdb.create_user(text, text, text, date, text), '
            'hexdb.check_password(text, text), hexdb.delete_user(uuid) TO ' || grantee;
  END IF;
END
$$;
COMMENT ON FUNCTION hexdb.grant_app(name, boolean) IS
  'Grants a role hexdb''s API: the functions, DML on scores, friendships and game_visits, reads of the boards and of users without password_hash; read_only: the reads alone. Never writes of derived data or the import tables';
-- Diagnostics.

CREATE OR REPLACE FUNCTION hexdb.boundary_selftest(mode text) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_boundary_selftest'
  LANGUAGE C VOLATILE STRICT;
REVOKE ALL ON FUNCTION hexdb.boundary_selftest(text) FROM PUBLIC;
COMMENT ON FUNCTION hexdb.boundary_selftest(text) IS
  'Proves the C++/PostgreSQL error boundary: modes cpp_exception, sql_error, bad_alloc, pg_error, exception_in_call, error_context, rule, lost_copy, destructors, ok';

CREATE FUNCTION hexdb.password_stand_in_kind() RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_password_stand_in_kind'
  LANGUAGE C VOLATILE;
REVOKE ALL ON FUNCTION hexdb.password_stand_in_kind() FROM PUBLIC;
COMMENT ON FUNCTION hexdb.password_stand_in_kind() IS
  'The method and cost (e.g. $2b$04) of the stand-in hash check_password verifies for an unknown email: the most common among stored hashes';
-- hexdb.setup(): the game's tables, created by the caller and owned by it, as ordinary tables
-- (not members of the extension), with hexdb's triggers attached. This file opens the
-- function; setup/NN_<domain>.sql hold each domain's tables (plain, idempotent DDL: IF NOT
-- EXISTS, CREATE OR REPLACE TRIGGER, COMMENT); 99_end.sql closes it. Run by the Makefile into
-- the install script and every upgrade script, so a new version's setup() adds what is new.
--
-- Invoker's rights: the caller needs CREATE on schema hexdb (its owner, who ran CREATE
-- EXTENSION, has it). search_path is pinned so every expression below (CHECKs, defaults,
-- operators) binds to pg_catalog and hexdb's qualified names, whatever the caller's path.
CREATE OR REPLACE FUNCTION hexdb.setup() RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  SET client_min_messages = warning  -- no "already exists, skipping" notice per object on a rerun
AS $setup$
DECLARE
  data_owner oid := (SELECT c.relowner FROM pg_class c
                      WHERE c.oid = to_regclass('hexdb.users'));
  ext_owner oid := (SELECT e.extowner FROM pg_extension e WHERE e.extname = 'hexdb');
BEGIN
  -- Once there are tables, only their owner (or a member of that role) completes them.
  IF data_owner IS NOT NULL AND NOT pg_has_role(current_user, data_owner, 'USAGE') THEN
    RAISE EXCEPTION 'hexdb.setup() must be run by the owner of hexdb''s tables, %', data_owner::regrole
      USING ERRCODE = '42501';
  END IF;
  -- The schema now holds data: DROP EXTENSION must leave it (and DROP EXTENSION without
  -- CASCADE is refused while the tables' triggers use hexdb's functions).
  IF EXISTS (SELECT FROM pg_depend d
              WHERE d.classid = 'pg_namespace'::regclass AND d.objid = 'hexdb'::regnamespace
                AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e') THEN
    IF NOT pg_has_role(current_user, ext_owner, 'USAGE') THEN
      RAISE EXCEPTION 'hexdb.setup() must be run by the role that created the extension, %', ext_owner::regrole
        USING ERRCODE = '42501';
    END IF;
    ALTER EXTENSION hexdb DROP SCHEMA hexdb;
  END IF;
  -- hexdb's SECURITY DEFINER functions (the scores trigger, create/check/delete user,
  -- configure/rebuild, import_legacy, check_integrity) act as the tables' owner, so that an
  -- application role needs no right on the data it must not write. They belong to the role
  -- that ran CREATE EXTENSION; when the tables are (to be) another role's, they follow them.
  PERFORM hexdb.own_definer_functions(coalesce(data_owner, (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)));

  ----------------------------------------------------------------------------------- users
  -- Passwords are stored only as crypt(3)-style hashes.
  CREATE TABLE IF NOT EXISTS hexdb.users (
    user_id       uuid PRIMARY KEY DEFAULT hexdb.uuid_generate_v7(),
    legacy_id     int UNIQUE,
    email         text NOT NULL CHECK (hexdb.is_email(email)),
    nickname      text NOT NULL CHECK (char_length(nickname) BETWEEN 1 AND 100),
    password_hash text NOT NULL CHECK (password_hash ~ '^\$[0-9a-z-]+\$'),
    birth_date    date NOT NULL,
    role          text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now()
  );
  -- DROP EXTENSION ... CASCADE takes this default with it; a later setup() puts it back.
  ALTER TABLE hexdb.users ALTER COLUMN user_id SET DEFAULT hexdb.uuid_generate_v7();
  CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON hexdb.users (lower(email));
  -- 1.0 checked emails with a regular expression whose [:space:] knew fewer spaces than
  -- create_user; every version since calls the one rule, hexdb.is_email().
  IF (SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
       WHERE c.conrelid = 'hexdb.users'::regclass AND c.conname = 'users_email_check')
     NOT LIKE '%is_email%' THEN
    ALTER TABLE hexdb.users DROP CONSTRAINT users_email_check,
      ADD CONSTRAINT users_email_check CHECK (hexdb.is_email(email));
  END IF;

  COMMENT ON TABLE hexdb.users IS 'Players and admins';
  COMMENT ON COLUMN hexdb.users.user_id IS 'Version 7 UUID, time-ordered';
  COMMENT ON COLUMN hexdb.users.legacy_id IS 'The integer id this user had in the MySQL system, if imported';
  COMMENT ON COLUMN hexdb.users.email IS 'Unique regardless of case';
  COMMENT ON COLUMN hexdb.users.nickname IS '1 to 100 characters (not bytes)';
  COMMENT ON COLUMN hexdb.users.password_hash IS 'A crypt(3)-style hash ($id$...); never plaintext';
  COMMENT ON COLUMN hexdb.users.role IS 'user or admin';
  COMMENT ON INDEX hexdb.users_email_key IS 'Email uniqueness regardless of case';

  ----------------------------------------------------------------------------- friendships
  -- The rules live in the C++ trigger (extension/src/friendships/); the constraints are the
  -- declarative backstop that keeps them true when transactions race.
  CREATE TABLE IF NOT EXISTS hexdb.friendships (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    requester_id uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
    receiver_id  uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
    status       text NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'accepted', 'rejected', 'blocked')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT friendships_not_self CHECK (requester_id <> receiver_id),
    legacy_id    int UNIQUE
  );
  -- One row per unordered pair.
  CREATE UNIQUE INDEX IF NOT EXISTS friendships_pair_key ON hexdb.friendships
    (LEAST(requester_id, receiver_id), GREATEST(requester_id, receiver_id));
  -- Each user's rows from either side, ordered by the other user: friends()'s keyset scans,
  -- and the cascade when a user is deleted.
  CREATE INDEX IF NOT EXISTS friendships_receiver_idx ON hexdb.friendships (receiver_id, requester_id);
  CREATE INDEX IF NOT EXISTS friendships_requester_idx ON hexdb.friendships (requester_id, receiver_id);

  COMMENT ON TABLE hexdb.friendships IS 'One row per pair of users: a request, a friendship, a rejection or a block';
  COMMENT ON COLUMN hexdb.friendships.requester_id IS 'Who asked, or (status blocked) who blocked';
  COMMENT ON COLUMN hexdb.friendships.receiver_id IS 'Who was asked, or (status blocked) who is blocked';
  COMMENT ON COLUMN hexdb.friendships.status IS 'pending, accepted, rejected or blocked';
  COMMENT ON COLUMN hexdb.friendships.legacy_id IS 'The integer id this friendship had in the MySQL system, if imported';
  COMMENT ON INDEX hexdb.friendships_pair_key IS 'At most one row per unordered pair of users';
  COMMENT ON INDEX hexdb.friendships_receiver_idx IS 'Requests a user has received';
  COMMENT ON INDEX hexdb.friendships_requester_idx IS 'Requests a user has sent';

  CREATE OR REPLACE TRIGGER friendship_check BEFORE INSERT OR UPDATE ON hexdb.friendships
    FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
  CREATE OR REPLACE TRIGGER friendship_notify AFTER INSERT OR UPDATE OR DELETE ON hexdb.friendships
    FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_notify();

  ---------------------------------------------------------------------------------- scores
  -- Statement-level triggers with transition tables keep monthly_scores equal to its
  -- recomputation from scores; monthly_scores' own triggers keep the rank counts behind the
  -- leaderboards. A dump copies all of them as they are, and restores them before any trigger
  -- exists, so a restore is exact without any restore-only machinery.
  CREATE TABLE IF NOT EXISTS hexdb.scores (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
    score      bigint NOT NULL CHECK (score >= 0),
    created_at timestamptz NOT NULL DEFAULT now() CONSTRAINT scores_created_at_finite CHECK (isfinite(created_at)),
    legacy_id  int UNIQUE
  );
  CREATE INDEX IF NOT EXISTS scores_user_created_idx ON hexdb.scores (user_id, created_at);

  COMMENT ON TABLE hexdb.scores IS 'Every score a user submitted';
  COMMENT ON COLUMN hexdb.scores.created_at IS 'When the score was reached; decides its month (in the configured time zone)';
  COMMENT ON COLUMN hexdb.scores.legacy_id IS 'The integer id this score had in the MySQL system, if imported';
  COMMENT ON INDEX hexdb.scores_user_created_idx IS 'A user''s scores in time order (recomputing one user''s month)';

  -- Derived from scores (and imported history) by hexdb's own code only: applications read it.
  CREATE TABLE IF NOT EXISTS hexdb.monthly_scores (
    year           int NOT NULL,
    month          int NOT NULL CHECK (month BETWEEN 1 AND 12),
    user_id        uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
    score          bigint NOT NULL,
    achieved_at    timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    imported       boolean NOT NULL DEFAULT false,
    imported_score bigint,
    imported_at    timestamptz,
    PRIMARY KEY (year, month, user_id),
    -- One CHECK for the rest: every statement re-reads each CHECK expression of the table.
    CONSTRAINT monthly_scores_values CHECK (score >= 0 AND (NOT imported OR (imported_score >= 0 AND imported_at IS NOT NULL)))
  );
  -- The ranking order (score DESC, achieved_at, user_id) as one ascending key, so that a
  -- keyset "after this player" is a single row comparison: (-score, achieved_at, user_id) > (...).
  CREATE INDEX IF NOT EXISTS monthly_scores_rank_idx ON hexdb.monthly_scores (year, month, (-score), achieved_at, user_id);

  COMMENT ON TABLE hexdb.monthly_scores IS 'Each user''s aggregate score per month, maintained by triggers on scores';
  COMMENT ON COLUMN hexdb.monthly_scores.score IS 'The month''s aggregate (configure_monthly): best, sum or latest score';
  COMMENT ON COLUMN hexdb.monthly_scores.achieved_at IS 'When the user reached this score: best = earliest time of the best score, sum = latest contributing score, latest = that score''s time';
  COMMENT ON COLUMN hexdb.monthly_scores.imported IS
    'Legacy monthly history that no score backs: kept as imported, not recomputed, not a mismatch for check_integrity()';
  COMMENT ON COLUMN hexdb.monthly_scores.imported_score IS 'The imported history''s score: it counts as one more score of that month (filled from score when NULL)';
  COMMENT ON COLUMN hexdb.monthly_scores.imported_at IS 'The imported history''s time (filled from achieved_at when NULL)';
  COMMENT ON INDEX hexdb.monthly_scores_rank_idx IS 'A month in ranking order: top-N, keyset pages, neighbours, counts inside one bucket';

  -- Rank counts: players per score bucket per month, four levels (core/scores/monthly_buckets.hpp).
  -- Derived like an index; rebuild_monthly_scores() repairs it.
  CREATE TABLE IF NOT EXISTS hexdb.monthly_score_counts (
    year    int NOT NULL,
    month   int NOT NULL,
    level   smallint NOT NULL CHECK (level BETWEEN 0 AND 3),
    bucket  bigint NOT NULL,
    players bigint NOT NULL,
    PRIMARY KEY (year, month, level, bucket)
  ) WITH (fillfactor = 50);
  COMMENT ON TABLE hexdb.monthly_score_counts IS 'Players per score bucket and month (rank in O(buckets)); maintained by triggers on monthly_scores';

  -- Rank-count changes no writer waits for (scores/rank_deltas.hpp): writers of monthly_scores
  -- append here instead of updating monthly_score_counts; a writer that wins the compaction
  -- lock moves the rows into the counts. Insert-only, no unique key. Derived like the counts.
  CREATE TABLE IF NOT EXISTS hexdb.monthly_score_deltas (
    year  int NOT NULL,
    month int NOT NULL,
    leaf  bigint NOT NULL,
    delta bigint NOT NULL
  ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
          autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);
  CREATE INDEX IF NOT EXISTS monthly_score_deltas_leaf_idx
    ON hexdb.monthly_score_deltas (year, month, leaf) INCLUDE (delta);
  COMMENT ON TABLE hexdb.monthly_score_deltas IS 'Rank-count changes (players per leaf bucket) not yet folded into monthly_score_counts; readers add them, writers append them, a compaction moves them';
  COMMENT ON INDEX hexdb.monthly_score_deltas_leaf_idx IS 'A month''s pending changes by leaf bucket: the sum ahead of a score, or under a bucket';

  -- Per-database settings. At most one row; no row means the defaults (UTC, best). Written by
  -- configure_monthly(); a write by any other means is validated and rebuilds all the same.
  CREATE TABLE IF NOT EXISTS hexdb.monthly_settings (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    timezone  text NOT NULL DEFAULT 'UTC',
    aggregate text NOT NULL DEFAULT 'best' CHECK (aggregate IN ('best', 'sum', 'latest'))
  );
  COMMENT ON TABLE hexdb.monthly_settings IS 'How monthly_scores is computed: the time zone in which a month begins, and the aggregate (best, sum, latest)';

  -- Triggers: one C++ function per table handles every event.
  CREATE OR REPLACE TRIGGER scores_monthly_insert AFTER INSERT ON hexdb.scores
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.scores_monthly_trigger();
  CREATE OR REPLACE TRIGGER scores_monthly_update AFTER UPDATE ON hexdb.scores
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.scores_monthly_trigger();
  CREATE OR REPLACE TRIGGER scores_monthly_delete AFTER DELETE ON hexdb.scores
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.scores_monthly_trigger();
  CREATE OR REPLACE TRIGGER scores_monthly_truncate AFTER TRUNCATE ON hexdb.scores
    FOR EACH STATEMENT EXECUTE FUNCTION hexdb.scores_monthly_trigger();

  CREATE OR REPLACE TRIGGER monthly_counts_insert AFTER INSERT ON hexdb.monthly_scores
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_counts_trigger();
  CREATE OR REPLACE TRIGGER monthly_counts_update AFTER UPDATE ON hexdb.monthly_scores
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_counts_trigger();
  CREATE OR REPLACE TRIGGER monthly_counts_delete AFTER DELETE ON hexdb.monthly_scores
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_counts_trigger();
  CREATE OR REPLACE TRIGGER monthly_counts_truncate AFTER TRUNCATE ON hexdb.monthly_scores
    FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_counts_trigger();
  CREATE OR REPLACE TRIGGER monthly_imported_base BEFORE INSERT OR UPDATE ON hexdb.monthly_scores
    FOR EACH ROW WHEN (NEW.imported AND (NEW.imported_score IS NULL OR NEW.imported_at IS NULL))
    EXECUTE FUNCTION hexdb.monthly_imported_base_trigger();

  CREATE OR REPLACE TRIGGER monthly_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hexdb.monthly_settings
    FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_settings_trigger();

  ----------------------------------------------------------------------------- game_visits
  CREATE TABLE IF NOT EXISTS hexdb.game_visits (
    user_id     uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
    visit_date  date NOT NULL,
    visit_count int NOT NULL DEFAULT 1 CHECK (visit_count > 0),
    PRIMARY KEY (user_id, visit_date)
  );
  CREATE INDEX IF NOT EXISTS game_visits_date_idx ON hexdb.game_visits (visit_date);

  COMMENT ON TABLE hexdb.game_visits IS 'How many times each user visited the game each day';
  COMMENT ON INDEX hexdb.game_visits_date_idx IS 'Visits of one day, for daily_active_users';

  ---------------------------------------------------------------------------------- import
  -- Staging: one table per legacy table, the legacy column names, every cell as text (so COPY
  -- never fails on a value). Written by the owner's `hexctl import`, read by import_legacy().
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_users (
    id text, email text, nickname text, password text, birth_date text, role text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_scores (
    id text, user_id text, score text, created_at text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_friendships (
    id text, requester_id text, receiver_id text, status text, created_at text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_monthly_scores (
    id text, user_id text, year text, month text, score text, updated_at text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_game_visits (
    id text, user_id text, visit_date text, visit_count text);
  COMMENT ON TABLE hexdb.staging_users IS 'Raw rows of the MySQL users table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_scores IS 'Raw rows of the MySQL scores table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_friendships IS 'Raw rows of the MySQL friendships table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_monthly_scores IS 'Raw rows of the MySQL monthly_scores table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_game_visits IS 'Raw rows of the MySQL game_visits table (COPY target of hexctl import); read by import_legacy()';

  CREATE TABLE IF NOT EXISTS hexdb.import_rejects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name  text NOT NULL,
    legacy_id   int,
    reason      text NOT NULL,
    "row"       jsonb NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS import_rejects_table_legacy_idx ON hexdb.import_rejects (table_name, legacy_id);
  COMMENT ON TABLE hexdb.import_rejects IS 'Legacy rows import_legacy() did not import, each with the rule it breaks and the whole row';
  COMMENT ON COLUMN hexdb.import_rejects.table_name IS 'The legacy table: users, scores, friendships, monthly_scores or game_visits';
  COMMENT ON COLUMN hexdb.import_rejects.legacy_id IS 'The row''s MySQL id, NULL when that cell is no integer';
  COMMENT ON COLUMN hexdb.import_rejects.reason IS 'The first rule the row breaks';
  COMMENT ON COLUMN hexdb.import_rejects."row" IS 'The row as exported: column name to raw text (null for \N)';
  COMMENT ON INDEX hexdb.import_rejects_table_legacy_idx IS 'Finds a table''s rejects by legacy id (reruns add no duplicate)';

END
$setup$;
COMMENT ON FUNCTION hexdb.setup() IS
  'Creates (or completes) the game''s tables in schema hexdb, owned by the caller, with hexdb''s triggers; idempotent. Run once after CREATE EXTENSION hexdb, and again after ALTER EXTENSION hexdb UPDATE';

-- Gives hexdb's definer-rights functions to new_owner (the tables' owner). Invoker's rights:
-- only a role that owns them already (and is a member of new_owner) or a superuser can.
CREATE OR REPLACE FUNCTION hexdb.own_definer_functions(new_owner oid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  fn record;
BEGIN
  FOR fn IN
    SELECT p.oid::regprocedure AS signature, p.proowner
      FROM pg_proc p
      JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
     WHERE p.prosecdef AND p.proowner <> new_owner
     ORDER BY 1::text
  LOOP
    BEGIN
      EXECUTE format('ALTER FUNCTION %s OWNER TO %I', fn.signature, new_owner::regrole);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'hexdb''s definer-rights function % belongs to %, not to %, the owner of hexdb''s tables',
          fn.signature, fn.proowner::regrole, new_owner::regrole
        USING ERRCODE = '42501',
              HINT = format('Run SELECT hexdb.setup() as %s or as a superuser.', fn.proowner::regrole);
    END;
  END LOOP;
END
$$;
COMMENT ON FUNCTION hexdb.own_definer_functions(oid) IS
  'setup()''s helper: hexdb''s SECURITY DEFINER functions belong to the owner of hexdb''s tables';
-- Ownership and EXECUTE rights of hexdb's functions. Re-run by every upgrade script after the
-- functions are replaced.
--
-- Functions run with their caller's rights (the C ones stay owned by the superuser that ran
-- the script) except these, which act as the owner of hexdb's tables, so that an application
-- role needs no right on the data it must not write: they belong to the tables' owner (before
-- setup() has run: to the role that ran CREATE EXTENSION, which setup()'s tables will belong
-- to). Their search_path is pinned; none is STRICT, so no owner can make NULL reach C code
-- that relied on it.
DO $owners$
DECLARE
  owner_name text := coalesce(
    (SELECT c.relowner::regrole::text FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('hexdb.users')),
    (SELECT e.extowner::regrole::text FROM pg_catalog.pg_extension e WHERE e.extname = 'hexdb'));
  fn text;
BEGIN
  FOREACH fn IN ARRAY ARRAY[
      'hexdb.scores_monthly_trigger()',
      'hexdb.configure_monthly(text, text)', 'hexdb.rebuild_monthly_scores(int, int)',
      'hexdb.create_user(text, text, text, date, text)', 'hexdb.check_password(text, text)',
      'hexdb.delete_user(uuid)', 'hexdb.import_legacy(text)', 'hexdb.check_integrity()',
      -- internal to import_legacy(), which runs as the tables' owner
      'hexdb.import_advance_sequence(regclass, bigint)', 'hexdb.import_orphan_reason(text, int)']
  LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO %s', fn, owner_name);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
  END LOOP;
END
$owners$;

-- The role that created the extension runs setup() and grant_app(), and may grant them.
ALTER FUNCTION hexdb.setup() OWNER TO @extowner@;
ALTER FUNCTION hexdb.grant_app(name, boolean) OWNER TO @extowner@;
ALTER FUNCTION hexdb.own_definer_functions(oid) OWNER TO @extowner@;
REVOKE ALL ON FUNCTION hexdb.setup() FROM PUBLIC;
REVOKE ALL ON FUNCTION hexdb.grant_app(name, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION hexdb.own_definer_functions(oid) FROM PUBLIC;

-- The other trigger functions run with the rights of whoever writes the table, so attaching
-- one to a table of one's own gives nothing; scores_monthly_trigger() above, which writes
-- monthly_scores as the owner, is not executable by PUBLIC, so only the owner can attach it.

-- Trigger functions: any table owner with EXECUTE on one may attach it to a table (PostgreSQL
-- checks EXECUTE at CREATE TRIGGER, not when it fires), so only the role that created the
-- extension (who runs setup()) keeps it; each trigger also refuses a table other than its own
-- (extension/src/pg/trigger.hpp).
REVOKE ALL ON FUNCTION hexdb.friendship_check(), hexdb.friendship_notify(),
  hexdb.monthly_counts_trigger(), hexdb.monthly_imported_base_trigger(),
  hexdb.monthly_settings_trigger()
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hexdb.friendship_check(), hexdb.friendship_notify(),
  hexdb.monthly_counts_trigger(), hexdb.monthly_imported_base_trigger(),
  hexdb.monthly_settings_trigger()
  TO @extowner@;
