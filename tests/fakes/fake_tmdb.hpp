#pragma once
// A fake TMDB on a loopback port, speaking the two calls the poster fetcher makes (GET /3/find/{imdb_id}
// and GET /3/movie/{id}/images) and the three the availability sync makes (GET /3/watch/providers/movie,
// /3/discover/movie with its provider, region, monetization and release-date filters and TMDB's cap of
// 500 pages, and /3/movie/{id}/external_ids) over real HTTP, so that the real client code is what the tests
// exercise.
// It also misbehaves on request, as the real one does now and then: slow answers, 429 with Retry-After,
// 500s, malformed JSON. It checks the key (query parameter or bearer token) and records every call.

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/server.hpp"

namespace myvod::testing {

class FakeTmdb {
 public:
  enum class Misbehaviour { none, slow, rate_limited_once, server_error, malformed };

  struct Poster {
    std::optional<std::string> language;
    std::string file_path;
  };

  // `latency`: how long every answer takes. `every_movie`: answer any ttNNNNNNN as TMDB id NNNNNNN with
  // one English poster (for benchmarks on large catalogs).
  explicit FakeTmdb(std::string key, std::chrono::milliseconds latency = {}, bool every_movie = false);
  ~FakeTmdb();

  std::string base_url() const;  // "http://127.0.0.1:PORT/3"

  void add_movie(const std::string& tconst, long long id, std::vector<Poster> posters);
  // The streaming services of the region it serves (/watch/providers/movie).
  void set_providers(std::string region, std::vector<std::pair<long long, std::string>> providers);
  // Movie `id` (released in `year`) streams flat-rate on `provider_id` in the region.
  void offer(long long provider_id, long long id, int year);
  void withdraw(long long provider_id, long long id);
  // Results per discover page (TMDB's is 20; tests make it small to reach the page cap with few movies).
  void set_discover_page_size(int size);
  // Applies to calls one of whose path segments is `key` (a tconst for find, an id for images), or to the
  // discover page "discover?page=N".
  void misbehave(const std::string& key, Misbehaviour misbehaviour);

  size_t calls() const { return calls_.load(); }
  std::vector<std::string> targets() const;  // every request target, in order
  std::vector<std::string> authorizations() const;

 private:
  boost::asio::awaitable<http::Reply> answer(http::RawRequest& request);
  // The misbehaviour asked for `path`, used up when it happens once; called with the mutex held.
  Misbehaviour take_misbehaviour(const std::string& path);
  http::RawResponse respond(const http::RawRequest& request, const std::string& path, bool authorized,
                            Misbehaviour misbehaviour);
  http::RawResponse discover(const http::RawRequest& request);  // called with the mutex held

  std::string key_;
  std::chrono::milliseconds latency_;
  bool every_movie_;
  mutable std::mutex mutex_;
  std::map<std::string, long long> ids_;
  std::map<long long, std::vector<Poster>> posters_;
  std::map<std::string, Misbehaviour> misbehaviours_;
  std::string region_ = "PL";
  std::vector<std::pair<long long, std::string>> providers_;
  std::map<long long, std::map<long long, int>> offers_;  // provider -> movie id -> release year
  int discover_page_size_ = 20;
  std::vector<std::string> targets_;
  std::vector<std::string> authorizations_;
  std::atomic<size_t> calls_{0};
  http::Server server_;
};

}  // namespace myvod::testing
