-- hexdb's UUID functions (SPEC.md "UUIDs").
\i test/regress/sql/include/expect_error.psql
SET search_path = hexdb, public;

-- Version and variant bits of every generator.
SELECT count(*) AS v4_ok FROM generate_series(1, 10000)
 WHERE uuid_version(uuid_generate_v4()) = 4;
SELECT count(*) AS v7_ok FROM (SELECT uuid_generate_v7() u FROM generate_series(1, 10000)) s
 WHERE uuid_version(u) = 7 AND substr(u::text, 15, 1) = '7' AND substr(u::text, 20, 1) IN ('8', '9', 'a', 'b');
SELECT count(*) AS v4_variant_ok FROM (SELECT uuid_generate_v4() u FROM generate_series(1, 10000)) s
 WHERE substr(u::text, 15, 1) = '4' AND substr(u::text, 20, 1) IN ('8', '9', 'a', 'b');

-- No repeats among a hundred thousand v4s.
SELECT count(DISTINCT u) AS distinct_v4 FROM (SELECT uuid_generate_v4() u FROM generate_series(1, 100000)) s;

-- The OpenSSL DRBG source gives the same guarantees.
SET hexdb.random_source = openssl;
SELECT count(DISTINCT u) AS distinct_v4_openssl, count(*) FILTER (WHERE uuid_version(u) = 4) AS v4_openssl
  FROM (SELECT uuid_generate_v4() u FROM generate_series(1, 100000)) s;
SELECT count(*) FILTER (WHERE uuid_version(u) = 7) AS v7_openssl FROM (SELECT uuid_generate_v7() u FROM generate_series(1, 10000)) s;
SELECT pg_temp.expect_error($$SET hexdb.random_source = 'dice'$$);
RESET hexdb.random_source;

-- A million v7s in one session, each strictly greater than the one before.
SELECT count(*) AS v7_generated, count(*) FILTER (WHERE u <= prev) AS not_increasing
  FROM (SELECT u, lag(u) OVER (ORDER BY n) AS prev
          FROM (SELECT n, uuid_generate_v7() AS u FROM generate_series(1, 1000000) n) g) s;

-- v7 carries the current time.
SELECT abs(extract(epoch FROM uuid_timestamp(uuid_generate_v7()) - clock_timestamp())) < 5 AS v7_is_now;

-- RFC 9562 v5 example, and the namespace constants.
SELECT uuid_generate_v5(uuid_ns_dns(), 'www.example.com') AS rfc9562_v5_example;
SELECT uuid_ns_dns(), uuid_ns_url(), uuid_ns_oid(), uuid_ns_x500(), uuid_nil();
SELECT uuid_generate_v5(uuid_ns_url(), 'https://example.com/') = uuid_generate_v5(uuid_ns_url(), 'https://example.com/') AS v5_deterministic,
       uuid_generate_v5(uuid_ns_url(), 'a') <> uuid_generate_v5(uuid_ns_dns(), 'a') AS v5_namespaced,
       uuid_version(uuid_generate_v5(uuid_ns_oid(), '')) AS v5_empty_name_version;

-- Timestamp round trip at millisecond precision, across eras.
SELECT t, uuid_timestamp(uuid_generate_v7(t)) = date_trunc('milliseconds', t) AS round_trip
  FROM unnest(ARRAY['1970-01-01 00:00:00+00', '1999-12-31 23:59:59.999999+00',
                    '2026-11-23 12:34:56.789012+09', '2262-04-11 23:47:16.854775+00',
                    '9999-12-31 23:59:59.999+00']::timestamptz[]) t;

-- v7 for a given time keeps time order; the boundary starts its millisecond.
SELECT uuid_generate_v7('2026-01-01 00:00:00.001+00') < uuid_generate_v7('2026-01-01 00:00:00.002+00') AS backfill_ordered,
       uuid_v7_boundary('2026-01-01 00:00:00.0015+00') AS boundary,
       uuid_v7_boundary('2026-01-01 00:00:00.0015+00') <= uuid_generate_v7('2026-01-01 00:00:00.001+00') AS boundary_first,
       uuid_generate_v7('2026-01-01 00:00:00.000999+00') < uuid_v7_boundary('2026-01-01 00:00:00.001+00') AS previous_ms_below;

-- Extraction from foreign UUIDs: version 1 carries a time, others and foreign variants do not.
SELECT uuid_version('c232ab00-9414-11ec-b3c8-9f6bdeced846') AS v1_version,
       uuid_timestamp('c232ab00-9414-11ec-b3c8-9f6bdeced846') AS v1_time,
       uuid_timestamp(uuid_generate_v4()) AS v4_time,
       uuid_version(uuid_nil()) AS nil_version,
       uuid_version('ffffffff-ffff-ffff-ffff-ffffffffffff') AS max_version,
       uuid_version('00000000-0000-4000-c000-000000000000') AS microsoft_variant;

-- Bad input: 22008 for times no v7 can hold; NULL in, NULL out.
SELECT pg_temp.expect_error($$SELECT hexdb.uuid_generate_v7('infinity'::timestamptz)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.uuid_generate_v7('-infinity'::timestamptz)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.uuid_generate_v7('1969-12-31 23:59:59.999+00'::timestamptz)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.uuid_generate_v7('20000-01-01 00:00:00+00'::timestamptz)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.uuid_v7_boundary('infinity'::timestamptz)$$);
SELECT uuid_generate_v7(NULL) IS NULL AS v7_null, uuid_v7_boundary(NULL) IS NULL AS boundary_null,
       uuid_generate_v5(NULL, 'x') IS NULL AS v5_null_ns, uuid_generate_v5(uuid_ns_dns(), NULL) IS NULL AS v5_null_name,
       uuid_timestamp(NULL) IS NULL AS ts_null, uuid_version(NULL) IS NULL AS version_null;
