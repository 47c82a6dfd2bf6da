// A statement's few monthly rows (a submit_score's one) written without an SQL statement.
//
// The SQL upsert of one row (monthly_write.cpp) cost more than the INSERT into scores that
// caused it: executor start-up, the table's CHECK expressions parsed again for every
// statement, a speculative insertion, the foreign key's query, then monthly_scores' statement
// triggers with their transition tables. Here each row is found and locked through the primary
// key (RelationFindReplTupleByIndex, logical replication's path: it waits for a concurrent
// writer of the row and locks its latest version, as ON CONFLICT DO UPDATE does), then updated,
// or inserted speculatively as ON CONFLICT inserts (a concurrent insert of the same key makes
// it look again), through the table AM; every index is maintained (ExecInsertIndexTuples) and
// every CHECK and NOT NULL evaluated (ExecConstraints, with the CHECK expressions prepared
// once per backend). The rank changes go to the caller, who records them as the counts
// trigger would (no statement runs, so monthly_scores' statement triggers do not fire).
//
// Taken only where that is the same as the SQL path, else the caller uses the SQL path:
//   - READ COMMITTED (ON CONFLICT's serialization rules at other levels stay with SQL), and
//     session_replication_role = origin;
//   - monthly_scores a plain table, no row-level security, the columns setup() made, the
//     current user allowed to select, insert and update it;
//   - its triggers only hexdb's: the rank-count statement triggers, enabled for INSERT and
//     UPDATE; the imported-history BEFORE trigger with its WHEN (a row it would change takes
//     the SQL path); and the triggers of one foreign key, user_id to the column that the
//     scores table's user_id references.
// The one check not repeated for a new row is that foreign key's: the scores row it comes from
// has the same key to the same table, checked in this statement before this trigger fired (or
// at commit when deferred: a failure then rolls this row back too), and that check locked the
// user KEY SHARE until the transaction ends, so the user cannot disappear meanwhile.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

#include <functional>
#include <vector>

#include "scores/monthly_write.hpp"
#include "scores/rank_counts.hpp"

namespace hexdb::monthly {

// Folds groups (sorted by key) into their rows as combine_rows() would, for a statement on
// `scores` (the table whose rows they come from), and adds the rank changes to `leaves`.
// Returns how many of the groups, from the first, it wrote; the caller writes the rest by SQL
// (all of them when the direct path does not apply). May throw.
size_t combine_direct(Relation scores, Aggregate a, const std::vector<Group>& groups, Deltas& leaves);

// Inserts groups [from, to), all of one month that had no row, as monthly_write's plain INSERT
// would but in COPY's batches and without the statement (no foreign-key query per row, no
// transition table), and appends their rank changes to `leaves` (unsummed). False, nothing written, where the
// direct path does not apply or a concurrent writer added one of these keys meanwhile (its
// unique violation rolled back with a subtransaction): the caller upserts them by SQL then.
// SPI connected. May throw.
bool insert_new_direct(Relation scores, const std::vector<Group>& groups, size_t from, size_t to, CountRows& leaves);

// Inserts imported history, months that have no row yet (import_legacy() classified them), as
// its INSERT would: imported, each row's own value its base, updated_at its value's time; each
// distinct user locked KEY SHARE once, as the foreign key's check locks it; the rank changes
// recorded. False, nothing written, where the INSERT must run instead (also when monthly_scores
// is not as examine() requires, with its foreign key to the users' primary key). Throws SqlError
// 23503 (user_unknown) for a user that does not exist; a key another writer added raises 23505
// as the INSERT would. Reorders rows. SPI connected. May throw.
bool insert_history_direct(std::vector<Group>& rows);

// A bulk load into a monthly_scores that has never held a row, its primary key and rank index
// deferred (scores/index_deferral.hpp: claimed, so no other writer adds a key meanwhile, and
// rebuilt after): the scores' groups (sorted, as add_groups takes them) and the rows of
// imported history that history() gives (once this applies; no key of a group's, as
// insert_history_direct takes them) in one pass in key order, every rank change recorded once.
// False, nothing written, where that does not apply (history() is not called then, or, when
// the users' key moved since monthly_scores was examined, its rows are not written): the caller
// then writes the groups with add_groups and the history its own way. SPI connected. May throw.
bool load_fresh(Relation scores, const std::vector<Group>& groups, const std::function<std::vector<Group>()>& history);

// Folds a statement's added groups (sorted) into monthly_scores and records the rank changes:
// without SQL when there are at most 32 and combine_direct applies, else (or for the rest) by
// combine_rows(). SPI connected. May throw.
void add_groups(Relation scores, Aggregate a, std::vector<Group> groups);

}  // namespace hexdb::monthly
