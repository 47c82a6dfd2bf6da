#include "scores/submit_direct.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/xact.h"
#include "access/table.h"
#include "catalog/pg_am.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/sequence.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

Datum hexdb_scores_monthly_trigger(PG_FUNCTION_ARGS);  // recognised among scores' triggers
}

#include <cstring>

#include "pg/boundary.hpp"
#include "pg/c_function.hpp"
#include "pg/compat.hpp"
#include "pg/datum.hpp"
#include "pg/direct_rows.hpp"
#include "pg/referenced_row.hpp"
#include "pg/spi.hpp"
#include "scores/monthly_calendar.hpp"
#include "scores/monthly_direct.hpp"
#include "users/unknown_user.hpp"

namespace hexdb::scores {

namespace {

enum Column { kId, kUser, kScore, kAt, kLegacy, kColumnCount };
const char* const kNames[kColumnCount] = {"id", "user_id", "score", "created_at", "legacy_id"};
const Oid kTypes[kColumnCount] = {INT8OID, UUIDOID, INT8OID, TIMESTAMPTZOID, INT4OID};

pg::DirectTable table{"scores", "id", true};
AttrNumber col[kColumnCount];

// What the examination found besides the columns.
struct Shape {
  Oid sequence;  // id's
  Oid users;     // the table user_id references
  Oid users_key; // its primary key, the foreign key's index
  Oid definer;   // the owner the monthly trigger runs as; InvalidOid: the caller
} shape;

// May elog. Whether the function's settings are search_path alone (which changes no name
// here: every SQL statement hexdb runs is schema-qualified).
bool only_search_path(HeapTuple proc) {
  bool null;
  Datum config = SysCacheGetAttr(PROCOID, proc, Anum_pg_proc_proconfig, &null);
  if (null) return true;
  Datum* items;
  int n;
  deconstruct_array(DatumGetArrayTypeP(config), TEXTOID, -1, false, TYPALIGN_INT, &items, nullptr, &n);
  for (int i = 0; i < n; ++i)
    if (strncmp(TextDatumGetCString(items[i]), "search_path=", 12) != 0) return false;
  return true;
}

// May elog. Records who trigger function fn runs as; false unless only search_path is set.
bool note_definer(Oid fn) {
  HeapTuple proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
  if (!HeapTupleIsValid(proc)) return false;
  auto* p = reinterpret_cast<Form_pg_proc>(GETSTRUCT(proc));
  shape.definer = p->prosecdef ? p->proowner : InvalidOid;
  bool ok = only_search_path(proc);
  ReleaseSysCache(proc);
  return ok;
}

// May elog. The foreign key (see the header), its table and index into shape.
bool examine_foreign_key(Relation scores, Oid* constraint) {
  List* keys = RelationGetFKeyList(scores);
  if (list_length(keys) != 1) return false;
  auto* fk = static_cast<ForeignKeyCacheInfo*>(linitial(keys));
  if (fk->nkeys != 1 || fk->conkey[0] != col[kUser] || !pg::compat::foreign_key_enforced(fk)) return false;
  HeapTuple tuple = SearchSysCache1(CONSTROID, ObjectIdGetDatum(fk->conoid));
  if (!HeapTupleIsValid(tuple)) return false;
  auto* c = reinterpret_cast<Form_pg_constraint>(GETSTRUCT(tuple));
  bool immediate = !c->condeferrable;
  Oid index_id = c->conindid;
  ReleaseSysCache(tuple);
  if (!immediate) return false;
  Relation users = table_open(fk->confrelid, AccessShareLock);
  bool primary = pg::compat::primary_key_index(users) == index_id;
  table_close(users, AccessShareLock);
  if (!primary) return false;
  // The check compares with the key's own equality, as the index does (the same type).
  Relation index = index_open(index_id, AccessShareLock);
  Oid type = index->rd_opcintype[0];
  bool same = index->rd_rel->relam == BTREE_AM_OID && IndexRelationGetNumberOfKeyAttributes(index) == 1 &&
              index->rd_index->indkey.values[0] == fk->confkey[0] &&
              fk->conpfeqop[0] == get_opfamily_member(index->rd_opfamily[0], type, type, BTEqualStrategyNumber);
  index_close(index, AccessShareLock);
  shape.users = fk->confrelid;
  shape.users_key = index_id;
  *constraint = fk->conoid;
  return same;
}

// May elog. The triggers that fire on INSERT in origin mode (see the header).
bool examine_triggers(Relation scores, Oid constraint) {
  TriggerDesc* td = scores->trigdesc;
  int monthly = 0;
  for (int i = 0; td != nullptr && i < td->numtriggers; ++i) {
    const Trigger& t = td->triggers[i];
    if (!TRIGGER_FOR_INSERT(t.tgtype) || t.tgenabled == TRIGGER_DISABLED || t.tgenabled == TRIGGER_FIRES_ON_REPLICA)
      continue;
    if (t.tgisinternal && t.tgconstraint == constraint) continue;
    if (!(pg::is_c_function(t.tgfoid, hexdb_scores_monthly_trigger) && !TRIGGER_FOR_ROW(t.tgtype) &&
          TRIGGER_FOR_AFTER(t.tgtype) && t.tgnewtable != nullptr && note_definer(t.tgfoid)))
      return false;
    ++monthly;
  }
  return monthly == 1;
}

// May elog. scores (locked) against the list in the header.
bool examine(Relation scores, Relation) {
  if (!pg::exact_columns(scores, kNames, kTypes, kColumnCount, col)) return false;
  TupleDesc desc = RelationGetDescr(scores);
  if (TupleDescAttr(desc, col[kId] - 1)->attidentity == '\0') return false;
  for (Column c : {kId, kUser, kScore, kLegacy})
    if (TupleDescAttr(desc, col[c] - 1)->atthasdef) return false;
  shape.sequence = pg::compat::identity_sequence(scores, col[kId]);
  Oid constraint = InvalidOid;
  return OidIsValid(shape.sequence) && examine_foreign_key(scores, &constraint) &&
         examine_triggers(scores, constraint);
}

// May elog. The foreign key's check for the user; kUnsure when the key moved since the
// examination (it is done again next time).
pg::Referenced lock_user(Datum user) {
  Relation users = table_open(shape.users, RowShareLock);  // as the check's FOR KEY SHARE
  if (pg::compat::primary_key_index(users) != shape.users_key) {
    table_close(users, NoLock);
    table.checked = false;
    return pg::Referenced::kUnsure;
  }
  Relation index = index_open(shape.users_key, AccessShareLock);
  pg::Referenced r = pg::lock_referenced(users, index, user);
  index_close(index, NoLock);
  table_close(users, NoLock);
  return r;
}

// May elog. Writes the row; its id.
int64 insert(pg::DirectRows* w, Datum user, int64 score, TimestampTz at) {
  int64 id = nextval_internal(shape.sequence, false);  // as the INSERT's identity default: no privilege check
  pg::start_row(w, false);
  pg::put(w, col[kId], Int64GetDatum(id));
  pg::put(w, col[kUser], user);
  pg::put(w, col[kScore], Int64GetDatum(score));
  pg::put(w, col[kAt], TimestampTzGetDatum(at));
  pg::insert_plain(w);
  return id;
}

// The trigger's identity for the monthly fold: SECURITY DEFINER as fmgr would switch to it.
class AsDefiner {
 public:
  explicit AsDefiner(Oid definer) {
    GetUserIdAndSecContext(&user_, &context_);
    if (OidIsValid(definer)) SetUserIdAndSecContext(definer, context_ | SECURITY_LOCAL_USERID_CHANGE);
  }
  ~AsDefiner() { SetUserIdAndSecContext(user_, context_); }
  AsDefiner(const AsDefiner&) = delete;
  AsDefiner& operator=(const AsDefiner&) = delete;

