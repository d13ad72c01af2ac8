#include "clients/watchmode.hpp"

#include <boost/json.hpp>
#include <thread>

namespace myvod::clients {

namespace {

HttpFailure failure(const std::string& what, const std::string& why, std::optional<long> status = 200) {
  return {what + ": " + why, status};
}

std::optional<std::string> string_field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string() || value->as_string().empty()) return std::nullopt;
  return std::string(value->as_string());
}

}  // namespace

WatchmodeHttp::WatchmodeHttp(WatchmodeOptions options, HttpClient http, Sleeper sleeper)
    : options_(std::move(options)),
      http_(std::move(http)),
      sleeper_(std::move(sleeper)),
      limiter_(options_.requests_per_second) {
  while (options_.base_url.ends_with('/')) options_.base_url.pop_back();
  if (!sleeper_) sleeper_ = [](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); };
}

Expected<WatchmodePage, HttpFailure> WatchmodeHttp::list_titles(long long source_id, int page) {
  HttpRequest request;
  request.url = options_.base_url + "/list-titles/?source_ids=" + std::to_string(source_id) +
                "&regions=" + url_encode(options_.region) +
                "&types=movie&limit=" + std::to_string(options_.page_size) + "&page=" + std::to_string(page);
  request.headers.emplace_back("Accept", "application/json");
  request.headers.emplace_back("X-API-Key", options_.api_key);
  limiter_.acquire();
  auto response = http_.send(request);
  if (!response) return unexpected(response.error());
  const std::string what = "GET " + loggable_url(request.url) + " (page " + std::to_string(page) + ")";
  if (response->status != 200)
    return unexpected(failure(what, "HTTP " + std::to_string(response->status), response->status));
  // The per-minute budget is spent: wait before the next call rather than spend an attempt on a 429.
  if (response->header("x-ratelimit-remaining") == "0") sleeper_(std::chrono::seconds(1));

  boost::system::error_code error;
  auto json = boost::json::parse(response->body, error);
  if (error || !json.is_object()) return unexpected(failure(what, "unexpected answer (not a JSON object)"));
  const auto& body = json.as_object();
  const auto* titles = body.if_contains("titles");
  if (!titles || !titles->is_array()) {
    // Watchmode reports some errors (a bad key, a spent quota) in a 200 answer with a statusMessage.
    const auto message = string_field(body, "statusMessage");
    return unexpected(
        failure(what, message ? "Watchmode says: " + *message : "unexpected answer (no titles list)"));
  }
  WatchmodePage result;
  const auto* total = body.if_contains("total_pages");
  result.total_pages = total && total->is_int64() ? static_cast<int>(total->as_int64()) : page;
  for (const auto& item : titles->as_array()) {
    if (!item.is_object())
      return unexpected(failure(what, "unexpected answer (a title that is not an object)"));
    const auto& title = item.as_object();
    const auto* id = title.if_contains("id");
    if (!id || !id->is_int64()) return unexpected(failure(what, "unexpected answer (a title without an id)"));
    result.titles.push_back(
        {id->as_int64(), string_field(title, "imdb_id"), string_field(title, "type").value_or("")});
  }
  return result;
}

}  // namespace myvod::clients
