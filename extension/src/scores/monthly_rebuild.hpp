// Rebuilding the monthly aggregate from scores (monthly_rebuild.cpp).
#pragma once

#include <cstdint>

namespace hexdb::monthly {
// Recomputes every month, writing only differences; SPI must be connected. Returns the rows
// inserted, updated or deleted. May throw.
int64_t rebuild_all();
}  // namespace hexdb::monthly
