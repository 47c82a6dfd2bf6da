#include "pg/subtransaction.hpp"

extern "C" {
#include "access/xact.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
}

namespace hexdb::pg {

// The sequence of PL/pgSQL's exec_stmt_block (pl_exec.c).
bool try_in_subtransaction(void (*f)(void*), void* arg, int sqlstate) {
  MemoryContext cxt = CurrentMemoryContext;
  ResourceOwner owner = CurrentResourceOwner;
  volatile bool ok = true;
  BeginInternalSubTransaction(nullptr);
  MemoryContextSwitchTo(cxt);
  PG_TRY();
  {
    f(arg);
    ReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
  }
  PG_CATCH();
  {
    MemoryContextSwitchTo(cxt);
    ErrorData* error = CopyErrorData();
    FlushErrorState();
    RollbackAndReleaseCurrentSubTransaction();
    MemoryContextSwitchTo(cxt);
    CurrentResourceOwner = owner;
    if (error->sqlerrcode != sqlstate) ReThrowError(error);
    FreeErrorData(error);
    ok = false;
  }
  PG_END_TRY();
  return ok;
}

}  // namespace hexdb::pg
