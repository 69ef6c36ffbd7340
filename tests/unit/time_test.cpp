#include <gtest/gtest.h>

#include "core/time.hpp"

namespace xuefeng::core {
namespace {

TEST(Date, ParsesAndPrintsIsoDates) {
  const auto d = Date::parse("2007-04-09");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2007);
  EXPECT_EQ(d->month(), 4);
  EXPECT_EQ(d->day(), 9);
  EXPECT_EQ(d->to_string(), "2007-04-09");
  EXPECT_EQ(d->iso_weekday(), 1);  // a Monday
  EXPECT_EQ(d->quarter(), 2);
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(Date::parse("2007-02-30"));
  EXPECT_FALSE(Date::parse("2007-13-01"));
  EXPECT_FALSE(Date::parse("2007-4-9"));
  EXPECT_FALSE(Date::parse("2007/04/09"));
  EXPECT_FALSE(Date::parse("2007-04-09x"));
  EXPECT_FALSE(Date::parse(""));
  EXPECT_TRUE(Date::parse("2008-02-29"));
  EXPECT_FALSE(Date::parse("2007-02-29"));
}

TEST(Date, ArithmeticAcrossMonthsAndYears) {
  const auto d = *Date::parse("2007-12-31");
  EXPECT_EQ(d.add_days(1).to_string(), "2008-01-01");
  EXPECT_EQ(*Date::parse("2007-04-11") - *Date::parse("2007-04-09"), 2);
  EXPECT_EQ(Date::parse("2007-01-31")->add_months(1).to_string(), "2007-02-28");
  EXPECT_EQ(Date::parse("2008-01-31")->add_months(1).to_string(), "2008-02-29");
  EXPECT_EQ(Date::parse("2007-11-30")->add_months(3).to_string(), "2008-02-29");
  EXPECT_EQ(Date::parse("2007-03-15")->add_months(-3).to_string(), "2006-12-15");
}

TEST(Timestamp, ParsesRfc3339WithOffsetsAndFractions) {
  const auto a = Timestamp::parse_rfc3339("2007-04-09T08:30:00+08:00");
  const auto b = Timestamp::parse_rfc3339("2007-04-09T00:30:00Z");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  const auto c = Timestamp::parse_rfc3339("2007-04-09T00:30:00.25Z");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->micros() - b->micros(), 250000);
  EXPECT_FALSE(Timestamp::parse_rfc3339("2007-04-09T08:30:00"));  // offset is mandatory
  EXPECT_FALSE(Timestamp::parse_rfc3339("2007-04-09T24:00:00Z"));
  EXPECT_FALSE(Timestamp::parse_rfc3339("2007-04-09 08:30"));
}

TEST(Timestamp, FormatsAndGivesLocalDatesAtAnOffset) {
  const auto t = *Timestamp::parse_rfc3339("2007-04-08T17:30:00Z");
  const UtcOffset beijing{8 * 60};
  EXPECT_EQ(t.to_rfc3339(beijing), "2007-04-09T01:30:00+08:00");
  EXPECT_EQ(t.to_rfc3339(UtcOffset{0}), "2007-04-08T17:30:00Z");
  EXPECT_EQ(t.local_date(beijing).to_string(), "2007-04-09");
  EXPECT_EQ(t.local_date(UtcOffset{0}).to_string(), "2007-04-08");
  EXPECT_EQ(Timestamp::start_of(*Date::parse("2007-04-09"), beijing).to_rfc3339(UtcOffset{0}), "2007-04-08T16:00:00Z");
  // Before 1970 the arithmetic still floors correctly.
  const auto old = *Timestamp::parse_rfc3339("1956-01-01T00:00:00+08:00");
  EXPECT_EQ(old.local_date(beijing).to_string(), "1956-01-01");
  EXPECT_EQ(old.to_rfc3339(beijing), "1956-01-01T00:00:00+08:00");
}

TEST(UtcOffset, ParsesAndPrints) {
  EXPECT_EQ(UtcOffset::parse("+08:00")->minutes, 480);
  EXPECT_EQ(UtcOffset::parse("-05:30")->minutes, -330);
  EXPECT_EQ(UtcOffset::parse("Z")->minutes, 0);
  EXPECT_FALSE(UtcOffset::parse("+8"));
  EXPECT_FALSE(UtcOffset::parse("+24:00"));
  EXPECT_EQ(UtcOffset{-330}.to_string(), "-05:30");
}

}  // namespace
}  // namespace xuefeng::core
