// rebuild_monthly_scores() and monthly_scores_drift(): the monthly aggregate recomputed from
// scores (plus imported history) in one pass, compared with what the table holds, and only
// the differences written. The same comparison, without writing, measures drift. The rank
// counts are checked against the rows the same way.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"
}

#include <algorithm>
#include <memory_resource>
#include <new>
#include <unordered_set>
#include <vector>

#include "core/scores/monthly_fold.hpp"
#include "core/scores/monthly_buckets.hpp"
#include "scores/monthly_calendar.hpp"
#include "scores/rank_deltas.hpp"
#include "scores/monthly_rebuild.hpp"
#include "pg/args.hpp"
#include "pg/spi.hpp"
#include "pg/spi_cursor.hpp"
#include "scores/monthly_write.hpp"
#include "pg/boundary.hpp"

namespace hexdb::monthly {

namespace {

constexpr long kFetch = 4096;

// The rebuild folds every month in scope in memory: that memory lives in a PostgreSQL memory
// context of its own ("hexdb monthly rebuild"), so it is accounted for like any other
// (pg_backend_memory_contexts) and goes with the context. Allocation never raises an ERROR
// (MCXT_ALLOC_NO_OOM): a failure is std::bad_alloc, which the boundary reports as 53200.
class ContextMemory : public std::pmr::memory_resource {
 public:
  ContextMemory()
      : cxt_(pg::call([] {
          return AllocSetContextCreate(CurrentMemoryContext, "hexdb monthly rebuild", ALLOCSET_DEFAULT_SIZES);
        })) {}
  ~ContextMemory() override { MemoryContextDelete(cxt_); }
  ContextMemory(const ContextMemory&) = delete;
  ContextMemory& operator=(const ContextMemory&) = delete;

