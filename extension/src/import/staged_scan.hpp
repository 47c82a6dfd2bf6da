// What the import's C++ steps (import_users.cpp, import_scores.cpp, import_friendships.cpp,
// import_monthly.cpp, import_visits.cpp) share: a staging table's rows read once with their
// cells as text (straight from the heap, else an SPI cursor), the users' legacy ids, the
// reasons' wording, the quarantined rows written whole to the step's pg_temp table, the counts
// of the report. SPI connected.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/itemptr.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
}

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/import/legacy_id_map.hpp"
#include "core/import/repeated_rows.hpp"
#include "core/uuid/uuid_layout.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/heap_text_scan.hpp"
#include "pg/spi.hpp"
#include "pg/spi_cursor.hpp"

namespace hexdb::import {

using Cell = std::optional<std::string_view>;  // nullopt: NULL

constexpr long kFetch = 65536;

// The quoted text (quote_nullable's) of a row's cells, kept for a row whose cells did not all
// parse: its reason names them. Few rows.
template <size_t N>
struct Unparsed {
  size_t row;
  std::array<std::string, N> quoted;
};

const char* quoted(const Cell& cell);  // May elog. quote_nullable(cell).

// A cell parsed by parse (core/import/legacy_values); nullopt for NULL or no value.
template <typename T>
std::optional<T> parsed(Cell cell, std::optional<T> (*parse)(std::string_view)) {
  return cell ? parse(*cell) : std::nullopt;
}

// A row's ctid as one number in physical order.
inline uint64_t position(const ItemPointerData& sid) {
  return (uint64_t(ItemPointerGetBlockNumberNoCheck(&sid)) << 16) | ItemPointerGetOffsetNumberNoCheck(&sid);
}

// May throw. Every row of hexdb.<table>'s columns into rows (each Row's sid set), parse(cells,
// row) filling the rest: it returns true where a cell did not parse, and must neither elog nor
// throw. sql, the fallback where the heap cannot be read directly: "SELECT s.ctid, each
// column::pg_catalog.text FROM hexdb.<table> s". Returns the unparsed rows, in row order.
template <typename Row, size_t N, typename Parse>
std::vector<Unparsed<N>> scan_staged(const char* table, const char* const (&columns)[N], SPIPlanPtr* plan,
                                     const char* sql, std::vector<Row>& rows, Parse parse) {
  std::vector<Unparsed<N>> unparsed;
  std::vector<size_t> bad;
  std::vector<std::array<const char*, N>> bad_text;
  bad.reserve(kFetch), bad_text.reserve(kFetch);  // no allocation inside pg::call
  auto keep_bad = [&] {
    for (size_t k = 0; k < bad.size(); ++k) {
      Unparsed<N> u{bad[k], {}};
      for (size_t j = 0; j < N; ++j) u.quoted[j] = bad_text[k][j];
      unparsed.push_back(std::move(u));
    }
    bad.clear(), bad_text.clear();
  };
  // Inside pg::call (may elog quoting a cell): parses row i's cells, noting it when one did not
  // parse. Within the reserved batch: no allocation.
  auto take = [&](size_t i, const Cell (&cells)[N]) {
    if (!parse(cells, rows[i])) return;
    bad.push_back(i);
    std::array<const char*, N> q;
    for (size_t j = 0; j < N; ++j) q[j] = quoted(cells[j]);
    bad_text.push_back(q);
  };
  pg::HeapTextScan heap;
  if (pg::call([&] { return pg::begin_text_scan(&heap, table, columns, static_cast<int>(N)); })) {
    for (bool more = true; more;) {
      size_t base = rows.size(), got = 0;
      rows.resize(base + kFetch);
      pg::call([&] {
        CHECK_FOR_INTERRUPTS();
        std::string_view view[N];
        bool null[N];
        while (got < static_cast<size_t>(kFetch) && (more = pg::next_text_row(&heap, view, null, &rows[base + got].sid))) {
          Cell cells[N];
          for (size_t j = 0; j < N; ++j)
            if (!null[j]) cells[j] = view[j];
          take(base + got++, cells);
        }
      });
      rows.resize(base + got);
      keep_bad();
    }
    pg::call([&] { pg::end_text_scan(&heap); });
    return unparsed;
  }
  spi::for_each_batch(plan, sql, 0, nullptr, nullptr, false, kFetch, [&](uint64 n) {
    size_t base = rows.size();
    rows.resize(base + n);
    pg::call([&] {
      for (uint64 i = 0; i < n; ++i) {
        bool null;
        rows[base + i].sid = *reinterpret_cast<ItemPointer>(DatumGetPointer(spi::get_datum(i, 1, &null)));
        Cell cells[N];
        for (size_t j = 0; j < N; ++j) cells[j] = spi::get_text(i, static_cast<int>(j) + 2);
        take(base + i, cells);
      }
    });
    keep_bad();
  });
  return unparsed;
}

// The unparsed record of row, or nullptr.
template <size_t N>
const Unparsed<N>* unparsed_at(const std::vector<Unparsed<N>>& unparsed, size_t row) {
  auto u = std::lower_bound(unparsed.begin(), unparsed.end(), row,
                            [](const Unparsed<N>& x, size_t r) { return x.row < r; });
  return u != unparsed.end() && u->row == row ? &*u : nullptr;
}

using UsersByLegacyId = legacy::LegacyIdMap<uuid::Bytes>;
UsersByLegacyId users_by_legacy_id();  // May throw. Every hexdb user that has one.

// A user and its place in the users' UUID order (0, 1, ...): for sorting many rows by user
// with a counting sort instead of comparing UUIDs.
struct RankedUser {
  uuid::Bytes id;
  uint32_t rank;
};
using RankedUsersByLegacyId = legacy::LegacyIdMap<RankedUser>;
// May throw. Every hexdb user that has a legacy id, ranked; *count the number of them.
RankedUsersByLegacyId ranked_users_by_legacy_id(uint32_t* count);

// Whether legacy id names a user in users (*user then set). Never elogs or throws.
template <typename User>
bool find_user(const legacy::LegacyIdMap<User>& users, const std::optional<int32_t>& id, User* user) {
  if (!id) return false;
  const User* u = users.find(*id);
  if (!u) return false;
  *user = *u;
  return true;
}

// May throw. A step's first argument: the time zone the source's DATETIMEs are in.
inline std::string source_zone(FunctionCallInfo fcinfo) {
  return pg::call([&] { return std::string(pg::text_arg(fcinfo, 0, "source_timezone")); });
}

// May throw. import_orphan_reason(column, user_id): one reason text for every table.
std::string orphan_reason(const char* column, int32_t user_id);

// May throw. Each row's DATETIME (at(row), a timestamp) read in the source time zone, as SQL's
// timestamp AT TIME ZONE zone: the instant it names.
template <typename Row, typename At>
void place_in_zone(std::vector<Row>& rows, const char* zone, At at) {
  if (strcmp(zone, "UTC") == 0) return;  // no offset: the wall-clock time is the instant
  pg::call([&] {
    Datum z = CStringGetTextDatum(zone);
    for (Row& r : rows) at(r) = DatumGetTimestampTz(DirectFunctionCall2(timestamp_zone, z, TimestampGetDatum(at(r))));
  });
}

// The quarantined rows of a step.
struct Rejects {
  std::vector<ItemPointerData> sid;
  std::vector<int32_t> id;
  std::vector<bool> id_null;
  std::vector<std::string> reason;
  void add(const ItemPointerData& s, const std::optional<int32_t>& lid, std::string why) {
    sid.push_back(s), id.push_back(lid.value_or(0)), id_null.push_back(!lid), reason.push_back(std::move(why));
  }
};

// May throw. The rejects into the step's pg_temp table by sql, whose $1, $2, $3 are the
// arrays of their ctids, legacy ids and reasons: IMPORT_REJECTS_SQL's text.
void write_rejects(SPIPlanPtr* plan, const char* sql, const Rejects& r);

// The statement write_rejects runs for a step: each reject into pg_temp.<temp_table> with its
// row of hexdb.<staging_table> whole (constant text, both names literals).
#define IMPORT_REJECTS_SQL(temp_table, staging_table)                                            \
  "INSERT INTO pg_temp." temp_table " (lid, present, reason, raw) "                              \
  "SELECT r.lid, false, r.reason, pg_catalog.to_jsonb(s) "                                       \
  "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)) "        \
  "AS r(sid, lid, reason) "                                                                      \
  "JOIN hexdb." staging_table " s ON s.ctid OPERATOR(pg_catalog.=) r.sid"

// Marks each row's repeats: cells.duplicate for a second row of its id, and set_later(row) for a
// row that is not the first of its group (group(row): nullopt where it has none), each row
// ranked by id, then position.
template <typename Row, typename Group, typename SetLater>
void mark_repeats(std::vector<Row>& rows, Group group, SetLater set_later) {
  std::vector<legacy::IdAt> ids;
  std::vector<legacy::GroupAt> groups;
  for (size_t i = 0; i < rows.size(); ++i) {
    uint64_t at = position(rows[i].sid);
    if (rows[i].cells.id) ids.push_back({*rows[i].cells.id, at, i});
    if (std::optional<uint64_t> g = group(rows[i].cells)) groups.push_back({*g, rows[i].cells.id, at, i});
  }
  std::vector<bool> duplicate(rows.size(), false), later(rows.size(), false);
  legacy::mark_later_duplicates(ids, duplicate);
  legacy::mark_later_in_group(groups, later);
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].cells.duplicate = duplicate[i];
    if (later[i]) set_later(rows[i].cells);
  }
}

