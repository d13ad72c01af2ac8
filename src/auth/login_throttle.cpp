#include "auth/login_throttle.hpp"

#include "domain/text.hpp"

namespace myvod::auth {

LoginThrottle::LoginThrottle(int max_failures, std::chrono::seconds window)
    : max_failures_(max_failures), window_(window) {}

std::optional<std::chrono::seconds> LoginThrottle::wait_for(Failures& failures, Timestamp now) const {
  while (!failures.empty() && failures.front() + window_ <= now) failures.pop_front();
  if (max_failures_ <= 0 || static_cast<int>(failures.size()) < max_failures_) return std::nullopt;
  // Blocked until the oldest failure that still counts leaves the window.
  const auto until = failures[failures.size() - static_cast<size_t>(max_failures_)] + window_;
  return std::chrono::ceil<std::chrono::seconds>(until - now);
}

std::optional<std::chrono::seconds> LoginThrottle::retry_after(const std::string& email,
                                                               const std::string& address, Timestamp now) {
  std::lock_guard lock(mutex_);
  std::optional<std::chrono::seconds> wait;
  if (auto it = by_email_.find(domain::ascii_lower(email)); it != by_email_.end())
    wait = wait_for(it->second, now);
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    if (auto address_wait = wait_for(it->second, now); address_wait && (!wait || *address_wait > *wait)) {
      wait = address_wait;
    }
  }
  return wait;
}

void LoginThrottle::record_failure(const std::string& email, const std::string& address, Timestamp now) {
  std::lock_guard lock(mutex_);
  forget_stale(now);
  by_email_[domain::ascii_lower(email)].push_back(now);
  by_address_[address].push_back(now);
}

void LoginThrottle::record_success(const std::string& email) {
  std::lock_guard lock(mutex_);
  by_email_.erase(domain::ascii_lower(email));
}

void LoginThrottle::forget_stale(Timestamp now) {
  // Keeps memory bounded under a spray of distinct e-mails: at most one sweep per window.
  if (now - last_sweep_ < window_) return;
  last_sweep_ = now;
  for (auto* table : {&by_email_, &by_address_}) {
    for (auto it = table->begin(); it != table->end();) {
      if (it->second.empty() || it->second.back() + window_ <= now)
        it = table->erase(it);
      else
        ++it;
    }
  }
}

}  // namespace myvod::auth
