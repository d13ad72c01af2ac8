#pragma once
// The route table: method, path pattern ("/api/user-movies/{id}/"), access level and handler. Matching is
// pure, so the table can be tested without a server.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace myvod::http {

enum class Access {
  none,    // authentication disabled: the Authorization header is ignored
  anyone,  // public, but a bad Bearer token is still refused (as DRF does)
  user,    // a valid access token is required
  staff,   // a valid access token of a staff user is required
};

template <class Handler>
class Router {
 public:
  struct Route {
    bhttp::verb method;
    std::string_view pattern;
    Access access;
    Handler handler;
  };

  struct Match {
    const Route* route = nullptr;     // the route for this method and path
    std::vector<std::string> params;  // values of the {placeholders}
    bool path_known = false;          // some route serves this path (so a wrong method is a 405)
    Access access = Access::anyone;   // access level of the path
    std::string_view pattern;         // the pattern the path matched
    std::string allow;                // "GET, PATCH, DELETE, HEAD, OPTIONS"
  };

  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}

  // HEAD is served by the GET route of the path.
  Match match(bhttp::verb method, std::string_view path) const {
    Match found;
    std::vector<bhttp::verb> methods;
    for (const auto& route : routes_) {
      std::vector<std::string> params;
      if (!matches(route.pattern, path, params)) continue;
      if (!found.path_known) {
        found.path_known = true;
        found.access = route.access;
        found.pattern = route.pattern;
      }
      methods.push_back(route.method);
      const bool same =
          route.method == method || (method == bhttp::verb::head && route.method == bhttp::verb::get);
      if (same && !found.route) {
        found.route = &route;
        found.params = std::move(params);
      }
    }
    if (found.path_known) found.allow = allow_header(methods);
    return found;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool matches(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
    while (!pattern.empty() && !path.empty()) {
      const size_t pattern_end = std::min(pattern.find('/'), pattern.size());
      const size_t path_end = std::min(path.find('/'), path.size());
      const auto expected = pattern.substr(0, pattern_end);
      const auto actual = path.substr(0, path_end);
      if (expected.starts_with('{') && expected.ends_with('}')) {
        if (actual.empty()) return false;
        params.emplace_back(actual);
      } else if (expected != actual) {
        return false;
      }
      if ((pattern_end == pattern.size()) != (path_end == path.size())) return false;
      pattern.remove_prefix(std::min(pattern_end + 1, pattern.size()));
      path.remove_prefix(std::min(path_end + 1, path.size()));
    }
    return pattern.empty() && path.empty();
  }

  // DRF's order: GET, POST, PUT, PATCH, DELETE, then HEAD (with GET) and OPTIONS.
  static std::string allow_header(const std::vector<bhttp::verb>& methods) {
    static constexpr std::array order{bhttp::verb::get, bhttp::verb::post, bhttp::verb::put,
                                      bhttp::verb::patch, bhttp::verb::delete_};
    std::string allow;
    for (auto verb : order) {
      if (std::find(methods.begin(), methods.end(), verb) == methods.end()) continue;
      allow += std::string(bhttp::to_string(verb)) + ", ";
    }
    if (std::find(methods.begin(), methods.end(), bhttp::verb::get) != methods.end()) allow += "HEAD, ";
    return allow + "OPTIONS";
  }

  std::vector<Route> routes_;
};

}  // namespace myvod::http
