// Conversions between PostgreSQL Datums and hexdb's C++ values. Every function here may elog
// (palloc, detoast) and owns nothing.
#pragma once

extern "C" {
#include "postgres.h"
}

#include <string_view>

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::pg {

uuid::Bytes uuid_bytes(Datum uuid);
Datum uuid_datum(const uuid::Bytes& bytes);  // palloc'd in the current memory context
// A Datum that points at the bytes themselves (a uuid is passed by reference): no copy, valid
// while they live. For rows built from C++ storage and written at once.
inline Datum uuid_ref(const uuid::Bytes& bytes) { return PointerGetDatum(bytes.data()); }
const char* uuid_cstring(Datum uuid);        // the canonical text form, for messages

// A view of a text value's bytes, valid while the (detoasted) value lives.
std::string_view text_view(Datum text);

}  // namespace hexdb::pg
