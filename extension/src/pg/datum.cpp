#include "pg/datum.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/uuid.h"
}

#include <cstring>

#include "pg/compat.hpp"

namespace hexdb::pg {

uuid::Bytes uuid_bytes(Datum uuid) {
  uuid::Bytes b;
  std::memcpy(b.data(), DatumGetUUIDP(uuid)->data, UUID_LEN);
  return b;
}

Datum uuid_datum(const uuid::Bytes& bytes) {
  auto* u = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
  std::memcpy(u->data, bytes.data(), UUID_LEN);
  return UUIDPGetDatum(u);
}

const char* uuid_cstring(Datum uuid) { return DatumGetCString(DirectFunctionCall1(uuid_out, uuid)); }

std::string_view text_view(Datum value) {
  text* t = DatumGetTextPP(value);
  return std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

}  // namespace hexdb::pg
