// Which verdict import_legacy() gives each staged row of monthly history, in the order its
// rules apply: an id that is no INT, a second row of an id, the user, the year, the month, the
// score, the time, then a second row for the same user and month (ranked among all the staged
// rows by id, then position), then a month hexdb already has (the same score: already present;
// another: quarantined, hexdb's kept). Pure C++: import/import_monthly.cpp parses the cells and
// writes the results.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/import/repeated_rows.hpp"

namespace hexdb::legacy {

enum class MonthVerdict : uint8_t {
  kNew,             // imported now (history no score backs)
  kPresent,         // hexdb has the same score for that month
  kBadId,           // id is no INT
  kDuplicate,       // a second row of an id
  kBadUser,         // user_id is no INT
  kOrphan,          // no hexdb user has that legacy id
  kBadYear,         // year is no INT in 1-9999
  kBadMonth,        // month is no INT in 1-12
  kBadScore,        // score is no INT
  kNegative,        // score < 0
  kBadTime,         // updated_at is no DATETIME
  kSecondForMonth,  // an earlier row (by id, then position) has the same user and month
  kConflict,        // hexdb has another score for that month
};

// A staged row's cells as parsed, and what the look-ups found.
struct StagedMonth {
  std::optional<int32_t> id, user_id, year, month, score;
  std::optional<int64_t> updated_local;
  bool user_found = false;
  bool duplicate = false;         // another row has the same id at an earlier position
  bool second_for_month = false;  // see MonthVerdict::kSecondForMonth
  std::optional<int64_t> hexdb_score;  // hexdb's score for that user and month, if it has the row
};

MonthVerdict month_verdict(const StagedMonth& m);

// Whether the year and month name a month (the rules before the second-row rule need that).
bool valid_month(const StagedMonth& m);

}  // namespace hexdb::legacy
