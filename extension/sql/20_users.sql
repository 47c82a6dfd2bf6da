-- Users. Passwords are stored only as crypt(3)-style hashes.

-- The one definition of an email address (one @, no Unicode White_Space), in C++
-- (core/users/user_rules.hpp): the CHECK below, create_user and import_legacy all call it.
CREATE FUNCTION hexdb.is_email(email text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_is_email' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.is_email(text) IS
  'True for local@domain: one @, neither side empty, no space (Unicode White_Space); the rule of users.email';

CREATE TABLE hexdb.users (
  user_id       uuid PRIMARY KEY DEFAULT hexdb.uuid_generate_v7(),
  legacy_id     int UNIQUE,
  email         text NOT NULL CHECK (hexdb.is_email(email)),
  nickname      text NOT NULL CHECK (char_length(nickname) BETWEEN 1 AND 100),
  password_hash text NOT NULL CHECK (password_hash ~ '^\$[0-9a-z-]+\$'),
  birth_date    date NOT NULL,
  role          text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON hexdb.users (lower(email));
SELECT pg_catalog.pg_extension_config_dump('hexdb.users', '');

COMMENT ON TABLE hexdb.users IS 'Players and admins';
COMMENT ON COLUMN hexdb.users.user_id IS 'Version 7 UUID, time-ordered';
COMMENT ON COLUMN hexdb.users.legacy_id IS 'The integer id this user had in the MySQL system, if imported';
COMMENT ON COLUMN hexdb.users.email IS 'Unique regardless of case';
COMMENT ON COLUMN hexdb.users.nickname IS '1 to 100 characters (not bytes)';
COMMENT ON COLUMN hexdb.users.password_hash IS 'A crypt(3)-style hash ($id$...); never plaintext';
COMMENT ON COLUMN hexdb.users.role IS 'user or admin';
COMMENT ON INDEX hexdb.users_email_key IS 'Email uniqueness regardless of case';

-- Not STRICT: a NULL argument is refused with 22004 naming it.
CREATE FUNCTION hexdb.create_user(email text, nickname text, password text, birth_date date,
                                  role text DEFAULT 'user') RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_create_user'
  LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.create_user(text, text, text, date, text) IS
  'A new user; the password is stored as a bcrypt hash (cost hexdb.password_cost). 22023 for a bad email, nickname, role or password; 23505 when the email is taken (any case); 22004 for NULL';

CREATE FUNCTION hexdb.check_password(email text, password text) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_check_password'
  LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION hexdb.check_password(text, text) IS
  'The user_id whose email (any case) and password match, else NULL; an unknown email takes as long as a wrong password';

CREATE FUNCTION hexdb.delete_user(user_id uuid) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_delete_user'
  LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.delete_user(uuid) IS
  'Deletes the user and, in the same transaction, their scores, friendships, monthly scores and visits; false when there was no such user';
