#include "scores/rank_deltas.hpp"

extern "C" {
#include "postgres.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "storage/lock.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/xid8.h"
}

#include <algorithm>
#include <vector>

#include "pg/boundary.hpp"
#include "pg/direct_rows.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "scores/pending_mark.hpp"

namespace hexdb::monthly {

namespace {

// The compaction lock: the advisory lock pg_advisory_xact_lock(1751480420, 1918987883) takes
// ('hexd', 'rank'), so that an operator (or an isolation test) can hold it from SQL.
constexpr uint32 kLockKey1 = 0x68657864, kLockKey2 = 0x72616e6b;

// A backend tries to compact on every kEvery-th single-row change, and on every statement
// that changes kBulk leaves or more: in all, once per kEvery changes of all writers, often
// enough that pending rows stay below a hundred or so (a reader walks them all from the mark),
// rarely enough that compaction stays a small part of a writer's work. Every 8th change, as
// before 1.1's direct writes, made compaction a third of a submit_score's cost and put its DELETE
// of pending rows on the page the other writers append to (buffer-lock waits at 8 writers). With
// direct writes, 32 against 64 made no difference to 16 durable writers (15-17k tps either way)
// and halved what a reader walks.
constexpr int kEveryBits = 5;
constexpr uint64 kEvery = uint64{1} << kEveryBits;
constexpr size_t kBulk = 64;
// Backends that start together and write at one pace reach their kEvery-th change together
// and compact in a burst, then none does until the next round: with one round length for all,
// the pending rows of up to 1,400 transactions (16 writers, 1,000 a second). So after its first
// round (kEvery changes, as for a lone writer in a regression test) a backend's rounds take a
// length of its own, from kEvery / 2 to kEvery - 1 by a hash of its PID, and the rounds of a
// pool's backends drift apart.
uint64 until_due = kEvery;

void next_round() {
  uint64 half = kEvery / 2;
  until_due = half + ((static_cast<uint32>(MyProcPid) * 2654435761u) >> (32 - kEveryBits)) % half;
}

SPIPlanPtr append_plan, take_plan, take_from_plan, read_plan;

// May elog. wait = false: true when this transaction holds the lock (already or now).
bool acquire(bool wait) {
  LOCKTAG tag;
  SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, kLockKey1, kLockKey2, 2);
  return LockAcquire(&tag, ExclusiveLock, false, !wait) != LOCKACQUIRE_NOT_AVAIL;
}

// Compaction runs only at READ COMMITTED: its DELETE then sees every earlier compaction
// (each committed before it released the lock), while a REPEATABLE READ snapshot could be
// older and fail with a serialization error that the writer did not cause.
// And once per transaction for single-row changes: the count rows it updated, and the pending
// rows it deleted, stay visible to it as dead versions until it ends, which a second compaction
// in the same transaction would walk (a loop of a thousand submit_score in one transaction). A
// bulk statement compacts whenever it can: appending its thousands of leaves as pending rows
// instead would cost it more, and every reader of those months would walk them until the next
// compaction (an import's monthly history after its scores: 49,000 pending rows).
TransactionId compacted_in = InvalidTransactionId;

bool may_compact(size_t leaves) {
  if (XactIsoLevel != XACT_READ_COMMITTED) return false;
  if (leaves >= kBulk) return true;
  if (compacted_in == GetTopTransactionId()) return false;
  if (--until_due > 0) return false;
  next_round();
  return true;
}

struct Columns {
  std::vector<int32_t> year, month;
  std::vector<int64_t> leaf, delta;
};

// May throw. SPI_tuptable's (year, month, leaf, delta) rows into leaves.
void add_tuptable(uint64 n, Deltas& leaves) {
  struct Item { CountKey key; int64_t d; };
  std::vector<Item> items(n);
  pg::call([&] {
    for (uint64 i = 0; i < n; ++i)
      items[i] = {{spi::get_int32(i, 1), spi::get_int32(i, 2), 0, spi::get_int64(i, 3)}, spi::get_int64(i, 4)};
    SPI_freetuptable(SPI_tuptable);
  });
  for (const Item& it : items) leaves[it.key] += it.d;
}

const Oid kScopeTypes[4] = {INT4OID, INT4OID, INT4OID, INT4OID};

// The pending rows' table, for appending without SQL (pg/direct_rows.hpp), and its columns.
pg::DirectTable deltas{"monthly_score_deltas"};
enum { kWrittenIn, kYear, kMonth, kLeaf, kDelta };
AttrNumber col[5];

// May elog. As setup() made it: these five columns, no trigger, no foreign key.
bool examine_deltas(Relation rel, Relation) {
  static const char* const names[5] = {"written_in", "year", "month", "leaf", "delta"};
  static const Oid types[5] = {XID8OID, INT4OID, INT4OID, INT8OID, INT8OID};
  return pg::exact_columns(rel, names, types, 5, col) && rel->trigdesc == nullptr && RelationGetFKeyList(rel) == NIL;
}

// May elog. Appends the rows of c, written in `xact`, without SQL; false (nothing written)
// when that does not apply.
bool append_direct(const Columns& c, FullTransactionId xact) {
  Relation rel = pg::open_direct(&deltas, examine_deltas, nullptr);
  if (rel == nullptr) return false;
  pg::DirectRows w;
  pg::begin_direct(&w, rel, &deltas);
  for (size_t i = 0; i < c.year.size(); ++i) {
    pg::start_row(&w, false);
    pg::put(&w, col[kWrittenIn], FullTransactionIdGetDatum(xact));
    pg::put(&w, col[kYear], Int32GetDatum(c.year[i]));
    pg::put(&w, col[kMonth], Int32GetDatum(c.month[i]));
    pg::put(&w, col[kLeaf], Int64GetDatum(c.leaf[i]));
    pg::put(&w, col[kDelta], Int64GetDatum(c.delta[i]));
    pg::insert_plain(&w);
  }
  pg::end_direct(&w);
  return true;
}

}  // namespace

