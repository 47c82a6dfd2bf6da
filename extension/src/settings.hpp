// Current values of hexdb's GUCs, defined in settings.cpp.
#pragma once

namespace hexdb::settings {
extern int password_cost;  // hexdb.password_cost: bcrypt cost for new password hashes

enum RandomSource { kKernel = 0, kOpenSSL = 1 };
extern int random_source;  // hexdb.random_source
}  // namespace hexdb::settings

namespace hexdb {
// Points the UUID random pool at a source (uuid_functions.cpp). Never fails.
void use_random_source(settings::RandomSource source) noexcept;
}  // namespace hexdb
