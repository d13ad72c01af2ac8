#pragma once
// A fake language model on a loopback port that speaks both APIs myvod can use, over real HTTP, so the real
// client code is what tests exercise: Gemini's POST /v1beta/models/{model}:generateContent (key in
// x-goog-api-key) and OpenAI's POST /v1/chat/completions (optional bearer key). What it answers is set by
// the test: a fixed text, or picks taken from the prompt's own candidate list (what a well-behaved model
// does); and it misbehaves on request: slow, 429 once, 500, a body that is not JSON. It records every call.

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/server.hpp"

namespace myvod::testing {

class FakeModel {
 public:
  enum class Misbehaviour { none, slow, rate_limited_once, server_error, not_json };

  // `key`: the key Gemini calls must carry, and OpenAI calls when not empty.
  explicit FakeModel(std::string key = {});
  ~FakeModel();

  std::string gemini_url() const;  // "http://127.0.0.1:PORT/v1beta"
  std::string openai_url() const;  // "http://127.0.0.1:PORT/v1"

  // The model's text for every later call.
  void reply(std::string text);
  // For every later call: `per_platform` picks per platform from the prompt's "- [tt...]" lines, in order,
  // each under the first platform its line names, with a Polish justification.
  void reply_from_pool(int per_platform);
  void misbehave(Misbehaviour misbehaviour);
  // Every answer waits this long first (for the concurrency tests).
  void delay(std::chrono::milliseconds latency);

  size_t calls() const { return calls_.load(); }
  std::vector<std::string> prompts() const;
  std::vector<std::string> paths() const;
  std::vector<std::string> keys() const;  // the key each call carried, "" when none

 private:
  boost::asio::awaitable<http::Reply> answer(http::RawRequest& request);
  std::string text_for(const std::string& prompt) const;

  std::string key_;
  mutable std::mutex mutex_;
  std::string reply_ = "{}";
  std::optional<int> pool_picks_;
  Misbehaviour misbehaviour_ = Misbehaviour::none;
  std::chrono::milliseconds latency_{0};
  std::vector<std::string> prompts_, paths_, keys_;
  std::atomic<size_t> calls_{0};
  http::Server server_;
};

}  // namespace myvod::testing
