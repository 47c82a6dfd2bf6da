-- The reference: the PL/pgSQL trigger and functions a user would write for the same rules as
-- hexdb (SPEC.md "Friendships"), on an identical table in schema ref. Same algorithm as hexdb's
-- C++ (lock the pair's row, decide, write; ON CONFLICT for the race), same constraints, same
-- notifications; only the language differs. Used by bench/friendships/run.sh, never installed
-- by the extension.
CREATE SCHEMA ref;

-- The same table, constraints and indexes as hexdb.friendships (LIKE copies all but the
-- triggers and the foreign keys, added back here).
CREATE TABLE ref.friendships (LIKE hexdb.friendships INCLUDING ALL);
ALTER TABLE ref.friendships
  ADD FOREIGN KEY (requester_id) REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
  ADD FOREIGN KEY (receiver_id) REFERENCES hexdb.users (user_id) ON DELETE CASCADE;

CREATE FUNCTION ref.friendship_check() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.requester_id IS NULL OR NEW.receiver_id IS NULL THEN
    RAISE EXCEPTION 'a friendship needs two users' USING ERRCODE = '22004';
  END IF;
  IF NEW.status IS NULL THEN
    RAISE EXCEPTION 'a friendship needs a status' USING ERRCODE = '22004';
  END IF;
  IF NEW.status NOT IN ('pending', 'accepted', 'rejected', 'blocked') THEN
    RAISE EXCEPTION 'friendship status "%" is not valid', NEW.status USING ERRCODE = '23514';
  END IF;
  IF NEW.requester_id = NEW.receiver_id THEN
    RAISE EXCEPTION 'user % cannot be their own friend', NEW.requester_id USING ERRCODE = '23514';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT FROM hexdb.users WHERE user_id = NEW.requester_id) THEN
      RAISE EXCEPTION 'user % does not exist', NEW.requester_id USING ERRCODE = '23503';
    END IF;
    IF NOT EXISTS (SELECT FROM hexdb.users WHERE user_id = NEW.receiver_id) THEN
      RAISE EXCEPTION 'user % does not exist', NEW.receiver_id USING ERRCODE = '23503';
    END IF;
    RETURN NEW;
  END IF;
  IF (NEW.requester_id, NEW.receiver_id) IS DISTINCT FROM (OLD.requester_id, OLD.receiver_id) THEN
    IF NEW.status <> 'blocked' OR (NEW.requester_id, NEW.receiver_id) <> (OLD.receiver_id, OLD.requester_id) THEN
      RAISE EXCEPTION 'the users of a friendship never change' USING ERRCODE = '23514';
    END IF;
    IF OLD.status = 'blocked' THEN
      RAISE EXCEPTION 'user % cannot take over the block of %', OLD.receiver_id, OLD.requester_id USING ERRCODE = '23514';
    END IF;
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'pending' AND NEW.status IN ('accepted', 'rejected', 'blocked'))
    OR (OLD.status = 'rejected' AND NEW.status IN ('pending', 'blocked'))
    OR (OLD.status = 'accepted' AND NEW.status = 'blocked')) THEN
    RAISE EXCEPTION 'friendship cannot go from % to %', OLD.status, NEW.status USING ERRCODE = '23514';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER friendship_check BEFORE INSERT OR UPDATE ON ref.friendships
  FOR EACH ROW EXECUTE FUNCTION ref.friendship_check();

CREATE FUNCTION ref.friendship_notify() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE r ref.friendships := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  PERFORM pg_notify('ref_friendship', json_build_object(
    'op', lower(TG_OP), 'id', r.id, 'requester_id', r.requester_id, 'receiver_id', r.receiver_id,
    'status', r.status, 'old_status', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER friendship_notify AFTER INSERT OR UPDATE OR DELETE ON ref.friendships
  FOR EACH ROW EXECUTE FUNCTION ref.friendship_notify();

CREATE FUNCTION ref.request_friendship(requester uuid, receiver uuid) RETURNS text LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE cur ref.friendships;
BEGIN
  IF requester IS NULL OR receiver IS NULL THEN
    RAISE EXCEPTION 'a friendship needs two users' USING ERRCODE = '22004';
  END IF;
  FOR attempt IN 1..5 LOOP
    SELECT * INTO cur FROM ref.friendships
     WHERE LEAST(requester_id, receiver_id) = LEAST(requester, receiver)
       AND GREATEST(requester_id, receiver_id) = GREATEST(requester, receiver)
       FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO ref.friendships (requester_id, receiver_id) VALUES (requester, receiver)
        ON CONFLICT ((LEAST(requester_id, receiver_id)), (GREATEST(requester_id, receiver_id))) DO NOTHING;
      IF FOUND THEN RETURN 'pending'; END IF;
      CONTINUE;  -- a concurrent request won: read its row
    END IF;
    IF cur.status = 'pending' THEN
      IF cur.requester_id = requester THEN RETURN 'pending'; END IF;
      UPDATE ref.friendships SET status = 'accepted' WHERE id = cur.id;
      RETURN 'accepted';
    ELSIF cur.status = 'accepted' THEN
      RETURN 'accepted';
    ELSIF cur.status = 'rejected' THEN
      IF cur.requester_id = requester THEN
        UPDATE ref.friendships SET status = 'pending' WHERE id = cur.id;
      ELSE
        DELETE FROM ref.friendships WHERE id = cur.id;
        INSERT INTO ref.friendships (requester_id, receiver_id) VALUES (requester, receiver);
      END IF;
      RETURN 'pending';
    ELSIF cur.requester_id = receiver THEN
      RAISE EXCEPTION 'user % has blocked user %', receiver, requester USING ERRCODE = '42501';
    ELSE
      RAISE EXCEPTION 'user % has blocked user %', requester, receiver USING ERRCODE = '23514';
    END IF;
  END LOOP;
  RAISE EXCEPTION 'the friendship kept changing' USING ERRCODE = '40001';
END $$;

-- The anchor for the trigger's cost: the same table with only its declarative constraints.
CREATE SCHEMA plain;
CREATE TABLE plain.friendships (LIKE hexdb.friendships INCLUDING ALL);
ALTER TABLE plain.friendships
  ADD FOREIGN KEY (requester_id) REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
  ADD FOREIGN KEY (receiver_id) REFERENCES hexdb.users (user_id) ON DELETE CASCADE;
