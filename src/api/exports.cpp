// A user's data to take away: the watched history and the watchlist in IMDb's two export formats (each
// imports back here and into IMDb-aware services), and everything the user owns as one JSON document.

#include <fmt/format.h>

#include <limits>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/listing.hpp"
#include "api/platforms.hpp"

namespace myvod::api {

namespace {

std::string dated_name(const Call& call, std::string_view what, std::string_view extension) {
  return fmt::format("myvod-{}-{}.{}", what, utc_date(call.now()), extension);
}

template <class Write>
Handled export_lists(Call& call, std::string_view what, Write write) {
  const auto movies = co_await call.db(
      [&](store::Store& store) { return store.user_movies().exported(call.current_user().id); });
  auto response = attachment_response(kCsv, dated_name(call, what, "csv"));
  response.body = write(movies);
  co_return response;
}

}  // namespace

Handled export_ratings(Call& call) {
  return export_lists(call, "ratings", domain::imdb_ratings_csv);
}

Handled export_watchlist(Call& call) {
  return export_lists(call, "watchlist", domain::imdb_watchlist_csv);
}

Handled export_my_data(Call& call) {
  const auto& user = call.current_user();
  struct Owned {
    store::MailPreferences preferences;
    std::vector<domain::Platform> platforms;
    std::vector<domain::OwnedMovie> movies;
    store::NotificationSlice notifications;
  };
  const auto owned = co_await call.db([&](store::Store& store) {
    return store.transaction([&] {
      return Owned{store.preferences().of_user(user.id), store.platforms().of_user(user.id),
                   store.user_movies().exported(user.id),
                   store.notifications().page(user.id, false, 0, std::numeric_limits<int>::max())};
    });
  });
  boost::json::array movies;
  for (const auto& entry : owned.movies) {
    const auto& state = entry.state;
    movies.push_back({{"tconst", entry.movie.tconst},
                      {"primary_title", entry.movie.primary_title},
                      {"start_year", json_or_null(entry.movie.start_year)},
                      {"watchlisted_at", time_json(state.watchlisted_at)},
                      {"watchlist_deleted_at", time_json(state.watchlist_deleted_at)},
                      {"watched_at", time_json(state.watched_at)},
                      {"user_rating", json_or_null(state.user_rating)},
                      {"added_from_ai_suggestion", state.added_from_ai_suggestion}});
  }
  boost::json::array notifications;
  for (const auto& notification : owned.notifications.items) {
    notifications.push_back({{"created_at", to_api_string(notification.created_at)},
                             {"read_at", time_json(notification.read_at)},
                             {"tconst", notification.movie.tconst},
                             {"primary_title", notification.movie.primary_title},
                             {"platform", notification.platform.slug}});
  }
  const boost::json::object document{{"exported_at", to_api_string(call.now())},
                                     {"profile",
                                      {{"email", user.email},
                                       {"username", user.username},
                                       {"first_name", user.first_name},
                                       {"last_name", user.last_name},
                                       {"is_staff", user.is_staff}}},
                                     {"preferences",
                                      {{"email_notifications", owned.preferences.email_notifications},
                                       {"language", owned.preferences.language},
                                       {"confirmed_email", json_or_null(owned.preferences.confirmed_email)}}},
                                     {"platforms", platforms_to_json(owned.platforms)},
                                     {"movies", std::move(movies)},
                                     {"notifications", std::move(notifications)}};
  auto response = attachment_response("application/json", dated_name(call, "data", "json"));
  response.body = boost::json::serialize(document);
  co_return response;
}

}  // namespace myvod::api
