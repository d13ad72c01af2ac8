#pragma once
// Spaces out calls to a provider: at most `per_second` calls start in any second, across every thread that
// shares the limiter. Callers wait their turn (a provider's own limit answered with 429 costs more).

#include <chrono>
#include <mutex>
#include <thread>

namespace myvod::clients {

class RateLimiter {
 public:
  explicit RateLimiter(double per_second)
      : interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(per_second > 0 ? 1.0 / per_second : 0.0))) {}

  // Blocks until the caller's turn.
  void acquire() {
    std::chrono::steady_clock::time_point turn;
    {
      std::lock_guard lock(mutex_);
      const auto now = std::chrono::steady_clock::now();
      next_ = std::max(next_, now);
      turn = next_;
      next_ += interval_;
    }
    std::this_thread::sleep_until(turn);
  }

 private:
  std::chrono::steady_clock::duration interval_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point next_{};
};

}  // namespace myvod::clients
