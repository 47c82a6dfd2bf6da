\set sc random(0, 1000000000)
\set leaf random(851968, 917503)
BEGIN;
INSERT INTO s (u, score) VALUES (1, :sc);
INSERT INTO deltas VALUES (2026, 3, :leaf, 1);
SELECT compact();
COMMIT;
