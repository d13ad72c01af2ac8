#include "common/clock.hpp"

#include <fmt/format.h>

#include <charconv>

namespace myvod {

Timestamp now_utc() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

std::int64_t Clock::unix_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

namespace {

struct Parts {
  int year;
  unsigned month, day;
  long long hour, minute, second, micros;
};

Parts split(Timestamp t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{days};
  const auto in_day = t - days;
  const long long micros_of_day = in_day.count();
  return {int(date.year()),
          unsigned(date.month()),
          unsigned(date.day()),
          micros_of_day / 3'600'000'000LL,
          micros_of_day / 60'000'000LL % 60,
          micros_of_day / 1'000'000LL % 60,
          micros_of_day % 1'000'000LL};
}

bool read_number(std::string_view text, size_t position, size_t width, long long& out) {
  if (position + width > text.size()) return false;
  const char* begin = text.data() + position;
  auto [end, error] = std::from_chars(begin, begin + width, out);
  return error == std::errc{} && end == begin + width;
}

std::string iso_with_zone(Timestamp t, std::string_view zone) {
  const Parts p = split(t);
  if (p.micros == 0) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", p.year, p.month, p.day, p.hour, p.minute,
                       p.second, zone);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}{}", p.year, p.month, p.day, p.hour, p.minute,
                     p.second, p.micros, zone);
}
}  // namespace

std::string to_api_string(Timestamp t) {
  return iso_with_zone(t, "Z");
}

std::string to_iso_string(Timestamp t) {
  return iso_with_zone(t, "+00:00");
}

std::string utc_date(Timestamp t) {
  const Parts p = split(t);
  return fmt::format("{:04}-{:02}-{:02}", p.year, p.month, p.day);
}

std::string to_db_string(Timestamp t) {
  const Parts p = split(t);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00", p.year, p.month, p.day, p.hour, p.minute,
                     p.second, p.micros);
}

std::optional<Timestamp> parse_db_timestamp(std::string_view text) {
  long long year, month, day, hour, minute, second;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  if (!read_number(text, 0, 4, year) || !read_number(text, 5, 2, month) || !read_number(text, 8, 2, day) ||
      !read_number(text, 11, 2, hour) || !read_number(text, 14, 2, minute) ||
      !read_number(text, 17, 2, second)) {
    return std::nullopt;
  }
  long long micros = 0;
  size_t position = 19;
  if (position < text.size() && text[position] == '.') {
    ++position;
    int digits = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
      if (digits < 6) {
        micros = micros * 10 + (text[position] - '0');
        ++digits;
      }
      ++position;
    }
    for (; digits < 6; ++digits) micros *= 10;
  }
  const std::string_view zone = text.substr(position);
  if (!(zone.empty() || zone == "Z" || zone == "+00" || zone == "+00:00")) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{int(year)}, std::chrono::month{unsigned(month)},
                                         std::chrono::day{unsigned(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return Timestamp{std::chrono::sys_days{date}} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} + std::chrono::microseconds{micros};
}

}  // namespace myvod
