// A rule violation raised by pure C++ code, carrying the SQLSTATE that SPEC.md assigns to it.
// This header includes no PostgreSQL header: the core logic that throws it is unit-tested alone,
// and pg_boundary.hpp turns it into an ERROR.
#pragma once

#include <stdexcept>
#include <string>

namespace hexdb {

class SqlError : public std::runtime_error {
 public:
  // sqlstate: five characters, e.g. "23514".
  SqlError(const char* sqlstate, const std::string& message, std::string detail = {},
           std::string hint = {})
      : std::runtime_error(message), detail_(std::move(detail)), hint_(std::move(hint)) {
    for (int i = 0; i < 5; ++i) sqlstate_[i] = sqlstate[i];
    sqlstate_[5] = '\0';
  }
  const char* sqlstate() const noexcept { return sqlstate_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  char sqlstate_[6];
  std::string detail_;
  std::string hint_;
};

}  // namespace hexdb
