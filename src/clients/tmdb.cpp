#include "clients/tmdb.hpp"

#include <boost/json.hpp>

namespace myvod::clients {

namespace {

// A v4 read-access token is a JWT (three dot-separated parts); a v3 key is 32 hex digits.
bool is_read_access_token(const std::string& key) {
  return key.find('.') != std::string::npos;
}

HttpFailure malformed(const std::string& what, const std::string& why) {
  return {what + ": unexpected answer (" + why + ")", 200};
}

}  // namespace

TmdbHttp::TmdbHttp(TmdbOptions options, HttpClient http, const Clock& clock)
    : options_(std::move(options)),
      http_(std::move(http)),
      clock_(clock),
      limiter_(options_.requests_per_second) {
  while (options_.base_url.ends_with('/')) options_.base_url.pop_back();
}

Expected<boost::json::object, HttpFailure> TmdbHttp::get_object(const std::string& path,
                                                                const std::string& query) {
  HttpRequest request;
  request.url = options_.base_url + path + "?" + query;
  request.headers.emplace_back("Accept", "application/json");
  if (is_read_access_token(options_.api_key))
    request.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
  else
    request.url += "&api_key=" + url_encode(options_.api_key);
  limiter_.acquire();
  auto response = http_.send(request);
  if (!response) return unexpected(response.error());
  const std::string what = "GET " + loggable_url(request.url);
  if (response->status != 200)
    return unexpected(HttpFailure{what + ": HTTP " + std::to_string(response->status), response->status});
  boost::system::error_code error;
  auto json = boost::json::parse(response->body, error);
  if (error || !json.is_object()) return unexpected(malformed(what, "not a JSON object"));
  return std::move(json.as_object());
}

Expected<boost::json::array, HttpFailure> TmdbHttp::get_list(const std::string& path,
                                                             const std::string& query,
                                                             const std::string& list) {
  auto answer = get_object(path, query);
  if (!answer) return unexpected(answer.error());
  auto* items = answer->if_contains(list);
  if (!items || !items->is_array())
    return unexpected(malformed("GET " + options_.base_url + path, "no " + list + " list"));
  return std::move(items->as_array());
}

template <class Value>
std::optional<Value> TmdbHttp::cached(Cache<Value>& cache, const std::string& key) {
  std::lock_guard lock(cache.mutex);
  const auto found = cache.entries.find(key);
  if (found == cache.entries.end() || found->second.first <= clock_.now()) return std::nullopt;
  return found->second.second;
}

template <class Value>
void TmdbHttp::remember(Cache<Value>& cache, const std::string& key, const Value& value) {
  std::lock_guard lock(cache.mutex);
  // A full cache starts over rather than tracking ages: answers are cheap to ask again.
  if (cache.entries.size() >= options_.cache_entries) cache.entries.clear();
  cache.entries[key] = {clock_.now() + options_.cache_ttl, value};
}

Expected<std::optional<long long>, HttpFailure> TmdbHttp::find_movie(const std::string& tconst) {
  if (auto hit = cached(found_, tconst)) return *hit;
  const std::string path = "/find/" + url_encode(tconst);
  const auto results = get_list(path, "external_source=imdb_id", "movie_results");
  if (!results) return unexpected(results.error());
  std::optional<long long> id;
  if (!results->empty()) {
    const auto& first = results->front();
    const auto* value = first.is_object() ? first.as_object().if_contains("id") : nullptr;
    if (!value || !value->is_int64())
      return unexpected(malformed("GET " + options_.base_url + path, "a result without an id"));
    id = value->as_int64();
  }
  remember(found_, tconst, id);
  return id;
}

Expected<std::vector<domain::PosterImage>, HttpFailure> TmdbHttp::movie_images(long long tmdb_id) {
  const std::string key = std::to_string(tmdb_id);
  if (auto hit = cached(images_, key)) return *hit;
  const std::string path = "/movie/" + key + "/images";
  // Only the languages we would pick from, so the answer stays small.
  const auto posters = get_list(path, "include_image_language=pl%2Cen%2Cnull", "posters");
  if (!posters) return unexpected(posters.error());
  std::vector<domain::PosterImage> images;
  for (const auto& poster : *posters) {
    if (!poster.is_object()) continue;
    const auto* file = poster.as_object().if_contains("file_path");
    const auto* language = poster.as_object().if_contains("iso_639_1");
    if (!file || !file->is_string()) continue;
    domain::PosterImage image{std::nullopt, std::string(file->as_string())};
    if (language && language->is_string()) image.language = std::string(language->as_string());
    images.push_back(std::move(image));
  }
  remember(images_, key, images);
  return images;
}

Expected<std::vector<TmdbProvider>, HttpFailure> TmdbHttp::watch_providers(const std::string& region) {
  const std::string path = "/watch/providers/movie";
  const auto results = get_list(path, "watch_region=" + url_encode(region), "results");
  if (!results) return unexpected(results.error());
  std::vector<TmdbProvider> providers;
  for (const auto& item : *results) {
    const auto* object = item.if_object();
    const auto* id = object ? object->if_contains("provider_id") : nullptr;
    const auto* name = object ? object->if_contains("provider_name") : nullptr;
    if (!id || !id->is_int64() || !name || !name->is_string())
      return unexpected(malformed("GET " + options_.base_url + path, "a provider without an id or a name"));
    providers.push_back({id->as_int64(), std::string(name->as_string())});
  }
  return providers;
}

Expected<TmdbDiscoverPage, HttpFailure> TmdbHttp::discover(const TmdbDiscoverQuery& query, int page) {
  const std::string path = "/discover/movie";
  std::string providers;
  for (const long long id : query.provider_ids)
    providers += (providers.empty() ? "" : "%7C") + std::to_string(id);
  // Oldest first: a stable order while the catalogue is paged through.
  std::string parameters = "watch_region=" + url_encode(query.region) + "&with_watch_providers=" + providers +
                           "&with_watch_monetization_types=flatrate&include_adult=false"
                           "&sort_by=primary_release_date.asc&page=" +
                           std::to_string(page);
  if (query.first_year)
    parameters += "&primary_release_date.gte=" + std::to_string(*query.first_year) + "-01-01";
  if (query.last_year)
    parameters += "&primary_release_date.lte=" + std::to_string(*query.last_year) + "-12-31";
  auto answer = get_object(path, parameters);
  if (!answer) return unexpected(answer.error());
  const auto* results = answer->if_contains("results");
  const auto* total = answer->if_contains("total_pages");
  const std::string what = "GET " + options_.base_url + path + " (page " + std::to_string(page) + ")";
  if (!results || !results->is_array() || !total || !total->is_int64())
    return unexpected(malformed(what, "no results or total_pages"));
  TmdbDiscoverPage result{{}, static_cast<int>(total->as_int64())};
  for (const auto& item : results->as_array()) {
    const auto* object = item.if_object();
    const auto* id = object ? object->if_contains("id") : nullptr;
    if (!id || !id->is_int64()) return unexpected(malformed(what, "a result without an id"));
    result.movie_ids.push_back(id->as_int64());
  }
  return result;
}

Expected<std::optional<std::string>, HttpFailure> TmdbHttp::imdb_id(long long tmdb_id) {
  const std::string path = "/movie/" + std::to_string(tmdb_id) + "/external_ids";
  auto answer = get_object(path, "");
  if (!answer) return unexpected(answer.error());
  const auto* id = answer->if_contains("imdb_id");
  if (!id || !id->is_string() || id->as_string().empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::string(id->as_string()));
}

}  // namespace myvod::clients
