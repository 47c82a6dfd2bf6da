// The one place where C++ meets PostgreSQL's error handling.
//
// Three rules, each enforced here and nowhere else:
//   1. No C++ exception reaches PostgreSQL or leaves a PG_TRY block. Every SQL-callable
//      function and trigger is defined with HEXDB_FUNCTION, whose body runs inside boundary():
//      an exception is caught, what it says copied without any call that can raise an ERROR
//      (no palloc: MemoryContextAllocExtended with MCXT_ALLOC_NO_OOM), the catch block left,
//      and only then ereport(). Inside pg::call, an exception thrown by the lambda is caught
//      inside the PG_TRY block and re-thrown only after PG_END_TRY.
//   2. No ereport/longjmp unwinds a frame that owns a C++ object with a destructor. Code that
//      owns such objects calls PostgreSQL through pg::call(), which turns an ERROR into a
//      PgError exception; boundary() re-throws the original ErrorData, SQLSTATE intact.
//   3. The ErrorData of a PgError lives in the memory context the innermost boundary was
//      entered in, not in whatever context was current (SPI's, say, which SPI_finish frees
//      before the error is re-raised).
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

#include <exception>
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

// The memory context in which the innermost active boundary() was entered (null outside any).
extern MemoryContext boundary_context;

// Runs f, which may elog, from code that may own C++ objects. May throw PgError, or whatever f
// throws (re-thrown after the PG_TRY block is left). f itself must own nothing with a
// destructor: a longjmp ends its frame.
template <typename F>
auto call(F&& f) -> decltype(f()) {
  using R = decltype(f());
  if constexpr (std::is_void_v<R>) {
    call([&] { f(); return true; });
  } else {
    MemoryContext caller_cxt = CurrentMemoryContext;
    ErrorData* volatile error = nullptr;
    std::exception_ptr thrown;  // set only on a path without longjmp
    R result{};
    PG_TRY();
    {
      try {
        result = f();
      } catch (...) {
        thrown = std::current_exception();
      }
    }
    PG_CATCH();
    {
      MemoryContextSwitchTo(boundary_context ? boundary_context : caller_cxt);
      error = CopyErrorData();
      MemoryContextSwitchTo(caller_cxt);
      FlushErrorState();
    }
    PG_END_TRY();
    if (error) throw PgError(error);
    if (thrown) std::rethrow_exception(thrown);
    return result;
  }
}

// What a caught exception stands for, copied out of it without any call that can raise.
struct Failure {
  ErrorData* pg_error = nullptr;
  char sqlstate[6] = "XX000";
  const char* message = nullptr;
  const char* detail = nullptr;
  const char* hint = nullptr;
  const char* constraint = nullptr;  // static strings (Rule)
  const char* table = nullptr;
  bool lost = false;  // a copy failed for want of memory
};

// Fills f from the exception being handled. Never raises an ERROR and never throws: call it
// only inside a catch block.
void describe_current_exception(Failure& f, MemoryContext cxt) noexcept;

// Raises the ERROR that f stands for. May elog (always does): call it only from a frame that
// owns no C++ object, after the catch block that produced f.
[[noreturn]] void raise(const Failure& f);

// For boundary_selftest: the next copies in describe_current_exception fail as on out-of-memory.
extern bool fail_copies_for_test;

// Runs one SQL-callable function body. Never lets an exception escape; an ERROR raised by a
// "may elog" body passes through (after restoring boundary_context).
template <typename Body>
Datum boundary(FunctionCallInfo fcinfo, Body body) {
  MemoryContext entry = CurrentMemoryContext;
  MemoryContext outer = boundary_context;
  Failure failure;
  Datum result = 0;
  volatile bool failed = false;
  boundary_context = entry;
  PG_TRY();
  {
    try {
      result = body(fcinfo);
    } catch (...) {
      describe_current_exception(failure, entry);
      failed = true;
    }
  }
  PG_CATCH();
  {
    boundary_context = outer;
    PG_RE_THROW();
  }
  PG_END_TRY();
  boundary_context = outer;
  if (failed) raise(failure);
  return result;
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
