#include "common/error.hpp"

namespace myvod {

Error::Error(ErrorCode code, boost::json::value body, std::string log_detail)
    : std::runtime_error(log_detail.empty() ? boost::json::serialize(body) : log_detail),
      code_(code),
      body_(std::move(body)),
      log_detail_(std::move(log_detail)) {}

Error Error::detail(ErrorCode code, std::string_view message) {
  return Error(code, boost::json::object{{"detail", message}});
}

void FieldErrors::add(std::string_view field, std::string_view message) {
  auto& messages = errors_[field];
  if (!messages.is_array()) messages = boost::json::array{};
  messages.as_array().emplace_back(message);
}

void FieldErrors::add_at(std::string_view field, size_t index, std::string_view message) {
  auto& entries = errors_[field];
  if (!entries.is_object()) entries = boost::json::object{};
  auto& messages = entries.as_object()[std::to_string(index)];
  if (!messages.is_array()) messages = boost::json::array{};
  messages.as_array().emplace_back(message);
}

void FieldErrors::order(std::initializer_list<std::string_view> fields) {
  boost::json::object ordered;
  for (const auto field : fields) {
    if (const auto* messages = errors_.if_contains(field)) ordered[field] = *messages;
  }
  for (const auto& [field, messages] : errors_) {
    if (!ordered.contains(field)) ordered[field] = messages;
  }
  errors_ = std::move(ordered);
}

void FieldErrors::throw_if_any() const {
  if (!errors_.empty()) throw Error(ErrorCode::invalid_input, errors_);
}

}  // namespace myvod
