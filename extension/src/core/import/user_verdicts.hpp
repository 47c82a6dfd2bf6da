// Which verdict import_legacy() gives each staged user, in the order its rules apply: an id that
// is no INT, a second row of an id, a user hexdb already has (its legacy id decides, whatever its
// other cells), then the email, the nickname, the password, the birth date, the role, an email
// hexdb already has (any case); then, among the rows that pass, one per email (any case): the
// lowest id keeps it. Pure C++: import/import_users.cpp reads the cells and writes the results.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hexdb::legacy {

enum class UserVerdict : uint8_t {
  kNew,               // imported now
  kPresent,           // already in hexdb (same legacy id)
  kBadId,             // id is no INT
  kDuplicate,         // a second row of an id
  kBadEmail,          // no email, or not an address
  kBadNickname,       // no nickname, or not 1 to 100 characters
  kNoPassword,        // NULL or empty
  kUnusablePassword,  // looks like a hash or digest that can be neither kept nor hashed
  kLongPlaintext,     // plaintext longer than bcrypt's 72 bytes
  kBadBirthDate,      // birth_date is no DATE
  kBadRole,           // not user or admin
  kEmailInHexdb,      // a hexdb user has the email, in any case
  kSameEmail,         // a new row with a lower id has the email, in any case
};

// A staged row's cells as checked, and what the look-ups found.
struct StagedUser {
  std::optional<int32_t> id, birth_date;
  bool duplicate = false;                       // another row has the same id at an earlier position
  bool present = false;                         // hexdb has a user with this legacy id
  bool email_ok = false;                        // an address
  std::optional<long> nickname_chars;           // nullopt: NULL
  bool has_password = false;                    // neither NULL nor empty
  std::optional<std::string> password_reject;   // core unusable_password's reason
  bool long_plaintext = false;                  // over 72 bytes and not a kept hash
  bool role_ok = false;                         // user or admin (NULL reads as user)
  bool email_in_hexdb = false;
  std::optional<int32_t> email_kept_by;         // the new row that keeps the email instead
};

UserVerdict user_verdict(const StagedUser& u);

}  // namespace hexdb::legacy
