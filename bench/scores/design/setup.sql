CREATE TABLE s (id bigserial primary key, u int, score bigint, at timestamptz default now());
CREATE TABLE hot (y int, m int, level smallint, bucket bigint, players bigint, primary key (y,m,level,bucket)) with (fillfactor=50);
CREATE TABLE slots (y int, m int, level smallint, bucket bigint, slot int, players bigint, primary key (y,m,level,bucket,slot)) with (fillfactor=50);
CREATE TABLE deltas (y int, m int, leaf bigint, d int);
CREATE INDEX ON deltas (y, m, leaf);
CREATE TABLE base (y int, m int, level smallint, bucket bigint, players bigint, primary key (y,m,level,bucket));
CREATE FUNCTION compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF pg_try_advisory_xact_lock(4242) THEN
    WITH d AS (DELETE FROM deltas WHERE y = 2026 AND m = 3 RETURNING leaf, d),
    lv AS (SELECT l.level, d.leaf >> (6*l.level) AS bucket, sum(d.d) AS dd FROM d, generate_series(0,3) l(level) GROUP BY 1, 2)
    INSERT INTO base SELECT 2026, 3, level, bucket, dd FROM lv ORDER BY level, bucket
    ON CONFLICT (y,m,level,bucket) DO UPDATE SET players = base.players + excluded.players;
  END IF;
END $$;
