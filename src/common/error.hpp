#pragma once
// The one error type that handlers and services raise for anything the client should see. The code is
// protocol-neutral; http/error_mapping.cpp turns it into a status and headers in one place. `body` is what
// the client sees; `log_detail` is only for the log.

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>

namespace myvod {

enum class ErrorCode {
  invalid_input,       // 400
  unauthenticated,     // 401
  forbidden,           // 403
  not_found,           // 404
  method_not_allowed,  // 405
  conflict,            // 409
  payload_too_large,   // 413
  unsupported_media,   // 415
  too_many_requests,   // 429
  unavailable,         // 503
  internal,            // 500
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, boost::json::value body, std::string log_detail = {});

  // {"detail": message}
  static Error detail(ErrorCode code, std::string_view message);

  ErrorCode code() const { return code_; }
  const boost::json::value& body() const { return body_; }
  const std::string& log_detail() const { return log_detail_; }

  std::optional<long long> retry_after_seconds;  // sent as Retry-After
  std::string allow;                             // sent as Allow with 405

 private:
  ErrorCode code_;
  boost::json::value body_;
  std::string log_detail_;
};

// DRF-style field errors: {"field": ["message", ...], "list_field": {"0": ["message"]}}, fields in the order
// they were first reported.
class FieldErrors {
 public:
  void add(std::string_view field, std::string_view message);
  void add_at(std::string_view field, size_t index, std::string_view message);
  bool has(std::string_view field) const { return errors_.contains(field); }
  bool empty() const { return errors_.empty(); }
  const boost::json::object& fields() const { return errors_; }
  // Lists `fields` first, in this order: DRF reports a serializer's fields in their declaration order,
  // whatever order the checks here ran in.
  void order(std::initializer_list<std::string_view> fields);
  // Throws an invalid_input Error carrying the fields, when there are any.
  void throw_if_any() const;

 private:
  boost::json::object errors_;
};

}  // namespace myvod
