// The monthly settings as this backend last read them, and the month a time falls in.
// Settings are read once and cached; a change to hexdb.monthly_settings (through its trigger)
// sends a relcache invalidation for that table, which every backend sees before its next
// statement touching scores, and the cache is dropped. All functions may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "datatype/timestamp.h"
}

#include "core/scores/monthly_aggregate.hpp"

struct pg_tz;

namespace hexdb::monthly {

struct Settings {
  pg_tz* tz;
  Aggregate aggregate;
  const char* timezone;  // canonical zone name
  Oid table;             // hexdb.monthly_settings
};

// The current settings (reads the table on first use after a change). May elog.
const Settings& settings();

// Drops this backend's cache now and every other backend's at commit. May elog.
void invalidate_settings();

// The zone named, or an ERROR 22023. May elog.
pg_tz* zone_or_error(const char* name);

// [start, end) of a month in the configured zone.
struct MonthSpan {
  TimestampTz start;
  TimestampTz end;
  int32 year;
  int32 month;
};

// The month of a finite time in the configured zone. May elog.
MonthSpan month_of(TimestampTz ts);

// A month's span in the configured zone. May elog (22008 far outside the calendar).
MonthSpan month_span(int32 year, int32 month);

// Raises 22023 unless 1 <= month <= 12. May elog.
void check_month(int32 month);

}  // namespace hexdb::monthly
