// hexdb.import_users(): import_legacy()'s users step in one pass, like import_scores.cpp (whose
// SQL it replaces: a temp table of every staged row, an UPDATE for the emails' losers, an index
// and ANALYZE of that table, a count of the plaintext passwords).
//
// The staged rows are read once (import/staged_scan.hpp), their texts copied for the rules and
// the write; users hexdb already has found by their legacy ids, the emails hexdb has (any case:
// lower(), as users_email_key compares them) by one query of the candidates, where hexdb has any
// user; core/import/user_verdicts decides each row, the lowest id keeping an email among the new
// rows. The new rows are written by import/users_write.hpp (a version 7 id each, in legacy-id
// order; a plaintext password hashed at hexdb.password_cost, which import_legacy() sets to the
// interim cost). The quarantined rows go to pg_temp.import_users (created by import_legacy())
// whole: import_orphan_reason() finds a quarantined user there. Returns the report's counts and
// how many new passwords were plaintext.
extern "C" {
#include "postgres.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
}

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/import/legacy_values.hpp"
#include "core/import/user_verdicts.hpp"
#include "core/users/user_rules.hpp"
#include "import/password_kept.hpp"
#include "import/staged_scan.hpp"
#include "import/users_write.hpp"
#include "pg/spi_arrays.hpp"
#include "users/email_text.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
namespace legacy = hexdb::legacy;
namespace imp = hexdb::import;
using hexdb::uuid::Bytes;
using imp::Cell;
using imp::parsed;
using legacy::UserVerdict;

// A text cell copied into the step's memory, NUL-terminated; data nullptr for NULL.
struct Text {
  const char* data = nullptr;
  int len = 0;
  std::string_view view() const { return {data, static_cast<size_t>(len)}; }
};

struct Staged {
  legacy::StagedUser cells;
  ItemPointerData sid;
  Text email, nickname, password, role;
  std::string_view lowered;  // lower(email), for a candidate
  bool hashed = false;       // the password is a crypt hash, kept as it is (import/password_kept.hpp)
};

constexpr const char* kStagedColumns[6] = {"id", "email", "nickname", "password", "birth_date", "role"};
using Unparsed = imp::Unparsed<6>;

SPIPlanPtr staged_plan, any_user_plan, emails_plan, rejects_plan;

MemoryContext cell_memory;  // the copies' context, for the call

// Never elogs on a NULL cell; may elog (out of memory) copying one. Never throws.
Text copy(const Cell& cell) {
  if (!cell) return {};
  char* p = static_cast<char*>(MemoryContextAlloc(cell_memory, cell->size() + 1));
  memcpy(p, cell->data(), cell->size());
  p[cell->size()] = '\0';
  return {p, static_cast<int>(cell->size())};
}

// May elog (copying). The row's cells into r; true when its id or birth date did not parse (the
// reasons name those). Never throws.
bool parse_cells(const Cell (&cells)[6], Staged& r) {
  r.cells.id = parsed(cells[0], legacy::parse_int32);
  r.email = copy(cells[1]);
  r.nickname = copy(cells[2]);
  r.password = copy(cells[3]);
  r.cells.birth_date = parsed(cells[4], legacy::parse_date);
  r.role = cells[5] ? copy(cells[5]) : Text{"user", 4};  // a role column that lost NOT NULL: its default
  return !r.cells.id || !r.cells.birth_date;
}

bool checkable(const legacy::StagedUser& c) { return c.id && !c.duplicate && !c.present; }

