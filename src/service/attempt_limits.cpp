#include "service/attempt_limits.hpp"

#include <sodium.h>

#include "domain/text.hpp"

namespace myvod::service {

namespace {

// "key:" or "address:" and a keyed-free BLAKE2b digest of the value, in hex.
std::string subject(std::string_view kind, std::string_view value) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(kind) + ":" + hex;
}

struct Subjects {
  Subjects(const std::string& key_value, const std::string& address_value)
      : key(subject("key", domain::ascii_lower(key_value))), address(subject("address", address_value)) {}
  std::string key;
  std::string address;
};

// Writes a subject's attempts back, to be dropped when the newest has left the window.
void save(store::AttemptStore& attempts, const std::string& scope, const std::string& subject,
          const auth::Attempts& list, const auth::AttemptRule& rule, Timestamp now) {
  attempts.save(scope, subject, list, (list.empty() ? now : list.back()) + rule.window);
}

}  // namespace

AttemptLimit::AttemptLimit(Runtime& runtime, std::string scope, auth::AttemptRule rule)
    : runtime_(runtime),
      scope_(std::move(scope)),
      rule_(rule),
      refusals_(metrics::registry()
                    .counter("myvod_attempt_limit_refusals_total",
                             "Attempts refused with 429 because a limit was spent, by limit.", {"limit"})
                    .at({scope_})) {}

std::optional<std::chrono::seconds> reserve_attempt_in(store::Store& store, const std::string& scope,
                                                       const auth::AttemptRule& rule, const std::string& key,
                                                       const std::string& address, Timestamp now) {
  const Subjects subjects(key, address);
  const Timestamp expires_at = now + rule.window;
  return store.transaction([&] {
    auto attempts = store.attempts();
    // Every reservation locks the key's row before the address's: one order, so no two wait on each other.
    auto by_key = attempts.lock(scope, subjects.key, expires_at);
    auto by_address = attempts.lock(scope, subjects.address, expires_at);
    const auto wait = auth::reserve_attempt(rule, by_key, by_address, now);
    if (!wait) {
      save(attempts, scope, subjects.key, by_key, rule, now);
      save(attempts, scope, subjects.address, by_address, rule, now);
    }
    return wait;
  });
}

boost::asio::awaitable<std::optional<std::chrono::seconds>> AttemptLimit::reserve(std::string key,
                                                                                  std::string address,
                                                                                  Timestamp now) {
  if (!rule_.limits_anything()) co_return std::nullopt;
  const auto wait = co_await runtime_.db(
      [&](store::Store& store) { return reserve_attempt_in(store, scope_, rule_, key, address, now); });
  if (wait) refusals_.add();
  co_return wait;
}

boost::asio::awaitable<void> AttemptLimit::succeeded(std::string key, std::string address,
                                                     Timestamp reserved_at) {
  if (!rule_.limits_anything()) co_return;
  const Subjects subjects(key, address);
  const Timestamp expires_at = reserved_at + rule_.window;
  co_await runtime_.db([&](store::Store& store) {
    store.transaction([&] {
      auto attempts = store.attempts();
      auto by_key = attempts.lock(scope_, subjects.key, expires_at);
      auto by_address = attempts.lock(scope_, subjects.address, expires_at);
      auth::give_back_attempt(by_key, by_address, reserved_at);
      save(attempts, scope_, subjects.key, by_key, rule_, reserved_at);
      save(attempts, scope_, subjects.address, by_address, rule_, reserved_at);
    });
  });
}

}  // namespace myvod::service
