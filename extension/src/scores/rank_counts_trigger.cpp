// The statement-level trigger on hexdb.monthly_scores that keeps hexdb.monthly_score_counts
// (players per score bucket, four levels) equal to what monthly_scores holds, whoever writes
// it: the scores triggers, a rebuild, an import, a cascade from users, or a person with psql.
// A statement's rows are folded into per-leaf deltas in C++, then one upsert adds them, in key
// order (increments commute, so concurrent writers of a hot bucket only queue on its row
// lock, never lose a count).
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
}

#include "core/scores/monthly_buckets.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "pg/transition_scan.hpp"
#include "pg/trigger.hpp"
#include "scores/rank_counts.hpp"

namespace {

using namespace hexdb;
namespace buckets = hexdb::monthly::buckets;

using hexdb::monthly::CountKey;
using hexdb::monthly::Deltas;

constexpr pg::TriggerShape kShape{"hexdb.monthly_counts_trigger()", false, false,
                                  pg::kInsert | pg::kUpdate | pg::kDelete | pg::kTruncate, "monthly_scores"};
constexpr pg::ColumnSpec kColumns[] = {{"year", INT4OID}, {"month", INT4OID}, {"score", INT8OID}};

// May throw. Adds sign for every row of a transition table to its month's leaf.
void add_rows(Tuplestorestate* store, TupleDesc desc, const TriggerData* td, int64_t sign, Deltas& leaves) {
  struct Item { int32_t year, month; int64_t score; };
  int c[3] = {0, 0, 0};
  pg::call([&] { pg::columns(td, kColumns, 3, c); });
  int c_year = c[0], c_month = c[1], c_score = c[2];
  spi::scan_in_chunks<Item, 2048>(
      store, desc,
      [&](TupleTableSlot* slot, Item& it) {
        bool null_year, null_month, null_score;
        it.year = DatumGetInt32(slot_getattr(slot, c_year, &null_year));
        it.month = DatumGetInt32(slot_getattr(slot, c_month, &null_month));
        it.score = DatumGetInt64(slot_getattr(slot, c_score, &null_score));
        if (null_year || null_month || null_score) pg::refuse_null(null_year ? "year" : null_month ? "month" : "score");
      },
      [&](const Item* items, int n) {
        for (int i = 0; i < n; ++i)
          leaves[{items[i].year, items[i].month, 0, buckets::leaf_of(items[i].score)}] += sign;
      });
}

// May elog.
bool is_empty(Tuplestorestate* store) { return store == nullptr || tuplestore_tuple_count(store) == 0; }

}  // namespace

HEXDB_FUNCTION(hexdb_monthly_counts_trigger) {
  TriggerData* td = pg::trigger_data(fcinfo, kShape);  // before any C++ object exists
  if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event)) {
    pg::call([] {
      spi::connect();
      spi::execute_text("TRUNCATE hexdb.monthly_score_counts", false);
      spi::finish();
    });
    return PointerGetDatum(nullptr);
  }
  // An INSERT ... ON CONFLICT fires both the INSERT and the UPDATE trigger; often one is empty.
  if (is_empty(td->tg_oldtable) && is_empty(td->tg_newtable)) return PointerGetDatum(nullptr);
  Deltas leaves;
  TupleDesc desc = td->tg_relation->rd_att;
  if (td->tg_oldtable) add_rows(td->tg_oldtable, desc, td, -1, leaves);
  if (td->tg_newtable) add_rows(td->tg_newtable, desc, td, +1, leaves);
  Deltas all;
  monthly::spread_leaves(leaves, all);
  pg::call([] { spi::connect(); });
  monthly::add_counts(all);
  pg::call([] { spi::finish(); });
  return PointerGetDatum(nullptr);
}

