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
  'True for a complete crypt(3) hash libxcrypt can verify ($2a$/$2b$/$2y$ of cost 04-31, $5$, $6$, $y$, $gy$, $7$, $1$); false means plaintext, or a value import_password_reject names';
CREATE OR REPLACE FUNCTION hexdb.import_password_reject(password text) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_import_password_reject' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.import_password_reject(text) IS
  'Why import_legacy() quarantines a legacy password value that looks like a hash or a digest it can neither keep nor hash (a malformed crypt(3) hash, a bcrypt cost outside 04-31, an unsalted MD5/SHA digest, a MySQL PASSWORD() hash); NULL for a usable hash or a plaintext password';
CREATE OR REPLACE FUNCTION hexdb.import_scores(source_timezone text,
    OUT source_rows bigint, OUT new_rows bigint, OUT present bigint,
    OUT month_source_rows bigint, OUT month_new_rows bigint, OUT month_present bigint)
  AS 'MODULE_PATHNAME', 'hexdb_import_scores' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.import_scores(text) IS
  'Internal to import_legacy(): classifies staging_scores, writes the new scores as an INSERT would (in bulk where that is the same) and the quarantined rows into pg_temp.import_scores; the counts of its report. Into a monthly_scores that never held a row it also does import_monthly()''s work, inside its load (the month_ counts; NULL when it did not)';
CREATE OR REPLACE FUNCTION hexdb.import_friendships(source_timezone text,
    OUT source_rows bigint, OUT new_rows bigint, OUT present bigint)
  AS 'MODULE_PATHNAME', 'hexdb_import_friendships' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.import_friendships(text) IS
  'Internal to import_legacy(): classifies staging_friendships, writes the new friendships each through the friendship rules as an INSERT would (in bulk where that is the same) and the quarantined rows into pg_temp.import_friendships; the counts of its report';
CREATE OR REPLACE FUNCTION hexdb.import_monthly(source_timezone text,
    OUT source_rows bigint, OUT new_rows bigint, OUT present bigint)
  AS 'MODULE_PATHNAME', 'hexdb_import_monthly' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.import_monthly(text) IS
  'Internal to import_legacy(): classifies staging_monthly_scores, writes the new monthly history as an INSERT would (in bulk where that is the same) and the quarantined rows into pg_temp.import_monthly; the counts of its report';
CREATE OR REPLACE FUNCTION hexdb.import_users(
    OUT source_rows bigint, OUT new_rows bigint, OUT present bigint, OUT plaintext bigint)
  AS 'MODULE_PATHNAME', 'hexdb_import_users' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.import_users() IS
  'Internal to import_legacy(): classifies staging_users, writes the new users as an INSERT would (in bulk where that is the same; a plaintext password hashed at hexdb.password_cost) and the quarantined rows into pg_temp.import_users; the counts of its report and of the plaintext passwords';
