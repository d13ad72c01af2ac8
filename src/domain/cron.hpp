#pragma once
// Five-field cron expressions in UTC ("minute hour day-of-month month day-of-week"), as the MYVOD_*_SCHEDULE
// variables give them: numbers, `*`, ranges `a-b`, lists `a,b` and steps `*/n` or `a-b/n`; day of week 0-7
// with 0 and 7 both Sunday. As in Vixie cron, when both day fields are restricted a day matching either
// one is due.

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/expected.hpp"

namespace myvod::domain {

class CronSchedule {
 public:
  // The reason is a sentence naming the field that is wrong.
  static Expected<CronSchedule, std::string> parse(std::string_view expression);

  // The first whole minute strictly after `after` that matches; nothing when no minute in the next
  // four years does (such as "0 0 31 2 *").
  std::optional<Timestamp> next_after(Timestamp after) const;

  bool matches_day(int day_of_month, int month, int day_of_week) const;

 private:
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     // 1-31
  std::bitset<13> months_;   // 1-12
  std::bitset<8> weekdays_;  // 0-6, Sunday 0
  bool days_restricted_ = false;
  bool weekdays_restricted_ = false;
};

}  // namespace myvod::domain