// The same for a step whose rows have no group: repeated ids only.
template <typename Row>
void mark_repeats(std::vector<Row>& rows) {
  mark_repeats(
      rows, [](const auto&) { return std::optional<uint64_t>(); }, [](auto&) {});
}

// What a step's rows come to: the new ones, the ones hexdb already has, the quarantined ones.
template <typename Fresh>
struct Verdicts {
  std::vector<Fresh> fresh;
  Rejects rejects;
  int64 present = 0;
};

// May throw. Each row's verdict (verdict_of(row), an enum with kNew and kPresent): a new row
// becomes fresh(row), any other but a present one a reject with reason(verdict, row, unparsed).
template <typename Fresh, typename Row, size_t N, typename VerdictOf, typename MakeFresh, typename Reason>
Verdicts<Fresh> decide(const std::vector<Row>& rows, const std::vector<Unparsed<N>>& unparsed, VerdictOf verdict_of,
                       MakeFresh fresh, Reason reason) {
  Verdicts<Fresh> out;
  out.fresh.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    auto v = verdict_of(rows[i].cells);
    if (v == decltype(v)::kNew)
      out.fresh.push_back(fresh(rows[i]));
    else if (v == decltype(v)::kPresent)
      ++out.present;
    else
      out.rejects.add(rows[i].sid, rows[i].cells.id, reason(v, rows[i], unparsed_at(unparsed, i)));
  }
  return out;
}

// May elog. The step's counts as the function's record of bigints (source_rows, new_rows,
// present, ...), at most 8; nullopt gives NULL.
Datum counts(FunctionCallInfo fcinfo, std::initializer_list<std::optional<int64>> values);

}  // namespace hexdb::import