// May throw. The rules on a row's own cells: email, nickname, password, role.
void check_cells(std::vector<Staged>& rows) {
  std::vector<std::string_view> utf8(rows.size());
  std::vector<long> chars(rows.size(), -1);
  pg::call([&] {  // the server's encoding: the email as UTF-8, the nickname's characters
    for (size_t i = 0; i < rows.size(); ++i) {
      const Staged& r = rows[i];
      if (!checkable(r.cells)) continue;
      if (r.email.data) utf8[i] = hexdb::users::email_utf8(r.email.view());
      if (r.nickname.data) chars[i] = pg_mbstrlen_with_len(r.nickname.data, r.nickname.len);
    }
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    Staged& r = rows[i];
    legacy::StagedUser& c = r.cells;
    if (!checkable(c)) continue;
    c.email_ok = r.email.data && hexdb::users::is_email(utf8[i]);
    if (chars[i] >= 0) c.nickname_chars = chars[i];
    c.has_password = r.password.data && r.password.len > 0;
    if (r.password.data) {
      c.password_reject = legacy::unusable_password(r.password.view());
      r.hashed = imp::is_password_hash(r.password.data);
      c.long_plaintext = r.password.len > 72 && !r.hashed;
    }
    c.role_ok = r.role.view() == "user" || r.role.view() == "admin";
  }
}

// May throw. For the rows the rules leave so far: lower(email) as the server lowers it, the
// emails a hexdb user has, and the one row of each email that keeps it.
void check_emails(std::vector<Staged>& rows) {
  std::vector<size_t> at;
  for (size_t i = 0; i < rows.size(); ++i)
    if (legacy::user_verdict(rows[i].cells) == UserVerdict::kNew) at.push_back(i);
  if (at.empty()) return;
  std::vector<const char*> emails(at.size());
  std::vector<int32_t> ord(at.size());
  for (size_t k = 0; k < at.size(); ++k) emails[k] = rows[at[k]].email.data, ord[k] = static_cast<int32_t>(k);
  int n = static_cast<int>(at.size());
  bool any_user = false;
  uint64 found = pg::call([&] {
    for (size_t i : at) {
      Staged& r = rows[i];
      text* t = DatumGetTextPP(DirectFunctionCall1Coll(
          lower, DEFAULT_COLLATION_OID, PointerGetDatum(cstring_to_text_with_len(r.email.data, r.email.len))));
      r.lowered = std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    }
    spi::execute(spi::prepared(&any_user_plan, "SELECT EXISTS (SELECT FROM hexdb.users)", 0, nullptr), nullptr, false);
    any_user = spi::get_bool(0, 1);
    if (!any_user) return uint64{0};
    static const Oid types[2] = {TEXTARRAYOID, INT4ARRAYOID};
    Datum v[2] = {spi::text_array(emails.data(), n), spi::int4_array(ord.data(), n)};
    return spi::execute(
        spi::prepared(&emails_plan,
                      "SELECT k.ord FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2)) AS k(email, ord) "
                      "WHERE EXISTS (SELECT FROM hexdb.users x "
                      "WHERE pg_catalog.lower(x.email) OPERATOR(pg_catalog.=) pg_catalog.lower(k.email))",
                      2, types),
        v, false);
  });
  pg::call([&] {
    for (uint64 i = 0; i < found; ++i) rows[at[spi::get_int32(i, 1)]].cells.email_in_hexdb = true;
  });
  std::vector<size_t> left;
  for (size_t i : at)
    if (!rows[i].cells.email_in_hexdb) left.push_back(i);
  std::sort(left.begin(), left.end(), [&](size_t a, size_t b) {
    return rows[a].lowered != rows[b].lowered ? rows[a].lowered < rows[b].lowered : *rows[a].cells.id < *rows[b].cells.id;
  });
  for (size_t k = 1, first = 0; k < left.size(); ++k) {
    if (rows[left[k]].lowered != rows[left[first]].lowered) first = k;
    else rows[left[k]].cells.email_kept_by = *rows[left[first]].cells.id;
  }
}

// May throw. The reason for a row quarantined with verdict v.
std::string reason(UserVerdict v, const Staged& r, const Unparsed* u) {
  switch (v) {
    case UserVerdict::kBadId: return "id " + u->quoted[0] + " is not an integer";
    case UserVerdict::kDuplicate: return "duplicate id";
    case UserVerdict::kBadEmail: return "email is not an address";
    case UserVerdict::kBadNickname: return "nickname must have 1 to 100 characters";
    case UserVerdict::kNoPassword: return "no password";
    case UserVerdict::kUnusablePassword: return *r.cells.password_reject;
    case UserVerdict::kLongPlaintext: return "plaintext password longer than bcrypt's 72 bytes";
    case UserVerdict::kBadBirthDate: return "birth_date " + u->quoted[4] + " is not a DATE";
    case UserVerdict::kBadRole: return "role must be user or admin";
    case UserVerdict::kEmailInHexdb: return "email (case-insensitive) already belongs to a hexdb user";
    case UserVerdict::kSameEmail:
      return "email duplicates that of user " + std::to_string(*r.cells.email_kept_by) + " (case-insensitive)";
    default: return {};
  }
}

}  // namespace

// May throw.
HEXDB_FUNCTION(hexdb_import_users) {
  pg::call([] {
    spi::connect();
    cell_memory = AllocSetContextCreate(CurrentMemoryContext, "hexdb import_users cells", ALLOCSET_DEFAULT_SIZES);
  });
  std::vector<Staged> rows;
  std::vector<Unparsed> unparsed = imp::scan_staged(
      "staging_users", kStagedColumns, &staged_plan,
      // Cast: a staging column the studio changed to another type is read as its text.
      "SELECT s.ctid, s.id::pg_catalog.text, s.email::pg_catalog.text, s.nickname::pg_catalog.text, "
      "s.password::pg_catalog.text, s.birth_date::pg_catalog.text, s.role::pg_catalog.text FROM hexdb.staging_users s",
      rows, [](const Cell (&cells)[6], Staged& r) { return parse_cells(cells, r); });
  imp::mark_repeats(rows);
  {
    imp::UsersByLegacyId users = imp::users_by_legacy_id();
    for (Staged& r : rows) r.cells.present = r.cells.id && users.find(*r.cells.id) != nullptr;
  }
  check_cells(rows);
  check_emails(rows);
  imp::Verdicts<const Staged*> v =
      imp::decide<const Staged*>(rows, unparsed, legacy::user_verdict, [](const Staged& r) { return &r; }, reason);
  imp::write_rejects(&rejects_plan, IMPORT_REJECTS_SQL("import_users", "staging_users"), v.rejects);
  std::sort(v.fresh.begin(), v.fresh.end(), [](const Staged* a, const Staged* b) { return *a->cells.id < *b->cells.id; });
  imp::NewUsers fresh;
  int64 plaintext = 0;
  for (const Staged* r : v.fresh) {
    fresh.lid.push_back(*r->cells.id), fresh.birth_date.push_back(*r->cells.birth_date);
    fresh.email.push_back(r->email.data), fresh.nickname.push_back(r->nickname.data);
    fresh.password.push_back(r->password.data), fresh.role.push_back(r->role.data);
    fresh.hashed.push_back(r->hashed);
    if (!r->hashed) ++plaintext;
  }
  if (!fresh.lid.empty() && !imp::insert_users_direct(fresh)) imp::insert_users_by_sql(fresh);
  int64 source = static_cast<int64>(rows.size()), count = static_cast<int64>(fresh.lid.size());
  pg::call([] { spi::finish(); });  // frees the cells' copies with SPI's memory
  return pg::call([&] { return imp::counts(fcinfo, {source, count, v.present, plaintext}); });
}
