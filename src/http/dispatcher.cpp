#include "http/dispatcher.hpp"

namespace myvod::http {

Dispatcher& Dispatcher::prefix(std::string prefix, RequestHandler handler) {
  routes_.push_back({std::move(prefix), true, std::move(handler)});
  return *this;
}

Dispatcher& Dispatcher::exact(std::string path, RequestHandler handler) {
  routes_.push_back({std::move(path), false, std::move(handler)});
  return *this;
}

const RequestHandler& Dispatcher::select(std::string_view target) const {
  const std::string_view path = target.substr(0, target.find('?'));
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
