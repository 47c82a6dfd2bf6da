-- Test oracle, independent of the C++ code: monthly_scores and the ranks recomputed in plain
-- SQL from hexdb.scores and the imported history. Loaded into each test database's public.

-- The aggregate as SPEC.md and README define it, in the configured zone and mode.
CREATE FUNCTION public.expected_monthly()
RETURNS TABLE (year int, month int, user_id uuid, score bigint, achieved_at timestamptz)
LANGUAGE sql STABLE AS $$
  WITH cfg AS (
    SELECT coalesce((SELECT timezone FROM hexdb.monthly_settings), 'UTC') AS tz,
           coalesce((SELECT aggregate FROM hexdb.monthly_settings), 'best') AS agg),
  s AS (
    SELECT extract(year FROM s.created_at AT TIME ZONE cfg.tz)::int AS y,
           extract(month FROM s.created_at AT TIME ZONE cfg.tz)::int AS m,
           s.user_id, s.score, s.created_at AS at
      FROM hexdb.scores s, cfg
    UNION ALL
    SELECT ms.year, ms.month, ms.user_id, ms.imported_score, ms.imported_at
      FROM hexdb.monthly_scores ms WHERE ms.imported)
  SELECT * FROM (SELECT DISTINCT ON (y, m, user_id) y, m, user_id, score, at FROM s
                  WHERE (SELECT agg FROM cfg) = 'best' ORDER BY y, m, user_id, score DESC, at) b
  UNION ALL
  SELECT y, m, user_id, sum(score)::bigint, max(at) FROM s
   WHERE (SELECT agg FROM cfg) = 'sum' GROUP BY y, m, user_id
  UNION ALL
  SELECT * FROM (SELECT DISTINCT ON (y, m, user_id) y, m, user_id, score, at FROM s
                  WHERE (SELECT agg FROM cfg) = 'latest' ORDER BY y, m, user_id, at DESC, score DESC) l
$$;

-- Rows where monthly_scores and the recomputation differ (0 when exact).
CREATE FUNCTION public.monthly_mismatches() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM (
    (SELECT * FROM public.expected_monthly()
     EXCEPT ALL SELECT year, month, user_id, score, achieved_at FROM hexdb.monthly_scores)
    UNION ALL
    (SELECT year, month, user_id, score, achieved_at FROM hexdb.monthly_scores
     EXCEPT ALL SELECT * FROM public.expected_monthly())) d
$$;

-- The ranking order by ROW_NUMBER(), for every month.
CREATE FUNCTION public.plain_ranks()
RETURNS TABLE (year int, month int, rank bigint, user_id uuid, score bigint, achieved_at timestamptz, total bigint)
LANGUAGE sql STABLE AS $$
  SELECT year, month,
         row_number() OVER (PARTITION BY year, month ORDER BY score DESC, achieved_at, user_id),
         user_id, score, achieved_at, count(*) OVER (PARTITION BY year, month)
    FROM hexdb.monthly_scores
$$;

-- Players whose monthly_rank() differs from ROW_NUMBER() (0 when every rank is right).
CREATE FUNCTION public.rank_mismatches() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM public.plain_ranks() p
   CROSS JOIN LATERAL hexdb.monthly_rank(p.user_id, p.year, p.month) r
   WHERE (r.rank, r.score, r.total) IS DISTINCT FROM (p.rank, p.score, p.total)
$$;

-- Leaderboard pages (every after_rank in steps) and neighbourhoods against ROW_NUMBER().
CREATE FUNCTION public.board_mismatches(step int) RETURNS bigint LANGUAGE sql STABLE AS $$
  WITH months AS (SELECT DISTINCT year, month, total FROM public.plain_ranks()),
  pages AS (
    SELECT mo.year, mo.month, b.* FROM months mo
     CROSS JOIN generate_series(0, mo.total, step) AS a(after)
     CROSS JOIN LATERAL hexdb.monthly_leaderboard(mo.year, mo.month, step, a.after) b),
  arounds AS (
    SELECT DISTINCT p.year, p.month, b.* FROM public.plain_ranks() p
     CROSS JOIN LATERAL hexdb.leaderboard_around(p.user_id, p.year, p.month, 2) b
     WHERE p.rank % step = 1),
  got AS (SELECT year, month, rank, user_id, score, achieved_at FROM pages
          UNION ALL SELECT year, month, rank, user_id, score, achieved_at FROM arounds),
  want AS (SELECT year, month, rank, user_id, score, achieved_at FROM public.plain_ranks())
  SELECT (SELECT count(*) FROM (SELECT * FROM got EXCEPT SELECT * FROM want) x)
       + (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT year, month, rank, user_id, score, achieved_at FROM pages) y)
$$;
