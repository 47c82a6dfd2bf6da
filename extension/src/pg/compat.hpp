// Differences between the PostgreSQL majors hexdb builds against, in one place. Include it
// after postgres.h wherever one of these names is used.
#pragma once

extern "C" {
#include "postgres.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"  // VARDATA_ANY, VARSIZE_ANY_EXHDR: postgres.h no longer includes them
#endif
}
