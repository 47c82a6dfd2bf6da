#include "scores/submit_direct.hpp"

extern "C" {
#include "access/table.h"
#include "commands/sequence.h"
#include "utils/timestamp.h"
}

#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "scores/monthly_calendar.hpp"
#include "scores/monthly_direct.hpp"
#include "scores/scores_direct.hpp"
#include "users/unknown_user.hpp"

namespace hexdb::scores {

namespace {

// May elog. Writes the row; its id.
int64 insert(pg::DirectRows* w, Datum user, int64 score, TimestampTz at) {
  int64 id = nextval_internal(direct::id_sequence(), false);  // as the INSERT's identity default: no privilege check
  pg::start_row(w, false);
  pg::put(w, direct::column(direct::kId), Int64GetDatum(id));
  pg::put(w, direct::column(direct::kUser), user);
  pg::put(w, direct::column(direct::kScore), Int64GetDatum(score));
  pg::put(w, direct::column(direct::kAt), TimestampTzGetDatum(at));
  pg::insert_plain(w);
  return id;
}

}  // namespace

bool submit_direct(Datum user, int64 score, TimestampTz at, const char* user_text, int64* id) {
  Relation rel = pg::call([] { return direct::open(); });
  if (rel == nullptr) return false;
  pg::Referenced user_row = pg::call([&] { return direct::lock_user(user); });
  if (user_row != pg::Referenced::kLocked) {
    pg::call([&] { table_close(rel, NoLock); });
    if (user_row == pg::Referenced::kUnsure) return false;
    users::refuse_unknown_user(user_text, "submit_score");
  }
  pg::DirectRows w;
  *id = pg::call([&] {
    pg::begin_direct(&w, rel, direct::table());
    return insert(&w, user, score, at);
  });
  {
    direct::AsTriggerOwner owner;
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
