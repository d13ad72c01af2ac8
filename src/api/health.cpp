#include "api/handlers.hpp"
#include "common/log.hpp"

namespace myvod::api {

// Liveness and readiness in one: the process answers and its database does too.
Handled health(Call& call) {
  bool database_ok = true;
  try {
    co_await call.db([](store::Store& store) { store.ping(); });
  } catch (const std::exception& failure) {
    database_ok = false;
    log::warn("health check: database unreachable", {{"error", failure.what()}});
  }
  co_return http::Response::json(database_ok ? 200 : 503,
                                 boost::json::object{{"status", database_ok ? "ok" : "unavailable"}});
}

}  // namespace myvod::api
