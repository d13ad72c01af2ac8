#include "auth/attempt_rule.hpp"

#include <algorithm>

namespace myvod::auth {

namespace {

std::optional<std::chrono::seconds> wait_for(Attempts& attempts, int limit, std::chrono::seconds window,
                                             Timestamp now) {
  while (!attempts.empty() && attempts.front() + window <= now) attempts.pop_front();
  if (limit <= 0 || static_cast<int>(attempts.size()) < limit) return std::nullopt;
  // Blocked until the oldest attempt that still counts leaves the window.
  const auto until = attempts[attempts.size() - static_cast<size_t>(limit)] + window;
  return std::max(std::chrono::seconds{1}, std::chrono::ceil<std::chrono::seconds>(until - now));
}

}  // namespace

std::optional<std::chrono::seconds> reserve_attempt(const AttemptRule& rule, Attempts& by_key,
                                                    Attempts& by_address, Timestamp now) {
  const auto key_wait = wait_for(by_key, rule.max_per_key, rule.window, now);
  const auto address_wait = wait_for(by_address, rule.max_per_address, rule.window, now);
  if (key_wait || address_wait)
    return std::max(key_wait.value_or(std::chrono::seconds{0}),
                    address_wait.value_or(std::chrono::seconds{0}));
  by_key.push_back(now);
  by_address.push_back(now);
  return std::nullopt;
}

void give_back_attempt(Attempts& by_key, Attempts& by_address, Timestamp reserved_at) {
  by_key.clear();
  if (auto mine = std::find(by_address.begin(), by_address.end(), reserved_at); mine != by_address.end())
    by_address.erase(mine);
}

}  // namespace myvod::auth
