#pragma once
// Timestamps: microsecond UTC time points, their JSON form (DRF style) and their database form.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace myvod {

using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

Timestamp now_utc();

// The time everything above domain/ asks for (token lifetimes, the login window, job schedules), passed in
// so that tests move time instead of sleeping. Domain rules take `now` as an argument instead.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;

  std::int64_t unix_seconds() const;
};

// The wall clock, in UTC.
class SystemClock final : public Clock {
 public:
  Timestamp now() const override { return now_utc(); }
};

// One shared instance: a process has one wall clock.
const Clock& system_clock();

// DRF style: "2026-11-21T05:33:23.851727Z"; the fraction is omitted when it is zero.
std::string to_api_string(Timestamp t);

// Python's datetime.isoformat() of an aware UTC time: "2026-11-21T05:33:23.851727+00:00", the fraction
// omitted when it is zero (the admin analytics answers use this form).
std::string to_iso_string(Timestamp t);

// "YYYY-MM-DD": the UTC day of a time.
std::string utc_date(Timestamp t);

// One fixed-width form for both engines ("2026-11-21 05:33:23.851727+00"), so SQLite text sorts in
// time order and PostgreSQL reads it as timestamptz.
std::string to_db_string(Timestamp t);

// Accepts what either engine returns: "YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z|+00|+00:00]".
std::optional<Timestamp> parse_db_timestamp(std::string_view text);

}  // namespace myvod
