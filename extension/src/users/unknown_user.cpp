#include "users/unknown_user.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "executor/tuptable.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
}

#include <cstring>
#include <string>

#include "pg/args.hpp"
#include "pg/datum.hpp"

namespace hexdb::users {

void rethrow_unknown_user(const PgError& e, const char* constraint, const char* user_text, const char* what) {
  ErrorData* d = e.data();
  if (d->sqlerrcode == ERRCODE_FOREIGN_KEY_VIOLATION && d->constraint_name &&
      std::strcmp(d->constraint_name, constraint) == 0)
    throw SqlError("23503", Rule{"user_unknown", "users"}, std::string("user ") + user_text + " does not exist",
                   std::string(what) + " needs a user that exists in hexdb.users.");
}

void require_user(Datum user_id) {
  Oid users_oid = get_relname_relid("users", get_namespace_oid("hexdb", false));
  if (!OidIsValid(users_oid)) elog(ERROR, "hexdb: table hexdb.users is missing");
  Relation users = table_open(users_oid, AccessShareLock);
  Relation pkey = index_open(RelationGetPrimaryKeyIndex(users), AccessShareLock);
  TupleTableSlot* slot = table_slot_create(users, nullptr);
  ScanKeyData key;
  ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_UUID_EQ, user_id);
  IndexScanDesc scan = index_beginscan(users, pkey, GetActiveSnapshot(), 1, 0);
  index_rescan(scan, &key, 1, nullptr, 0);
  bool found = index_getnext_slot(scan, ForwardScanDirection, slot);
  index_endscan(scan);
  ExecDropSingleTupleTableSlot(slot);
  index_close(pkey, AccessShareLock);
  table_close(users, AccessShareLock);
  if (!found)
    ereport(ERROR, (errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
                    errmsg("user %s does not exist", pg::uuid_cstring(user_id)), pg::rule("user_unknown", "users")));
}

}  // namespace hexdb::users
