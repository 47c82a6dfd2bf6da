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

// Whether the table (locked by the caller) has never held a row. May elog.
bool never_written(Oid relid);

// Claims a bulk load's tables and the indexes it will rebuild, all of them without waiting or
// none: SHARE on each table, so that no other session writes one (a duplicate key the
// missing entries would not stop) until this transaction ends, and ACCESS EXCLUSIVE on each
// index, what its rebuild takes, taken now so that the rebuild waits for nobody. (Waiting
// could deadlock: with a writer that holds one table and goes on to write another, or with a
// session that read an index and goes on to write its table.) Each table whose empty[i] is
// set must still have no page once claimed (another writer may have got a row in before).
// False, nothing held, when another session holds a conflicting lock or a table is no longer
// empty. May elog.
bool claim_for_rebuild(const Oid* tables, const bool* empty, int ntables, const Oid* indexes, int nindexes);

// A bulk writer's claim of one table (opened and locked by the caller) that never held a row,
// with every one of its indexes: their Oids into indexes (at most max; a table with more is not
// claimed), and how many. 0, nothing held, where the table held a row once or the claim fails:
// each row's entries then go in with it. May elog.
int claim_every_index(Relation rel, Oid* indexes, int max);

}  // namespace hexdb::pg
