#include "common/utf8.hpp"

#include <boost/json.hpp>

namespace myvod {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

// The length of the valid sequence starting at text[i], or 0 when none starts there.
size_t sequence_length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) return 1;
  size_t extra = 0;
  char32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= text.size()) return 0;
  for (size_t k = 1; k <= extra; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  const char32_t smallest = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
  if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return extra + 1;
}

}  // namespace

bool is_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string to_valid_utf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes && is_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + kEllipsis.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = sequence_length(text, i);
    const std::string_view piece = length ? text.substr(i, length) : kReplacement;
    if (out.size() + piece.size() > max_bytes) {
      out += kEllipsis;
      break;
    }
    out += piece;
    i += length ? length : 1;
  }
  return out;
}

void make_valid_utf8(boost::json::value& value) {
  if (auto* text = value.if_string()) {
    if (!is_utf8(*text)) *text = to_valid_utf8(*text);
  } else if (auto* array = value.if_array()) {
    for (auto& item : *array) make_valid_utf8(item);
  } else if (auto* object = value.if_object()) {
    boost::json::object repaired;
    for (auto& [key, item] : *object) {
      make_valid_utf8(item);
      repaired[to_valid_utf8(key)] = std::move(item);
    }
    *object = std::move(repaired);
  }
}

}  // namespace myvod
