// request_friendship, respond_friendship, block_user, remove_friendship: each locks the pair's
// row, asks core/friendship_rules.hpp what the call means, and writes that. The trigger checks
// the write once more, and the unique pair index settles races: an insert that loses one
// (ON CONFLICT DO NOTHING) re-reads the winner's row and decides again.
// An error leaves the SPI connection to the transaction's abort, as PL/pgSQL does.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"
}

#include "friendships/friendship_store.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/spi.hpp"

namespace {

using namespace hexdb::friendship;

// A race lost this many times in a row means something else keeps changing the pair.
constexpr int kAttempts = 5;

// Writes step over the pair's current row. False when an insert lost a race. May elog.
bool apply(const Step& step, const std::optional<store::Locked>& current) {
  switch (step.write) {
    case Write::none: return true;
    case Write::insert: return store::insert(step.row);
    case Write::update: store::update(current->id, step.row); return true;
    case Write::remove: store::remove(current->id); return true;
    case Write::replace:
      store::remove(current->id);
      return store::insert(step.row);
  }
  return true;
}

[[noreturn]] void refuse_endless_race(const UserId& a, const UserId& b) {
  throw hexdb::SqlError("40001", hexdb::Rule{"friendship_race", "friendships"},
                        "the friendship between users " + id_text(a) + " and " + id_text(b) +
                            " kept changing under concurrent writers",
                        "", "Retry the transaction.");
}

// Locks the pair, decides, writes; again if an insert lost a race. May elog and throw SqlError.
template <typename Decide>
Step settle(const UserId& a, const UserId& b, Decide decide) {
  check_new(Row{a, b, Status::pending});  // 23514 for a = b, before any look-up
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::optional<store::Locked> current = store::lock_pair(a, b);
    if (!current) store::require_users(a, b);
    Step step = decide(current ? std::optional<Row>(current->row) : std::nullopt);
    if (apply(step, current)) return step;
  }
  refuse_endless_race(a, b);
}

Datum status_text(Status s) { return CStringGetTextDatum(name(s)); }

}  // namespace

// May elog and throw SqlError; owns nothing with a destructor.
HEXDB_FUNCTION(hexdb_request_friendship) {
  UserId requester = hexdb::pg::uuid_arg(fcinfo, 0, "requester");
  UserId receiver = hexdb::pg::uuid_arg(fcinfo, 1, "receiver");
  check_new(Row{requester, receiver, Status::pending});
  hexdb::spi::connect();
  // Most requests are new pairs: try the insert first, and look only when the pair has a row.
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (store::insert(Row{requester, receiver, Status::pending})) {
      hexdb::spi::finish();
      return status_text(Status::pending);
    }
    std::optional<store::Locked> current = store::lock_pair(requester, receiver);
    if (!current) continue;  // the winner's row went again
    Step step = on_request(current->row, requester, receiver);
    if (apply(step, current)) {
      hexdb::spi::finish();
      return status_text(step.row.status);
    }
  }
  refuse_endless_race(requester, receiver);
}

HEXDB_FUNCTION(hexdb_respond_friendship) {
  UserId receiver = hexdb::pg::uuid_arg(fcinfo, 0, "receiver");
  UserId requester = hexdb::pg::uuid_arg(fcinfo, 1, "requester");
  hexdb::pg::require(fcinfo, 2, "accept");
  bool accept = PG_GETARG_BOOL(2);
  hexdb::spi::connect();
  Step step = settle(receiver, requester, [&](const std::optional<Row>& current) {
    return on_response(current, receiver, requester, accept);
  });
  hexdb::spi::finish();
  return status_text(step.row.status);
}

HEXDB_FUNCTION(hexdb_block_user) {
  UserId blocker = hexdb::pg::uuid_arg(fcinfo, 0, "blocker");
  UserId blocked = hexdb::pg::uuid_arg(fcinfo, 1, "blocked");
  hexdb::spi::connect();
  settle(blocker, blocked, [&](const std::optional<Row>& current) {
    return on_block(current, blocker, blocked);
  });
  hexdb::spi::finish();
  PG_RETURN_VOID();
}

HEXDB_FUNCTION(hexdb_remove_friendship) {
  UserId a = hexdb::pg::uuid_arg(fcinfo, 0, "a");
  UserId b = hexdb::pg::uuid_arg(fcinfo, 1, "b");
  hexdb::spi::connect();
  Step step = settle(a, b, [&](const std::optional<Row>& current) { return on_remove(current, a, b); });
  hexdb::spi::finish();
  PG_RETURN_BOOL(step.write == Write::remove);
}
