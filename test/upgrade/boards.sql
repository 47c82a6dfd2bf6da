-- Every board and read of a populated database, in a fixed order (compared before and after
-- an upgrade).
SELECT 'board', m, b.* FROM generate_series(1, 3) m, hexdb.monthly_leaderboard(2026, m, 100) b;
SELECT 'history', b.* FROM hexdb.monthly_leaderboard(2025, 12, 100) b;
SELECT 'page', b.* FROM hexdb.monthly_leaderboard(2026, 1, 2, 2) b;
SELECT 'rank', u.email, m, r.* FROM hexdb.users u, generate_series(1, 3) m, hexdb.monthly_rank(u.user_id, 2026, m) r ORDER BY 2, 3;
SELECT 'around', u.email, a.* FROM hexdb.users u, hexdb.leaderboard_around(u.user_id, 2026, 2, 1) a ORDER BY 2, 3;
SELECT 'friends_board', u.email, f.* FROM hexdb.users u, hexdb.friends_leaderboard(u.user_id, 2026, 1) f ORDER BY 2, 3;
SELECT 'friends', u.email, f.* FROM hexdb.users u, hexdb.friends(u.user_id, NULL) f ORDER BY 2, 3;
SELECT 'dau', d.* FROM hexdb.daily_active_users('2025-12-19', '2026-01-08') d;
SELECT 'login', hexdb.check_password('player2@example.com', 'pw-2') = (SELECT user_id FROM hexdb.users WHERE email = 'player2@example.com'),
       hexdb.check_password('legacy1@example.com', 'plain-pw') IS NOT NULL;