CREATE OR REPLACE FUNCTION hexdb.import_visits(OUT source_rows bigint, OUT new_rows bigint, OUT present bigint)
  AS 'MODULE_PATHNAME', 'hexdb_import_visits' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.import_visits() IS
  'Internal to import_legacy(): classifies staging_game_visits, writes the new visits as an INSERT would (in bulk where that is the same) and the quarantined rows into pg_temp.import_visits; the counts of its report';
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
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  -- Each statement runs once over tables the planner knows little about (fresh temp tables, the
  -- steps' arrays): JIT compiled the former SQL classification of the users for longer than it
  -- ran (0.56 s -> 0.24 s without it), and would compile the report's statements the same way.
  SET jit = off AS $$
#variable_conflict use_column
DECLARE
  counted record;
  scored record;
  visited record;
  befriended record;
  historied record;
  signed record;
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
  -- In one pass in C++ (import/import_users.cpp), like the scores: pg_temp.import_users keeps
  -- the quarantined rows whole (import_orphan_reason() looks there); the counts come back.
  -- Between new rows, the lowest id keeps an email, whatever its case.
  CREATE TEMP TABLE import_users (lid int, present boolean, reason text, raw jsonb) ON COMMIT DROP;
  -- Plaintext legacy passwords are hashed at an interim cost (hexdb.import_password_cost, 4 by
  -- default: about a millisecond each instead of a quarter second), never stored as they are;
  -- check_password replaces each by a hash at hexdb.password_cost at the user's first successful
  -- login. The function's own SET clause scopes this to the call.
  PERFORM set_config('hexdb.password_cost', current_setting('hexdb.import_password_cost'), true);
  SELECT * INTO signed FROM hexdb.import_users();
  IF signed.plaintext > 0 THEN
    RAISE NOTICE 'users: % plaintext passwords hashed at the interim bcrypt cost %; check_password raises each to hexdb.password_cost at its first login',
      signed.plaintext, current_setting('hexdb.import_password_cost');
  END IF;

  -- hexctl stages the other four tables in a staging session while the users are imported here
  -- (client/src/staging_session.hpp), in two transactions: friendships and game_visits, then
  -- scores and monthly_scores. Each LOCK TABLE below waits for the transaction that holds its
  -- tables, and in READ COMMITTED the statements after it see the rows it staged; the small
  -- tables' steps run first, while the scores are still being copied. Staged in this
  -- transaction, or by a session that has committed, the tables are free and nothing waits.
  LOCK TABLE hexdb.staging_friendships, hexdb.staging_game_visits IN ACCESS SHARE MODE;

  ---------------------------------------------------------------------------------- friendships
  -- In one pass in C++ (import/import_friendships.cpp), like the scores: each row in its legacy
  -- state, once, through the friendship trigger's rules (which hold for a row's first state,
  -- whatever it is), one row per unordered pair (the most advanced state wins, then the
  -- earliest row); updated_at is the only time the source knows. pg_temp.import_friendships
  -- keeps the quarantined rows whole; the counts come back.
  CREATE TEMP TABLE import_friendships (lid int, present boolean, reason text, raw jsonb) ON COMMIT DROP;
  SELECT * INTO befriended FROM hexdb.import_friendships(source_timezone);
  PERFORM hexdb.import_advance_sequence('hexdb.friendships_id_seq', (SELECT max(id) FROM hexdb.friendships));

  ---------------------------------------------------------------------------------- game_visits
  -- In one pass in C++ (import/import_visits.cpp), like the scores: pg_temp.import_visits keeps
  -- the quarantined rows whole; the counts come back.
  CREATE TEMP TABLE import_visits (lid int, present boolean, reason text, raw jsonb) ON COMMIT DROP;
  SELECT * INTO visited FROM hexdb.import_visits();

  --------------------------------------------------------------------------------------- scores
  LOCK TABLE hexdb.staging_scores, hexdb.staging_monthly_scores IN ACCESS SHARE MODE;
  -- A million rows: classified and written in one pass in C++ (import/import_scores.cpp), by
  -- the rules of the other tables' steps. pg_temp.import_scores keeps the quarantined rows
  -- whole; the counts come back.
  -- Into a monthly_scores that never held a row (a fresh hexdb), the monthly_scores step below
  -- runs inside this one (import/monthly_step.hpp), its counts coming back with the scores'.
  CREATE TEMP TABLE import_scores (lid int, present boolean, reason text, raw jsonb) ON COMMIT DROP;
  CREATE TEMP TABLE import_monthly (lid int, present boolean, reason text, raw jsonb) ON COMMIT DROP;
  SELECT * INTO scored FROM hexdb.import_scores(source_timezone);
  PERFORM hexdb.import_advance_sequence('hexdb.scores_id_seq', (SELECT max(id) FROM hexdb.scores));

  ------------------------------------------------------------------------------- monthly_scores
  -- A legacy month that scores back is already in monthly_scores (recomputed): it counts as
  -- imported when it agrees, and is quarantined with both values when it does not. A month
  -- no score backs is kept as imported history.
  -- In one pass in C++ (import/import_monthly.cpp), like the scores: pg_temp.import_monthly
  -- keeps the quarantined rows whole; the counts come back.
  IF scored.month_source_rows IS NULL THEN
    SELECT * INTO historied FROM hexdb.import_monthly(source_timezone);
  ELSE
    SELECT scored.month_source_rows AS source_rows, scored.month_new_rows AS new_rows,
           scored.month_present AS present INTO historied;
  END IF;

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
  INSERT INTO hexdb.import_rejects (table_name, legacy_id, reason, "row")
  SELECT v.tbl, v.lid, v.reason, v.raw
    FROM (SELECT 'users' AS tbl, i.lid, i.reason, i.raw FROM import_users i WHERE i.reason IS NOT NULL
          UNION ALL SELECT 'scores', i.lid, i.reason, i.raw FROM import_scores i WHERE i.reason IS NOT NULL
          UNION ALL SELECT 'friendships', i.lid, i.reason, i.raw FROM import_friendships i WHERE i.reason IS NOT NULL
          UNION ALL SELECT 'monthly_scores', i.lid, i.reason, i.raw FROM import_monthly i WHERE i.reason IS NOT NULL
          UNION ALL SELECT 'game_visits', i.lid, i.reason, i.raw FROM import_visits i WHERE i.reason IS NOT NULL) v
   WHERE NOT EXISTS (SELECT FROM hexdb.import_rejects r
                      WHERE r.table_name = v.tbl
                        AND (r.legacy_id = v.lid OR (r.legacy_id IS NULL AND v.lid IS NULL))
                        AND r."row" = v.raw);
  -- Each table's verdicts counted by one pass over its own rows.
  FOR counted IN
    WITH verdicts(ord, tbl, source_rows, new_rows, present, quarantined) AS (
      SELECT 1, 'users', signed.source_rows, signed.new_rows, signed.present, count(i.reason) FROM import_users i
      UNION ALL
      SELECT 2, 'scores', scored.source_rows, scored.new_rows, scored.present, count(i.reason) FROM import_scores i
      UNION ALL
      SELECT 3, 'friendships', befriended.source_rows, befriended.new_rows, befriended.present, count(i.reason)
        FROM import_friendships i
      UNION ALL
      SELECT 4, 'monthly_scores', historied.source_rows, historied.new_rows, historied.present, count(i.reason)
        FROM import_monthly i
      UNION ALL
      SELECT 5, 'game_visits', visited.source_rows, visited.new_rows, visited.present, count(i.reason) FROM import_visits i)
    SELECT v.tbl AS table_name, v.source_rows, v.new_rows, v.present, v.quarantined FROM verdicts v ORDER BY v.ord
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
