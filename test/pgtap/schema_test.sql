-- pgTAP: the tables, keys and functions SPEC.md names, as outside tests will call them.
BEGIN;
SELECT plan(25);

SELECT has_schema('hexdb');
SELECT tables_are('hexdb', ARRAY['users', 'scores', 'friendships', 'monthly_scores', 'game_visits',
  'monthly_score_counts', 'monthly_score_deltas', 'monthly_score_folded', 'monthly_settings',
  'import_rejects', 'staging_users', 'staging_scores', 'staging_friendships', 'staging_monthly_scores',
  'staging_game_visits']);
SELECT col_is_pk('hexdb', 'users', 'user_id', 'users keyed by user_id');
SELECT col_type_is('hexdb', 'users', 'user_id', 'uuid', 'user_id is a uuid');
SELECT col_default_is('hexdb', 'users', 'user_id', 'hexdb.uuid_generate_v7()', 'user_id defaults to a v7');
SELECT col_is_unique('hexdb', 'users', ARRAY['legacy_id'], 'legacy_id unique');
SELECT col_is_pk('hexdb', 'scores', 'id', 'scores keyed by id');
SELECT col_type_is('hexdb', 'scores', 'score', 'bigint', 'score is bigint');
SELECT col_is_pk('hexdb', 'friendships', 'id', 'friendships keyed by id');
SELECT col_is_pk('hexdb', 'monthly_scores', ARRAY['year', 'month', 'user_id'], 'monthly_scores key');
SELECT col_is_pk('hexdb', 'game_visits', ARRAY['user_id', 'visit_date'], 'game_visits key');
SELECT fk_ok('hexdb', 'scores', 'user_id', 'hexdb', 'users', 'user_id');
SELECT fk_ok('hexdb', 'friendships', 'requester_id', 'hexdb', 'users', 'user_id');
SELECT fk_ok('hexdb', 'friendships', 'receiver_id', 'hexdb', 'users', 'user_id');
SELECT fk_ok('hexdb', 'monthly_scores', 'user_id', 'hexdb', 'users', 'user_id');
SELECT fk_ok('hexdb', 'game_visits', 'user_id', 'hexdb', 'users', 'user_id');
SELECT col_type_is('hexdb', 'friendships', 'created_at', 'timestamp with time zone', 'timestamps are timestamptz');

SELECT has_function('hexdb', 'uuid_generate_v4', ARRAY[]::text[]);
SELECT has_function('hexdb', 'uuid_generate_v7', ARRAY['timestamp with time zone']);
SELECT has_function('hexdb', 'uuid_generate_v5', ARRAY['uuid', 'text']);
SELECT function_returns('hexdb', 'uuid_timestamp', ARRAY['uuid'], 'timestamp with time zone');
SELECT function_returns('hexdb', 'uuid_version', ARRAY['uuid'], 'integer');

-- Deleting a user takes their rows in other tables along, in the same transaction.
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  VALUES ('01900000-0000-7000-8000-000000000001', 'cascade@example.com', 'cascade', '$2b$04$x', '2000-01-01');
INSERT INTO hexdb.game_visits VALUES ('01900000-0000-7000-8000-000000000001', '2026-01-01', 3);
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at)
  VALUES (2026, 1, '01900000-0000-7000-8000-000000000001', 10, now());
DELETE FROM hexdb.users WHERE user_id = '01900000-0000-7000-8000-000000000001';
SELECT is((SELECT count(*) FROM hexdb.game_visits WHERE user_id = '01900000-0000-7000-8000-000000000001'), 0::bigint, 'visits cascade');
SELECT is((SELECT count(*) FROM hexdb.monthly_scores WHERE user_id = '01900000-0000-7000-8000-000000000001'), 0::bigint, 'monthly scores cascade');
SELECT throws_ok($$INSERT INTO hexdb.users (email, nickname, password_hash, birth_date) VALUES ('x@example.com', 'x', 'plaintext', '2000-01-01')$$,
                 '23514', NULL, 'a plaintext password is refused by the table itself');

SELECT * FROM finish();
ROLLBACK;
