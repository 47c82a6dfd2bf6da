-- Refusals a driver can tell apart (issue #12 item 4, README "Refusals a driver can tell
-- apart"): each refusal hexdb raises names its rule in the error's constraint field, and its
-- table; 42501 for "blocked" and "not yours" differs from a missing GRANT (no constraint).
-- Every function that takes a user answers 23503 user_unknown for one that does not exist.
\i test/regress/sql/include/expect_error.psql
\i test/regress/sql/include/expect_rule.psql
SET hexdb.password_cost = 4;
SELECT hexdb.create_user('rules-a@example.com', 'a', 'pw', '2000-01-01') AS a \gset
SELECT hexdb.create_user('rules-b@example.com', 'b', 'pw', '2000-01-01') AS b \gset
SELECT hexdb.create_user('rules-c@example.com', 'c', 'pw', '2000-01-01') AS c \gset
\set nobody '00000000-0000-7000-8000-00000000dead'
-- The users' ids change with every run: messages show them as A, B and C.
SELECT set_config('hexdb_rules.a', :'a', false), set_config('hexdb_rules.b', :'b', false),
       set_config('hexdb_rules.c', :'c', false) \gset
CREATE FUNCTION pg_temp.rule(sql text) RETURNS text LANGUAGE sql AS $$
  SELECT replace(replace(replace(pg_temp.expect_rule(sql), current_setting('hexdb_rules.a'), 'A'),
                         current_setting('hexdb_rules.b'), 'B'), current_setting('hexdb_rules.c'), 'C')
$$;

-- users
SELECT pg_temp.rule($$SELECT hexdb.create_user('no-at.example.com', 'x', 'pw', '2000-01-01')$$) AS email_format;
SELECT pg_temp.rule($$SELECT hexdb.create_user('n@example.com', '', 'pw', '2000-01-01')$$) AS nickname_length;
SELECT pg_temp.rule($$SELECT hexdb.create_user('n@example.com', 'x', 'pw', '2000-01-01', 'root')$$) AS role_value;
SELECT pg_temp.rule($$SELECT hexdb.create_user('n@example.com', 'x', '', '2000-01-01')$$) AS password_length;
SELECT pg_temp.rule($$SELECT hexdb.create_user('RULES-A@example.com', 'x', 'pw', '2000-01-01')$$) AS email_taken;
SELECT pg_temp.rule($$SELECT hexdb.create_user(NULL, 'x', 'pw', '2000-01-01')$$) AS not_null;

-- friendships
SELECT pg_temp.rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'a')) AS friendship_self;
SELECT hexdb.request_friendship(:'a', :'b');
SELECT pg_temp.rule(format('SELECT hexdb.respond_friendship(%L, %L, true)', :'a', :'b')) AS friendship_not_yours;
SELECT pg_temp.rule(format('SELECT hexdb.respond_friendship(%L, %L, true)', :'c', :'a')) AS friendship_no_request;
SELECT hexdb.respond_friendship(:'b', :'a', true);
SELECT pg_temp.rule(format($$UPDATE hexdb.friendships SET status = 'pending' WHERE requester_id = %L$$, :'a')) AS friendship_transition;
SELECT pg_temp.rule(format($$UPDATE hexdb.friendships SET status = 'friends' WHERE requester_id = %L$$, :'a')) AS friendship_status;
SELECT hexdb.block_user(:'c', :'a');
SELECT pg_temp.rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'c')) AS friendship_blocked;
SELECT pg_temp.rule(format('SELECT hexdb.block_user(%L, %L)', :'a', :'c')) AS friendship_blocked_back;
SELECT pg_temp.rule(format('SELECT hexdb.remove_friendship(%L, %L)', :'a', :'c')) AS friendship_blocked_unblock;
SELECT pg_temp.rule(format('SELECT hexdb.request_friendship(%L, %L)', :'c', :'a')) AS friendship_block_stands;
SELECT pg_temp.rule(format($$SELECT * FROM hexdb.friends(%L, 'friends')$$, :'a')) AS friends_status;
SELECT pg_temp.rule(format($$SELECT * FROM hexdb.friends(%L, lim => 0)$$, :'a')) AS friends_lim;
-- A missing GRANT is 42501 too, but names no rule.
CREATE ROLE hexdb_rules_nobody;
SET ROLE hexdb_rules_nobody;
SELECT pg_temp.rule(format('SELECT hexdb.request_friendship(%L, %L)', :'a', :'c')) AS missing_grant;
RESET ROLE;
DROP ROLE hexdb_rules_nobody;

