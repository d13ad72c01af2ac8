#include "auth/base64url.hpp"

namespace myvod::auth {

std::string base64url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  unsigned bits = 0;
  int pending = 0;
  for (const unsigned char c : bytes) {
    bits = (bits << 8) | c;
    pending += 8;
    while (pending >= 6) {
      pending -= 6;
      out += kBase64Url[(bits >> pending) & 0x3F];
    }
  }
  if (pending > 0) out += kBase64Url[(bits << (6 - pending)) & 0x3F];
  return out;
}

}  // namespace myvod::auth
