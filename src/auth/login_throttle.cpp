#include "auth/login_throttle.hpp"

#include <algorithm>

#include "domain/text.hpp"

namespace myvod::auth {

LoginThrottle::LoginThrottle(int max_per_key, int max_per_address, std::chrono::seconds window)
    : max_per_key_(max_per_key), max_per_address_(max_per_address), window_(window) {}

std::optional<std::chrono::seconds> LoginThrottle::wait_for(Attempts* attempts, int limit,
                                                            Timestamp now) const {
  if (!attempts) return std::nullopt;
  while (!attempts->empty() && attempts->front() + window_ <= now) attempts->pop_front();
  if (limit <= 0 || static_cast<int>(attempts->size()) < limit) return std::nullopt;
  // Blocked until the oldest attempt that still counts leaves the window.
  const auto until = (*attempts)[attempts->size() - static_cast<size_t>(limit)] + window_;
  return std::max(std::chrono::seconds{1}, std::chrono::ceil<std::chrono::seconds>(until - now));
}

std::optional<std::chrono::seconds> LoginThrottle::reserve(const std::string& key, const std::string& address,
                                                           Timestamp now) {
  const std::string folded_key = domain::ascii_lower(key);
  std::lock_guard lock(mutex_);
  forget_stale(now);
  auto find = [](auto& table, const std::string& name) {
    auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
  };
  const auto key_wait = wait_for(find(by_key_, folded_key), max_per_key_, now);
  const auto address_wait = wait_for(find(by_address_, address), max_per_address_, now);
  if (key_wait || address_wait)
    return std::max(key_wait.value_or(std::chrono::seconds{0}),
                    address_wait.value_or(std::chrono::seconds{0}));
  by_key_[folded_key].push_back(now);
  by_address_[address].push_back(now);
  return std::nullopt;
}

void LoginThrottle::succeeded(const std::string& key, const std::string& address, Timestamp reserved_at) {
  std::lock_guard lock(mutex_);
  by_key_.erase(domain::ascii_lower(key));
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    auto& attempts = it->second;
    if (auto mine = std::find(attempts.begin(), attempts.end(), reserved_at); mine != attempts.end())
      attempts.erase(mine);
  }
}

void LoginThrottle::forget_stale(Timestamp now) {
  // Keeps memory bounded under a spray of distinct e-mails: at most one sweep per window.
  if (now - last_sweep_ < window_) return;
  last_sweep_ = now;
  for (auto* table : {&by_key_, &by_address_}) {
    for (auto it = table->begin(); it != table->end();) {
      if (it->second.empty() || it->second.back() + window_ <= now)
        it = table->erase(it);
      else
        ++it;
    }
  }
}

}  // namespace myvod::auth
