// hexdb.hash_password(text): bcrypt ($2b$) through libxcrypt, at cost hexdb.password_cost.
// The import hashes plaintext legacy passwords with it; create_user can share it.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"
}

#include <crypt.h>
#include <string.h>

#include "pg_boundary.hpp"
#include "settings.hpp"

// May elog; throws SqlError for an empty password or when libxcrypt fails (owns nothing).
HEXDB_FUNCTION(hexdb_hash_password) {
  char* password = text_to_cstring(PG_GETARG_TEXT_PP(0));
  if (password[0] == '\0')
    throw hexdb::SqlError("22023", "a password cannot be empty");
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  // NULL random bytes: libxcrypt draws them from the kernel (getrandom).
  if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(hexdb::settings::password_cost),
                        nullptr, 0, setting, sizeof setting))
    throw hexdb::SqlError("XX000", "crypt_gensalt failed for bcrypt");
  auto* data = static_cast<crypt_data*>(palloc0(sizeof(crypt_data)));
  const char* hash = crypt_rn(password, setting, data, sizeof(crypt_data));
  if (!hash || hash[0] == '*') throw hexdb::SqlError("XX000", "crypt failed to hash a password");
  text* result = cstring_to_text(hash);
  explicit_bzero(data, sizeof(crypt_data));
  explicit_bzero(password, strlen(password));
  pfree(data);
  PG_RETURN_TEXT_P(result);
}
