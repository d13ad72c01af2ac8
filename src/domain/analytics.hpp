#pragma once
// The staff's usage figures (api-contract.md §3.15) as pure functions: the store counts rows, these turn
// the counts into the answer's numbers with the original's rounding and time windows.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace myvod::domain {

// Python's round(value, digits): the nearest decimal, ties to even on the double's exact value.
double round_like_python(double value, int digits);

// part / whole x 100, rounded to one decimal; nothing when `whole` is 0 (the answer then shows the integer
// 0).
std::optional<double> percent(long long part, long long whole);

// The average of `total` over `count`, rounded to two decimals; nothing when `count` is 0.
std::optional<double> average(long long total, long long count);

// GET top-movies/ `type` and `range`.
enum class TopMoviesList { watchlist, watched };
enum class TopMoviesRange { last_7_days, last_30_days, all };

std::optional<TopMoviesList> parse_top_movies_list(std::string_view text);
std::optional<TopMoviesRange> parse_top_movies_range(std::string_view text);
// The earliest moment counted; nothing for `all`.
std::optional<Timestamp> range_start(TopMoviesRange range, Timestamp now);

// A user who joined recently, with the first time they put a movie on the watchlist.
struct Joiner {
  Timestamp joined;
  std::optional<Timestamp> first_watchlisted;
};

struct DayCount {
  std::string date;  // YYYY-MM-DD (UTC)
  long long count = 0;
};

// A weekly cohort: the share of its users who watchlisted a movie within 7 and 30 days of the week's start.
struct RetentionPoint {
  std::string date;  // the week's first day
  double within_7_days = 0;
  double within_30_days = 0;
};

struct Growth {
  long long joined_today = 0;  // since 00:00 UTC
  long long joined_last_7_days = 0;
  long long joined_last_30_days = 0;
  std::vector<DayCount> per_day;          // the last 30 days, oldest first, today last
  std::vector<RetentionPoint> retention;  // the last 8 weeks that had sign-ups, oldest first
};

// Every figure above needs only the users who joined since this moment (eight weeks back).
Timestamp growth_window_start(Timestamp now);

// The sign-up figures of the active users who joined since growth_window_start(now).
Growth growth_of(const std::vector<Joiner>& joiners, Timestamp now);

// "YYYY-MM-DD" as the start of that UTC day; nothing when the text is not such a date.
std::optional<Timestamp> parse_utc_date(std::string_view text);

}  // namespace myvod::domain
