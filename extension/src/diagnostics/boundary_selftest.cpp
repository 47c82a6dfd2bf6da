// Diagnostics that prove the C++/PostgreSQL boundary holds (see pg_boundary.hpp); called by
// the regression tests through hexdb.boundary_selftest(mode), which only superusers may run.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"
}

#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "pg/boundary.hpp"
#include "pg/spi.hpp"

namespace {

long destructors_run = 0;

// Owns heap memory, so a longjmp past it would leak and skip the count.
struct Tracked {
  std::vector<int> data = std::vector<int>(1000, 7);
  ~Tracked() { ++destructors_run; }
};

// May elog: always raises 22012 the way any PostgreSQL function would.
Datum divide_by_zero() { return DirectFunctionCall2(int4div, Int32GetDatum(1), Int32GetDatum(0)); }

// May throw. An exception thrown inside pg::call's lambda, caught by C++ outside it; then a
// PostgreSQL ERROR inside pg::call must still arrive as itself (22012): PG_exception_stack
// was restored when the first pg::call was left.
void exception_in_call() {
  try {
    hexdb::pg::call([] { throw std::runtime_error("thrown inside pg::call"); });
  } catch (const std::runtime_error&) {
  }
  hexdb::pg::call(divide_by_zero);
}

// May throw. An ERROR caught under an SPI connection; SPI_finish frees SPI's memory before the
// error is looked at: its ErrorData must live in the boundary's context.
std::string error_context() {
  hexdb::pg::call([] { hexdb::spi::connect(); });
  ErrorData* data = nullptr;
  try {
    hexdb::pg::call(divide_by_zero);
  } catch (const hexdb::PgError& e) {
    data = e.data();
  }
  hexdb::pg::call([] { hexdb::spi::finish(); });
  bool in_boundary = hexdb::pg::call([&] { return GetMemoryChunkContext(data) == hexdb::pg::boundary_context; });
  return std::string(in_boundary ? "in the boundary's context: " : "elsewhere: ") +
         unpack_sql_state(data->sqlerrcode) + " " + data->message;
}

// May throw. Each mode fails while a Tracked object is alive.
std::string run(const std::string& mode) {
  if (mode == "destructors") return std::to_string(destructors_run);
  Tracked alive;
  if (mode == "cpp_exception") throw std::runtime_error("a C++ exception inside hexdb");
  if (mode == "sql_error")
    throw hexdb::SqlError("23514", "a rule violation raised in C++", "detail text", "hint text");
  if (mode == "bad_alloc") throw std::bad_alloc();
  if (mode == "pg_error") hexdb::pg::call(divide_by_zero);
  if (mode == "exception_in_call") exception_in_call();
  if (mode == "error_context") return error_context();
  if (mode == "rule")
    throw hexdb::SqlError("23514", hexdb::Rule{"selftest_rule", "users"}, "a refusal naming its rule");
  if (mode == "lost_copy") {
    hexdb::pg::fail_copies_for_test = true;  // as if the copy in the catch block found no memory
    throw hexdb::SqlError("23514", "this message is lost", "and so is this detail");
  }
  if (mode == "ok") return "ok";
  throw hexdb::SqlError("22023", "unknown selftest mode \"" + mode + "\"");
}

}  // namespace

HEXDB_FUNCTION(hexdb_boundary_selftest) {
  char* mode = text_to_cstring(PG_GETARG_TEXT_PP(0));
  std::string result = run(mode);
  text* out = hexdb::pg::call(
      [&] { return cstring_to_text_with_len(result.data(), static_cast<int>(result.size())); });
  PG_RETURN_TEXT_P(out);
}
