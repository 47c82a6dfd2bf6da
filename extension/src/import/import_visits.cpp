// hexdb.import_visits(): import_legacy()'s game_visits step in one pass, like import_scores.cpp
// (whose SQL it replaces: a temp table of every staged row, a sort for the second rows of a
// day, a grouping of itself for repeated ids, 0.18 s for 100,000 rows).
//
// The staged rows are read once (import/staged_scan.hpp), each cell parsed, each user looked up
// in a map of the users' legacy ids, repeated ids and second rows of a day found by one sort
// each, the days hexdb already counts by one query of the candidates;
// core/import/visit_verdicts decides each row. The quarantined rows go to pg_temp.import_visits
// (created by import_legacy()) whole; the new rows are written by import/visits_write.hpp, or
// by one INSERT of them all where that does not apply. Returns the counts of the report.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/date.h"
}

#include <algorithm>
#include <string>
#include <vector>

#include "core/import/legacy_values.hpp"
#include "core/import/visit_verdicts.hpp"
#include "import/staged_scan.hpp"
#include "import/visits_write.hpp"
#include "pg/spi_arrays.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
namespace legacy = hexdb::legacy;
namespace imp = hexdb::import;
using hexdb::uuid::Bytes;
using imp::Cell;
using imp::parsed;
using legacy::VisitVerdict;

struct Staged {
  legacy::StagedVisit cells;
  ItemPointerData sid;
  Bytes user;
};

constexpr const char* kStagedColumns[4] = {"id", "user_id", "visit_date", "visit_count"};
using Unparsed = imp::Unparsed<4>;

SPIPlanPtr staged_plan, counted_plan, rejects_plan, insert_plan;

// Parses a staged row's cells into r; true when a cell did not parse. Never elogs or throws.
bool parse_cells(const Cell (&cells)[4], const imp::UsersByLegacyId& users, Staged& r) {
  legacy::StagedVisit& c = r.cells;
  c.id = parsed(cells[0], legacy::parse_int32);
  c.user_id = parsed(cells[1], legacy::parse_int32);
  c.day = parsed(cells[2], legacy::parse_date);
  c.count = parsed(cells[3], legacy::parse_int32);
  c.user_found = imp::find_user(users, c.user_id, &r.user);
  return !c.id || !c.user_id || !c.day || !c.count;
}

// Sets each row's duplicate and second_for_day marks.
void mark_repeats(std::vector<Staged>& rows) {
  imp::mark_repeats(
      rows,
      [](const legacy::StagedVisit& c) -> std::optional<uint64_t> {
        if (!c.user_id || !c.day) return std::nullopt;
        return (uint64_t(uint32_t(*c.user_id)) << 32) | uint32_t(*c.day);
      },
      [](legacy::StagedVisit& c) { c.second_for_day = true; });
}

// The rows the rules before hexdb's own days leave (hexdb_count not looked up yet).
bool candidate(const legacy::StagedVisit& c) { return legacy::visit_verdict(c) == VisitVerdict::kNew; }

// May throw. hexdb's count for each candidate's user and day, where it has one (one query of
// them all: an empty hexdb answers at once, a live one by its primary key).
void look_up_counts(std::vector<Staged>& rows) {
  std::vector<size_t> at;
  std::vector<Bytes> users;
  std::vector<int32_t> days;
  for (size_t i = 0; i < rows.size(); ++i)
    if (candidate(rows[i].cells)) at.push_back(i), users.push_back(rows[i].user), days.push_back(*rows[i].cells.day);
  if (at.empty()) return;
  std::vector<int32_t> ord(at.size());
  for (size_t k = 0; k < at.size(); ++k) ord[k] = static_cast<int32_t>(k);
  int n = static_cast<int>(at.size());
  uint64 found = pg::call([&] {
    static const Oid types[3] = {UUIDARRAYOID, DATEARRAYOID, INT4ARRAYOID};
    Datum v[3] = {spi::uuid_array(users.data(), n), spi::date_array(days.data(), n), spi::int4_array(ord.data(), n)};
    return spi::execute(
        spi::prepared(&counted_plan,
                      "SELECT k.ord, v.visit_count FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), "
                      "pg_catalog.unnest($3)) AS k(user_id, visit_date, ord) "
                      "JOIN hexdb.game_visits v ON v.user_id OPERATOR(pg_catalog.=) k.user_id "
                      "AND v.visit_date OPERATOR(pg_catalog.=) k.visit_date",
                      3, types),
        v, false);
  });
  pg::call([&] {
    for (uint64 i = 0; i < found; ++i) {
      bool null;
      Datum count = spi::get_datum(i, 2, &null);
      if (!null) rows[at[spi::get_int32(i, 1)]].cells.hexdb_count = DatumGetInt32(count);
    }
  });
}

