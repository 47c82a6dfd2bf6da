// Trying a statement that may fail in one expected way (a unique violation from a concurrent
// writer, say) and carrying on without it: PL/pgSQL's BEGIN ... EXCEPTION WHEN, for C++.
#pragma once

extern "C" {
#include "postgres.h"
}

namespace hexdb::pg {

// Runs f(arg) in a subtransaction. Returns true when it succeeded (the subtransaction is
// released into the caller's); when it raised `sqlstate` (ERRCODE_*), rolls everything f did
// back and returns false; any other ERROR is re-raised after the rollback. f must own no C++
// object (a longjmp ends its frame); SPI may be connected, as in a PL/pgSQL block. May elog.
bool try_in_subtransaction(void (*f)(void*), void* arg, int sqlstate);

}  // namespace hexdb::pg
