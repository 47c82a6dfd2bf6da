#include "scores/monthly_write.hpp"

extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "utils/timestamp.h"
}

#include <algorithm>

#include "scores/monthly_calendar.hpp"
#include "scores/monthly_direct.hpp"
#include "scores/rank_deltas.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "pg/boundary.hpp"
#include "pg/subtransaction.hpp"

namespace hexdb::monthly {

namespace {

// Rows per statement. Large on purpose: each statement fires monthly_scores' count trigger
// once, and one trigger call folds all the statement's bucket changes into one upsert of each
// count row; 50,000-row batches made a million-row COPY update count rows ~8x as often.
// A million groups cost ~40 MB of array parameters.
constexpr size_t kBatch = 1000000;
// A month's run of at least this many new rows is written by a plain INSERT when the month has
// no row yet (below: the extra emptiness probe and subtransaction are not worth it).
constexpr size_t kPlainMin = 64;

// Columnar copy of a batch, the shape of the statements' array parameters.
struct Columns {
  std::vector<int32_t> year, month;
  std::vector<uuid::Bytes> user;
  std::vector<int64_t> score, at;
  void key(const Key& k) {
    year.push_back(k.year);
    month.push_back(k.month);
    user.push_back(k.user);
  }
  void value(Value v) {
    score.push_back(v.score);
    at.push_back(v.at);
  }
  int size() const { return static_cast<int>(year.size()); }
};

const Oid kRowTypes[5] = {INT4ARRAYOID, INT4ARRAYOID, UUIDARRAYOID, INT8ARRAYOID, TIMESTAMPTZARRAYOID};
const Oid kOneRowTypes[5] = {INT4OID, INT4OID, UUIDOID, INT8OID, TIMESTAMPTZOID};

// Every statement here runs with the caller's search_path (the triggers do not pin it), so
// every name and operator is schema-qualified: OP(=) is OPERATOR(pg_catalog.=).
#define OP(o) " OPERATOR(pg_catalog." #o ") "

// The SQL form of combine() (core/monthly_aggregate.cpp). The WHERE clauses skip rows the
// new value does not change, so they are neither written nor counted again.
constexpr const char* kInsertMany =
    "INSERT INTO hexdb.monthly_scores AS m (year, month, user_id, score, achieved_at) "
    "SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
    "pg_catalog.unnest($4), pg_catalog.unnest($5)) "
    "ON CONFLICT (year, month, user_id) DO UPDATE ";
// One row (a submit_score): plain parameters, no arrays to build and unnest.
constexpr const char* kInsertOne =
    "INSERT INTO hexdb.monthly_scores AS m (year, month, user_id, score, achieved_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (year, month, user_id) DO UPDATE ";
constexpr const char* kCombineBest =
    "SET score = EXCLUDED.score, achieved_at = EXCLUDED.achieved_at, updated_at = pg_catalog.now() "
    "WHERE EXCLUDED.score" OP(>) "m.score OR (EXCLUDED.score" OP(=) "m.score "
    "AND EXCLUDED.achieved_at" OP(<) "m.achieved_at)";
constexpr const char* kCombineSum =
    "SET score = m.score" OP(+) "EXCLUDED.score, achieved_at = GREATEST(m.achieved_at, EXCLUDED.achieved_at), "
    "updated_at = pg_catalog.now() WHERE EXCLUDED.score" OP(<>) "0 OR EXCLUDED.achieved_at" OP(>) "m.achieved_at";
constexpr const char* kCombineLatest =
    "SET score = EXCLUDED.score, achieved_at = EXCLUDED.achieved_at, updated_at = pg_catalog.now() "
    "WHERE EXCLUDED.achieved_at" OP(>) "m.achieved_at OR (EXCLUDED.achieved_at" OP(=) "m.achieved_at "
    "AND EXCLUDED.score" OP(>) "m.score)";
constexpr const char* kSet =
    "SET score = EXCLUDED.score, achieved_at = EXCLUDED.achieved_at, updated_at = pg_catalog.now() "
    "WHERE m.score" OP(<>) "EXCLUDED.score OR m.achieved_at" OP(<>) "EXCLUDED.achieved_at";

// Rows of a month that had none: no conflict to arbitrate, so no speculative insertion.
constexpr const char* kInsertNew =
    "INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at) "
    "SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
    "pg_catalog.unnest($4), pg_catalog.unnest($5))";
// The month's first row in key order: an index probe (see rank_counts.cpp's month_has_counts).
constexpr const char* kMonthHasRows =
    "SELECT FROM hexdb.monthly_scores m WHERE m.year" OP(=) "$1 AND m.month" OP(=) "$2 "
    "ORDER BY m.year, m.month, m.user_id LIMIT 1";

// [0] for batches, [1] for one row.
SPIPlanPtr combine_plans[3][2];
SPIPlanPtr set_plans[2], delete_plan, lock_plan, recompute_plan, insert_new_plan, month_plan;

// Prepares the upsert (slots[0] many rows, slots[1] one row) + tail once. May elog.
SPIPlanPtr upsert_plan(SPIPlanPtr* slots, bool one, const char* tail) {
  if (slots[one]) return slots[one];
  char sql[1024];
  snprintf(sql, sizeof sql, "%s%s", one ? kInsertOne : kInsertMany, tail);  // constant SQL text
  return spi::prepared(&slots[one], sql, 5, one ? kOneRowTypes : kRowTypes);
}

// May throw. The array parameters of groups [from, to).
Columns columns(const std::vector<Group>& groups, size_t from, size_t to) {
  Columns c;
  for (size_t i = from; i < to; ++i) c.key(groups[i].first), c.value(groups[i].second);
  return c;
}

// May elog. The five array Datums of c.
void to_datums(const Columns& c, Datum* v) {
  v[0] = spi::int4_array(c.year.data(), c.size()), v[1] = spi::int4_array(c.month.data(), c.size());
  v[2] = spi::uuid_array(c.user.data(), c.size()), v[3] = spi::int8_array(c.score.data(), c.size());
  v[4] = spi::timestamptz_array(c.at.data(), c.size());
}

// May throw. Runs the upsert over groups [from, to) in batches; returns rows written.
int64_t upsert(SPIPlanPtr* slots, const char* tail, const std::vector<Group>& groups, size_t begin, size_t end) {
  if (end - begin == 1) {
    const Key& k = groups[begin].first;
    Value v = groups[begin].second;
    return pg::call([&] {
      SPIPlanPtr plan = upsert_plan(slots, true, tail);
      Datum d[5] = {Int32GetDatum(k.year), Int32GetDatum(k.month), pg::uuid_ref(k.user),
                    Int64GetDatum(v.score), TimestampTzGetDatum(v.at)};
      return static_cast<int64_t>(spi::execute(plan, d, false));
    });
  }
  int64_t written = 0;
  for (size_t from = begin; from < end; from += kBatch) {
    Columns c = columns(groups, from, std::min(end, from + kBatch));
    written += pg::call([&] {
      SPIPlanPtr plan = upsert_plan(slots, false, tail);
      Datum v[5];
      to_datums(c, v);
      return static_cast<int64_t>(spi::execute(plan, v, false));
    });
  }
  return written;
}

// May elog. Whether the month has a row in a fresh snapshot (at READ COMMITTED: every
// committed row).
bool month_has_rows(int32_t year, int32_t month) {
  static const Oid types[2] = {INT4OID, INT4OID};
  SPIPlanPtr plan = spi::prepared(&month_plan, kMonthHasRows, 2, types);
  Datum v[2] = {Int32GetDatum(year), Int32GetDatum(month)};
  return spi::execute(plan, v, false) > 0;
}

// May elog (the body run inside the subtransaction).
void run_insert_new(void* datums) {
  SPIPlanPtr plan = spi::prepared(&insert_new_plan, kInsertNew, 5, kRowTypes);
  spi::execute(plan, static_cast<Datum*>(datums), false);
}

// May throw. Inserts groups [from, to), all of one month that had no row, with a plain
// INSERT. A concurrent writer may have added some of these keys since (uncommitted, or
// committed after the probe): the INSERT then fails with a unique violation, its
// subtransaction is rolled back, and this returns false for the caller to upsert instead.
bool insert_new(const std::vector<Group>& groups, size_t from, size_t to) {
  Columns c = columns(groups, from, to);
  return pg::call([&] {
    Datum v[5];
    to_datums(c, v);
    return pg::try_in_subtransaction(run_insert_new, v, ERRCODE_UNIQUE_VIOLATION);
  });
}

// May throw. Writes groups (sorted) in key order: each month's run of kPlainMin rows or more
// into a month that has no row yet by a plain INSERT (a bulk load of a new month; without SQL
// where monthly_direct.hpp allows, its rank changes then recorded here), the rest by the
// upsert (slots, tail).
void write_groups(Relation scores, SPIPlanPtr* slots, const char* tail, const std::vector<Group>& groups) {
  size_t unwritten = 0;
  CountRows leaves;  // a bulk load's hundreds of thousands: appended, then summed in one sort
  leaves.reserve(groups.size());
  for (size_t i = 0, j; i < groups.size(); i = j) {
    const Key& k = groups[i].first;
    for (j = i; j < groups.size() && groups[j].first.year == k.year && groups[j].first.month == k.month; ++j) {
    }
    if (j - i < kPlainMin || j - i > kBatch) continue;
    if (pg::call([&] { return month_has_rows(k.year, k.month); })) continue;
    if (unwritten < i) upsert(slots, tail, groups, unwritten, i);
    bool direct = scores != nullptr && insert_new_direct(scores, groups, i, j, leaves);
    if (!direct && !insert_new(groups, i, j)) upsert(slots, tail, groups, i, j);
    unwritten = j;
  }
  if (unwritten < groups.size()) upsert(slots, tail, groups, unwritten, groups.size());
  record_leaf_changes(summed_rows(std::move(leaves)));
}

}  // namespace

void combine_rows(Relation scores, Aggregate a, const std::vector<Group>& groups) {
  switch (a) {
    case Aggregate::kBest: write_groups(scores, combine_plans[0], kCombineBest, groups); break;
    case Aggregate::kSum: write_groups(scores, combine_plans[1], kCombineSum, groups); break;
    case Aggregate::kLatest: write_groups(scores, combine_plans[2], kCombineLatest, groups); break;
  }
}

int64_t set_rows(const std::vector<Group>& groups) {
  return groups.empty() ? 0 : upsert(set_plans, kSet, groups, 0, groups.size());
}

int64_t delete_rows(const std::vector<Key>& keys) {
  int64_t deleted = 0;
  for (size_t from = 0; from < keys.size(); from += kBatch) {
    Columns c;
    for (size_t i = from; i < std::min(keys.size(), from + kBatch); ++i) c.key(keys[i]);
    deleted += pg::call([&] {
      SPIPlanPtr plan = spi::prepared(
          &delete_plan,
          "DELETE FROM hexdb.monthly_scores m "
          "USING ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)) "
          "AS k(year, month, user_id) "
          "WHERE m.year" OP(=) "k.year AND m.month" OP(=) "k.month AND m.user_id" OP(=) "k.user_id "
          "AND NOT m.imported",
          3, kRowTypes);
      Datum v[3] = {spi::int4_array(c.year.data(), c.size()), spi::int4_array(c.month.data(), c.size()),
                    spi::uuid_array(c.user.data(), c.size())};
      return static_cast<int64_t>(spi::execute(plan, v, false));
    });
  }
  return deleted;
}

std::vector<Current> lock_rows(const std::vector<Key>& keys) {
  std::vector<Current> out;
  out.reserve(keys.size());
  for (size_t from = 0; from < keys.size(); from += kBatch) {
    Columns c;
    for (size_t i = from; i < std::min(keys.size(), from + kBatch); ++i) c.key(keys[i]);
    uint64 n = pg::call([&] {
      SPIPlanPtr plan = spi::prepared(
          &lock_plan,
          "SELECT m.year, m.month, m.user_id, m.score, m.achieved_at, m.imported, "
          "       coalesce(m.imported_score, 0), coalesce(m.imported_at, m.achieved_at) "
          "FROM hexdb.monthly_scores m "
          "JOIN ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)) "
          "AS k(year, month, user_id) "
          "  ON m.year" OP(=) "k.year AND m.month" OP(=) "k.month AND m.user_id" OP(=) "k.user_id "
          "ORDER BY m.year, m.month, m.user_id FOR UPDATE OF m",
          3, kRowTypes);
      Datum v[3] = {spi::int4_array(c.year.data(), c.size()), spi::int4_array(c.month.data(), c.size()),
                    spi::uuid_array(c.user.data(), c.size())};
      return spi::execute(plan, v, false);
    });
    size_t base = out.size();
    out.resize(base + n);
    pg::call([&] {
      for (uint64 i = 0; i < n; ++i) {
        Current& r = out[base + i];
        r.key.year = spi::get_int32(i, 1);
        r.key.month = spi::get_int32(i, 2);
        spi::get_uuid(i, 3, &r.key.user);
        r.value = {spi::get_int64(i, 4), spi::get_int64(i, 5)};
        r.imported = spi::get_bool(i, 6);
        r.base = {spi::get_int64(i, 7), spi::get_int64(i, 8)};
      }
      SPI_freetuptable(SPI_tuptable);
    });
  }
  return out;
}

std::vector<std::optional<Value>> recompute(Aggregate a, const std::vector<Key>& keys,
                                            std::vector<std::optional<Value>> acc) {
  static const Oid types[4] = {INT4ARRAYOID, UUIDARRAYOID, TIMESTAMPTZARRAYOID, TIMESTAMPTZARRAYOID};
  for (size_t from = 0; from < keys.size(); from += kBatch) {
    size_t to = std::min(keys.size(), from + kBatch);
    std::vector<int32_t> index;
    std::vector<uuid::Bytes> user;
    std::vector<int64_t> lo, hi;
    for (size_t i = from; i < to; ++i) {
      MonthSpan s = pg::call([&] { return month_span(keys[i].year, keys[i].month); });
      index.push_back(static_cast<int32_t>(i));
      user.push_back(keys[i].user);
      lo.push_back(s.start);
      hi.push_back(s.end);
    }
    uint64 n = pg::call([&] {
      SPIPlanPtr plan = spi::prepared(
          &recompute_plan,
          "SELECT k.i, s.score, s.created_at "
          "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
          "pg_catalog.unnest($4)) AS k(i, user_id, lo, hi) "
          "JOIN hexdb.scores s ON s.user_id" OP(=) "k.user_id AND s.created_at" OP(>=) "k.lo "
          "AND s.created_at" OP(<) "k.hi",
          4, types);
      int cnt = static_cast<int>(index.size());
      Datum v[4] = {spi::int4_array(index.data(), cnt), spi::uuid_array(user.data(), cnt),
                    spi::timestamptz_array(lo.data(), cnt), spi::timestamptz_array(hi.data(), cnt)};
      return spi::execute(plan, v, false);
    });
    std::vector<std::pair<int32_t, Value>> rows(n);
    pg::call([&] {
      for (uint64 i = 0; i < n; ++i)
        rows[i] = {spi::get_int32(i, 1), {spi::get_int64(i, 2), spi::get_int64(i, 3)}};
      SPI_freetuptable(SPI_tuptable);
    });
    for (auto& [i, v] : rows) acc[i] = acc[i] ? combine(a, *acc[i], v) : v;
  }
  return acc;
}

}  // namespace hexdb::monthly
