// submit_score(): the row written directly (scores/submit_direct.hpp) where that is the same as
// SQL; else one prepared INSERT, whose statement trigger on scores does the aggregation.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "utils/timestamp.h"
}

#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "scores/submit_direct.hpp"
#include "users/unknown_user.hpp"

namespace {
SPIPlanPtr insert_plan;
}

HEXDB_FUNCTION(hexdb_submit_score) {
  static const char* const names[] = {"user_id", "score", "at"};
  const char* user_text = nullptr;
  Datum v[3];
  hexdb::pg::call([&] {
    hexdb::pg::require_all(fcinfo, 3, names);
    int64 score = PG_GETARG_INT64(1);
    if (score < 0)
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg("score must not be negative, not " INT64_FORMAT, score),
                      hexdb::pg::rule("score_not_negative", "scores")));
    TimestampTz at = PG_GETARG_TIMESTAMPTZ(2);
    if (TIMESTAMP_NOT_FINITE(at))
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("at must be a finite time"),
                      hexdb::pg::rule("score_time_finite", "scores")));
    user_text = hexdb::pg::uuid_cstring(PG_GETARG_DATUM(0));
    v[0] = PG_GETARG_DATUM(0), v[1] = Int64GetDatum(score), v[2] = TimestampTzGetDatum(at);
  });
  int64 id;
  if (hexdb::scores::submit_direct(v[0], DatumGetInt64(v[1]), DatumGetTimestampTz(v[2]), user_text, &id))
    return Int64GetDatum(id);
  try {
    id = hexdb::pg::call([&] {
      static const Oid types[3] = {UUIDOID, INT8OID, TIMESTAMPTZOID};
      hexdb::spi::connect();
      SPIPlanPtr plan = hexdb::spi::prepared(
          &insert_plan,
          "INSERT INTO hexdb.scores (user_id, score, created_at) VALUES ($1, $2, $3) RETURNING id", 3, types);
      hexdb::spi::execute(plan, v, false);
      int64 result = hexdb::spi::get_int64(0, 1);
      hexdb::spi::finish();
      return result;
    });
    return Int64GetDatum(id);
  } catch (const hexdb::PgError& e) {
    hexdb::users::rethrow_unknown_user(e, "scores_user_id_fkey", user_text, "submit_score");
    throw;
  }
}
