#pragma once
// What GET /api/user-movies/ and GET /api/on-vod-movies/ share: their query parameters (platform_ids,
// genres, booleans, page), the pagination envelope with absolute next/previous URLs (as DRF builds
// them), and the JSON of a list item.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/call.hpp"
#include "common/error.hpp"
#include "domain/listing.hpp"
#include "store/store.hpp"

namespace myvod::api {

// A file to save (CSV, JSON export): `content_type`, no caching, and the name browsers save it under; the
// body or stream is the caller's.
http::Response attachment_response(std::string content_type, const std::string& filename);
inline constexpr const char* kCsv = "text/csv; charset=utf-8";

// The value of an optional query parameter; an empty value counts as not given, as DRF reads query strings.
std::optional<std::string> optional_param(const QueryParams& query, std::string_view key);

// A DRF BooleanField in a query string.
std::optional<bool> boolean_param(const QueryParams& query, std::string_view key, FieldErrors& errors);

// `platform_ids`: comma-separated ids of known platforms; nothing when absent or empty.
std::vector<int> platform_ids_param(const QueryParams& query, const std::vector<domain::Platform>& known,
                                    FieldErrors& errors);

// `genres`: comma-separated names, trimmed; checked against the genre table by check_genres.
std::vector<std::string> genres_param(const QueryParams& query);
void check_genres(const std::vector<std::string>& asked, const std::vector<std::string>& known,
                  FieldErrors& errors);

struct PageRequest {
  std::optional<long long> number;  // nothing: the last page
  int size = domain::kDefaultPageSize;
};

PageRequest page_param(const QueryParams& query, FieldErrors& errors);

template <class Slice>
struct FetchedPage {
  domain::PageWindow window;
  Slice slice;
};

// Fetches the requested page with `list(offset, limit)` (a slice with `total` and `items`), asking
// `count()` only for the last page; a page past the end is a 404 "Invalid page.".
template <class List, class Count>
auto fetch_page(const PageRequest& page, List list, Count count) -> FetchedPage<decltype(list(0LL, 0))> {
  const auto invalid_page = [] { return Error::detail(ErrorCode::not_found, "Invalid page."); };
  if (!page.number) {
    const long long total = count();
    const auto window = domain::page_window(std::nullopt, page.size, total);
    auto slice = list(window->offset, page.size);
    slice.total = total;
    return {*window, std::move(slice)};
  }
  if (*page.number > INT64_MAX / page.size) throw invalid_page();
  auto slice = list((*page.number - 1) * page.size, page.size);
  const auto window = domain::page_window(page.number, page.size, slice.total);
  if (!window) throw invalid_page();
  return {*window, std::move(slice)};
}

// {"count", "next", "previous", "results"}.
boost::json::object page_envelope(const Call& call, const domain::PageWindow& window, long long total,
                                  boost::json::array results);

// The UserMovie object; `availability` is already the list the client should see.
boost::json::object item_to_json(const store::UserMovieItem& item,
                                 const std::vector<domain::AvailabilityRow>& availability,
                                 const std::vector<domain::Platform>& platforms, bool hide_removed_watchlist);

// The six keys of a list item's movie.
boost::json::object movie_to_json(const domain::Movie& movie);

// IMDb's comma-joined genres as the JSON list answers show, or null.
boost::json::value genres_json(const std::optional<std::string>& genres);

std::vector<int> platform_ids_of(const std::vector<domain::Platform>& platforms);

// The movie of a list item (for request_posters).
inline const domain::Movie& movie_of_item(const store::UserMovieItem& item) {
  return item.movie;
}

}  // namespace myvod::api
