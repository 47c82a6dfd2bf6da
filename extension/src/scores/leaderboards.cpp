// The leaderboard functions. Ranking order: score DESC, achieved_at ASC, user_id ASC, which is
// the ascending order of monthly_scores_rank_idx (year, month, -score, achieved_at, user_id).
//
// A rank is never counted row by row: monthly_score_counts gives the players in the buckets
// ahead (a few hundred count rows at most, core/monthly_buckets.hpp), plus the pending changes
// not yet folded into them, and only the player's own leaf bucket is counted in the index. A
// page after rank N walks the counts down to the leaf holding position N, then reads the index
// from there. Every read is a direct index scan in the caller's snapshot (board_reads.hpp), so
// counts and rows agree within one call; only friends_leaderboard, a join over friendships,
// is an SPI statement. Everything here may elog and owns no C++ object.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
}

#include "core/scores/monthly_buckets.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/srf.hpp"
#include "scores/board_reads.hpp"
#include "scores/monthly_calendar.hpp"
#include "users/unknown_user.hpp"

namespace {

using namespace hexdb;
namespace buckets = hexdb::monthly::buckets;

using monthly::Board;
using monthly::RankKey;
using pg::SrfOut;
using pg::materialize;

// Every name and operator is schema-qualified (this runs with the caller's search_path):
// OP(=) is OPERATOR(pg_catalog.=), as ri_triggers.c writes it.
#define OP(o) " OPERATOR(pg_catalog." #o ") "

// A ranked row with its player's nickname.
struct Named {
  RankKey row;
  Datum nickname;
  bool no_nickname;
};

// Whether hexdb.users has the row's player (a join would drop the row otherwise); the nickname
// is read from the user's row, valid until the next fetch_user.
bool named(Board* b, const RankKey& row, Named* out) {
  if (!users::fetch_user(b->users, UUIDPGetDatum(const_cast<pg_uuid_t*>(&row.user)))) return false;
  out->row = row;
  out->nickname = slot_getattr(b->users.slot, b->col.nickname, &out->no_nickname);
  return true;
}

// Appends the row with its rank: rank, user_id, nickname, score, achieved_at.
void put(const SrfOut& out, int64 rank, Named* n) {
  Datum v[5] = {Int64GetDatum(rank), UUIDPGetDatum(&n->row.user), n->nickname, Int64GetDatum(n->row.score),
                TimestampTzGetDatum(n->row.at)};
  bool nulls[5] = {false, false, n->no_nickname, false, false};
  tuplestore_putvalues(out.store, out.desc, v, nulls);
}

// Emits up to lim rows of a walk forward, ranked first_rank, first_rank + 1, ..., after
// skipping its first `skip` rows.
void emit_forward(Board* b, const SrfOut& out, IndexScanDesc scan, int64 skip, int64 lim, int64 first_rank) {
  RankKey row;
  Named n;
  while (lim > 0 && monthly::next_ranked(b, scan, ForwardScanDirection, &row)) {
    if (!named(b, row, &n)) continue;
    if (skip > 0) {
      --skip;
    } else {
      put(out, first_rank++, &n);
      --lim;
    }
  }
  index_endscan(scan);
}

// Players ahead of a bucket (or leaf), and all of the month's, from one scan of the top level
// of the counts and one of the pending changes.
struct Tally {
  int64 after;  // bucket or leaf numbers above this one are ahead
  int64 ahead;
  int64 total;
};

void tally(int64 bucket, int64 players, void* arg) {
  Tally* t = static_cast<Tally*>(arg);
  t->total += players;
  if (bucket > t->after) t->ahead += players;
}

// The 1-based rank of a player's entry, and the month's number of players when `total` is
// not nullptr. Without it only what lies ahead is counted: the pending rows of higher leaves.
int64 rank_of(Board* b, const RankKey& e, int64* total) {
  int64 leaf = buckets::leaf_of(e.score);
  int top = buckets::kLevels - 1;
  Tally counts{buckets::at_level(leaf, top), 0, 0}, pending{leaf, 0, 0};
  int64 top_from = total != nullptr ? INT64_MIN : counts.after + 1;
  int64 leaf_from = total != nullptr ? INT64_MIN : leaf + 1;
  monthly::each_count(b, top, top_from, INT64_MAX, tally, &counts);
  monthly::each_pending(b, leaf_from, INT64_MAX, tally, &pending);
  int64 ahead = counts.ahead + pending.ahead;
  for (int level = 0; level < top; ++level) {
    int64 bucket = buckets::at_level(leaf, level);
    ahead += monthly::counted(b, level, bucket + 1, buckets::sibling_end(bucket, level));
  }
  // The players of its own leaf who rank ahead of it.
  int64 leaf_top = -buckets::leaf_scores(leaf).hi;
  IndexScanDesc scan = monthly::begin_ranking(b, &e, BTLessStrategyNumber, &leaf_top);
  RankKey row;
  while (monthly::next_ranked(b, scan, ForwardScanDirection, &row)) ++ahead;
  index_endscan(scan);
  if (total != nullptr) *total = counts.total + pending.total;
  return ahead + 1;
}

// Up to lim players just before e, with their ranks (e's is `rank`), in ranking order. They
// come nearest first; their nicknames are copied, as the next user's fetch ends each one.
void page_before(Board* b, const SrfOut& out, const RankKey& e, int64 rank, int64 lim) {
  int64 cap = lim < 64 ? lim : 64, n = 0;
  Named* rows = static_cast<Named*>(palloc(cap * sizeof(Named)));
  IndexScanDesc scan = monthly::begin_ranking(b, &e, BTLessStrategyNumber, nullptr);
  RankKey row;
  while (n < lim && monthly::next_ranked(b, scan, BackwardScanDirection, &row)) {
    if (n == cap) rows = static_cast<Named*>(repalloc_huge(rows, (cap *= 2) * sizeof(Named)));
    if (!named(b, row, &rows[n])) continue;
    if (!rows[n].no_nickname) rows[n].nickname = PointerGetDatum(PG_DETOAST_DATUM_COPY(rows[n].nickname));
    ++n;
  }
  index_endscan(scan);
  for (int64 i = n - 1; i >= 0; --i) put(out, rank - 1 - i, &rows[i]);
}

// The non-empty buckets under one bucket of the walk down the counts (at most 64 children).
struct Children {
  int64 lo;
  int shift;  // a pending change's leaf >> shift is its bucket at this level
  int64 players[1 << buckets::kFanoutBits];
};

void add_child(int64 bucket, int64 players, void* arg);

void add_pending_child(int64 leaf, int64 delta, void* arg) {
  add_child(leaf >> static_cast<Children*>(arg)->shift, delta, arg);
}

void add_child(int64 bucket, int64 players, void* arg) {
  Children* c = static_cast<Children*>(arg);
  if (bucket < c->lo || bucket - c->lo >= (1 << buckets::kFanoutBits)) {
    ereport(ERROR, (errcode(ERRCODE_DATA_CORRUPTED), errmsg("hexdb.monthly_score_counts holds a bucket outside the tree"),
                    errhint("SELECT hexdb.rebuild_monthly_scores() rebuilds the rank counts.")));
  }
  c->players[bucket - c->lo] += players;
}

// Emits lim rows after the first `skip` of the month; nothing when skip >= players.
void page_after_rank(Board* b, const SrfOut& out, int64 skip, int64 lim) {
  int64 first_rank = skip + 1, lo = 0, hi = INT64_MAX, bucket = 0;
  for (int level = buckets::kLevels - 1; level >= 0; --level) {
    int shift = buckets::kFanoutBits * level;
    int64 leaf_hi = hi > (INT64_MAX >> shift) ? INT64_MAX : hi << shift;
    Children c{};
    c.lo = lo, c.shift = shift;
    monthly::each_count(b, level, lo, hi, add_child, &c);
    monthly::each_pending(b, lo << shift, leaf_hi, add_pending_child, &c);
    bool found = false;
    for (int i = (1 << buckets::kFanoutBits) - 1; i >= 0 && !found; --i) {
      if (c.players[i] <= 0) continue;
      if (skip < c.players[i]) bucket = lo + i, found = true;
      else skip -= c.players[i];
    }
    if (!found) return;
    lo = buckets::first_child(bucket), hi = buckets::end_child(bucket);
  }
  int64 leaf_top = -buckets::leaf_scores(bucket).hi;
  emit_forward(b, out, monthly::begin_ranking(b, nullptr, 0, &leaf_top), skip, lim, first_rank);
}

// May elog. The year and month arguments at positions y and y + 1.
void month_args(FunctionCallInfo fcinfo, int y, int32* year, int32* month) {
  *year = PG_GETARG_INT32(y);
  *month = PG_GETARG_INT32(y + 1);
  monthly::check_month(*month);
}

HEXDB_FUNCTION(hexdb_monthly_leaderboard) {
  static const char* const names[] = {"year", "month", "lim", "after_rank"};
  pg::require_all(fcinfo, 4, names);
  int32 year, month;
  month_args(fcinfo, 0, &year, &month);
  int64 lim = PG_GETARG_INT32(2), after = PG_GETARG_INT64(3);
  pg::at_least(lim, 0, "lim");
  pg::at_least(after, 0, "after_rank");
  SrfOut out = materialize(fcinfo);
  if (lim == 0) return Datum(0);
  Board b;
  monthly::open_board(&b, year, month);
  if (after == 0) emit_forward(&b, out, monthly::begin_ranking(&b, nullptr, 0, nullptr), 0, lim, 1);
  else page_after_rank(&b, out, after, lim);
  monthly::close_board(&b);
  return Datum(0);
}

// The arguments (user_id, year, month, ...) of a per-player function, and the board opened;
// false when the player has no score that month. total: as rank_of's.
bool player_args(FunctionCallInfo fcinfo, const char* const* names, int n, Board* b, RankKey* e, int64* rank,
                 int64* total) {
  pg::require_all(fcinfo, n, names);
  int32 year, month;
  month_args(fcinfo, 1, &year, &month);
  monthly::open_board(b, year, month);
  if (!monthly::player_entry(b, PG_GETARG_DATUM(0), e)) {
    users::require_user(PG_GETARG_DATUM(0));  // no row: 23503 when there is no such user
    return false;
  }
  *rank = rank_of(b, *e, total);
  return true;
}

}  // namespace

