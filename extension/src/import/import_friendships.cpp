// hexdb.import_friendships(source_timezone): import_legacy()'s friendships step in one pass, like
// import_scores.cpp (whose SQL it replaces: a temp table of every staged row, an UPDATE for the
// pairs' losers, a grouping of itself for repeated ids).
//
// The staged rows are read once (import/staged_scan.hpp), each cell parsed, both users looked up
// in a map of the users' legacy ids, friendships hexdb already has found by their legacy ids
// and the pairs it has by one query of the candidates; core/import/friendship_verdicts decides
// each row and keeps one per pair. The new rows keep their legacy id as id unless a row of
// hexdb's own has it (the sequence moved past the legacy ids first), and are written each in its
// legacy state through the friendship trigger's rules by import/friendships_write.hpp, or by one
// INSERT of them all (through the triggers) where that does not apply. The quarantined rows go
// to pg_temp.import_friendships (created by import_legacy()) whole. Returns the report's counts.
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
}

#include <algorithm>
#include <string>
#include <vector>

#include "core/import/friendship_verdicts.hpp"
#include "core/import/legacy_values.hpp"
#include "import/friendships_write.hpp"
#include "import/legacy_ids.hpp"
#include "import/staged_scan.hpp"
#include "pg/spi_arrays.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;
namespace legacy = hexdb::legacy;
namespace imp = hexdb::import;
namespace fr = hexdb::friendship;
using hexdb::uuid::Bytes;
using imp::Cell;
using imp::parsed;
using legacy::FriendshipVerdict;

struct Staged {
  legacy::StagedFriendship cells;
  ItemPointerData sid;
  Bytes requester, receiver;
  int64_t created_at = 0;  // the instant, once placed in the source's zone
};

constexpr const char* kStagedColumns[5] = {"id", "requester_id", "receiver_id", "status", "created_at"};
using Unparsed = imp::Unparsed<5>;

SPIPlanPtr staged_plan, pairs_plan, rejects_plan, insert_plan;

// Parses a staged row's cells into r; true when a cell did not parse. Never elogs or throws.
bool parse_cells(const Cell (&cells)[5], const imp::UsersByLegacyId& users, Staged& r) {
  legacy::StagedFriendship& c = r.cells;
  c.id = parsed(cells[0], legacy::parse_int32);
  c.requester_id = parsed(cells[1], legacy::parse_int32);
  c.receiver_id = parsed(cells[2], legacy::parse_int32);
  if (cells[3]) c.status = fr::parse_status(*cells[3]);
  c.created_local = parsed(cells[4], legacy::parse_datetime);
  c.requester_found = imp::find_user(users, c.requester_id, &r.requester);
  c.receiver_found = imp::find_user(users, c.receiver_id, &r.receiver);
  c.same_user = c.requester_found && c.receiver_found && r.requester == r.receiver;
  return !c.id || !c.requester_id || !c.receiver_id || !c.created_local;
}

imp::LegacyIds friendship_ids{
    "SELECT f.legacy_id FROM hexdb.friendships f WHERE f.legacy_id IS NOT NULL",
    "SELECT hexdb.import_advance_sequence('hexdb.friendships_id_seq'::pg_catalog.regclass, $1)",
    "SELECT pg_catalog.max(f.id) FROM hexdb.friendships f",
    "SELECT f.id FROM hexdb.friendships f WHERE f.id OPERATOR(pg_catalog.=) ANY ($1)",
    "SELECT pg_catalog.nextval('hexdb.friendships_id_seq'::pg_catalog.regclass) FROM pg_catalog.generate_series(1, $1)"};

// May throw. Marks repeated ids and friendships hexdb has (by legacy id, then by pair).
void look_up(std::vector<Staged>& rows) {
  imp::mark_repeats(rows);
  std::vector<int32_t> present = imp::present_ids(friendship_ids);
  std::vector<size_t> at;
  std::vector<Bytes> a, b;
  std::vector<int32_t> ord;
  for (size_t i = 0; i < rows.size(); ++i) {
    legacy::StagedFriendship& c = rows[i].cells;
    c.present = c.id && std::binary_search(present.begin(), present.end(), *c.id);
    if (legacy::friendship_verdict(c) != FriendshipVerdict::kNew) continue;
    ord.push_back(static_cast<int32_t>(at.size()));
    at.push_back(i), a.push_back(rows[i].requester), b.push_back(rows[i].receiver);
  }
  if (at.empty()) return;
  int n = static_cast<int>(at.size());
  uint64 found = pg::call([&] {
    static const Oid types[3] = {UUIDARRAYOID, UUIDARRAYOID, INT4ARRAYOID};
    Datum v[3] = {spi::uuid_array(a.data(), n), spi::uuid_array(b.data(), n), spi::int4_array(ord.data(), n)};
    return spi::execute(
        spi::prepared(&pairs_plan,
                      "SELECT k.ord FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3)) "
                      "AS k(a, b, ord) WHERE EXISTS (SELECT FROM hexdb.friendships f "
                      "WHERE LEAST(f.requester_id, f.receiver_id) OPERATOR(pg_catalog.=) LEAST(k.a, k.b) "
                      "AND GREATEST(f.requester_id, f.receiver_id) OPERATOR(pg_catalog.=) GREATEST(k.a, k.b))",
                      3, types),
        v, false);
  });
  pg::call([&] {
    for (uint64 i = 0; i < found; ++i) rows[at[spi::get_int32(i, 1)]].cells.pair_in_hexdb = true;
  });
}

