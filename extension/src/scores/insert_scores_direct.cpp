#include "scores/insert_scores_direct.hpp"

extern "C" {
#include "access/table.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/uuid.h"
}

#include <algorithm>

#include "core/scores/monthly_fold.hpp"
#include "core/sort/order_by.hpp"
#include "core/sort/rank_sort.hpp"
#include "core/uuid/uuid_order.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/direct_rows.hpp"
#include "scores/monthly_calendar.hpp"
#include "scores/index_deferral.hpp"
#include "scores/monthly_direct.hpp"
#include "scores/scores_direct.hpp"
#include "users/bulk_user_locks.hpp"

namespace hexdb::scores {

namespace {

void fill(TupleTableSlot* slot, size_t i, void* arg) {
  const NewScore& r = (*static_cast<const std::vector<NewScore>*>(arg))[i];
  pg::put(slot, direct::column(direct::kId), Int64GetDatum(r.id));
  pg::put(slot, direct::column(direct::kUser), pg::uuid_ref(r.user));
  pg::put(slot, direct::column(direct::kScore), Int64GetDatum(r.score));
  pg::put(slot, direct::column(direct::kAt), TimestampTzGetDatum(r.at));
  pg::put(slot, direct::column(direct::kLegacy), Int32GetDatum(r.legacy_id));
}

// May throw. Each row's month (in the configured zone) and value.
std::vector<monthly::Row> months(const std::vector<NewScore>& rows) {
  std::vector<monthly::Row> out(rows.size());
  pg::call([&] {
    for (size_t i = 0; i < rows.size(); ++i) {
      monthly::MonthSpan m = monthly::month_of(rows[i].at);
      out[i].key = {m.year, m.month, rows[i].user};
      out[i].value = {rows[i].score, rows[i].at};
    }
  });
  return out;
}

}  // namespace

namespace {

// May throw. The months of a load, and `history` beside them where monthly::load_fresh applies.
void write_months(Relation rel, monthly::Aggregate a, std::vector<monthly::Group> groups, HistoryBeside* history) {
  if (history != nullptr && monthly::load_fresh(rel, groups, [&] { return history->decide(groups); }))
    return history->written();
  monthly::add_groups(rel, a, std::move(groups));
}

}  // namespace

bool insert_scores_direct(std::vector<NewScore>& rows, size_t user_ranks, HistoryBeside* history) {
  Relation rel = pg::call([] { return direct::open(); });
  if (rel == nullptr) return false;
  // (user, time, id): the (user, created_at) index's order.
  sort::sort_by_rank(rows, user_ranks, [](const NewScore& r) { return r.user_rank; },
                     [](const NewScore& a, const NewScore& b) { return a.at != b.at ? a.at < b.at : a.id < b.id; });
  std::vector<uuid::Bytes> users;  // each once: the rows are in user order
  for (const NewScore& r : rows)
    if (users.empty() || users.back() != r.user) users.push_back(r.user);
  if (users::lock_bulk_users(direct::users_key(), std::move(users), "an imported score") != pg::Referenced::kLocked) {
    pg::call([&] { table_close(rel, NoLock); });
    direct::forget();  // the users' key moved: examine again next time
    return false;
  }
  monthly::IndexDeferral deferral;  // before the first row: the tables still empty
  bool fresh = pg::call([&] { return deferral.begin(rel); });
  pg::DirectRows w;
  pg::LaterIndex later[monthly::kMaxScoresIndexes];
  int later_count;
  {
    std::vector<size_t> by_id, by_legacy;
    if (!fresh) {
      by_id = sort::order_by(rows, [](const NewScore& r) { return r.id; });
      by_legacy = sort::order_by(rows, [](const NewScore& r) { return r.legacy_id; });
    }
    pg::call([&] {
      pg::begin_direct(&w, rel, direct::table());
      if (fresh) {
        // Every index built after the load: nothing below reads scores through one.
        later_count = pg::every_index(w, later, monthly::kMaxScoresIndexes);
        for (int k = 0; k < later_count; ++k)
          if (!monthly::deferred(later[k].index)) later[k--] = later[--later_count];
      } else {
        later[0] = {pg::single_column_index(w, direct::column(direct::kId)), by_id.data()};
        later[1] = {pg::single_column_index(w, direct::column(direct::kLegacy)), by_legacy.data()};
        later_count = 2;
      }
      pg::insert_many(&w, rows.size(), fill, &rows, later, later_count);
    });
  }
  {
    direct::AsTriggerOwner owner;
    monthly::Aggregate a = pg::call([] { return monthly::settings().aggregate; });
    // Each step frees what the next no longer needs: a million rows are ~50 MB at each stage.
    std::vector<monthly::Row> added = months(rows);
    std::vector<NewScore>().swap(rows);
    std::vector<monthly::Group> groups = monthly::fold_sorted(a, added);
    std::vector<monthly::Row>().swap(added);
    write_months(rel, a, std::move(groups), fresh ? history : nullptr);
  }
  pg::call([&] {
    pg::end_direct(&w);
    for (int k = 0; k < later_count; ++k)
      if (later[k].order == nullptr) monthly::skipped(later[k].index);
    deferral.rebuild();
  });
  return true;
}

}  // namespace hexdb::scores
