END
$setup$;
COMMENT ON FUNCTION hexdb.setup() IS
  'Creates (or completes) the game''s tables in schema hexdb, owned by the caller, with hexdb''s triggers; idempotent. Run once after CREATE EXTENSION hexdb (an update creates what a new version adds)';

-- Gives hexdb's definer-rights functions to new_owner (the tables' owner). Invoker's rights:
-- only a role that owns them already (and is a member of new_owner) or a superuser can.
CREATE OR REPLACE FUNCTION hexdb.own_definer_functions(new_owner oid) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  fn record;
BEGIN
  FOR fn IN
    SELECT p.oid::regprocedure AS signature, p.proowner
      FROM pg_proc p
      JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
     WHERE p.prosecdef AND p.proowner <> new_owner
     ORDER BY 1::text
  LOOP
    BEGIN
      EXECUTE format('ALTER FUNCTION %s OWNER TO %I', fn.signature, new_owner::regrole);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'hexdb''s definer-rights function % belongs to %, not to %, the owner of hexdb''s tables',
          fn.signature, fn.proowner::regrole, new_owner::regrole
        USING ERRCODE = '42501',
              HINT = format('Run SELECT hexdb.setup() as %s or as a superuser.', fn.proowner::regrole);
    END;
  END LOOP;
END
$$;
COMMENT ON FUNCTION hexdb.own_definer_functions(oid) IS
  'setup()''s helper: hexdb''s SECURITY DEFINER functions belong to the owner of hexdb''s tables';