// May throw. The reason for a row quarantined with verdict v.
std::string reason(VisitVerdict v, const Staged& r, const Unparsed* u) {
  switch (v) {
    case VisitVerdict::kBadId: return "id " + u->quoted[0] + " is not an integer";
    case VisitVerdict::kDuplicate: return "duplicate id";
    case VisitVerdict::kBadUser: return "user_id " + u->quoted[1] + " is not an integer";
    case VisitVerdict::kOrphan: return imp::orphan_reason("user_id", *r.cells.user_id);
    case VisitVerdict::kBadDate: return "visit_date " + u->quoted[2] + " is not a DATE";
    case VisitVerdict::kBadCount: return "visit_count must be a positive integer";
    case VisitVerdict::kSecondForDay: return "a second row for the same user and day";
    case VisitVerdict::kConflict:
      return "hexdb counts " + std::to_string(*r.cells.hexdb_count) + " visits that day, which is kept";
    default: return {};
  }
}

// May throw. The new rows by one INSERT (triggers, foreign key and all), where the direct
// path does not apply.
void insert_by_sql(const std::vector<imp::NewVisit>& rows) {
  int n = static_cast<int>(rows.size());
  std::vector<Bytes> user(n);
  std::vector<int32_t> day(n), count(n);
  for (int i = 0; i < n; ++i) user[i] = rows[i].user, day[i] = rows[i].day, count[i] = rows[i].count;
  pg::call([&] {
    static const Oid types[3] = {UUIDARRAYOID, DATEARRAYOID, INT4ARRAYOID};
    Datum v[3] = {spi::uuid_array(user.data(), n), spi::date_array(day.data(), n), spi::int4_array(count.data(), n)};
    spi::execute(spi::prepared(&insert_plan,
                               "INSERT INTO hexdb.game_visits (user_id, visit_date, visit_count) "
                               "SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), "
                               "pg_catalog.unnest($3))",
                               3, types),
                 v, false);
  });
}

}  // namespace

// May throw.
HEXDB_FUNCTION(hexdb_import_visits) {
  pg::call([] { spi::connect(); });
  std::vector<Staged> rows;
  std::vector<Unparsed> unparsed;
  {
    imp::UsersByLegacyId users = imp::users_by_legacy_id();
    unparsed = imp::scan_staged(
        "staging_game_visits", kStagedColumns, &staged_plan,
        // Cast: a staging column the studio changed to another type is read as its text.
        "SELECT s.ctid, s.id::pg_catalog.text, s.user_id::pg_catalog.text, s.visit_date::pg_catalog.text, "
        "s.visit_count::pg_catalog.text FROM hexdb.staging_game_visits s",
        rows, [&](const Cell (&cells)[4], Staged& r) { return parse_cells(cells, users, r); });
  }
  mark_repeats(rows);
  look_up_counts(rows);
  imp::Verdicts<imp::NewVisit> v = imp::decide<imp::NewVisit>(
      rows, unparsed, legacy::visit_verdict,
      [](const Staged& r) { return imp::NewVisit{r.user, *r.cells.day, *r.cells.count}; }, reason);
  int64 source = static_cast<int64>(rows.size());
  rows = {};
  imp::write_rejects(&rejects_plan, IMPORT_REJECTS_SQL("import_visits", "staging_game_visits"), v.rejects);
  int64 fresh = static_cast<int64>(v.fresh.size());
  if (!v.fresh.empty() && !imp::insert_visits_direct(v.fresh)) insert_by_sql(v.fresh);
  pg::call([] { spi::finish(); });
  return pg::call([&] { return imp::counts(fcinfo, {source, fresh, v.present}); });
}
