-- hexdb.setup(): the game's tables, created by the caller and owned by it, as ordinary tables
-- (not members of the extension), with hexdb's triggers attached. This file opens the
-- function; setup/NN_<domain>.sql hold each domain's tables (plain, idempotent DDL: IF NOT
-- EXISTS, CREATE OR REPLACE TRIGGER, COMMENT); 99_end.sql closes it. Run by the Makefile into
-- the install script and every upgrade script, so a new version's setup() adds what is new.
--
-- Invoker's rights: the caller needs CREATE on schema hexdb (its owner, who ran CREATE
-- EXTENSION, has it). search_path is pinned so every expression below (CHECKs, defaults,
-- operators) binds to pg_catalog and hexdb's qualified names, whatever the caller's path.
CREATE OR REPLACE FUNCTION hexdb.setup() RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
  SET client_min_messages = warning  -- no "already exists, skipping" notice per object on a rerun
AS $setup$
DECLARE
  data_owner oid := (SELECT c.relowner FROM pg_class c
                      WHERE c.oid = to_regclass('hexdb.users'));
  ext_owner oid := (SELECT e.extowner FROM pg_extension e WHERE e.extname = 'hexdb');
BEGIN
  -- Once there are tables, only their owner (or a member of that role) completes them.
  IF data_owner IS NOT NULL AND NOT pg_has_role(current_user, data_owner, 'USAGE') THEN
    RAISE EXCEPTION 'hexdb.setup() must be run by the owner of hexdb''s tables, %', data_owner::regrole
      USING ERRCODE = '42501';
  END IF;
  -- The schema now holds data: DROP EXTENSION must leave it (and DROP EXTENSION without
  -- CASCADE is refused while the tables' triggers use hexdb's functions).
  IF EXISTS (SELECT FROM pg_depend d
              WHERE d.classid = 'pg_namespace'::regclass AND d.objid = 'hexdb'::regnamespace
                AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e') THEN
    IF NOT pg_has_role(current_user, ext_owner, 'USAGE') THEN
      RAISE EXCEPTION 'hexdb.setup() must be run by the role that created the extension, %', ext_owner::regrole
        USING ERRCODE = '42501';
    END IF;
    ALTER EXTENSION hexdb DROP SCHEMA hexdb;
  END IF;
  -- hexdb's SECURITY DEFINER functions (the scores trigger, create/check/delete user,
  -- configure/rebuild, import_legacy, check_integrity) act as the tables' owner, so that an
  -- application role needs no right on the data it must not write. They belong to the role
  -- that ran CREATE EXTENSION; when the tables are (to be) another role's, they follow them.
  PERFORM hexdb.own_definer_functions(coalesce(data_owner, (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)));

