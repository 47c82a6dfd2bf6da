#include "password_hash.hpp"

#include <crypt.h>

#include <memory>
#include <stdexcept>

namespace hexctl {

std::string bcrypt_hash(const std::string& password, int cost) {
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn("$2b$", cost, nullptr, 0, salt, sizeof salt))
    throw std::runtime_error("cannot make a bcrypt salt");
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_rn(password.c_str(), salt, data.get(), sizeof *data);
  if (!hash || hash[0] == '*') throw std::runtime_error("cannot hash the password");
  return hash;
}

}  // namespace hexctl