// One row per unordered pair among the new ones (their times placed in the zone first).
void keep_one_per_pair(std::vector<Staged>& rows) {
  std::vector<legacy::PairAt> pairs;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Staged& r = rows[i];
    if (legacy::friendship_verdict(r.cells) != FriendshipVerdict::kNew) continue;
    pairs.push_back({std::minmax(r.requester, r.receiver), *r.cells.status, r.created_at, *r.cells.id, i});
  }
  std::vector<std::optional<int32_t>> kept(rows.size());
  legacy::keep_one_per_pair(pairs, kept);
  for (size_t i = 0; i < rows.size(); ++i) rows[i].cells.kept_instead = kept[i];
}

// May throw. The reason for a row quarantined with verdict v.
std::string reason(FriendshipVerdict v, const Staged& r, const Unparsed* u) {
  switch (v) {
    case FriendshipVerdict::kBadId: return "id " + u->quoted[0] + " is not an integer";
    case FriendshipVerdict::kDuplicate: return "duplicate id";
    case FriendshipVerdict::kBadRequester: return "requester_id " + u->quoted[1] + " is not an integer";
    case FriendshipVerdict::kBadReceiver: return "receiver_id " + u->quoted[2] + " is not an integer";
    case FriendshipVerdict::kOrphanRequester: return imp::orphan_reason("requester_id", *r.cells.requester_id);
    case FriendshipVerdict::kOrphanReceiver: return imp::orphan_reason("receiver_id", *r.cells.receiver_id);
    case FriendshipVerdict::kSelf: return "requester and receiver are the same user";
    case FriendshipVerdict::kBadStatus: return "status must be pending, accepted, rejected or blocked";
    case FriendshipVerdict::kBadTime: return "created_at " + u->quoted[4] + " is not a DATETIME";
    case FriendshipVerdict::kPairInHexdb: return "the pair already has a friendship in hexdb";
    case FriendshipVerdict::kSamePair:
      return "same pair as friendship " + std::to_string(*r.cells.kept_instead) + ", which is kept";
    default: return {};
  }
}

// May throw. The new rows by one INSERT (triggers, foreign keys and all), where the direct path
// does not apply.
void insert_by_sql(const std::vector<imp::NewFriendship>& rows) {
  int n = static_cast<int>(rows.size());
  std::vector<int64_t> id(n), at(n);
  std::vector<Bytes> requester(n), receiver(n);
  std::vector<const char*> status(n);
  std::vector<int32_t> legacy_id(n);
  for (int i = 0; i < n; ++i)
    id[i] = rows[i].id, requester[i] = rows[i].row.requester, receiver[i] = rows[i].row.receiver,
    status[i] = fr::name(rows[i].row.status), at[i] = rows[i].created_at, legacy_id[i] = rows[i].legacy_id;
  pg::call([&] {
    static const Oid types[6] = {INT8ARRAYOID, UUIDARRAYOID, UUIDARRAYOID, TEXTARRAYOID, TIMESTAMPTZARRAYOID, INT4ARRAYOID};
    Datum v[6] = {spi::int8_array(id.data(), n), spi::uuid_array(requester.data(), n), spi::uuid_array(receiver.data(), n),
                  spi::text_array(status.data(), n), spi::timestamptz_array(at.data(), n),
                  spi::int4_array(legacy_id.data(), n)};
    spi::execute(spi::prepared(&insert_plan,
                               "INSERT INTO hexdb.friendships (id, requester_id, receiver_id, status, created_at, "
                               "updated_at, legacy_id) SELECT r.id, r.requester_id, r.receiver_id, r.status, r.at, r.at, "
                               "r.legacy_id FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), "
                               "pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5), "
                               "pg_catalog.unnest($6)) AS r(id, requester_id, receiver_id, status, at, legacy_id)",
                               6, types),
                 v, false);
  });
}

}  // namespace

// May throw.
HEXDB_FUNCTION(hexdb_import_friendships) {
  std::string zone = imp::source_zone(fcinfo);
  pg::call([] { spi::connect(); });
  std::vector<Staged> rows;
  std::vector<Unparsed> unparsed;
  {
    imp::UsersByLegacyId users = imp::users_by_legacy_id();
    unparsed = imp::scan_staged(
        "staging_friendships", kStagedColumns, &staged_plan,
        // Cast: a staging column the studio changed to another type is read as its text.
        "SELECT s.ctid, s.id::pg_catalog.text, s.requester_id::pg_catalog.text, s.receiver_id::pg_catalog.text, "
        "s.status::pg_catalog.text, s.created_at::pg_catalog.text FROM hexdb.staging_friendships s",
        rows, [&](const Cell (&cells)[5], Staged& r) { return parse_cells(cells, users, r); });
  }
  look_up(rows);
  for (Staged& r : rows) r.created_at = r.cells.created_local.value_or(0);
  imp::place_in_zone(rows, zone.c_str(), [](Staged& r) -> int64_t& { return r.created_at; });
  keep_one_per_pair(rows);
  imp::Verdicts<imp::NewFriendship> v = imp::decide<imp::NewFriendship>(
      rows, unparsed, legacy::friendship_verdict,
      [](const Staged& r) {
        return imp::NewFriendship{*r.cells.id, {r.requester, r.receiver, *r.cells.status}, r.created_at, *r.cells.id};
      },
      reason);
  int64 source = static_cast<int64>(rows.size());
  rows = {};
  imp::write_rejects(&rejects_plan, IMPORT_REJECTS_SQL("import_friendships", "staging_friendships"), v.rejects);
  imp::set_ids(friendship_ids, v.fresh);
  int64 fresh = static_cast<int64>(v.fresh.size());
  if (!v.fresh.empty() && !imp::insert_friendships_direct(v.fresh)) insert_by_sql(v.fresh);
  pg::call([] { spi::finish(); });
  return pg::call([&] { return imp::counts(fcinfo, {source, fresh, v.present}); });
}