-- scores and boards
SELECT pg_temp.rule(format('SELECT hexdb.submit_score(%L, -1)', :'a')) AS score_not_negative;
SELECT pg_temp.rule(format($$SELECT hexdb.submit_score(%L, 1, 'infinity')$$, :'a')) AS score_time_finite;
SELECT pg_temp.rule($$SELECT * FROM hexdb.monthly_leaderboard(2026, 13)$$) AS month_range;
SELECT pg_temp.rule($$SELECT * FROM hexdb.monthly_leaderboard(2026, 1, -1)$$) AS lim_at_least;
SELECT pg_temp.rule(format('SELECT * FROM hexdb.leaderboard_around(%L, 2026, 1, -1)', :'a')) AS radius_at_least;
SELECT pg_temp.rule($$SELECT hexdb.rebuild_monthly_scores(NULL, 3)$$) AS month_needs_year;
SELECT pg_temp.rule($$SELECT hexdb.configure_monthly('Nowhere/Zone')$$) AS timezone_known;
SELECT pg_temp.rule($$SELECT hexdb.configure_monthly(NULL, 'median')$$) AS monthly_aggregate;

-- visits and UUIDs
SELECT pg_temp.rule(format($$SELECT hexdb.record_visit(%L, 'infinity')$$, :'a')) AS day_finite;
SELECT pg_temp.rule($$SELECT * FROM hexdb.daily_active_users('2026-02-01', '2026-01-01')$$) AS day_range;
SELECT pg_temp.rule($$SELECT * FROM hexdb.daily_active_users('2016-01-01', '2026-01-09')$$) AS day_range_limit;
SELECT count(*) AS days_at_the_limit FROM hexdb.daily_active_users('2016-01-01', '2026-01-08');
SELECT pg_temp.rule($$SELECT hexdb.uuid_generate_v7('1969-12-31Z')$$) AS uuid_v7_time_range;

-- A user that does not exist: 23503 user_unknown, writes and reads alike.
SELECT fn, pg_temp.rule(call) AS refusal FROM (VALUES
  ('request_friendship', format('SELECT hexdb.request_friendship(%L, %L)', :'nobody', :'a')),
  ('respond_friendship', format('SELECT hexdb.respond_friendship(%L, %L, true)', :'nobody', :'a')),
  ('block_user', format('SELECT hexdb.block_user(%L, %L)', :'a', :'nobody')),
  ('remove_friendship', format('SELECT hexdb.remove_friendship(%L, %L)', :'nobody', :'a')),
  ('friends', format('SELECT * FROM hexdb.friends(%L)', :'nobody')),
  ('submit_score', format('SELECT hexdb.submit_score(%L, 1)', :'nobody')),
  ('monthly_rank', format('SELECT * FROM hexdb.monthly_rank(%L, 2026, 1)', :'nobody')),
  ('leaderboard_around', format('SELECT * FROM hexdb.leaderboard_around(%L, 2026, 1)', :'nobody')),
  ('friends_leaderboard', format('SELECT * FROM hexdb.friends_leaderboard(%L, 2026, 1)', :'nobody')),
  ('record_visit', format('SELECT hexdb.record_visit(%L)', :'nobody'))) AS t(fn, call);
-- A user who exists but has no score that month: no row, no error.
SELECT count(*) AS no_rank FROM hexdb.monthly_rank(:'c', 1999, 1);
SELECT count(*) AS no_neighbours FROM hexdb.leaderboard_around(:'c', 1999, 1);
SELECT count(*) AS no_friends_board FROM hexdb.friends_leaderboard(:'c', 1999, 1);

SELECT hexdb.delete_user(:'a'), hexdb.delete_user(:'b'), hexdb.delete_user(:'c');
