#pragma once
// Password-reset links: `uid` is the user's id in URL-safe base64, `token` is Django's
// PasswordResetTokenGenerator token ("<timestamp base36>-<hmac>"), so links mailed by the original myVOD
// with the same secret key still work. Nothing is stored: the token signs the user's password hash and last
// log-in, so it stops working once the password changes (single use), and it expires after 3 days.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace myvod::auth {

// What a token signs.
struct ResetSubject {
  std::string user_id;  // uuid with dashes
  std::string password_hash;
  std::optional<Timestamp> last_login;
  std::string email;
};

inline constexpr std::chrono::seconds kResetTokenLifetime{259'200};  // Django's PASSWORD_RESET_TIMEOUT

class ResetTokens {
 public:
  explicit ResetTokens(std::string secret_key) : secret_key_(std::move(secret_key)) {}

  std::string make(const ResetSubject& subject, Timestamp now) const;
  // Whether `token` was made for the subject as it is now, less than kResetTokenLifetime ago.
  bool check(const ResetSubject& subject, std::string_view token, Timestamp now) const;

 private:
  std::string with_timestamp(const ResetSubject& subject, long long timestamp) const;
  std::string secret_key_;
};

// The `uid` of a link: URL-safe base64 of the uuid text, without padding.
std::string encode_reset_uid(std::string_view user_id);
// The uuid a `uid` names, lower-cased; nothing when it is not base64 of a uuid.
std::optional<std::string> decode_reset_uid(std::string_view uid);

}  // namespace myvod::auth
