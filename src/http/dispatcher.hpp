#pragma once
// The top of the request path: which application answers a request, by its path alone. The API, its
// health check and metrics get their own paths; everything else goes to the fallback (the web UI's files),
// so that the UI's own routes (/watchlist, /auth/reset-password, ...) survive a reload. A request for a Host
// the server does not serve is refused here, before any application sees it.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/allowed_hosts.hpp"
#include "http/server.hpp"

namespace myvod::http {

class Dispatcher {
 public:
  explicit Dispatcher(RequestHandler fallback) : fallback_(std::move(fallback)) {}

  // Paths that start with `prefix` ("/api/") go to `handler`; so does `prefix` without its trailing slash.
  Dispatcher& prefix(std::string prefix, RequestHandler handler);
  // Exactly `path` ("/healthz") goes to `handler`.
  Dispatcher& exact(std::string path, RequestHandler handler);

  // Requests for other hosts get a 400, except on the `exempt` paths (a balancer probes /healthz by address).
  Dispatcher& allow_hosts(AllowedHosts hosts, std::vector<std::string> exempt);

  // The handler for a request target (its query ignored).
  const RequestHandler& select(std::string_view target) const;

  asio::awaitable<Reply> operator()(RawRequest& request, const RequestMeta& meta) const {
    return handler_for(request)(request, meta);
  }

 private:
  struct Route {
    std::string path;
    bool is_prefix;
    RequestHandler handler;
  };
  const RequestHandler& handler_for(const RawRequest& request) const;

  std::vector<Route> routes_;
  RequestHandler fallback_;
  std::optional<AllowedHosts> hosts_;
  std::vector<std::string> host_exempt_;
  RequestHandler host_refusal_;
};

}  // namespace myvod::http
