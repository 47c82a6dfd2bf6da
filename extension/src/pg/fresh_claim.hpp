// A bulk writer's claim of a table that never held a row (pg::claim_every_index), as the list
// of later indexes pg::insert_many takes: every index left out of the load and rebuilt once
// after it. Nothing is claimed (count 0) where the table held a row or another session has it
// open: each row's entries then go in with it.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

#include "pg/direct_rows.hpp"

namespace hexdb::pg {

struct FreshClaim {
  static constexpr int kMax = 16;  // a table with more indexes is not claimed
  LaterIndex later[kMax];
  int count = 0;

  void claim(Relation rel);  // May elog. Before the first row.
  void rebuild() const;      // May elog. After the load (its DirectRows ended).
};

}  // namespace hexdb::pg
