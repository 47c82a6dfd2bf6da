// hexdb.import_scores(source_timezone): import_legacy()'s scores step, the bulk of an export, in
// one pass instead of SQL that parsed every cell in a function call, joined a million rows to
// users, scores and a grouping of itself, wrote them all to a temp table and read them back.
//
// The staged rows are read once (straight from the heap, else an SPI cursor), each cell parsed (core/import/legacy_values), each
// user looked up in a map of the users' legacy ids, repeated ids found by one sort, ids hexdb
// already has by a sorted list of its legacy ids; core/import/score_verdicts decides each row.
// The quarantined rows go to pg_temp.import_scores (created by import_legacy()) whole, for the
// report and import_rejects; the new rows are written by scores/insert_scores_direct.hpp, or
// by one INSERT of them all where that does not apply. Returns the counts of the report.
extern "C" {
#include "postgres.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
}

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/import/legacy_values.hpp"
#include "core/import/score_verdicts.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/heap_text_scan.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "pg/spi_cursor.hpp"
#include "scores/insert_scores_direct.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
namespace legacy = hexdb::legacy;
using hexdb::scores::NewScore;
using hexdb::uuid::Bytes;
using legacy::ScoreVerdict;

constexpr long kFetch = 65536;

struct Staged {
  legacy::StagedScore cells;
  ItemPointerData sid;
  Bytes user;
};

// The quoted text of the cells that did not parse (quote_nullable's), for the reasons: few rows.
struct Unparsed {
  size_t row;
  std::string id, user_id, score, created_at;
};

struct StagedRows {
  std::vector<Staged> rows;
  std::vector<Unparsed> unparsed;
};

SPIPlanPtr users_plan, present_plan, staged_plan, orphan_plan, rejects_plan, advance_plan, nextval_plan,
    taken_plan, max_id_plan, insert_plan;

// May throw. Legacy id -> user, for every hexdb user that has one.
std::unordered_map<int32_t, Bytes> users_by_legacy_id() {
  auto rows = spi::read_rows<std::pair<int32_t, Bytes>>(
      &users_plan, "SELECT u.legacy_id, u.user_id FROM hexdb.users u WHERE u.legacy_id IS NOT NULL", kFetch,
      [](uint64 i, std::pair<int32_t, Bytes>& r) {
        r.first = spi::get_int32(i, 1);
        spi::get_uuid(i, 2, &r.second);
      });
  return std::unordered_map<int32_t, Bytes>(rows.begin(), rows.end());
}

