#include "fakes/fake_tmdb.hpp"

#include <boost/json.hpp>
#include <cstdio>

#include "domain/text.hpp"
#include "fakes/fake_server.hpp"

namespace myvod::testing {

namespace bhttp = http::bhttp;

FakeTmdb::FakeTmdb(std::string key, std::chrono::milliseconds latency, bool every_movie)
    : key_(std::move(key)),
      latency_(latency),
      every_movie_(every_movie),
      server_(fake_server_options(),
              [this](http::RawRequest& request, const http::RequestMeta&) { return answer(request); }) {
  server_.start();
}

FakeTmdb::~FakeTmdb() {
  server_.drain();
  server_.wait();
}

std::string FakeTmdb::base_url() const {
  return "http://127.0.0.1:" + std::to_string(server_.port()) + "/3";
}

void FakeTmdb::add_movie(const std::string& tconst, long long id, std::vector<Poster> posters) {
  std::lock_guard lock(mutex_);
  ids_[tconst] = id;
  posters_[id] = std::move(posters);
}

void FakeTmdb::set_providers(std::string region, std::vector<std::pair<long long, std::string>> providers) {
  std::lock_guard lock(mutex_);
  region_ = std::move(region);
  providers_ = std::move(providers);
}

void FakeTmdb::offer(long long provider_id, long long id, int year) {
  std::lock_guard lock(mutex_);
  offers_[provider_id][id] = year;
}

void FakeTmdb::withdraw(long long provider_id, long long id) {
  std::lock_guard lock(mutex_);
  offers_[provider_id].erase(id);
}

void FakeTmdb::set_discover_page_size(int size) {
  std::lock_guard lock(mutex_);
  discover_page_size_ = size;
}

void FakeTmdb::misbehave(const std::string& key, Misbehaviour misbehaviour) {
  std::lock_guard lock(mutex_);
  misbehaviours_[key] = misbehaviour;
}

std::vector<std::string> FakeTmdb::targets() const {
  std::lock_guard lock(mutex_);
  return targets_;
}

std::vector<std::string> FakeTmdb::authorizations() const {
  std::lock_guard lock(mutex_);
  return authorizations_;
}

boost::asio::awaitable<http::Reply> FakeTmdb::answer(http::RawRequest& request) {
  ++calls_;
  const std::string target(request.target());
  const std::string path = target.substr(0, target.find('?'));
  const bool authorized = query_value(target, "api_key") == key_ ||
                          std::string(request[bhttp::field::authorization]) == "Bearer " + key_;
  Misbehaviour misbehaviour = Misbehaviour::none;
  {
    std::lock_guard lock(mutex_);
    targets_.push_back(target);
    authorizations_.emplace_back(request[bhttp::field::authorization]);
    if (authorized) misbehaviour = take_misbehaviour(path);
    if (authorized && misbehaviour == Misbehaviour::none && path == "/3/discover/movie")
      misbehaviour = take_misbehaviour("/discover?page=" + query_value(target, "page"));
  }
  auto delay = latency_;
  if (misbehaviour == Misbehaviour::slow) delay += std::chrono::seconds(1);
  if (delay.count() > 0) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
    co_await timer.async_wait(boost::asio::use_awaitable);
  }
  co_return respond(request, path, authorized, misbehaviour);
}

FakeTmdb::Misbehaviour FakeTmdb::take_misbehaviour(const std::string& path) {
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    const auto found = misbehaviours_.find(path.substr(start, end - start));
    if (found != misbehaviours_.end()) {
      const Misbehaviour misbehaviour = found->second;
      if (misbehaviour == Misbehaviour::rate_limited_once) found->second = Misbehaviour::none;
      return misbehaviour;
    }
    start = end + 1;
  }
  return Misbehaviour::none;
}

