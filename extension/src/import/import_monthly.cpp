// hexdb.import_monthly(source_timezone): import_legacy()'s monthly_scores step in one pass, like
// import_scores.cpp (whose SQL it replaces: a temp table of every staged row, a sort for the
// second rows of a month, a grouping of itself for repeated ids).
//
// A legacy month that scores back is already in monthly_scores (recomputed from them): it counts
// as imported when it agrees and is quarantined with both values when it does not. A month no
// score backs is new history: written by scores/monthly_direct.hpp's insert_history_direct (no
// foreign-key query a row, no trigger call a row, the rank changes folded by one compaction),
// or by one INSERT of them all where that does not apply. The staged rows are read once
// (import/staged_scan.hpp); core/import/month_verdicts decides each row; the quarantined rows go
// to pg_temp.import_monthly (created by import_legacy()) whole. Returns the counts of the report.
//
// Into a hexdb whose monthly_scores never held a row, import_scores() runs this step inside its
// load instead (MonthsBesideScores, import/monthly_step.hpp): the months to compare with are
// then the scores' fold in memory, and the history goes in before monthly_scores' indexes are
// built, its rank changes with the scores'.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
}

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/import/legacy_values.hpp"
#include "core/import/month_verdicts.hpp"
#include "import/monthly_step.hpp"
#include "import/staged_scan.hpp"
#include "pg/spi_arrays.hpp"
#include "scores/monthly_direct.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
namespace legacy = hexdb::legacy;
namespace imp = hexdb::import;
using hexdb::uuid::Bytes;
using imp::Cell;
using imp::parsed;
using legacy::MonthVerdict;
using MonthRow = hexdb::monthly::Group;  // PostgreSQL has a Group of its own

struct Staged {
  legacy::StagedMonth cells;
  ItemPointerData sid;
  Bytes user;
  bool imported_before = false;  // hexdb's row for that month is imported history
};

constexpr const char* kStagedColumns[6] = {"id", "user_id", "year", "month", "score", "updated_at"};
using Unparsed = imp::Unparsed<6>;

SPIPlanPtr staged_plan, hexdb_plan, rejects_plan, insert_plan;

// Parses a staged row's cells into r; true when a cell did not parse. Never elogs or throws.
bool parse_cells(const Cell (&cells)[6], const imp::UsersByLegacyId& users, Staged& r) {
  legacy::StagedMonth& c = r.cells;
  c.id = parsed(cells[0], legacy::parse_int32);
  c.user_id = parsed(cells[1], legacy::parse_int32);
  c.year = parsed(cells[2], legacy::parse_int32);
  c.month = parsed(cells[3], legacy::parse_int32);
  c.score = parsed(cells[4], legacy::parse_int32);
  c.updated_local = parsed(cells[5], legacy::parse_datetime);
  c.user_found = imp::find_user(users, c.user_id, &r.user);
  return !c.id || !c.user_id || !c.year || !c.month || !c.score || !c.updated_local;
}

// Sets each row's duplicate and second_for_month marks. Only rows that name a month take part
// in the second: any other is quarantined before, and shares no (user, year, month) with one.
void mark_repeats(std::vector<Staged>& rows) {
  imp::mark_repeats(
      rows,
      [](const legacy::StagedMonth& c) -> std::optional<uint64_t> {
        if (!c.user_id || !legacy::valid_month(c)) return std::nullopt;
        return (uint64_t(uint32_t(*c.user_id)) << 32) | uint32_t(*c.year * 16 + *c.month);
      },
      [](legacy::StagedMonth& c) { c.second_for_month = true; });
}

// The rows the rules before hexdb's own months leave.
bool candidate(const legacy::StagedMonth& c) {
  return legacy::month_verdict(c) == MonthVerdict::kNew;  // hexdb_score not looked up yet
}