HEXDB_FUNCTION(hexdb_monthly_rank) {
  static const char* const names[] = {"user_id", "year", "month"};
  SrfOut out = materialize(fcinfo);
  Board b;
  RankKey e;
  int64 rank, total;
  if (player_args(fcinfo, names, 3, &b, &e, &rank, &total)) {
    Datum v[3] = {Int64GetDatum(rank), Int64GetDatum(e.score), Int64GetDatum(total)};
    bool nulls[3] = {false, false, false};
    tuplestore_putvalues(out.store, out.desc, v, nulls);
  }
  monthly::close_board(&b);
  return Datum(0);
}

HEXDB_FUNCTION(hexdb_leaderboard_around) {
  static const char* const names[] = {"user_id", "year", "month", "radius"};
  if (!PG_ARGISNULL(3)) pg::at_least(PG_GETARG_INT32(3), 0, "radius");
  SrfOut out = materialize(fcinfo);
  Board b;
  RankKey e;
  int64 rank;
  if (player_args(fcinfo, names, 4, &b, &e, &rank, nullptr)) {  // its rows carry no total
    int64 radius = PG_GETARG_INT32(3);
    if (radius > 0) page_before(&b, out, e, rank, radius);
    emit_forward(&b, out, monthly::begin_ranking(&b, &e, BTGreaterEqualStrategyNumber, nullptr), 0, radius + 1, rank);
  }
  monthly::close_board(&b);
  return Datum(0);
}

