-- Every hexdb trigger function refuses a firing it was not written for, with one SQLSTATE
-- (39P01) and one message shape naming the table (extension/src/pg/trigger.hpp): any role may
-- attach any trigger function to any table, and none of these may crash the server.
\i test/regress/sql/include/expect_error.psql
\i test/regress/sql/include/expect_rule.psql
CREATE FUNCTION pg_temp.refusal(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text;
BEGIN
  EXECUTE sql;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
  RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' / ' || nullif(d, ''), '');
END $$;

CREATE TABLE public.t (id bigint, requester_id uuid, receiver_id uuid, status text, updated_at timestamptz,
                       user_id uuid, score bigint, created_at timestamptz, year int, month int,
                       achieved_at timestamptz, imported_score bigint, imported_at timestamptz);

-- Wrong timing, level or event.
CREATE TRIGGER x AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
SELECT pg_temp.refusal($$INSERT INTO public.t (id) VALUES (1)$$);
DROP TRIGGER x ON public.t;
CREATE TRIGGER x BEFORE DELETE ON public.t FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
INSERT INTO public.t (id) VALUES (1);
SELECT pg_temp.refusal($$DELETE FROM public.t$$);
DROP TRIGGER x ON public.t;
CREATE TRIGGER x BEFORE INSERT ON public.t FOR EACH STATEMENT EXECUTE FUNCTION hexdb.friendship_notify();
SELECT pg_temp.refusal($$INSERT INTO public.t (id) VALUES (2)$$);
DROP TRIGGER x ON public.t;
CREATE TRIGGER x AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION hexdb.scores_monthly_trigger();
SELECT pg_temp.refusal($$INSERT INTO public.t (id) VALUES (3)$$);
DROP TRIGGER x ON public.t;
CREATE TRIGGER x BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION hexdb.monthly_counts_trigger();
SELECT pg_temp.refusal($$INSERT INTO public.t (id) VALUES (4)$$);
DROP TRIGGER x ON public.t;
CREATE TRIGGER x AFTER INSERT ON public.t FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_imported_base_trigger();
SELECT pg_temp.refusal($$INSERT INTO public.t (id) VALUES (5)$$);
DROP TRIGGER x ON public.t;
CREATE TRIGGER x BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION hexdb.monthly_settings_trigger();
SELECT pg_temp.refusal($$UPDATE public.t SET id = 6$$);
DROP TRIGGER x ON public.t;

-- A table without a column the trigger reads: not hexdb's table, refused before any read.
CREATE TABLE public.narrow (id bigint, requester_id uuid);
CREATE TRIGGER x BEFORE INSERT ON public.narrow FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
SELECT pg_temp.refusal($$INSERT INTO public.narrow VALUES (1, NULL)$$);

-- The crashes of issue #10 (signal 11 before): each trigger function, rightly fired, on a
-- table whose columns have other types. Each is refused naming the table.
CREATE TABLE public.t1 (id bigint, requester_id int, receiver_id int, status text);
CREATE TRIGGER x AFTER INSERT ON public.t1 FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_notify();
SELECT pg_temp.expect_rule($$INSERT INTO public.t1 VALUES (1, 1, 2, 'pending')$$);
CREATE TABLE public.t2 (id bigint, requester_id uuid, receiver_id uuid, status int, updated_at timestamptz);
CREATE TRIGGER x BEFORE INSERT ON public.t2 FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
SELECT pg_temp.expect_rule($$INSERT INTO public.t2 VALUES (1, hexdb.uuid_generate_v4(), hexdb.uuid_generate_v4(), 1, now())$$);
CREATE TABLE public.t3 (id bigint, requester_id int, receiver_id int, status text, updated_at timestamptz);
CREATE TRIGGER x BEFORE INSERT ON public.t3 FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
SELECT pg_temp.expect_rule($$INSERT INTO public.t3 VALUES (1, 1, 2, 'pending', now())$$);
CREATE TABLE public.t4 (score bigint, achieved_at timestamptz, imported_score bigint, imported_at timestamptz);
CREATE TRIGGER x BEFORE INSERT ON public.t4 FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_imported_base_trigger();
SELECT pg_temp.expect_rule($$INSERT INTO public.t4 VALUES (1, now(), NULL, NULL)$$);
CREATE TABLE public.t5 (score text, achieved_at int, imported_score text, imported_at int);
CREATE TRIGGER x BEFORE INSERT ON public.t5 FOR EACH ROW EXECUTE FUNCTION hexdb.monthly_imported_base_trigger();
SELECT pg_temp.expect_rule($$INSERT INTO public.t5 VALUES ('1', 2, NULL, NULL)$$);
CREATE TABLE public.t6 (id bigint, user_id int, score bigint, created_at timestamptz);
CREATE TRIGGER x AFTER INSERT ON public.t6 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION hexdb.scores_monthly_trigger();
SELECT pg_temp.expect_rule($$INSERT INTO public.t6 VALUES (1, 1, 10, now())$$);
CREATE TABLE public.t7 (year text, month text, score text);
CREATE TRIGGER x AFTER INSERT ON public.t7 REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION hexdb.monthly_counts_trigger();
SELECT pg_temp.expect_rule($$INSERT INTO public.t7 VALUES ('a', 'b', 'c')$$);
CREATE TABLE public.t8 (x int);
CREATE TRIGGER x AFTER INSERT ON public.t8 FOR EACH STATEMENT EXECUTE FUNCTION hexdb.monthly_settings_trigger();
SELECT pg_temp.expect_rule($$INSERT INTO public.t8 VALUES (1)$$);
CREATE TABLE public.t9 (id bigint, requester_id uuid, receiver_id uuid, status text);
CREATE TRIGGER x AFTER DELETE ON public.t9 FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_notify();
INSERT INTO public.t9 VALUES (1, NULL, NULL, NULL);
SELECT pg_temp.expect_rule($$DELETE FROM public.t9$$);
-- Called as a plain function.
SELECT pg_temp.expect_rule($$SELECT hexdb.friendship_check()$$);

