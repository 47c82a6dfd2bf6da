#include "scores/rank_counts.hpp"

extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
}

#include <algorithm>
#include <vector>

#include "core/scores/monthly_buckets.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"

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
        "SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), "
        "pg_catalog.unnest($4), pg_catalog.unnest($5)) "
        "ON CONFLICT (year, month, level, bucket) DO UPDATE "
        "SET players = c.players OPERATOR(pg_catalog.+) EXCLUDED.players",
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

