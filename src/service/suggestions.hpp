#pragma once
// Today's AI suggestions for a user (contract §3.13, §5.3): the day's stored batch when there is one;
// otherwise a pool of movies streaming on the user's platforms that they have not watched, a prompt built
// from their history, one model call, the answer checked pick by pick and stored for the rest of the UTC
// day. A failed call or an unreadable answer is logged and answered with no suggestions, and nothing is
// stored, so the next request tries again.
//
// Two first requests of one user on one day make one model call: the first takes a lease row (the same
// job_lease the scheduler uses, so it holds across servers) and the second waits for its batch.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "clients/text_model.hpp"
#include "common/expected.hpp"
#include "common/worker_pool.hpp"
#include "domain/movie.hpp"
#include "domain/user.hpp"
#include "service/runtime.hpp"
#include "store/aggregates.hpp"

namespace myvod::service {

struct SuggestedMovie {
  domain::Movie movie;
  std::string justification;
  std::vector<domain::Platform> streaming_on;  // the user's platforms that stream it now
};

struct SuggestionAnswer {
  Timestamp expires_at;
  std::vector<SuggestedMovie> suggestions;
};

enum class SuggestionRefusal { no_movies, no_platforms };

class Suggestions {
 public:
  // `model` may be null: no provider is configured, and every answer is empty.
  Suggestions(Runtime& runtime, WorkerPool& outbound, clients::TextModel* model,
              std::chrono::seconds model_timeout, std::string owner);

  // `fresh` skips the day's stored batch (staff's debug=true).
  boost::asio::awaitable<Expected<SuggestionAnswer, SuggestionRefusal>> today(const domain::User& user,
                                                                              bool fresh);

  bool configured() const { return model_ != nullptr; }

  // What the model would be asked for this user now (the pool and the prompt, no call): for the benchmark.
  std::string prompt_for(const std::string& user_id);

 private:
  struct Pool {
    std::vector<domain::Candidate> candidates;
    std::set<std::string> watched;
  };
  static Pool build_pool(store::Store& store, const std::string& user_id,
                         const std::vector<domain::Platform>& platforms);
  static std::string prompt_of(const Pool& pool, const std::vector<domain::TasteMovie>& taste,
                               const std::vector<domain::Platform>& platforms);

  boost::asio::awaitable<std::optional<store::SuggestionBatch>> generate(
      const domain::User& user, const std::vector<domain::TasteMovie>& taste,
      const std::vector<domain::Platform>& platforms, Timestamp expires_at);
  boost::asio::awaitable<std::optional<store::SuggestionBatch>> wait_for_batch(const std::string& user_id,
                                                                               const std::string& lease,
                                                                               Timestamp since);
  boost::asio::awaitable<SuggestionAnswer> format(const std::string& user_id,
                                                  const store::SuggestionBatch& batch);
  boost::asio::awaitable<void> log_failure(const domain::User& user, const std::string& message,
                                           const std::string& error_type, size_t movies);

  Runtime& runtime_;
  WorkerPool& outbound_;
  clients::TextModel* model_;
  std::chrono::seconds model_timeout_;
  std::string owner_;
};

}  // namespace myvod::service
