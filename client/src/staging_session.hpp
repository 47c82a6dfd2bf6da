// hexctl import's second session. While the import's session copies the users and
// import_legacy() imports them, this one copies scores, friendships, monthly_scores and
// game_visits into their staging tables and commits; import_legacy() waits for that commit
// (its LOCK TABLE before the scores' step) and then reads the rows. The two COPYs and the
// users' import overlap on the server's cores (docs/benchmarks.md).
//
// What this changes for a reader of the staging tables: those four are committed data between
// this commit and the import's end, which empties them (on failure too: discard()). The users,
// whose passwords may be plaintext, never leave the import's transaction.
//
// One import at a time: the import's transaction takes an advisory lock, the gate, before it
// or this session touches a staging table, and holds it to its end; this session opens after.
// Without it a second import could refill the tables between this commit and the first
// import's read. Every wait is then a lock wait the server sees (its deadlock detector and
// statement_timeout apply); the client never waits for a session that waits for it.
#pragma once
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <thread>

#include "connection.hpp"

namespace hexctl {

class StagingSession {
 public:
  // BEGIN and TRUNCATE of the four tables, whose locks it then holds: from here
  // import_legacy() cannot read them before this session commits.
  explicit StagingSession(std::unique_ptr<Connection> conn);
  ~StagingSession();  // stop()
  StagingSession(const StagingSession&) = delete;
  StagingSession& operator=(const StagingSession&) = delete;

  // In a thread: copy(connection), then COMMIT. Should it fail, importer's running
  // statement is cancelled: import_legacy() would otherwise go on with tables never filled.
  void start(std::function<void(Connection&)> copy, Connection& importer);
  // Waits for the thread; rethrows its failure.
  void finish();

  // After a failure: stop() cancels the COPY and waits for the thread; discard() rolls back
  // and empties the four tables (DELETE, which the import's ACCESS SHARE locks let through),
  // before the import's ROLLBACK opens the gate to an import whose rows it would empty.
  // failure() is the thread's own error (not one that stop() caused), else null.
  void stop() noexcept;
  void discard() noexcept;
  std::exception_ptr failure() const { return failure_; }

 private:
  std::unique_ptr<Connection> conn_;
  std::thread thread_;
  std::exception_ptr failure_;  // written by the thread, read after join()
  std::atomic<bool> stopping_{false}, done_{false};
};

}  // namespace hexctl
