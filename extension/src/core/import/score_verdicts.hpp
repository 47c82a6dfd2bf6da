// Which verdict import_legacy() gives each staged score, in the order its rules apply: an id
// that is no INT, then a second row of an id (the first by position keeps it), then a score
// hexdb already has (its id decides, whatever its other cells), then the user, the score and
// the time. Pure C++: import/import_scores.cpp parses the cells and writes the results.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/import/repeated_rows.hpp"

namespace hexdb::legacy {

enum class ScoreVerdict : uint8_t {
  kNew,         // imported now
  kPresent,     // already in hexdb (same legacy id)
  kBadId,       // id is no INT
  kDuplicate,   // a second row of an id
  kBadUser,     // user_id is no INT
  kOrphan,      // no hexdb user has that legacy id
  kBadScore,    // score is no INT
  kNegative,    // score < 0
  kBadTime,     // created_at is no DATETIME
};

// A staged row's cells as parsed, and what the look-ups found.
struct StagedScore {
  std::optional<int32_t> id, user_id, score;
  std::optional<int64_t> created_local;
  bool user_found = false;  // user_id names a hexdb user
  bool duplicate = false;   // another row has the same id at an earlier position
  bool present = false;     // hexdb already has a score with this legacy id
};

ScoreVerdict score_verdict(const StagedScore& s);

}  // namespace hexdb::legacy
