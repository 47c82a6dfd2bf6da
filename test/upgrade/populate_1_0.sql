-- Fills a hexdb 1.0 database through every function: users, friendships in every state,
-- scores in several months, imported history (import_legacy), visits, a changed setting.
SET client_min_messages = warning;
SET hexdb.password_cost = 4;
CREATE TEMP TABLE u (n int PRIMARY KEY, id uuid NOT NULL);
INSERT INTO u SELECT i, hexdb.create_user('player' || i || '@example.com', 'Player ' || i, 'pw-' || i,
                                          '2000-01-01'::date + i, CASE WHEN i = 1 THEN 'admin' ELSE 'user' END)
  FROM generate_series(1, 8) i;
SELECT hexdb.uuid_version(hexdb.uuid_generate_v4()), hexdb.uuid_generate_v5(hexdb.uuid_ns_dns(), 'hexdb.example.com');

-- Friendships: accepted by an answer, accepted by asking back, pending, rejected, blocked, removed.
SELECT hexdb.request_friendship((SELECT id FROM u WHERE n = 1), (SELECT id FROM u WHERE n = 2));
SELECT hexdb.respond_friendship((SELECT id FROM u WHERE n = 2), (SELECT id FROM u WHERE n = 1), true);
SELECT hexdb.request_friendship((SELECT id FROM u WHERE n = 3), (SELECT id FROM u WHERE n = 1));
SELECT hexdb.request_friendship((SELECT id FROM u WHERE n = 1), (SELECT id FROM u WHERE n = 3));
SELECT hexdb.request_friendship((SELECT id FROM u WHERE n = 4), (SELECT id FROM u WHERE n = 1));
SELECT hexdb.request_friendship((SELECT id FROM u WHERE n = 5), (SELECT id FROM u WHERE n = 1));
SELECT hexdb.respond_friendship((SELECT id FROM u WHERE n = 1), (SELECT id FROM u WHERE n = 5), false);
SELECT hexdb.block_user((SELECT id FROM u WHERE n = 6), (SELECT id FROM u WHERE n = 1));
SELECT hexdb.request_friendship((SELECT id FROM u WHERE n = 7), (SELECT id FROM u WHERE n = 8));
SELECT hexdb.remove_friendship((SELECT id FROM u WHERE n = 7), (SELECT id FROM u WHERE n = 8));

-- Scores in three months, with ties and several scores per user and month.
SELECT hexdb.submit_score(u.id, (u.n * 37 + k * 11) % 100, timestamptz '2026-01-03 10:00+00' + make_interval(days => m * 31 + k, hours => u.n))
  FROM u, generate_series(0, 2) m, generate_series(1, 3) k WHERE u.n <= 6;
SELECT hexdb.submit_score((SELECT id FROM u WHERE n = 7), 50, '2026-02-10 12:00+00');

-- Imported history: legacy users, a legacy score, monthly history no score backs, visits.
INSERT INTO hexdb.staging_users VALUES
  ('101', 'legacy1@example.com', 'Legacy One', 'plain-pw', '1990-01-01', 'user'),
  ('102', 'legacy2@example.com', 'Legacy Two', '$2b$04$abcdefghijklmnopqrstuu1234567890123456789012345678901', '1991-02-02', 'user');
INSERT INTO hexdb.staging_scores VALUES ('9001', '101', '77', '2026-02-15 08:00:00');
INSERT INTO hexdb.staging_monthly_scores VALUES
  ('1', '101', '2025', '12', '640', '2025-12-20 09:00:00'),
  ('2', '102', '2025', '12', '720', '2025-12-21 09:00:00'),
  ('3', '999', '2025', '12', '1', '2025-12-21 09:00:00');
INSERT INTO hexdb.staging_game_visits VALUES ('1', '101', '2025-12-20', '3');
SELECT * FROM hexdb.import_legacy('UTC');

SELECT hexdb.record_visit(u.id, '2026-01-05'::date + (u.n % 3)) FROM u;
SELECT hexdb.record_visit((SELECT id FROM u WHERE n = 1), '2026-01-05');
SELECT hexdb.configure_monthly('UTC', 'sum');
SELECT hexdb.delete_user((SELECT id FROM u WHERE n = 8));