 private:
  Oid user_;
  int context_;
};

}  // namespace

bool submit_direct(Datum user, int64 score, TimestampTz at, const char* user_text, int64* id) {
  Relation rel = pg::call([] {
    // What SPI does before each statement: rows an earlier call wrote in this same command
    // (SELECT submit_score(...) FROM many rows) become visible to this one, to lock and fold into.
    CommandCounterIncrement();
    return pg::open_direct(&table, examine, nullptr);
  });
  if (rel == nullptr) return false;
  pg::Referenced user_row = pg::call([&] { return lock_user(user); });
  if (user_row != pg::Referenced::kLocked) {
    pg::call([&] { table_close(rel, NoLock); });
    if (user_row == pg::Referenced::kUnsure) return false;
    users::refuse_unknown_user(user_text, "submit_score");
  }
  pg::DirectRows w;
  *id = pg::call([&] {
    pg::begin_direct(&w, rel, &table);
    return insert(&w, user, score, at);
  });
  {
    AsDefiner definer(shape.definer);
    monthly::Aggregate a = pg::call([] {
      spi::connect();
      return monthly::settings().aggregate;
    });
    monthly::MonthSpan m = pg::call([&] { return monthly::month_of(at); });
    monthly::Key k;
    k.year = m.year;
    k.month = m.month;
    k.user = pg::call([&] { return pg::uuid_bytes(user); });
    monthly::add_groups(rel, a, {{k, monthly::Value{score, at}}});
    pg::call([] { spi::finish(); });
  }
  pg::call([&] { pg::end_direct(&w); });
  return true;
}

}  // namespace hexdb::scores
