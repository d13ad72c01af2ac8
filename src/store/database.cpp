#include "store/database.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <random>
#include <thread>

#include "common/log.hpp"
#include "common/metrics.hpp"
#include "store/engine.hpp"

namespace myvod::store {

Database::Database(DatabaseUrl url, size_t connections) : url_(std::move(url)) {
  for (size_t i = 0; i < connections; ++i) idle_.push_back(open());
}

namespace {

// The pool's series in /metrics. SOCI tells when a statement starts, never when it ends, so durations are
// those of a unit of work on a connection (a transaction, mostly), from lease to release.
struct DatabaseMetrics {
  metrics::Counter& statements = metrics::registry()
                                     .counter("myvod_database_statements_total",
                                              "SQL statements prepared or run on the database connections.")
                                     .at({});
  static metrics::Family<metrics::Histogram>& work() {
    return metrics::registry().histogram(
        "myvod_database_work_duration_seconds",
        "Time a unit of database work (a transaction, mostly) held its connection, by outcome.", {"outcome"});
  }
  metrics::Histogram& work_done = work().at({"done"});
  metrics::Histogram& work_failed = work().at({"failed"});
  metrics::Histogram& waits =
      metrics::registry()
          .histogram("myvod_database_connection_wait_seconds", "Time spent waiting for a free connection.")
          .at({});
  metrics::Family<metrics::Counter>& races = metrics::registry().counter(
      "myvod_database_lost_races_total",
      "Transactions that lost a serialization or deadlock race on PostgreSQL: retried, or answered 503.",
      {"outcome"});
};

DatabaseMetrics& database_metrics() {
  static DatabaseMetrics instance;
  return instance;
}

// SOCI announces every statement a session prepares to the session's logger, whichever way it was built.
class StatementCounter : public soci::logger_impl {
 public:
  explicit StatementCounter(std::atomic<std::uint64_t>& count) : count_(count) {}
  void start_query(const std::string&) override {
    count_.fetch_add(1, std::memory_order_relaxed);
    database_metrics().statements.add();
  }

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
  database_metrics().races.at({again ? "answered_503" : "retried"}).add();
  log::warn(
      again ? "transaction lost a race again; answered 503" : "transaction lost a race; running it again",
      {{"error", error.what()}});
}

void Database::pause_before_running_again() {
  // The transaction that won is usually still finishing: PostgreSQL wakes it when ours is rolled back, and it
  // has yet to take the row ours let go and commit. Running again at once can take that row first and lose
  // the same race a second time (seen on a loaded machine: two deadlocks in a row, answered 503). A few
  // milliseconds, different for each loser so that several do not come back in step, let the winner finish;
  // next to the second PostgreSQL waits before it reports a deadlock, they cost nothing.
  thread_local std::minstd_rand generator{std::random_device{}()};
  std::uniform_int_distribution<int> pause_ms(5, 25);
  std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(generator)));
}

Database::Lease::Lease(Database& db) : database(db) {
  const auto asked = std::chrono::steady_clock::now();
  std::unique_lock lock(database.mutex_);
  database.available_.wait(lock, [&] { return !database.idle_.empty(); });
  store = std::move(database.idle_.back());
  database.idle_.pop_back();
  leased_at = std::chrono::steady_clock::now();
  database_metrics().waits.observe(leased_at - asked);
}

Database::Lease::~Lease() {
  auto& figures = database_metrics();
  (failed ? figures.work_failed : figures.work_done).observe(std::chrono::steady_clock::now() - leased_at);
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
