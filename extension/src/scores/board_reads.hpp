// The reads behind the leaderboard functions, as direct index scans in the caller's snapshot:
// the player's row (monthly_scores' primary key), the ranking order (monthly_scores_rank_idx),
// the rank counts (monthly_score_counts' primary key) and their pending changes
// (monthly_score_deltas_written_idx, from monthly_score_folded's mark). A board call used to plan and start up to eight SPI
// statements; these scans are what those statements did once planned, without the planning.
// Every function here may elog and owns no C++ object.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/genam.h"
#include "access/transam.h"
#include "datatype/timestamp.h"
#include "executor/tuptable.h"
#include "utils/uuid.h"
}

#include "users/user_index.hpp"

namespace hexdb::monthly {

// The numbers of the columns the scans read, in their tables.
struct BoardColumns {
  AttrNumber score, achieved_at, user_id;  // monthly_scores
  AttrNumber bucket, players;              // monthly_score_counts
  AttrNumber leaf, delta;                  // monthly_score_deltas
  AttrNumber folded_before;                // monthly_score_folded
  AttrNumber nickname;                     // users
};

struct Board {
  Relation monthly, monthly_pkey, rank_idx;
  Relation counts, counts_pkey;
  Relation deltas, deltas_idx, folded;
  users::UserIndex users;
  TupleTableSlot *monthly_slot, *counts_slot, *deltas_slot;
  IndexScanDesc counts_scan, deltas_scan;  // begun on first use, rescanned after
  BoardColumns col;
  int32 year, month;
  FullTransactionId pending_from;  // where the walk of the pending changes starts
};

// Opens the tables of one month's board, checking the current user may read them and that
// their indexes are still the ones hexdb created.
void open_board(Board* b, int32 year, int32 month);
void close_board(Board* b);

// A player's place in the ranking order: (-score, achieved_at, user_id) ascending.
struct RankKey {
  int64 score;
  TimestampTz at;
  pg_uuid_t user;
};

// The player's row of the month; false when there is none.
bool player_entry(Board* b, Datum user, RankKey* key);

// Calls f(bucket, players, arg) for each count row of `level` in buckets [lo, hi).
void each_count(Board* b, int level, int64 lo, int64 hi, void (*f)(int64 bucket, int64 players, void* arg), void* arg);
// Calls f(leaf, delta, arg) for each pending change of a leaf in [leaf_lo, leaf_hi), walking
// the month's pending changes (and the other months') from the mark on.
void each_pending(Board* b, int64 leaf_lo, int64 leaf_hi, void (*f)(int64 leaf, int64 delta, void* arg), void* arg);
// Their sums.
int64 counted(Board* b, int level, int64 lo, int64 hi);

// A walk of the ranking order. `from`: where it starts (nullptr: the month's first or last
// row); `strategy`: how rows compare to `from` (BTGreaterEqualStrategyNumber walking forward
// from it, BTLessStrategyNumber walking backward before it); `min_neg_score`: when not
// nullptr, only rows with -score >= *min_neg_score (a leaf's players and those after).
IndexScanDesc begin_ranking(Board* b, const RankKey* from, StrategyNumber strategy, const int64* min_neg_score);
// The next row in `direction`; false at the end.
bool next_ranked(Board* b, IndexScanDesc scan, ScanDirection direction, RankKey* row);

}  // namespace hexdb::monthly
