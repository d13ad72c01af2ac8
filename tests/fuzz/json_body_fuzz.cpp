// Request bodies: any bytes parsed as a JSON body is, then every field read the ways the handlers read them.
#include <boost/json.hpp>
#include <cstdint>
#include <string_view>

#include "api/fields.hpp"
#include "common/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  boost::system::error_code error;
  boost::json::value parsed =
      boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), error);
  if (error) return 0;
  (void)myvod::api::python_type_name(parsed);
  (void)myvod::api::serialize_like_python(parsed);
  if (!parsed.is_object()) return 0;
  const auto& body = parsed.as_object();
  myvod::FieldErrors errors;
  for (const auto& [key, value] : body) {
    (void)myvod::api::required_string(body, key, errors);
    (void)myvod::api::optional_bounded_integer(body, key, 1, 10, errors);
    (void)myvod::api::drf_integer(value);
    (void)myvod::api::drf_boolean_value(value);
    if (value.is_string()) (void)myvod::api::drf_boolean(value.as_string());
  }
  return 0;
}
