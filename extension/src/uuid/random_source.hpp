// The per-backend pool of random bytes behind every v4 and v7 UUID, and the setting that
// chooses where it draws from (hexdb.random_source).
#pragma once

#include <cstddef>
#include <cstdint>

#include "settings.hpp"

namespace hexdb::uuid {

// Fills buf with n random bytes drawn for this backend. May throw SqlError when the source fails.
void draw_random(uint8_t* buf, size_t n);

// Points the pool at a source; called by the GUC's assign hook. Never fails.
void use_random_source(settings::RandomSource source) noexcept;

}  // namespace hexdb::uuid
