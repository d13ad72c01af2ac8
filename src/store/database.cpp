#include "store/database.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "common/log.hpp"
#include "store/engine.hpp"

namespace myvod::store {

Database::Database(DatabaseUrl url, size_t connections) : url_(std::move(url)) {
  for (size_t i = 0; i < connections; ++i) idle_.push_back(open());
}

namespace {

// SOCI announces every statement a session prepares to the session's logger, whichever way it was built.
class StatementCounter : public soci::logger_impl {
 public:
  explicit StatementCounter(std::atomic<std::uint64_t>& count) : count_(count) {}
  void start_query(const std::string&) override { count_.fetch_add(1, std::memory_order_relaxed); }

 private:
  logger_impl* do_clone() const override { return new StatementCounter(count_); }
  std::atomic<std::uint64_t>& count_;
};

}  // namespace

std::unique_ptr<Store> Database::open() {
  auto store = open_store(url_);
  store->sql().set_logger(soci::logger(new StatementCounter(statements_)));
  return store;
}

bool Database::lost_a_race(const std::exception& error) const {
  return url_.engine == Engine::postgres && postgres::lost_a_race(error);
}

void Database::log_lost_race(const std::exception& error, bool again) {
  log::warn(
      again ? "transaction lost a race again; answered 503" : "transaction lost a race; running it again",
      {{"error", error.what()}});
}

Error Database::busy() {
  Error error = Error::detail(ErrorCode::unavailable, "The server is busy. Please try again in a moment.");
  error.retry_after_seconds = 1;
  return error;
}

Database::Lease::Lease(Database& db) : database(db) {
  std::unique_lock lock(database.mutex_);
  database.available_.wait(lock, [&] { return !database.idle_.empty(); });
  store = std::move(database.idle_.back());
  database.idle_.pop_back();
}

Database::Lease::~Lease() {
  if (failed && !store->sql().is_connected()) {
    try {
      store = database.open();  // a fresh session also gets the per-connection settings again
    } catch (const std::exception& error) {
      spdlog::error("database reconnect failed: {}", error.what());
    }
  }
  {
    std::lock_guard lock(database.mutex_);
    database.idle_.push_back(std::move(store));
  }
  database.available_.notify_one();
}

}  // namespace myvod::store
