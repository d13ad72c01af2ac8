#include "clients/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "clients/call_metrics.hpp"
#include "clients/curl.hpp"

namespace myvod::clients {

namespace {

// One easy handle per thread, reused so that connections to the same host are kept alive between calls.
CURL* thread_handle() {
  thread_local CurlEasy handle(curl_easy_init());
  curl_easy_reset(handle.get());
  return handle.get();
}

struct Transfer {
  HttpResponse response;
  size_t limit = 0;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (transfer.response.body.size() + bytes > transfer.limit) {
    transfer.too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  transfer.response.body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) transfer.response.headers.clear();  // a new response (after a redirect)
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    transfer.response.headers.emplace_back(std::move(name), std::string(value));
  }
  return size * count;
}

bool retryable(long status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

// Retry-After in seconds (the HTTP-date form is not used by the providers we call).
std::optional<std::chrono::milliseconds> retry_after(const HttpResponse& response) {
  const auto value = response.header("retry-after");
  if (!value) return std::nullopt;
  long long seconds = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (error != std::errc() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(seconds);
}

struct Attempt {
  std::optional<HttpResponse> response;  // absent when no answer came
  std::string problem;                   // why there is no (usable) answer
};

Attempt attempt(const HttpRequest& request, const HttpOptions& options) {
  CURL* curl = thread_handle();
  Transfer transfer;
  transfer.limit = options.max_response_bytes;
  CurlList headers;
  for (const auto& [name, value] : request.headers) {
    const std::string line = name + ": " + value;
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (!request.body.empty() || request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(options.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run on many threads
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "myvod/" MYVOD_VERSION);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  const CURLcode code = curl_easy_perform(curl);
  if (transfer.too_large)
    return {std::nullopt, "answer larger than " + std::to_string(options.max_response_bytes) + " bytes"};
  if (code != CURLE_OK) return {std::nullopt, curl_easy_strerror(code)};
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &transfer.response.status);
  return {std::move(transfer.response), {}};
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

HttpClient::HttpClient(HttpOptions options, Sleeper sleeper)
    : options_(options), sleeper_(std::move(sleeper)) {
  initialise_curl_once();
  if (!sleeper_) sleeper_ = [](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); };
}

Expected<HttpResponse, HttpFailure> HttpClient::send(const HttpRequest& request) const {
  const auto started = std::chrono::steady_clock::now();
  auto result = send_with_retries(request);
  const auto took = std::chrono::steady_clock::now() - started;
  record_call(options_.provider, !result ? "failed" : result->status >= 400 ? "refused" : "ok", took);
  return result;
}

Expected<HttpResponse, HttpFailure> HttpClient::send_with_retries(const HttpRequest& request) const {
  const std::string what = request.method + " " + loggable_url(request.url);
  auto backoff = options_.first_backoff;
  for (int number = 1;; ++number) {
    Attempt result = attempt(request, options_);
    const bool last = number >= options_.max_attempts;
    if (result.response && !retryable(result.response->status)) return std::move(*result.response);
    std::optional<long> status;
    if (result.response) status = result.response->status;
    const std::string problem = status ? "HTTP " + std::to_string(*status) : result.problem;
    if (last) {
      return unexpected(HttpFailure{what + ": " + problem + " after " + std::to_string(number) +
                                        (number == 1 ? " attempt" : " attempts"),
                                    status});
    }
    auto wait = backoff;
    if (result.response) {
      if (const auto asked = retry_after(*result.response)) {
        if (*asked > options_.max_wait)
          return unexpected(HttpFailure{
              what + ": " + problem + ", asked to wait " + std::to_string(asked->count() / 1000) + " s",
              status});
        wait = *asked;
      }
    }
    record_retry(options_.provider);
    sleeper_(wait);
    backoff *= 2;
  }
}

std::string loggable_url(std::string_view url) {
  std::string kept(url.substr(0, url.find_first_of("?#")));
  // "scheme://user:password@host": the credentials go too.
  const size_t authority = kept.find("://");
  if (authority != std::string::npos) {
    const size_t host_end = kept.find('/', authority + 3);
    const size_t at = kept.rfind('@', host_end == std::string::npos ? kept.size() : host_end);
    if (at != std::string::npos && at > authority) kept.erase(authority + 3, at + 1 - (authority + 3));
  }
  return kept;
}

std::string url_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded.push_back(char(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[c >> 4]);
      encoded.push_back(kHex[c & 15]);
    }
  }
  return encoded;
}

}  // namespace myvod::clients
