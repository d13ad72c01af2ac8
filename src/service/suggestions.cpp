#include "service/suggestions.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <map>

#include "common/log.hpp"
#include "common/random.hpp"
#include "domain/suggestions.hpp"
#include "store/store.hpp"

namespace myvod::service {

namespace {

constexpr int kTasteLimit = 200;  // the user's movies the prompt describes at most
constexpr std::chrono::milliseconds kWaitStep{200};

Timestamp start_of_utc_day(Timestamp t) {
  return std::chrono::floor<std::chrono::days>(t);
}

std::string day_text(Timestamp day) {
  const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(day)};
  return std::to_string(static_cast<int>(date.year())) + "-" +
         std::to_string(static_cast<unsigned>(date.month())) + "-" +
         std::to_string(static_cast<unsigned>(date.day()));
}

}  // namespace

Suggestions::Suggestions(Runtime& runtime, WorkerPool& outbound, clients::TextModel* model,
                         std::chrono::seconds model_timeout, std::string owner)
    : runtime_(runtime),
      outbound_(outbound),
      model_(model),
      model_timeout_(model_timeout),
      owner_(std::move(owner)) {}

boost::asio::awaitable<Expected<SuggestionAnswer, SuggestionRefusal>> Suggestions::today(
    const domain::User& user, bool fresh) {
  const Timestamp now = runtime_.clock().now();
  const Timestamp day = start_of_utc_day(now);
  // The contract's expiry: the last microsecond of the UTC day.
  const Timestamp expires_at = day + std::chrono::days(1) - std::chrono::microseconds(1);
  if (!fresh) {
    const auto cached = co_await runtime_.db(
        [&](store::Store& store) { return store.suggestions().latest_since(user.id, day); });
    if (cached) co_return co_await format(user.id, *cached);
  }
  auto [taste, platforms] = co_await runtime_.db([&](store::Store& store) {
    return std::pair{store.suggestions().taste(user.id, kTasteLimit), store.platforms().of_user(user.id)};
  });
  if (taste.empty()) co_return unexpected(SuggestionRefusal::no_movies);
  if (platforms.empty()) co_return unexpected(SuggestionRefusal::no_platforms);
  if (!model_) co_return SuggestionAnswer{expires_at, {}};

  // Leases expire, so a server that dies while generating does not block the user for the day.
  const std::string lease = "suggestions:" + user.id + ":" + day_text(day);
  const auto lease_until = now + 2 * model_timeout_ + std::chrono::seconds(10);
  // Each request is its own owner: two requests of one server must not share the lease.
  const std::string owner = owner_ + ":" + random_hex(8);
  // (No co_await inside ?: or ||: GCC 12 miscompiles coroutines that do.)
  bool mine = fresh;
  if (!mine) {
    mine = co_await runtime_.db(
        [&](store::Store& store) { return store.jobs().acquire_lease(lease, owner, now, lease_until); });
  }
  if (!mine) {
    const auto theirs = co_await wait_for_batch(user.id, lease, day);
    if (theirs) co_return co_await format(user.id, *theirs);
    co_return SuggestionAnswer{expires_at, {}};
  }
  std::exception_ptr failure;
  std::optional<store::SuggestionBatch> batch;
  try {
    batch = co_await generate(user, taste, platforms, expires_at);
  } catch (...) {
    failure = std::current_exception();
  }
  if (!fresh) co_await runtime_.db([&](store::Store& store) { store.jobs().release_lease(lease, owner); });
  if (failure) std::rethrow_exception(failure);
  if (batch) co_return co_await format(user.id, *batch);
  co_return SuggestionAnswer{expires_at, {}};
}

Suggestions::Pool Suggestions::build_pool(store::Store& store, const std::string& user_id,
                                          const std::vector<domain::Platform>& platforms) {
  Pool pool;
  pool.watched = store.suggestions().watched(user_id);
  const int per_platform = domain::candidates_per_platform(platforms.size());
  std::map<std::string, size_t> position;  // tconst -> index in pool.candidates
  for (const auto& platform : platforms) {
    for (auto& candidate : store.suggestions().candidates(user_id, platform.id, per_platform)) {
      const auto [found, added] = position.try_emplace(candidate.tconst, pool.candidates.size());
      if (added) pool.candidates.push_back(std::move(candidate));
      pool.candidates[found->second].platforms.push_back(platform.name);
    }
  }
  return pool;
}

std::string Suggestions::prompt_of(const Pool& pool, const std::vector<domain::TasteMovie>& taste,
                                   const std::vector<domain::Platform>& platforms) {
  std::vector<std::string> names;
  for (const auto& platform : platforms) names.push_back(platform.name);
  return domain::build_prompt(names, taste, pool.candidates, domain::analyse_taste(taste),
                              domain::picks_per_platform(platforms.size()));
}

std::string Suggestions::prompt_for(const std::string& user_id) {
  return runtime_.database().with_store([&](store::Store& store) {
    const auto platforms = store.platforms().of_user(user_id);
    return prompt_of(build_pool(store, user_id, platforms), store.suggestions().taste(user_id, kTasteLimit),
                     platforms);
  });
}

