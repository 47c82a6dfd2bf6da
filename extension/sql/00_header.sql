-- hexdb 1.0 install script, assembled by the Makefile from extension/sql/NN_*.sql.
-- Every object lives in schema hexdb. Functions name hexdb objects with their schema or pin
-- search_path, so nothing a user puts in public can capture a call made by the extension.

\echo Use "CREATE EXTENSION hexdb" to load this file. \quit

COMMENT ON SCHEMA hexdb IS 'hexdb: a game backend''s data rules (users, friendships, scores, leaderboards)';

-- Any role may look inside the schema and call its functions; table privileges stay with the
-- DBA, who grants them to the application's role.
GRANT USAGE ON SCHEMA hexdb TO PUBLIC;
