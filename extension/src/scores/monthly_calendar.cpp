#include "scores/monthly_calendar.hpp"

extern "C" {
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
}

#include "pg/args.hpp"
#include "pg/spi.hpp"

namespace hexdb::monthly {

namespace {

// Plain data only: a backend exits without destructors.
Settings cached;
bool cached_valid = false;
bool callback_registered = false;
char cached_zone_name[TZ_STRLEN_MAX + 1];

// Recently used months. A live statement's times rarely span more than two; an import's
// scores span years, one user's after another's: bench/import's million scores fall in 24
// months, and with 8 slots two thirds of their lookups missed and recomputed two local midnights
// (with 64, 24 lookups miss).
constexpr int kSpanSlots = 64;
MonthSpan spans[kSpanSlots];
int spans_used = 0;
int span_next = 0;

void forget_spans() {
  spans_used = 0;
  span_next = 0;
}

void on_relcache_invalidation(Datum, Oid relid) {
  if (relid == InvalidOid || relid == cached.table) {
    cached_valid = false;
    forget_spans();
  }
}

// May elog.
void load() {
  Oid nsp = get_namespace_oid("hexdb", false);
  Oid table = get_relname_relid("monthly_settings", nsp);
  if (!OidIsValid(table)) elog(ERROR, "hexdb: table hexdb.monthly_settings is missing");
  static SPIPlanPtr plan;
  spi::connect();
  spi::prepared(&plan, "SELECT timezone, aggregate FROM hexdb.monthly_settings", 0, nullptr);
  spi::execute(plan, nullptr, false, 2);
  const char* zone = "UTC";
  const char* aggregate = "best";
  if (SPI_processed > 0) {
    zone = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
    aggregate = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
  }
  cached.tz = zone_or_error(zone);
  strlcpy(cached_zone_name, pg_get_timezone_name(cached.tz), sizeof cached_zone_name);
  if (strcmp(aggregate, "sum") == 0) cached.aggregate = Aggregate::kSum;
  else if (strcmp(aggregate, "latest") == 0) cached.aggregate = Aggregate::kLatest;
  else cached.aggregate = Aggregate::kBest;  // the table's CHECK allows nothing else
  spi::finish();
  cached.timezone = cached_zone_name;
  cached.table = table;
  forget_spans();
  if (!callback_registered) {
    CacheRegisterRelcacheCallback(on_relcache_invalidation, 0);
    callback_registered = true;
  }
  cached_valid = true;
}

// May elog.
TimestampTz local_month_start(int32 year, int32 month) {
  struct pg_tm tm = {};
  tm.tm_year = year;
  tm.tm_mon = month;
  tm.tm_mday = 1;
  int tz = DetermineTimeZoneOffset(&tm, cached.tz);
  Timestamp result;
  if (!IS_VALID_JULIAN(year, month, 1) || tm2timestamp(&tm, 0, &tz, &result) != 0 ||
      !IS_VALID_TIMESTAMP(result))
    ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                    errmsg("month %d-%02d is out of range", year, month), pg::rule("month_range", "monthly_scores")));
  return result;
}

// May elog.
MonthSpan compute_span(int32 year, int32 month) {
  int32 ny = month == 12 ? year + 1 : year;
  int32 nm = month == 12 ? 1 : month + 1;
  MonthSpan s{local_month_start(year, month), local_month_start(ny, nm), year, month};
  spans[span_next] = s;
  span_next = (span_next + 1) % kSpanSlots;
  if (spans_used < kSpanSlots) ++spans_used;
  return s;
}

}  // namespace

const Settings& settings() {
  if (!cached_valid) load();
  return cached;
}

void invalidate_settings() {
  cached_valid = false;
  forget_spans();
  Oid nsp = get_namespace_oid("hexdb", false);
  Oid table = get_relname_relid("monthly_settings", nsp);
  if (OidIsValid(table)) CacheInvalidateRelcacheByRelid(table);
}

pg_tz* zone_or_error(const char* name) {
  pg_tz* tz = pg_tzset(name);
  if (tz == nullptr)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("time zone \"%s\" not recognized", name),
                    errhint("Use a name from pg_timezone_names, such as 'UTC' or 'Asia/Seoul'."),
                    pg::rule("timezone_known", "monthly_settings")));
  return tz;
}

MonthSpan month_of(TimestampTz ts) {
  settings();
  for (int i = 0; i < spans_used; ++i)
    if (spans[i].start <= ts && ts < spans[i].end) return spans[i];
  struct pg_tm tm;
  fsec_t fsec;
  int tz;
  if (timestamp2tm(ts, &tz, &tm, &fsec, nullptr, cached.tz) != 0)
    ereport(ERROR, (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE), errmsg("timestamp out of range"),
                    pg::rule("month_range", "monthly_scores")));
  MonthSpan s = compute_span(tm.tm_year, tm.tm_mon);
  // Local midnight of the 1st decides; should a zone's rules make the two disagree, the span wins.
  if (ts < s.start) s = compute_span(tm.tm_mon == 1 ? tm.tm_year - 1 : tm.tm_year, tm.tm_mon == 1 ? 12 : tm.tm_mon - 1);
  else if (ts >= s.end) s = compute_span(tm.tm_mon == 12 ? tm.tm_year + 1 : tm.tm_year, tm.tm_mon == 12 ? 1 : tm.tm_mon + 1);
  return s;
}

MonthSpan month_span(int32 year, int32 month) {
  check_month(month);
  settings();
  for (int i = 0; i < spans_used; ++i)
    if (spans[i].year == year && spans[i].month == month) return spans[i];
  return compute_span(year, month);
}

void check_month(int32 month) {
  if (month < 1 || month > 12)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("month must be between 1 and 12, not %d", month), pg::rule("month_range", "monthly_scores")));
}

}  // namespace hexdb::monthly
