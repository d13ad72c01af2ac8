#include "domain/cron.hpp"

#include <gtest/gtest.h>

namespace myvod::domain {
namespace {

Timestamp at(const std::string& text) {
  return *parse_db_timestamp(text);
}

std::string next(const std::string& expression, const std::string& after) {
  const auto schedule = CronSchedule::parse(expression);
  EXPECT_TRUE(schedule) << expression;
  const auto found = schedule->next_after(at(after));
  return found ? to_db_string(*found) : "none";
}

TEST(Cron, NextSlotOfCommonSchedules) {
  // Friday 18:00 UTC, the availability sync's default; 2026-11-30 is a Monday.
  EXPECT_EQ(next("0 18 * * 5", "2026-11-30 10:00:00+00"), "2026-12-04 18:00:00.000000+00");
  EXPECT_EQ(next("0 18 * * 5", "2026-12-04 18:00:00+00"), "2026-12-11 18:00:00.000000+00");  // strictly after
  EXPECT_EQ(next("17 3 * * *", "2026-11-30 03:17:30+00"), "2026-12-01 03:17:00.000000+00");
  EXPECT_EQ(next("*/15 * * * *", "2026-11-30 10:07:00+00"), "2026-11-30 10:15:00.000000+00");
  EXPECT_EQ(next("0 8 * * 1", "2026-12-31 23:59:00+00"), "2027-01-04 08:00:00.000000+00");   // across a year
  EXPECT_EQ(next("0 0 29 2 *", "2026-03-01 00:00:00+00"), "2028-02-29 00:00:00.000000+00");  // a leap day
  EXPECT_EQ(next("0 0 * * 7", "2026-11-30 00:00:00+00"), "2026-12-06 00:00:00.000000+00");   // 7 is Sunday
  EXPECT_EQ(next("30 9-17/4 * * 1-5", "2026-12-04 17:31:00+00"), "2026-12-07 09:30:00.000000+00");
  EXPECT_EQ(next("0 0 31 2 *", "2026-01-01 00:00:00+00"), "none");
}

TEST(Cron, BothDayFieldsRestrictedMeansEither) {
  // The 1st of the month or any Monday, as Vixie cron reads it.
  EXPECT_EQ(next("0 12 1 * 1", "2026-11-24 13:00:00+00"), "2026-11-30 12:00:00.000000+00");  // a Monday
  EXPECT_EQ(next("0 12 1 * 1", "2026-11-30 13:00:00+00"), "2026-12-01 12:00:00.000000+00");  // the 1st
}

TEST(Cron, RefusesMalformedExpressionsByField) {
  EXPECT_EQ(CronSchedule::parse("0 18 * *").error(),
            "a schedule has five fields: minute hour day-of-month month day-of-week");
  EXPECT_EQ(CronSchedule::parse("60 18 * * 5").error(), "the minute field \"60\" is not valid");
  EXPECT_EQ(CronSchedule::parse("0 18 * 13 5").error(), "the month field \"13\" is not valid");
  EXPECT_EQ(CronSchedule::parse("0 18 0 * *").error(), "the day of month field \"0\" is not valid");
  EXPECT_EQ(CronSchedule::parse("*/0 * * * *").error(), "the minute field \"*/0\" is not valid");
  EXPECT_EQ(CronSchedule::parse("5-1 * * * *").error(), "the minute field \"5-1\" is not valid");
  EXPECT_EQ(CronSchedule::parse("a * * * *").error(), "the minute field \"a\" is not valid");
  EXPECT_FALSE(CronSchedule::parse("1,,2 * * * *"));
}

}  // namespace
}  // namespace myvod::domain
