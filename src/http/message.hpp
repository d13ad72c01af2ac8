#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/body_stream.hpp"

namespace myvod::http {

namespace bhttp = boost::beast::http;
using RawRequest = bhttp::request<bhttp::string_body>;
using RawResponse = bhttp::response<bhttp::string_body>;

// Facts about a request that are not in its bytes.
struct RequestMeta {
  std::string peer_address;    // the connection's other end: the client, or a proxy
  std::string client_address;  // the client, through trusted proxies (http/client_address.hpp)
  std::string request_id;
};

// What a handler returns; the pipeline turns it into bytes.
struct Response {
  unsigned status = 200;
  std::optional<std::string> body;  // absent for 204 and 301
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<ChunkSource> stream =
      nullptr;  // set instead of `body` for an answer written while it is sent

  static Response json(unsigned status, const boost::json::value& value) {
    return {status, boost::json::serialize(value), "application/json", {}};
  }
  static Response no_content() { return {204, std::nullopt, {}, {}}; }
};

// What the server writes: the status line and headers, and either the message's body or, when `stream` is
// set, the stream's text as chunks.
struct Reply {
  Reply(RawResponse raw, std::shared_ptr<ChunkSource> streamed = nullptr)  // NOLINT: implicit on purpose
      : message(std::move(raw)), stream(std::move(streamed)) {}
  RawResponse message;
  std::shared_ptr<ChunkSource> stream;
  // What answered, as the metrics name it: the route's pattern ("/api/user-movies/{id}/"), never the path
  // itself, so that the label takes few values whatever clients send. Empty: the server answered itself.
  std::string_view route;
};

}  // namespace myvod::http
