#include "core/pg_types.hpp"

namespace hexctl {

ValueKind kind_of_type_oid(unsigned int oid) {
  switch (oid) {
    case 16: return ValueKind::boolean;  // bool
    case 20:                             // int8
    case 21:                             // int2
    case 23:                             // int4
    case 26:                             // oid
    case 700:                            // float4
    case 701:                            // float8
    case 1700: return ValueKind::number; // numeric
    case 114:                            // json
    case 3802: return ValueKind::json;   // jsonb
    default: return ValueKind::text;
  }
}

}  // namespace hexctl
