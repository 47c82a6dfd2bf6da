// Test helpers: what SqlError a piece of core code raises.
#pragma once

#include <string>

#include "core/sql_error.hpp"

// The SQLSTATE f throws as hexdb::SqlError, or "" when it throws nothing.
template <typename F>
std::string sqlstate_of(F f) {
  try {
    f();
  } catch (const hexdb::SqlError& e) {
    return e.sqlstate();
  }
  return "";
}

// The message of the SqlError f throws, or "".
template <typename F>
std::string message_of(F f) {
  try {
    f();
  } catch (const hexdb::SqlError& e) {
    return e.what();
  }
  return "";
}
