#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/platforms.hpp"
#include "auth/jwt.hpp"

namespace myvod::api {

namespace {

http::Response profile_response(const domain::User& user, const std::vector<domain::Platform>& platforms) {
  return http::Response::json(200, boost::json::object{{"email", user.email},
                                                       {"platforms", platforms_to_json(platforms)},
                                                       {"is_staff", user.is_staff}});
}

// The platforms field of PATCH /api/me/: a list of distinct, existing platform ids.
std::vector<int> parse_platform_ids(const boost::json::object& body,
                                    const std::vector<domain::Platform>& known) {
  FieldErrors errors;
  const auto* value = body.if_contains("platforms");
  if (!value)
    errors.add("platforms", "This field is required.");
  else if (value->is_null())
    errors.add("platforms", "This field may not be null.");
  else if (!value->is_array()) {
    errors.add("platforms",
               "Expected a list of items but got type \"" + std::string(python_type_name(*value)) + "\".");
  }
  errors.throw_if_any();

  std::vector<int> ids;
  const auto& items = value->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    const auto number = drf_integer(items[i]);
    if (!number)
      errors.add_at("platforms", i, "A valid integer is required.");
    else if (*number < 1)
      errors.add_at("platforms", i, "Ensure this value is greater than or equal to 1.");
    else
      ids.push_back(*number > INT32_MAX ? INT32_MAX : static_cast<int>(*number));
  }
  errors.throw_if_any();

  if (std::set<int>(ids.begin(), ids.end()).size() != ids.size()) {
    errors.add("platforms", "Platform IDs must be unique");
    errors.throw_if_any();
  }
  std::vector<int> unknown;
  for (int id : ids) {
    const bool exists = std::any_of(known.begin(), known.end(), [id](const auto& p) { return p.id == id; });
    if (!exists) unknown.push_back(id);
  }
  if (!unknown.empty()) {
    std::sort(unknown.begin(), unknown.end());
    errors.add("platforms", fmt::format("Invalid platform IDs: [{}]", fmt::join(unknown, ", ")));
    errors.throw_if_any();
  }
  return ids;
}

}  // namespace

Handled get_profile(Call& call) {
  const auto& user = call.current_user();
  auto platforms = co_await call.db([&](store::Store& store) { return store.platforms().of_user(user.id); });
  co_return profile_response(user, platforms);
}

Handled update_profile(Call& call) {
  const auto& user = call.current_user();
  const auto platforms = co_await call.platforms();
  const std::vector<int> ids = parse_platform_ids(call.body(), *platforms);
  co_await call.db([&](store::Store& store) {
    store.transaction([&] {
      // The account's row first: two changes at once queue on it instead of deadlocking in user_platform, and
      // an account deleted meanwhile is the contract's 401, not a foreign-key failure.
      if (!store.users().lock(user.id)) throw auth::account_gone();
      store.platforms().replace_for_user(user.id, ids);
    });
  });
  std::vector<domain::Platform> chosen;
  for (const auto& platform : *platforms) {
    if (std::find(ids.begin(), ids.end(), platform.id) != ids.end()) chosen.push_back(platform);
  }
  co_return profile_response(user, chosen);
}

Handled delete_account(Call& call) {
  const auto& user = call.current_user();
  co_await call.db([&](store::Store& store) { store.users().remove(user.id); });
  co_return http::Response::no_content();
}

Handled change_password(Call& call) {
  const auto& body = call.body();
  service::PasswordChange change;
  change.current_password = required_string(body, "current_password", change.errors);
  change.new_password = required_string(body, "new_password", change.errors);
  change.client = call.meta.client_address;
  co_await call.services.accounts.change_password(call.current_user(), std::move(change));
  co_return http::Response::json(200, boost::json::object{{"message", "Password changed successfully"}});
}

Handled log_out_everywhere(Call& call) {
  const long long ended = co_await call.services.accounts.log_out_everywhere(call.current_user());
  co_return http::Response::json(200, boost::json::object{{"sessions_ended", ended}});
}

}  // namespace myvod::api
