#pragma once
// URL-safe base64 without padding (RFC 4648 §5), the alphabet of JWTs and of Django's reset-link uids.

#include <string>
#include <string_view>

namespace myvod::auth {

inline constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view bytes);

}  // namespace myvod::auth
