#pragma once
// A fake TMDB on a loopback port, speaking the two calls the poster fetcher makes (GET /3/find/{imdb_id}
// and GET /3/movie/{id}/images) over real HTTP, so that the real client code is what the tests exercise.
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
  // Applies to calls one of whose path segments is `key` (a tconst for find, an id for images).
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

  std::string key_;
  std::chrono::milliseconds latency_;
  bool every_movie_;
  mutable std::mutex mutex_;
  std::map<std::string, long long> ids_;
  std::map<long long, std::vector<Poster>> posters_;
  std::map<std::string, Misbehaviour> misbehaviours_;
  std::vector<std::string> targets_;
  std::vector<std::string> authorizations_;
  std::atomic<size_t> calls_{0};
  http::Server server_;
};

}  // namespace myvod::testing
