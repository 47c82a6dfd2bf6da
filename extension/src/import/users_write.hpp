// import_users()'s new users written as an INSERT of them would (import/import_users_write.cpp).
#pragma once

#include <cstdint>
#include <vector>

namespace hexdb::import {

// The new users' columns, in legacy-id order; the texts NUL-terminated, in PostgreSQL's memory.
struct NewUsers {
  std::vector<int32_t> lid, birth_date;  // birth_date: DateADT
  std::vector<const char*> email, nickname, password, role;
  std::vector<bool> hashed;  // the password is a crypt hash, kept as it is (import/password_kept.hpp)
};

// May throw. Writes them (each a version 7 id, the password kept when it is a crypt hash, else
// hashed at hexdb.password_cost) in bulk where that is the same as the INSERT: false, nothing
// written, otherwise.
bool insert_users_direct(const NewUsers& u);

// May throw. The same by the INSERT itself.
void insert_users_by_sql(const NewUsers& u);

}  // namespace hexdb::import
