#include "scores/monthly_direct.hpp"

extern "C" {
#include "postgres.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

// hexdb's own trigger functions, recognised by address among a table's triggers.
Datum hexdb_monthly_counts_trigger(PG_FUNCTION_ARGS);
Datum hexdb_monthly_imported_base_trigger(PG_FUNCTION_ARGS);
}

#include "core/scores/monthly_buckets.hpp"
#include "core/scores/monthly_fold.hpp"
#include "pg/boundary.hpp"
#include "pg/compat.hpp"
#include "pg/c_function.hpp"
#include "pg/direct_rows.hpp"
#include "pg/datum.hpp"
#include "pg/referenced_row.hpp"
#include "pg/subtransaction.hpp"
#include "scores/index_deferral.hpp"
#include "scores/rank_deltas.hpp"
#include "users/bulk_user_locks.hpp"

namespace hexdb::monthly {

namespace {

// monthly_scores' columns, in the order of kNames and kTypes.
enum Column { kYear, kMonth, kUser, kScore, kAt, kUpdated, kImported, kImportedScore, kImportedAt, kColumnCount };
const char* const kNames[kColumnCount] = {"year",       "month",    "user_id",        "score",      "achieved_at",
                                          "updated_at", "imported", "imported_score", "imported_at"};
const Oid kTypes[kColumnCount] = {INT4OID,        INT4OID, UUIDOID, INT8OID,       TIMESTAMPTZOID,
                                  TIMESTAMPTZOID, BOOLOID, INT8OID, TIMESTAMPTZOID};

// monthly_scores as last examined, and its columns' numbers.
pg::DirectTable table{"monthly_scores"};
AttrNumber col[kColumnCount];

// May elog. monthly_scores' foreign keys are one, user_id to the column scores.user_id
// references; returns its constraint, InvalidOid otherwise.
Oid implied_foreign_key(Relation monthly, Relation scores) {
  List* keys = RelationGetFKeyList(monthly);
  if (list_length(keys) != 1) return InvalidOid;
  auto* mine = static_cast<ForeignKeyCacheInfo*>(linitial(keys));
  if (mine->nkeys != 1 || mine->conkey[0] != col[kUser]) return InvalidOid;
  AttrNumber scores_user = get_attnum(RelationGetRelid(scores), "user_id");
  ListCell* lc;
  foreach (lc, RelationGetFKeyList(scores)) {
    auto* theirs = static_cast<ForeignKeyCacheInfo*>(lfirst(lc));
    if (theirs->nkeys == 1 && theirs->conkey[0] == scores_user && theirs->confrelid == mine->confrelid &&
        theirs->confkey[0] == mine->confkey[0] && pg::compat::foreign_key_enforced(theirs))
      return mine->conoid;
  }
  return InvalidOid;
}

// May elog. Every trigger is one of hexdb's (see the header) or of that foreign key, all fire
// in origin mode, and the count triggers cover INSERT and UPDATE.
bool known_triggers(Relation rel, Oid foreign_key) {
  TriggerDesc* td = rel->trigdesc;
  if (td == nullptr) return false;
  bool counts_insert = false, counts_update = false;
  for (int i = 0; i < td->numtriggers; ++i) {
    const Trigger& t = td->triggers[i];
    if (t.tgenabled != TRIGGER_FIRES_ON_ORIGIN && t.tgenabled != TRIGGER_FIRES_ALWAYS) return false;
    if (t.tgisinternal && OidIsValid(t.tgconstraint)) {
      if (t.tgconstraint != foreign_key) return false;
      continue;
    }
    if (pg::is_c_function(t.tgfoid, hexdb_monthly_counts_trigger) && !TRIGGER_FOR_ROW(t.tgtype) &&
        TRIGGER_FOR_AFTER(t.tgtype)) {
      counts_insert |= TRIGGER_FOR_INSERT(t.tgtype);
      counts_update |= TRIGGER_FOR_UPDATE(t.tgtype);
    } else if (!(pg::is_c_function(t.tgfoid, hexdb_monthly_imported_base_trigger) && TRIGGER_FOR_ROW(t.tgtype) &&
                 TRIGGER_FOR_BEFORE(t.tgtype) && t.tgqual != nullptr)) {
      return false;
    }
  }
  return counts_insert && counts_update;
}

// May elog. monthly_scores (locked) against the list in the header.
bool examine(Relation monthly, Relation scores) {
  if (!OidIsValid(table.primary_key) || !pg::exact_columns(monthly, kNames, kTypes, kColumnCount, col)) return false;
  Oid fk = implied_foreign_key(monthly, scores);
  return OidIsValid(fk) && known_triggers(monthly, fk);
}

// May elog. False when the direct path does not apply.
bool begin(Relation scores, pg::DirectRows* w) {
  Relation rel = pg::open_direct(&table, examine, scores);
  if (rel == nullptr) return false;
  pg::begin_direct(w, rel, &table);
  return true;
}

// A row as found and locked.
struct Found {
  Value value;
  bool imported, base_missing;
};

// May elog. Finds k's row and locks its latest version (waiting for a writer of it).
bool find(pg::DirectRows* w, const Key& k, Found* out) {
  const AttrNumber cols[3] = {col[kYear], col[kMonth], col[kUser]};
  const Datum values[3] = {Int32GetDatum(k.year), Int32GetDatum(k.month), pg::uuid_ref(k.user)};
  pg::set_key(w, cols, values, 3);
  if (!pg::find_locked(w)) return false;
  bool null, null_score, null_at;
  out->value.score = DatumGetInt64(slot_getattr(w->found, col[kScore], &null));
  out->value.at = DatumGetTimestampTz(slot_getattr(w->found, col[kAt], &null));
  out->imported = DatumGetBool(slot_getattr(w->found, col[kImported], &null)) && !null;
  slot_getattr(w->found, col[kImportedScore], &null_score);
  slot_getattr(w->found, col[kImportedAt], &null_at);
  out->base_missing = null_score || null_at;
  return true;
}

// The value columns, updated_at as now() gives it in this transaction.
void put_value(TupleTableSlot* row, Value v) {
  pg::put(row, col[kScore], Int64GetDatum(v.score));
  pg::put(row, col[kAt], TimestampTzGetDatum(v.at));
  pg::put(row, col[kUpdated], TimestampTzGetDatum(GetCurrentTransactionStartTimestamp()));
}

// A new row of k into an all-NULL slot: what an INSERT of the five columns gives it (the
// imported columns keep their defaults).
void put_new(TupleTableSlot* row, const Key& k, Value v) {
  pg::put(row, col[kYear], Int32GetDatum(k.year));
  pg::put(row, col[kMonth], Int32GetDatum(k.month));
  pg::put(row, col[kUser], pg::uuid_ref(k.user));
  pg::put(row, col[kImported], BoolGetDatum(false));
  put_value(row, v);
}

// May elog.
void update(pg::DirectRows* w, Value v) {
  pg::start_row(w, true);
  put_value(w->row, v);
  pg::update_found(w);
}

// May elog. False when a concurrent writer inserted k meanwhile.
bool insert(pg::DirectRows* w, const Key& k, Value v) {
  pg::start_row(w, false);
  put_new(w->row, k, v);
  return pg::insert_row(w);
}

// May elog. monthly_scores_rank_idx, beside monthly_scores: the index whose entries a bulk
// write adds in ranking order, or leaves to a rebuild.
Oid rank_index(Relation monthly) { return get_relname_relid("monthly_scores_rank_idx", RelationGetNamespace(monthly)); }

// A new month's groups for insert_many, through a subtransaction.
struct Bulk {
  Oid relid;
  const Group* groups;
  size_t n;
  // monthly_scores_rank_idx, its entries added in ranking order, and the primary key: each
  // without an order when it is deferred (scores/index_deferral.hpp).
  pg::LaterIndex later[2];
  int later_count;
};

void fill_new(TupleTableSlot* slot, size_t i, void* bulk) {
  const auto& [k, v] = static_cast<Bulk*>(bulk)->groups[i];
  put_new(slot, k, v);
}

// May elog (the body of a subtransaction: owns no C++ object).
void run_bulk(void* arg) {
  auto* b = static_cast<Bulk*>(arg);
  pg::DirectRows w;
  pg::begin_direct(&w, table_open(b->relid, RowExclusiveLock), &table);  // already held: no wait
  pg::insert_many(&w, b->n, fill_new, b, b->later, b->later_count);
  pg::end_direct(&w);
}

void count(Deltas& leaves, const Key& k, int64_t score, int64_t d) {
  leaves[{k.year, k.month, 0, buckets::leaf_of(score)}] += d;
}

// Appends a new row's leaf (+1) for each of groups[0, n): a bulk write's, summed later in one
// sort (summed_rows) rather than in a hash map a row at a time.
void append_new_leaves(const Group* groups, size_t n, CountRows& leaves) {
  for (size_t i = 0; i < n; ++i) {
    const auto& [k, v] = groups[i];
    leaves.push_back({{k.year, k.month, 0, buckets::leaf_of(v.score)}, 1});
  }
}

}  // namespace

size_t combine_direct(Relation scores, Aggregate a, const std::vector<Group>& groups, Deltas& leaves) {
  pg::DirectRows w;
  if (!pg::call([&] { return begin(scores, &w); })) return 0;
  // On an exception the transaction is doomed: its end releases the relation and the memory.
  size_t done = 0;
  while (done < groups.size()) {
    const auto& [k, v] = groups[done];
    Found cur;
    if (pg::call([&] { return find(&w, k, &cur); })) {
      Value next = combine(a, cur.value, v);
      if (next != cur.value) {
        // The imported-history trigger would fill this row's base: only the SQL path runs it.
        if (cur.imported && cur.base_missing) break;
        pg::call([&] { update(&w, next); });
        count(leaves, k, cur.value.score, -1);
        count(leaves, k, next.score, +1);
      }
    } else if (pg::call([&] { return insert(&w, k, v); })) {
      count(leaves, k, v.score, +1);
    } else {
      continue;  // inserted by another writer meanwhile: find it and fold into it
    }
    ++done;
  }
  pg::call([&] { pg::end_direct(&w); });
  return done;
}

bool insert_new_direct(Relation scores, const std::vector<Group>& groups, size_t from, size_t to, CountRows& leaves) {
  Bulk b{InvalidOid, groups.data() + from, to - from, {}, 1};
  bool open = pg::call([&] {
    Relation rel = pg::open_direct(&table, examine, scores);
    if (rel == nullptr) return false;
    b.relid = RelationGetRelid(rel);
    b.later[0].index = rank_index(rel);
    if (deferred(table.primary_key)) b.later[b.later_count++] = {table.primary_key, nullptr};
    table_close(rel, NoLock);
    return true;
  });
  if (!open) return false;
  std::vector<size_t> order;
  if (!deferred(b.later[0].index)) {
    order = rank_order(b.groups, b.n);
    b.later[0].order = order.data();
  }
  bool written = pg::call([&] { return pg::try_in_subtransaction(run_bulk, &b, ERRCODE_UNIQUE_VIOLATION); });
  if (!written) return false;
  for (int k = 0; k < b.later_count; ++k)
    if (b.later[k].order == nullptr) skipped(b.later[k].index);
  append_new_leaves(b.groups, b.n, leaves);
  return true;
}

namespace {

// monthly_scores for imported history, whose foreign key no scores row implies: checked by
// locking each user (pg/referenced_row.hpp).
pg::DirectTable history_table{"monthly_scores"};
pg::ForeignKey history_users;

// May elog. monthly_scores (locked) as examine() requires, its one foreign key on user_id to
// its table's primary key.
bool examine_history(Relation monthly, Relation) {
  return OidIsValid(history_table.primary_key) && pg::exact_columns(monthly, kNames, kTypes, kColumnCount, col) &&
         pg::single_foreign_key(monthly, col[kUser], &history_users) &&
         known_triggers(monthly, history_users.constraint);
}

// An imported month: its own value is its base (what the imported-history trigger fills in),
// updated_at the source's time.
void put_history(TupleTableSlot* slot, const Group& g) {
  const auto& [k, v] = g;
  pg::put(slot, col[kYear], Int32GetDatum(k.year));
  pg::put(slot, col[kMonth], Int32GetDatum(k.month));
  pg::put(slot, col[kUser], pg::uuid_ref(k.user));
  pg::put(slot, col[kScore], Int64GetDatum(v.score));
  pg::put(slot, col[kAt], TimestampTzGetDatum(v.at));
  pg::put(slot, col[kUpdated], TimestampTzGetDatum(v.at));
  pg::put(slot, col[kImported], BoolGetDatum(true));
  pg::put(slot, col[kImportedScore], Int64GetDatum(v.score));
  pg::put(slot, col[kImportedAt], TimestampTzGetDatum(v.at));
}

void fill_history(TupleTableSlot* slot, size_t i, void* rows) {
  put_history(slot, (*static_cast<const std::vector<Group>*>(rows))[i]);
}

// May throw. The users of imported history locked as its foreign key's checks would; false,
// with rel closed and monthly_scores to be examined again, where that key moved.
bool lock_history_users(Relation rel, const std::vector<Group>& rows) {
  std::vector<uuid::Bytes> users;
  for (const Group& g : rows) users.push_back(g.first.user);
  if (users::lock_bulk_users(history_users, std::move(users), "an imported month") == pg::Referenced::kLocked)
    return true;
  pg::call([&] { table_close(rel, NoLock); });
  history_table.checked = false;  // the users' key moved: examine again next time
  return false;
}

// May throw. The rank changes of months that are all new (each a leaf count up): the rows of
// first, then of second.
void record_new_months(const std::vector<Group>& first, const std::vector<Group>& second = {}) {
  CountRows leaves;
  leaves.reserve(first.size() + second.size());
  append_new_leaves(first.data(), first.size(), leaves);
  append_new_leaves(second.data(), second.size(), leaves);
  record_leaf_changes(summed_rows(std::move(leaves)));
}

}  // namespace

bool insert_history_direct(std::vector<Group>& rows) {
  Relation rel = pg::call([] { return pg::open_direct(&history_table, examine_history, nullptr); });
  if (rel == nullptr) return false;
  std::sort(rows.begin(), rows.end(), [](const Group& a, const Group& b) { return a.first < b.first; });
  if (!lock_history_users(rel, rows)) return false;
  std::vector<size_t> order = rank_order(rows.data(), rows.size());
  pg::call([&] {
    pg::DirectRows w;
    pg::begin_direct(&w, rel, &history_table);
    pg::LaterIndex rank{rank_index(rel), order.data()};
    pg::insert_many(&w, rows.size(), fill_history, &rows, &rank);
    pg::end_direct(&w);
  });
  record_new_months(rows);
  return true;
}

namespace {

// May elog. Both monthly_scores indexes that a load adds entries to are deferred.
bool fresh_indexes(Relation monthly, pg::LaterIndex (&later)[2]) {
  later[0] = {table.primary_key, nullptr};
  later[1] = {rank_index(monthly), nullptr};
  return deferred(later[0].index) && deferred(later[1].index);
}

// A row of a fresh load: one of the scores' groups, or imported history.
struct FreshRow {
  const Group* group;
  bool history;
};

void fill_fresh(TupleTableSlot* slot, size_t i, void* rows) {
  const FreshRow& r = (*static_cast<const std::vector<FreshRow>*>(rows))[i];
  if (r.history)
    put_history(slot, *r.group);
  else
    put_new(slot, r.group->first, r.group->second);
}

// Both kinds in key order, as the primary key's rebuild then reads them (its sort finds them
// sorted: history appended after the groups made that rebuild a third slower). Both sorted by
// key, no key in both. Never elogs or throws but bad_alloc.
std::vector<FreshRow> in_key_order(const std::vector<Group>& groups, const std::vector<Group>& history) {
  std::vector<FreshRow> out;
  out.reserve(groups.size() + history.size());
  size_t g = 0, h = 0;
  while (g < groups.size() || h < history.size()) {
    bool take_history = g == groups.size() || (h < history.size() && history[h].first < groups[g].first);
    out.push_back(take_history ? FreshRow{&history[h++], true} : FreshRow{&groups[g++], false});
  }
  return out;
}

}  // namespace

bool load_fresh(Relation scores, const std::vector<Group>& groups, const std::function<std::vector<Group>()>& decide) {
  pg::LaterIndex later[2];
  Relation rel = pg::call([&] {
    Relation r = pg::open_direct(&table, examine, scores);
    if (r == nullptr) return r;
    Relation h = pg::open_direct(&history_table, examine_history, nullptr);
    if (h != nullptr) table_close(h, NoLock);
    if (h == nullptr || !fresh_indexes(r, later)) table_close(r, NoLock), r = nullptr;
    return r;
  });
  if (rel == nullptr) return false;
  std::vector<Group> history = decide();
  if (!lock_history_users(rel, history)) return false;  // the scores' users are locked already
  std::sort(history.begin(), history.end(), [](const Group& a, const Group& b) { return a.first < b.first; });
  std::vector<FreshRow> rows = in_key_order(groups, history);
  pg::call([&] {
    pg::DirectRows w;
    pg::begin_direct(&w, rel, &table);
    pg::insert_many(&w, rows.size(), fill_fresh, &rows, later, 2);
    pg::end_direct(&w);
  });
  skipped(later[0].index);
  skipped(later[1].index);
  record_new_months(groups, history);
  return true;
}

// A larger statement is cheaper as one SQL upsert.
constexpr size_t kDirectMax = 32;

void add_groups(Relation scores, Aggregate a, std::vector<Group> groups) {
  if (groups.size() <= kDirectMax) {
    Deltas leaves;
    size_t done = combine_direct(scores, a, groups, leaves);
    record_leaf_changes(leaves);
    groups.erase(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(done));
  }
  if (!groups.empty()) combine_rows(scores, a, groups);
}

}  // namespace hexdb::monthly
