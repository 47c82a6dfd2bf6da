// hexdb.password_stand_in_kind(): the method and cost of the hash that check_password verifies
// for an unknown email (users/password_work.hpp), so that a test can see it follow the stored
// hashes. Superuser only; shows no hash, only its "$2b$04" part.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"
}

#include <string>

#include "pg/boundary.hpp"
#include "pg/spi.hpp"
#include "users/password_work.hpp"

// May throw.
HEXDB_FUNCTION(hexdb_password_stand_in_kind) {
  hexdb::pg::call([] { hexdb::spi::connect(); });
  std::string hash = hexdb::users::stand_in_hash();
  hexdb::pg::call([] { hexdb::spi::finish(); });
  size_t end = hash.find('$', 1);
  if (end != std::string::npos) end = hash.find('$', end + 1);
  std::string kind = hash.substr(0, end);
  return hexdb::pg::call([&] { return PointerGetDatum(cstring_to_text(kind.c_str())); });
}