boost::asio::awaitable<std::optional<store::SuggestionBatch>> Suggestions::generate(
    const domain::User& user, const std::vector<domain::TasteMovie>& taste,
    const std::vector<domain::Platform>& platforms, Timestamp expires_at) {
  const Pool pool =
      co_await runtime_.db([&](store::Store& store) { return build_pool(store, user.id, platforms); });
  // Nothing streams that the user has not seen: there is nothing to ask about.
  if (pool.candidates.empty()) co_return std::nullopt;
  const std::string prompt = prompt_of(pool, taste, platforms);
  // The pool's results must be default-constructible, which Expected is not: text or failure, as a pair.
  const auto [text, failure] = co_await outbound_.run([this, &prompt] {
    auto completed = model_->complete(prompt);
    return completed ? std::pair{std::move(*completed), std::optional<clients::HttpFailure>()}
                     : std::pair{std::string(), std::optional(completed.error())};
  });
  if (failure) {
    co_await log_failure(user, failure->message, "provider", taste.size());
    co_return std::nullopt;
  }
  const auto answer = domain::read_model_answer(text);
  if (!answer) {
    co_await log_failure(user, "The model's answer holds no JSON object", "unreadable answer", taste.size());
    co_return std::nullopt;
  }
  std::set<std::string> offered;
  for (const auto& candidate : pool.candidates) offered.insert(candidate.tconst);
  store::SuggestionBatch batch;
  batch.generated_at = runtime_.clock().now();
  batch.expires_at = expires_at;
  batch.prompt = "Generate suggestions for user based on " + std::to_string(taste.size()) + " movies";
  batch.response_json = boost::json::serialize(domain::validate_picks(*answer, offered, pool.watched));
  co_await runtime_.db([&](store::Store& store) { store.suggestions().insert(user.id, batch); });
  co_return batch;
}

boost::asio::awaitable<std::optional<store::SuggestionBatch>> Suggestions::wait_for_batch(
    const std::string& user_id, const std::string& lease, Timestamp since) {
  const auto deadline = std::chrono::steady_clock::now() + 2 * model_timeout_ + std::chrono::seconds(10);
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  while (std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(kWaitStep);
    co_await timer.async_wait(boost::asio::use_awaitable);
    // The lease first, then the batch: a request that let go of the lease had already stored its batch (or
    // failed), so reading them the other way round could miss a batch stored in between.
    auto [generating, batch] = co_await runtime_.db([&](store::Store& store) {
      const bool held = store.jobs().lease_held(lease, runtime_.clock().now());
      return std::pair{held, store.suggestions().latest_since(user_id, since)};
    });
    if (batch) co_return batch;
    // The generating request gave up (its call failed) and let go of the lease: nothing will come.
    if (!generating) break;
  }
  co_return std::nullopt;
}

boost::asio::awaitable<SuggestionAnswer> Suggestions::format(const std::string& user_id,
                                                             const store::SuggestionBatch& batch) {
  boost::system::error_code error;
  const auto response = boost::json::parse(batch.response_json, error);
  const auto picks = error ? std::vector<domain::Pick>{} : domain::picks_of_batch(response);
  std::vector<std::string> tconsts;
  for (const auto& pick : picks) tconsts.push_back(pick.tconst);
  auto [movies, platforms, streaming] = co_await runtime_.db([&](store::Store& store) {
    const auto mine = store.platforms().of_user(user_id);
    std::vector<int> ids;
    for (const auto& platform : mine) ids.push_back(platform.id);
    return std::tuple{store.catalog().movies(tconsts), mine, store.suggestions().streaming_on(tconsts, ids)};
  });
  std::map<std::string, domain::Movie> by_tconst;
  for (auto& movie : movies) by_tconst.emplace(movie.tconst, std::move(movie));
  SuggestionAnswer answer{batch.expires_at, {}};
  for (const auto& pick : picks) {
    const auto movie = by_tconst.find(pick.tconst);
    if (movie == by_tconst.end()) continue;  // gone from the catalog since
    SuggestedMovie suggested{movie->second, pick.justification, {}};
    for (const int id : streaming[pick.tconst]) {
      for (const auto& platform : platforms)
        if (platform.id == id) suggested.streaming_on.push_back(platform);
    }
    answer.suggestions.push_back(std::move(suggested));
  }
  co_return answer;
}

boost::asio::awaitable<void> Suggestions::log_failure(const domain::User& user, const std::string& message,
                                                      const std::string& error_type, size_t movies) {
  log::warn("suggestions failed", {{"provider", model_->api_type()}, {"error", message}});
  const boost::json::object details{
      {"user_email", user.email}, {"movies", movies}, {"error_type", error_type}};
  co_await runtime_.db([&](store::Store& store) {
    store.integration_log().record(
        {model_->api_type(), message, boost::json::serialize(details), user.id, runtime_.clock().now()});
  });
}

}  // namespace myvod::service
