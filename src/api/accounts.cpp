#include "api/fields.hpp"
#include "api/handlers.hpp"

namespace myvod::api {

Handled register_account(Call& call) {
  if (!call.services.registration_open) {
    throw Error::detail(ErrorCode::forbidden,
                        "Registration is closed on this server: ask its operator for an account.");
  }
  const auto& body = call.body();
  service::Registration registration;
  registration.email = required_string(body, "email", registration.errors);
  registration.password = required_string(body, "password", registration.errors);
  registration.client = call.meta.client_address;
  const std::string email = co_await call.services.accounts.register_user(std::move(registration));
  co_return http::Response::json(201, boost::json::object{{"email", email}});
}

}  // namespace myvod::api
