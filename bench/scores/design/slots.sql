\set sc random(0, 1000000000)
\set leaf random(851968, 917503)
BEGIN;
INSERT INTO s (u, score) VALUES (1, :sc);
INSERT INTO slots SELECT 2026, 3, l, :leaf >> (6*l), pg_backend_pid() % 8, 1 FROM generate_series(0,3) l ON CONFLICT (y,m,level,bucket,slot) DO UPDATE SET players = slots.players + 1;
COMMIT;
