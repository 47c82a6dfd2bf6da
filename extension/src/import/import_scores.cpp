// hexdb.import_scores(source_timezone): import_legacy()'s scores step, the bulk of an export, in
// one pass instead of SQL that parsed every cell in a function call, joined a million rows to
// users, scores and a grouping of itself, wrote them all to a temp table and read them back.
//
// The staged rows are read once (import/staged_scan.hpp), each cell parsed (core/import/legacy_values), each
// user looked up in a map of the users' legacy ids, repeated ids found by one sort, ids hexdb
// already has by a sorted list of its legacy ids; core/import/score_verdicts decides each row.
// The quarantined rows go to pg_temp.import_scores (created by import_legacy()) whole, for the
// report and import_rejects; the new rows are written by scores/insert_scores_direct.hpp, or
// by one INSERT of them all where that does not apply. Returns the counts of the report.
// Where monthly_scores never held a row, the monthly_scores step runs inside the scores' load
// (import/monthly_step.hpp) and its counts come back too (NULL otherwise: import_legacy() then
// calls import_monthly()).
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
}

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/import/legacy_values.hpp"
#include "core/import/score_verdicts.hpp"
#include "pg/boundary.hpp"
#include "import/legacy_ids.hpp"
#include "import/monthly_step.hpp"
#include "import/staged_scan.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "pg/spi_cursor.hpp"
#include "scores/insert_scores_direct.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
namespace legacy = hexdb::legacy;
namespace imp = hexdb::import;
using hexdb::scores::NewScore;
using hexdb::uuid::Bytes;
using imp::Cell;
using imp::parsed;
using legacy::ScoreVerdict;

struct Staged {
  legacy::StagedScore cells;
  ItemPointerData sid;
  imp::RankedUser user;
};

constexpr const char* kStagedColumns[4] = {"id", "user_id", "score", "created_at"};
using Unparsed = imp::Unparsed<4>;

SPIPlanPtr staged_plan, rejects_plan, insert_plan;

imp::LegacyIds score_ids{
    "SELECT s.legacy_id FROM hexdb.scores s WHERE s.legacy_id IS NOT NULL",
    "SELECT hexdb.import_advance_sequence('hexdb.scores_id_seq'::pg_catalog.regclass, $1)",
    "SELECT pg_catalog.max(s.id) FROM hexdb.scores s",
    "SELECT s.id FROM hexdb.scores s WHERE s.id OPERATOR(pg_catalog.=) ANY ($1)",
    "SELECT pg_catalog.nextval('hexdb.scores_id_seq'::pg_catalog.regclass) FROM pg_catalog.generate_series(1, $1)"};

// Parses a staged row's cells (id, user_id, score, created_at) into r; true when a cell did not
// parse. Never elogs or throws.
bool parse_cells(const Cell (&cells)[4], const imp::RankedUsersByLegacyId& users, Staged& r) {
  legacy::StagedScore& c = r.cells;
  c.id = parsed(cells[0], legacy::parse_int32);
  c.user_id = parsed(cells[1], legacy::parse_int32);
  c.score = parsed(cells[2], legacy::parse_int32);
  c.created_local = parsed(cells[3], legacy::parse_datetime);
  c.user_found = imp::find_user(users, c.user_id, &r.user);
  return !c.id || !c.user_id || !c.score || !c.created_local;
}

struct StagedRows {
  std::vector<Staged> rows;
  std::vector<Unparsed> unparsed;
};

// May throw. Every staged row, parsed and looked up.
StagedRows scan_staged(const imp::RankedUsersByLegacyId& users) {
  StagedRows scan;
  scan.unparsed = imp::scan_staged(
      "staging_scores", kStagedColumns, &staged_plan,
      // Cast: a staging column the studio changed to another type is read as its text.
      "SELECT s.ctid, s.id::pg_catalog.text, s.user_id::pg_catalog.text, s.score::pg_catalog.text, "
      "s.created_at::pg_catalog.text FROM hexdb.staging_scores s",
      scan.rows, [&](const Cell (&cells)[4], Staged& r) { return parse_cells(cells, users, r); });
  return scan;
}

