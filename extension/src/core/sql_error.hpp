// A rule violation raised by pure C++ code, carrying the SQLSTATE that SPEC.md assigns to it
// and the name of the rule (the error's constraint field) and of its table, so that a driver
// can tell the rules apart. This header includes no PostgreSQL header: the core logic that
// throws it is unit-tested alone, and pg/boundary.hpp turns it into an ERROR.
#pragma once

#include <stdexcept>
#include <string>

namespace hexdb {

// Where a refusal belongs: the rule's name (e.g. "friendship_blocked") and its table in
// schema hexdb (e.g. "friendships"). Both may be null (a refusal of no particular rule).
struct Rule {
  const char* constraint = nullptr;
  const char* table = nullptr;
};

class SqlError : public std::runtime_error {
 public:
  // sqlstate: five characters, e.g. "23514".
  SqlError(const char* sqlstate, const std::string& message, std::string detail = {},
           std::string hint = {}, Rule rule = {})
      : std::runtime_error(message), detail_(std::move(detail)), hint_(std::move(hint)), rule_(rule) {
    for (int i = 0; i < 5; ++i) sqlstate_[i] = sqlstate[i];
    sqlstate_[5] = '\0';
  }
  SqlError(const char* sqlstate, Rule rule, const std::string& message, std::string detail = {},
           std::string hint = {})
      : SqlError(sqlstate, message, std::move(detail), std::move(hint), rule) {}
  const char* sqlstate() const noexcept { return sqlstate_; }
  const std::string& detail() const noexcept { return detail_; }
  const std::string& hint() const noexcept { return hint_; }
  // Static strings (string literals): safe to read while the exception is being handled.
  const char* constraint() const noexcept { return rule_.constraint; }
  const char* table() const noexcept { return rule_.table; }

 private:
  char sqlstate_[6];
  std::string detail_;
  std::string hint_;
  Rule rule_;
};

}  // namespace hexdb
