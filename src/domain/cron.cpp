#include "domain/cron.hpp"

#include <charconv>
#include <vector>

namespace myvod::domain {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Sets the values of one field in `bits`; false when the field is malformed or out of [low, high].
bool parse_field(std::string_view field, int low, int high, std::vector<bool>& bits) {
  for (const auto item : split(field, ',')) {
    std::string_view range = item;
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      const auto parsed = number(item.substr(slash + 1));
      if (!parsed || *parsed < 1) return false;
      step = *parsed;
      range = item.substr(0, slash);
    }
    int first = low, last = high;
    if (range != "*") {
      const auto dash = range.find('-');
      const auto start = number(range.substr(0, dash));
      if (!start) return false;
      first = *start;
      last = *start;
      if (dash != std::string_view::npos) {
        const auto end = number(range.substr(dash + 1));
        if (!end) return false;
        last = *end;
      } else if (step != 1) {
        last = high;  // "5/15" means from 5 to the end in steps of 15
      }
    }
    if (first < low || last > high || first > last) return false;
    for (int value = first; value <= last; value += step) bits[size_t(value)] = true;
  }
  return true;
}

template <size_t N>
std::bitset<N> to_bits(const std::vector<bool>& values) {
  std::bitset<N> bits;
  for (size_t i = 0; i < N && i < values.size(); ++i) bits[i] = values[i];
  return bits;
}

}  // namespace

Expected<CronSchedule, std::string> CronSchedule::parse(std::string_view expression) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < expression.size()) {
    while (i < expression.size() && (expression[i] == ' ' || expression[i] == '\t')) ++i;
    const size_t start = i;
    while (i < expression.size() && expression[i] != ' ' && expression[i] != '\t') ++i;
    if (i > start) fields.push_back(expression.substr(start, i - start));
  }
  if (fields.size() != 5)
    return unexpected(std::string("a schedule has five fields: minute hour day-of-month month day-of-week"));
  static constexpr const char* kNames[] = {"minute", "hour", "day of month", "month", "day of week"};
  static constexpr int kLow[] = {0, 0, 1, 1, 0};
  static constexpr int kHigh[] = {59, 23, 31, 12, 7};
  std::vector<std::vector<bool>> values;
  for (size_t field = 0; field < 5; ++field) {
    values.emplace_back(size_t(kHigh[field]) + 1, false);
    if (!parse_field(fields[field], kLow[field], kHigh[field], values.back()))
      return unexpected("the " + std::string(kNames[field]) + " field \"" + std::string(fields[field]) +
                        "\" is not valid");
  }
  CronSchedule schedule;
  schedule.minutes_ = to_bits<60>(values[0]);
  schedule.hours_ = to_bits<24>(values[1]);
  schedule.days_ = to_bits<32>(values[2]);
  schedule.months_ = to_bits<13>(values[3]);
  if (values[4][7]) values[4][0] = true;  // 7 is Sunday too
  schedule.weekdays_ = to_bits<8>(values[4]);
  schedule.days_restricted_ = fields[2] != "*";
  schedule.weekdays_restricted_ = fields[4] != "*";
  return schedule;
}

bool CronSchedule::matches_day(int day_of_month, int month, int day_of_week) const {
  if (!months_[size_t(month)]) return false;
  const bool day = days_[size_t(day_of_month)];
  const bool weekday = weekdays_[size_t(day_of_week)];
  if (days_restricted_ && weekdays_restricted_) return day || weekday;
  return day && weekday;
}

std::optional<Timestamp> CronSchedule::next_after(Timestamp after) const {
  using namespace std::chrono;
  auto minute = floor<minutes>(after) + minutes(1);
  const auto limit = minute + days(4 * 366);
  while (minute < limit) {
    const auto day = floor<days>(minute);
    const year_month_day date{day};
    const int day_of_week = int(weekday{day}.c_encoding());
    if (!matches_day(int(unsigned(date.day())), int(unsigned(date.month())), day_of_week)) {
      minute = day + days(1);
      continue;
    }
    const auto in_day = duration_cast<minutes>(minute - day).count();
    for (long long m = in_day; m < 24 * 60; ++m) {
      if (hours_[size_t(m / 60)] && minutes_[size_t(m % 60)]) return Timestamp(day + minutes(m));
    }
    minute = day + days(1);
  }
  return std::nullopt;
}

}  // namespace myvod::domain
