#include <gtest/gtest.h>

#include "service/throttle.hpp"

namespace xuefeng::service {
namespace {

core::Timestamp at(std::int64_t s) { return core::Timestamp::from_seconds(1'800'000'000 + s); }

TEST(LoginThrottle, WaitsDoubleAfterTheFreeFailuresAndSuccessForgives) {
  LoginThrottle t;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(t.wait_seconds("Admin", "10.0.0.1", at(i)), 0);
    t.failed("Admin", "10.0.0.1", at(i));
  }
  EXPECT_EQ(t.wait_seconds("admin", "10.0.0.1", at(4)), 0);
  t.failed("admin", "10.0.0.1", at(4));  // the fifth: waits begin, logins compared without case
  EXPECT_EQ(t.wait_seconds("ADMIN", "10.0.0.2", at(4)), 1);
  t.failed("admin", "10.0.0.2", at(5));
  EXPECT_EQ(t.wait_seconds("admin", "10.0.0.3", at(5)), 2);
  t.failed("admin", "10.0.0.3", at(7));
  EXPECT_EQ(t.wait_seconds("admin", "10.0.0.4", at(7)), 4);
  EXPECT_EQ(t.wait_seconds("admin", "10.0.0.4", at(10)), 1);
  EXPECT_EQ(t.wait_seconds("someone-else", "10.0.0.9", at(7)), 0);
  t.succeeded("admin");
  EXPECT_EQ(t.wait_seconds("admin", "10.0.0.5", at(8)), 0);
}

TEST(LoginThrottle, WaitsAreCappedAndFailuresAreForgotten) {
  LoginThrottle t;
  for (int i = 0; i < 40; ++i) t.failed("zhang", "a", at(i));
  EXPECT_EQ(t.wait_seconds("zhang", "b", at(40)), 15 * 60 - 1);
  // A quarter of an hour after the last failure, it is all forgotten.
  EXPECT_EQ(t.wait_seconds("zhang", "b", at(39 + 15 * 60 + 1)), 0);
  t.failed("zhang", "b", at(39 + 15 * 60 + 2));
  EXPECT_EQ(t.wait_seconds("zhang", "b", at(39 + 15 * 60 + 2)), 0);  // counting starts again at one
}

TEST(LoginThrottle, AnAddressGetsMoreRoomThanALogin) {
  LoginThrottle t;
  for (int i = 0; i < 29; ++i) t.failed("user" + std::to_string(i), "office", at(0));
  EXPECT_EQ(t.wait_seconds("new-user", "office", at(0)), 0);
  t.failed("user29", "office", at(0));
  EXPECT_EQ(t.wait_seconds("new-user", "office", at(0)), 1);
  EXPECT_EQ(t.wait_seconds("new-user", "elsewhere", at(0)), 0);
}

}  // namespace
}  // namespace xuefeng::service
