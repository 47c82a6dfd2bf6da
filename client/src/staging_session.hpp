// hexctl import's second session. While the import's session copies the users and
// import_legacy() imports them, this one copies friendships and game_visits, commits, then
// scores and monthly_scores, and commits, each transaction through a connection of its own;
// import_legacy() waits for each commit (a LOCK TABLE before the steps that read those tables)
// and then reads the rows. The COPYs overlap the users' import, and the scores' COPY the
// friendships' and visits' (docs/benchmarks.md). With one connection only, one transaction
// stages the four tables.
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
#include <string>
#include <thread>
#include <vector>

#include "connection.hpp"

namespace hexctl {

class StagingSession {
 public:
  // How many connections it can use: one a transaction.
  static constexpr int kConnections = 2;
  // The four tables it stages, in the order import_legacy() reads them.
  static const std::vector<std::string>& tables();

  // For each connection (1 or kConnections), BEGIN and TRUNCATE of its transaction's tables,
  // whose locks it then holds: from here import_legacy() cannot read them before it commits.
  explicit StagingSession(std::vector<std::unique_ptr<Connection>> conns);
  ~StagingSession();  // stop()
  StagingSession(const StagingSession&) = delete;
  StagingSession& operator=(const StagingSession&) = delete;

  // Copies one legacy table into its staging table through a connection.
  using CopyTable = std::function<void(Connection&, const std::string& table)>;
  // In a thread: each transaction's tables copied, then COMMIT. Should it fail, importer's
  // running statement is cancelled: import_legacy() would otherwise go on with tables never
  // filled.
  void start(CopyTable copy, Connection& importer);
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
  struct Transaction {
    std::unique_ptr<Connection> conn;
    std::vector<std::string> tables;  // legacy table names, in the order they are copied
  };
  std::vector<Transaction> transactions_;
  std::thread thread_;
  std::exception_ptr failure_;  // written by the thread, read after join()
  std::atomic<bool> stopping_{false}, done_{false};
};

}  // namespace hexctl
