#include <charconv>
#include <regex>
#include <span>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/listing.hpp"
#include "api/posters.hpp"

namespace myvod::api {

namespace {

// The id in /api/user-movies/{id}/ as Django's ORM reads it: nothing when it is not a number at all; ids
// beyond the column's range exist in no row, so they read as 0.
std::optional<long long> parse_row_id(std::string_view text) {
  if (text.starts_with('+') || text.starts_with('-')) {
    const auto digits = text.substr(1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
  } else if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  long long id = 0;
  const auto [end, error] =
      std::from_chars(text.data() + (text.starts_with('+') ? 1 : 0), text.data() + text.size(), id);
  return error == std::errc() ? id : 0;
}

Error row_not_found(std::string_view id) {
  return Error::detail(ErrorCode::not_found, "User movie with id " + std::string(id) +
                                                 " not found or does not belong to authenticated user");
}

Error not_a_number(ErrorCode code, std::string_view id) {
  return Error::detail(code, "Field 'id' expected a number but got '" + std::string(id) + "'.");
}

// The item as the caller sees it after a write: availability on the caller's platforms.
http::Response item_response(Call& call, unsigned status, const service::WrittenEntry& entry,
                             const std::vector<domain::Platform>& platforms) {
  request_posters(call, std::span(&entry.item, 1), movie_of_item, domain::PosterView::list);
  const auto availability =
      domain::availability_in_force(entry.item.availability, platform_ids_of(entry.user_platforms));
  return http::Response::json(status, item_to_json(entry.item, availability, platforms, false));
}

// A tconst given as text (DRF CharField) matching tt + 7 or 8 digits.
std::optional<std::string> tconst_field(const boost::json::object& body, FieldErrors& errors) {
  if (!body.contains("tconst")) {
    errors.add("tconst", "tconst field is required");
    return std::nullopt;
  }
  auto tconst = required_string(body, "tconst", errors);
  static const std::regex kFormat("tt[0-9]{7,8}");
  if (tconst && !std::regex_match(*tconst, kFormat)) {
    errors.add("tconst",
               "Invalid tconst format. Expected format: tt followed by 7-8 digits (e.g., tt0816692)");
    return std::nullopt;
  }
  return tconst;
}

std::string choice_text(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_bool()) return value.get_bool() ? "True" : "False";
  return boost::json::serialize(value);
}

}  // namespace

Handled list_user_movies(Call& call) {
  const auto& query = call.target.query;
  const auto platform_list = co_await call.platforms();
  const auto& platforms = *platform_list;
  FieldErrors errors;
  store::UserMovieFilter filter;
  filter.user_id = call.current_user().id;
  if (const auto status = optional_param(query, "status")) {
    if (*status == "watchlist")
      filter.status = domain::WatchStatus::watchlist;
    else if (*status == "watched")
      filter.status = domain::WatchStatus::watched;
    else
      errors.add("status", "\"" + *status + "\" is not a valid choice.");
  }
  if (const auto ordering = optional_param(query, "ordering")) {
    if (const auto parsed = domain::parse_user_movie_ordering(*ordering))
      filter.ordering = *parsed;
    else
      errors.add("ordering", "\"" + *ordering + "\" is not a valid choice.");
  } else if (filter.status) {
    filter.ordering = *filter.status == domain::WatchStatus::watchlist
                          ? domain::UserMovieOrdering::watchlisted_desc
                          : domain::UserMovieOrdering::watched_desc;
  }
  filter.is_available = boolean_param(query, "is_available", errors);
  filter.platforms_in_force = platform_ids_param(query, platforms, errors);
  filter.available_on_requested_platforms = !filter.platforms_in_force.empty();
  filter.genres = genres_param(query);
  const PageRequest page = page_param(query, errors);

  auto fetched = co_await call.db([&](store::Store& store) {
    if (!filter.genres.empty()) check_genres(filter.genres, store.catalog().list_genres(), errors);
    errors.throw_if_any();
    if (!filter.available_on_requested_platforms)
      filter.platforms_in_force = platform_ids_of(store.platforms().of_user(filter.user_id));
    return fetch_page(
        page, [&](long long offset, int limit) { return store.user_movies().list(filter, offset, limit); },
        [&] { return store.user_movies().count(filter); });
  });
  boost::json::array results;
  for (const auto& item : fetched.slice.items) {
    const auto availability = domain::availability_in_force(item.availability, filter.platforms_in_force);
    results.push_back(item_to_json(item, availability, platforms, false));
  }
  request_posters(call, fetched.slice.items, movie_of_item, domain::PosterView::list);
  co_return http::Response::json(
      200, page_envelope(call, fetched.window, fetched.slice.total, std::move(results)));
}

Handled add_user_movie(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  const auto tconst = tconst_field(body, errors);
  domain::AddRequest request;
  if (const auto* action = body.if_contains("action")) {
    if (action->is_null())
      errors.add("action", "This field may not be null.");
    else if (choice_text(*action) == "mark_as_watched")
      request.mark_as_watched = true;
    else
      errors.add("action", "\"" + choice_text(*action) + "\" is not a valid choice.");
  }
  request.rating = optional_bounded_integer(body, "rating", 1, 10, errors);
  if (const auto* from_ai = body.if_contains("added_from_ai_suggestion")) {
    if (from_ai->is_null())
      errors.add("added_from_ai_suggestion", "This field may not be null.");
    else if (const auto flag = drf_boolean_value(*from_ai))
      request.added_from_ai_suggestion = *flag;
    else
      errors.add("added_from_ai_suggestion", "Must be a valid boolean.");
  }
  errors.throw_if_any();

  const auto entry = co_await call.services.user_movies.add(call.current_user().id, *tconst, request);
  const auto platforms = co_await call.platforms();
  co_return item_response(call, entry.created ? 201 : 200, entry, *platforms);
}

Handled get_user_movie(Call& call) {
  const auto& id = call.params.at(0);
  if (!parse_row_id(id)) throw Error::detail(ErrorCode::not_found, "Not found.");
  throw Error::detail(ErrorCode::not_found, "No UserMovie matches the given query.");
}

Handled update_user_movie(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  std::optional<domain::PatchAction> action;
  if (const auto* value = body.if_contains("action"); !value) {
    errors.add("action", "action field is required");
  } else if (value->is_null()) {
    errors.add("action", "This field may not be null.");
  } else if (action = value->is_string() ? domain::parse_patch_action(value->get_string()) : std::nullopt;
             !action) {
    errors.add("action",
               "Invalid action. Must be \"mark_as_watched\", \"restore_to_watchlist\", or \"rate_movie\"");
  }
  const auto rating = optional_bounded_integer(body, "rating", 1, 10, errors);
  errors.throw_if_any();
  if (action == domain::PatchAction::rate_movie && !body.contains("rating")) {
    errors.add("rating", "Rating is required when action is 'rate_movie'.");
    errors.throw_if_any();
  }
  const auto& id_text = call.params.at(0);
  const auto id = parse_row_id(id_text);
  if (!id) throw not_a_number(ErrorCode::invalid_input, id_text);

  auto entry = co_await call.services.user_movies.change(call.current_user().id, *id, *action, rating);
  if (!entry) {
    if (entry.error().not_found) throw row_not_found(id_text);
    throw Error::detail(ErrorCode::invalid_input, entry.error().reason);
  }
  const auto platforms = co_await call.platforms();
  co_return item_response(call, 200, *entry, *platforms);
}

Handled remove_user_movie(Call& call) {
  const auto& id_text = call.params.at(0);
  const auto id = parse_row_id(id_text);
  if (!id) throw not_a_number(ErrorCode::not_found, id_text);
  if (!co_await call.services.user_movies.remove(call.current_user().id, *id)) throw row_not_found(id_text);
  co_return http::Response::no_content();
}

}  // namespace myvod::api
