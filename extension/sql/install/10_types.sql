-- Composite types of the functions' results. Types cannot be replaced: a later version that
-- changes one does so in its upgrade script.

-- friends() returns this type rather than TABLE(...): a TABLE column named status would clash
-- with the parameter status.
CREATE TYPE hexdb.friend AS (friend_id uuid, nickname text, status text, direction text, since timestamptz);
COMMENT ON TYPE hexdb.friend IS
  'A row of friends(): the other user, their nickname, the pair''s status, outgoing (user asked or blocked) or incoming, and since when';

-- One row of every board. A named type rather than RETURNS TABLE, so that the player argument
-- of leaderboard_around and friends_leaderboard can be called user_id as SPEC.md names it
-- (PostgreSQL refuses an argument named like an output column of RETURNS TABLE).
CREATE TYPE hexdb.leaderboard_entry AS (rank bigint, user_id uuid, nickname text, score bigint, achieved_at timestamptz);
COMMENT ON TYPE hexdb.leaderboard_entry IS
  'A row of a leaderboard: 1-based unique rank (score desc, achieved_at asc, user_id), the player, nickname, score and when it was reached';
