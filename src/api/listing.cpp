#include "api/listing.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "api/fields.hpp"
#include "domain/text.hpp"

namespace myvod::api {

namespace {

std::optional<long long> parse_integer(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc::result_out_of_range) return text.starts_with('-') ? INT64_MIN : INT64_MAX;
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// request.build_absolute_uri() (or MYVOD_PUBLIC_URL's base, when set) with `page` replaced (or removed), keys
// sorted as DRF's replace_query_param.
std::string page_url(const Call& call, std::optional<long long> page) {
  std::map<std::string, std::vector<std::string>> params;
  for (const auto& [key, value] : call.target.query.items()) params[key].push_back(value);
  params.erase("page");
  if (page) params["page"] = {std::to_string(*page)};
  std::string query;
  for (const auto& [key, values] : params) {
    for (const auto& value : values) {
      query += query.empty() ? "" : "&";
      query += url_encode_plus(key) + "=" + url_encode_plus(value);
    }
  }
  const auto target = call.request.target();
  const auto path = target.substr(0, target.find('?'));
  std::string base = call.services.public_url;
  if (base.empty()) {
    // The Host was checked against MYVOD_ALLOWED_HOSTS before the request got here.
    const auto host = call.request[http::bhttp::field::host];
    base = "http://" + std::string(host.empty() ? "localhost" : host);
  }
  return fmt::format("{}{}{}{}", base, path, query.empty() ? "" : "?", query);
}

}  // namespace

http::Response attachment_response(std::string content_type, const std::string& filename) {
  http::Response response{200, std::nullopt, std::move(content_type), {}};
  response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", filename));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

std::optional<std::string> optional_param(const QueryParams& query, std::string_view key) {
  auto value = query.get(key);
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::optional<bool> boolean_param(const QueryParams& query, std::string_view key, FieldErrors& errors) {
  const auto text = optional_param(query, key);
  if (!text) return std::nullopt;
  const auto value = drf_boolean(*text);
  if (!value) errors.add(key, "Must be a valid boolean.");
  return value;
}

std::vector<int> platform_ids_param(const QueryParams& query, const std::vector<domain::Platform>& known,
                                    FieldErrors& errors) {
  const auto text = optional_param(query, "platform_ids");
  if (!text) return {};
  std::vector<std::pair<long long, std::string>> asked;  // the id, and as Python prints int(part)
  for (const auto& part : domain::split_commas(*text)) {
    const auto number = parse_integer(part);
    if (!number) {
      errors.add("platform_ids",
                 "Invalid platform_ids format. Expected comma-separated integers, got: " + *text);
      return {};
    }
    std::string_view digits = part;
    const bool negative = digits.starts_with('-');
    if (negative || digits.starts_with('+')) digits.remove_prefix(1);
    digits.remove_prefix(std::min(digits.find_first_not_of('0'), digits.size() - 1));
    std::string shown(digits);
    if (negative && digits != "0") shown.insert(0, 1, '-');
    asked.emplace_back(*number, std::move(shown));
  }
  std::vector<int> ids;
  std::vector<std::string> unknown;
  for (const auto& [id, shown] : asked) {
    // A named copy, because clang 14 cannot capture a structured binding.
    const long long wanted = id;
    const auto platform =
        std::find_if(known.begin(), known.end(), [wanted](const auto& p) { return p.id == wanted; });
    if (platform == known.end())
      unknown.push_back(shown);
    else
      ids.push_back(platform->id);
  }
  if (!unknown.empty()) {
    errors.add("platform_ids",
               fmt::format("Invalid platform IDs: [{}]. Valid platform IDs: [{}]", fmt::join(unknown, ", "),
                           fmt::join(platform_ids_of(known), ", ")));
    return {};
  }
  return ids;
}

std::vector<std::string> genres_param(const QueryParams& query) {
  const auto text = optional_param(query, "genres");
  return text ? domain::split_commas(*text) : std::vector<std::string>{};
}

void check_genres(const std::vector<std::string>& asked, const std::vector<std::string>& known,
                  FieldErrors& errors) {
  std::vector<std::string> invalid;
  for (const auto& name : asked) {
    if (!std::binary_search(known.begin(), known.end(), name)) invalid.push_back(name);
  }
  if (!invalid.empty()) errors.add("genres", fmt::format("Invalid genres: {}", fmt::join(invalid, ", ")));
}

PageRequest page_param(const QueryParams& query, FieldErrors& errors) {
  PageRequest page;
  page.size = domain::page_size_from(optional_param(query, "page_size"));
  const auto text = optional_param(query, "page");
  if (!text) {
    page.number = 1;
  } else if (*text != "last") {
    page.number = parse_integer(*text);
    if (!page.number)
      errors.add("page", "A valid integer is required.");
    else if (*page.number < 1)
      errors.add("page", "Ensure this value is greater than or equal to 1.");
  }
  return page;
}

boost::json::object page_envelope(const Call& call, const domain::PageWindow& window, long long total,
                                  boost::json::array results) {
  boost::json::value next = nullptr;
  boost::json::value previous = nullptr;
  if (window.has_next) next = page_url(call, window.number + 1);
  if (window.has_previous)
    previous = page_url(call, window.number == 2 ? std::nullopt : std::optional(window.number - 1));
  return {{"count", total},
          {"next", std::move(next)},
          {"previous", std::move(previous)},
          {"results", std::move(results)}};
}

boost::json::object item_to_json(const store::UserMovieItem& item,
                                 const std::vector<domain::AvailabilityRow>& availability,
                                 const std::vector<domain::Platform>& platforms,
                                 bool hide_removed_watchlist) {
  const auto& movie = item.movie;
  const auto& state = item.state;
  boost::json::array rows;
  for (const auto& row : availability) {
    const auto platform = std::find_if(platforms.begin(), platforms.end(),
                                       [&](const auto& p) { return p.id == row.platform_id; });
    rows.push_back(boost::json::object{{"platform_id", row.platform_id},
                                       {"platform_name", platform == platforms.end() ? "" : platform->name},
                                       {"is_available", json_or_null(row.is_available)}});
  }
  const bool watchlist_removed = hide_removed_watchlist && state.watchlist_deleted_at;
  return {{"id", json_or_null(item.id)},
          {"movie", movie_to_json(movie)},
          {"availability", std::move(rows)},
          {"watchlisted_at", watchlist_removed ? nullptr : time_json(state.watchlisted_at)},
          {"watched_at", time_json(state.watched_at)},
          {"user_rating", json_or_null(state.user_rating)}};
}

boost::json::object movie_to_json(const domain::Movie& movie) {
  return {{"tconst", movie.tconst},
          {"primary_title", movie.primary_title},
          {"start_year", json_or_null(movie.start_year)},
          {"genres", genres_json(movie.genres)},
          {"avg_rating", rating_json(movie.avg_rating)},
          {"poster_path", json_or_null(movie.poster_path)}};
}

boost::json::value genres_json(const std::optional<std::string>& genres) {
  if (!genres) return nullptr;
  boost::json::array names;
  for (const auto& name : domain::split_commas(*genres)) names.emplace_back(name);
  return names;
}

std::vector<int> platform_ids_of(const std::vector<domain::Platform>& platforms) {
  std::vector<int> ids;
  for (const auto& platform : platforms) ids.push_back(platform.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace myvod::api
