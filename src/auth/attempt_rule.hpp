#pragma once
// Limits on repeated attempts (the original server had none): log-ins per e-mail and per client address,
// password-reset requests, confirmation mails. Within `window`, at most `max_per_key` attempts count for one
// key (an e-mail, a user) and `max_per_address` for one client address; beyond either the caller waits until
// the oldest counted attempt leaves the window. The address gets the larger budget, so that one guesser
// behind a shared address (an office, a carrier's NAT) cannot lock out its neighbours.
//
// An attempt is counted when it starts, not when its check ends: a log-in's check is a password hash of a
// quarter second, and counting after it let 60 parallel guesses all be checked against a limit of 5. A
// success gives its attempt back (and forgets the key's failures).
//
// These are the rules alone, on the two lists of attempts; service/attempt_limits.hpp keeps the lists in
// the database, so that every server on it counts against one budget.

#include <chrono>
#include <deque>
#include <optional>

#include "common/clock.hpp"

namespace myvod::auth {

using Attempts = std::deque<Timestamp>;  // the counted attempts, oldest first

struct AttemptRule {
  int max_per_key = 0;  // 0 turns a limit off
  int max_per_address = 0;
  std::chrono::seconds window{0};

  bool limits_anything() const { return max_per_key > 0 || max_per_address > 0; }
};

// One more attempt for a key and an address whose counted attempts are `by_key` and `by_address`. Attempts
// that left the window are dropped from both; then either `now` is counted in both, or, when either budget
// is spent, nothing is counted and the answer is how long the caller must wait (at least a second).
std::optional<std::chrono::seconds> reserve_attempt(const AttemptRule& rule, Attempts& by_key,
                                                    Attempts& by_address, Timestamp now);

// The attempt reserved at `reserved_at` succeeded: the key's attempts are forgotten and the address gets
// this one back.
void give_back_attempt(Attempts& by_key, Attempts& by_address, Timestamp reserved_at);

}  // namespace myvod::auth
