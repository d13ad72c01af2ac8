// /api/notifications/: "now streaming on your services" (design.md §12), always the caller's own. The list
// pages like the two movie lists; marking read takes ids (others' ids are ignored) or everything.

#include "api/handlers.hpp"
#include "api/listing.hpp"

namespace myvod::api {

namespace {

boost::json::object notification_to_json(const store::Notification& notification) {
  return {{"id", notification.id},
          {"created_at", to_api_string(notification.created_at)},
          {"read_at", notification.read_at ? boost::json::value(to_api_string(*notification.read_at))
                                           : boost::json::value(nullptr)},
          {"movie", movie_to_json(notification.movie)},
          {"platform", boost::json::object{{"id", notification.platform.id},
                                           {"platform_slug", notification.platform.slug},
                                           {"platform_name", notification.platform.name}}}};
}

// {"ids": [1, 2]} or {"all": true}: the ids to mark, empty for all.
std::vector<long long> ids_to_mark(const boost::json::object& body) {
  const auto* ids = body.if_contains("ids");
  const auto* all = body.if_contains("all");
  const bool everything = all && all->is_bool() && all->as_bool();
  if (all && !all->is_bool()) {
    FieldErrors errors;
    errors.add("all", "Must be a valid boolean.");
    errors.throw_if_any();
  }
  if ((ids != nullptr) == everything)
    throw Error(
        ErrorCode::invalid_input,
        boost::json::object{{"non_field_errors", boost::json::array{"Give either ids or all, not both."}}});
  if (everything) return {};
  std::vector<long long> marked;
  const bool list = ids->is_array();
  if (list) {
    for (const auto& id : ids->as_array()) {
      if (!id.is_int64() || id.as_int64() < 1) {
        marked.clear();
        break;
      }
      marked.push_back(id.as_int64());
    }
  }
  if (!list || marked.size() != ids->as_array().size()) {
    FieldErrors errors;
    errors.add("ids", "Expected a list of notification ids.");
    errors.throw_if_any();
  }
  return marked;
}

}  // namespace

Handled list_notifications(Call& call) {
  FieldErrors errors;
  const bool unread_only = boolean_param(call.target.query, "unread", errors).value_or(false);
  const PageRequest page = page_param(call.target.query, errors);
  errors.throw_if_any();
  const std::string user_id = call.current_user().id;
  auto fetched = co_await call.db([&](store::Store& store) {
    auto notifications = store.notifications();
    return fetch_page(
        page,
        [&](long long offset, int limit) { return notifications.page(user_id, unread_only, offset, limit); },
        [&] { return notifications.count(user_id, unread_only); });
  });
  boost::json::array results;
  for (const auto& notification : fetched.slice.items) results.push_back(notification_to_json(notification));
  co_return http::Response::json(
      200, page_envelope(call, fetched.window, fetched.slice.total, std::move(results)));
}

Handled count_unread_notifications(Call& call) {
  const std::string user_id = call.current_user().id;
  const auto count =
      co_await call.db([&](store::Store& store) { return store.notifications().count(user_id, true); });
  co_return http::Response::json(200, boost::json::object{{"count", count}});
}

Handled mark_notifications_read(Call& call) {
  const auto ids = ids_to_mark(call.body());
  const bool everything = !call.body().contains("ids");
  const std::string user_id = call.current_user().id;
  const Timestamp now = call.now();
  long long updated = 0;
  if (everything || !ids.empty()) {
    updated = co_await call.db(
        [&](store::Store& store) { return store.notifications().mark_read(user_id, ids, now); });
  }
  co_return http::Response::json(200, boost::json::object{{"updated", updated}});
}

}  // namespace myvod::api
