-- The anchors hexdb's scores are measured against, in schema ref (never part of hexdb):
--  * ref.scores + ref.on_score(): the straightforward PL/pgSQL FOR EACH ROW trigger a user
--    would write to keep a monthly 'best' table (settings read from a table, like hexdb's);
--  * ref.scores_plain: the same table with no aggregation trigger (the bare COPY);
--  * plain SQL leaderboard queries on ref.monthly_scores (see run.sh).
CREATE SCHEMA ref;

CREATE TABLE ref.settings (timezone text NOT NULL DEFAULT 'UTC', aggregate text NOT NULL DEFAULT 'best');
INSERT INTO ref.settings DEFAULT VALUES;

-- Same columns, constraints, indexes and foreign key as hexdb.scores.
CREATE TABLE ref.scores (LIKE hexdb.scores INCLUDING ALL);
ALTER TABLE ref.scores ADD FOREIGN KEY (user_id) REFERENCES hexdb.users (user_id) ON DELETE CASCADE;
CREATE TABLE ref.scores_plain (LIKE hexdb.scores INCLUDING ALL);
ALTER TABLE ref.scores_plain ADD FOREIGN KEY (user_id) REFERENCES hexdb.users (user_id) ON DELETE CASCADE;

CREATE TABLE ref.monthly_scores (
  year        int NOT NULL,
  month       int NOT NULL,
  user_id     uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
  score       bigint NOT NULL,
  achieved_at timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, month, user_id)
);
CREATE INDEX ON ref.monthly_scores (year, month, score DESC, achieved_at, user_id);

CREATE FUNCTION ref.on_score() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tz text;
  local timestamp;
BEGIN
  SELECT timezone INTO tz FROM ref.settings;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    local := OLD.created_at AT TIME ZONE tz;
    DELETE FROM ref.monthly_scores
     WHERE year = extract(year FROM local) AND month = extract(month FROM local) AND user_id = OLD.user_id;
    INSERT INTO ref.monthly_scores (year, month, user_id, score, achieved_at)
    SELECT extract(year FROM local), extract(month FROM local), OLD.user_id, s.score, s.created_at
      FROM ref.scores s
     WHERE s.user_id = OLD.user_id
       AND s.created_at >= date_trunc('month', local) AT TIME ZONE tz
       AND s.created_at < (date_trunc('month', local) + interval '1 month') AT TIME ZONE tz
     ORDER BY s.score DESC, s.created_at LIMIT 1;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    local := NEW.created_at AT TIME ZONE tz;
    INSERT INTO ref.monthly_scores AS m (year, month, user_id, score, achieved_at)
    VALUES (extract(year FROM local), extract(month FROM local), NEW.user_id, NEW.score, NEW.created_at)
    ON CONFLICT (year, month, user_id) DO UPDATE
      SET score = EXCLUDED.score, achieved_at = EXCLUDED.achieved_at, updated_at = now()
      WHERE EXCLUDED.score > m.score OR (EXCLUDED.score = m.score AND EXCLUDED.achieved_at < m.achieved_at);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER scores_monthly AFTER INSERT OR UPDATE OR DELETE ON ref.scores
  FOR EACH ROW EXECUTE FUNCTION ref.on_score();

CREATE FUNCTION ref.submit_score(p_user uuid, p_score bigint, p_at timestamptz DEFAULT now()) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  new_id bigint;
BEGIN
  INSERT INTO ref.scores (user_id, score, created_at) VALUES (p_user, p_score, p_at) RETURNING id INTO new_id;
  RETURN new_id;
END $$;
