// How a column's PostgreSQL type is shown: by its built-in type OID (stable across versions).
#pragma once
#include "core/row_sink.hpp"

namespace hexctl {
ValueKind kind_of_type_oid(unsigned int oid);
}
