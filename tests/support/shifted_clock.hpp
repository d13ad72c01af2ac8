#pragma once
// The wall clock plus a shift that a test moves forward: time-dependent behaviour (token expiry, the login
// window) is tested by moving time, never by sleeping. Time keeps flowing, so rows written one after the
// other still get increasing timestamps.

#include <atomic>
#include <chrono>

#include "common/clock.hpp"

namespace myvod::testing {

class ShiftedClock final : public Clock {
 public:
  Timestamp now() const override { return now_utc() + std::chrono::microseconds(shift_.load()); }
  void advance(std::chrono::seconds by) { shift_ += std::chrono::microseconds(by).count(); }

 private:
  std::atomic<long long> shift_{0};
};

}  // namespace myvod::testing
