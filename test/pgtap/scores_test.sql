-- pgTAP: the scores, leaderboard and visits surface of SPEC.md, as outside tests call it.
BEGIN;
SELECT plan(32);

SELECT function_returns('hexdb', 'submit_score', ARRAY['uuid', 'bigint', 'timestamp with time zone'], 'bigint');
SELECT function_returns('hexdb', 'configure_monthly', ARRAY['text', 'text'], 'bigint');
SELECT function_returns('hexdb', 'rebuild_monthly_scores', ARRAY['integer', 'integer'], 'bigint');
SELECT function_returns('hexdb', 'monthly_leaderboard', ARRAY['integer', 'integer', 'integer', 'bigint'], 'setof hexdb.leaderboard_entry');
SELECT function_returns('hexdb', 'monthly_rank', ARRAY['uuid', 'integer', 'integer'], 'setof record');
SELECT function_returns('hexdb', 'leaderboard_around', ARRAY['uuid', 'integer', 'integer', 'integer'], 'setof hexdb.leaderboard_entry');
SELECT function_returns('hexdb', 'friends_leaderboard', ARRAY['uuid', 'integer', 'integer', 'integer'], 'setof hexdb.leaderboard_entry');
SELECT function_returns('hexdb', 'record_visit', ARRAY['uuid', 'date'], 'integer');
SELECT function_returns('hexdb', 'daily_active_users', ARRAY['date', 'date'], 'setof record');
SELECT col_type_is('hexdb', 'monthly_scores', 'imported', 'boolean', 'monthly_scores.imported marks imported history');
SELECT col_default_is('hexdb', 'monthly_scores', 'imported', 'false', 'rows are not imported unless said so');
SELECT has_index('hexdb', 'monthly_scores', 'monthly_scores_rank_idx', 'the ranking order is indexed');
SELECT has_index('hexdb', 'game_visits', 'game_visits_date_idx', 'visits by day are indexed');
SELECT trigger_is('hexdb', 'scores', 'scores_monthly_insert', 'hexdb', 'scores_monthly_trigger');
SELECT trigger_is('hexdb', 'scores', 'scores_monthly_truncate', 'hexdb', 'scores_monthly_trigger');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'hexdb.scores'::regclass AND NOT tgisinternal
            AND tgtype & 1 = 0), 4::bigint, 'the scores triggers are statement-level (insert, update, delete, truncate)');
SELECT is((SELECT count(*) FROM pg_trigger WHERE tgrelid = 'hexdb.scores'::regclass AND NOT tgisinternal
            AND (tgoldtable IS NOT NULL OR tgnewtable IS NOT NULL)), 3::bigint, 'with transition tables');

INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date) VALUES
  ('00000000-0000-7000-8000-0000000008a1', 'tap-a@example.com', 'tap a', '$2b$04$x', '2000-01-01'),
  ('00000000-0000-7000-8000-0000000008a2', 'tap-b@example.com', 'tap b', '$2b$04$x', '2000-01-01');
SELECT ok(hexdb.submit_score('00000000-0000-7000-8000-0000000008a1', 10, '2031-02-10') > 0, 'submit_score returns an id');
SELECT ok(hexdb.submit_score('00000000-0000-7000-8000-0000000008a2', 10, '2031-02-09') > 0, 'a tie, reached earlier');
SELECT results_eq($$SELECT rank, nickname FROM hexdb.monthly_leaderboard(2031, 2)$$,
                  $$VALUES (1::bigint, 'tap b'::text), (2, 'tap a')$$, 'a tie goes to who reached it first');
SELECT results_eq($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-0000000008a1', 2031, 2)$$,
                  $$VALUES (2::bigint, 10::bigint, 2::bigint)$$, 'monthly_rank: rank, score, total');
SELECT is_empty($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-0000000008a1', 2031, 3)$$,
                'no row without a score that month');
SELECT throws_ok($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000008a1', -5)$$, '22023', NULL, 'negative score');
SELECT throws_ok($$SELECT hexdb.submit_score(NULL, 5)$$, '22004', NULL, 'NULL user');
SELECT throws_ok($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000008ff', 5)$$, '23503',
                 'user 00000000-0000-7000-8000-0000000008ff does not exist', 'unknown user');
SELECT throws_ok($$SELECT * FROM hexdb.monthly_leaderboard(2031, 13)$$, '22023', NULL, 'month 13');
SELECT throws_ok($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-0000000008a1', 2031, NULL)$$, '22004', NULL, 'NULL month');
SELECT throws_ok($$SELECT hexdb.configure_monthly('No/Such_Zone')$$, '22023', NULL, 'unknown time zone');
SELECT is(hexdb.record_visit('00000000-0000-7000-8000-0000000008a1', '2031-02-10'), 1, 'first visit of the day');
SELECT is(hexdb.record_visit('00000000-0000-7000-8000-0000000008a1', '2031-02-10'), 2, 'second visit of the day');
SELECT throws_ok($$SELECT hexdb.record_visit('00000000-0000-7000-8000-0000000008ff')$$, '23503', NULL, 'visit of an unknown user');
SELECT results_eq($$SELECT users, visits FROM hexdb.daily_active_users('2031-02-10', '2031-02-10')$$,
                  $$VALUES (1::bigint, 2::bigint)$$, 'daily_active_users');

SELECT * FROM finish();
ROLLBACK;
