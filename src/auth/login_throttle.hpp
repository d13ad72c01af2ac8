#pragma once
// Brute-force protection for POST /api/token/ (the original server had none): after `max_failures` failed
// logins for one e-mail or one client address within `window`, further attempts are refused until the window
// passes. A success clears the e-mail's failures. State is per process; `now` comes from the server's clock.

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/clock.hpp"

namespace myvod::auth {

class LoginThrottle {
 public:
  LoginThrottle(int max_failures, std::chrono::seconds window);

  // How long the caller must wait, or nothing when the attempt may go ahead.
  std::optional<std::chrono::seconds> retry_after(const std::string& email, const std::string& address,
                                                  Timestamp now);
  void record_failure(const std::string& email, const std::string& address, Timestamp now);
  void record_success(const std::string& email);

 private:
  using Failures = std::deque<Timestamp>;
  std::optional<std::chrono::seconds> wait_for(Failures& failures, Timestamp now) const;
  void forget_stale(Timestamp now);

  int max_failures_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_email_;
  std::unordered_map<std::string, Failures> by_address_;
  Timestamp last_sweep_{};
};

}  // namespace myvod::auth
