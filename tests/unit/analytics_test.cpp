// The staff figures' arithmetic: Python's rounding, the time windows of the growth series, CSV quoting.
#include "domain/analytics.hpp"

#include <gtest/gtest.h>

#include "domain/csv.hpp"

namespace myvod::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;

const Timestamp kReportTime = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 3 / 1)) + hours(9);

TEST(Analytics, RoundsAsPythonDoes) {
  // Ties go to even on the double's exact value: 0.25 is exact (ties down), 0.35 is a little under.
  EXPECT_EQ(round_like_python(0.25, 1), 0.2);
  EXPECT_EQ(round_like_python(0.75, 1), 0.8);
  EXPECT_EQ(round_like_python(0.35, 1), 0.3);
  EXPECT_EQ(round_like_python(2.675, 2), 2.67);
  EXPECT_EQ(percent(1, 3), 33.3);
  EXPECT_EQ(percent(2, 3), 66.7);
  EXPECT_EQ(percent(0, 5), 0.0);
  EXPECT_EQ(percent(3, 0), std::nullopt);
  EXPECT_EQ(average(10, 4), 2.5);
  EXPECT_EQ(average(0, 0), std::nullopt);
}

TEST(Analytics, TopMoviesParametersAndRanges) {
  EXPECT_EQ(parse_top_movies_list("watched"), TopMoviesList::watched);
  EXPECT_EQ(parse_top_movies_list("Watched"), std::nullopt);
  EXPECT_EQ(parse_top_movies_range("30d"), TopMoviesRange::last_30_days);
  EXPECT_EQ(parse_top_movies_range(""), std::nullopt);
  EXPECT_EQ(range_start(TopMoviesRange::last_7_days, kReportTime), kReportTime - days(7));
  EXPECT_EQ(range_start(TopMoviesRange::all, kReportTime), std::nullopt);
}

TEST(Analytics, GrowthCountsDaysFromMidnightAndWeeksFromNow) {
  const Timestamp midnight = kReportTime - hours(9);
  const std::vector<Joiner> joiners{
      {midnight, kReportTime - hours(1)},             // today, at 00:00 exactly
      {midnight - std::chrono::microseconds(1), {}},  // yesterday, the last moment of it
      {kReportTime - days(7), kReportTime},           // the 7-day line, in the oldest-but-one week
      {kReportTime - days(29) - hours(9), {}},        // the first day of the series
      {kReportTime - days(30) - hours(10), {}},       // before the series
  };
  const auto growth = growth_of(joiners, kReportTime);
  EXPECT_EQ(growth.joined_today, 1);
  EXPECT_EQ(growth.joined_last_7_days, 3);
  EXPECT_EQ(growth.joined_last_30_days, 4);
  ASSERT_EQ(growth.per_day.size(), 30u);
  EXPECT_EQ(growth.per_day.front().date, "2026-01-31");
  EXPECT_EQ(growth.per_day.front().count, 1);
  EXPECT_EQ(growth.per_day[28].date, "2026-02-28");
  EXPECT_EQ(growth.per_day[28].count, 1);
  EXPECT_EQ(growth.per_day.back().date, "2026-03-01");
  EXPECT_EQ(growth.per_day.back().count, 1);
  // Week 0 is [now-7d, now): the two of today and yesterday plus the one on its first moment.
  ASSERT_FALSE(growth.retention.empty());
  const auto& last_week = growth.retention.back();
  EXPECT_EQ(last_week.date, "2026-02-22");
  EXPECT_EQ(last_week.within_7_days, 66.7);
  EXPECT_EQ(growth_window_start(kReportTime), kReportTime - std::chrono::weeks(8));
}

TEST(Analytics, DatesAreExactlyYearMonthDay) {
  EXPECT_EQ(parse_utc_date("2024-02-29"), Timestamp(std::chrono::sys_days(std::chrono::year(2024) / 2 / 29)));
  for (const char* bad :
       {"2023-02-29", "2024-2-29", "2024-02-29T00:00", "29-02-2024", "", "2024-13-01", "+024-01-01"}) {
    EXPECT_EQ(parse_utc_date(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(utc_date(kReportTime), "2026-03-01");
}

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  std::string out;
  append_csv_row(out, {"plain", "a,b", "say \"hi\"", "two\nlines", "", "ż"});
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,ż\r\n");
}

}  // namespace
}  // namespace myvod::domain
