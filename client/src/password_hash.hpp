// bcrypt hashes made by hexctl itself ("admin ensure" changing a password), so that the new
// password travels to the server only as a hash. crypt(3) on the server verifies them.
#pragma once
#include <string>

namespace hexctl {
// A "$2b$" hash of password with 2^cost rounds and a fresh salt from the kernel.
std::string bcrypt_hash(const std::string& password, int cost);
}
