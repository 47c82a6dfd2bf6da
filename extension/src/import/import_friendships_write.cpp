// import_friendships()'s new friendships written as its INSERT would
// (import/friendships_write.hpp), in bulk: every row checked by the friendship trigger's own
// rules for an insert (core friendship_rules' check_new; its status is one of the enum's) and
// announced as its notify trigger announces an insert (core notice_json); each distinct user
// locked once as the two foreign keys' checks would lock it (pg/referenced_row.hpp), not once a
// row and a key; the rows in COPY's batches in id order, the pair and user indexes' entries
// after them, each in its own order; into a friendships table that never held a row, claimed
// with its indexes (pg/fresh_claim.hpp), those are built once after the load.
//
// Taken where that is the same as the INSERT: what open_direct requires, friendships with the
// columns setup() made (id an identity column by default), exactly its two foreign keys
// (requester_id and receiver_id, each to its table's primary key), and on INSERT no trigger but
// their checks and hexdb's friendship_check (BEFORE, each row) and friendship_notify (AFTER,
// each row). False otherwise, nothing written: import_friendships() then runs the INSERT.
extern "C" {
#include "postgres.h"
#include "access/table.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

Datum hexdb_friendship_check(PG_FUNCTION_ARGS);   // recognised among friendships' triggers
Datum hexdb_friendship_notify(PG_FUNCTION_ARGS);
}

#include <algorithm>
#include <string>
#include <vector>

#include "core/friendships/friendship_notice.hpp"
#include "core/friendships/friendship_rules.hpp"
#include "core/sort/order_by.hpp"
#include "import/friendships_write.hpp"
#include "pg/boundary.hpp"
#include "pg/c_function.hpp"
#include "pg/compat.hpp"
#include "pg/datum.hpp"
#include "pg/direct_rows.hpp"
#include "pg/fresh_claim.hpp"
#include "pg/referenced_row.hpp"
#include "users/bulk_user_locks.hpp"

