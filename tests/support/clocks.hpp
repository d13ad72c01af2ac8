#pragma once
// Clocks for tests: time-dependent behaviour (token expiry, the login window, job schedules) is tested by
// moving time, never by sleeping.

#include <atomic>
#include <chrono>

#include "common/clock.hpp"

namespace myvod::testing {

// The wall clock plus a shift that a test moves forward. Time keeps flowing, so rows written one after the
// other still get increasing timestamps (for tests of a whole server).
class ShiftedClock final : public Clock {
 public:
  Timestamp now() const override { return now_utc() + std::chrono::microseconds(shift_.load()); }
  void advance(std::chrono::seconds by) { shift_ += std::chrono::microseconds(by).count(); }

 private:
  std::atomic<long long> shift_{0};
};

// A clock that stands still until the test sets it (for tests of schedules).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : micros_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp(std::chrono::microseconds(micros_.load())); }
  void set(Timestamp at) { micros_ = at.time_since_epoch().count(); }
  void advance(std::chrono::microseconds by) { micros_ += by.count(); }

 private:
  std::atomic<long long> micros_;
};

}  // namespace myvod::testing
