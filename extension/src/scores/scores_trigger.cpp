// The statement-level triggers on hexdb.scores that keep hexdb.monthly_scores exact.
//
// A statement's transition tables are read once, in C++, each row placed in its month (in the
// configured zone) and folded per (year, month, user); then one upsert per batch of groups
// writes the result. Rows an UPDATE left unchanged cancel out first. Removed rows are applied
// without reading anything when the rules allow (core remove()); otherwise that user's month
// is recomputed from scores, after locking its monthly row so that a concurrent writer of the
// same row is either already visible to the recomputation or combines on top of it.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/timestamp.h"
}

#include <algorithm>
#include <vector>

#include "core/scores/monthly_fold.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "pg/transition_scan.hpp"
#include "pg/trigger.hpp"
#include "scores/monthly_calendar.hpp"
#include "scores/monthly_direct.hpp"
#include "scores/monthly_write.hpp"
#include "scores/rank_deltas.hpp"

namespace {

using namespace hexdb;
using namespace hexdb::monthly;

constexpr pg::TriggerShape kShape{"hexdb.scores_monthly_trigger()", false, false,
                                  pg::kInsert | pg::kUpdate | pg::kDelete | pg::kTruncate, "scores"};
constexpr pg::ColumnSpec kColumns[] = {{"user_id", UUIDOID}, {"score", INT8OID}, {"created_at", TIMESTAMPTZOID}};

// May throw. Appends every row of a transition table of scores as (month key, value).
void read_rows(Tuplestorestate* store, TupleDesc desc, const TriggerData* td, std::vector<Row>& out) {
  int c[3] = {0, 0, 0};
  int64 count = pg::call([&] {
    pg::columns(td, kColumns, 3, c);
    return tuplestore_tuple_count(store);
  });
  int c_user = c[0], c_score = c[1], c_at = c[2];
  out.reserve(out.size() + static_cast<size_t>(count));
  spi::scan_in_chunks<Row, 1024>(
      store, desc,
      [&](TupleTableSlot* slot, Row& r) {
        bool null;
        Datum user = slot_getattr(slot, c_user, &null);
        if (null) pg::refuse_null("user_id");  // the table's NOT NULL may have been dropped
        r.key.user = pg::uuid_bytes(user);
        r.value.score = DatumGetInt64(slot_getattr(slot, c_score, &null));
        if (null) pg::refuse_null("score");
        r.value.at = DatumGetTimestampTz(slot_getattr(slot, c_at, &null));
        if (null) pg::refuse_null("created_at");
        MonthSpan m = month_of(r.value.at);
        r.key.year = m.year;
        r.key.month = m.month;
      },
      [&](const Row* rows, int n) { out.insert(out.end(), rows, rows + n); });
}

// May throw. Applies a statement's removed and added rows to monthly_scores.
void apply(Relation scores, Aggregate a, std::vector<Row>& removed, std::vector<Row>& added) {
  if (!removed.empty() && !added.empty()) cancel_common(removed, added);
  if (removed.empty()) {
    if (!added.empty()) add_groups(scores, a, fold_sorted(a, added));
    return;
  }
  Fold fresh(a);
  for (const Row& r : added) fresh.add(r);
  Fold gone(a);
  for (const Row& r : removed) gone.add(r);
  std::vector<monthly::Group> gone_groups = gone.sorted();
  std::vector<Key> keys;
  keys.reserve(gone_groups.size());
  for (const monthly::Group& g : gone_groups) keys.push_back(g.first);
  std::vector<Current> current = lock_rows(keys);

  std::vector<monthly::Group> sets;
  std::vector<Key> redo;
  std::vector<std::optional<Value>> redo_start;
  size_t c = 0;
  for (const monthly::Group& g : gone_groups) {
    while (c < current.size() && current[c].key < g.first) ++c;
    const Current* cur = c < current.size() && current[c].key == g.first ? &current[c] : nullptr;
    if (cur) {
      if (auto left = remove(a, cur->value, g.second)) {
        Value v = *left;
        if (const Value* more = fresh.find(g.first)) v = combine(a, v, *more);
        sets.emplace_back(g.first, v);
        continue;
      }
    }
    // Recomputed from scores as they are now, which includes this statement's added rows.
    redo.push_back(g.first);
    redo_start.push_back(cur && cur->imported ? std::optional<Value>(cur->base) : std::nullopt);
  }
  std::vector<Key> deletes;
  if (!redo.empty()) {
    std::vector<std::optional<Value>> result = recompute(a, redo, std::move(redo_start));
    for (size_t i = 0; i < redo.size(); ++i) {
      if (result[i]) sets.emplace_back(redo[i], *result[i]);
      else deletes.push_back(redo[i]);
    }
    std::sort(sets.begin(), sets.end(), [](const monthly::Group& x, const monthly::Group& y) { return x.first < y.first; });
  }
  set_rows(sets);
  delete_rows(deletes);

  std::vector<monthly::Group> only_added;
  for (const monthly::Group& g : fresh.sorted())
    if (!gone.find(g.first)) only_added.push_back(g);
  if (!only_added.empty()) combine_rows(scores, a, only_added);
}

// May elog. After TRUNCATE scores, only imported history is left, at its own values.
void reset_to_imported_history() {
  spi::execute_text("DELETE FROM hexdb.monthly_scores WHERE NOT imported", false);
  spi::execute_text(
      "UPDATE hexdb.monthly_scores SET score = imported_score, achieved_at = imported_at, "
      "updated_at = pg_catalog.now() WHERE imported AND (score OPERATOR(pg_catalog.<>) imported_score "
      "OR achieved_at OPERATOR(pg_catalog.<>) imported_at)",
      false);
}

}  // namespace

HEXDB_FUNCTION(hexdb_scores_monthly_trigger) {
  TriggerData* td = pg::trigger_data(fcinfo, kShape);
  pg::call([] { spi::connect(); });
  if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event)) {
    pg::call([] { reset_to_imported_history(); });
  } else {
    Aggregate a = pg::call([] { return settings().aggregate; });
    TupleDesc desc = td->tg_relation->rd_att;
    std::vector<Row> removed, added;
    if (td->tg_oldtable) read_rows(td->tg_oldtable, desc, td, removed);
    if (td->tg_newtable) read_rows(td->tg_newtable, desc, td, added);
    apply(td->tg_relation, a, removed, added);
  }
  pg::call([] { spi::finish(); });
  return PointerGetDatum(nullptr);
}
