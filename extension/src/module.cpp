// The shared library's identity. Everything else registers itself through HEXDB_FUNCTION.
extern "C" {
#include "postgres.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

void _PG_init(void);
}

#include "settings.hpp"

// May elog (GUC registration). Runs in the postmaster when the library is preloaded: it
// must not draw random bytes or touch the database.
extern "C" void _PG_init(void) { hexdb::define_settings(); }