// May throw. hexdb's row for each candidate's user and month, where it has one: one primary-key
// probe each (LIMIT keeps the planner from hashing all of monthly_scores, which the scores just
// filled).
void look_up_months(std::vector<Staged>& rows) {
  std::vector<size_t> at;
  std::vector<Bytes> users;
  std::vector<int32_t> years, months, ord;
  for (size_t i = 0; i < rows.size(); ++i)
    if (candidate(rows[i].cells)) {
      ord.push_back(static_cast<int32_t>(at.size()));
      at.push_back(i), users.push_back(rows[i].user), years.push_back(*rows[i].cells.year);
      months.push_back(*rows[i].cells.month);
    }
  if (at.empty()) return;
  int n = static_cast<int>(at.size());
  uint64 found = pg::call([&] {
    static const Oid types[4] = {UUIDARRAYOID, INT4ARRAYOID, INT4ARRAYOID, INT4ARRAYOID};
    Datum v[4] = {spi::uuid_array(users.data(), n), spi::int4_array(years.data(), n), spi::int4_array(months.data(), n),
                  spi::int4_array(ord.data(), n)};
    return spi::execute(
        spi::prepared(&hexdb_plan,
                      "SELECT k.ord, m.score, m.imported FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), "
                      "pg_catalog.unnest($3), pg_catalog.unnest($4)) AS k(user_id, year, month, ord) "
                      "CROSS JOIN LATERAL (SELECT m.score, m.imported FROM hexdb.monthly_scores m "
                      "WHERE m.year OPERATOR(pg_catalog.=) k.year AND m.month OPERATOR(pg_catalog.=) k.month "
                      "AND m.user_id OPERATOR(pg_catalog.=) k.user_id LIMIT 1) m",
                      4, types),
        v, false);
  });
  pg::call([&] {
    for (uint64 i = 0; i < found; ++i) {
      bool null;
      int64 score = spi::get_int64(i, 2, &null);
      if (null) continue;
      Staged& r = rows[at[spi::get_int32(i, 1)]];
      r.cells.hexdb_score = score;
      r.imported_before = spi::get_bool(i, 3);
    }
  });
}

// hexdb's row for each candidate's user and month, from `made` (sorted by key): the months a
// load of scores makes into a monthly_scores that held none. Never elogs or throws.
void look_up_made(std::vector<Staged>& rows, const std::vector<MonthRow>& made) {
  for (Staged& r : rows) {
    if (!candidate(r.cells)) continue;
    hexdb::monthly::Key k{*r.cells.year, *r.cells.month, r.user};
    auto at = std::lower_bound(made.begin(), made.end(), k, [](const MonthRow& g, const hexdb::monthly::Key& key) {
      return g.first < key;
    });
    if (at != made.end() && at->first == k) r.cells.hexdb_score = at->second.score;  // never imported before
  }
}

// May throw. The reason for a row quarantined with verdict v.
std::string reason(MonthVerdict v, const Staged& r, const Unparsed* u) {
  switch (v) {
    case MonthVerdict::kBadId: return "id " + u->quoted[0] + " is not an integer";
    case MonthVerdict::kDuplicate: return "duplicate id";
    case MonthVerdict::kBadUser: return "user_id " + u->quoted[1] + " is not an integer";
    case MonthVerdict::kOrphan: return imp::orphan_reason("user_id", *r.cells.user_id);
    case MonthVerdict::kBadYear: return "year must be 1 to 9999";
    case MonthVerdict::kBadMonth: return "month must be 1 to 12";
    case MonthVerdict::kBadScore: return "score " + u->quoted[4] + " is not an integer";
    case MonthVerdict::kNegative: return "negative score";
    case MonthVerdict::kBadTime: return "updated_at " + u->quoted[5] + " is not a DATETIME";
    case MonthVerdict::kSecondForMonth: return "a second row for the same user and month";
    case MonthVerdict::kConflict:
      return "hexdb has " + std::to_string(*r.cells.hexdb_score) + " for that month (" +
             (r.imported_before ? "imported before" : "from scores") + "), which is kept";
    default: return {};
  }
}

