// configure_monthly() and the trigger on hexdb.monthly_settings. Whoever changes the settings
// (this function, an UPDATE by hand, a restored dump), the zone is validated, every backend
// drops its cached settings, and monthly_scores is rebuilt under the new rules.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "pgtime.h"
#include "utils/builtins.h"
}

#include <string>

#include "core/scores/monthly_aggregate.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/trigger.hpp"
#include "scores/monthly_calendar.hpp"
#include "scores/monthly_rebuild.hpp"

namespace {

using namespace hexdb;

// Set while configure_monthly writes the settings row: it rebuilds itself, to report the rows.
bool configuring = false;

struct ConfiguringScope {
  ConfiguringScope() { configuring = true; }
  ~ConfiguringScope() { configuring = false; }
};

SPIPlanPtr upsert_plan, zone_plan;

constexpr pg::TriggerShape kShape{"hexdb.monthly_settings_trigger()", false, false,
                                  pg::kInsert | pg::kUpdate | pg::kDelete | pg::kTruncate, "monthly_settings"};

// May elog. Validates the stored zone (22023) and drops every backend's cached settings.
void validate_and_invalidate() {
  spi::prepared(&zone_plan, "SELECT timezone FROM hexdb.monthly_settings", 0, nullptr);
  spi::execute(zone_plan, nullptr, false, 2);
  if (SPI_processed > 0) monthly::zone_or_error(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
  monthly::invalidate_settings();
}

}  // namespace

HEXDB_FUNCTION(hexdb_monthly_settings_trigger) {
  pg::trigger_data(fcinfo, kShape);
  pg::call([] {
    spi::connect();
    validate_and_invalidate();
  });
  if (!configuring) monthly::rebuild_all();
  pg::call([] { spi::finish(); });
  return PointerGetDatum(nullptr);
}

HEXDB_FUNCTION(hexdb_configure_monthly) {
  std::string zone, aggregate;
  pg::call([&] {
    spi::connect();
    // Writers of scores wait from here to commit, so none aggregates under the old settings
    // after the rebuild has read scores.
    spi::execute_text("LOCK TABLE hexdb.scores, hexdb.monthly_scores IN SHARE ROW EXCLUSIVE MODE", false);
  });
  const monthly::Settings& now = *pg::call([] { return &monthly::settings(); });
  zone = PG_ARGISNULL(0) ? now.timezone : pg::call([&] {
    char* name = text_to_cstring(PG_GETARG_TEXT_PP(0));
    return pg_get_timezone_name(monthly::zone_or_error(name));
  });
  aggregate = PG_ARGISNULL(1) ? monthly::aggregate_name(now.aggregate)
                              : pg::call([&] { return text_to_cstring(PG_GETARG_TEXT_PP(1)); });
  monthly::Aggregate parsed = monthly::parse_aggregate(aggregate);
  aggregate = monthly::aggregate_name(parsed);
  if (zone == now.timezone && parsed == now.aggregate) {
    pg::call([] { spi::finish(); });
    return Int64GetDatum(0);
  }
  {
    ConfiguringScope scope;
    pg::call([&] {
      static const Oid types[2] = {TEXTOID, TEXTOID};
      spi::prepared(&upsert_plan,
                    "INSERT INTO hexdb.monthly_settings (singleton, timezone, aggregate) VALUES (true, $1, $2) "
                    "ON CONFLICT (singleton) DO UPDATE SET timezone = EXCLUDED.timezone, aggregate = EXCLUDED.aggregate",
                    2, types);
      Datum v[2] = {CStringGetTextDatum(zone.c_str()), CStringGetTextDatum(aggregate.c_str())};
      spi::execute(upsert_plan, v, false);
    });
  }
  int64_t written = monthly::rebuild_all();
  pg::call([] { spi::finish(); });
  return Int64GetDatum(written);
}
