// hexdb.import_insert_monthly(): import_legacy()'s new monthly history (pg_temp.import_monthly,
// months that no score backs and hexdb has no row for) written by
// scores/monthly_direct.hpp's insert_history_direct: no foreign-key query a row, no trigger call
// a row, the rank changes folded into the counts by one compaction. False where that does not
// apply: import_legacy() then runs its INSERT.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
}

#include <vector>

#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/spi_cursor.hpp"
#include "scores/monthly_direct.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
using MonthRow = hexdb::monthly::Group;  // PostgreSQL has a Group of its own

constexpr const char* kNewMonths =
    "SELECT i.year::pg_catalog.int4, i.month::pg_catalog.int4, i.user_id::pg_catalog.uuid, "
    "       i.score::pg_catalog.int8, i.updated_at::pg_catalog.timestamptz "
    "FROM pg_temp.import_monthly i WHERE i.reason IS NULL AND NOT i.present";
SPIPlanPtr new_months_plan;

}  // namespace

// May throw. Whether the rows were written.
HEXDB_FUNCTION(hexdb_import_insert_monthly) {
  pg::call([] { spi::connect(); });
  bool nulls = false;
  std::vector<MonthRow> rows = spi::read_rows<MonthRow>(&new_months_plan, kNewMonths, 65536, [&](uint64 i, MonthRow& g) {
    bool null[5];
    g.first.year = spi::get_int32(i, 1);
    g.first.month = spi::get_int32(i, 2);
    spi::get_uuid(i, 3, &g.first.user);
    g.second.score = spi::get_int64(i, 4, &null[3]);
    g.second.at = spi::get_int64(i, 5, &null[4]);
    for (int c = 0; c < 3; ++c) spi::get_datum(i, c + 1, &null[c]);
    for (bool n : null)
      if (n) nulls = true;
  });
  bool written = !nulls && (rows.empty() || hexdb::monthly::insert_history_direct(rows));
  pg::call([] { spi::finish(); });
  PG_RETURN_BOOL(written);
}
