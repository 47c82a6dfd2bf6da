-- Legacy password values that look like a hash or a digest (issue #15): hashing one would make
-- the digest string the password and lock the user's real one out, and keeping a hash no
-- crypt(3) verifies makes check_password NULL for every input. Such users are quarantined in
-- import_rejects with a reason that names what the value looks like; usable hashes are kept and
-- plaintext passwords hashed, as before. In a database of its own, as import.sql.
\set regress_db :DBNAME
CREATE DATABASE hexdb_import_passwords;
\c hexdb_import_passwords
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS hexdb;
SELECT hexdb.setup() IS NOT NULL AS set_up;
RESET client_min_messages;
-- Plaintext passwords are hashed at the interim cost (hexdb.import_password_cost, 4), and raised
-- to hexdb.password_cost (5 here, to stay fast) by check_password at the first login.
SET hexdb.password_cost = 5;
SHOW hexdb.import_password_cost;

INSERT INTO hexdb.staging_users (id, email, nickname, password, birth_date, role)
SELECT i::text, 'p' || i || '@example.com', 'p' || i, pw, '2000-01-01', 'user'
  FROM (VALUES
    (1, '$2b$04$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW'),   -- a bcrypt hash: kept
    (2, 'hunter2'),                                                        -- plaintext: hashed
    (3, '$2b$12$short'),                                                   -- bcrypt, cut short
    (4, '$2b$04$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQ'),    -- one character short
    (5, '$6$short$abc'),                                                   -- sha512-crypt, no hash
    (6, '5f4dcc3b5aa765d61d8327deb882cf99'),                               -- unsalted MD5
    (7, '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'),                      -- MySQL PASSWORD()
    (8, '$2b$99$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW'),   -- cost 99
    (9, '$2b$03$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW'),   -- cost 3
    (10, '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8'),                      -- unsalted SHA-1
    (11, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo'),   -- a hash crypt(3) cannot verify
    (12, '$ecret$pass')                                                    -- a password that starts with '$'
  ) v(i, pw);

SELECT * FROM hexdb.import_legacy() WHERE table_name = 'users';
SELECT legacy_id, reason FROM hexdb.import_rejects WHERE table_name = 'users' ORDER BY legacy_id;

-- What went in: the hash kept, the plaintext passwords hashed at the interim cost; a login
-- raises them to hexdb.password_cost.
CREATE TEMP VIEW stored AS
SELECT u.legacy_id,
       CASE WHEN u.password_hash = s.password THEN 'kept'
            WHEN hexdb.is_password_hash(u.password_hash) THEN 'bcrypt cost ' || substr(u.password_hash, 5, 2)
            ELSE 'WRONG' END AS password
  FROM hexdb.users u JOIN hexdb.staging_users s ON s.id::int = u.legacy_id;
SELECT * FROM stored ORDER BY 1;
SELECT hexdb.check_password('p2@example.com', 'hunter2') IS NOT NULL AS plaintext_logs_in,
       hexdb.check_password('p12@example.com', '$ecret$pass') IS NOT NULL AS dollar_password_logs_in,
       hexdb.check_password('p2@example.com', 'hunter3') IS NULL AS wrong_password_refused;
SELECT * FROM stored ORDER BY 1;
SELECT hexdb.check_password('p2@example.com', 'hunter2') IS NOT NULL AS still_logs_in;

-- Another interim cost, for a run that wants one.
INSERT INTO hexdb.staging_users (id, email, nickname, password, birth_date, role)
  VALUES ('13', 'p13@example.com', 'p13', 'plain13', '2000-01-01', 'user');
SET hexdb.import_password_cost = 6;
SELECT imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'users';
SELECT * FROM stored WHERE legacy_id = 13;
SHOW hexdb.password_cost;  -- the import's own cost ended with it

-- is_password_hash: a well-formed bcrypt hash of an impossible cost is no hash it keeps.
SELECT v, hexdb.is_password_hash(v) AS is_hash, hexdb.import_password_reject(v) AS reject
  FROM (VALUES ('$2b$31$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW'),
               ('$2b$32$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW'),
               ('deadbeef'), ('5F4DCC3B5AA765D61D8327DEB882CF99')) t(v);

\c :regress_db
DROP DATABASE hexdb_import_passwords;
