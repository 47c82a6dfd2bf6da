// One-dimensional array parameters for SPI statements, built from C++ storage (copied into the
// current memory context). Every function here may elog.
#pragma once

extern "C" {
#include "postgres.h"
}

#include <cstdint>

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::spi {

Datum int2_array(const int16_t* v, int n);
Datum int4_array(const int32_t* v, int n);
Datum int8_array(const int64_t* v, int n);
Datum timestamptz_array(const int64_t* v, int n);
Datum uuid_array(const uuid::Bytes* v, int n);

}  // namespace hexdb::spi
