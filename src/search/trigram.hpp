#pragma once
// pg_trgm's similarity, computed by us so that both engines rank identically: text is folded
// (lower case, accents removed), split into words of letters and digits, each word padded with two spaces
// in front and one behind, and compared as sets of three-character sequences.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace myvod::search {

using Trigram = std::uint64_t;  // three code points of 21 bits each

// Lower case with accents and other diacritics removed ("Café París" -> "cafe paris", "Łódź" -> "lodz").
std::u32string fold(std::string_view utf8);

// The words of folded text joined by single spaces: "Amélie!" and "amelie" give the same key. This is how a
// title and year brought from elsewhere find their movie.
std::u32string match_key(std::string_view utf8);

// The distinct trigrams of folded text, sorted.
std::vector<Trigram> trigrams(const std::u32string& folded);

// |common| / |union| as pg_trgm computes it (in single precision). Inline: the index calls it per candidate.
inline float similarity(size_t common, size_t count_a, size_t count_b) {
  const size_t united = count_a + count_b - common;
  return united == 0 ? 0.0f : static_cast<float>(common) / static_cast<float>(united);
}

// The contract's threshold for a query: by its folded length without any whitespace, <= 2 -> 0.1,
// <= 4 -> 0.2, else 0.4.
float threshold_for(const std::u32string& folded_query);

}  // namespace myvod::search
