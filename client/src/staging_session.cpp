#include "staging_session.hpp"

#include <utility>

namespace hexctl {

namespace {

constexpr const char* kTruncateFour =
    "TRUNCATE hexdb.staging_scores, hexdb.staging_friendships, hexdb.staging_monthly_scores, "
    "hexdb.staging_game_visits";

// Session-level: held until the connection closes. The key is staging_scores' OID, which no
// other purpose uses.
constexpr const char* kGate =
    "SELECT pg_catalog.pg_advisory_lock('hexdb.staging_scores'::pg_catalog.regclass::pg_catalog.oid::pg_catalog.int8)";

}  // namespace

StagingSession::StagingSession(std::unique_ptr<Connection> conn) : conn_(std::move(conn)) {
  conn_->exec(kGate);
  // READ COMMITTED, as the import's session: whatever the role's default.
  conn_->exec("BEGIN ISOLATION LEVEL READ COMMITTED");
  conn_->exec(kTruncateFour);
}

StagingSession::~StagingSession() { stop(); }

void StagingSession::start(std::function<void(Connection&)> copy, Connection& importer) {
  thread_ = std::thread([this, copy = std::move(copy), &importer] {
    try {
      copy(*conn_);
      conn_->exec("COMMIT");
    } catch (...) {
      if (!stopping_) {  // not the error stop() asked for
        failure_ = std::current_exception();
        importer.cancel();
      }
    }
    done_ = true;
  });
}

void StagingSession::finish() {
  if (thread_.joinable()) thread_.join();
  if (failure_) std::rethrow_exception(failure_);
}

void StagingSession::stop() noexcept {
  if (!thread_.joinable()) return;
  stopping_ = true;
  // A cancel that reached an idle session could instead hit discard()'s statements.
  if (!done_) conn_->cancel();
  thread_.join();
}

void StagingSession::discard() noexcept {
  stop();
  try {
    // Whatever state the session is in (a COPY abandoned, an aborted or committed transaction).
    ResultPtr(PQexec(conn_->raw(), "ROLLBACK"));
    conn_->exec(kTruncateFour);
  } catch (...) {
    // The connection is gone: its transaction is rolled back, and a commit it made stays
    // staged until the next import empties it.
  }
}

}  // namespace hexctl
