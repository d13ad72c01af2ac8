#include "service/mail_settings.hpp"

#include "common/error.hpp"
#include "common/log.hpp"
#include "common/url.hpp"

namespace myvod::service {

namespace {

constexpr std::string_view kInvalidLink = "This link is not valid: it may have expired. Ask for a new one.";

Error refusal(std::string_view message) {
  return Error(ErrorCode::invalid_input, boost::json::object{{"error", message}});
}

bool confirmed(const store::MailPreferences& preferences, const std::string& email) {
  return preferences.confirmed_email == email;
}

PreferencesView view_of(const store::MailPreferences& preferences, const std::string& email) {
  return {preferences.email_notifications, preferences.language, confirmed(preferences, email)};
}

}  // namespace

domain::DigestLinks digest_links(const auth::MailTokens& tokens, const MailLinkBase& base,
                                 const std::string& user_id) {
  const std::string token = url_encode_plus(tokens.unsubscribe(user_id));
  return {base.frontend_url + "/app/notifications", base.frontend_url + "/mail/unsubscribe?token=" + token,
          base.public_url + "/api/mail/unsubscribe/?token=" + token};
}

MailSettings::MailSettings(Runtime& runtime, Mailer* mailer, const std::string& secret_key,
                           MailLinkBase links)
    : runtime_(runtime),
      mailer_(mailer),
      tokens_(secret_key),
      links_(std::move(links)),
      confirmations_(runtime, "confirmation",
                     {kConfirmationsPerHour, kConfirmationsPerHour, std::chrono::hours(1)}) {}

boost::asio::awaitable<PreferencesView> MailSettings::get(const domain::User& user) {
  const auto preferences =
      co_await runtime_.db([&](store::Store& store) { return store.preferences().of_user(user.id); });
  co_return view_of(preferences, user.email);
}

boost::asio::awaitable<PreferencesView> MailSettings::change(const domain::User& user,
                                                             const PreferencesChange& change) {
  const bool turning_on = change.email_notifications.value_or(false);
  if (turning_on && !mailer_) {
    throw Error(ErrorCode::invalid_input,
                boost::json::object{
                    {"email_notifications", boost::json::array{"E-mail is not configured on this server."}}});
  }
  const Timestamp now = runtime_.clock().now();
  struct Outcome {
    store::MailPreferences preferences;
    bool wants_confirmation = false;
  };
  const Outcome outcome = co_await runtime_.db([&](store::Store& store) {
    return store.transaction([&] {
      auto preferences = store.preferences().lock(user.id);
      const bool was_on = preferences.email_notifications;
      if (change.email_notifications) preferences.email_notifications = *change.email_notifications;
      if (change.language) preferences.language = *change.language;
      // Turned on again for an address already confirmed: the digest starts from now, not from when it
      // was turned off.
      if (turning_on && !was_on && confirmed(preferences, user.email)) preferences.digest_since = now;
      store.preferences().save(user.id, preferences);
      return Outcome{preferences, turning_on && !confirmed(preferences, user.email)};
    });
  });
  if (outcome.wants_confirmation) {
    // Each confirmation mails the account's inbox: a few an hour are plenty.
    if (!co_await confirmations_.reserve(user.id, user.id, now)) {
      const std::string link = links_.frontend_url + "/mail/confirm?token=" +
                               url_encode_plus(tokens_.confirmation(user.id, user.email, now));
      if (!mailer_->send(
              {domain::confirmation_mail(outcome.preferences.language, user.email, link), user.id}))
        log::warn("confirmation mail dropped: the mail queue is full", {{"user_id", user.id}});
    }
  }
  co_return view_of(outcome.preferences, user.email);
}

boost::asio::awaitable<void> MailSettings::confirm(const std::string& token) {
  const auto user_id = auth::mail_token_user(token);
  if (!user_id) throw refusal(kInvalidLink);
  const Timestamp now = runtime_.clock().now();
  const bool done = co_await runtime_.db([&](store::Store& store) {
    return store.transaction([&] {
      const auto user = store.users().find_by_id(*user_id);
      if (!user || !user->is_active || !tokens_.confirms(token, user->id, user->email, now)) return false;
      auto preferences = store.preferences().lock(user->id);
      // Following the link twice changes nothing the second time.
      if (!confirmed(preferences, user->email)) {
        preferences.confirmed_email = user->email;
        preferences.digest_since = now;
        store.preferences().save(user->id, preferences);
      }
      return true;
    });
  });
  if (!done) throw refusal(kInvalidLink);
}

boost::asio::awaitable<void> MailSettings::unsubscribe(const std::string& token) {
  const auto user_id = tokens_.unsubscribes(token);
  if (!user_id) throw refusal(kInvalidLink);
  co_await runtime_.db([&](store::Store& store) {
    store.transaction([&] {
      if (!store.users().find_by_id(*user_id)) return;  // the account is gone: nothing to stop
      auto preferences = store.preferences().lock(*user_id);
      preferences.email_notifications = false;
      store.preferences().save(*user_id, preferences);
    });
  });
}

}  // namespace myvod::service
