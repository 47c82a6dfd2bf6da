#include "core/import/user_verdicts.hpp"

#include "core/users/user_rules.hpp"

namespace hexdb::legacy {

UserVerdict user_verdict(const StagedUser& u) {
  if (!u.id) return UserVerdict::kBadId;
  if (u.duplicate) return UserVerdict::kDuplicate;
  if (u.present) return UserVerdict::kPresent;
  if (!u.email_ok) return UserVerdict::kBadEmail;
  if (!u.nickname_chars || *u.nickname_chars < 1 || *u.nickname_chars > users::kMaxNicknameChars)
    return UserVerdict::kBadNickname;
  if (!u.has_password) return UserVerdict::kNoPassword;
  if (u.password_reject) return UserVerdict::kUnusablePassword;
  if (u.long_plaintext) return UserVerdict::kLongPlaintext;
  if (!u.birth_date) return UserVerdict::kBadBirthDate;
  if (!u.role_ok) return UserVerdict::kBadRole;
  if (u.email_in_hexdb) return UserVerdict::kEmailInHexdb;
  if (u.email_kept_by) return UserVerdict::kSameEmail;
  return UserVerdict::kNew;
}

}  // namespace hexdb::legacy
