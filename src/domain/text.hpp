#pragma once
// Small text helpers shared by the validators: Python-like strip, lower-casing and UTF-8 decoding.

#include <string>
#include <string_view>

namespace myvod::domain {

std::string_view strip(std::string_view text);  // Unicode-unaware: ASCII whitespace, as DRF trims
std::string ascii_lower(std::string_view text);
std::u32string utf8_to_u32(std::string_view text);  // invalid bytes become U+FFFD
size_t utf8_length(std::string_view text);          // in code points, as Python's len()

}  // namespace myvod::domain
