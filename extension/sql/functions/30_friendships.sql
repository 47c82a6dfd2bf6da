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
