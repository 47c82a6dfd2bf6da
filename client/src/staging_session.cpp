#include "staging_session.hpp"

#include <utility>

namespace hexctl {

namespace {

// The tables of each transaction, the small ones first: import_legacy() imports them while the
// scores are still being copied. With one connection, all four in one transaction.
const std::vector<std::vector<std::string>> kSplit = {{"friendships", "game_visits"}, {"scores", "monthly_scores"}};
const std::vector<std::vector<std::string>> kWhole = {{"friendships", "game_visits", "scores", "monthly_scores"}};

// Only identifiers from the lists above go into the text.
std::string truncate_sql(const std::vector<std::string>& tables) {
  std::string sql = "TRUNCATE ";
  for (size_t i = 0; i < tables.size(); ++i) sql += (i ? ", hexdb.staging_" : "hexdb.staging_") + tables[i];
  return sql;
}

}  // namespace

const std::vector<std::string>& StagingSession::tables() { return kWhole.front(); }

StagingSession::StagingSession(std::vector<std::unique_ptr<Connection>> conns) {
  const auto& groups = conns.size() == kSplit.size() ? kSplit : kWhole;
  for (size_t i = 0; i < groups.size(); ++i) {
    Transaction t{std::move(conns[i]), groups[i]};
    // READ COMMITTED, as the import's session: whatever the role's default.
    t.conn->exec("BEGIN ISOLATION LEVEL READ COMMITTED");
    t.conn->exec(truncate_sql(t.tables).c_str());
    transactions_.push_back(std::move(t));
  }
}

StagingSession::~StagingSession() { stop(); }

void StagingSession::start(CopyTable copy, Connection& importer) {
  thread_ = std::thread([this, copy = std::move(copy), &importer] {
    try {
      for (Transaction& t : transactions_) {
        for (const std::string& table : t.tables) copy(*t.conn, table);
        t.conn->exec("COMMIT");
      }
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
  // A cancel that reached an idle session could instead hit discard()'s statements. A
  // connection whose turn has not come only refuses its COPY (Connection::cancel()).
  if (!done_)
    for (Transaction& t : transactions_) t.conn->cancel();
  thread_.join();
}

void StagingSession::discard() noexcept {
  stop();
  for (Transaction& t : transactions_) t.conn->rollback();  // a committed one: nothing
  try {
    Connection& conn = *transactions_.front().conn;
    // Rather than wait for a session that may wait for the import (a manual import_legacy()
    // behind this one), leave the rows to the next import's TRUNCATE.
    conn.exec("SET lock_timeout = '5s'");
    for (const std::string& table : tables()) conn.exec(("DELETE FROM hexdb.staging_" + table).c_str());
  } catch (...) {
    // The connection is gone, or a table stayed locked: a commit this session made stays
    // staged until the next import empties it.
  }
}

}  // namespace hexctl
