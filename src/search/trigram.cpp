#include "search/trigram.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "domain/text.hpp"

namespace myvod::search {

namespace {

// Base letters of U+00C0..U+017F; '1' stands for "ae", '2' for "oe", '3' for "ij", '4' for "ss", '5' for
// "th", and '.' for a character that is not a letter (x and ÷).
constexpr std::string_view kLatinBase =
    "aaaaaa1ceeeeiiii"   // U+00C0
    "dnooooo.ouuuuy54"   // U+00D0
    "aaaaaa1ceeeeiiii"   // U+00E0
    "dnooooo.ouuuuy5y"   // U+00F0
    "aaaaaaccccccccdd"   // U+0100
    "ddeeeeeeeeeegggg"   // U+0110
    "gggghhhhiiiiiiii"   // U+0120
    "ii33jjkkklllllll"   // U+0130
    "lllnnnnnnnnnoooo"   // U+0140
    "oo22rrrrrrssssss"   // U+0150
    "ssttttttuuuuuuuu"   // U+0160
    "uuuuwwyyyzzzzzzs";  // U+0170
static_assert(kLatinBase.size() == 0x180 - 0xC0);

void append_folded(std::u32string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
  } else if (c >= 0x300 && c <= 0x36F) {
    // A combining mark (decomposed input): dropped with the accent it carries.
  } else if (c >= 0xC0 && c < 0x180) {
    switch (const char base = kLatinBase[c - 0xC0]) {
      case '1':
        out += U"ae";
        break;
      case '2':
        out += U"oe";
        break;
      case '3':
        out += U"ij";
        break;
      case '4':
        out += U"ss";
        break;
      case '5':
        out += U"th";
        break;
      case '.':
        out.push_back(c);
        break;
      default:
        out.push_back(static_cast<char32_t>(base));
    }
  } else if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) {
    out.push_back(c + 0x20);  // Greek and Cyrillic capitals
  } else if (c >= 0x400 && c <= 0x40F) {
    out.push_back(c + 0x50);
  } else {
    out.push_back(c);
  }
}

// pg_trgm's word characters: letters and digits. Outside ASCII, everything but punctuation and spaces.
bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;  // Latin-1 punctuation and signs
  if (c >= 0x2000 && c <= 0x206F) return false;           // general punctuation, dashes, quotes
  if (c >= 0x3000 && c <= 0x303F) return false;           // CJK punctuation
  if (c == 0xFEFF || (c >= 0xFF00 && c <= 0xFF0F)) return false;
  return true;
}

Trigram pack(char32_t a, char32_t b, char32_t c) {
  return (static_cast<Trigram>(a) << 42) | (static_cast<Trigram>(b) << 21) | static_cast<Trigram>(c);
}

}  // namespace

std::u32string fold(std::string_view utf8) {
  const std::u32string decoded = domain::utf8_to_u32(utf8);
  std::u32string folded;
  folded.reserve(decoded.size());
  for (const char32_t c : decoded) append_folded(folded, c);
  return folded;
}

std::u32string match_key(std::string_view utf8) {
  std::u32string key;
  for (const char32_t c : fold(utf8)) {
    if (is_word_char(c)) {
      key.push_back(c);
    } else if (!key.empty() && key.back() != U' ') {
      key.push_back(U' ');
    }
  }
  if (!key.empty() && key.back() == U' ') key.pop_back();
  return key;
}

std::vector<Trigram> trigrams(const std::u32string& folded) {
  std::vector<Trigram> result;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !is_word_char(folded[i])) ++i;
    const size_t start = i;
    while (i < folded.size() && is_word_char(folded[i])) ++i;
    if (i == start) break;
    // "  word ": the word's trigrams plus the padded ones at both ends.
    std::u32string padded = U"  ";
    padded.append(folded, start, i - start);
    padded.push_back(U' ');
    for (size_t k = 0; k + 2 < padded.size(); ++k)
      result.push_back(pack(padded[k], padded[k + 1], padded[k + 2]));
  }
  std::sort(result.begin(), result.end());
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

float threshold_for(const std::u32string& folded_query) {
  const auto length = std::count_if(folded_query.begin(), folded_query.end(), [](char32_t c) {
    return !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
             c == 0x3000 || (c >= 0x2000 && c <= 0x200A));
  });
  if (length <= 2) return 0.1f;
  if (length <= 4) return 0.2f;
  return 0.4f;
}

}  // namespace myvod::search
