// The PostgreSQL side of password hashing (core/users/password.hpp): the cost a session may
// use, the checkpoint that lets a cancel or timeout end bcrypt's rounds, and the stand-in hash
// that check_password verifies for an unknown email.
#pragma once

#include <string>

#include "core/users/password.hpp"

namespace hexdb::users {

// hexdb.password_cost, or 22023 when it exceeds hexdb.password_cost_max. May elog.
int allowed_cost();

// Runs CHECK_FOR_INTERRUPTS through pg::call: a pending cancel or timeout becomes PgError.
password::Checkpoint interrupts();

// A stored hash of the method and cost most common among (a sample of) hexdb.users, cached
// for a minute; a hash at allowed_cost() when there is none. Verifying a password against it
// costs what verifying a wrong password of a typical user costs. Call inside SPI. May throw.
const std::string& stand_in_hash();

}  // namespace hexdb::users
