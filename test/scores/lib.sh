# Source from a test in this directory: scores_db NAME creates database NAME with hexdb and
# the oracle (oracle.sql) loaded; q runs SQL in it (unaligned, tuples only, stop on error);
# users N PREFIX adds N users with UUIDs 00000000-0000-7000-8000-<i> (i from 1).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../lib/tap.sh"
scores_db() {
  db=$1
  psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null >/dev/null
  q -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -f "$here/oracle.sql" >/dev/null
}
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }
users() {
  q -c "INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
        SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, '$2' || i || '@example.com',
               '$2' || i, '\$2b\$04\$x', '2000-01-01' FROM generate_series(1, $1) i" >/dev/null
}
drop_db() { psql -qX -c "DROP DATABASE $db" >/dev/null; }
# mix_script FILE USERS MAX_SCORE OPS: a pgbench script of the scores races on USERS users in
# two months (times around the end of January): op 1-7 submit_score, 8 deletes a user's best,
# 9 halves one of their scores, 11 and up (when OPS > 10) insert 70 scores in one statement.
mix_script() {
  cat >"$1" <<SQL
\\set u random(1, $2)
\\set s random(0, $3)
\\set minutes random(-600, 600)
\\set op random(1, $4)
SELECT CASE WHEN :op <= 7 THEN
  hexdb.submit_score(('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid, :s,
                     timestamptz '2026-01-31 15:00+00' + :minutes * interval '1 minute')
END;
DELETE FROM hexdb.scores WHERE :op = 8 AND id = (SELECT id FROM hexdb.scores
  WHERE user_id = ('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid ORDER BY score DESC LIMIT 1);
UPDATE hexdb.scores SET score = score / 2 WHERE :op = 9 AND id = (SELECT id FROM hexdb.scores
  WHERE user_id = ('00000000-0000-7000-8000-' || lpad(:u::text, 12, '0'))::uuid ORDER BY random() LIMIT 1);
INSERT INTO hexdb.scores (user_id, score, created_at)
  SELECT ('00000000-0000-7000-8000-' || lpad((1 + (:u + g * 37) % $2)::text, 12, '0'))::uuid,
         (random() * $3)::bigint, timestamptz '2026-01-31 15:00+00' + (g * 17 - 600) * interval '1 minute'
    FROM generate_series(1, 70) g WHERE :op >= 11;
SQL
}
