#pragma once
// The composition root of `myvod serve`: opens and migrates the database, loads the sample catalog, builds
// the services, and runs the HTTP server. The test suite builds the very same object.

#include <cstdint>
#include <memory>

#include "app/config.hpp"
#include "common/clock.hpp"
#include "http/message.hpp"
#include "service/mail_settings.hpp"
#include "store/database.hpp"
#include "store/store.hpp"

namespace myvod::app {

// The key that signs tokens and reset links: MYVOD_SECRET_KEY, or the one generated on the first start and
// kept in the database (so that `serve` and the CLI agree on it, across restarts).
std::string secret_key_in_force(const Config& config, store::Store& store);

// Where links that leave the server (reset, confirmation, unsubscribe) point: MYVOD_FRONTEND_URL, else
// MYVOD_PUBLIC_URL, without a trailing slash.
std::string frontend_url(const Config& config);
// That, and this server's own base URL (for RFC 8058's one-click unsubscribe, which reaches the API).
service::MailLinkBase mail_link_base(const Config& config);

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
  // The server's answer to one request, without a socket or the server's threads (the fuzzer drives this).
  http::Reply handle(http::RawRequest& request, const http::RequestMeta& meta);

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace myvod::app
