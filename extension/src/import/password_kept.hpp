// Whether a legacy password value is kept as it is: a complete crypt(3) hash that this
// libxcrypt can verify (a bcrypt cost in 04-31 among it). False means plaintext, to be hashed,
// or a value core unusable_password names. hexdb.is_password_hash() and import_users() ask
// this. Never elogs; may throw std::bad_alloc.
#pragma once

namespace hexdb::import {
bool is_password_hash(const char* value);  // NUL-terminated
}
