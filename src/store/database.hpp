#pragma once
// A fixed set of open connections, one per worker thread of the database pool.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "common/error.hpp"
#include "store/store.hpp"

namespace myvod::store {

class Database {
 public:
  // Opens `connections` sessions; throws when the database cannot be reached.
  Database(DatabaseUrl url, size_t connections);

  Engine engine() const { return url_.engine; }
  const DatabaseUrl& url() const { return url_; }

  // How many statements the sessions have prepared or run since start: a page of a list must cost a fixed
  // number, whatever its size (the tests check this; it would be a metric too).
  std::uint64_t statements_run() const { return statements_.load(); }

  // Runs `work(Store&)` on a free connection, waiting for one if all are busy. A connection found broken
  // after a failure is reopened before it is handed out again.
  template <class Work>
  auto with_store(Work&& work) {
    Lease lease(*this);
    try {
      return work(*lease.store);
    } catch (...) {
      lease.failed = true;
      throw;
    }
  }

  // with_store for the requests' work, which may run twice (it touches only the database and its own
  // results): when it loses a race on PostgreSQL (a serialization failure or a deadlock, its transaction
  // rolled back), it runs once more; losing again is a 503 with Retry-After, never a 500. Rows are locked in
  // one order where we know of a race (the user row first), so this is the net under what we do not know.
  template <class Work>
  auto with_store_retrying(Work&& work) {
    try {
      return with_store(work);
    } catch (const std::exception& error) {
      if (!lost_a_race(error)) throw;
      log_lost_race(error, false);
    }
    pause_before_running_again();
    try {
      return with_store(work);
    } catch (const std::exception& error) {
      if (!lost_a_race(error)) throw;
      log_lost_race(error, true);
      throw server_busy();
    }
  }

 private:
  struct Lease {
    explicit Lease(Database& database);
    ~Lease();
    Database& database;
    std::unique_ptr<Store> store;
    bool failed = false;  // only then is the connection checked: on PostgreSQL the check is a round trip
    std::chrono::steady_clock::time_point leased_at;
  };

  std::unique_ptr<Store> open();
  bool lost_a_race(const std::exception& error) const;
  static void log_lost_race(const std::exception& error, bool again);
  static void pause_before_running_again();

  DatabaseUrl url_;
  std::atomic<std::uint64_t> statements_{0};
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace myvod::store
