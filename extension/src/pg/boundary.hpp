// The one place where C++ meets PostgreSQL's error handling.
//
// Two rules, each enforced here and nowhere else:
//   1. No C++ exception reaches PostgreSQL. Every SQL-callable function and trigger is defined
//      with HEXDB_FUNCTION, whose body runs inside boundary(): an exception is caught, its
//      message copied into PostgreSQL memory, the catch block left, and only then ereport().
//   2. No ereport/longjmp unwinds a frame that owns a C++ object with a destructor. Code that
//      owns such objects calls PostgreSQL through pg::call(), which turns an ERROR into a
//      PgError exception; boundary() re-throws the original ErrorData, SQLSTATE intact.
//
// Function comments in this project say "may elog" (calls PostgreSQL directly, so it must own
// no object with a destructor) or "may throw" (owns C++ objects, so PostgreSQL is reached only
// through pg::call).
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/elog.h"
#include "utils/memutils.h"
}

#include <new>
#include <type_traits>
#include <utility>

#include "core/sql_error.hpp"

namespace hexdb {

// A PostgreSQL ERROR caught by pg::call, on its way to boundary(). Once one is thrown the
// transaction is doomed: catch it only to release C++ resources, never to carry on.
class PgError : public std::exception {
 public:
  explicit PgError(ErrorData* data) noexcept : data_(data) {}
  ErrorData* data() const noexcept { return data_; }
  const char* what() const noexcept override {
    return data_ && data_->message ? data_->message : "PostgreSQL error";
  }

 private:
  ErrorData* data_;
};

namespace pg {

// Runs f, which may elog, from code that may own C++ objects. May throw PgError.
// f itself must own nothing with a destructor: a longjmp ends its frame.
template <typename F>
auto call(F&& f) -> decltype(f()) {
  using R = decltype(f());
  if constexpr (std::is_void_v<R>) {
    call([&] { f(); return true; });
  } else {
    MemoryContext caller_cxt = CurrentMemoryContext;
    ErrorData* volatile error = nullptr;
    R result{};
    PG_TRY();
    { result = f(); }
    PG_CATCH();
    {
      MemoryContextSwitchTo(caller_cxt);
      error = CopyErrorData();
      FlushErrorState();
    }
    PG_END_TRY();
    if (error) throw PgError(error);
    return result;
  }
}

// Raises the ERROR that an exception stands for. May elog (always does): call it only from
// a frame that owns no C++ object, after the catch block that produced the arguments.
[[noreturn]] void raise(ErrorData* pg_error, const char* sqlstate, const char* message,
                        const char* detail, const char* hint);

// Runs one SQL-callable function body. Never lets an exception escape.
template <typename Body>
Datum boundary(FunctionCallInfo fcinfo, Body body) {
  ErrorData* pg_error = nullptr;
  const char* sqlstate = "XX000";
  const char* message = nullptr;
  const char* detail = nullptr;
  const char* hint = nullptr;
  try {
    return body(fcinfo);
  } catch (const PgError& e) {
    pg_error = e.data();
  } catch (const SqlError& e) {
    sqlstate = e.sqlstate();  // points into e: copied below before e dies
    message = pstrdup(e.what());
    detail = e.detail().empty() ? nullptr : pstrdup(e.detail().c_str());
    hint = e.hint().empty() ? nullptr : pstrdup(e.hint().c_str());
    sqlstate = pstrdup(sqlstate);
  } catch (const std::bad_alloc&) {
    sqlstate = "53200";
    message = "out of memory in hexdb";
  } catch (const std::exception& e) {
    message = pstrdup(e.what());
  } catch (...) {
    message = "unexpected C++ exception in hexdb";
  }
  raise(pg_error, sqlstate, message, detail, hint);
}

}  // namespace pg
}  // namespace hexdb

// Defines an SQL-callable C function NAME whose body runs inside pg::boundary.
//   HEXDB_FUNCTION(hexdb_foo) { ... return Datum; }
// The body receives fcinfo like any V1 function.
#define HEXDB_FUNCTION(name)                                                  \
  static Datum name##_body(FunctionCallInfo fcinfo);                          \
  extern "C" {                                                                \
  PG_FUNCTION_INFO_V1(name);                                                  \
  Datum name(PG_FUNCTION_ARGS) { return hexdb::pg::boundary(fcinfo, name##_body); } \
  }                                                                           \
  static Datum name##_body(FunctionCallInfo fcinfo)
