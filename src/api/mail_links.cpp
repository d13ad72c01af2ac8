// The links myVOD mails, answered without a log-in: confirming the digest's address, and unsubscribing.
// Both change state, so both are POSTs: the web UI's pages send them when the user confirms, and a mail
// scanner that follows every link (GET) changes nothing. Unsubscribing also takes RFC 8058's one-click
// POST, which mail clients send to the List-Unsubscribe URL with the token in its query string and a form
// body ("List-Unsubscribe=One-Click") that there is nothing to read from.

#include "api/fields.hpp"
#include "api/handlers.hpp"

namespace myvod::api {

namespace {

// The token from the query string, else from the JSON body.
std::string link_token(Call& call) {
  if (auto token = call.target.query.get("token")) return *token;
  FieldErrors errors;
  auto token = required_string(call.body(), "token", errors);
  errors.throw_if_any();
  return *token;
}

}  // namespace

Handled confirm_mail_address(Call& call) {
  co_await call.services.mail_settings.confirm(link_token(call));
  co_return http::Response::json(200, boost::json::object{{"message", "E-mail address confirmed."}});
}

Handled unsubscribe_from_mail(Call& call) {
  co_await call.services.mail_settings.unsubscribe(link_token(call));
  co_return http::Response::json(200, boost::json::object{{"message", "Unsubscribed."}});
}

}  // namespace myvod::api
