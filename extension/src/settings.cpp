// hexdb's configuration parameters (GUCs). One place, so `SHOW hexdb.*` has one source.
extern "C" {
#include "postgres.h"
#include "utils/guc.h"
}

#include "module_init.hpp"
#include "settings.hpp"

namespace hexdb::settings {
int password_cost = 11;
}

namespace hexdb {

void define_settings() {
  DefineCustomIntVariable(
      "hexdb.password_cost", "Cost of the bcrypt password hash for new passwords.",
      "log2 of the number of rounds (4-31); tests lower it to stay fast.",
      &settings::password_cost, 11, 4, 31, PGC_USERSET, 0, nullptr, nullptr, nullptr);
  MarkGUCPrefixReserved("hexdb");
}

}  // namespace hexdb
