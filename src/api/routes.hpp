#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/call.hpp"
#include "http/router.hpp"

namespace myvod::api {

struct Endpoint {
  boost::asio::awaitable<http::Response> (*handle)(Call&);
  // The body of an unexpected failure (a database error, say), which the contract fixes per endpoint.
  std::string_view failure_key = "detail";
  std::string_view failure_message = "An unexpected error occurred. Please try again later.";
};

using Router = http::Router<Endpoint>;

// The one route table of the whole API.
Router make_router();

// The paths whose body may be larger than the server's limit, with theirs: the list imports' files.
std::vector<std::pair<std::string, size_t>> upload_body_limits();

}  // namespace myvod::api
