-- Leaderboards (SPEC.md): ranking order score DESC, achieved_at ASC, user_id ASC; 1-based,
-- unique ranks; pages by rank; a player's rank and neighbours; friends ranked among themselves.
\i test/regress/sql/include/expect_error.psql
SET TimeZone = 'UTC';
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('00000000-0000-7000-8000-0000000006' || lpad(i::text, 2, '0'))::uuid, 'board' || i || '@example.com',
       'p' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 8) i;
-- p3 and p5 tie on 500 (p5 reached it first); p6 and p7 tie on 200 at the same time (user_id decides).
SELECT count(hexdb.submit_score(u, s, t)) AS submitted FROM (VALUES
  ('00000000-0000-7000-8000-000000000601'::uuid, 900, '2031-07-01 10:00+00'::timestamptz),
  ('00000000-0000-7000-8000-000000000602', 100, '2031-07-02 10:00+00'),
  ('00000000-0000-7000-8000-000000000603', 500, '2031-07-03 10:00+00'),
  ('00000000-0000-7000-8000-000000000604', 700, '2031-07-04 10:00+00'),
  ('00000000-0000-7000-8000-000000000605', 500, '2031-07-02 09:00+00'),
  ('00000000-0000-7000-8000-000000000606', 200, '2031-07-05 10:00+00'),
  ('00000000-0000-7000-8000-000000000607', 200, '2031-07-05 10:00+00'),
  ('00000000-0000-7000-8000-000000000601', 50, '2031-07-06 10:00+00')) v(u, s, t);

SELECT * FROM hexdb.monthly_leaderboard(2031, 7);
SELECT * FROM hexdb.monthly_leaderboard(2031, 7, 3);
SELECT * FROM hexdb.monthly_leaderboard(2031, 7, 3, 3);
SELECT * FROM hexdb.monthly_leaderboard(2031, 7, 3, 6);
SELECT count(*) AS past_the_end FROM hexdb.monthly_leaderboard(2031, 7, 3, 7);
SELECT count(*) AS empty_month FROM hexdb.monthly_leaderboard(2031, 8);

SELECT nickname, r.* FROM hexdb.users u CROSS JOIN LATERAL hexdb.monthly_rank(u.user_id, 2031, 7) r
 WHERE u.email LIKE 'board%' ORDER BY r.rank;
SELECT count(*) AS no_score_no_row FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000608', 2031, 7);

SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000603', 2031, 7, 1);
SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000601', 2031, 7);
SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000607', 2031, 7, 2);
SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000604', 2031, 7, 0);

-- p3's friends: p1 (accepted, asked by p3), p6 (accepted, asked p3); p4 pending and p8 accepted
-- without a score that month are left out.
INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES
  ('00000000-0000-7000-8000-000000000603', '00000000-0000-7000-8000-000000000601'),
  ('00000000-0000-7000-8000-000000000606', '00000000-0000-7000-8000-000000000603'),
  ('00000000-0000-7000-8000-000000000603', '00000000-0000-7000-8000-000000000604'),
  ('00000000-0000-7000-8000-000000000608', '00000000-0000-7000-8000-000000000603');
UPDATE hexdb.friendships SET status = 'accepted'
 WHERE '00000000-0000-7000-8000-000000000604' NOT IN (requester_id, receiver_id)
   AND '00000000-0000-7000-8000-000000000603' IN (requester_id, receiver_id);
SELECT * FROM hexdb.friends_leaderboard('00000000-0000-7000-8000-000000000603', 2031, 7);
SELECT * FROM hexdb.friends_leaderboard('00000000-0000-7000-8000-000000000603', 2031, 7, 2);
-- SPEC.md's argument names work in named notation too.
SELECT (SELECT count(*) FROM hexdb.leaderboard_around(user_id => '00000000-0000-7000-8000-000000000603', year => 2031, month => 7, radius => 1)) AS around_named,
       (SELECT count(*) FROM hexdb.friends_leaderboard(user_id => '00000000-0000-7000-8000-000000000603', year => 2031, month => 7, lim => 2)) AS friends_named,
       (SELECT count(*) FROM hexdb.monthly_rank(user_id => '00000000-0000-7000-8000-000000000603', year => 2031, month => 7)) AS rank_named;
SELECT rank, nickname FROM hexdb.friends_leaderboard('00000000-0000-7000-8000-000000000602', 2031, 7);

-- 2,000 players with heavy ties and scores from 0 to 10^15: every rank, page and neighbourhood
-- agrees with ROW_NUMBER() over the ranking order.
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('00000000-0000-7000-8001-' || lpad(i::text, 12, '0'))::uuid, 'many' || i || '@example.com',
       'm' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 2000) i;
SELECT setseed(0.25);
SELECT count(hexdb.submit_score(('00000000-0000-7000-8001-' || lpad((1 + (random() * 1999)::int)::text, 12, '0'))::uuid,
                                CASE WHEN g % 3 = 0 THEN (random() * 20)::bigint ELSE (random() ^ 6 * 1e15)::bigint END,
                                '2031-09-01 00:00+00'::timestamptz + (random() * 30)::int * interval '1 day')) > 0 AS submitted
  FROM generate_series(1, 6000) g;
CREATE TEMP TABLE plain AS
  SELECT row_number() OVER (ORDER BY score DESC, achieved_at, user_id) AS rank, user_id, score, achieved_at,
         count(*) OVER () AS total
    FROM hexdb.monthly_scores WHERE year = 2031 AND month = 9;
SELECT count(*) AS players, count(*) FILTER (WHERE score <= 20) AS low_tied_scores FROM plain;
SELECT count(*) AS rank_mismatches FROM plain p CROSS JOIN LATERAL hexdb.monthly_rank(p.user_id, 2031, 9) r
 WHERE (r.rank, r.score, r.total) IS DISTINCT FROM (p.rank, p.score, p.total);
SELECT count(*) AS page_mismatches FROM (
  SELECT b.rank, b.user_id, b.score, b.achieved_at FROM generate_series(0, 2000, 7) a
   CROSS JOIN LATERAL hexdb.monthly_leaderboard(2031, 9, 7, a) b
  EXCEPT SELECT rank, user_id, score, achieved_at FROM plain) x;
SELECT count(*) AS around_mismatches FROM (
  SELECT b.rank, b.user_id, b.score, b.achieved_at FROM plain p
   CROSS JOIN LATERAL hexdb.leaderboard_around(p.user_id, 2031, 9, 3) b WHERE p.rank % 13 = 0
  EXCEPT SELECT rank, user_id, score, achieved_at FROM plain) x;

-- Refusals.
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2031, 13)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2031, 0)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(NULL, 7)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2031, 7, -1)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2031, 7, 10, -5)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank(NULL, 2031, 7)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000601', 2031, 99)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000601', 2031, 7, -1)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.friends_leaderboard('00000000-0000-7000-8000-000000000601', 2031, 7, NULL)$$);
ROLLBACK;
