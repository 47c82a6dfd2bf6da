#include "pg/boundary.hpp"

#include <cstring>

namespace hexdb::pg {

MemoryContext boundary_context = nullptr;
bool fail_copies_for_test = false;

namespace {

// A copy of s in cxt, or null when there is no memory for it. Never raises: NO_OOM returns
// null instead of an ERROR, and HUGE lifts the 1 GB request limit that would elog.
const char* keep(MemoryContext cxt, const char* s, bool* lost) noexcept {
  if (!s) return nullptr;
  size_t n = std::strlen(s);
  char* copy = fail_copies_for_test
                   ? nullptr
                   : static_cast<char*>(MemoryContextAllocExtended(cxt, n + 1, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM));
  if (!copy) {
    *lost = true;
    return nullptr;
  }
  std::memcpy(copy, s, n + 1);
  return copy;
}

void set_sqlstate(Failure& f, const char* code) noexcept {
  std::memcpy(f.sqlstate, code, 5);
  f.sqlstate[5] = '\0';
}

}  // namespace

void describe_current_exception(Failure& f, MemoryContext cxt) noexcept {
  try {
    throw;
  } catch (const PgError& e) {
    f.pg_error = e.data();
  } catch (const SqlError& e) {
    set_sqlstate(f, e.sqlstate());
    f.message = keep(cxt, e.what(), &f.lost);
    if (!e.detail().empty()) f.detail = keep(cxt, e.detail().c_str(), &f.lost);
    if (!e.hint().empty()) f.hint = keep(cxt, e.hint().c_str(), &f.lost);
    f.constraint = e.constraint();
    f.table = e.table();
  } catch (const std::bad_alloc&) {
    set_sqlstate(f, "53200");
    f.message = "out of memory in hexdb";
  } catch (const std::exception& e) {
    f.message = keep(cxt, e.what(), &f.lost);
  } catch (...) {
    f.message = "unexpected C++ exception in hexdb";
  }
  fail_copies_for_test = false;
}

// May elog (always does). Owns no C++ object: the callers left their catch blocks.
void raise(const Failure& f) {
  if (f.pg_error) ReThrowError(f.pg_error);
  const char* s = f.sqlstate;
  ereport(ERROR, (errcode(MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4])),
                  errmsg_internal("%s", f.message ? f.message : "hexdb: an error whose message was lost for want of memory"),
                  f.detail ? errdetail_internal("%s", f.detail)
                  : f.lost ? errdetail_internal("Part of the error report was lost for want of memory.")
                           : 0,
                  f.hint ? errhint("%s", f.hint) : 0,
                  f.constraint ? err_generic_string(PG_DIAG_CONSTRAINT_NAME, f.constraint) : 0,
                  f.table ? err_generic_string(PG_DIAG_SCHEMA_NAME, "hexdb") : 0,
                  f.table ? err_generic_string(PG_DIAG_TABLE_NAME, f.table) : 0));
  pg_unreachable();
}

}  // namespace hexdb::pg
