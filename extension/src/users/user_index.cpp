#include "users/user_index.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

#include "pg/compat.hpp"
#include "pg/index_scan.hpp"

namespace hexdb::users {

namespace {

// May elog.
Relation open_user_id_key(Relation users) {
  Oid pkey_oid = pg::compat::primary_key_index(users);
  Relation pkey = OidIsValid(pkey_oid) ? index_open(pkey_oid, AccessShareLock) : nullptr;
  AttrNumber user_id = get_attnum(RelationGetRelid(users), "user_id");
  if (pkey == nullptr || user_id == InvalidAttrNumber || IndexRelationGetNumberOfKeyAttributes(pkey) != 1 ||
      pkey->rd_index->indkey.values[0] != user_id || get_atttype(RelationGetRelid(users), user_id) != UUIDOID) {
    if (pkey != nullptr) index_close(pkey, AccessShareLock);
    ereport(ERROR, (errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("hexdb.users must have its primary key on user_id (uuid) alone"), errtable(users)));
  }
  return pkey;
}

}  // namespace

UserIndex open_user_index() {
  Oid users_oid = get_relname_relid("users", get_namespace_oid("hexdb", false));
  if (!OidIsValid(users_oid)) elog(ERROR, "hexdb: table hexdb.users is missing");
  Relation users = table_open(users_oid, AccessShareLock);
  Relation pkey = open_user_id_key(users);
  return UserIndex{users, pkey, table_slot_create(users, nullptr), nullptr};
}

bool user_exists(UserIndex& index, Datum user_id) { return fetch_user(index, user_id); }

bool fetch_user(UserIndex& index, Datum user_id) {
  ScanKeyData key;
  ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_UUID_EQ, user_id);
  IndexScanDesc scan = pg::rescan(&index.scan, index.users, index.pkey, &key, 1);
  return index_getnext_slot(scan, ForwardScanDirection, index.slot);
}

void close_user_index(UserIndex& index) {
  if (index.scan != nullptr) index_endscan(index.scan);
  ExecDropSingleTupleTableSlot(index.slot);
  index_close(index.pkey, AccessShareLock);
  table_close(index.users, AccessShareLock);
}

}  // namespace hexdb::users
