// Many new rows of hexdb.scores with ids of their own (an import's) written without an SQL
// statement, where scores/scores_direct.hpp says that is the same as one INSERT of them all.
//
// What one INSERT ... SELECT of a million rows did row by row is done once here: each distinct
// user is locked as the foreign key's check would lock it (once, not once a row); the rows go in
// through COPY's batches, in (user, time) order, so that index's entries each land at the right
// end of an empty table; the primary key's and legacy_id's entries follow, each in its own
// order (pg::LaterIndex); the monthly fold reads the rows from memory, not from a transition
// table, and writes new months in bulk (scores/monthly_direct.hpp). Into a scores table that
// never held a row, every index is built once after the load instead (a duplicate key then
// fails the build with 23505, as it would fail the insert), and monthly_scores_rank_idx too
// when monthly_scores never held one (pg/index_rebuild.hpp: those indexes locked ACCESS
// EXCLUSIVE until commit).
#pragma once

extern "C" {
#include "postgres.h"
#include "datatype/timestamp.h"
}

#include <cstdint>
#include <vector>

#include "core/uuid/uuid_layout.hpp"
#include "scores/monthly_write.hpp"

namespace hexdb::scores {

struct NewScore {
  int64 id;
  uuid::Bytes user;
  int64 score;
  TimestampTz at;
  int32 legacy_id;
  uint32_t user_rank;  // the user's place in UUID order among user_ranks (import/staged_scan.hpp)
};

// Imported history that a load into a monthly_scores that never held a row writes beside the
// scores' months, inside the same deferral of its indexes (monthly::load_fresh), instead of
// one index entry and one count change at a time after their rebuild (import_scores.cpp).
class HistoryBeside {
 public:
  virtual ~HistoryBeside() = default;
  // The new history rows, decided against `made`: the months the scores make (sorted by key),
  // which are all of monthly_scores. Writes nothing. May throw.
  virtual std::vector<monthly::Group> decide(const std::vector<monthly::Group>& made) = 0;
  // Told that those rows are in. May throw.
  virtual void written() = 0;
};

// Inserts rows as one INSERT would, statement trigger included, and empties the vector (its
// memory freed as soon as it is written); false, with nothing written and rows reordered, where
// that INSERT must run instead. Throws SqlError 23503 (user_unknown)
// for a user that does not exist, and raises what the INSERT would for a duplicate key or a
// CHECK. Each row's user_rank below user_ranks, consistent with its user's UUID order. SPI
// connected. With `history`, and monthly_scores fresh, its rows are written too (written() is
// called). May throw.
bool insert_scores_direct(std::vector<NewScore>& rows, size_t user_ranks, HistoryBeside* history = nullptr);

}  // namespace hexdb::scores
