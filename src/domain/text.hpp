#pragma once
// Small text helpers shared by the validators: Python-like strip, lower-casing, UTF-8 decoding, comma lists.

#include <string>
#include <string_view>
#include <vector>

namespace myvod::domain {

std::string_view strip(std::string_view text);  // Unicode-unaware: ASCII whitespace, as DRF trims
std::string ascii_lower(std::string_view text);
std::u32string utf8_to_u32(std::string_view text);  // invalid bytes become U+FFFD
size_t utf8_length(std::string_view text);          // in code points, as Python's len()
// The stripped, non-empty parts between commas: query parameters, and IMDb's comma-joined genres.
std::vector<std::string> split_commas(std::string_view text);

}  // namespace myvod::domain