http::RawResponse FakeTmdb::respond(const http::RawRequest& request, const std::string& path, bool authorized,
                                    Misbehaviour misbehaviour) {
  if (!authorized) {
    return json_answer(
        request, bhttp::status::unauthorized,
        R"({"status_code":7,"status_message":"Invalid API key: You must be granted a valid key.","success":false})");
  }
  if (misbehaviour == Misbehaviour::rate_limited_once) {
    auto response =
        json_answer(request, bhttp::status::too_many_requests,
                    R"({"status_code":25,"status_message":"Your request count is over the allowed limit."})");
    response.set(bhttp::field::retry_after, "1");
    return response;
  }
  if (misbehaviour == Misbehaviour::server_error)
    return json_answer(request, bhttp::status::internal_server_error, R"({"status_code":11})");
  if (misbehaviour == Misbehaviour::malformed)
    return json_answer(request, bhttp::status::ok, R"({"movie_results": [{"id": )");
  std::lock_guard lock(mutex_);
  if (path.starts_with("/3/find/")) {
    const std::string tconst = path.substr(8);
    std::optional<long long> id;
    if (auto found = ids_.find(tconst); found != ids_.end()) id = found->second;
    if (!id && every_movie_ && tconst.size() > 2) id = std::stoll(tconst.substr(2));
    boost::json::array results;
    if (id)
      results.push_back(boost::json::object{{"id", *id}, {"title", "A movie"}, {"media_type", "movie"}});
    return json_answer(request, bhttp::status::ok,
                       boost::json::serialize(boost::json::object{{"movie_results", results},
                                                                  {"person_results", boost::json::array{}},
                                                                  {"tv_results", boost::json::array{}}}));
  }
  if (path == "/3/watch/providers/movie") {
    boost::json::array results;
    if (query_value(request.target(), "watch_region") == region_) {
      for (const auto& [id, name] : providers_)
        results.push_back({{"display_priority", 1},
                           {"logo_path", "/logo.jpg"},
                           {"provider_id", id},
                           {"provider_name", name}});
    }
    return json_answer(request, bhttp::status::ok,
                       boost::json::serialize(boost::json::object{{"results", results}}));
  }
  if (path == "/3/discover/movie") return discover(request);
  if (path.starts_with("/3/movie/") && path.ends_with("/external_ids")) {
    const long long id = std::stoll(path.substr(9, path.size() - 9 - 13));
    boost::json::value imdb = nullptr;
    for (const auto& [tconst, known] : ids_) {
      if (known == id) imdb = tconst;
    }
    if (imdb.is_null() && every_movie_) {
      char tconst[16];
      std::snprintf(tconst, sizeof tconst, "tt%07lld", id);
      imdb = tconst;
    }
    return json_answer(
        request, bhttp::status::ok,
        boost::json::serialize(boost::json::object{{"id", id}, {"imdb_id", imdb}, {"wikidata_id", nullptr}}));
  }
  if (path.starts_with("/3/movie/") && path.ends_with("/images")) {
    const long long id = std::stoll(path.substr(9, path.size() - 9 - 7));
    boost::json::array posters;
    auto found = posters_.find(id);
    if (found != posters_.end()) {
      for (const auto& poster : found->second) {
        posters.push_back({{"aspect_ratio", 0.667},
                           {"file_path", poster.file_path},
                           {"iso_639_1", poster.language ? boost::json::value(*poster.language) : nullptr},
                           {"vote_average", 5.3}});
      }
    } else if (every_movie_) {
      posters.push_back({{"file_path", "/" + std::to_string(id) + ".jpg"}, {"iso_639_1", "en"}});
    }
    return json_answer(request, bhttp::status::ok,
                       boost::json::serialize(boost::json::object{
                           {"id", id}, {"backdrops", boost::json::array{}}, {"posters", posters}}));
  }
  return json_answer(
      request, bhttp::status::not_found,
      R"({"status_code":34,"status_message":"The resource you requested could not be found."})");
}

http::RawResponse FakeTmdb::discover(const http::RawRequest& request) {
  const std::string target(request.target());
  const int page = std::atoi(query_value(target, "page").c_str());
  if (page < 1 || page > 500) {
    return json_answer(
        request, bhttp::status::bad_request,
        R"({"success":false,"status_code":22,"status_message":"Invalid page: Pages start at 1 and max at 500."})");
  }
  const auto year_of = [&](const char* key) {
    const std::string date = query_value(target, key);
    return date.empty() ? std::optional<int>() : std::optional<int>(std::stoi(date.substr(0, 4)));
  };
  const auto first = year_of("primary_release_date.gte"), last = year_of("primary_release_date.lte");
  std::vector<std::pair<int, long long>> matched;  // (year, id), in TMDB's order for this query
  const bool flatrate = query_value(target, "with_watch_monetization_types") == "flatrate";
  if (flatrate && query_value(target, "watch_region") == region_) {
    std::string providers = query_value(target, "with_watch_providers");
    for (size_t bar; (bar = providers.find("%7C")) != std::string::npos;) providers.replace(bar, 3, ",");
    std::map<long long, int> movies;
    for (const auto& id : domain::split_commas(providers)) {
      for (const auto& [movie, year] : offers_[std::stoll(id)]) movies[movie] = year;
    }
    for (const auto& [movie, year] : movies) {
      if ((!first || year >= *first) && (!last || year <= *last)) matched.emplace_back(year, movie);
    }
  }
  std::sort(matched.begin(), matched.end());
  const size_t size = size_t(discover_page_size_);
  const size_t start = std::min(matched.size(), size_t(page - 1) * size);
  const size_t end = std::min(matched.size(), start + size);
  boost::json::array results;
  for (size_t i = start; i < end; ++i)
    results.push_back({{"id", matched[i].second},
                       {"title", "A movie"},
                       {"release_date", std::to_string(matched[i].first) + "-06-01"}});
  return json_answer(
      request, bhttp::status::ok,
      boost::json::serialize(boost::json::object{{"page", page},
                                                 {"results", results},
                                                 {"total_pages", (matched.size() + size - 1) / size},
                                                 {"total_results", matched.size()}}));
}

}  // namespace myvod::testing
