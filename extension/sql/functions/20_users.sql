-- Users (the table: setup/20_users.sql). Passwords are stored only as crypt(3)-style hashes.

-- The one definition of an email address (one @, no Unicode White_Space), in C++
-- (core/users/user_rules.hpp): the CHECK of users.email, create_user and import_legacy all call it.
CREATE OR REPLACE FUNCTION hexdb.is_email(email text) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_is_email' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.is_email(text) IS
  'True for local@domain: one @, neither side empty, no space (Unicode White_Space); the rule of users.email';

-- Not STRICT: a NULL argument is refused with 22004 naming it.
CREATE OR REPLACE FUNCTION hexdb.create_user(email text, nickname text, password text, birth_date date,
                                  role text DEFAULT 'user') RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_create_user'
  LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.create_user(text, text, text, date, text) IS
  'A new user; the password is stored as a bcrypt hash (cost hexdb.password_cost). 22023 for a bad email, nickname, role or password; 23505 when the email is taken (any case); 22004 for NULL';

-- Not STRICT either (NULL in, NULL out, in C): its owner is a role that is not necessarily a
-- superuser, and a C function that relied on STRICT would trust that owner never to drop it.
CREATE OR REPLACE FUNCTION hexdb.check_password(email text, password text) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_check_password'
  LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.check_password(text, text) IS
  'The user_id whose email (any case) and password match, else NULL; an unknown email takes as long as a wrong password';

CREATE OR REPLACE FUNCTION hexdb.delete_user(user_id uuid) RETURNS boolean
  AS 'MODULE_PATHNAME', 'hexdb_delete_user'
  LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.delete_user(uuid) IS
  'Deletes the user and, in the same transaction, their scores, friendships, monthly scores and visits; false when there was no such user';
