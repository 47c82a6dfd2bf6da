-- UUIDs (RFC 9562). The layout lives in extension/src/core/uuid_layout.hpp.

CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v4() RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v4'
  LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_generate_v4() IS
  'A random (version 4) UUID from the kernel CSPRNG, buffered per backend';

-- PARALLEL RESTRICTED: the monotonic clock belongs to the session's own backend.
CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v7() RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v7'
  LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION hexdb.uuid_generate_v7() IS
  'A time-ordered (version 7) UUID: Unix ms, 12-bit sub-ms fraction, random rest; strictly increasing within a session';

CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v7("at" timestamptz) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v7_at'
  LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_generate_v7(timestamptz) IS
  'A version 7 UUID for the given time, so that backfilled rows keep time order';

CREATE OR REPLACE FUNCTION hexdb.uuid_v7_boundary("at" timestamptz) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_v7_boundary'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_v7_boundary(timestamptz) IS
  'The smallest version 7 UUID of the millisecond of "at": WHERE id >= uuid_v7_boundary(t) scans from t';

CREATE OR REPLACE FUNCTION hexdb.uuid_generate_v5(namespace uuid, name text) RETURNS uuid
  AS 'MODULE_PATHNAME', 'hexdb_uuid_generate_v5'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_generate_v5(uuid, text) IS
  'A name-based (version 5, SHA-1) UUID of name within namespace';

CREATE OR REPLACE FUNCTION hexdb.uuid_timestamp(u uuid) RETURNS timestamptz
  AS 'MODULE_PATHNAME', 'hexdb_uuid_timestamp'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_timestamp(uuid) IS
  'The time inside a version 7 (millisecond precision) or version 1 UUID; NULL for other versions';

CREATE OR REPLACE FUNCTION hexdb.uuid_version(u uuid) RETURNS int
  AS 'MODULE_PATHNAME', 'hexdb_uuid_version'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION hexdb.uuid_version(uuid) IS
  'The version field of an RFC 9562 UUID; NULL when the variant is not RFC 9562 (nil, max, Microsoft)';

-- The RFC 9562 namespace constants. Plain SQL constants, inlined by the planner.
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_dns() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_url() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b811-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_oid() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b812-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_ns_x500() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '6ba7b814-9dad-11d1-80b4-00c04fd430c8'::uuid;
CREATE OR REPLACE FUNCTION hexdb.uuid_nil() RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN '00000000-0000-0000-0000-000000000000'::uuid;
COMMENT ON FUNCTION hexdb.uuid_ns_dns() IS 'RFC 9562 namespace for DNS names (version 3 and 5 UUIDs)';
COMMENT ON FUNCTION hexdb.uuid_ns_url() IS 'RFC 9562 namespace for URLs';
COMMENT ON FUNCTION hexdb.uuid_ns_oid() IS 'RFC 9562 namespace for ISO OIDs';
COMMENT ON FUNCTION hexdb.uuid_ns_x500() IS 'RFC 9562 namespace for X.500 distinguished names';
COMMENT ON FUNCTION hexdb.uuid_nil() IS 'The nil UUID, all bits zero';
