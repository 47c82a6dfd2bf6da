// bcrypt ($2b$, $2y$, and $2a$ for 7-bit passwords), computed here rather than in one
// libxcrypt call so that the 2^cost rounds run in slices: between slices the caller's
// checkpoint runs (PostgreSQL's CHECK_FOR_INTERRUPTS, through pg::call) and may throw to
// abandon the work, so statement_timeout, pg_cancel_backend and pg_terminate_backend act
// within milliseconds at any cost. The output is byte for byte libxcrypt's (unit-tested
// against crypt_rn). No PostgreSQL header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hexdb::password {

// Called between slices of bcrypt's rounds (every few milliseconds). May throw.
struct Checkpoint {
  void (*run)(void* arg) = nullptr;
  void* arg = nullptr;
  void operator()() const {
    if (run) run(arg);
  }
};

// A parsed bcrypt setting "$2X$NN$" + 22 salt characters (a full hash may follow).
struct BcryptSetting {
  char minor;  // 'a', 'b' or 'y'
  int cost;    // 4..31
  uint8_t salt[16];
};

// True when s starts with a bcrypt setting this implementation computes; fills out.
bool parse_bcrypt(std::string_view s, BcryptSetting* out);

// The full 60-character hash of password (at most 72 bytes) under setting. May throw whatever
// checkpoint throws (the key schedule is wiped first).
std::string bcrypt(std::string_view password, const BcryptSetting& setting, const Checkpoint& checkpoint);

}  // namespace hexdb::password
