// The triggers on hexdb.friendships. The rules themselves are in core/friendship_rules.hpp;
// this file reads the rows PostgreSQL hands over and applies them, whoever writes.
//   friendship_check  BEFORE INSERT OR UPDATE FOR EACH ROW: every rule, and updated_at.
//   friendship_notify AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW: pg_notify, which
//                     PostgreSQL delivers at commit (and drops on rollback). AFTER, not BEFORE,
//                     so that a row that ON CONFLICT DO NOTHING skips announces nothing.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/trigger.h"
#include "utils/timestamp.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/uuid.h"
}

#include <algorithm>
#include <optional>
#include <string>

#include "core/friendships/friendship_notice.hpp"
#include "friendships/friendship_store.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/trigger.hpp"

namespace {

using namespace hexdb::friendship;
namespace pg = hexdb::pg;

constexpr pg::TriggerShape kCheck{"hexdb.friendship_check()", true, true, pg::kInsert | pg::kUpdate,
                                  "friendships"};
constexpr pg::TriggerShape kNotify{"hexdb.friendship_notify()", false, true,
                                   pg::kInsert | pg::kUpdate | pg::kDelete, "friendships"};

// The columns both triggers read, by name and type (pg::columns checks and caches them).
constexpr pg::ColumnSpec kColumns[] = {{"requester_id", UUIDOID}, {"receiver_id", UUIDOID},
                                       {"status", TEXTOID}, {"updated_at", TIMESTAMPTZOID},
                                       {"id", INT8OID}, {"created_at", TIMESTAMPTZOID}};

struct Columns {
  int requester, receiver, status, updated_at, id, created_at;
};

// May elog.
Columns columns_of(const TriggerData* td) {
  int at[6] = {0, 0, 0, 0, 0, 0};
  pg::columns(td, kColumns, 6, at);
  return Columns{at[0], at[1], at[2], at[3], at[4], at[5]};
}

// The row inside tuple; a NULL user or status is refused (22004). May elog and throw.
Row read_row(HeapTuple tuple, TupleDesc desc, const Columns& col) {
  bool isnull;
  Datum requester = heap_getattr(tuple, col.requester, desc, &isnull);
  if (isnull) pg::refuse_null("requester_id");
  Datum receiver = heap_getattr(tuple, col.receiver, desc, &isnull);
  if (isnull) pg::refuse_null("receiver_id");
  Datum status = heap_getattr(tuple, col.status, desc, &isnull);
  if (isnull) pg::refuse_null("status");
  return Row{pg::uuid_bytes(requester), pg::uuid_bytes(receiver), status_or_refuse(pg::text_view(status))};
}

// updated_at for a change of old: the transaction's start, as now() would give, but never
// before the row's own created_at or updated_at. In READ COMMITTED a transaction that began
// before another one inserted or changed the row and committed still reads and changes that
// row; its start time alone would put updated_at before created_at, or move it backwards.
// May elog.
Datum change_stamp(HeapTuple old, TupleDesc desc, const Columns& col) {
  TimestampTz stamp = GetCurrentTransactionStartTimestamp();
  for (int attnum : {col.created_at, col.updated_at}) {
    bool isnull;
    Datum value = heap_getattr(old, attnum, desc, &isnull);
    if (!isnull) stamp = std::max(stamp, DatumGetTimestampTz(value));
  }
  return TimestampTzGetDatum(stamp);
}

}  // namespace

// May elog and throw SqlError; owns nothing with a destructor.
HEXDB_FUNCTION(hexdb_friendship_check) {
  TriggerData* td = pg::trigger_data(fcinfo, kCheck);
  TupleDesc desc = RelationGetDescr(td->tg_relation);
  Columns col = columns_of(td);

  if (TRIGGER_FIRED_BY_INSERT(td->tg_event)) {
    Row row = read_row(td->tg_trigtuple, desc, col);
    check_new(row);
    store::require_users(row.requester, row.receiver);
    return PointerGetDatum(td->tg_trigtuple);
  }

  Row after = read_row(td->tg_newtuple, desc, col);
  check_change(read_row(td->tg_trigtuple, desc, col), after);
  // Users need no look-up: an update keeps the pair (check_change), and the pair existed.
  Datum stamp = change_stamp(td->tg_trigtuple, desc, col);
  bool isnull = false;
  HeapTuple stamped = heap_modify_tuple_by_cols(td->tg_newtuple, desc, 1, &col.updated_at, &stamp, &isnull);
  return PointerGetDatum(stamped);
}

// May throw: builds the payload in a std::string, reaches PostgreSQL through pg::call.
HEXDB_FUNCTION(hexdb_friendship_notify) {
  TriggerData* td = pg::trigger_data(fcinfo, kNotify);
  TupleDesc desc = RelationGetDescr(td->tg_relation);
  Columns col = columns_of(td);
  Op op = TRIGGER_FIRED_BY_INSERT(td->tg_event)   ? Op::insert
          : TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? Op::update
                                                  : Op::remove;
  HeapTuple tuple = op == Op::update ? td->tg_newtuple : td->tg_trigtuple;
  std::optional<Status> old_status;
  if (op == Op::update) old_status = read_row(td->tg_trigtuple, desc, col).status;
  bool isnull;
  int64 id = DatumGetInt64(heap_getattr(tuple, col.id, desc, &isnull));
  if (isnull) pg::refuse_null("id");
  std::string payload = notice_json(op, id, read_row(tuple, desc, col), old_status);
  hexdb::pg::call([&] { Async_Notify(hexdb::friendship::kNoticeChannel, payload.c_str()); });
  return PointerGetDatum(nullptr);
}
