// One libpq connection. Every statement goes through exec() with its values as parameters
// (PQexecParams): no value is ever spliced into SQL text.
#pragma once
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pg_handles.hpp"

namespace hexctl {

using Param = std::optional<std::string>;  // nullopt is SQL NULL

// COPY data goes to the server in blocks of about this size: the client holds one at a time.
constexpr std::size_t kCopyBlock = 1 << 20;

class Connection {
 public:
  // Throws ConnectError (exit 3) with a message from which the password is scrubbed.
  explicit Connection(const std::string& conninfo);

  // Runs one statement; throws RefusedError (exit 1) when the server refuses it, and
  // ConnectError when the connection is lost.
  ResultPtr exec(const char* sql, const std::vector<Param>& params = {});

  // Sends a statement whose rows are then fetched one at a time with next_row().
  void send_single_row(const char* sql, const std::vector<Param>& params);
  // The next result of a single-row query: a one-row result, then a zero-row one (which ends
  // it: nullptr is returned after it).
  ResultPtr next_row();

  // Throws the error a failed result carries; returns the result otherwise.
  ResultPtr check(ResultPtr result);

  // Starts a COPY ... FROM STDIN (no parameters) with the simple query protocol: where the
  // server ends such a COPY with an error of its own (a cancel), the extended protocol's two
  // Syncs (one after Execute, one that libpq adds after CopyFail) can leave a ReadyForQuery
  // that no query awaits ("message type 0x5a arrived from server while idle").
  void copy_in(const char* sql);
  // A COPY ... FROM STDIN that copy_in() started: its data (nothing sent for size 0); its end,
  // the server's result checked; or its abandonment, after which the server drops what it
  // received and reports `why`: that first result is returned, the rest read and dropped.
  void copy_data(const char* data, std::size_t size);
  ResultPtr copy_end();
  ResultPtr copy_abort(const char* why);

  // After a failure: rolls back the transaction (or abandoned COPY) this connection is in;
  // nothing when it is in none, where ROLLBACK would only warn. Never throws.
  void rollback() noexcept;

  // From another thread: asks the server to cancel the statement running now (PQcancel is
  // thread-safe), and makes every later copy_data() throw, so that a COPY stops sending.
  void cancel() noexcept;

  PGconn* raw() const { return conn_.get(); }
  std::string scrubbed(const std::string& message) const;

 private:
  ConnPtr conn_;
  CancelPtr cancel_;
  std::atomic<bool> cancelled_{false};
  std::vector<std::string> secrets_;
};

}  // namespace hexctl
