#include "api/handlers.hpp"
#include "api/listing.hpp"
#include "api/posters.hpp"

namespace myvod::api {

namespace {

// On this list an item shows only what streams: the available rows, on the requested platforms if any.
std::vector<domain::AvailabilityRow> streaming_rows(const store::UserMovieItem& item,
                                                    const std::vector<int>& platform_ids) {
  auto rows = domain::availability_in_force(item.availability, platform_ids);
  std::erase_if(rows, [](const auto& row) { return row.is_available != true; });
  return rows;
}

}  // namespace

Handled list_on_vod_movies(Call& call) {
  const auto& query = call.target.query;
  const auto platform_list = co_await call.platforms();
  const auto& platforms = *platform_list;
  FieldErrors errors;
  const PageRequest page = page_param(query, errors);
  store::OnVodFilter filter;
  filter.user_id = call.current_user().id;
  filter.platform_ids = platform_ids_param(query, platforms, errors);
  if (const auto ordering = optional_param(query, "ordering")) {
    if (const auto parsed = domain::parse_on_vod_ordering(*ordering))
      filter.ordering = *parsed;
    else
      errors.add("ordering", "\"" + *ordering + "\" is not a valid choice.");
  }
  filter.genres = genres_param(query);
  filter.exclude_watched = boolean_param(query, "exclude_watched", errors).value_or(false);
  filter.exclude_watchlisted = boolean_param(query, "exclude_watchlisted", errors).value_or(false);
  filter.exclude_unassigned = boolean_param(query, "exclude_unassigned", errors).value_or(false);

  auto fetched = co_await call.db([&](store::Store& store) {
    if (!filter.genres.empty()) check_genres(filter.genres, store.catalog().list_genres(), errors);
    errors.throw_if_any();
    return fetch_page(
        page, [&](long long offset, int limit) { return store.on_vod().list(filter, offset, limit); },
        [&] { return store.on_vod().count(filter); });
  });
  boost::json::array results;
  for (const auto& item : fetched.slice.items)
    results.push_back(item_to_json(item, streaming_rows(item, filter.platform_ids), platforms, true));
  request_posters(call, fetched.slice.items, movie_of_item, domain::PosterView::list);
  co_return http::Response::json(
      200, page_envelope(call, fetched.window, fetched.slice.total, std::move(results)));
}

}  // namespace myvod::api
