// hexdb's GUCs: their current values, and their definition at load time (settings.cpp).
#pragma once

namespace hexdb::settings {
extern int password_cost;      // hexdb.password_cost: bcrypt cost for new password hashes
extern int password_cost_max;  // hexdb.password_cost_max: the most a session may ask for (superuser)

enum RandomSource { kKernel = 0, kOpenSSL = 1 };
extern int random_source;  // hexdb.random_source
}  // namespace hexdb::settings

namespace hexdb {
// Defines hexdb's GUCs; called once by _PG_init. May elog.
void define_settings();
}  // namespace hexdb
