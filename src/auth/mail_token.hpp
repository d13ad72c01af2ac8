#pragma once
// The signed links myVOD mails, besides the reset link: confirming the address the weekly digest goes to,
// and unsubscribing from it. Nothing is stored: each token is the user's id and an HMAC (keyed by the
// secret key) over its purpose and what it vouches for, so a token of one purpose never passes for another.
//   confirmation  "<uid>.<issued unix seconds>.<mac>": this user, this e-mail, for 3 days
//   unsubscribe   "<uid>.<mac>": this user, without expiry; it can only ever turn mail off

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace myvod::auth {

inline constexpr std::chrono::seconds kConfirmationLifetime{259'200};

class MailTokens {
 public:
  explicit MailTokens(const std::string& secret_key);

  std::string confirmation(const std::string& user_id, const std::string& email, Timestamp now) const;
  // Whether `token` confirms `email` for `user_id`, made less than kConfirmationLifetime ago.
  bool confirms(std::string_view token, const std::string& user_id, const std::string& email,
                Timestamp now) const;

  std::string unsubscribe(const std::string& user_id) const;
  // The user id a valid unsubscribe token names.
  std::optional<std::string> unsubscribes(std::string_view token) const;

 private:
  std::string mac(std::string_view purpose, std::string_view value) const;
  std::string key_;
};

// The user id a token of either kind names, before its signature is checked; nothing when malformed.
std::optional<std::string> mail_token_user(std::string_view token);

}  // namespace myvod::auth
