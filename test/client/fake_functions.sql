-- TEST-ONLY stand-ins for the SPEC.md functions that hexctl calls, for a tree in which the
-- users/friendships/scores/import work has not landed yet. Each is created only when the real
-- function (same name and argument types) does not exist, so once the real ones are merged
-- the client tests run against them unchanged. They implement just enough of SPEC.md for the
-- client tests; they are not the rules. Helpers live in schema hexctl_fake, never in hexdb.
CREATE SCHEMA IF NOT EXISTS hexctl_fake;

DO $do$
BEGIN
  IF to_regprocedure('hexdb.create_user(text,text,text,date,text)') IS NULL
     OR to_regprocedure('hexdb.check_password(text,text)') IS NULL THEN
    CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA hexctl_fake;
  END IF;

  IF to_regprocedure('hexdb.create_user(text,text,text,date,text)') IS NULL THEN
    CREATE FUNCTION hexdb.create_user(email text, nickname text, password text, birth_date date,
                                      role text DEFAULT 'user') RETURNS uuid
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        INSERT INTO hexdb.users (email, nickname, password_hash, birth_date, role)
        VALUES ($1, $2, hexctl_fake.crypt($3, hexctl_fake.gen_salt('bf', 4)), $4, $5)
        RETURNING user_id $f$;
  END IF;

  -- pgcrypto knows bcrypt as $2a$ only; hexctl (libxcrypt) writes $2b$, the same algorithm.
  IF to_regprocedure('hexdb.check_password(text,text)') IS NULL THEN
    CREATE FUNCTION hexdb.check_password(email text, password text) RETURNS uuid
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT user_id FROM hexdb.users
        WHERE lower(email) = lower($1)
          AND regexp_replace(password_hash, '^\$2b\$', '$2a$')
              = hexctl_fake.crypt($2, regexp_replace(password_hash, '^\$2b\$', '$2a$')) $f$;
  END IF;

  IF to_regprocedure('hexdb.delete_user(uuid)') IS NULL THEN
    CREATE FUNCTION hexdb.delete_user(user_id uuid) RETURNS boolean
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        WITH d AS (DELETE FROM hexdb.users WHERE user_id = $1 RETURNING 1)
        SELECT count(*) > 0 FROM d $f$;
  END IF;

  IF to_regprocedure('hexdb.request_friendship(uuid,uuid)') IS NULL THEN
    CREATE FUNCTION hexdb.request_friendship(requester uuid, receiver uuid) RETURNS text
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
      DECLARE f hexdb.friendships;
      BEGIN
        IF requester = receiver THEN
          RAISE EXCEPTION 'a user cannot befriend themselves' USING ERRCODE = '23514';
        END IF;
        SELECT * INTO f FROM hexdb.friendships
        WHERE least(requester_id, receiver_id) = least(requester, receiver)
          AND greatest(requester_id, receiver_id) = greatest(requester, receiver) FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (requester, receiver);
          RETURN 'pending';
        ELSIF f.status = 'blocked' THEN
          RAISE EXCEPTION 'blocked' USING ERRCODE = '42501';
        ELSIF f.status = 'pending' AND f.requester_id = receiver THEN
          UPDATE hexdb.friendships SET status = 'accepted', updated_at = now() WHERE id = f.id;
          RETURN 'accepted';
        ELSIF f.status = 'rejected' THEN
          UPDATE hexdb.friendships SET requester_id = requester, receiver_id = receiver,
                 status = 'pending', updated_at = now() WHERE id = f.id;
          RETURN 'pending';
        END IF;
        RAISE EXCEPTION 'already %', f.status USING ERRCODE = '23505';
      END $f$;
  END IF;

  IF to_regprocedure('hexdb.respond_friendship(uuid,uuid,boolean)') IS NULL THEN
    CREATE FUNCTION hexdb.respond_friendship(receiver uuid, requester uuid, accept boolean) RETURNS text
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
      DECLARE answer text := CASE WHEN accept THEN 'accepted' ELSE 'rejected' END;
      BEGIN
        UPDATE hexdb.friendships SET status = answer, updated_at = now()
        WHERE requester_id = requester AND receiver_id = receiver AND status = 'pending';
        IF FOUND THEN RETURN answer; END IF;
        IF EXISTS (SELECT FROM hexdb.friendships WHERE requester_id = receiver
                   AND receiver_id = requester AND status = 'pending') THEN
          RAISE EXCEPTION 'not your request to answer' USING ERRCODE = '42501';
        END IF;
        RAISE EXCEPTION 'no pending request' USING ERRCODE = 'P0002';
      END $f$;
  END IF;

  IF to_regprocedure('hexdb.block_user(uuid,uuid)') IS NULL THEN
    CREATE FUNCTION hexdb.block_user(blocker uuid, blocked uuid) RETURNS void
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        DELETE FROM hexdb.friendships
        WHERE least(requester_id, receiver_id) = least($1, $2)
          AND greatest(requester_id, receiver_id) = greatest($1, $2);
        INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES ($1, $2, 'blocked') $f$;
  END IF;

  IF to_regprocedure('hexdb.remove_friendship(uuid,uuid)') IS NULL THEN
    CREATE FUNCTION hexdb.remove_friendship(a uuid, b uuid) RETURNS boolean
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        WITH d AS (DELETE FROM hexdb.friendships
                   WHERE least(requester_id, receiver_id) = least($1, $2)
                     AND greatest(requester_id, receiver_id) = greatest($1, $2)
                     AND (status <> 'blocked' OR requester_id = $1) RETURNING 1)
        SELECT count(*) > 0 FROM d $f$;
  END IF;

  IF to_regprocedure('hexdb.friends(uuid,text,uuid,integer)') IS NULL THEN
    CREATE FUNCTION hexdb.friends(user_id uuid, status text DEFAULT 'accepted', after uuid DEFAULT NULL,
                                  lim int DEFAULT 100)
      RETURNS TABLE (friend_id uuid, nickname text, status text, direction text, since timestamptz)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT o.other, u.nickname, f.status,
               CASE WHEN f.requester_id = $1 THEN 'outgoing' ELSE 'incoming' END, f.updated_at
        FROM hexdb.friendships f
        CROSS JOIN LATERAL (SELECT CASE WHEN f.requester_id = $1 THEN f.receiver_id
                                        ELSE f.requester_id END AS other) o
        JOIN hexdb.users u ON u.user_id = o.other
        WHERE $1 IN (f.requester_id, f.receiver_id) AND f.status = $2 AND ($3 IS NULL OR o.other > $3)
        ORDER BY o.other LIMIT $4 $f$;
  END IF;

  IF to_regprocedure('hexdb.submit_score(uuid,bigint,timestamp with time zone)') IS NULL THEN
    -- Keeps the user's monthly_scores equal to check_integrity()'s recomputation, as the
    -- scores part's triggers will, so that `hexctl check` finds a sound database sound.
    CREATE FUNCTION hexdb.submit_score(user_id uuid, score bigint, at timestamptz DEFAULT now()) RETURNS bigint
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
      #variable_conflict use_column
      DECLARE new_id bigint;
      BEGIN
        INSERT INTO hexdb.scores (user_id, score, created_at) VALUES ($1, $2, $3) RETURNING id INTO new_id;
        IF to_regprocedure('hexdb.monthly_scores_recomputed()') IS NOT NULL THEN
          INSERT INTO hexdb.monthly_scores AS m (year, month, user_id, score, achieved_at)
          SELECT r.year, r.month, r.user_id, r.score, r.achieved_at
            FROM hexdb.monthly_scores_recomputed() r WHERE r.user_id = $1
          ON CONFLICT (year, month, user_id) DO UPDATE SET score = excluded.score, achieved_at = excluded.achieved_at;
        END IF;
        RETURN new_id;
      END $f$;
  END IF;
