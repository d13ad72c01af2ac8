#pragma once
// UTF-8 checks and repair. A JSON answer or log line holds whatever a client sent when it echoes a value
// back (a media type, a query parameter, a method): bytes that are not UTF-8 would make the whole line
// invalid JSON for every reader, so they are replaced where text leaves the server.

#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace myvod {

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
bool is_utf8(std::string_view text);

// `text` with each byte that does not start a valid sequence replaced by U+FFFD; longer than `max_bytes`,
// it is cut at a character boundary and ends with "…".
std::string to_valid_utf8(std::string_view text, size_t max_bytes = std::string_view::npos);

// Repairs every string of `value` (keys included) with to_valid_utf8.
void make_valid_utf8(boost::json::value& value);

}  // namespace myvod