// May throw. The reason for a row quarantined with verdict v.
std::string reason(ScoreVerdict v, const Staged& r, const Unparsed* u) {
  switch (v) {
    case ScoreVerdict::kBadId: return "id " + u->quoted[0] + " is not an integer";
    case ScoreVerdict::kDuplicate: return "duplicate id";
    case ScoreVerdict::kBadUser: return "user_id " + u->quoted[1] + " is not an integer";
    case ScoreVerdict::kOrphan: return imp::orphan_reason("user_id", *r.cells.user_id);
    case ScoreVerdict::kBadScore: return "score " + u->quoted[2] + " is not an integer";
    case ScoreVerdict::kNegative: return "negative score";
    case ScoreVerdict::kBadTime: return "created_at " + u->quoted[3] + " is not a DATETIME";
    default: return {};
  }
}

// May throw. Decides every row (scan.rows' duplicate and present marks set here).
imp::Verdicts<NewScore> decide(StagedRows& scan, const std::vector<int32_t>& present) {
  imp::mark_repeats(scan.rows);
  for (Staged& r : scan.rows)
    r.cells.present = r.cells.id && std::binary_search(present.begin(), present.end(), *r.cells.id);
  return imp::decide<NewScore>(
      scan.rows, scan.unparsed, legacy::score_verdict,
      [](const Staged& r) {
        return NewScore{*r.cells.id, r.user.id, *r.cells.score, *r.cells.created_local, *r.cells.id, r.user.rank};
      },
      reason);
}

// May throw. The new rows by one INSERT (triggers, foreign key and all), where the direct
// path does not apply.
void insert_by_sql(const std::vector<NewScore>& rows) {
  int n = static_cast<int>(rows.size());
  std::vector<int64_t> id(n), score(n), at(n);
  std::vector<int32_t> legacy_id(n);
  std::vector<Bytes> user(n);
  for (int i = 0; i < n; ++i)
    id[i] = rows[i].id, user[i] = rows[i].user, score[i] = rows[i].score, at[i] = rows[i].at,
    legacy_id[i] = rows[i].legacy_id;
  pg::call([&] {
    static const Oid types[5] = {INT8ARRAYOID, UUIDARRAYOID, INT8ARRAYOID, TIMESTAMPTZARRAYOID, INT4ARRAYOID};
    SPIPlanPtr plan = spi::prepared(
        &insert_plan,
        "INSERT INTO hexdb.scores (id, user_id, score, created_at, legacy_id) "
        "SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
        "pg_catalog.unnest($4), pg_catalog.unnest($5)) AS r(id, user_id, score, created_at, legacy_id) "
        "ORDER BY r.user_id, r.created_at",
        5, types);
    Datum v[5] = {spi::int8_array(id.data(), n), spi::uuid_array(user.data(), n), spi::int8_array(score.data(), n),
                  spi::timestamptz_array(at.data(), n), spi::int4_array(legacy_id.data(), n)};
    spi::execute(plan, v, false);
  });
}

}  // namespace

// May throw.
HEXDB_FUNCTION(hexdb_import_scores) {
  std::string zone = imp::source_zone(fcinfo);
  pg::call([] { spi::connect(); });
  StagedRows scan;
  uint32_t user_ranks = 0;
  {
    imp::RankedUsersByLegacyId users = imp::ranked_users_by_legacy_id(&user_ranks);
    scan = scan_staged(users);
  }
  imp::Verdicts<NewScore> v = decide(scan, imp::present_ids(score_ids));
  int64 source = static_cast<int64>(scan.rows.size());
  scan = StagedRows{};
  imp::write_rejects(&rejects_plan, IMPORT_REJECTS_SQL("import_scores", "staging_scores"), v.rejects);
  imp::place_in_zone(v.fresh, zone.c_str(), [](NewScore& r) -> int64_t& { return r.at; });
  imp::set_ids(score_ids, v.fresh);
  int64 fresh = static_cast<int64>(v.fresh.size());
  imp::MonthsBesideScores months(zone);
  if (!v.fresh.empty() && !hexdb::scores::insert_scores_direct(v.fresh, user_ranks, &months)) insert_by_sql(v.fresh);
  pg::call([] { spi::finish(); });
  auto month = [&](int64 n) { return months.done ? std::optional<int64>(n) : std::nullopt; };
  return pg::call([&] {
    return imp::counts(fcinfo, {source, fresh, v.present, month(months.source_rows), month(months.new_rows),
                                month(months.present)});
  });
}
