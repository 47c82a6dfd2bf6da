#include "users/password_work.hpp"

extern "C" {
#include "postgres.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
}

#include <map>
#include <vector>

#include "core/sql_error.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "settings.hpp"

namespace hexdb::users {

namespace {

SPIPlanPtr sample_plan;
std::string stand_in;
TimestampTz stand_in_at = 0;
constexpr int64 kStandInLifeUs = 60 * USECS_PER_SEC;
constexpr long kSample = 1000;

void check_interrupts(void*) {
  pg::call([] { CHECK_FOR_INTERRUPTS(); });
}

// The method and cost part of a crypt(3) hash: "$2b$04", "$6$rounds=5000", "$y$j9T".
std::string kind_of(const std::string& hash) {
  size_t end = hash.find('$', 1);
  if (end != std::string::npos) end = hash.find('$', end + 1);
  return hash.substr(0, end);
}

}  // namespace

int allowed_cost() {
  if (settings::password_cost > settings::password_cost_max)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("hexdb.password_cost %d is above hexdb.password_cost_max %d", settings::password_cost,
                           settings::password_cost_max),
                    errhint("A superuser sets hexdb.password_cost_max."),
                    err_generic_string(PG_DIAG_CONSTRAINT_NAME, "password_cost_max")));
  return settings::password_cost;
}

password::Checkpoint interrupts() { return password::Checkpoint{check_interrupts, nullptr}; }

const std::string& stand_in_hash() {
  TimestampTz now = pg::call([] { return GetCurrentTimestamp(); });
  if (!stand_in.empty() && now - stand_in_at < kStandInLifeUs) return stand_in;
  std::vector<std::string> sample;
  pg::call([&] {
    spi::prepared(&sample_plan, "SELECT password_hash FROM hexdb.users LIMIT 1000", 0, nullptr);
    uint64 n = spi::execute(sample_plan, nullptr, true, kSample);
    for (uint64 i = 0; i < n; ++i) {
      bool isnull;
      Datum d = spi::get_text_datum(i, 1, &isnull);
      if (!isnull) sample.emplace_back(TextDatumGetCString(d));
    }
  });
  std::map<std::string, std::pair<long, size_t>> kinds;  // kind -> (count, a sample index)
  for (size_t i = 0; i < sample.size(); ++i) {
    auto& k = kinds[kind_of(sample[i])];
    if (k.first++ == 0) k.second = i;
  }
  const std::pair<long, size_t>* best = nullptr;
  for (const auto& [kind, k] : kinds)
    if (!best || k.first > best->first) best = &k;
  int cost = best ? 0 : pg::call([] { return allowed_cost(); });
  stand_in = best ? sample[best->second] : password::hash("stand-in", cost, interrupts());
  stand_in_at = now;
  return stand_in;
}

}  // namespace hexdb::users
