-- The mark where readers start their walk of the pending rank changes
-- (hexdb.monthly_score_folded, src/scores/pending_mark.hpp): set by each compaction, never
-- past a pending row; a mark its writer could not have set (one a restore copied from another
-- cluster, whose transaction ids mean nothing here) counts for nothing, and no mark means a
-- walk of all the pending rows. Either way every rank stays row_number()'s.
SET TimeZone = 'UTC';
-- Outside a transaction block: a transaction compacts at most once.
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('00000000-0000-7000-8000-0000000009' || lpad(i::text, 2, '0'))::uuid, 'mark' || i || '@example.com',
       'k' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 80) i;
-- 70 new players in one statement: >= 64 leaves, so it compacts and sets the mark.
INSERT INTO hexdb.scores (user_id, score, created_at)
SELECT ('00000000-0000-7000-8000-0000000009' || lpad(i::text, 2, '0'))::uuid, i * 1000, '2034-02-10 10:00+00'
  FROM generate_series(1, 70) i;
-- Three more, each a pending row of a leaf ahead of most players.
SELECT count(hexdb.submit_score(('00000000-0000-7000-8000-0000000009' || i)::uuid, 50000 + i * 100000, '2034-02-11 10:00+00'))
  FROM generate_series(71, 73) i;
CREATE TEMP VIEW wrong_ranks AS
  SELECT count(*) AS wrong
    FROM (SELECT user_id, row_number() OVER (ORDER BY score DESC, achieved_at, user_id) AS rank, count(*) OVER () AS total
            FROM hexdb.monthly_scores WHERE year = 2034 AND month = 2) p
   CROSS JOIN LATERAL hexdb.monthly_rank(p.user_id, 2034, 2) r
   WHERE (r.rank, r.total) IS DISTINCT FROM (p.rank, p.total);
SELECT (SELECT count(*) FROM hexdb.monthly_score_folded) AS marks,
       (SELECT count(*) FROM hexdb.monthly_score_deltas WHERE year = 2034) AS pending,
       (SELECT bool_and(d.written_in >= f.folded_before) FROM hexdb.monthly_score_deltas d, hexdb.monthly_score_folded f)
         AS pending_after_mark,
       (SELECT wrong FROM wrong_ranks);
-- A mark later than its own row's writer, as a restore from another cluster leaves it: it
-- would hide every pending row; it counts for nothing, and the answers stay exact.
BEGIN;
UPDATE hexdb.monthly_score_folded SET folded_before = (pg_current_xact_id()::text::numeric + 1000000)::text::xid8;
SELECT wrong FROM wrong_ranks;
SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000950', 2034, 2, 1);
ROLLBACK;
SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000950', 2034, 2, 1);
-- No mark: every pending row is walked.
DELETE FROM hexdb.monthly_score_folded;
SELECT wrong FROM wrong_ranks;
-- The next compaction (70 players whose best moves to another leaf) sets it again, and folds
-- every pending row.
INSERT INTO hexdb.scores (user_id, score, created_at)
SELECT ('00000000-0000-7000-8000-0000000009' || lpad(i::text, 2, '0'))::uuid, i * 777777, '2034-02-12 10:00+00'
  FROM generate_series(1, 70) i;
SELECT (SELECT count(*) FROM hexdb.monthly_score_folded) AS marks,
       (SELECT count(*) FROM hexdb.monthly_score_deltas) AS pending,
       (SELECT wrong FROM wrong_ranks), hexdb.monthly_scores_drift() AS drift;
DELETE FROM hexdb.users WHERE email LIKE 'mark%@example.com';
SELECT hexdb.monthly_scores_drift() AS drift;
