// SQL surface of hexdb's UUID functions: PostgreSQL glue around core/uuid_layout.hpp.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "common/cryptohash.h"
#include "datatype/timestamp.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"
}

#include <time.h>


#include "core/uuid/uuid_layout.hpp"
#include "pg/boundary.hpp"
#include "pg/compat.hpp"
#include "pg/datum.hpp"
#include "uuid/random_source.hpp"
#include "uuid/uuid_now.hpp"

namespace {

using hexdb::uuid::Bytes;

// Per backend and trivially destructible, so no exit-time destructor runs in a backend.
hexdb::uuid::MonotonicV7Clock v7_clock;

constexpr int64_t kUnixToPostgresUs =
    int64_t{POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE} * USECS_PER_DAY;

// May throw SqlError (22008) for infinite timestamps and times outside version 7's range.
uint64_t unix_us_for_v7(TimestampTz at) {
  if (TIMESTAMP_NOT_FINITE(at))
    throw hexdb::SqlError("22008", hexdb::Rule{"uuid_v7_time_range"}, "timestamp out of range for a version 7 UUID",
                          "A version 7 UUID needs a finite time.");
  int64_t us = at + kUnixToPostgresUs;
  if (us < 0 || static_cast<uint64_t>(us) / 1000 > hexdb::uuid::kMaxUnixMs)
    throw hexdb::SqlError("22008", hexdb::Rule{"uuid_v7_time_range"}, "timestamp out of range for a version 7 UUID",
                          "A version 7 UUID holds times from 1970-01-01 to 10889-08-02 UTC.");
  return static_cast<uint64_t>(us);
}

uint64_t now_unix_ns() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

Bytes v7_at_units(uint64_t units) {
  Bytes random;
  hexdb::uuid::draw_random(random.data() + 8, 8);
  return hexdb::uuid::v7(units, random);
}

}  // namespace

HEXDB_FUNCTION(hexdb_uuid_generate_v4) {
  Bytes random;
  hexdb::uuid::draw_random(random.data(), random.size());
  return hexdb::pg::uuid_datum(hexdb::uuid::v4(random));
}

hexdb::uuid::Bytes hexdb::uuid::generate_v7() { return v7_at_units(v7_clock.next(v7_units_from_unix_ns(now_unix_ns()))); }

HEXDB_FUNCTION(hexdb_uuid_generate_v7) { return hexdb::pg::uuid_datum(hexdb::uuid::generate_v7()); }

HEXDB_FUNCTION(hexdb_uuid_generate_v7_at) {
  uint64_t us = unix_us_for_v7(PG_GETARG_TIMESTAMPTZ(0));
  return hexdb::pg::uuid_datum(v7_at_units(hexdb::uuid::v7_units_from_unix_us(us)));
}

HEXDB_FUNCTION(hexdb_uuid_v7_boundary) {
  uint64_t us = unix_us_for_v7(PG_GETARG_TIMESTAMPTZ(0));
  return hexdb::pg::uuid_datum(hexdb::uuid::v7_boundary(us / 1000));
}

// May elog (SHA-1 through PostgreSQL's cryptohash). Owns only trivially destructible data.
HEXDB_FUNCTION(hexdb_uuid_generate_v5) {
  pg_uuid_t* ns = PG_GETARG_UUID_P(0);
  text* name = PG_GETARG_TEXT_PP(1);
  uint8_t digest[20];
  pg_cryptohash_ctx* ctx = pg_cryptohash_create(PG_SHA1);
  if (pg_cryptohash_init(ctx) < 0 || pg_cryptohash_update(ctx, ns->data, UUID_LEN) < 0 ||
      pg_cryptohash_update(ctx, reinterpret_cast<const uint8_t*>(VARDATA_ANY(name)),
                           VARSIZE_ANY_EXHDR(name)) < 0 ||
      pg_cryptohash_final(ctx, digest, sizeof digest) < 0) {
    pg_cryptohash_free(ctx);
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("could not compute SHA-1 for uuid_generate_v5")));
  }
  pg_cryptohash_free(ctx);
  return hexdb::pg::uuid_datum(hexdb::uuid::v5(digest));
}

HEXDB_FUNCTION(hexdb_uuid_timestamp) {
  auto us = hexdb::uuid::unix_us(hexdb::pg::uuid_bytes(PG_GETARG_DATUM(0)));
  if (!us) PG_RETURN_NULL();
  PG_RETURN_TIMESTAMPTZ(*us - kUnixToPostgresUs);
}

HEXDB_FUNCTION(hexdb_uuid_version) {
  auto v = hexdb::uuid::version(hexdb::pg::uuid_bytes(PG_GETARG_DATUM(0)));
  if (!v) PG_RETURN_NULL();
  PG_RETURN_INT32(*v);
}
