// One-dimensional array parameters for SPI statements, built from C++ storage (copied into the
// current memory context). Every function here may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "storage/itemptr.h"
}

#include <cstdint>

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::spi {

Datum int2_array(const int16_t* v, int n);
Datum int4_array(const int32_t* v, int n);
Datum int8_array(const int64_t* v, int n);
Datum timestamptz_array(const int64_t* v, int n);
Datum date_array(const int32_t* v, int n);
Datum uuid_array(const uuid::Bytes* v, int n);
Datum tid_array(const ItemPointerData* v, int n);
Datum text_array(const char* const* v, int n);
// nulls[i]: element i is NULL.
Datum int4_array(const int32_t* v, const bool* nulls, int n);

}  // namespace hexdb::spi
