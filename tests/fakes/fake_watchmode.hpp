#pragma once
// A fake Watchmode on a loopback port, speaking GET /v1/list-titles/ (source_ids, regions, types, limit,
// page) over real HTTP, so that the real client code is what the tests exercise. It pages a source's
// titles as Watchmode does, checks the X-API-Key header, records every call, and misbehaves on request
// the way the real one can: a slow page, 429 with Retry-After once, 500, malformed JSON, and the 200 answer
// with a statusMessage that Watchmode gives for a spent quota.

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/server.hpp"

namespace myvod::testing {

class FakeWatchmode {
 public:
  enum class Misbehaviour { none, slow, rate_limited_once, server_error, malformed, quota_spent };

  struct Title {
    long long id = 0;
    std::optional<std::string> imdb_id;
    std::string type = "movie";
  };

  // `latency`: how long every answer takes. `page_cap`: the largest page it gives, whatever `limit` asks
  // (small in tests, so that a few titles make several pages).
  explicit FakeWatchmode(std::string key, std::chrono::milliseconds latency = {}, int page_cap = 250);
  ~FakeWatchmode();

  std::string base_url() const;  // "http://127.0.0.1:PORT/v1"

  // What `source_id` streams now (replaces the previous list).
  void set_titles(long long source_id, std::vector<Title> titles);
  // Every ttNNNNNNN from `first` to `first + count - 1`, with Watchmode ids from `first_id`.
  void set_generated_titles(long long source_id, long long first, long long count, long long first_id);
  // Applies to `page` of `source_id`; rate_limited_once is used up when it happens.
  void misbehave(long long source_id, int page, Misbehaviour misbehaviour);

  size_t calls() const { return calls_.load(); }
  std::vector<std::string> targets() const;  // every request target, in order
  std::vector<std::string> keys() const;     // every X-API-Key header, in order

 private:
  boost::asio::awaitable<http::Reply> answer(http::RawRequest& request);
  http::RawResponse list_titles(const http::RawRequest& request, long long source_id, int page, int limit);

  std::string key_;
  std::chrono::milliseconds latency_;
  int page_cap_;
  mutable std::mutex mutex_;
  std::map<long long, std::vector<Title>> titles_;
  std::map<std::pair<long long, int>, Misbehaviour> misbehaviours_;
  std::vector<std::string> targets_;
  std::vector<std::string> keys_;
  std::atomic<size_t> calls_{0};
  http::Server server_;
};

}  // namespace myvod::testing
