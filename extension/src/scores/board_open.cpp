// Opening a month's board: the tables and indexes of board_reads.hpp, their shape checked
// once per backend and again after any change to one of them (a relcache invalidation),
// the current user's right to read them on every call. May elog.
#include "scores/board_reads.hpp"

extern "C" {
#include "access/relation.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "nodes/primnodes.h"
#include "utils/fmgroids.h"
#include "utils/inval.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

#include "pg/compat.hpp"
#include "pg/relation_shape.hpp"
#include "scores/pending_mark.hpp"

namespace hexdb::monthly {

namespace {

// A board's relations, in the order they are opened (and closed in reverse).
Relation Board::*const kRelations[] = {&Board::monthly, &Board::monthly_pkey, &Board::rank_idx, &Board::counts,
                                       &Board::counts_pkey, &Board::deltas, &Board::deltas_idx, &Board::folded};
constexpr int kRelationCount = sizeof(kRelations) / sizeof(kRelations[0]);

// The relations and columns as last checked; valid until one of them (or users) changes.
struct Checked {
  bool valid;
  Oid oids[kRelationCount];
  Oid users;
  BoardColumns col;
};
Checked checked;

void forget(Datum, Oid relid) {
  if (relid == InvalidOid || relid == checked.users) checked.valid = false;
  for (Oid oid : checked.oids) {
    if (relid == oid) checked.valid = false;
  }
}

// Closes the first n relations of the board, in reverse order.
void close_relations(Board* b, int n = kRelationCount) {
  while (n-- > 0) relation_close(b->*kRelations[n], AccessShareLock);
}

Relation open_primary_key(Relation table) {
  Oid pkey = pg::compat::primary_key_index(table);
  if (!OidIsValid(pkey)) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("hexdb.%s has no primary key", RelationGetRelationName(table)), errtable(table)));
  }
  return index_open(pkey, AccessShareLock);
}

// The rank index's third column must be -score.
void require_negated_score(Relation table, Relation rank_idx, AttrNumber score) {
  List* exprs = RelationGetIndexExpressions(rank_idx);
  Node* e = list_length(exprs) == 1 ? static_cast<Node*>(linitial(exprs)) : nullptr;
  OpExpr* op = e != nullptr && IsA(e, OpExpr) ? reinterpret_cast<OpExpr*>(e) : nullptr;
  Node* arg = op != nullptr && op->opfuncid == F_INT8UM && list_length(op->args) == 1
                  ? static_cast<Node*>(linitial(op->args)) : nullptr;
  if (arg == nullptr || !IsA(arg, Var) || reinterpret_cast<Var*>(arg)->varattno != score) {
    ereport(ERROR, (errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("hexdb.monthly_scores_rank_idx must index (year, month, (-score), achieved_at, user_id)"),
                    errhint("SELECT hexdb.setup() recreates it once it is dropped."), errtable(table)));
  }
}

