#pragma once
// TMDB, for posters (find a movie by its IMDb id, then list its images) and, as the second availability
// source, for what streams where (the watch providers of a region, the movies one of them offers flat-rate,
// and each movie's IMDb id). `Tmdb` is the interface services use; `TmdbHttp` speaks TMDB's v3 REST API
// through HttpClient. A v4 read-access token (a JWT) travels as `Authorization: Bearer`; a v3 key can only
// travel as the `api_key` parameter, which therefore never appears in a log line or an error (see
// loggable_url).

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "clients/http_client.hpp"
#include "clients/rate_limiter.hpp"
#include "common/clock.hpp"
#include "common/expected.hpp"
#include "domain/poster.hpp"

namespace myvod::clients {

struct TmdbProvider {
  long long id = 0;
  std::string name;
};

// The movies a discover query matched on one page, and how many pages it has in all.
struct TmdbDiscoverPage {
  std::vector<long long> movie_ids;
  int total_pages = 0;
};

// A /discover/movie query for availability: the movies any of `provider_ids` streams flat-rate in `region`,
// released in [first_year, last_year] when those are given.
struct TmdbDiscoverQuery {
  std::vector<long long> provider_ids;
  std::string region;
  std::optional<int> first_year;
  std::optional<int> last_year;
};

class Tmdb {
 public:
  virtual ~Tmdb() = default;
  // TMDB's movie id for an IMDb id; nothing when TMDB does not know the movie.
  virtual Expected<std::optional<long long>, HttpFailure> find_movie(const std::string& tconst) = 0;
  virtual Expected<std::vector<domain::PosterImage>, HttpFailure> movie_images(long long tmdb_id) = 0;
  // The streaming services TMDB knows in `region`.
  virtual Expected<std::vector<TmdbProvider>, HttpFailure> watch_providers(const std::string& region) = 0;
  // One page (from 1; TMDB serves at most 500) of a discover query.
  virtual Expected<TmdbDiscoverPage, HttpFailure> discover(const TmdbDiscoverQuery& query, int page) = 0;
  // The movie's IMDb id; nothing when TMDB has none.
  virtual Expected<std::optional<std::string>, HttpFailure> imdb_id(long long tmdb_id) = 0;
};

struct TmdbOptions {
  std::string api_key;  // a v3 key or a v4 read-access token
  std::string base_url = "https://api.themoviedb.org/3";
  double requests_per_second = 10;              // TMDB allows about 40
  std::chrono::seconds cache_ttl{6 * 60 * 60};  // answers are kept this long in memory
  size_t cache_entries = 50'000;
};

class TmdbHttp final : public Tmdb {
 public:
  TmdbHttp(TmdbOptions options, HttpClient http, const Clock& clock);

  Expected<std::optional<long long>, HttpFailure> find_movie(const std::string& tconst) override;
  Expected<std::vector<domain::PosterImage>, HttpFailure> movie_images(long long tmdb_id) override;
  Expected<std::vector<TmdbProvider>, HttpFailure> watch_providers(const std::string& region) override;
  Expected<TmdbDiscoverPage, HttpFailure> discover(const TmdbDiscoverQuery& query, int page) override;
  Expected<std::optional<std::string>, HttpFailure> imdb_id(long long tmdb_id) override;

 private:
  // GET base_url + path + "?" + query with the key attached: the JSON object answered, or why there is none.
  Expected<boost::json::object, HttpFailure> get_object(const std::string& path, const std::string& query);
  // The array under `list` in get_object's answer.
  Expected<boost::json::array, HttpFailure> get_list(const std::string& path, const std::string& query,
                                                     const std::string& list);

  template <class Value>
  struct Cache {
    std::mutex mutex;
    std::map<std::string, std::pair<Timestamp, Value>> entries;  // key -> (expires, value)
  };
  template <class Value>
  std::optional<Value> cached(Cache<Value>& cache, const std::string& key);
  template <class Value>
  void remember(Cache<Value>& cache, const std::string& key, const Value& value);

  TmdbOptions options_;
  HttpClient http_;
  const Clock& clock_;
  RateLimiter limiter_;
  Cache<std::optional<long long>> found_;
  Cache<std::vector<domain::PosterImage>> images_;
};

}  // namespace myvod::clients
