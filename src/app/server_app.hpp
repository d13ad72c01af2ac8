#pragma once
// The composition root of `myvod serve`: opens and migrates the database, loads the sample catalog, builds
// the services, and runs the HTTP server. The test suite builds the very same object.

#include <cstdint>
#include <memory>

#include "app/config.hpp"
#include "common/clock.hpp"
#include "store/database.hpp"

namespace myvod::app {

class ServerApp {
 public:
  // Throws on a bad configuration or an unreachable database. Tests pass a clock they can move.
  explicit ServerApp(const Config& config, const Clock& clock = system_clock());
  ~ServerApp();

  void start();
  unsigned short port() const;
  void drain();
  void wait();
  std::uint64_t database_statements() const;  // see store::Database::statements_run
  // Jobs waiting for or running on the database pool; with the database's connections, this lets a test
  // hold a request in flight for certain.
  size_t database_jobs() const;
  store::Database& database();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace myvod::app
