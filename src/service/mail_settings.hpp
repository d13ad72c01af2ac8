#pragma once
// A user's mail settings (/api/me/preferences/) and the links mailed for them. Turning e-mail notifications
// on mails a confirmation link to the account's address; the weekly digest goes only to an address whose
// link was followed, so nobody can sign up a stranger's inbox. Unsubscribing takes a signed link and no
// log-in. Refusals are thrown as Errors.

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "auth/mail_token.hpp"
#include "domain/mail_templates.hpp"
#include "domain/user.hpp"
#include "service/attempt_limits.hpp"
#include "service/mail.hpp"
#include "service/runtime.hpp"

namespace myvod::service {

// Where mailed links point: the web UI's pages (frontend) and, for RFC 8058's one-click POST, the API.
struct MailLinkBase {
  std::string frontend_url;
  std::string public_url;
};

struct PreferencesView {
  bool email_notifications = false;
  std::string language;
  bool email_confirmed = false;  // the digest goes out: the current address was confirmed
};

struct PreferencesChange {
  std::optional<bool> email_notifications;
  std::optional<std::string> language;  // checked by the caller: "pl" or "en"
};

class MailSettings {
 public:
  // `mailer` is nothing when mail is not configured.
  MailSettings(Runtime& runtime, Mailer* mailer, const std::string& secret_key, MailLinkBase links);

  bool mail_configured() const { return mailer_ != nullptr; }

  boost::asio::awaitable<PreferencesView> get(const domain::User& user);
  // Applies the change; turning e-mail on for an unconfirmed address mails the confirmation link (asking
  // again while it is unconfirmed mails it again, at most kConfirmationsPerHour times).
  boost::asio::awaitable<PreferencesView> change(const domain::User& user, const PreferencesChange& change);
  // Follows a confirmation link: 400 {"error": ...} when it is wrong, expired, or for an old address.
  boost::asio::awaitable<void> confirm(const std::string& token);
  // Turns e-mail off for the link's user: 400 {"error": ...} when the link is wrong.
  boost::asio::awaitable<void> unsubscribe(const std::string& token);

  static constexpr int kConfirmationsPerHour = 3;

 private:
  Runtime& runtime_;
  Mailer* mailer_;
  const auth::MailTokens tokens_;
  const MailLinkBase links_;
  AttemptLimit confirmations_;
};

// The digest's links for a user (the unsubscribe ones signed).
domain::DigestLinks digest_links(const auth::MailTokens& tokens, const MailLinkBase& base,
                                 const std::string& user_id);

}  // namespace myvod::service
