#include "api/fields.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "domain/text.hpp"

namespace myvod::api {

std::string_view python_type_name(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::array:
      return "list";
    case boost::json::kind::string:
      return "str";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "int";
    case boost::json::kind::double_:
      return "float";
    case boost::json::kind::bool_:
      return "bool";
    case boost::json::kind::null:
      return "NoneType";
    case boost::json::kind::object:
      break;
  }
  return "dict";
}

std::optional<std::string> required_string(const boost::json::object& body, std::string_view field,
                                           FieldErrors& errors) {
  const auto* value = body.if_contains(field);
  if (!value) {
    errors.add(field, "This field is required.");
    return std::nullopt;
  }
  std::string text;
  switch (value->kind()) {
    case boost::json::kind::null:
      errors.add(field, "This field may not be null.");
      return std::nullopt;
    case boost::json::kind::string:
      text = std::string(value->get_string());
      break;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
      text = boost::json::serialize(*value);
      break;
    default:
      errors.add(field, "Not a valid string.");
      return std::nullopt;
  }
  text = std::string(domain::strip(text));
  if (text.empty()) {
    errors.add(field, "This field may not be blank.");
    return std::nullopt;
  }
  return text;
}

std::optional<long long> drf_integer(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::int64:
      return value.get_int64();
    case boost::json::kind::uint64:
      if (value.get_uint64() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<long long>(value.get_uint64());
    case boost::json::kind::double_: {
      const double number = value.get_double();
      if (!std::isfinite(number) || number != std::trunc(number) || std::fabs(number) > 9e15)
        return std::nullopt;
      return static_cast<long long>(number);
    }
    case boost::json::kind::string: {
      // DRF strips a ".0..." fraction, then Python's int() accepts surrounding spaces and a sign.
      std::string_view text = domain::strip(value.get_string());
      if (const size_t dot = text.find('.'); dot != std::string_view::npos) {
        const auto fraction = text.substr(dot + 1);
        if (fraction.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
        text = text.substr(0, dot);
      }
      if (text.starts_with('+')) text.remove_prefix(1);
      long long number = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
      return number;
    }
    default:
      return std::nullopt;
  }
}

std::optional<bool> drf_boolean(std::string_view text) {
  static constexpr std::array<std::string_view, 14> truthy{"true", "True", "TRUE", "t",  "T",  "yes", "Yes",
                                                           "YES",  "y",    "Y",    "on", "On", "ON",  "1"};
  static constexpr std::array<std::string_view, 14> falsy{
      "false", "False", "FALSE", "f", "F", "no", "No", "NO", "n", "N", "off", "Off", "OFF", "0"};
  for (auto word : truthy) {
    if (text == word) return true;
  }
  for (auto word : falsy) {
    if (text == word) return false;
  }
  return std::nullopt;
}

std::optional<bool> drf_boolean_value(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::bool_:
      return value.get_bool();
    case boost::json::kind::string:
      return drf_boolean(std::string_view(value.get_string()));
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: {
      const auto number = drf_integer(value);
      if (number == 0 || number == 1) return *number == 1;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

std::optional<int> optional_bounded_integer(const boost::json::object& body, std::string_view field, int min,
                                            int max, FieldErrors& errors) {
  const auto* value = body.if_contains(field);
  if (!value) return std::nullopt;
  if (value->is_null()) {
    errors.add(field, "This field may not be null.");
    return std::nullopt;
  }
  const auto number = drf_integer(*value);
  if (!number) {
    errors.add(field, "A valid integer is required.");
  } else if (*number < min) {
    errors.add(field, "Ensure this value is greater than or equal to " + std::to_string(min) + ".");
  } else if (*number > max) {
    errors.add(field, "Ensure this value is less than or equal to " + std::to_string(max) + ".");
  } else {
    return static_cast<int>(*number);
  }
  return std::nullopt;
}

boost::json::value rating_json(const std::optional<double>& rating) {
  if (!rating) return nullptr;
  return boost::json::value(fmt::format("{:.1f}", *rating));
}

boost::json::value time_json(const std::optional<Timestamp>& time) {
  return time ? boost::json::value(to_api_string(*time)) : boost::json::value(nullptr);
}

namespace {

void append_like_python(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::double_: {
      // The shortest text that reads back as the same double, as Python's repr; ".0" marks it a float.
      char text[64];
      const auto [end, error] =
          std::to_chars(text, text + sizeof text, value.get_double(), std::chars_format::fixed);
      std::string_view written(text, error == std::errc{} ? end - text : 0);
      out += written;
      if (written.find('.') == std::string_view::npos) out += ".0";
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(key));
        out += ':';
        append_like_python(out, member);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_like_python(out, element);
      }
      out += ']';
      return;
    }
    default:
      out += boost::json::serialize(value);
  }
}

}  // namespace

std::string serialize_like_python(const boost::json::value& value) {
  std::string out;
  append_like_python(out, value);
  return out;
}

}  // namespace myvod::api
