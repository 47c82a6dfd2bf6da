// The friendship state machine and the meaning of request/respond/block/remove.
#include <gtest/gtest.h>

#include "core/friendships/friendship_rules.hpp"
#include "sqlstate_of.hpp"

using namespace hexdb::friendship;
using hexdb::SqlError;

namespace {

const UserId A = {0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x0a};
const UserId B = {0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x0b};
const UserId C = {0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x0c};
constexpr Status kAll[] = {Status::pending, Status::accepted, Status::rejected, Status::blocked};

}  // namespace

TEST(FriendshipRules, UserIdText) {
  EXPECT_EQ(id_text(A), "01900000-0000-7000-8000-00000000000a");
}

TEST(FriendshipRules, StatusNamesRoundTrip) {
  for (Status s : kAll) EXPECT_EQ(parse_status(name(s)), s);
  EXPECT_FALSE(parse_status("Pending"));
  EXPECT_FALSE(parse_status(""));
  EXPECT_EQ(sqlstate_of([] { status_or_refuse("friends"); }), "23514");
}

TEST(FriendshipRules, RefusalsCarrySpecStates) {
  EXPECT_EQ(sqlstate_of([] { refuse_missing_user(A); }), "23503");
  EXPECT_EQ(message_of([] { refuse_missing_user(A); }),
            "user 01900000-0000-7000-8000-00000000000a does not exist");
}

TEST(FriendshipRules, NewRowNeverSelf) {
  for (Status s : kAll) {
    EXPECT_EQ(sqlstate_of([&] { check_new({A, B, s}); }), "") << name(s);
    EXPECT_EQ(sqlstate_of([&] { check_new({A, A, s}); }), "23514") << name(s);
  }
}

// The complete table of status edges with unchanged ids.
TEST(FriendshipRules, TransitionTable) {
  auto allowed = [](Status from, Status to) {
    return sqlstate_of([&] { check_change({A, B, from}, {A, B, to}); }).empty();
  };
  for (Status s : kAll) EXPECT_TRUE(allowed(s, s)) << name(s) << " stays";
  EXPECT_TRUE(allowed(Status::pending, Status::accepted));
  EXPECT_TRUE(allowed(Status::pending, Status::rejected));
  EXPECT_TRUE(allowed(Status::pending, Status::blocked));
  EXPECT_TRUE(allowed(Status::rejected, Status::pending));
  EXPECT_TRUE(allowed(Status::rejected, Status::blocked));
  EXPECT_TRUE(allowed(Status::accepted, Status::blocked));
  EXPECT_FALSE(allowed(Status::accepted, Status::pending));
  EXPECT_FALSE(allowed(Status::accepted, Status::rejected));
  EXPECT_FALSE(allowed(Status::rejected, Status::accepted));
  EXPECT_FALSE(allowed(Status::blocked, Status::pending));
  EXPECT_FALSE(allowed(Status::blocked, Status::accepted));
  EXPECT_FALSE(allowed(Status::blocked, Status::rejected));
  EXPECT_EQ(sqlstate_of([] { check_change({A, B, Status::accepted}, {A, B, Status::pending}); }), "23514");
  EXPECT_NE(message_of([] { check_change({A, B, Status::accepted}, {A, B, Status::pending}); })
                .find("cannot go from accepted to pending"),
            std::string::npos);
}

TEST(FriendshipRules, IdsChangeOnlyInABlock) {
  // The blocker becomes the requester.
  for (Status s : {Status::pending, Status::accepted, Status::rejected})
    EXPECT_EQ(sqlstate_of([&] { check_change({A, B, s}, {B, A, Status::blocked}); }), "") << name(s);
  // Swapping without blocking, moving to another user, becoming self: refused.
  EXPECT_EQ(sqlstate_of([] { check_change({A, B, Status::pending}, {B, A, Status::pending}); }), "23514");
  EXPECT_EQ(sqlstate_of([] { check_change({A, B, Status::rejected}, {B, A, Status::pending}); }), "23514");
  EXPECT_EQ(sqlstate_of([] { check_change({A, B, Status::pending}, {A, C, Status::blocked}); }), "23514");
  EXPECT_EQ(sqlstate_of([] { check_change({A, B, Status::pending}, {A, A, Status::pending}); }), "23514");
  // The blocked one cannot take a block over.
  EXPECT_EQ(sqlstate_of([] { check_change({A, B, Status::blocked}, {B, A, Status::blocked}); }), "23514");
}

