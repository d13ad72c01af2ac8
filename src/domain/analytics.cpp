#include "domain/analytics.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace myvod::domain {

namespace {

using std::chrono::days;
using std::chrono::weeks;

constexpr int kDaysInSeries = 30;
constexpr int kRetentionWeeks = 8;

Timestamp start_of_day(Timestamp t) {
  return std::chrono::floor<days>(t);
}

}  // namespace

double round_like_python(double value, int digits) {
  // printf rounds the exact binary value, ties to even, as CPython's round() does; reading the digits back
  // gives the double Python would print.
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return std::strtod(text, nullptr);
}

std::optional<double> percent(long long part, long long whole) {
  if (whole == 0) return std::nullopt;
  return round_like_python(static_cast<double>(part) / static_cast<double>(whole) * 100.0, 1);
}

std::optional<double> average(long long total, long long count) {
  if (count == 0) return std::nullopt;
  return round_like_python(static_cast<double>(total) / static_cast<double>(count), 2);
}

std::optional<TopMoviesList> parse_top_movies_list(std::string_view text) {
  if (text == "watchlist") return TopMoviesList::watchlist;
  if (text == "watched") return TopMoviesList::watched;
  return std::nullopt;
}

std::optional<TopMoviesRange> parse_top_movies_range(std::string_view text) {
  if (text == "7d") return TopMoviesRange::last_7_days;
  if (text == "30d") return TopMoviesRange::last_30_days;
  if (text == "all") return TopMoviesRange::all;
  return std::nullopt;
}

std::optional<Timestamp> range_start(TopMoviesRange range, Timestamp now) {
  switch (range) {
    case TopMoviesRange::last_7_days:
      return now - days(7);
    case TopMoviesRange::last_30_days:
      return now - days(30);
    case TopMoviesRange::all:
      break;
  }
  return std::nullopt;
}

Timestamp growth_window_start(Timestamp now) {
  return now - weeks(kRetentionWeeks);
}

Growth growth_of(const std::vector<Joiner>& joiners, Timestamp now) {
  Growth growth;
  const Timestamp today = start_of_day(now);
  const Timestamp first_day = today - days(kDaysInSeries - 1);
  std::vector<long long> per_day(kDaysInSeries, 0);
  for (const auto& joiner : joiners) {
    if (joiner.joined >= today) ++growth.joined_today;
    if (joiner.joined >= now - days(7)) ++growth.joined_last_7_days;
    if (joiner.joined >= now - days(30)) ++growth.joined_last_30_days;
    if (joiner.joined >= first_day && joiner.joined < today + days(1)) {
      ++per_day[std::chrono::floor<days>(joiner.joined - first_day).count()];
    }
  }
  for (int day = 0; day < kDaysInSeries; ++day) {
    growth.per_day.push_back({utc_date(first_day + days(day)), per_day[day]});
  }
  // Oldest week first: week i starts i+1 weeks before now.
  for (int week = kRetentionWeeks - 1; week >= 0; --week) {
    const Timestamp start = now - weeks(week + 1);
    long long cohort = 0, within_7 = 0, within_30 = 0;
    for (const auto& joiner : joiners) {
      if (joiner.joined < start || joiner.joined >= start + weeks(1)) continue;
      ++cohort;
      if (joiner.first_watchlisted && *joiner.first_watchlisted <= start + days(7)) ++within_7;
      if (joiner.first_watchlisted && *joiner.first_watchlisted <= start + days(30)) ++within_30;
    }
    if (cohort == 0) continue;
    growth.retention.push_back({utc_date(start), *percent(within_7, cohort), *percent(within_30, cohort)});
  }
  return growth;
}

std::optional<Timestamp> parse_utc_date(std::string_view text) {
  // Exactly YYYY-MM-DD, as Python's strptime("%Y-%m-%d") reads a date typed by a person.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const auto read = [&](size_t from, size_t width, auto& out) {
    const char* begin = text.data() + from;
    const auto [end, error] = std::from_chars(begin, begin + width, out);
    return error == std::errc{} && end == begin + width;
  };
  if (!read(0, 4, year) || !read(5, 2, month) || !read(8, 2, day)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return Timestamp(std::chrono::sys_days(date));
}

}  // namespace myvod::domain
