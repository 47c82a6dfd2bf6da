// Triggers on hexdb.monthly_scores itself:
//  - statement-level: keep hexdb.monthly_score_counts (players per score bucket, four levels)
//    equal to what monthly_scores holds, whoever writes it: the scores triggers, a rebuild, an
//    import, a cascade from users, or a person with psql. A statement's rows are folded into
//    per-leaf deltas in C++, then one upsert adds them, in key order (increments commute, so
//    concurrent writers of a hot bucket only queue on its row lock, never lose a count).
//  - row-level BEFORE: an imported history row remembers its own score and time.
extern "C" {
#include "postgres.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
}

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/scores/monthly_buckets.hpp"
#include "scores/rank_counts.hpp"
#include "pg/spi.hpp"
#include "pg/boundary.hpp"

namespace {

using namespace hexdb;
namespace buckets = hexdb::monthly::buckets;

using hexdb::monthly::CountKey;
using hexdb::monthly::Deltas;

// May throw. Adds sign for every row of a transition table to its month's leaf.
void add_rows(Tuplestorestate* store, TupleDesc desc, int64_t sign, Deltas& leaves) {
  struct Item { int32_t year, month; int64_t score; };
  constexpr int kChunk = 2048;
  Item chunk[kChunk];
  spi::TransitionScan scan;
  int c_year = 0, c_month = 0, c_score = 0;
  pg::call([&] {
    c_year = spi::column(desc, "year");
    c_month = spi::column(desc, "month");
    c_score = spi::column(desc, "score");
    spi::scan_open(&scan, store, desc);
  });
  for (;;) {
    int n = pg::call([&] {
      int k = 0;
      while (k < kChunk && spi::scan_next(&scan)) {
        bool null;
        chunk[k].year = DatumGetInt32(slot_getattr(scan.slot, c_year, &null));
        chunk[k].month = DatumGetInt32(slot_getattr(scan.slot, c_month, &null));
        chunk[k].score = DatumGetInt64(slot_getattr(scan.slot, c_score, &null));
        ++k;
      }
      return k;
    });
    for (int i = 0; i < n; ++i)
      leaves[{chunk[i].year, chunk[i].month, 0, buckets::leaf_of(chunk[i].score)}] += sign;
    if (n < kChunk) break;
  }
  pg::call([&] { spi::scan_close(&scan); });
}

// May elog.
bool is_empty(Tuplestorestate* store) { return store == nullptr || tuplestore_tuple_count(store) == 0; }

}  // namespace

namespace hexdb::monthly {
namespace {
SPIPlanPtr add_plan;
}  // namespace

void spread_leaves(const Deltas& leaves, Deltas& all) {
  for (const auto& [k, d] : leaves) {
    if (d == 0) continue;
    for (int level = 0; level < buckets::kLevels; ++level)
      all[{k.year, k.month, static_cast<int16_t>(level), buckets::at_level(k.bucket, level)}] += d;
  }
}

int64_t add_counts(const Deltas& all) {
  std::vector<std::pair<CountKey, int64_t>> rows;
  for (const auto& kv : all)
    if (kv.second != 0) rows.push_back(kv);
  if (rows.empty()) return 0;
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<int32_t> year, month;
  std::vector<int16_t> level;
  std::vector<int64_t> bucket, delta;
  for (const auto& [k, d] : rows) {
    year.push_back(k.year), month.push_back(k.month), level.push_back(k.level);
    bucket.push_back(k.bucket), delta.push_back(d);
  }
  pg::call([&] {
    static const Oid types[5] = {INT4ARRAYOID, INT4ARRAYOID, INT2ARRAYOID, INT8ARRAYOID, INT8ARRAYOID};
    SPIPlanPtr plan = spi::prepared(
        &add_plan,
        "INSERT INTO hexdb.monthly_score_counts AS c (year, month, level, bucket, players) "
        "SELECT * FROM unnest($1::int4[], $2::int4[], $3::int2[], $4::int8[], $5::int8[]) "
        "ON CONFLICT (year, month, level, bucket) DO UPDATE SET players = c.players + EXCLUDED.players",
        5, types);
    int n = static_cast<int>(year.size());
    Datum v[5] = {spi::int4_array(year.data(), n), spi::int4_array(month.data(), n),
                  spi::int2_array(level.data(), n), spi::int8_array(bucket.data(), n),
                  spi::int8_array(delta.data(), n)};
    spi::execute(plan, v, false);
  });
  return static_cast<int64_t>(rows.size());
}

}  // namespace hexdb::monthly

HEXDB_FUNCTION(hexdb_monthly_counts_trigger) {
  if (!CALLED_AS_TRIGGER(fcinfo)) throw SqlError("39P01", "monthly_counts_trigger must be called as a trigger");
  auto* td = reinterpret_cast<TriggerData*>(fcinfo->context);
  if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event)) {
    pg::call([] {
      SPI_connect();
      SPI_execute("TRUNCATE hexdb.monthly_score_counts", false, 0);
      SPI_finish();
    });
    return PointerGetDatum(nullptr);
  }
  // An INSERT ... ON CONFLICT fires both the INSERT and the UPDATE trigger; often one is empty.
  if (is_empty(td->tg_oldtable) && is_empty(td->tg_newtable)) return PointerGetDatum(nullptr);
  Deltas leaves;
  TupleDesc desc = td->tg_relation->rd_att;
  if (td->tg_oldtable) add_rows(td->tg_oldtable, desc, -1, leaves);
  if (td->tg_newtable) add_rows(td->tg_newtable, desc, +1, leaves);
  Deltas all;
  monthly::spread_leaves(leaves, all);
  pg::call([] { SPI_connect(); });
  monthly::add_counts(all);
  pg::call([] { SPI_finish(); });
  return PointerGetDatum(nullptr);
}

// May elog; owns no C++ object. Fills imported_score/imported_at from score/achieved_at.
HEXDB_FUNCTION(hexdb_monthly_imported_base_trigger) {
  if (!CALLED_AS_TRIGGER(fcinfo)) elog(ERROR, "monthly_imported_base_trigger must be called as a trigger");
  auto* td = reinterpret_cast<TriggerData*>(fcinfo->context);
  HeapTuple tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
  TupleDesc desc = td->tg_relation->rd_att;
  int c_score = spi::column(desc, "score"), c_at = spi::column(desc, "achieved_at");
  int c_iscore = spi::column(desc, "imported_score"), c_iat = spi::column(desc, "imported_at");
  bool null_score, null_at, null_iscore, null_iat;
  Datum score = heap_getattr(tuple, c_score, desc, &null_score);
  Datum at = heap_getattr(tuple, c_at, desc, &null_at);
  heap_getattr(tuple, c_iscore, desc, &null_iscore);
  heap_getattr(tuple, c_iat, desc, &null_iat);
  int cols[2];
  Datum values[2];
  bool nulls[2];
  int n = 0;
  if (null_iscore) cols[n] = c_iscore, values[n] = score, nulls[n] = null_score, ++n;
  if (null_iat) cols[n] = c_iat, values[n] = at, nulls[n] = null_at, ++n;
  if (n == 0) return PointerGetDatum(tuple);
  return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, n, cols, values, nulls));
}