TEST(FriendshipRules, Request) {
  Step s = on_request(std::nullopt, A, B);
  EXPECT_EQ(s.write, Write::insert);
  EXPECT_EQ(s.row.requester, A);
  EXPECT_EQ(s.row.status, Status::pending);

  s = on_request(Row{A, B, Status::pending}, A, B);  // asking twice
  EXPECT_EQ(s.write, Write::none);
  EXPECT_EQ(s.row.status, Status::pending);

  s = on_request(Row{B, A, Status::pending}, A, B);  // the receiver had asked first
  EXPECT_EQ(s.write, Write::update);
  EXPECT_EQ(s.row.status, Status::accepted);
  EXPECT_EQ(s.row.requester, B);  // ids unchanged

  s = on_request(Row{A, B, Status::accepted}, B, A);
  EXPECT_EQ(s.write, Write::none);
  EXPECT_EQ(s.row.status, Status::accepted);

  s = on_request(Row{A, B, Status::rejected}, A, B);  // asked again
  EXPECT_EQ(s.write, Write::update);
  EXPECT_EQ(s.row.status, Status::pending);

  s = on_request(Row{B, A, Status::rejected}, A, B);  // the one who rejected asks now
  EXPECT_EQ(s.write, Write::replace);
  EXPECT_EQ(s.row.requester, A);
  EXPECT_EQ(s.row.status, Status::pending);

  EXPECT_EQ(sqlstate_of([] { on_request(Row{B, A, Status::blocked}, A, B); }), "42501");
  EXPECT_EQ(sqlstate_of([] { on_request(Row{A, B, Status::blocked}, A, B); }), "23514");
}

TEST(FriendshipRules, Response) {
  Step s = on_response(Row{A, B, Status::pending}, B, A, true);
  EXPECT_EQ(s.write, Write::update);
  EXPECT_EQ(s.row.status, Status::accepted);
  s = on_response(Row{A, B, Status::pending}, B, A, false);
  EXPECT_EQ(s.row.status, Status::rejected);
  s = on_response(Row{A, B, Status::accepted}, B, A, true);  // repeated answer
  EXPECT_EQ(s.write, Write::none);

  EXPECT_EQ(sqlstate_of([] { on_response(std::nullopt, B, A, true); }), "P0002");
  EXPECT_EQ(sqlstate_of([] { on_response(Row{A, B, Status::pending}, A, B, true); }), "42501");
  EXPECT_EQ(sqlstate_of([] { on_response(Row{A, B, Status::accepted}, B, A, false); }), "P0002");
  EXPECT_EQ(sqlstate_of([] { on_response(Row{A, B, Status::rejected}, B, A, true); }), "P0002");
  EXPECT_EQ(sqlstate_of([] { on_response(Row{A, B, Status::blocked}, B, A, true); }), "P0002");
}

TEST(FriendshipRules, Block) {
  Step s = on_block(std::nullopt, A, B);
  EXPECT_EQ(s.write, Write::insert);
  EXPECT_EQ(s.row.status, Status::blocked);
  s = on_block(Row{B, A, Status::accepted}, A, B);
  EXPECT_EQ(s.write, Write::update);
  EXPECT_EQ(s.row.requester, A);  // the blocker becomes the requester
  EXPECT_EQ(sqlstate_of([&] { check_change({B, A, Status::accepted}, s.row); }), "");
  s = on_block(Row{A, B, Status::blocked}, A, B);
  EXPECT_EQ(s.write, Write::none);
  EXPECT_EQ(sqlstate_of([] { on_block(Row{B, A, Status::blocked}, A, B); }), "42501");
}

TEST(FriendshipRules, Remove) {
  EXPECT_EQ(on_remove(std::nullopt, A, B).write, Write::none);
  for (Status s : {Status::pending, Status::accepted, Status::rejected}) {
    EXPECT_EQ(on_remove(Row{A, B, s}, A, B).write, Write::remove) << name(s);
    EXPECT_EQ(on_remove(Row{A, B, s}, B, A).write, Write::remove) << name(s);
  }
  EXPECT_EQ(on_remove(Row{A, B, Status::blocked}, A, B).write, Write::remove);  // unblock
  EXPECT_EQ(sqlstate_of([] { on_remove(Row{A, B, Status::blocked}, B, A); }), "42501");
}

// Whatever a function decides to write, the trigger lets through.
TEST(FriendshipRules, FunctionsOnlyWriteWhatTheTriggerAllows) {
  for (Status s : kAll)
    for (const Row& cur : {Row{A, B, s}, Row{B, A, s}}) {
      auto check = [&](auto decide) {
        try {
          Step st = decide();
          if (st.write == Write::update) EXPECT_EQ(sqlstate_of([&] { check_change(cur, st.row); }), "");
          if (st.write == Write::insert || st.write == Write::replace)
            EXPECT_EQ(sqlstate_of([&] { check_new(st.row); }), "");
        } catch (const SqlError&) {
        }
      };
      check([&] { return on_request(cur, A, B); });
      check([&] { return on_response(cur, A, B, true); });
      check([&] { return on_response(cur, A, B, false); });
      check([&] { return on_block(cur, A, B); });
    }
}
