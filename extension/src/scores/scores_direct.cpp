#include "scores/scores_direct.hpp"

extern "C" {
#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/syscache.h"

Datum hexdb_scores_monthly_trigger(PG_FUNCTION_ARGS);  // recognised among scores' triggers
}

#include <cstring>
#include <initializer_list>

#include "pg/c_function.hpp"
#include "pg/compat.hpp"

namespace hexdb::scores::direct {

namespace {

const char* const kNames[kColumnCount] = {"id", "user_id", "score", "created_at", "legacy_id"};
const Oid kTypes[kColumnCount] = {INT8OID, UUIDOID, INT8OID, TIMESTAMPTZOID, INT4OID};

pg::DirectTable scores_table{"scores", "id", true};
AttrNumber col[kColumnCount];

// What the examination found besides the columns.
struct Shape {
  Oid sequence;         // id's
  pg::ForeignKey users;  // user_id's foreign key
  Oid definer;           // the owner the monthly trigger runs as; InvalidOid: the caller
} shape;

// Whether the function's settings are search_path alone (which changes no name here: every
// SQL statement hexdb runs is schema-qualified).
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

// Records who trigger function fn runs as; false unless only search_path is set.
bool note_definer(Oid fn) {
  HeapTuple proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
  if (!HeapTupleIsValid(proc)) return false;
  auto* p = reinterpret_cast<Form_pg_proc>(GETSTRUCT(proc));
  shape.definer = p->prosecdef ? p->proowner : InvalidOid;
  bool ok = only_search_path(proc);
  ReleaseSysCache(proc);
  return ok;
}

// The triggers that fire on INSERT in origin mode (see the header).
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

// scores (locked) against the list in the header.
bool examine(Relation scores, Relation) {
  if (!pg::exact_columns(scores, kNames, kTypes, kColumnCount, col)) return false;
  TupleDesc desc = RelationGetDescr(scores);
  if (TupleDescAttr(desc, col[kId] - 1)->attidentity != ATTRIBUTE_IDENTITY_BY_DEFAULT) return false;
  for (Column c : {kId, kUser, kScore, kLegacy})
    if (TupleDescAttr(desc, col[c] - 1)->atthasdef) return false;
  shape.sequence = pg::compat::identity_sequence(scores, col[kId]);
  return OidIsValid(shape.sequence) && pg::single_foreign_key(scores, col[kUser], &shape.users) &&
         examine_triggers(scores, shape.users.constraint);
}

}  // namespace

Relation open() {
  CommandCounterIncrement();
  return pg::open_direct(&scores_table, examine, nullptr);
}

const pg::DirectTable* table() { return &scores_table; }
AttrNumber column(Column c) { return col[c]; }
Oid id_sequence() { return shape.sequence; }

pg::Referenced lock_user(Datum user) {
  pg::Referenced r = pg::lock_key(shape.users, user);
  if (r == pg::Referenced::kUnsure) forget();
  return r;
}

const pg::ForeignKey& users_key() { return shape.users; }
void forget() { scores_table.checked = false; }

AsTriggerOwner::AsTriggerOwner() {
  GetUserIdAndSecContext(&user_, &context_);
  if (OidIsValid(shape.definer)) SetUserIdAndSecContext(shape.definer, context_ | SECURITY_LOCAL_USERID_CHANGE);
}

AsTriggerOwner::~AsTriggerOwner() { SetUserIdAndSecContext(user_, context_); }

}  // namespace hexdb::scores::direct
