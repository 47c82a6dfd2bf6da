// The leaderboard functions. Ranking order: score DESC, achieved_at ASC, user_id ASC, which is
// the ascending order of monthly_scores_rank_idx (year, month, -score, achieved_at, user_id).
//
// A rank is never counted row by row: monthly_score_counts gives the players in the buckets
// ahead (a few hundred count rows at most, core/monthly_buckets.hpp), and only the player's
// own leaf bucket is counted in the index. A page after rank N walks the counts down to the
// leaf holding position N, then reads the index from there. Queries run read-only in the
// caller's snapshot, so counts and rows agree within one call. Everything here may elog and
// owns no C++ object.
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
#include "scores/monthly_calendar.hpp"
#include "users/unknown_user.hpp"

namespace {

using namespace hexdb;
namespace buckets = hexdb::monthly::buckets;

using pg::SrfOut;
using pg::materialize;

// Columns of every board query: user_id, nickname, score, achieved_at.
constexpr const char* kBoardColumns =
    "SELECT m.user_id, u.nickname, m.score, m.achieved_at "
    "FROM hexdb.monthly_scores m JOIN hexdb.users u ON u.user_id = m.user_id "
    "WHERE m.year = $1 AND m.month = $2 ";

// May elog. Appends SPI_tuptable's board rows with ranks first_rank, first_rank + 1, ...;
// reversed: the rows come nearest-first from a backward scan and end at rank first_rank.
void emit(const SrfOut& out, int64 first_rank, bool reversed) {
  uint64 n = SPI_processed;
  for (uint64 k = 0; k < n; ++k) {
    uint64 i = reversed ? n - 1 - k : k;
    Datum v[5];
    bool nulls[5] = {false, false, false, false, false};
    v[0] = Int64GetDatum(reversed ? first_rank - static_cast<int64>(i) : first_rank + static_cast<int64>(k));
    for (int j = 1; j <= 4; ++j) v[j] = spi::get_datum(i, j, &nulls[j]);
    tuplestore_putvalues(out.store, out.desc, v, nulls);
  }
}

SPIPlanPtr entry_plan, rank_plan, top_plan, after_plan, before_plan, children_plan, leaf_page_plan, friends_plan;

struct Entry {
  int64 score;
  TimestampTz at;
};

// May elog. The player's row that month; false when there is none.
bool entry(int32 year, int32 month, Datum user, Entry* e) {
  static const Oid types[3] = {INT4OID, INT4OID, UUIDOID};
  spi::prepared(&entry_plan,
                "SELECT score, achieved_at FROM hexdb.monthly_scores WHERE year = $1 AND month = $2 AND user_id = $3",
                3, types);
  Datum v[3] = {Int32GetDatum(year), Int32GetDatum(month), user};
  if (spi::execute(entry_plan, v, true, 1) == 0) return false;
  e->score = spi::get_int64(0, 1);
  e->at = spi::get_int64(0, 2);
  return true;
}

// May elog. The 1-based rank of a player's entry, and the month's number of players.
int64 rank_of(int32 year, int32 month, Datum user, const Entry& e, int64* total) {
  static const Oid types[13] = {INT4OID, INT4OID, INT8OID, INT8OID, INT8OID, INT8OID, INT8OID,
                                INT8OID, INT8OID, INT8OID, INT8OID, TIMESTAMPTZOID, UUIDOID};
  spi::prepared(
      &rank_plan,
      "SELECT (SELECT coalesce(sum(players), 0)::int8 FROM hexdb.monthly_score_counts c "
      "         WHERE c.year = $1 AND c.month = $2 AND c.level = 0 AND c.bucket > $3 AND c.bucket < $4)"
      "     + (SELECT coalesce(sum(players), 0)::int8 FROM hexdb.monthly_score_counts c "
      "         WHERE c.year = $1 AND c.month = $2 AND c.level = 1 AND c.bucket > $5 AND c.bucket < $6)"
      "     + (SELECT coalesce(sum(players), 0)::int8 FROM hexdb.monthly_score_counts c "
      "         WHERE c.year = $1 AND c.month = $2 AND c.level = 2 AND c.bucket > $7 AND c.bucket < $8)"
      "     + (SELECT coalesce(sum(players), 0)::int8 FROM hexdb.monthly_score_counts c "
      "         WHERE c.year = $1 AND c.month = $2 AND c.level = 3 AND c.bucket > $9)"
      "     + (SELECT count(*) FROM hexdb.monthly_scores m WHERE m.year = $1 AND m.month = $2 "
      "         AND (-m.score) >= $10 AND ((-m.score), m.achieved_at, m.user_id) < ($11, $12, $13)),"
      "       (SELECT coalesce(sum(players), 0)::int8 FROM hexdb.monthly_score_counts c "
      "         WHERE c.year = $1 AND c.month = $2 AND c.level = 3)",
      13, types);
  int64 leaf = buckets::leaf_of(e.score);
  Datum v[13];
  v[0] = Int32GetDatum(year), v[1] = Int32GetDatum(month);
  for (int level = 0; level < 3; ++level) {
    int64 b = buckets::at_level(leaf, level);
    v[2 + 2 * level] = Int64GetDatum(b);
    v[3 + 2 * level] = Int64GetDatum(buckets::sibling_end(b, level));
  }
  v[8] = Int64GetDatum(buckets::at_level(leaf, 3));
  v[9] = Int64GetDatum(-buckets::leaf_scores(leaf).hi);
  v[10] = Int64GetDatum(-e.score), v[11] = TimestampTzGetDatum(e.at), v[12] = user;
  spi::execute(rank_plan, v, true, 1);
  *total = spi::get_int64(0, 2);
  return spi::get_int64(0, 1) + 1;
}

// May elog. Board rows after (strictly) or from a key, in ranking order.
void page_from(int32 year, int32 month, const Entry& e, Datum user, bool inclusive, int64 lim) {
  static const Oid types[6] = {INT4OID, INT4OID, INT8OID, TIMESTAMPTZOID, UUIDOID, INT8OID};
  static SPIPlanPtr inclusive_plan;
  char sql[1024];
  snprintf(sql, sizeof sql, "%s AND ((-m.score), m.achieved_at, m.user_id) %s ($3, $4, $5) "
           "ORDER BY (-m.score), m.achieved_at, m.user_id LIMIT $6", kBoardColumns, inclusive ? ">=" : ">");
  SPIPlanPtr plan = spi::prepared(inclusive ? &inclusive_plan : &after_plan, sql, 6, types);
  Datum v[6] = {Int32GetDatum(year), Int32GetDatum(month), Int64GetDatum(-e.score),
                TimestampTzGetDatum(e.at), user, Int64GetDatum(lim)};
  spi::execute(plan, v, true);
}

// May elog. Up to lim board rows just before a key, nearest first.
void page_before(int32 year, int32 month, const Entry& e, Datum user, int64 lim) {
  static const Oid types[6] = {INT4OID, INT4OID, INT8OID, TIMESTAMPTZOID, UUIDOID, INT8OID};
  char sql[1024];
  snprintf(sql, sizeof sql, "%s AND ((-m.score), m.achieved_at, m.user_id) < ($3, $4, $5) "
           "ORDER BY (-m.score) DESC, m.achieved_at DESC, m.user_id DESC LIMIT $6", kBoardColumns);
  spi::prepared(&before_plan, sql, 6, types);
  Datum v[6] = {Int32GetDatum(year), Int32GetDatum(month), Int64GetDatum(-e.score),
                TimestampTzGetDatum(e.at), user, Int64GetDatum(lim)};
  spi::execute(before_plan, v, true);
}

// May elog. Reads lim rows after the first `skip` of the month; false when skip >= players.
bool page_after_rank(int32 year, int32 month, int64 skip, int64 lim) {
  static const Oid child_types[5] = {INT4OID, INT4OID, INT2OID, INT8OID, INT8OID};
  spi::prepared(&children_plan,
                "SELECT bucket, players FROM hexdb.monthly_score_counts WHERE year = $1 AND month = $2 "
                "AND level = $3 AND bucket >= $4 AND bucket < $5 AND players > 0 ORDER BY bucket DESC",
                5, child_types);
  int64 lo = 0, hi = INT64_MAX, bucket = 0;
  for (int level = buckets::kLevels - 1; level >= 0; --level) {
    Datum v[5] = {Int32GetDatum(year), Int32GetDatum(month), Int16GetDatum(level), Int64GetDatum(lo),
                  Int64GetDatum(hi)};
    uint64 n = spi::execute(children_plan, v, true);
    bool found = false;
    for (uint64 i = 0; i < n && !found; ++i) {
      int64 players = spi::get_int64(i, 2);
      if (skip < players) bucket = spi::get_int64(i, 1), found = true;
      else skip -= players;
    }
    if (!found) return false;
    lo = buckets::first_child(bucket), hi = buckets::end_child(bucket);
  }
  static const Oid types[5] = {INT4OID, INT4OID, INT8OID, INT8OID, INT8OID};
  char sql[1024];
  snprintf(sql, sizeof sql, "%s AND (-m.score) >= $3 ORDER BY (-m.score), m.achieved_at, m.user_id OFFSET $4 LIMIT $5",
           kBoardColumns);
  spi::prepared(&leaf_page_plan, sql, 5, types);
  Datum v[5] = {Int32GetDatum(year), Int32GetDatum(month), Int64GetDatum(-buckets::leaf_scores(bucket).hi),
                Int64GetDatum(skip), Int64GetDatum(lim)};
  spi::execute(leaf_page_plan, v, true);
  return true;
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
  spi::connect();
  bool rows = true;
  if (after == 0) {
    static const Oid types[3] = {INT4OID, INT4OID, INT8OID};
    char sql[1024];
    snprintf(sql, sizeof sql, "%s ORDER BY (-m.score), m.achieved_at, m.user_id LIMIT $3", kBoardColumns);
    spi::prepared(&top_plan, sql, 3, types);
    Datum v[3] = {Int32GetDatum(year), Int32GetDatum(month), Int64GetDatum(lim)};
    spi::execute(top_plan, v, true);
  } else {
    rows = page_after_rank(year, month, after, lim);
  }
  if (rows) emit(out, after + 1, false);
  spi::finish();
  return Datum(0);
}

// May elog. The arguments (user_id, year, month, ...) of a per-player function; false when
// the player has no score that month. Leaves SPI connected.
bool player_args(FunctionCallInfo fcinfo, const char* const* names, int n, int32* year, int32* month, Entry* e,
                 int64* rank, int64* total) {
  pg::require_all(fcinfo, n, names);
  month_args(fcinfo, 1, year, month);
  spi::connect();
  if (!entry(*year, *month, PG_GETARG_DATUM(0), e)) {
    users::require_user(PG_GETARG_DATUM(0));  // no row: 23503 when there is no such user
    return false;
  }
  *rank = rank_of(*year, *month, PG_GETARG_DATUM(0), *e, total);
  return true;
}

}  // namespace

