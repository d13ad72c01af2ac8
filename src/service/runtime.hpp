#pragma once
// Where the application's operations run their blocking steps: database work on the database pool (one
// connection per worker), password hashing on its own pool, so neither ever blocks an I/O thread and a
// burst of logins cannot starve the database. The same object serves handlers, CLI commands and jobs.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "common/clock.hpp"
#include "common/worker_pool.hpp"
#include "store/database.hpp"

namespace myvod::service {

class Runtime {
 public:
  Runtime(store::Database& database, WorkerPool& database_workers, WorkerPool& hashing_workers,
          const Clock& clock)
      : database_(database),
        database_workers_(database_workers),
        hashing_workers_(hashing_workers),
        clock_(clock) {}

  // Runs `work(store::Store&)` on a pooled connection; once more if it loses a race on PostgreSQL
  // (store::Database::with_store_retrying), so it must touch nothing but the database and its result.
  template <class Work>
  auto db(Work work) {
    return database_workers_.run([&database = database_, work = std::move(work)]() mutable {
      return database.with_store_retrying(work);
    });
  }

  // Runs `work()` (password hashing) on the hashing pool, for `client` (its address; empty for the CLI):
  // clients take turns there, so one client's burst cannot make everyone else's log-in wait.
  template <class Work>
  auto hashing(std::string client, Work work) {
    return hashing_workers_.run_for(std::move(client), std::move(work));
  }

  const Clock& clock() const { return clock_; }
  store::Database& database() { return database_; }

 private:
  store::Database& database_;
  WorkerPool& database_workers_;
  WorkerPool& hashing_workers_;
  const Clock& clock_;
};

// Runs an operation to completion on the calling thread: for CLI commands, which have no server around them.
template <class T>
T run_to_completion(boost::asio::awaitable<T> operation) {
  boost::asio::io_context context;
  auto result = boost::asio::co_spawn(context, std::move(operation), boost::asio::use_future);
  context.run();
  return result.get();
}

}  // namespace myvod::service
