// A user's mail settings, beside /api/me/ (which keeps exactly the original's keys): whether the weekly
// e-mail digest is on and the language of mails. DRF-style field errors.

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "domain/mail_templates.hpp"

namespace myvod::api {

namespace {

http::Response preferences_json(const service::PreferencesView& view) {
  return http::Response::json(200, boost::json::object{{"email_notifications", view.email_notifications},
                                                       {"language", view.language},
                                                       {"email_confirmed", view.email_confirmed}});
}

}  // namespace

Handled get_preferences(Call& call) {
  co_return preferences_json(co_await call.services.mail_settings.get(call.current_user()));
}

Handled update_preferences(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  service::PreferencesChange change;
  if (const auto* value = body.if_contains("email_notifications")) {
    if (value->is_null()) {
      errors.add("email_notifications", "This field may not be null.");
    } else if (const auto on = drf_boolean_value(*value)) {
      change.email_notifications = *on;
    } else {
      errors.add("email_notifications", "Must be a valid boolean.");
    }
  }
  if (const auto* value = body.if_contains("language")) {
    if (value->is_string() && domain::is_mail_language(value->get_string())) {
      change.language = std::string(value->get_string());
    } else if (value->is_null()) {
      errors.add("language", "This field may not be null.");
    } else {
      errors.add(
          "language",
          "\"" + (value->is_string() ? std::string(value->get_string()) : boost::json::serialize(*value)) +
              "\" is not a valid choice.");
    }
  }
  errors.throw_if_any();
  co_return preferences_json(co_await call.services.mail_settings.change(call.current_user(), change));
}

}  // namespace myvod::api
