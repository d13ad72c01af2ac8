#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/posters.hpp"
#include "domain/text.hpp"

namespace myvod::api {

namespace {

constexpr size_t kMaxResults = 20;
constexpr size_t kMaxQueryLength = 255;

boost::json::object hit_to_json(const domain::Movie& hit) {
  return {{"tconst", hit.tconst},
          {"primary_title", hit.primary_title},
          {"start_year", json_or_null(hit.start_year)},
          {"avg_rating", rating_json(hit.avg_rating)},
          {"poster_path", json_or_null(hit.poster_path)},
          {"num_votes", json_or_null(hit.num_votes)}};
}

std::string search_query(const QueryParams& query) {
  const auto raw = query.get("search");
  const auto fail = [](std::string_view message) {
    FieldErrors errors;
    errors.add("search", message);
    errors.throw_if_any();
  };
  if (!raw) fail("Search parameter is required.");
  const std::string trimmed(domain::strip(*raw));
  if (trimmed.empty()) fail("Search parameter cannot be blank.");
  if (domain::utf8_length(trimmed) > kMaxQueryLength) fail("Search query cannot exceed 255 characters.");
  return trimmed;
}

}  // namespace

Handled search_movies(Call& call) {
  const std::string query = search_query(call.target.query);
  auto& catalog = call.services.catalog_search;
  // Ranked on this I/O thread, without a database connection, unless the catalog has changed in a way only
  // the database can bring in.
  const auto versions = co_await catalog.versions(
      [&] { return call.db([](store::Store& store) { return store.catalog().versions(); }); });
  auto hits = catalog.search_in_memory(versions, query, kMaxResults);
  if (!hits)
    hits = co_await call.db([&](store::Store& store) { return catalog.search(store, query, kMaxResults); });
  request_posters(
      call, *hits, [](const domain::Movie& hit) -> const domain::Movie& { return hit; },
      domain::PosterView::search);
  boost::json::array items;
  for (const auto& hit : *hits) items.push_back(hit_to_json(hit));
  co_return http::Response::json(200, items);
}

Handled list_genres(Call& call) {
  const auto names = co_await call.db([](store::Store& store) { return store.catalog().list_genres(); });
  boost::json::array items;
  for (const auto& name : names) items.push_back(boost::json::object{{"name", name}});
  co_return http::Response::json(200, items);
}

}  // namespace myvod::api
