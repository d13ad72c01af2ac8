#pragma once
// handle_request: from a parsed HTTP request to its response, with no knowledge of sockets. Routing, the
// APPEND_SLASH redirect, CORS, authentication, the 405 rule, error mapping and HEAD all happen here, once.

#include <boost/asio/awaitable.hpp>

#include "api/routes.hpp"
#include "api/services.hpp"
#include "http/message.hpp"

namespace myvod::api {

class Application {
 public:
  explicit Application(Services& services);

  boost::asio::awaitable<http::Reply> handle(http::RawRequest& request, const http::RequestMeta& meta);

  // The body a request may send, from its header: an upload route's larger limit when the caller signs it
  // with a valid access token (checked without the database), `standard` otherwise, so a stranger cannot
  // make the server hold more than the usual body.
  size_t body_limit_for(const http::RawRequest& header, size_t standard) const;

 private:
  // What the route table says about the answer, whatever the handler returns or throws.
  struct RouteFacts {
    std::string allow;      // the path's methods, sent as DRF sends Allow on every answer of a view
    bool personal = false;  // an account's data or credentials: never cached
    std::string_view route = "(unmatched)";  // the path's pattern in the route table, for the metrics
  };
  boost::asio::awaitable<http::Response> respond(http::RawRequest& request, const http::RequestMeta& meta,
                                                 RouteFacts& facts);

  Services& services_;
  Router router_;
};

}  // namespace myvod::api
