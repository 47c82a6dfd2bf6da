// record_visit() and daily_active_users().
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/tuplestore.h"
}

#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"
#include "users/unknown_user.hpp"

namespace {
SPIPlanPtr visit_plan, active_plan;

// daily_active_users' result is built in memory: its range is bounded (ten years and a day).
constexpr int kMaxDays = 3661;

// May elog.
void require_finite(DateADT d, const char* name) {
  if (DATE_NOT_FINITE(d))
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s must be a finite date", name),
                    hexdb::pg::rule("day_finite", "game_visits")));
}
}  // namespace

HEXDB_FUNCTION(hexdb_record_visit) {
  static const char* const names[] = {"user_id", "day"};
  const char* user_text = nullptr;
  Datum v[2];
  hexdb::pg::call([&] {
    hexdb::pg::require_all(fcinfo, 2, names);
    require_finite(PG_GETARG_DATEADT(1), "day");
    user_text = hexdb::pg::uuid_cstring(PG_GETARG_DATUM(0));
    v[0] = PG_GETARG_DATUM(0), v[1] = PG_GETARG_DATUM(1);
  });
  try {
    int32 count = hexdb::pg::call([&] {
      static const Oid types[2] = {UUIDOID, DATEOID};
      hexdb::spi::connect();
      // ON CONFLICT increments under the row lock: concurrent visits never lose a count.
      SPIPlanPtr plan = hexdb::spi::prepared(&visit_plan,
                           "INSERT INTO hexdb.game_visits AS g (user_id, visit_date, visit_count) VALUES ($1, $2, 1) "
                           "ON CONFLICT (user_id, visit_date) DO UPDATE SET visit_count = g.visit_count + 1 "
                           "RETURNING visit_count",
                           2, types);
      hexdb::spi::execute(plan, v, false);
      int32 result = hexdb::spi::get_int32(0, 1);
      hexdb::spi::finish();
      return result;
    });
    return Int32GetDatum(count);
  } catch (const hexdb::PgError& e) {
    hexdb::users::rethrow_unknown_user(e, "game_visits_user_id_fkey", user_text, "record_visit");
    throw;
  }
}

// May elog; owns no C++ object.
HEXDB_FUNCTION(hexdb_daily_active_users) {
  static const char* const names[] = {"from_day", "to_day"};
  hexdb::pg::require_all(fcinfo, 2, names);
  DateADT from = PG_GETARG_DATEADT(0), to = PG_GETARG_DATEADT(1);
  require_finite(from, "from_day");
  require_finite(to, "to_day");
  if (from > to)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("from_day is after to_day"),
                    hexdb::pg::rule("day_range", "game_visits")));
  if (to - from >= kMaxDays)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("daily_active_users lists at most %d days, not %d", kMaxDays, to - from + 1),
                    errhint("Ask for a shorter range, or several."), hexdb::pg::rule("day_range_limit", "game_visits")));
  hexdb::pg::SrfOut out = hexdb::pg::materialize(fcinfo);
  hexdb::spi::connect();
  static const Oid types[2] = {DATEOID, DATEOID};
  SPIPlanPtr plan = hexdb::spi::prepared(&active_plan,
                       "SELECT d.ts::date, count(g.user_id), coalesce(sum(g.visit_count), 0)::int8 "
                       "FROM generate_series($1::timestamp, $2::timestamp, interval '1 day') AS d(ts) "
                       "LEFT JOIN hexdb.game_visits g ON g.visit_date = d.ts::date "
                       "GROUP BY d.ts ORDER BY d.ts",
                       2, types);
  Datum v[2] = {PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)};
  uint64 n = hexdb::spi::execute(plan, v, true);
  for (uint64 i = 0; i < n; ++i) {
    Datum row[3];
    bool nulls[3];
    for (int j = 0; j < 3; ++j) row[j] = hexdb::spi::get_datum(i, j + 1, &nulls[j]);
    tuplestore_putvalues(out.store, out.desc, row, nulls);
  }
  hexdb::spi::finish();
  return Datum(0);
}
