// SQL surface of the import's value parsers (core/legacy_values.hpp): each turns one raw cell
// of a MySQL export into a typed value, or NULL when the cell holds no valid value, so that
// import_legacy() can quarantine the row instead of failing the whole import on a cast.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"
}

#include <crypt.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/import/legacy_values.hpp"
#include "import/password_kept.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"

namespace {
// May elog (detoast). STRICT functions: the argument is never NULL.
std::string_view text_arg(FunctionCallInfo fcinfo, int n) { return hexdb::pg::text_view(PG_GETARG_DATUM(n)); }
}  // namespace

// May elog. NULL unless the cell is a decimal INT.
HEXDB_FUNCTION(hexdb_import_int) {
  auto v = hexdb::legacy::parse_int32(text_arg(fcinfo, 0));
  if (!v) PG_RETURN_NULL();
  PG_RETURN_INT32(*v);
}

// May elog. NULL unless the cell is a real calendar day YYYY-MM-DD.
HEXDB_FUNCTION(hexdb_import_date) {
  auto v = hexdb::legacy::parse_date(text_arg(fcinfo, 0));
  if (!v) PG_RETURN_NULL();
  PG_RETURN_DATEADT(*v);
}

// May elog. NULL unless the cell is a DATETIME YYYY-MM-DD HH:MM:SS[.ffffff]; the result is a
// timestamp without time zone, which import_legacy() reads in the source time zone.
HEXDB_FUNCTION(hexdb_import_datetime) {
  auto v = hexdb::legacy::parse_datetime(text_arg(fcinfo, 0));
  if (!v) PG_RETURN_NULL();
  PG_RETURN_TIMESTAMP(*v);
}

// Why import_legacy() quarantines a user for this legacy password value: a hash or a digest it
// can neither keep nor hash (core unusable_password); NULL for a usable hash or a plaintext
// password. Owns a std::string: PostgreSQL is called through pg::call.
HEXDB_FUNCTION(hexdb_import_password_reject) {
  std::string_view value = hexdb::pg::call([&] { return text_arg(fcinfo, 0); });
  std::optional<std::string> why = hexdb::legacy::unusable_password(value);
  if (!why) PG_RETURN_NULL();
  PG_RETURN_TEXT_P(hexdb::pg::call([&] { return cstring_to_text_with_len(why->data(), static_cast<int>(why->size())); }));
}

// May elog. True when the legacy password is a complete crypt(3) hash that this libxcrypt
// can verify (a bcrypt cost in 04-31 among it), so it is kept as it is; false means plaintext,
// to be hashed, or a value import_password_reject() names.
HEXDB_FUNCTION(hexdb_is_password_hash) {
  char* value = hexdb::pg::call([&] { return text_to_cstring(PG_GETARG_TEXT_PP(0)); });
  PG_RETURN_BOOL(hexdb::import::is_password_hash(value));
}

bool hexdb::import::is_password_hash(const char* value) {
  if (!legacy::is_crypt_hash(value) || legacy::unusable_password(value)) return false;
  int verdict = crypt_checksalt(value);
  return verdict == CRYPT_SALT_OK || verdict == CRYPT_SALT_METHOD_LEGACY;
}
