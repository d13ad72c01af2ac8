#pragma once
// A fixed set of open connections, one per worker thread of the database pool.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/store.hpp"

namespace myvod::store {

class Database {
 public:
  // Opens `connections` sessions; throws when the database cannot be reached.
  Database(DatabaseUrl url, size_t connections);

  Engine engine() const { return url_.engine; }
  const DatabaseUrl& url() const { return url_; }

  // Runs `work(Store&)` on a free connection, waiting for one if all are busy. A connection found broken
  // after a failure is reopened before it is handed out again.
  template <class Work>
  auto with_store(Work&& work) {
    Lease lease(*this);
    return work(*lease.store);
  }

 private:
  struct Lease {
    explicit Lease(Database& database);
    ~Lease();
    Database& database;
    std::unique_ptr<Store> store;
  };

  DatabaseUrl url_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
};

}  // namespace myvod::store