// May throw. The legacy ids of hexdb's scores, sorted.
std::vector<int32_t> present_ids() {
  std::vector<int32_t> ids = spi::read_rows<int32_t>(
      &present_plan, "SELECT s.legacy_id FROM hexdb.scores s WHERE s.legacy_id IS NOT NULL", kFetch,
      [](uint64 i, int32_t& id) { id = spi::get_int32(i, 1); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

template <typename T>
std::optional<T> parsed(std::optional<std::string_view> text, std::optional<T> (*parse)(std::string_view)) {
  return text ? parse(*text) : std::nullopt;
}

// Parses a staged row's cells (id, user_id, score, created_at; nullopt for NULL) into r; true
// when a cell did not parse (the caller then keeps its quoted text). Never elogs or throws.
bool parse_cells(const std::optional<std::string_view> (&cells)[4], const std::unordered_map<int32_t, Bytes>& users,
                 Staged& r) {
  legacy::StagedScore& c = r.cells;
  c.id = parsed(cells[0], legacy::parse_int32);
  c.user_id = parsed(cells[1], legacy::parse_int32);
  c.score = parsed(cells[2], legacy::parse_int32);
  c.created_local = parsed(cells[3], legacy::parse_datetime);
  if (c.user_id) {
    auto u = users.find(*c.user_id);
    c.user_found = u != users.end();
    if (c.user_found) r.user = u->second;
  }
  return !c.id || !c.user_id || !c.score || !c.created_local;
}

// May elog. quote_nullable(cell).
const char* quoted(const std::optional<std::string_view>& cell) {
  return cell ? quote_literal_cstr(pnstrdup(cell->data(), cell->size())) : "NULL";
}

// May elog. Row i of SPI_tuptable (ctid, id, user_id, score, created_at) parsed into r.
bool parse_row(uint64 i, const std::unordered_map<int32_t, Bytes>& users, Staged& r) {
  bool null;
  r.sid = *reinterpret_cast<ItemPointer>(DatumGetPointer(spi::get_datum(i, 1, &null)));
  const std::optional<std::string_view> cells[4] = {spi::get_text(i, 2), spi::get_text(i, 3), spi::get_text(i, 4),
                                                    spi::get_text(i, 5)};
  return parse_cells(cells, users, r);
}

constexpr const char* kStagedColumns[4] = {"id", "user_id", "score", "created_at"};

// May throw. scan_staged's rows read straight from staging_scores' heap (pg/heap_text_scan.hpp);
// false, nothing read, where that does not apply.
bool scan_staged_heap(const std::unordered_map<int32_t, Bytes>& users, StagedRows& scan) {
  pg::HeapTextScan heap;
  if (!pg::call([&] { return pg::begin_text_scan(&heap, "staging_scores", kStagedColumns, 4); })) return false;
  std::vector<size_t> bad;
  std::vector<std::array<const char*, 4>> bad_text;
  bad.reserve(kFetch), bad_text.reserve(kFetch);  // no allocation inside pg::call
  for (bool more = true; more;) {
    size_t base = scan.rows.size(), got = 0;
    scan.rows.resize(base + kFetch);
    bad.clear(), bad_text.clear();
    pg::call([&] {
      CHECK_FOR_INTERRUPTS();
      std::string_view view[4];
      bool null[4];
      while (got < static_cast<size_t>(kFetch) && (more = pg::next_text_row(&heap, view, null, &scan.rows[base + got].sid))) {
        std::optional<std::string_view> cells[4];
        for (int j = 0; j < 4; ++j)
          if (!null[j]) cells[j] = view[j];
        if (parse_cells(cells, users, scan.rows[base + got])) {
          bad.push_back(base + got);
          bad_text.push_back({quoted(cells[0]), quoted(cells[1]), quoted(cells[2]), quoted(cells[3])});
        }
        ++got;
      }
    });
    scan.rows.resize(base + got);
    for (size_t k = 0; k < bad.size(); ++k)
      scan.unparsed.push_back({bad[k], bad_text[k][0], bad_text[k][1], bad_text[k][2], bad_text[k][3]});
  }
  pg::call([&] { pg::end_text_scan(&heap); });
  return true;
}

// May throw. Every staged row, parsed and looked up.
StagedRows scan_staged(const std::unordered_map<int32_t, Bytes>& users) {
  StagedRows scan;
  if (scan_staged_heap(users, scan)) return scan;
  spi::for_each_batch(
      &staged_plan, // Cast: a staging column the studio changed to another type is read as its text.
      "SELECT s.ctid, s.id::pg_catalog.text, s.user_id::pg_catalog.text, s.score::pg_catalog.text, "
      "s.created_at::pg_catalog.text FROM hexdb.staging_scores s", 0, nullptr,
      nullptr, false, kFetch, [&](uint64 n) {
        size_t base = scan.rows.size();
        scan.rows.resize(base + n);
        std::vector<uint64> bad;
        bad.reserve(n);  // no allocation inside pg::call
        pg::call([&] {
          for (uint64 i = 0; i < n; ++i)
            if (parse_row(i, users, scan.rows[base + i])) bad.push_back(i);
        });
        for (uint64 i : bad) {
          const char* q[4];
          pg::call([&] {
            for (int j = 0; j < 4; ++j) q[j] = quoted(spi::get_text(i, j + 2));
          });
          scan.unparsed.push_back({base + i, q[0], q[1], q[2], q[3]});
        }
      });
  return scan;
}

// What the rows come to: the new ones, and the quarantined ones with their reasons.
struct Verdicts {
  std::vector<NewScore> fresh;
  std::vector<ItemPointerData> reject_sid;
  std::vector<int32_t> reject_id;
  std::vector<bool> reject_id_null;
  std::vector<std::string> reject_reason;
  int64 present = 0;
};

// May elog. import_orphan_reason('user_id', user_id): one reason text for every table.
const char* orphan_reason(int32_t user_id) {
  static const Oid types[1] = {INT4OID};
  SPIPlanPtr plan = spi::prepared(&orphan_plan, "SELECT hexdb.import_orphan_reason('user_id', $1)", 1, types);
  Datum v[1] = {Int32GetDatum(user_id)};
  spi::execute(plan, v, false);
  std::optional<std::string_view> text = spi::get_text(0, 1);
  return text ? pnstrdup(text->data(), text->size()) : "";
}

// May throw. The reason for a row quarantined with verdict v.
std::string reason(ScoreVerdict v, const Staged& r, const Unparsed* u) {
  switch (v) {
    case ScoreVerdict::kBadId: return "id " + u->id + " is not an integer";
    case ScoreVerdict::kDuplicate: return "duplicate id";
    case ScoreVerdict::kBadUser: return "user_id " + u->user_id + " is not an integer";
    case ScoreVerdict::kOrphan: return pg::call([&] { return orphan_reason(*r.cells.user_id); });
    case ScoreVerdict::kBadScore: return "score " + u->score + " is not an integer";
    case ScoreVerdict::kNegative: return "negative score";
    case ScoreVerdict::kBadTime: return "created_at " + u->created_at + " is not a DATETIME";
    default: return {};
  }
}

// May throw. Decides every row (scan.rows' duplicate and present marks set here).
Verdicts decide(StagedRows& scan, const std::vector<int32_t>& present) {
  std::vector<legacy::IdAt> ids;
  for (size_t i = 0; i < scan.rows.size(); ++i) {
    const Staged& r = scan.rows[i];
    if (r.cells.id)
      ids.push_back({*r.cells.id,
                     (uint64_t(ItemPointerGetBlockNumberNoCheck(&r.sid)) << 16) | ItemPointerGetOffsetNumberNoCheck(&r.sid), i});
  }
  std::vector<bool> later(scan.rows.size(), false);
  legacy::mark_later_duplicates(ids, later);
  Verdicts out;
  out.fresh.reserve(scan.rows.size());
  for (size_t i = 0; i < scan.rows.size(); ++i) {
    Staged& r = scan.rows[i];
    r.cells.duplicate = later[i];
    r.cells.present = r.cells.id && std::binary_search(present.begin(), present.end(), *r.cells.id);
    ScoreVerdict v = legacy::score_verdict(r.cells);
    if (v == ScoreVerdict::kNew) {
      out.fresh.push_back({*r.cells.id, r.user, *r.cells.score, *r.cells.created_local, *r.cells.id});
    } else if (v == ScoreVerdict::kPresent) {
      ++out.present;
    } else {
      auto u = std::lower_bound(scan.unparsed.begin(), scan.unparsed.end(), i,
                                [](const Unparsed& x, size_t row) { return x.row < row; });
      out.reject_sid.push_back(r.sid);
      out.reject_id.push_back(r.cells.id.value_or(0));
      out.reject_id_null.push_back(!r.cells.id);
      out.reject_reason.push_back(reason(v, r, u != scan.unparsed.end() && u->row == i ? &*u : nullptr));
    }
  }
  return out;
}

// May throw. The rejects into pg_temp.import_scores, each with its staged row whole.
void write_rejects(const Verdicts& v) {
  int n = static_cast<int>(v.reject_sid.size());
  if (n == 0) return;
  std::vector<const char*> reasons(n);
  std::unique_ptr<bool[]> nulls(new bool[n]);
  for (int i = 0; i < n; ++i) reasons[i] = v.reject_reason[i].c_str(), nulls[i] = v.reject_id_null[i];
  pg::call([&] {
    static const Oid types[3] = {TIDARRAYOID, INT4ARRAYOID, TEXTARRAYOID};
    SPIPlanPtr plan = spi::prepared(
        &rejects_plan,
        "INSERT INTO pg_temp.import_scores (lid, present, reason, raw) "
        "SELECT r.lid, false, r.reason, pg_catalog.to_jsonb(s) "
        "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)) AS r(sid, lid, reason) "
        "JOIN hexdb.staging_scores s ON s.ctid OPERATOR(pg_catalog.=) r.sid",
        3, types);
    Datum a[3] = {spi::tid_array(v.reject_sid.data(), n), spi::int4_array(v.reject_id.data(), nulls.get(), n),
                  spi::text_array(reasons.data(), n)};
    spi::execute(plan, a, false);
  });
}

// May throw. created_at: each DATETIME read in the source time zone (timestamp AT TIME ZONE).
void place_in_zone(std::vector<NewScore>& rows, const char* zone) {
  if (strcmp(zone, "UTC") == 0) return;  // no offset: the wall-clock time is the instant
  pg::call([&] {
    Datum z = CStringGetTextDatum(zone);
    for (NewScore& r : rows)
      r.at = DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, z, TimestampGetDatum(r.at)));
  });
}

// May elog. A one-row, one-column result of plan, NULL as *null.
int64 single_int8(SPIPlanPtr plan, const Datum* values, bool* null) {
  spi::execute(plan, values, false);
  return spi::get_int64(0, 1, null);
}

// May throw. Each new row's id is its legacy id, unless a row of hexdb's own has that id: it
// then takes the next of scores' sequence, moved past the legacy ids first (as import_legacy's
// INSERT did).
void assign_ids(std::vector<NewScore>& rows) {
  if (rows.empty()) return;
  int32_t lo = rows[0].legacy_id, hi = rows[0].legacy_id;
  for (const NewScore& r : rows) lo = std::min(lo, r.legacy_id), hi = std::max(hi, r.legacy_id);
  bool null;
  int64 max_id = pg::call([&] {
    static const Oid types[1] = {INT8OID};
    Datum v[1] = {Int64GetDatum(hi)};
    spi::execute(spi::prepared(&advance_plan,
                               "SELECT hexdb.import_advance_sequence('hexdb.scores_id_seq'::pg_catalog.regclass, $1)",
                               1, types),
                 v, false);
    return single_int8(spi::prepared(&max_id_plan, "SELECT pg_catalog.max(s.id) FROM hexdb.scores s", 0, nullptr),
                       nullptr, &null);
  });
  if (null || max_id < lo) return;  // no id of hexdb's own among the legacy ones
  std::vector<int64_t> ids(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) ids[i] = rows[i].legacy_id;
  std::vector<int64_t> taken;
  uint64 n = pg::call([&] {
    static const Oid types[1] = {INT8ARRAYOID};
    Datum v[1] = {spi::int8_array(ids.data(), static_cast<int>(ids.size()))};
    return spi::execute(spi::prepared(&taken_plan,
                                      "SELECT s.id FROM hexdb.scores s WHERE s.id OPERATOR(pg_catalog.=) ANY ($1)", 1,
                                      types),
                        v, false);
  });
  taken.resize(n);
  pg::call([&] {
    for (uint64 i = 0; i < n; ++i) taken[i] = spi::get_int64(i, 1);
  });
  if (taken.empty()) return;
  std::sort(taken.begin(), taken.end());
  std::vector<int64_t> fresh(taken.size());
  pg::call([&] {
    static const Oid types[1] = {INT4OID};
    Datum v[1] = {Int32GetDatum(static_cast<int32>(taken.size()))};
    spi::execute(spi::prepared(&nextval_plan,
                               "SELECT pg_catalog.nextval('hexdb.scores_id_seq'::pg_catalog.regclass) "
                               "FROM pg_catalog.generate_series(1, $1)",
                               1, types),
                 v, false);
    for (size_t i = 0; i < fresh.size(); ++i) fresh[i] = spi::get_int64(i, 1);
  });
  size_t next = 0;
  for (NewScore& r : rows)
    if (std::binary_search(taken.begin(), taken.end(), int64_t{r.legacy_id})) r.id = fresh[next++];
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

// May elog. The report's counts as the function's (source_rows, new_rows, present) record.
Datum counts(FunctionCallInfo fcinfo, int64 source, int64 fresh, int64 present) {
  TupleDesc desc;
  if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE) elog(ERROR, "hexdb: import_scores needs a record result");
  desc = BlessTupleDesc(desc);
  Datum v[3] = {Int64GetDatum(source), Int64GetDatum(fresh), Int64GetDatum(present)};
  bool nulls[3] = {false, false, false};
  return HeapTupleGetDatum(heap_form_tuple(desc, v, nulls));
}

}  // namespace

// May throw.
HEXDB_FUNCTION(hexdb_import_scores) {
  std::string zone = pg::call([&] { return std::string(pg::text_arg(fcinfo, 0, "source_timezone")); });
  pg::call([] { spi::connect(); });
  StagedRows scan;
  {
    std::unordered_map<int32_t, Bytes> users = users_by_legacy_id();
    scan = scan_staged(users);
  }
  Verdicts v = decide(scan, present_ids());
  int64 source = static_cast<int64>(scan.rows.size());
  scan = StagedRows{};
  write_rejects(v);
  place_in_zone(v.fresh, zone.c_str());
  assign_ids(v.fresh);
  int64 fresh = static_cast<int64>(v.fresh.size());
  if (!v.fresh.empty() && !hexdb::scores::insert_scores_direct(v.fresh)) insert_by_sql(v.fresh);
  pg::call([] { spi::finish(); });
  return pg::call([&] { return counts(fcinfo, source, fresh, v.present); });
}
