-- hexdb 1.0 -> 1.1, the part that needs 1.1's functions: run once by ALTER EXTENSION hexdb
-- UPDATE after the re-runnable parts (the delta upgrade/hexdb--1.0--1.1.sql ran before them).

-- 1.0 checked emails with a regular expression whose [:space:] knew fewer spaces than
-- create_user; 1.1 calls the one rule, hexdb.is_email(), as a fresh setup() writes it.
ALTER TABLE hexdb.users DROP CONSTRAINT users_email_check,
  ADD CONSTRAINT users_email_check CHECK (hexdb.is_email(email));
