#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "common/random.hpp"
#include "domain/email.hpp"
#include "domain/text.hpp"

namespace myvod::api {

namespace {
constexpr std::string_view kEmailTaken = "Użytkownik o tym emailu już istnieje";
constexpr size_t kMaxEmailLength = 254;
}  // namespace

Handled register_account(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  std::optional<std::string> email = required_string(body, "email", errors);
  const std::optional<std::string> password = required_string(body, "password", errors);
  if (email) {
    *email = domain::ascii_lower(*email);
    if (!domain::is_valid_email(*email)) {
      errors.add("email", "Enter a valid email address.");
    } else if (email->size() > kMaxEmailLength) {
      errors.add("email", "Ensure this field has no more than 254 characters.");
    } else if (co_await call.db([&](store::Store& store) { return store.email_taken(*email); })) {
      errors.add("email", kEmailTaken);
    }
  }
  if (password) {
    for (const auto& message :
         domain::validate_password(*password, call.services.common_passwords, nullptr)) {
      errors.add("password", message);
    }
  }
  errors.throw_if_any();

  const std::string hash = co_await call.hashing([&] { return call.services.hasher.hash(*password); });
  const store::NewUser user{random_uuid4(), *email, hash, false, now_utc()};
  // The unique indexes decide a race between two registrations of one address.
  if (!co_await call.db([&](store::Store& store) { return store.insert_user(user); })) {
    FieldErrors taken;
    taken.add("email", kEmailTaken);
    taken.throw_if_any();
  }
  co_return http::Response::json(201, boost::json::object{{"email", *email}});
}

}  // namespace myvod::api
