#pragma once
// The limits on repeated attempts (auth/attempt_rule.hpp) with their counts in the database, one budget
// for every server on it: behind a balancer, N servers keeping their own counts would allow N times the
// limit. A reservation is one short transaction that locks the subject's row (store::AttemptStore), never a
// session's advisory lock, which a PgBouncer in transaction mode would break. SQLite, with one writer at a
// time, gets the same code.
//
// The subjects are kept as hashes: the database holds no list of the e-mails and addresses that failed to
// log in, and a megabyte-long "e-mail" costs a row of 32 characters.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "auth/attempt_rule.hpp"
#include "common/metrics.hpp"
#include "service/runtime.hpp"

namespace myvod::service {

class AttemptLimit {
 public:
  // `scope` names the limit in the database and in /metrics ("login", "password_reset", ...).
  AttemptLimit(Runtime& runtime, std::string scope, auth::AttemptRule rule);

  // Counts an attempt for `key` (an e-mail, a user id; compared without ASCII case) and `address`, or, when
  // either budget is spent, counts nothing and says how long the caller must wait.
  boost::asio::awaitable<std::optional<std::chrono::seconds>> reserve(std::string key, std::string address,
                                                                      Timestamp now);
  // The attempt reserved at `reserved_at` succeeded: the key's attempts are forgotten and the address gets
  // this one back.
  boost::asio::awaitable<void> succeeded(std::string key, std::string address, Timestamp reserved_at);

 private:
  Runtime& runtime_;
  std::string scope_;
  auth::AttemptRule rule_;
  metrics::Counter& refusals_;
};

// One reservation in its own transaction on `store`: what AttemptLimit::reserve runs on a pooled connection.
std::optional<std::chrono::seconds> reserve_attempt_in(store::Store& store, const std::string& scope,
                                                       const auth::AttemptRule& rule, const std::string& key,
                                                       const std::string& address, Timestamp now);

}  // namespace myvod::service
