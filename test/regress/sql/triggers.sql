-- Every hexdb trigger function refuses a firing it was not written for, with one SQLSTATE
-- (39P01) and one message shape naming the table (extension/src/pg/trigger.hpp): any role may
-- attach any trigger function to any table, and none of these may crash the server.
\i test/regress/sql/include/expect_error.psql
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

-- A table without a column the trigger reads.
CREATE TABLE public.narrow (id bigint, requester_id uuid);
CREATE TRIGGER x BEFORE INSERT ON public.narrow FOR EACH ROW EXECUTE FUNCTION hexdb.friendship_check();
SELECT pg_temp.refusal($$INSERT INTO public.narrow VALUES (1, NULL)$$);

-- The server is still up and the session goes on.
SELECT 1 AS still_here;
DROP TABLE public.t, public.narrow;
