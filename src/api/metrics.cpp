// GET /metrics: the process's figures in Prometheus's text format (common/metrics.hpp), for the clients in
// MYVOD_METRICS_ALLOW only (loopback unless the operator says otherwise): route names, queue depths and
// failure counts tell a stranger what the server is busy with.
#include "common/metrics.hpp"

#include <boost/asio/ip/address.hpp>

#include "api/handlers.hpp"

namespace myvod::api {

namespace {

// A request relayed by a proxy we do not trust (it carries forwarding headers, yet names no other client)
// comes from someone we cannot see: a reverse proxy on loopback would otherwise make every visitor local.
bool relayed_by_untrusted_proxy(const Call& call) {
  const bool forwarded =
      !call.request["X-Forwarded-For"].empty() || !call.request[http::bhttp::field::forwarded].empty();
  if (!forwarded) return false;
  boost::system::error_code error;
  const auto peer = boost::asio::ip::make_address(call.meta.peer_address, error);
  return error || http::address_text(peer) == call.meta.client_address;
}

bool may_read_metrics(const Call& call) {
  boost::system::error_code error;
  const auto client = boost::asio::ip::make_address(call.meta.client_address, error);
  return !error && !relayed_by_untrusted_proxy(call) &&
         http::contains_any(call.services.metrics_allow, client);
}

}  // namespace

Handled expose_metrics(Call& call) {
  if (!may_read_metrics(call))
    throw Error::detail(ErrorCode::forbidden, "You do not have permission to perform this action.");
  http::Response response{200, metrics::registry().exposition(), std::string(metrics::kContentType), {}};
  response.headers.emplace_back("Cache-Control", "no-store");
  co_return response;
}

}  // namespace myvod::api