// May throw. The new rows by one INSERT (triggers, foreign key and all), where the direct
// path does not apply.
void insert_by_sql(const std::vector<MonthRow>& rows) {
  int n = static_cast<int>(rows.size());
  std::vector<int32_t> year(n), month(n);
  std::vector<Bytes> user(n);
  std::vector<int64_t> score(n), at(n);
  for (int i = 0; i < n; ++i)
    year[i] = rows[i].first.year, month[i] = rows[i].first.month, user[i] = rows[i].first.user,
    score[i] = rows[i].second.score, at[i] = rows[i].second.at;
  pg::call([&] {
    static const Oid types[5] = {INT4ARRAYOID, INT4ARRAYOID, UUIDARRAYOID, INT8ARRAYOID, TIMESTAMPTZARRAYOID};
    Datum v[5] = {spi::int4_array(year.data(), n), spi::int4_array(month.data(), n), spi::uuid_array(user.data(), n),
                  spi::int8_array(score.data(), n), spi::timestamptz_array(at.data(), n)};
    spi::execute(spi::prepared(&insert_plan,
                               "INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, updated_at, "
                               "imported) SELECT r.year, r.month, r.user_id, r.score, r.at, r.at, true "
                               "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
                               "pg_catalog.unnest($4), pg_catalog.unnest($5)) AS r(year, month, user_id, score, at)",
                               5, types),
                 v, false);
  });
}

// The staged rows, parsed, each user looked up, repeats marked.
struct StagedMonths {
  std::vector<Staged> rows;
  std::vector<Unparsed> unparsed;
};

// May throw.
StagedMonths scan() {
  StagedMonths out;
  imp::UsersByLegacyId users = imp::users_by_legacy_id();
  out.unparsed = imp::scan_staged(
      "staging_monthly_scores", kStagedColumns, &staged_plan,
      // Cast: a staging column the studio changed to another type is read as its text.
      "SELECT s.ctid, s.id::pg_catalog.text, s.user_id::pg_catalog.text, s.year::pg_catalog.text, "
      "s.month::pg_catalog.text, s.score::pg_catalog.text, s.updated_at::pg_catalog.text "
      "FROM hexdb.staging_monthly_scores s",
      out.rows, [&](const Cell (&cells)[6], Staged& r) { return parse_cells(cells, users, r); });
  mark_repeats(out.rows);
  return out;
}

// May throw. Every row's verdict (hexdb's months looked up already); the new rows placed in
// the source's zone.
imp::Verdicts<MonthRow> decide(const StagedMonths& s, const char* zone) {
  imp::Verdicts<MonthRow> v = imp::decide<MonthRow>(
      s.rows, s.unparsed, legacy::month_verdict,
      [](const Staged& r) {
        return MonthRow{{*r.cells.year, *r.cells.month, r.user}, {*r.cells.score, *r.cells.updated_local}};
      },
      reason);
  imp::place_in_zone(v.fresh, zone, [](MonthRow& r) -> int64_t& { return r.second.at; });
  return v;
}

// May throw.
void write_rejects(const imp::Rejects& rejects) {
  imp::write_rejects(&rejects_plan, IMPORT_REJECTS_SQL("import_monthly", "staging_monthly_scores"), rejects);
}

}  // namespace

namespace hexdb::import {

std::vector<MonthRow> MonthsBesideScores::decide(const std::vector<MonthRow>& made) {
  StagedMonths s = ::scan();
  look_up_made(s.rows, made);
  verdicts_ = ::decide(s, zone_.c_str());
  source_rows = static_cast<int64>(s.rows.size());
  new_rows = static_cast<int64>(verdicts_.fresh.size());
  return std::move(verdicts_.fresh);  // the rejects and counts stay for written()
}

void MonthsBesideScores::written() {
  ::write_rejects(verdicts_.rejects);
  present = verdicts_.present;
  verdicts_ = {};
  done = true;
}

}  // namespace hexdb::import

// May throw.
HEXDB_FUNCTION(hexdb_import_monthly) {
  std::string zone = imp::source_zone(fcinfo);
  pg::call([] { spi::connect(); });
  StagedMonths s = scan();
  look_up_months(s.rows);
  imp::Verdicts<MonthRow> v = decide(s, zone.c_str());
  int64 source = static_cast<int64>(s.rows.size());
  s = {};
  write_rejects(v.rejects);
  int64 fresh = static_cast<int64>(v.fresh.size());
  if (!v.fresh.empty() && !hexdb::monthly::insert_history_direct(v.fresh)) insert_by_sql(v.fresh);
  pg::call([] { spi::finish(); });
  return pg::call([&] { return imp::counts(fcinfo, {source, fresh, v.present}); });
}
