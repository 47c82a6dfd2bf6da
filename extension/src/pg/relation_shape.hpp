// Checks that a studio-owned table and its indexes still have the shape hexdb's direct index
// scans assume: the tables are ordinary tables their owner may alter, and a scan that compared
// another column's bytes as this one's type would answer nonsense or crash. Every refusal is
// 42P16 naming the table. Every function here may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

namespace hexdb::pg {

// The number of column `name` of `rel`, which must exist with type `type`.
AttrNumber column_of(Relation rel, const char* name, Oid type);

// `index` must be a plain ascending btree over `table` whose n key columns are, in order, the
// named columns with their default operator classes; a nullptr name is an expression column
// of type types[i] (the caller checks the expression).
void require_btree(Relation table, Relation index, const char* const* columns, const Oid* types, int n);

// Opens hexdb.<name> (the table or index named) with AccessShareLock; 42P01 (a table) or
// 42704 (an index) when missing.
Relation open_hexdb_relation(const char* name, bool is_index);

// Whether the current user may SELECT the table, or each of the n columns named (a role given
// column privileges only, as grant_app() gives users').
bool may_select(Relation rel, const char* const* columns, int n);

// Whether row-level security is in force for the current user on rel: a direct scan would not
// apply its policies. (With row_security off, raises what a query would.)
bool row_security_in_force(Relation rel);

// may_select, else 42501 as a query would raise; and no row-level security in force (0A000).
void require_readable(Relation rel, const char* const* columns, int n);

}  // namespace hexdb::pg
