#include <soci/soci.h>

#include <charconv>

#include "store/store.hpp"

namespace myvod::store {

namespace {

// The attempts as the row keeps them: microseconds since the epoch, separated by spaces.
std::string encode(const std::deque<Timestamp>& attempts) {
  std::string text;
  for (const auto at : attempts) {
    if (!text.empty()) text += ' ';
    text += std::to_string(at.time_since_epoch().count());
  }
  return text;
}

std::deque<Timestamp> decode(std::string_view text) {
  std::deque<Timestamp> attempts;
  while (!text.empty()) {
    long long micros = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), micros);
    if (error != std::errc()) break;
    attempts.emplace_back(std::chrono::microseconds(micros));
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    if (!text.empty()) text.remove_prefix(1);
  }
  return attempts;
}

}  // namespace

std::deque<Timestamp> AttemptStore::lock(const std::string& scope, const std::string& subject,
                                         Timestamp expires_at) {
  const std::string expires = to_db_string(expires_at);
  std::string attempts;
  // An upsert whose update changes nothing still takes the row lock on PostgreSQL, and it waits for a
  // concurrent insert of the same subject to commit; on SQLite the write transaction holds the database.
  sql() << "INSERT INTO attempt_window (scope, subject, attempts, expires_at) VALUES (:scope, :subject, '', "
           ":expires) ON CONFLICT (scope, subject) DO UPDATE SET attempts = attempt_window.attempts "
           "RETURNING attempts",
      soci::use(scope), soci::use(subject), soci::use(expires), soci::into(attempts);
  return decode(attempts);
}

void AttemptStore::save(const std::string& scope, const std::string& subject,
                        const std::deque<Timestamp>& attempts, Timestamp expires_at) {
  const std::string text = encode(attempts);
  const std::string expires = to_db_string(expires_at);
  sql() << "UPDATE attempt_window SET attempts = :attempts, expires_at = :expires WHERE scope = :scope AND "
           "subject = :subject",
      soci::use(text), soci::use(expires), soci::use(scope), soci::use(subject);
}

}  // namespace myvod::store
