#pragma once
// Django REST Framework's field parsing rules (the messages the web client shows) as pure functions over JSON
// values and query strings.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace myvod::api {

// A required CharField: reports "This field is required.", "This field may not be null.",
// "Not a valid string." or "This field may not be blank." (after trimming) and returns nothing then.
std::optional<std::string> required_string(const boost::json::object& body, std::string_view field,
                                           FieldErrors& errors);

// DRF IntegerField: JSON integers, floats with no fraction, and numeric strings ("2", "1.0").
std::optional<long long> drf_integer(const boost::json::value& value);

// DRF BooleanField for query strings: the true/false spellings DRF accepts.
std::optional<bool> drf_boolean(std::string_view text);

// DRF BooleanField for JSON values: true/false, 1/0 and the string spellings of drf_boolean.
std::optional<bool> drf_boolean_value(const boost::json::value& value);

// An optional IntegerField with bounds: nothing when absent; otherwise the number, or the field's error
// ("This field may not be null.", "A valid integer is required.", "Ensure this value is ...") reported.
std::optional<int> optional_bounded_integer(const boost::json::object& body, std::string_view field, int min,
                                            int max, FieldErrors& errors);

std::string_view python_type_name(const boost::json::value& value);

// A nullable value as JSON: null when absent.
template <class T>
boost::json::value json_or_null(const std::optional<T>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

// JSON as DRF writes it, where numbers with a fraction look as Python prints floats ("25.0", "33.3"; Boost
// would write "2.5E1"). For the admin metrics, whose floats are percentages and averages well below 1e16.
std::string serialize_like_python(const boost::json::value& value);

// avg_rating as the contract writes it: a decimal string with one place ("8.6", "10.0"), or null.
boost::json::value rating_json(const std::optional<double>& rating);

// A moment the contract may leave empty: its API string ("2024-05-01T12:00:00.123456Z"), or null.
boost::json::value time_json(const std::optional<Timestamp>& time);

}  // namespace myvod::api
