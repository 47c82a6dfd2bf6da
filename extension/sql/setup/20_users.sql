  ----------------------------------------------------------------------------------- users
  -- Passwords are stored only as crypt(3)-style hashes.
  CREATE TABLE IF NOT EXISTS hexdb.users (
    user_id       uuid PRIMARY KEY DEFAULT hexdb.uuid_generate_v7(),
    legacy_id     int UNIQUE,
    email         text NOT NULL CHECK (hexdb.is_email(email)),
    nickname      text NOT NULL CHECK (char_length(nickname) BETWEEN 1 AND 100),
    password_hash text NOT NULL CHECK (password_hash ~ '^\$[0-9a-z-]+\$'),
    birth_date    date NOT NULL,
    role          text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now()
  );
  -- DROP EXTENSION ... CASCADE takes this default with it; a later setup() puts it back.
  ALTER TABLE hexdb.users ALTER COLUMN user_id SET DEFAULT hexdb.uuid_generate_v7();
  CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON hexdb.users (lower(email));
  -- DROP EXTENSION ... CASCADE takes the email check with hexdb.is_email(); put it back.
  IF NOT EXISTS (SELECT FROM pg_constraint c
                  WHERE c.conrelid = 'hexdb.users'::regclass AND c.conname = 'users_email_check') THEN
    ALTER TABLE hexdb.users ADD CONSTRAINT users_email_check CHECK (hexdb.is_email(email));
  END IF;

  COMMENT ON TABLE hexdb.users IS 'Players and admins';
  COMMENT ON COLUMN hexdb.users.user_id IS 'Version 7 UUID, time-ordered';
  COMMENT ON COLUMN hexdb.users.legacy_id IS 'The integer id this user had in the MySQL system, if imported';
  COMMENT ON COLUMN hexdb.users.email IS 'Unique regardless of case';
  COMMENT ON COLUMN hexdb.users.nickname IS '1 to 100 characters (not bytes)';
  COMMENT ON COLUMN hexdb.users.password_hash IS 'A crypt(3)-style hash ($id$...); never plaintext';
  COMMENT ON COLUMN hexdb.users.role IS 'user or admin';
  COMMENT ON INDEX hexdb.users_email_key IS 'Email uniqueness regardless of case';