-- hexdb's own tables, altered too far by their owner: a clean refusal naming the table and
-- the column (42804 for a type, 39P01 for a dropped column), never a crash or XX000.
SELECT hexdb.create_user('trig-a@example.com', 'a', 'pw', '2000-01-01') AS a \gset
SELECT hexdb.create_user('trig-b@example.com', 'b', 'pw', '2000-01-01') AS b \gset
BEGIN;
ALTER TABLE hexdb.friendships DROP CONSTRAINT friendships_status_check, ALTER status DROP DEFAULT,
  ALTER status TYPE int USING 0;
SELECT pg_temp.expect_rule(format('INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES (%L, %L, 0)', :'a', :'b'));
ROLLBACK;
-- The functions read status and password_hash as text: another type is 42804 naming the
-- column (a by-value integer was read as a pointer, and crashed the server).
BEGIN;
SELECT hexdb.request_friendship(:'a', :'b');
ALTER TABLE hexdb.friendships DROP CONSTRAINT friendships_status_check, ALTER status DROP DEFAULT,
  ALTER status TYPE int USING 0;
SELECT pg_temp.expect_rule(format('SELECT hexdb.respond_friendship(%L, %L, true)', :'b', :'a'));
ROLLBACK;
BEGIN;
ALTER TABLE hexdb.users DROP CONSTRAINT users_password_hash_check, ALTER password_hash TYPE int USING 0;
SELECT pg_temp.expect_rule($$SELECT hexdb.check_password('trig-a@example.com', 'pw')$$);
ROLLBACK;
-- A domain over text reads as text.
BEGIN;
CREATE DOMAIN public.password_text AS text;
ALTER TABLE hexdb.users ALTER password_hash TYPE public.password_text;
SELECT hexdb.check_password('trig-a@example.com', 'pw') IS NOT NULL AS domain_reads;
ROLLBACK;
BEGIN;
ALTER TABLE hexdb.friendships DROP COLUMN updated_at;
SELECT pg_temp.expect_rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'b'));
ROLLBACK;
BEGIN;
ALTER TABLE hexdb.scores ALTER score TYPE numeric;
SELECT pg_temp.expect_rule(format('INSERT INTO hexdb.scores (user_id, score) VALUES (%L, 1)', :'a'));
ROLLBACK;
BEGIN;
ALTER TABLE hexdb.scores ALTER user_id DROP NOT NULL;
SELECT pg_temp.expect_rule($$INSERT INTO hexdb.scores (user_id, score) VALUES (NULL, 1)$$);
ROLLBACK;
BEGIN;
ALTER TABLE hexdb.monthly_scores ALTER score TYPE int;
SELECT pg_temp.expect_rule(format('SELECT hexdb.submit_score(%L, 5)', :'a'));
ROLLBACK;
-- The friendship trigger probes users' primary key as one uuid: a key moved elsewhere is refused.
BEGIN;
SET LOCAL client_min_messages = warning;  -- the cascade to the foreign keys
ALTER TABLE hexdb.users DROP CONSTRAINT users_pkey CASCADE;
SELECT pg_temp.expect_rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'b'));
ALTER TABLE hexdb.users ADD PRIMARY KEY (email);
SELECT pg_temp.expect_rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'b'));
ROLLBACK;
BEGIN;
SET LOCAL client_min_messages = warning;  -- the cascade to the foreign keys
ALTER TABLE hexdb.users DROP CONSTRAINT users_pkey CASCADE;
ALTER TABLE hexdb.users ADD PRIMARY KEY (user_id, email);
SELECT pg_temp.expect_rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'b'));
ROLLBACK;
-- The checks were cached per table and forgotten with the ALTERs: the tables work again.
SELECT hexdb.request_friendship(:'a', :'b') AS after_rollback;
SELECT hexdb.submit_score(:'a', 7) > 0 AS scored;

-- Only the role that created the extension may attach hexdb's trigger functions.
CREATE ROLE hexdb_trigger_nobody;
GRANT CREATE ON SCHEMA public TO hexdb_trigger_nobody;
SET ROLE hexdb_trigger_nobody;
CREATE TABLE public.mine (id bigint);
SELECT pg_temp.expect_error($$CREATE TRIGGER x AFTER INSERT ON public.mine FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_notify()$$);
SELECT pg_temp.expect_error($$CREATE TRIGGER x AFTER INSERT ON public.mine FOR EACH STATEMENT EXECUTE FUNCTION hexdb.scores_monthly_trigger()$$);
DROP TABLE public.mine;
RESET ROLE;
REVOKE CREATE ON SCHEMA public FROM hexdb_trigger_nobody;
DROP ROLE hexdb_trigger_nobody;

-- The server is still up and the session goes on.
SELECT 1 AS still_here;
SELECT hexdb.delete_user(:'a'), hexdb.delete_user(:'b');
DROP TABLE public.t, public.narrow, public.t1, public.t2, public.t3, public.t4, public.t5, public.t6,
  public.t7, public.t8, public.t9;
