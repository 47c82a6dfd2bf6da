-- Visits (SPEC.md "Visits").
\i test/regress/sql/include/expect_error.psql
SET DateStyle = ISO;
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date) VALUES
  ('00000000-0000-7000-8000-0000000007a1', 'visits-a@example.com', 'va', '$2b$04$x', '2000-01-01'),
  ('00000000-0000-7000-8000-0000000007a2', 'visits-b@example.com', 'vb', '$2b$04$x', '2000-01-01');
SELECT hexdb.record_visit('00000000-0000-7000-8000-0000000007a1', '2031-05-01') AS first,
       hexdb.record_visit('00000000-0000-7000-8000-0000000007a1', '2031-05-01') AS second,
       hexdb.record_visit('00000000-0000-7000-8000-0000000007a1', '2031-05-03') AS other_day,
       hexdb.record_visit('00000000-0000-7000-8000-0000000007a2', '2031-05-01') AS other_user;
SELECT hexdb.record_visit('00000000-0000-7000-8000-0000000007a2') AS today;
SELECT visit_count AS counted_on_current_date FROM hexdb.game_visits
 WHERE user_id = '00000000-0000-7000-8000-0000000007a2' AND visit_date = current_date;
-- Every day of the range, quiet days included.
SELECT * FROM hexdb.daily_active_users('2031-04-30', '2031-05-03');
SELECT pg_temp.expect_error($$SELECT hexdb.record_visit(NULL)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.record_visit('00000000-0000-7000-8000-0000000007a1', NULL)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.record_visit('00000000-0000-7000-8000-00000000ffff')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.record_visit('00000000-0000-7000-8000-0000000007a1', 'infinity')$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.daily_active_users('2031-05-03', '2031-05-01')$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.daily_active_users(NULL, '2031-05-01')$$);
ROLLBACK;
