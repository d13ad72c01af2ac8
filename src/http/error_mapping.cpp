#include "http/error_mapping.hpp"

#include "common/utf8.hpp"

namespace myvod::http {

unsigned http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::method_not_allowed:
      return 405;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::unsupported_media:
      return 415;
    case ErrorCode::too_many_requests:
      return 429;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      break;
  }
  return 500;
}

Response to_response(const Error& error) {
  Response response = Response::json(http_status(error.code()), error.body());
  // A refusal may quote what the client sent (a media type, a parameter, an id): never as invalid UTF-8.
  if (!is_utf8(*response.body)) {
    boost::json::value repaired = error.body();
    make_valid_utf8(repaired);
    response.body = boost::json::serialize(repaired);
  }
  if (error.code() == ErrorCode::unauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"api\"");
  }
  if (error.retry_after_seconds) {
    response.headers.emplace_back("Retry-After", std::to_string(*error.retry_after_seconds));
  }
  if (!error.allow.empty()) response.headers.emplace_back("Allow", error.allow);
  return response;
}

Error method_not_allowed(std::string_view method, std::string allow) {
  Error error =
      Error::detail(ErrorCode::method_not_allowed, "Method \"" + std::string(method) + "\" not allowed.");
  error.allow = std::move(allow);
  return error;
}

RawResponse to_raw(Response response, const RawRequest& request) {
  RawResponse raw{static_cast<bhttp::status>(response.status), request.version()};
  for (const auto& [name, value] : response.headers) raw.set(name, value);
  if (response.body || response.stream) raw.set(bhttp::field::content_type, response.content_type);
  if (response.body) raw.body() = std::move(*response.body);
  if (response.stream) {
    raw.chunked(true);  // the server sends the stream's text as chunks
    return raw;
  }
  raw.prepare_payload();
  if (request.method() == bhttp::verb::head) {
    const auto length = raw.body().size();
    raw.body().clear();
    raw.content_length(length);
  }
  return raw;
}

}  // namespace myvod::http
