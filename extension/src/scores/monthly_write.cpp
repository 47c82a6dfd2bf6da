#include "scores/monthly_write.hpp"

extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "utils/timestamp.h"
}

#include <algorithm>

#include "scores/monthly_calendar.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "pg/boundary.hpp"

namespace hexdb::monthly {

namespace {

// Rows per statement. Large on purpose: each statement fires monthly_scores' count trigger
// once, and one trigger call folds all the statement's bucket changes into one upsert of each
// count row; 50,000-row batches made a million-row COPY update count rows ~8x as often.
// A million groups cost ~40 MB of array parameters.
constexpr size_t kBatch = 1000000;

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

// [0] for batches, [1] for one row.
SPIPlanPtr combine_plans[3][2];
SPIPlanPtr set_plans[2], delete_plan, lock_plan, recompute_plan;

// Prepares the upsert (slots[0] many rows, slots[1] one row) + tail once. May elog.
SPIPlanPtr upsert_plan(SPIPlanPtr* slots, bool one, const char* tail) {
  if (slots[one]) return slots[one];
  char sql[1024];
  snprintf(sql, sizeof sql, "%s%s", one ? kInsertOne : kInsertMany, tail);  // constant SQL text
  return spi::prepared(&slots[one], sql, 5, one ? kOneRowTypes : kRowTypes);
}

// May throw. Runs the upsert over groups in batches; returns rows written.
int64_t upsert(SPIPlanPtr* slots, const char* tail, const std::vector<Group>& groups) {
  if (groups.size() == 1) {
    const Key& k = groups[0].first;
    Value v = groups[0].second;
    return pg::call([&] {
      SPIPlanPtr plan = upsert_plan(slots, true, tail);
      Datum d[5] = {Int32GetDatum(k.year), Int32GetDatum(k.month), PointerGetDatum(k.user.data()),
                    Int64GetDatum(v.score), TimestampTzGetDatum(v.at)};
      return static_cast<int64_t>(spi::execute(plan, d, false));
    });
  }
  int64_t written = 0;
  for (size_t from = 0; from < groups.size(); from += kBatch) {
    Columns c;
    size_t to = std::min(groups.size(), from + kBatch);
    for (size_t i = from; i < to; ++i) c.key(groups[i].first), c.value(groups[i].second);
    written += pg::call([&] {
      SPIPlanPtr plan = upsert_plan(slots, false, tail);
      Datum v[5] = {spi::int4_array(c.year.data(), c.size()), spi::int4_array(c.month.data(), c.size()),
                    spi::uuid_array(c.user.data(), c.size()), spi::int8_array(c.score.data(), c.size()),
                    spi::timestamptz_array(c.at.data(), c.size())};
      return static_cast<int64_t>(spi::execute(plan, v, false));
    });
  }
  return written;
}

}  // namespace

void combine_rows(Aggregate a, const std::vector<Group>& groups) {
  switch (a) {
    case Aggregate::kBest: upsert(combine_plans[0], kCombineBest, groups); break;
    case Aggregate::kSum: upsert(combine_plans[1], kCombineSum, groups); break;
    case Aggregate::kLatest: upsert(combine_plans[2], kCombineLatest, groups); break;
  }
}

int64_t set_rows(const std::vector<Group>& groups) { return upsert(set_plans, kSet, groups); }

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
