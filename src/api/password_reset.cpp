// Password reset (api-contract.md §3.7), with authentication disabled as in the original. A reset request
// answers the same 200, at the same moment, whether or not the address has an account, and is rate-limited
// per address and per client; a malformed uid is the "invalid link" 400 (the original answered 500).

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "common/log.hpp"
#include "domain/email.hpp"
#include "domain/mail_templates.hpp"
#include "domain/text.hpp"

namespace myvod::api {

namespace {

constexpr std::string_view kRequestAnswer =
    "Jeśli podany adres email jest powiązany z kontem, otrzymasz wiadomość z linkiem do resetowania hasła.";

// Far above the work's own time (under a millisecond), and unnoticeable to someone who forgot a password.
constexpr std::chrono::milliseconds kRequestAnswerFloor{100};

struct LinkFields {
  std::string uid;
  std::string token;
};

// `uid` and `token`, both required; field errors go to `errors`.
LinkFields link_fields(const boost::json::object& body, FieldErrors& errors) {
  auto uid = required_string(body, "uid", errors);
  auto token = required_string(body, "token", errors);
  return {uid.value_or(""), token.value_or("")};
}

}  // namespace

Handled request_password_reset(Call& call) {
  const auto started = std::chrono::steady_clock::now();
  FieldErrors errors;
  auto email = required_string(call.body(), "email", errors);
  if (email) {
    *email = domain::ascii_lower(domain::strip(*email));
    if (!domain::is_valid_email(*email)) errors.add("email", "Enter a valid email address.");
  }
  errors.throw_if_any();
  // Counted per address and per client whether or not the address has an account, so the limit says
  // nothing about which addresses exist.
  const Timestamp now = call.now();
  if (const auto wait = co_await call.services.reset_limit.reserve(*email, call.meta.client_address, now)) {
    Error error =
        Error::detail(ErrorCode::too_many_requests, "Too many password reset requests. Try again in " +
                                                        std::to_string(wait->count()) + " seconds.");
    error.retry_after_seconds = wait->count();
    throw error;
  }
  if (const auto link = co_await call.services.password_reset.link_for(*email)) {
    // The link is a credential: it goes to the account's mailbox only, never to the log.
    if (auto* mailer = call.services.mailer) {
      if (!mailer->send({domain::password_reset_mail(link->language, link->email, link->url), link->user_id}))
        log::warn("password reset mail dropped: the mail queue is full", {{"user_id", link->user_id}});
    } else {
      log::warn(
          "password reset asked for, but mail is not configured; `myvod users reset-link` prints a link",
          {{"user_id", link->user_id}});
    }
  }
  // An address with an account costs a little more work (the mail); the answer waits for the same moment
  // either way, so its timing does not tell which addresses have one (bench/reset_timing.sh measures it).
  boost::asio::steady_timer floor(co_await boost::asio::this_coro::executor, started + kRequestAnswerFloor);
  co_await floor.async_wait(boost::asio::use_awaitable);
  co_return http::Response::json(200, boost::json::object{{"message", kRequestAnswer}});
}

Handled validate_reset_token(Call& call) {
  FieldErrors errors;
  const auto link = link_fields(call.body(), errors);
  errors.throw_if_any();
  co_await call.services.password_reset.validate(link.uid, link.token);
  co_return http::Response::json(200, boost::json::object{{"message", "Token jest prawidłowy."}});
}

Handled confirm_password_reset(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  const auto link = link_fields(body, errors);
  // The new password is checked first and without the account (no similarity check), as the original does:
  // its problems are reported even when the link is bad.
  const auto password = required_string(body, "new_password", errors);
  if (password) {
    for (const auto& message :
         domain::validate_password(*password, domain::CommonPasswords::bundled(), nullptr))
      errors.add("new_password", message);
  }
  errors.throw_if_any();
  co_await call.services.password_reset.confirm(link.uid, link.token, *password, call.meta.client_address);
  co_return http::Response::json(200, boost::json::object{{"message", "Hasło zostało pomyślnie zmienione."}});
}

}  // namespace myvod::api
