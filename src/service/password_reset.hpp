#pragma once
// Password reset (api-contract.md §3.7): the link for an account, checking a link, and setting the new
// password through it. A link is a credential: it is returned to the caller (the mail, or the operator's
// `myvod users reset-link`) and never logged. Refusals are thrown as Errors with the contract's bodies.

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "auth/password_hasher.hpp"
#include "auth/reset_token.hpp"
#include "service/runtime.hpp"

namespace myvod::service {

struct ResetLink {
  std::string user_id;
  std::string email;
  std::string url;       // {frontend}/auth/reset-password?uid=...&token=...
  std::string language;  // of the account's mails
};

class PasswordReset {
 public:
  // The new password comes checked by the validators (the API does it first, as the original does).
  PasswordReset(Runtime& runtime, const auth::PasswordHasher& hasher, const std::string& secret_key,
                std::string frontend_url)
      : runtime_(runtime), hasher_(hasher), tokens_(secret_key), frontend_url_(std::move(frontend_url)) {}

  // The link for the active account with this e-mail (case-insensitively); nothing when there is none.
  boost::asio::awaitable<std::optional<ResetLink>> link_for(const std::string& email);

  // 400 {"error": ...} for a uid that names no active account, or a token that is wrong, used or expired.
  boost::asio::awaitable<void> validate(const std::string& uid, const std::string& token);

  // Sets the new password (already checked by the validators) when the link holds, and ends every session
  // of the account (its refresh tokens are blacklisted). Two confirmations of one link at once: one wins,
  // the other finds the link used. `client` is the caller's address, whose turn the hashing takes.
  boost::asio::awaitable<void> confirm(const std::string& uid, const std::string& token,
                                       const std::string& new_password, const std::string& client);

 private:
  // The account behind a valid link, or the refusal thrown.
  boost::asio::awaitable<domain::User> holder_of(const std::string& uid, const std::string& token);

  Runtime& runtime_;
  const auth::PasswordHasher& hasher_;
  const auth::ResetTokens tokens_;
  const std::string frontend_url_;
};

}  // namespace myvod::service