namespace {

// Appends SPI_tuptable's rows (user_id, nickname, score, achieved_at) ranked 1, 2, ...
void emit_spi_rows(const SrfOut& out) {
  for (uint64 i = 0; i < SPI_processed; ++i) {
    Datum v[5];
    bool nulls[5] = {false, false, false, false, false};
    v[0] = Int64GetDatum(static_cast<int64>(i) + 1);
    for (int j = 1; j <= 4; ++j) v[j] = spi::get_datum(i, j, &nulls[j]);
    tuplestore_putvalues(out.store, out.desc, v, nulls);
  }
}

SPIPlanPtr friends_plan;

}  // namespace

HEXDB_FUNCTION(hexdb_friends_leaderboard) {
  static const char* const names[] = {"user_id", "year", "month", "lim"};
  pg::require_all(fcinfo, 4, names);
  int32 year, month;
  month_args(fcinfo, 1, &year, &month);
  int64 lim = PG_GETARG_INT32(3);
  pg::at_least(lim, 0, "lim");
  SrfOut out = materialize(fcinfo);
  spi::connect();
  static const Oid types[4] = {UUIDOID, INT4OID, INT4OID, INT8OID};
  spi::prepared(
      &friends_plan,
      "WITH circle AS ("
      "  SELECT $1 AS user_id"
      "  UNION SELECT f.receiver_id FROM hexdb.friendships f"
      "   WHERE f.requester_id" OP(=) "$1 AND f.status" OP(=) "'accepted'::pg_catalog.text"
      "  UNION SELECT f.requester_id FROM hexdb.friendships f"
      "   WHERE f.receiver_id" OP(=) "$1 AND f.status" OP(=) "'accepted'::pg_catalog.text)"
      "SELECT m.user_id, u.nickname, m.score, m.achieved_at "
      "FROM circle c JOIN hexdb.monthly_scores m ON m.year" OP(=) "$2 AND m.month" OP(=) "$3 "
      "AND m.user_id" OP(=) "c.user_id JOIN hexdb.users u ON u.user_id" OP(=) "m.user_id "
      "ORDER BY m.score DESC, m.achieved_at, m.user_id LIMIT $4",
      4, types);
  Datum v[4] = {PG_GETARG_DATUM(0), Int32GetDatum(year), Int32GetDatum(month), Int64GetDatum(lim)};
  if (spi::execute(friends_plan, v, true) == 0) users::require_user(PG_GETARG_DATUM(0));
  emit_spi_rows(out);
  spi::finish();
  return Datum(0);
}