HEXDB_FUNCTION(hexdb_monthly_rank) {
  static const char* const names[] = {"user_id", "year", "month"};
  SrfOut out = materialize(fcinfo);
  int32 year, month;
  Entry e;
  int64 rank, total;
  if (player_args(fcinfo, names, 3, &year, &month, &e, &rank, &total)) {
    Datum v[3] = {Int64GetDatum(rank), Int64GetDatum(e.score), Int64GetDatum(total)};
    bool nulls[3] = {false, false, false};
    tuplestore_putvalues(out.store, out.desc, v, nulls);
  }
  spi::finish();
  return Datum(0);
}

HEXDB_FUNCTION(hexdb_leaderboard_around) {
  static const char* const names[] = {"user_id", "year", "month", "radius"};
  if (!PG_ARGISNULL(3)) pg::at_least(PG_GETARG_INT32(3), 0, "radius");
  SrfOut out = materialize(fcinfo);
  int32 year, month;
  Entry e;
  int64 rank, total;
  if (player_args(fcinfo, names, 4, &year, &month, &e, &rank, &total)) {
    Datum user = PG_GETARG_DATUM(0);
    int64 radius = PG_GETARG_INT32(3);
    if (radius > 0) {
      page_before(year, month, e, user, radius);
      emit(out, rank - 1, true);
    }
    page_from(year, month, e, user, true, radius + 1);
    emit(out, rank, false);
  }
  spi::finish();
  return Datum(0);
}

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
      "  SELECT $1::uuid AS user_id"
      "  UNION SELECT f.receiver_id FROM hexdb.friendships f WHERE f.requester_id = $1 AND f.status = 'accepted'"
      "  UNION SELECT f.requester_id FROM hexdb.friendships f WHERE f.receiver_id = $1 AND f.status = 'accepted')"
      "SELECT m.user_id, u.nickname, m.score, m.achieved_at "
      "FROM circle c JOIN hexdb.monthly_scores m ON m.year = $2 AND m.month = $3 AND m.user_id = c.user_id "
      "JOIN hexdb.users u ON u.user_id = m.user_id "
      "ORDER BY m.score DESC, m.achieved_at, m.user_id LIMIT $4",
      4, types);
  Datum v[4] = {PG_GETARG_DATUM(0), Int32GetDatum(year), Int32GetDatum(month), Int64GetDatum(lim)};
  if (spi::execute(friends_plan, v, true) == 0) users::require_user(PG_GETARG_DATUM(0));
  emit(out, 1, false);
  spi::finish();
  return Datum(0);
}
