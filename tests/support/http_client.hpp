#pragma once
// A blocking HTTP/1.1 client over loopback for the API tests: real sockets, real parsing.

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace myvod::testing {

struct HttpResult {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names

  boost::json::value json() const { return boost::json::parse(body); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  std::optional<std::string> body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : port_(port) {}

  HttpResult send(const HttpRequest& request) const;

  HttpResult get(const std::string& target, const std::string& token = {}) const;
  HttpResult post(const std::string& target, const boost::json::value& body,
                  const std::string& token = {}) const;
  HttpResult patch(const std::string& target, const boost::json::value& body,
                   const std::string& token = {}) const;
  HttpResult del(const std::string& target, const std::string& token = {}) const;
  HttpResult method(const std::string& method, const std::string& target,
                    const std::string& token = {}) const;

  // Sends raw bytes and returns what the server answered before closing (for malformed-request tests).
  std::string raw(const std::string& bytes) const;

  unsigned short port() const { return port_; }

 private:
  unsigned short port_;
};

}  // namespace myvod::testing
