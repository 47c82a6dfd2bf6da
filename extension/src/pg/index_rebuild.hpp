// A bulk load into a table that has never held a row builds the table's indexes once, after
// the load, instead of adding each row's entry one at a time: CREATE INDEX's sort and
// bottom-up build (in parallel where max_parallel_maintenance_workers allows) take about half
// the time and write a fraction of the WAL of a million single inserts.
//
// The price is REINDEX's lock: ACCESS EXCLUSIVE on each rebuilt index until the transaction
// ends, so other sessions' queries on the table wait for its commit (on a table that never held
// a row, they would have found nothing), and SHARE on the table, so the rebuild waits for
// writers that are still open. Until it is rebuilt, an index lacks the load's rows: nothing may
// read through it in between (the caller's contract).
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

namespace hexdb::pg {

// Whether rel has no page: created or truncated, and never written since. May elog.
bool never_written(Relation rel);

// Rebuilds index from every row of its table, unique ones checked as CREATE INDEX checks them.
// This backend must not hold the index open (a DirectRows on its table ended first). May elog.
void rebuild_index(Oid index);

}  // namespace hexdb::pg