void lock_compaction() { acquire(true); }

namespace {

// May throw. Runs a scope statement ($1..$4 = from, to) returning (year, month, leaf, delta)
// rows and adds them to leaves.
void pending(SPIPlanPtr* slot, const char* sql, bool read_only, int32_t y_from, int32_t m_from, int32_t y_to,
             int32_t m_to, Deltas& leaves) {
  uint64 n = pg::call([&] {
    SPIPlanPtr plan = spi::prepared(slot, sql, 4, kScopeTypes);
    Datum v[4] = {Int32GetDatum(y_from), Int32GetDatum(m_from), Int32GetDatum(y_to), Int32GetDatum(m_to)};
    return spi::execute(plan, v, read_only);
  });
  add_tuptable(n, leaves);
}

#define IN_SCOPE                                                   \
  "WHERE (d.year, d.month) OPERATOR(pg_catalog.>=) ($1, $2) "      \
  "AND (d.year, d.month) OPERATOR(pg_catalog.<=) ($3, $4) "

}  // namespace

void take_pending(int32_t y_from, int32_t m_from, int32_t y_to, int32_t m_to, Deltas& leaves) {
  pending(&take_plan, "DELETE FROM hexdb.monthly_score_deltas d " IN_SCOPE "RETURNING d.year, d.month, d.leaf, d.delta",
          false, y_from, m_from, y_to, m_to, leaves);
}

void read_pending(int32_t y_from, int32_t m_from, int32_t y_to, int32_t m_to, Deltas& leaves) {
  pending(&read_plan,
          "SELECT d.year, d.month, d.leaf, pg_catalog.sum(d.delta)::pg_catalog.int8 "
          "FROM hexdb.monthly_score_deltas d " IN_SCOPE "GROUP BY 1, 2, 3",
          true, y_from, m_from, y_to, m_to, leaves);
}

namespace {

// May throw. The compaction: deletes every pending row written in `from` or later (all of
// them: those before were folded by earlier compactions) and adds their level-0 sums to leaves.
void take_from(FullTransactionId from, Deltas& leaves) {
  static const Oid types[1] = {XID8OID};
  uint64 n = pg::call([&] {
    // Planned for the actual mark: a generic plan, for any $1, may walk the whole table.
    spi::prepared(&take_from_plan,
                  "DELETE FROM hexdb.monthly_score_deltas d WHERE d.written_in OPERATOR(pg_catalog.>=) $1 "
                  "RETURNING d.year, d.month, d.leaf, d.delta",
                  1, types, CURSOR_OPT_CUSTOM_PLAN);
    Datum v[1] = {FullTransactionIdGetDatum(from)};
    return spi::execute(take_from_plan, v, false);
  });
  add_tuptable(n, leaves);
}

// May throw. With the compaction lock held: folds every pending row, and `changes`, into the
// counts, and moves the mark to where the rows left pending begin.
// `changes`: this writer's own leaf changes, sorted (record_leaf_changes' rows).
void compact(const CountRows& changes) {
  Deltas pending;
  FullTransactionId from, mark;
  pg::call([&] {
    from = latest_pending_from();
    mark = foldable_before();  // before the DELETE takes its snapshot
  });
  take_from(from, pending);
  add_counts(spread_sorted(merge_sorted(changes, sorted_rows(pending))));
  pg::call([&] { set_pending_from(mark); });
}

}  // namespace

void record_leaf_changes(const Deltas& changes) { record_leaf_changes(sorted_rows(changes)); }

void record_leaf_changes(const CountRows& rows) {
  if (rows.empty()) return;
  if (may_compact(rows.size()) && pg::call([] { return acquire(false); })) {
    compacted_in = GetTopTransactionId();
    compact(rows);
    return;
  }
  Columns c;
  for (const auto& [k, d] : rows)
    c.year.push_back(k.year), c.month.push_back(k.month), c.leaf.push_back(k.bucket), c.delta.push_back(d);
  pg::call([&] {
    FullTransactionId xact = GetTopFullTransactionId();
    if (append_direct(c, xact)) return;
    static const Oid types[5] = {INT4ARRAYOID, INT4ARRAYOID, INT8ARRAYOID, INT8ARRAYOID, XID8OID};
    spi::prepared(&append_plan,
                  "INSERT INTO hexdb.monthly_score_deltas (written_in, year, month, leaf, delta) "
                  "SELECT $5, u.* FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), "
                  "pg_catalog.unnest($3), pg_catalog.unnest($4)) u",
                  5, types);
    int n = static_cast<int>(c.year.size());
    Datum v[5] = {spi::int4_array(c.year.data(), n), spi::int4_array(c.month.data(), n),
                  spi::int8_array(c.leaf.data(), n), spi::int8_array(c.delta.data(), n),
                  FullTransactionIdGetDatum(xact)};
    spi::execute(append_plan, v, false);
  });
}

}  // namespace hexdb::monthly
