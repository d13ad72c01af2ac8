#include "http/dispatcher.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/utf8.hpp"
#include "http/error_mapping.hpp"

namespace myvod::http {

namespace {

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

// Django's words for its DisallowedHost, as JSON (design: no HTML pages).
asio::awaitable<Reply> refuse_host(RawRequest& request, const RequestMeta&) {
  const std::string host = to_valid_utf8(request[bhttp::field::host], 255);
  co_return to_raw(to_response(Error::detail(ErrorCode::invalid_input, "Invalid HTTP_HOST header: '" + host +
                                                                           "'. You may need to add '" + host +
                                                                           "' to MYVOD_ALLOWED_HOSTS.")),
                   request);
}

}  // namespace

Dispatcher& Dispatcher::prefix(std::string prefix, RequestHandler handler) {
  routes_.push_back({std::move(prefix), true, std::move(handler)});
  return *this;
}

Dispatcher& Dispatcher::exact(std::string path, RequestHandler handler) {
  routes_.push_back({std::move(path), false, std::move(handler)});
  return *this;
}

Dispatcher& Dispatcher::allow_hosts(AllowedHosts hosts, std::vector<std::string> exempt) {
  hosts_ = std::move(hosts);
  host_exempt_ = std::move(exempt);
  host_refusal_ = refuse_host;
  return *this;
}

const RequestHandler& Dispatcher::handler_for(const RawRequest& request) const {
  if (hosts_ && !hosts_->allows(request[bhttp::field::host])) {
    const auto path = path_of(request.target());
    if (std::find(host_exempt_.begin(), host_exempt_.end(), path) == host_exempt_.end()) return host_refusal_;
  }
  return select(request.target());
}

const RequestHandler& Dispatcher::select(std::string_view target) const {
  const std::string_view path = path_of(target);
  for (const auto& route : routes_) {
    if (!route.is_prefix) {
      if (path == route.path) return route.handler;
      continue;
    }
    // "/api" alone belongs to the API too, which answers it with its trailing-slash redirect or 404.
    const std::string_view bare = std::string_view(route.path).substr(0, route.path.size() - 1);
    if (path.starts_with(route.path) || path == bare) return route.handler;
  }
  return fallback_;
}

}  // namespace myvod::http
