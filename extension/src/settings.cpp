// hexdb's configuration parameters (GUCs). One place, so `SHOW hexdb.*` has one source.
extern "C" {
#include "postgres.h"
#include "utils/guc.h"
}

#include "settings.hpp"
#include "uuid/random_source.hpp"

namespace hexdb::settings {
int password_cost = 11;
int password_cost_max = 14;
int random_source = kKernel;
}  // namespace hexdb::settings

namespace {
// hexdb.import_password_cost: read by import_legacy() through current_setting(), not from C++.
int import_password_cost = 4;

const struct config_enum_entry random_sources[] = {
    {"kernel", hexdb::settings::kKernel, false},
    {"openssl", hexdb::settings::kOpenSSL, false},
    {nullptr, 0, false},
};

// A session may not SET hexdb.password_cost above the administrator's maximum. Values from
// the configuration files are checked when used instead (their order is not known here).
bool check_password_cost(int* value, void**, GucSource source) {
  if (source < PGC_S_INTERACTIVE || *value <= hexdb::settings::password_cost_max) return true;
  GUC_check_errdetail("hexdb.password_cost_max is %d.", hexdb::settings::password_cost_max);
  return false;
}

void assign_random_source(int value, void*) {
  hexdb::uuid::use_random_source(static_cast<hexdb::settings::RandomSource>(value));
}
}  // namespace

namespace hexdb {

void define_settings() {
  DefineCustomIntVariable(
      "hexdb.password_cost", "Cost of the bcrypt password hash for new passwords.",
      "log2 of the number of rounds (4-31); tests lower it to stay fast.",
      &settings::password_cost, 11, 4, 31, PGC_USERSET, 0, check_password_cost, nullptr, nullptr);
  DefineCustomIntVariable(
      "hexdb.password_cost_max", "The highest hexdb.password_cost a session may use.",
      "Hashing at cost c takes 2^c rounds: each step doubles the time a create_user or "
      "check_password call holds a backend.",
      &settings::password_cost_max, 14, 4, 31, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable(
      "hexdb.import_password_cost", "Interim bcrypt cost of the plaintext legacy passwords import_legacy() hashes.",
      "check_password raises each to hexdb.password_cost at the user's first successful login; "
      "at cost 4 a hundred thousand plaintext passwords take minutes, at 11 hours.",
      &import_password_cost, 4, 4, 31, PGC_USERSET, 0, check_password_cost, nullptr, nullptr);
  DefineCustomEnumVariable(
      "hexdb.random_source", "Where UUID random bytes come from.",
      "kernel: getrandom(2), buffered. openssl: OpenSSL's DRBG, seeded from the kernel (the "
      "source of PostgreSQL's gen_random_uuid()); cheaper per byte on many machines.",
      &settings::random_source, settings::kKernel, random_sources, PGC_USERSET, 0, nullptr,
      assign_random_source, nullptr);
  MarkGUCPrefixReserved("hexdb");
}

}  // namespace hexdb
