#pragma once
// The one outbound HTTP client every integration uses (libcurl): connect and total timeouts, bounded
// retries with exponential backoff on 429 and 5xx that honour Retry-After, a response size limit, and
// failures described without the URL's query string (which may carry a key) or any header value.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/expected.hpp"

namespace myvod::clients {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

  std::optional<std::string> header(std::string_view name) const;
};

// Why a call failed, safe to log and to store: no key, no query string.
struct HttpFailure {
  std::string message;         // "GET https://api.themoviedb.org/3/find/tt1: HTTP 500 after 3 attempts"
  std::optional<long> status;  // the last HTTP status, when an answer came
};

struct HttpOptions {
  std::string provider = "other";  // the service called, as /metrics names it ("tmdb", "gemini", ...)
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds total_timeout{10'000};  // per attempt
  int max_attempts = 3;
  std::chrono::milliseconds first_backoff{300};  // doubled after each failed attempt
  std::chrono::milliseconds max_wait{30'000};    // longest Retry-After honoured; a longer one ends the call
  size_t max_response_bytes = 4 * 1024 * 1024;
};

// How the client waits between attempts; tests pass one that records instead of sleeping.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {}, Sleeper sleeper = {});

  // Any final status comes back as a response, except 429 and 5xx, which are retried and, when the
  // attempts run out, come back as a failure; so do timeouts, refused connections and oversized answers.
  Expected<HttpResponse, HttpFailure> send(const HttpRequest& request) const;

  const HttpOptions& options() const { return options_; }

 private:
  Expected<HttpResponse, HttpFailure> send_with_retries(const HttpRequest& request) const;

  HttpOptions options_;
  Sleeper sleeper_;
};

// The URL as it may appear in a log or an error row: without credentials, query string and fragment.
std::string loggable_url(std::string_view url);

// Percent-encodes a query-string value (RFC 3986 unreserved characters pass).
std::string url_encode(std::string_view value);

}  // namespace myvod::clients
