// JWT decoding: any bytes as a bearer or refresh token. Nothing but a token we signed may decode, and a
// decoded token's claims must be the ones a signed token carries.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "auth/jwt.hpp"

namespace {
const myvod::auth::JwtCodec codec("fuzz-secret-key-that-is-long-enough-for-hs256");
constexpr std::int64_t kNow = 1'800'000'000;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  for (auto expected :
       {std::optional<myvod::auth::TokenType>(), std::optional(myvod::auth::TokenType::access),
        std::optional(myvod::auth::TokenType::refresh)}) {
    const auto claims = codec.decode(token, kNow, expected);
    // Only a token signed with our secret decodes; the fuzzer cannot forge HMAC-SHA256, so a success means
    // the signature check was skipped.
    if (claims) std::abort();
  }
  return 0;
}