 private:
  void* do_allocate(size_t bytes, size_t align) override {
    void* p = align <= MAXIMUM_ALIGNOF
                  ? MemoryContextAllocExtended(cxt_, bytes, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM)
                  : nullptr;
    if (!p) throw std::bad_alloc();
    return p;
  }
  void do_deallocate(void* p, size_t, size_t) override { pfree(p); }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  MemoryContext cxt_;
};

struct Scope {
  int32 y_lo, m_lo, y_hi, m_hi;
  TimestampTz t_lo, t_hi;
  bool contains(int32 y, int32 m) const {
    return std::make_pair(y, m) >= std::make_pair(y_lo, m_lo) && std::make_pair(y, m) <= std::make_pair(y_hi, m_hi);
  }
};

// May elog.
Scope make_scope(bool all, int32 year, int32 month_or_zero) {
  Scope s;
  if (all) return {INT32_MIN, 1, INT32_MAX, 12, DT_NOBEGIN, DT_NOEND};
  if (month_or_zero == 0) {
    s = {year, 1, year, 12, month_span(year, 1).start, month_span(year, 12).end};
  } else {
    MonthSpan m = month_span(year, month_or_zero);
    s = {year, month_or_zero, year, month_or_zero, m.start, m.end};
  }
  return s;
}

// Scope as parameters $1..$4 of "(year, month) BETWEEN ($1, $2) AND ($3, $4)". May elog.
void scope_values(const Scope& s, Datum* v) {
  v[0] = Int32GetDatum(s.y_lo), v[1] = Int32GetDatum(s.m_lo);
  v[2] = Int32GetDatum(s.y_hi), v[3] = Int32GetDatum(s.m_hi);
}
const Oid kScopeTypes[4] = {INT4OID, INT4OID, INT4OID, INT4OID};

SPIPlanPtr scores_plan, imported_plan, rows_plan, counts_plan, zero_plan;

// May throw. SPI_tuptable's (year, month, user_id, score, time) rows into batch.
void read_keyed_rows(uint64 n, std::vector<Row>& batch) {
  batch.resize(n);
  pg::call([&] {
    for (uint64 i = 0; i < n; ++i) {
      Row& r = batch[i];
      r.key.year = spi::get_int32(i, 1), r.key.month = spi::get_int32(i, 2);
      spi::get_uuid(i, 3, &r.key.user);
      r.value = {spi::get_int64(i, 4), spi::get_int64(i, 5)};
    }
  });
}

// May throw. The expected aggregate of every (year, month, user) in scope.
Fold expected_rows(Aggregate a, const Scope& scope, bool read_only, std::pmr::memory_resource* memory) {
  Fold expected(a, memory);
  std::vector<Row> batch;
  batch.reserve(kFetch);
  const Oid time_types[2] = {TIMESTAMPTZOID, TIMESTAMPTZOID};
  Datum times[2] = {TimestampTzGetDatum(scope.t_lo), TimestampTzGetDatum(scope.t_hi)};
  spi::for_each_batch(&scores_plan,
                      "SELECT user_id, score, created_at FROM hexdb.scores WHERE created_at >= $1 AND created_at < $2",
                      2, time_types, times, read_only, kFetch, [&](uint64 n) {
                   batch.resize(n);  // capacity reserved: no allocation for n <= kFetch
                   pg::call([&] {
                     for (uint64 i = 0; i < n; ++i) {
                       Row& r = batch[i];
                       spi::get_uuid(i, 1, &r.key.user);
                       r.value = {spi::get_int64(i, 2), spi::get_int64(i, 3)};
                       MonthSpan m = month_of(r.value.at);
                       r.key.year = m.year, r.key.month = m.month;
                     }
                   });
                   for (const Row& r : batch)
                     if (scope.contains(r.key.year, r.key.month)) expected.add(r);
                 });
  Datum sv[4];
  scope_values(scope, sv);
  spi::for_each_batch(&imported_plan,
                      "SELECT year, month, user_id, imported_score, imported_at FROM hexdb.monthly_scores "
                      "WHERE imported AND (year, month) >= ($1, $2) AND (year, month) <= ($3, $4)",
                      4, kScopeTypes, sv, read_only, kFetch, [&](uint64 n) {
                   read_keyed_rows(n, batch);
                   for (const Row& r : batch) expected.add(r);
                 });
  return expected;
}

// May throw. Calls each(row) for every monthly_scores row in scope.
template <typename Each>
void for_each_row(const Scope& scope, bool read_only, Each each) {
  Datum sv[4];
  scope_values(scope, sv);
  std::vector<Row> batch;
  batch.reserve(kFetch);
  spi::for_each_batch(&rows_plan,
                      "SELECT year, month, user_id, score, achieved_at FROM hexdb.monthly_scores "
                      "WHERE (year, month) >= ($1, $2) AND (year, month) <= ($3, $4)",
                      4, kScopeTypes, sv, read_only, kFetch, [&](uint64 n) {
                   read_keyed_rows(n, batch);
                   for (const Row& r : batch) each(r);
                 });
}

// May throw. Count rows in scope that differ from `want` (players per bucket); the
// correcting deltas go to `fix`.
int64_t count_drift(const Scope& scope, bool read_only, Deltas want, Deltas& fix) {
  Datum sv[4];
  scope_values(scope, sv);
  struct Item { CountKey key; int64_t players; };
  std::vector<Item> batch;
  batch.reserve(kFetch);
  spi::for_each_batch(&counts_plan,
                      "SELECT year, month, level, bucket, players FROM hexdb.monthly_score_counts "
                      "WHERE (year, month) >= ($1, $2) AND (year, month) <= ($3, $4) AND players <> 0",
                      4, kScopeTypes, sv, read_only, kFetch, [&](uint64 n) {
                   batch.resize(n);
                   pg::call([&] {
                     for (uint64 i = 0; i < n; ++i) {
                       batch[i].key = {spi::get_int32(i, 1), spi::get_int32(i, 2), spi::get_int16(i, 3),
                                       spi::get_int64(i, 4)};
                       batch[i].players = spi::get_int64(i, 5);
                     }
                   });
                   for (const Item& it : batch) want[it.key] -= it.players;
                 });
  // Pending changes count as folded when only measuring; a rebuild deletes them (it holds the
  // compaction lock) and sets the counts to what they should be.
  Deltas pending;
  if (read_only) {
    read_pending(scope.y_lo, scope.m_lo, scope.y_hi, scope.m_hi, pending);
    Deltas spread;
    spread_leaves(pending, spread);
    for (const auto& [k, d] : spread) want[k] -= d;
  } else {
    take_pending(scope.y_lo, scope.m_lo, scope.y_hi, scope.m_hi, pending);
  }
  int64_t drift = 0;
  for (const auto& [k, d] : want)
    if (d != 0) fix[k] = d, ++drift;
  return drift;
}

// May throw.
Deltas counts_of(const Fold& rows_by_key) {
  Deltas leaves, all;
  for (const auto& [k, v] : rows_by_key.sorted()) leaves[{k.year, k.month, 0, buckets::leaf_of(v.score)}] += 1;
  spread_leaves(leaves, all);
  return all;
}

// May throw. The work of both functions; write = false only measures.
int64_t run(const Scope& scope, bool write) {
  bool read_only = !write;
  if (write)
    pg::call([] {
      // Writers wait until the rebuild commits; readers go on.
      spi::execute_text("LOCK TABLE hexdb.scores, hexdb.monthly_scores IN SHARE ROW EXCLUSIVE MODE", false);
      // Every writer that could hold it has committed now (writers lock monthly_scores first).
      lock_compaction();
    });
  Aggregate a = pg::call([] { return settings().aggregate; });
  ContextMemory memory;  // before the containers that use it: it must outlive them
  Fold expected = expected_rows(a, scope, read_only, &memory);
  std::vector<Group> sets;
  std::vector<Key> deletes;
  Fold as_is(a, &memory);  // the rows as they are (for counts drift when not writing)
  std::pmr::unordered_set<Key, KeyHash> seen(&memory);
  for_each_row(scope, read_only, [&](const Row& r) {
    if (!write) as_is.add(r);
    seen.insert(r.key);
    const Value* e = expected.find(r.key);
    if (!e) deletes.push_back(r.key);
    else if (*e != r.value) sets.emplace_back(r.key, *e);
  });
  for (const auto& [k, v] : expected.sorted())
    if (!seen.count(k)) sets.emplace_back(k, v);
  int64_t written = static_cast<int64_t>(sets.size() + deletes.size());
  Deltas fix;
  if (write) {
    std::sort(sets.begin(), sets.end(), [](const Group& x, const Group& y) { return x.first < y.first; });
    std::sort(deletes.begin(), deletes.end());
    set_rows(sets);
    delete_rows(deletes);
    // The triggers kept the counts in step with these writes; this repairs any earlier drift
    // (a restored dump, say) and drops empty buckets.
    count_drift(scope, false, counts_of(expected), fix);
    add_counts(fix);
    Datum sv[4];
    scope_values(scope, sv);
    pg::call([&] {
      SPIPlanPtr plan = spi::prepared(&zero_plan,
                                      "DELETE FROM hexdb.monthly_score_counts WHERE players = 0 "
                                      "AND (year, month) >= ($1, $2) AND (year, month) <= ($3, $4)",
                                      4, kScopeTypes);
      spi::execute(plan, sv, false);
    });
    return written;
  }
  return written + count_drift(scope, true, counts_of(as_is), fix);
}

// May elog. Reads (year, month) arguments: both NULL = every month; a year alone = its months.
Scope scope_from_args(FunctionCallInfo fcinfo) {
  bool no_year = PG_ARGISNULL(0), no_month = PG_ARGISNULL(1);
  if (no_year && !no_month)
    ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("a month needs a year"),
                    errhint("Pass both, a year alone, or neither (every month)."), pg::rule("month_needs_year")));
  if (!no_month) check_month(PG_GETARG_INT32(1));
  return make_scope(no_year, no_year ? 0 : PG_GETARG_INT32(0), no_month ? 0 : PG_GETARG_INT32(1));
}

}  // namespace

int64_t rebuild_all() {
  Scope s = pg::call([] { return make_scope(true, 0, 0); });
  return run(s, true);
}

}  // namespace hexdb::monthly

using namespace hexdb;

HEXDB_FUNCTION(hexdb_rebuild_monthly_scores) {
  monthly::Scope scope = pg::call([&] { return monthly::scope_from_args(fcinfo); });
  pg::call([] { spi::connect(); });
  int64_t written = monthly::run(scope, true);
  pg::call([] { spi::finish(); });
  return Int64GetDatum(written);
}

HEXDB_FUNCTION(hexdb_monthly_scores_drift) {
  monthly::Scope scope = pg::call([&] { return monthly::scope_from_args(fcinfo); });
  pg::call([] { spi::connect(); });
  int64_t drift = monthly::run(scope, false);
  pg::call([] { spi::finish(); });
  return Int64GetDatum(drift);
}
