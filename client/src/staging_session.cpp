#include "staging_session.hpp"

#include <utility>

namespace hexctl {

namespace {

constexpr const char* kTruncateFour =
    "TRUNCATE hexdb.staging_scores, hexdb.staging_friendships, hexdb.staging_monthly_scores, "
    "hexdb.staging_game_visits";

// Each table emptied by DELETE: see discard().
constexpr const char* kEmptyFour[] = {"DELETE FROM hexdb.staging_scores", "DELETE FROM hexdb.staging_friendships",
                                      "DELETE FROM hexdb.staging_monthly_scores", "DELETE FROM hexdb.staging_game_visits"};

}  // namespace

StagingSession::StagingSession(std::unique_ptr<Connection> conn) : conn_(std::move(conn)) {
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
    // Rather than wait for a session that may wait for the import (a manual import_legacy()
    // behind this one), leave the rows to the next import's TRUNCATE.
    conn_->exec("SET lock_timeout = '5s'");
    for (const char* sql : kEmptyFour) conn_->exec(sql);
  } catch (...) {
    // The connection is gone, or a table stayed locked: a commit this session made stays
    // staged until the next import empties it.
  }
}

}  // namespace hexctl
