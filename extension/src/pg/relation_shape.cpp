#include "pg/relation_shape.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_class.h"
#include "catalog/index.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "commands/defrem.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
}

namespace hexdb::pg {

namespace {

[[noreturn]] void refuse(Relation table, Relation index) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                  errmsg("hexdb.%s: index %s is not the btree hexdb created", RelationGetRelationName(table),
                         RelationGetRelationName(index)),
                  errhint("SELECT hexdb.setup() recreates what is missing; a changed definition must be changed back."),
                  errtable(table)));
}

bool plain_key_column(Relation index, int i, Oid type) {
  return index->rd_opcintype[i] == type && index->rd_indoption[i] == 0 &&
         index->rd_opfamily[i] == get_opclass_family(GetDefaultOpClass(type, BTREE_AM_OID));
}

}  // namespace

AttrNumber column_of(Relation rel, const char* name, Oid type) {
  AttrNumber att = get_attnum(RelationGetRelid(rel), name);
  if (att == InvalidAttrNumber || get_atttype(RelationGetRelid(rel), att) != type) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("hexdb.%s.%s must exist with type %s", RelationGetRelationName(rel), name,
                           format_type_be(type)),
                    errtable(rel)));
  }
  return att;
}

void require_btree(Relation table, Relation index, const char* const* columns, const Oid* types, int n) {
  if (index->rd_rel->relkind != RELKIND_INDEX || table->rd_rel->relkind != RELKIND_RELATION ||
      index->rd_rel->relam != BTREE_AM_OID || index->rd_index->indrelid != RelationGetRelid(table) ||
      IndexRelationGetNumberOfKeyAttributes(index) != n || !heap_attisnull(index->rd_indextuple, Anum_pg_index_indpred, nullptr) ||
      !index->rd_index->indisvalid) {
    refuse(table, index);
  }
  for (int i = 0; i < n; ++i) {
    AttrNumber want = columns[i] == nullptr ? 0 : get_attnum(RelationGetRelid(table), columns[i]);
    if (index->rd_index->indkey.values[i] != want || !plain_key_column(index, i, types[i])) {
      refuse(table, index);
    }
  }
}

Relation open_hexdb_relation(const char* name, bool is_index) {
  Oid oid = get_relname_relid(name, get_namespace_oid("hexdb", false));
  if (!OidIsValid(oid)) {
    ereport(ERROR, (errcode(is_index ? ERRCODE_UNDEFINED_OBJECT : ERRCODE_UNDEFINED_TABLE), errmsg("hexdb.%s is missing", name),
                    errhint("SELECT hexdb.setup() creates the game's tables and their indexes.")));
  }
  return is_index ? index_open(oid, AccessShareLock) : table_open(oid, AccessShareLock);
}

bool may_select(Relation rel, const char* const* columns, int n) {
  Oid relid = RelationGetRelid(rel), user = GetUserId();
  if (pg_class_aclcheck(relid, user, ACL_SELECT) == ACLCHECK_OK) return true;
  for (int i = 0; i < n; ++i) {
    AttrNumber att = get_attnum(relid, columns[i]);
    if (att == InvalidAttrNumber || pg_attribute_aclcheck(relid, att, user, ACL_SELECT) != ACLCHECK_OK) return false;
  }
  return true;
}

bool row_security_in_force(Relation rel) { return check_enable_rls(RelationGetRelid(rel), InvalidOid, false) == RLS_ENABLED; }

void require_readable(Relation rel, const char* const* columns, int n) {
  if (!may_select(rel, columns, n)) aclcheck_error(ACLCHECK_NO_PRIV, OBJECT_TABLE, RelationGetRelationName(rel));
  if (row_security_in_force(rel)) {
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("hexdb's boards do not apply row-level security, which is enabled on hexdb.%s",
                           RelationGetRelationName(rel)),
                    errtable(rel)));
  }
}

}  // namespace hexdb::pg
