// hexdb.import_insert_scores(): import_legacy()'s new scores (pg_temp.import_scores, the rows
// it classified as valid and new) written in bulk by scores/insert_scores_direct.hpp instead of
// one INSERT ... SELECT that checked the foreign key and fed the monthly trigger row by row.
// False where the direct path does not apply: import_legacy() then runs that INSERT.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
}

#include <vector>

#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/spi_cursor.hpp"
#include "scores/insert_scores_direct.hpp"

namespace {

using hexdb::scores::NewScore;

// import_legacy()'s own SELECT: a legacy id that a row of hexdb's own already has gets a fresh
// one. Every name qualified: the caller's search_path may hold look-alikes.
constexpr const char* kNewScores =
    "SELECT CASE WHEN EXISTS (SELECT FROM hexdb.scores x WHERE x.id OPERATOR(pg_catalog.=) i.lid) "
    "            THEN pg_catalog.nextval('hexdb.scores_id_seq'::pg_catalog.regclass) ELSE i.lid END::pg_catalog.int8, "
    "       i.user_id::pg_catalog.uuid, i.score::pg_catalog.int8, i.created_at::pg_catalog.timestamptz, "
    "       i.lid::pg_catalog.int4 "
    "FROM pg_temp.import_scores i WHERE i.reason IS NULL AND NOT i.present";
constexpr long kFetch = 65536;

SPIPlanPtr new_scores_plan;

// May throw. The rows to insert; *nulls when a column is NULL in one (the INSERT then raises
// what it raises).
std::vector<NewScore> read_new_scores(bool* nulls) {
  std::vector<NewScore> rows;
  hexdb::spi::for_each_batch(&new_scores_plan, kNewScores, 0, nullptr, nullptr, false, kFetch, [&](uint64 n) {
    size_t base = rows.size();
    rows.resize(base + n);
    hexdb::pg::call([&] {
      for (uint64 i = 0; i < n; ++i) {
        NewScore& r = rows[base + i];
        bool null[5];
        for (int j = 0; j < 5; ++j) hexdb::spi::get_datum(i, j + 1, &null[j]);
        if (null[0] || null[1] || null[2] || null[3] || null[4]) *nulls = true;
        r.id = hexdb::spi::get_int64(i, 1);
        hexdb::spi::get_uuid(i, 2, &r.user);
        r.score = hexdb::spi::get_int64(i, 3);
        r.at = hexdb::spi::get_int64(i, 4);
        r.legacy_id = hexdb::spi::get_int32(i, 5);
      }
    });
  });
  return rows;
}

}  // namespace

// May throw. Whether the rows were written.
HEXDB_FUNCTION(hexdb_import_insert_scores) {
  hexdb::pg::call([] { hexdb::spi::connect(); });
  bool nulls = false;
  std::vector<NewScore> rows = read_new_scores(&nulls);
  bool written = !nulls && hexdb::scores::insert_scores_direct(rows);
  hexdb::pg::call([] { hexdb::spi::finish(); });
  PG_RETURN_BOOL(written);
}
