// import_visits()'s new visits written as its INSERT would (import/visits_write.hpp), without
// a foreign-key query a row: each distinct user locked once as that check would lock it
// (pg/referenced_row.hpp), the rows in COPY's batches in (user, day) order,
// the day index's entries after them in day order; into a game_visits that never held a row,
// claimed with its indexes (pg/fresh_claim.hpp), those are built once after the load. Taken where that is the same as the INSERT:
// what open_direct requires, game_visits with the columns setup() made, one foreign key on
// user_id to its table's primary key, and no trigger on INSERT but that key's checks. False
// otherwise: import_visits() then runs the INSERT.
extern "C" {
#include "postgres.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/rel.h"
}

#include <algorithm>
#include <vector>

#include "core/sort/order_by.hpp"
#include "core/uuid/uuid_layout.hpp"
#include "import/visits_write.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/direct_rows.hpp"
#include "pg/fresh_claim.hpp"
#include "pg/referenced_row.hpp"
#include "users/bulk_user_locks.hpp"

namespace {

namespace pg = hexdb::pg;

enum Column { kUser, kDay, kCount, kColumnCount };
const char* const kNames[kColumnCount] = {"user_id", "visit_date", "visit_count"};
const Oid kTypes[kColumnCount] = {UUIDOID, DATEOID, INT4OID};

pg::DirectTable visits{"game_visits", nullptr, true};
AttrNumber col[kColumnCount];
pg::ForeignKey users_key;

// May elog. game_visits (locked) against the list above.
bool examine(Relation rel, Relation) {
  return pg::exact_columns(rel, kNames, kTypes, kColumnCount, col) &&
         pg::single_foreign_key(rel, col[kUser], &users_key) && pg::insert_triggers_are(rel, &users_key, 1);
}

using Visit = hexdb::import::NewVisit;

void fill(TupleTableSlot* slot, size_t i, void* arg) {
  const Visit& v = (*static_cast<const std::vector<Visit>*>(arg))[i];
  pg::put(slot, col[kUser], pg::uuid_ref(v.user));
  pg::put(slot, col[kDay], DateADTGetDatum(v.day));
  pg::put(slot, col[kCount], Int32GetDatum(v.count));
}

}  // namespace

// May throw.
bool hexdb::import::insert_visits_direct(std::vector<NewVisit>& rows) {
  Relation rel = pg::call([] { return pg::open_direct(&visits, examine, nullptr); });
  if (rel == nullptr) return false;
  std::sort(rows.begin(), rows.end(), [](const Visit& a, const Visit& b) {
    return a.user != b.user ? a.user < b.user : a.day < b.day;
  });
  std::vector<hexdb::uuid::Bytes> users;
  for (const Visit& v : rows) users.push_back(v.user);
  if (hexdb::users::lock_bulk_users(users_key, std::move(users), "an imported visit") != pg::Referenced::kLocked) {
    pg::call([&] { table_close(rel, NoLock); });
    visits.checked = false;  // the users' key moved: examine again next time
    return false;
  }
  pg::FreshClaim claimed;  // into a table that never held a row: its indexes after the load
  pg::call([&] { claimed.claim(rel); });
  std::vector<size_t> by_day;  // else the day index's entries after the rows, in day order
  if (claimed.count == 0) by_day = hexdb::sort::order_by(rows, [](const Visit& v) { return v.day; });
  pg::call([&] {
    pg::DirectRows w;
    pg::begin_direct(&w, rel, &visits);
    if (claimed.count > 0) {
      pg::insert_many(&w, rows.size(), fill, &rows, claimed.later, claimed.count);
    } else {
      pg::LaterIndex later{pg::single_column_index(w, col[kDay]), by_day.data()};
      pg::insert_many(&w, rows.size(), fill, &rows, &later);
    }
    pg::end_direct(&w);
    claimed.rebuild();
  });
  return true;
}

