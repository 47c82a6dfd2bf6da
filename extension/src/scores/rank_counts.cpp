#include "scores/rank_counts.hpp"

extern "C" {
#include "postgres.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include <algorithm>
#include <vector>

#include "core/scores/monthly_buckets.hpp"
#include "pg/boundary.hpp"
#include "pg/direct_rows.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "pg/subtransaction.hpp"
#include "scores/index_deferral.hpp"

namespace hexdb::monthly {

namespace {

SPIPlanPtr add_plan, insert_plan, month_plan;

// A month's run of at least this many count rows goes in by a plain INSERT when the month has
// no count row yet (a bulk load of a new month): no speculative insertion per row.
constexpr size_t kPlainMin = 64;
// A compaction of at most this many count rows writes them without SQL; a bulk load's larger
// one is cheaper as one statement (a plain INSERT for a new month).
constexpr size_t kDirectMax = 4096;

const Oid kTypes[5] = {INT4ARRAYOID, INT4ARRAYOID, INT2ARRAYOID, INT8ARRAYOID, INT8ARRAYOID};

#define UNNEST5                                                                                     \
  "SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), " \
  "pg_catalog.unnest($4), pg_catalog.unnest($5)) "

struct Rows {
  std::vector<int32_t> year, month;
  std::vector<int16_t> level;
  std::vector<int64_t> bucket, delta;
};

// May elog. The array Datums of rows [from, to).
void to_datums(const Rows& r, size_t from, size_t to, Datum* v) {
  int n = static_cast<int>(to - from);
  v[0] = spi::int4_array(r.year.data() + from, n), v[1] = spi::int4_array(r.month.data() + from, n);
  v[2] = spi::int2_array(r.level.data() + from, n), v[3] = spi::int8_array(r.bucket.data() + from, n);
  v[4] = spi::int8_array(r.delta.data() + from, n);
}

// May elog.
void run_upsert(const Datum* v) {
  SPIPlanPtr plan = spi::prepared(&add_plan,
                                  "INSERT INTO hexdb.monthly_score_counts AS c (year, month, level, bucket, players) " UNNEST5
                                  "ON CONFLICT (year, month, level, bucket) DO UPDATE "
                                  "SET players = c.players OPERATOR(pg_catalog.+) EXCLUDED.players",
                                  5, kTypes);
  spi::execute(plan, v, false);
}

// The count table, for writing without SQL (pg/direct_rows.hpp), and its columns.
pg::DirectTable counts{"monthly_score_counts"};
enum { kYear, kMonth, kLevel, kBucket, kPlayers };
AttrNumber col[5];

// May elog. As setup() made it: these five columns, no trigger, no foreign key.
bool examine_counts(Relation rel, Relation) {
  static const char* const names[5] = {"year", "month", "level", "bucket", "players"};
  static const Oid types[5] = {INT4OID, INT4OID, INT2OID, INT8OID, INT8OID};
  return pg::exact_columns(rel, names, types, 5, col) && rel->trigdesc == nullptr &&
         RelationGetFKeyList(rel) == NIL && counts.keys == 4;
}

// May elog. Adds the rows to the counts without SQL, as run_upsert would; false (nothing
// written) when that does not apply. Only the holder of the compaction lock writes counts, so
// the rows are read in the latest snapshot and updated without a row lock of their own (the
// upsert's took one, and logged it, for each row).
bool add_direct(const Rows& r) {
  Relation rel = pg::open_direct(&counts, examine_counts, nullptr);
  if (rel == nullptr) return false;
  CommandCounterIncrement();  // this transaction's earlier statements visible, as to the next SQL one
  pg::DirectRows w;
  pg::begin_direct(&w, rel, &counts);
  const AttrNumber key[4] = {col[kYear], col[kMonth], col[kLevel], col[kBucket]};
  for (size_t i = 0; i < r.year.size(); ++i) {
    const Datum values[4] = {Int32GetDatum(r.year[i]), Int32GetDatum(r.month[i]), Int16GetDatum(r.level[i]),
                             Int64GetDatum(r.bucket[i])};
    pg::set_key(&w, key, values, 4);
    if (pg::find_latest(&w)) {
      bool null;
      Datum players = slot_getattr(w.found, col[kPlayers], &null);
      pg::start_row(&w, true);
      pg::put(&w, col[kPlayers], DirectFunctionCall2(int8pl, players, Int64GetDatum(r.delta[i])));
      pg::update_found(&w);
    } else {
      pg::start_row(&w, false);
      for (int c = 0; c < 4; ++c) pg::put(&w, key[c], values[c]);
      pg::put(&w, col[kPlayers], Int64GetDatum(r.delta[i]));
      pg::insert_plain(&w);
    }
  }
  pg::end_direct(&w);
  return true;
}

// A new month's count rows [from, to): written by insert_many into monthly_score_counts
// (relid) when it may be written directly, else by one INSERT of the arrays v (then built).
struct NewMonth {
  Oid relid;
  const Rows* r;
  size_t from, to;
  Datum* v;
};

void fill_count(TupleTableSlot* slot, size_t i, void* arg) {
  const NewMonth* m = static_cast<NewMonth*>(arg);
  const Rows& r = *m->r;
  size_t k = m->from + i;
  pg::put(slot, col[kYear], Int32GetDatum(r.year[k]));
  pg::put(slot, col[kMonth], Int32GetDatum(r.month[k]));
  pg::put(slot, col[kLevel], Int16GetDatum(r.level[k]));
  pg::put(slot, col[kBucket], Int64GetDatum(r.bucket[k]));
  pg::put(slot, col[kPlayers], Int64GetDatum(r.delta[k]));
}

// May elog (the body of a subtransaction: owns no C++ object).
void run_insert(void* arg) {
  NewMonth* m = static_cast<NewMonth*>(arg);
  if (OidIsValid(m->relid)) {
    pg::DirectRows w;
    pg::begin_direct(&w, table_open(m->relid, RowExclusiveLock), &counts);  // already held: no wait
    pg::LaterIndex key{counts.primary_key, nullptr};  // left to a rebuild (scores/index_deferral.hpp)
    pg::insert_many(&w, m->to - m->from, fill_count, m, deferred(key.index) ? &key : nullptr);
    pg::end_direct(&w);
    return;
  }
  SPIPlanPtr plan = spi::prepared(
      &insert_plan, "INSERT INTO hexdb.monthly_score_counts (year, month, level, bucket, players) " UNNEST5, 5, kTypes);
  spi::execute(plan, m->v, false);
}

// May elog. monthly_score_counts' oid when rows may be written to it directly, else InvalidOid.
Oid direct_counts() {
  Relation rel = pg::open_direct(&counts, examine_counts, nullptr);
  if (rel == nullptr) return InvalidOid;
  Oid relid = RelationGetRelid(rel);
  table_close(rel, NoLock);
  return relid;
}

// May elog. An index probe: the month's first count row in key order (EXISTS would drop the
// ORDER BY, and a sequential scan from the table's start walks the dead versions that every
// compaction leaves there: at 16 writers that probe was a sixth of the CPU).
bool month_has_counts(int32_t year, int32_t month) {
  static const Oid types[2] = {INT4OID, INT4OID};
  SPIPlanPtr plan = spi::prepared(&month_plan,
                                  "SELECT FROM hexdb.monthly_score_counts c "
                                  "WHERE c.year OPERATOR(pg_catalog.=) $1 AND c.month OPERATOR(pg_catalog.=) $2 "
                                  "ORDER BY c.year, c.month, c.level, c.bucket LIMIT 1",
                                  2, types);
  Datum v[2] = {Int32GetDatum(year), Int32GetDatum(month)};
  return spi::execute(plan, v, false) > 0;
}

// May elog. Rows [from, to) of one month: a plain insert when the month has no count row yet
// (only a holder of the compaction lock writes counts, so none can appear meanwhile; the
// subtransaction falls back to the upsert all the same should one have), else the upsert.
void write_month(const Rows& r, size_t from, size_t to) {
  Datum v[5];
  bool built = false;  // the arrays, for SQL only: insert_many reads r itself
  if (to - from >= kPlainMin && !month_has_counts(r.year[from], r.month[from])) {
    NewMonth m{direct_counts(), &r, from, to, v};
    if (!OidIsValid(m.relid)) to_datums(r, from, to, v), built = true;
    if (pg::try_in_subtransaction(run_insert, &m, ERRCODE_UNIQUE_VIOLATION)) {
      if (OidIsValid(m.relid)) skipped(counts.primary_key);
      return;
    }
  }
  if (!built) to_datums(r, from, to, v);
  run_upsert(v);
}

}  // namespace

int64_t add_counts(const Deltas& all) { return add_counts(sorted_rows(all)); }

int64_t add_counts(const CountRows& rows) {
  if (rows.empty()) return 0;
  Rows r;
  for (const auto& [k, d] : rows) {
    r.year.push_back(k.year), r.month.push_back(k.month), r.level.push_back(k.level);
    r.bucket.push_back(k.bucket), r.delta.push_back(d);
  }
  pg::call([&] {
    if (rows.size() <= kDirectMax && add_direct(r)) return;
    // One statement per month (in key order, so writers lock count rows in the same order).
    for (size_t i = 0, j; i < rows.size(); i = j) {
      for (j = i; j < rows.size() && r.year[j] == r.year[i] && r.month[j] == r.month[i]; ++j) {
      }
      write_month(r, i, j);
    }
  });
  return static_cast<int64_t>(rows.size());
}

}  // namespace hexdb::monthly