// Opens every relation by name and checks its shape.
void open_checked(Board* b) {
  static const char* const monthly_key[] = {"year", "month", "user_id"};
  static const Oid monthly_key_types[] = {INT4OID, INT4OID, UUIDOID};
  static const char* const rank_key[] = {"year", "month", nullptr, "achieved_at", "user_id"};
  static const Oid rank_key_types[] = {INT4OID, INT4OID, INT8OID, TIMESTAMPTZOID, UUIDOID};
  static const char* const counts_key[] = {"year", "month", "level", "bucket"};
  static const Oid counts_key_types[] = {INT4OID, INT4OID, INT2OID, INT8OID};
  static const char* const deltas_key[] = {"written_in", "year", "month", "leaf"};
  static const Oid deltas_key_types[] = {XID8OID, INT4OID, INT4OID, INT8OID};
  b->monthly = pg::open_hexdb_relation("monthly_scores", false);
  b->monthly_pkey = open_primary_key(b->monthly);
  b->rank_idx = pg::open_hexdb_relation("monthly_scores_rank_idx", true);
  b->counts = pg::open_hexdb_relation("monthly_score_counts", false);
  b->counts_pkey = open_primary_key(b->counts);
  b->deltas = pg::open_hexdb_relation("monthly_score_deltas", false);
  b->deltas_idx = pg::open_hexdb_relation("monthly_score_deltas_written_idx", true);
  b->folded = pg::open_hexdb_relation("monthly_score_folded", false);
  b->col.score = pg::column_of(b->monthly, "score", INT8OID);
  b->col.achieved_at = pg::column_of(b->monthly, "achieved_at", TIMESTAMPTZOID);
  b->col.user_id = pg::column_of(b->monthly, "user_id", UUIDOID);
  b->col.bucket = pg::column_of(b->counts, "bucket", INT8OID);
  b->col.players = pg::column_of(b->counts, "players", INT8OID);
  b->col.leaf = pg::column_of(b->deltas, "leaf", INT8OID);
  b->col.delta = pg::column_of(b->deltas, "delta", INT8OID);
  b->col.folded_before = pg::column_of(b->folded, "folded_before", XID8OID);
  b->col.nickname = pg::column_of(b->users.users, "nickname", TEXTOID);
  pg::require_btree(b->monthly, b->monthly_pkey, monthly_key, monthly_key_types, 3);
  pg::require_btree(b->monthly, b->rank_idx, rank_key, rank_key_types, 5);
  require_negated_score(b->monthly, b->rank_idx, b->col.score);
  pg::require_btree(b->counts, b->counts_pkey, counts_key, counts_key_types, 4);
  pg::require_btree(b->deltas, b->deltas_idx, deltas_key, deltas_key_types, 4);
  for (int i = 0; i < kRelationCount; ++i) checked.oids[i] = RelationGetRelid(b->*kRelations[i]);
  checked.users = RelationGetRelid(b->users.users);
  checked.col = b->col;
  checked.valid = true;
}

// Opens the relations checked last time; false, with none of them left open, when one of them
// is gone or changed before its lock was ours (taking a lock takes in the invalidations that
// other sessions committed since this transaction last did: a relation dropped by one of them
// is only found missing here).
bool open_known(Board* b) {
  for (int i = 0; i < kRelationCount; ++i) {
    Relation rel = try_relation_open(checked.oids[i], AccessShareLock);
    if (rel != nullptr) b->*kRelations[i] = rel;
    if (rel == nullptr || !checked.valid) {
      close_relations(b, rel == nullptr ? i : i + 1);
      return false;
    }
  }
  b->col = checked.col;
  return true;
}

}  // namespace

void open_board(Board* b, int32 year, int32 month) {
  static bool registered = false;
  if (!registered) {
    CacheRegisterRelcacheCallback(forget, 0);
    registered = true;
  }
  b->year = year, b->month = month;
  b->users = users::open_user_index();
  if (checked.valid && RelationGetRelid(b->users.users) != checked.users) checked.valid = false;
  if (!checked.valid || !open_known(b)) open_checked(b);
  static const char* const monthly_read[] = {"year", "month", "user_id", "score", "achieved_at"};
  static const char* const counts_read[] = {"year", "month", "level", "bucket", "players"};
  static const char* const deltas_read[] = {"written_in", "year", "month", "leaf", "delta"};
  static const char* const folded_read[] = {"folded_before"};
  static const char* const users_read[] = {"user_id", "nickname"};
  pg::require_readable(b->monthly, monthly_read, 5);
  pg::require_readable(b->counts, counts_read, 5);
  pg::require_readable(b->deltas, deltas_read, 5);
  pg::require_readable(b->folded, folded_read, 1);
  pg::require_readable(b->users.users, users_read, 2);
  b->monthly_slot = table_slot_create(b->monthly, nullptr);
  b->counts_slot = table_slot_create(b->counts, nullptr);
  b->deltas_slot = table_slot_create(b->deltas, nullptr);
  b->counts_scan = b->deltas_scan = nullptr;
  b->pending_from = pending_from(b->folded, b->col.folded_before, GetActiveSnapshot());
}

void close_board(Board* b) {
  if (b->counts_scan != nullptr) index_endscan(b->counts_scan);
  if (b->deltas_scan != nullptr) index_endscan(b->deltas_scan);
  ExecDropSingleTupleTableSlot(b->deltas_slot);
  ExecDropSingleTupleTableSlot(b->counts_slot);
  ExecDropSingleTupleTableSlot(b->monthly_slot);
  close_relations(b);
  users::close_user_index(b->users);
}

}  // namespace hexdb::monthly
