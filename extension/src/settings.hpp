// Current values of hexdb's GUCs, defined in settings.cpp.
#pragma once

namespace hexdb::settings {
extern int password_cost;  // hexdb.password_cost: bcrypt cost for new password hashes
}