END
$do$;

-- Each user's best score of a month (UTC), ranked: what the fake boards read.
CREATE OR REPLACE FUNCTION hexctl_fake.ranked(year int, month int, members uuid[] DEFAULT NULL)
  RETURNS TABLE (rank bigint, user_id uuid, nickname text, score bigint, achieved_at timestamptz)
  LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
    WITH best AS (
      SELECT DISTINCT ON (s.user_id) s.user_id, s.score, s.created_at
      FROM hexdb.scores s
      WHERE s.created_at >= make_timestamptz($1, $2, 1, 0, 0, 0, 'UTC')
        AND s.created_at < make_timestamptz($1, $2, 1, 0, 0, 0, 'UTC') + interval '1 month'
        AND ($3 IS NULL OR s.user_id = ANY ($3))
      ORDER BY s.user_id, s.score DESC, s.created_at)
    SELECT row_number() OVER (ORDER BY b.score DESC, b.created_at, b.user_id), b.user_id, u.nickname,
           b.score, b.created_at
    FROM best b JOIN hexdb.users u USING (user_id) $f$;

DO $do$
BEGIN
  IF to_regprocedure('hexdb.monthly_leaderboard(integer,integer,integer,bigint)') IS NULL THEN
    CREATE FUNCTION hexdb.monthly_leaderboard(year int, month int, lim int DEFAULT 10, after_rank bigint DEFAULT 0)
      RETURNS TABLE (rank bigint, user_id uuid, nickname text, score bigint, achieved_at timestamptz)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT * FROM hexctl_fake.ranked($1, $2) r WHERE r.rank > $4 ORDER BY r.rank LIMIT $3 $f$;
  END IF;

  IF to_regprocedure('hexdb.monthly_rank(uuid,integer,integer)') IS NULL THEN
    CREATE FUNCTION hexdb.monthly_rank(user_id uuid, year int, month int)
      RETURNS TABLE (rank bigint, score bigint, total bigint)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT r.rank, r.score, (SELECT count(*) FROM hexctl_fake.ranked($2, $3))
        FROM hexctl_fake.ranked($2, $3) r WHERE r.user_id = $1 $f$;
  END IF;

  IF to_regprocedure('hexdb.leaderboard_around(uuid,integer,integer,integer)') IS NULL THEN
    CREATE FUNCTION hexdb.leaderboard_around(user_id uuid, year int, month int, radius int DEFAULT 5)
      RETURNS TABLE (rank bigint, user_id uuid, nickname text, score bigint, achieved_at timestamptz)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        WITH r AS (SELECT * FROM hexctl_fake.ranked($2, $3)),
             me AS (SELECT r.rank FROM r WHERE r.user_id = $1)
        SELECT r.* FROM r, me WHERE r.rank BETWEEN me.rank - $4 AND me.rank + $4 ORDER BY r.rank $f$;
  END IF;

  IF to_regprocedure('hexdb.friends_leaderboard(uuid,integer,integer,integer)') IS NULL THEN
    CREATE FUNCTION hexdb.friends_leaderboard(user_id uuid, year int, month int, lim int DEFAULT 10)
      RETURNS TABLE (rank bigint, user_id uuid, nickname text, score bigint, achieved_at timestamptz)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT * FROM hexctl_fake.ranked($2, $3, ARRAY(
          SELECT $1 UNION ALL
          SELECT CASE WHEN f.requester_id = $1 THEN f.receiver_id ELSE f.requester_id END
          FROM hexdb.friendships f WHERE $1 IN (f.requester_id, f.receiver_id) AND f.status = 'accepted'))
        ORDER BY 1 LIMIT $4 $f$;
  END IF;

  IF to_regprocedure('hexdb.record_visit(uuid,date)') IS NULL THEN
    CREATE FUNCTION hexdb.record_visit(user_id uuid, day date DEFAULT current_date) RETURNS int
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        INSERT INTO hexdb.game_visits AS v (user_id, visit_date) VALUES ($1, $2)
        ON CONFLICT (user_id, visit_date) DO UPDATE SET visit_count = v.visit_count + 1
        RETURNING v.visit_count $f$;
  END IF;

  IF to_regprocedure('hexdb.daily_active_users(date,date)') IS NULL THEN
    CREATE FUNCTION hexdb.daily_active_users(from_day date, to_day date)
      RETURNS TABLE (day date, users bigint, visits bigint)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT d::date, count(v.user_id), coalesce(sum(v.visit_count), 0)::bigint
        FROM generate_series($1, $2, interval '1 day') d
        LEFT JOIN hexdb.game_visits v ON v.visit_date = d::date
        GROUP BY d ORDER BY d $f$;
  END IF;

  IF to_regprocedure('hexdb.check_integrity()') IS NULL THEN
    CREATE FUNCTION hexdb.check_integrity() RETURNS TABLE (check_name text, problems bigint, detail text)
      LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $f$
        SELECT 'scores_id_seq'::text,
               (coalesce((SELECT max(id) FROM hexdb.scores), 0) > s.last_value)::int::bigint,
               'the identity sequence of hexdb.scores against max(id)'::text
        FROM hexdb.scores_id_seq s $f$;
  END IF;
END
$do$;
