// import_visits()'s new rows written as an INSERT of them would (import/import_visits_write.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::import {

struct NewVisit {
  uuid::Bytes user;
  int32_t day;  // DateADT
  int32_t count;
};

// May throw. Writes rows (reordered) as an INSERT by the caller would, without a foreign-key
// query a row; false, nothing written, where that is not the same (the caller then runs it).
bool insert_visits_direct(std::vector<NewVisit>& rows);

}  // namespace hexdb::import
