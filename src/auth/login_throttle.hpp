#pragma once
// Limits on repeated attempts (the original server had none): log-ins per e-mail and per client address,
// password-reset requests, confirmation mails. Within `window`, at most `max_per_key` attempts count for one
// key (an e-mail, a user) and `max_per_address` for one client address; beyond either the caller waits until
// the oldest counted attempt leaves the window. The address gets the larger budget, so that one guesser
// behind a shared address (an office, a carrier's NAT) cannot lock out its neighbours.
//
// An attempt is counted when it starts, not when its check ends: a log-in's check is a password hash of a
// quarter second, and counting after it let 60 parallel guesses all be checked against a limit of 5. A
// success gives its attempt back (and forgets the key's failures). State is per process; `now` comes from
// the server's clock.

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
  // 0 turns a limit off.
  LoginThrottle(int max_per_key, int max_per_address, std::chrono::seconds window);

  // Counts an attempt for the key and the address, or, when either is spent, counts nothing and says how
  // long the caller must wait.
  std::optional<std::chrono::seconds> reserve(const std::string& key, const std::string& address,
                                              Timestamp now);
  // The attempt reserved at `reserved_at` succeeded: the key's attempts are forgotten and the address gets
  // this one back.
  void succeeded(const std::string& key, const std::string& address, Timestamp reserved_at);

 private:
  using Attempts = std::deque<Timestamp>;
  std::optional<std::chrono::seconds> wait_for(Attempts* attempts, int limit, Timestamp now) const;
  void forget_stale(Timestamp now);

  int max_per_key_;
  int max_per_address_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Attempts> by_key_;
  std::unordered_map<std::string, Attempts> by_address_;
  Timestamp last_sweep_{};
};

}  // namespace myvod::auth