namespace {

namespace pg = hexdb::pg;
namespace fr = hexdb::friendship;
using hexdb::uuid::Bytes;

enum Column { kId, kRequester, kReceiver, kStatus, kCreated, kUpdated, kLegacy, kColumnCount };
const char* const kNames[kColumnCount] = {"id", "requester_id", "receiver_id", "status",
                                          "created_at", "updated_at", "legacy_id"};
const Oid kTypes[kColumnCount] = {INT8OID, UUIDOID, UUIDOID, TEXTOID, TIMESTAMPTZOID, TIMESTAMPTZOID, INT4OID};

pg::DirectTable friendships{"friendships", "id", true};
AttrNumber col[kColumnCount];
pg::ForeignKey keys[2];  // requester_id's, receiver_id's

// May elog. hexdb's two row triggers, as setup() creates them.
bool ours(const Trigger& t) {
  bool check = pg::is_c_function(t.tgfoid, hexdb_friendship_check) && TRIGGER_FOR_BEFORE(t.tgtype);
  bool notify = pg::is_c_function(t.tgfoid, hexdb_friendship_notify) && TRIGGER_FOR_AFTER(t.tgtype);
  return TRIGGER_FOR_ROW(t.tgtype) && t.tgqual == nullptr && (check || notify);
}

// May elog. friendships (locked) against the list in the header.
bool examine(Relation rel, Relation) {
  if (!pg::exact_columns(rel, kNames, kTypes, kColumnCount, col)) return false;
  if (TupleDescAttr(RelationGetDescr(rel), col[kId] - 1)->attidentity != ATTRIBUTE_IDENTITY_BY_DEFAULT) return false;
  AttrNumber users[2] = {col[kRequester], col[kReceiver]};
  return pg::foreign_keys(rel, users, 2, keys) && keys[0].table == keys[1].table &&
         pg::insert_triggers_are(rel, keys, 2, ours);
}

using Friendship = hexdb::import::NewFriendship;

void fill(TupleTableSlot* slot, size_t i, void* arg) {
  const Friendship& f = (*static_cast<const std::vector<Friendship>*>(arg))[i];
  pg::put(slot, col[kId], Int64GetDatum(f.id));
  pg::put(slot, col[kRequester], pg::uuid_ref(f.row.requester));
  pg::put(slot, col[kReceiver], pg::uuid_ref(f.row.receiver));
  pg::put(slot, col[kStatus], CStringGetTextDatum(fr::name(f.row.status)));
  pg::put(slot, col[kCreated], TimestampTzGetDatum(f.created_at));
  pg::put(slot, col[kUpdated], TimestampTzGetDatum(f.created_at));  // the source's only time
  pg::put(slot, col[kLegacy], Int32GetDatum(f.legacy_id));
}

// The entries of the pair and user indexes, each added after the rows in its own order (the
// rows go in by id): requester first, receiver first, and the unordered pair.
struct Orders {
  std::vector<size_t> requester, receiver, pair;
};

// May elog. The later indexes of w's table (its indexes whose first key is not id or
// legacy_id), each with the order that fits it.
int later_indexes(const pg::DirectRows& w, const Orders& o, pg::LaterIndex* out) {
  int n = 0;
  for (int i = 0; i < w.rri->ri_NumIndices && n < 3; ++i) {
    Relation index = w.rri->ri_IndexRelationDescs[i];
    AttrNumber first = index->rd_index->indkey.values[0];
    const std::vector<size_t>* order = first == col[kRequester] ? &o.requester
                                       : first == col[kReceiver] ? &o.receiver
                                       : first == 0             ? &o.pair
                                                                : nullptr;
    if (order != nullptr) out[n++] = {RelationGetRelid(index), order->data()};
  }
  return n;
}

// May throw. Writes rows as the INSERT would; false, nothing written, where it must run instead.
bool insert_friendships(Relation rel, std::vector<Friendship>& rows) {
  for (const Friendship& f : rows) fr::check_new(f.row);  // friendship_check's rules for an insert
  std::sort(rows.begin(), rows.end(), [](const Friendship& a, const Friendship& b) { return a.id < b.id; });
  std::vector<Bytes> users;
  for (const Friendship& f : rows) users.push_back(f.row.requester), users.push_back(f.row.receiver);
  // Both keys reference the same table's primary key: one lock a user serves both checks.
  if (hexdb::users::lock_bulk_users(keys[0], std::move(users), "a friendship") != pg::Referenced::kLocked) {
    pg::call([&] { table_close(rel, NoLock); });
    friendships.checked = false;  // the users' key moved: examine again next time
    return false;
  }
  pg::FreshClaim claimed;  // into a table that never held a row: its indexes after the load
  pg::call([&] { claimed.claim(rel); });
  Orders o;  // else the later indexes' entries, each in its own order
  if (claimed.count == 0) {
    o.requester = hexdb::sort::order_by(rows, [](const Friendship& f) { return std::make_pair(f.row.requester, f.row.receiver); });
    o.receiver = hexdb::sort::order_by(rows, [](const Friendship& f) { return std::make_pair(f.row.receiver, f.row.requester); });
    o.pair = hexdb::sort::order_by(rows, [](const Friendship& f) {
      return std::make_pair(std::min(f.row.requester, f.row.receiver), std::max(f.row.requester, f.row.receiver));
    });
  }
  std::vector<std::string> notices;
  notices.reserve(rows.size());
  for (const Friendship& f : rows) notices.push_back(fr::notice_json(fr::Op::insert, f.id, f.row, std::nullopt));
  pg::call([&] {
    pg::DirectRows w;
    pg::begin_direct(&w, rel, &friendships);
    if (claimed.count > 0) {
      pg::insert_many(&w, rows.size(), fill, &rows, claimed.later, claimed.count);
    } else {
      pg::LaterIndex later[3];
      pg::insert_many(&w, rows.size(), fill, &rows, later, later_indexes(w, o, later));
    }
    pg::end_direct(&w);
    claimed.rebuild();
    for (const std::string& payload : notices) Async_Notify(fr::kNoticeChannel, payload.c_str());
  });
  return true;
}

}  // namespace

// May throw.
bool hexdb::import::insert_friendships_direct(std::vector<NewFriendship>& rows) {
  Relation rel = pg::call([] { return pg::open_direct(&friendships, examine, nullptr); });
  return rel != nullptr && insert_friendships(rel, rows);
}
