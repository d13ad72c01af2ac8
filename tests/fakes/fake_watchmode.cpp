#include "fakes/fake_watchmode.hpp"

#include <boost/json.hpp>
#include <cstdio>

#include "fakes/fake_server.hpp"

namespace myvod::testing {

namespace bhttp = http::bhttp;

FakeWatchmode::FakeWatchmode(std::string key, std::chrono::milliseconds latency, int page_cap)
    : key_(std::move(key)),
      latency_(latency),
      page_cap_(page_cap),
      server_(fake_server_options(),
              [this](http::RawRequest& request, const http::RequestMeta&) { return answer(request); }) {
  server_.start();
}

FakeWatchmode::~FakeWatchmode() {
  server_.drain();
  server_.wait();
}

std::string FakeWatchmode::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server_.port()) + "/v1";
}

void FakeWatchmode::set_titles(long long source_id, std::vector<Title> titles) {
  std::lock_guard lock(mutex_);
  titles_[source_id] = std::move(titles);
}

void FakeWatchmode::set_generated_titles(long long source_id, long long first, long long count,
                                         long long first_id) {
  std::vector<Title> titles;
  titles.reserve(size_t(count));
  char tconst[16];
  for (long long i = 0; i < count; ++i) {
    std::snprintf(tconst, sizeof tconst, "tt%07lld", first + i);
    titles.push_back({first_id + i, std::string(tconst), "movie"});
  }
  set_titles(source_id, std::move(titles));
}

void FakeWatchmode::misbehave(long long source_id, int page, Misbehaviour misbehaviour) {
  std::lock_guard lock(mutex_);
  misbehaviours_[{source_id, page}] = misbehaviour;
}

std::vector<std::string> FakeWatchmode::targets() const {
  std::lock_guard lock(mutex_);
  return targets_;
}

std::vector<std::string> FakeWatchmode::keys() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

boost::asio::awaitable<http::Reply> FakeWatchmode::answer(http::RawRequest& request) {
  ++calls_;
  const std::string target(request.target());
  const std::string path = target.substr(0, target.find('?'));
  const bool authorized = std::string(request["X-API-Key"]) == key_;
  long long source_id = 0;
  int page = 1, limit = 250;
  try {
    source_id = std::stoll(query_value(target, "source_ids"));
    if (auto text = query_value(target, "page"); !text.empty()) page = std::stoi(text);
    if (auto text = query_value(target, "limit"); !text.empty()) limit = std::stoi(text);
  } catch (const std::exception&) {
    source_id = -1;
  }
  Misbehaviour misbehaviour = Misbehaviour::none;
  {
    std::lock_guard lock(mutex_);
    targets_.push_back(target);
    keys_.emplace_back(request["X-API-Key"]);
    auto found = misbehaviours_.find({source_id, page});
    if (authorized && found != misbehaviours_.end()) {
      misbehaviour = found->second;
      if (misbehaviour == Misbehaviour::rate_limited_once) misbehaviours_.erase(found);
    }
  }
  auto delay = latency_;
  if (misbehaviour == Misbehaviour::slow) delay += std::chrono::seconds(1);
  if (delay.count() > 0) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  if (!authorized)
    co_return json_answer(request, bhttp::status::unauthorized,
                          R"({"success":false,"statusCode":401,"statusMessage":"Invalid API key."})");
  switch (misbehaviour) {
    case Misbehaviour::rate_limited_once: {
      auto response =
          json_answer(request, bhttp::status::too_many_requests,
                      R"({"success":false,"statusCode":429,"statusMessage":"Too many requests."})");
      response.set(bhttp::field::retry_after, "1");
      co_return response;
    }
    case Misbehaviour::server_error:
      co_return json_answer(request, bhttp::status::internal_server_error, R"({"success":false})");
    case Misbehaviour::malformed:
      co_return json_answer(request, bhttp::status::ok, R"({"titles": [{"id": )");
    case Misbehaviour::quota_spent:
      co_return json_answer(
          request, bhttp::status::ok,
          R"({"success":false,"statusCode":429,"statusMessage":"Monthly quota exceeded."})");
    default:
      break;
  }
  if (path != "/v1/list-titles/" || source_id <= 0 || page < 1 || limit < 1 || limit > 250)
    co_return json_answer(request, bhttp::status::bad_request,
                          R"({"success":false,"statusCode":400,"statusMessage":"Invalid request."})");
  co_return list_titles(request, source_id, page, std::min(limit, page_cap_));
}

http::RawResponse FakeWatchmode::list_titles(const http::RawRequest& request, long long source_id, int page,
                                             int limit) {
  std::lock_guard lock(mutex_);
  const auto& titles = titles_[source_id];
  const size_t total = titles.size();
  const size_t start = std::min(total, size_t(page - 1) * size_t(limit));
  const size_t end = std::min(total, start + size_t(limit));
  boost::json::array items;
  for (size_t i = start; i < end; ++i) {
    const auto& title = titles[i];
    items.push_back(
        {{"id", title.id},
         {"title", "Title " + std::to_string(title.id)},
         {"year", 2020},
         {"imdb_id", title.imdb_id ? boost::json::value(*title.imdb_id) : boost::json::value(nullptr)},
         {"tmdb_id", title.id + 100},
         {"tmdb_type", "movie"},
         {"type", title.type}});
  }
  const size_t pages = (total + size_t(limit) - 1) / size_t(limit);
  auto response =
      json_answer(request, bhttp::status::ok,
                  boost::json::serialize(boost::json::object{
                      {"titles", items}, {"page", page}, {"total_results", total}, {"total_pages", pages}}));
  response.set("X-RateLimit-Remaining", "100");
  return response;
}

}  // namespace myvod::testing
