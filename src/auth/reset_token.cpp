#include "auth/reset_token.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "auth/base64url.hpp"
#include "common/random.hpp"

namespace myvod::auth {

namespace {

constexpr std::string_view kKeySalt = "django.contrib.auth.tokens.PasswordResetTokenGenerator";
// Django counts token time from 2001-01-01T00:00:00 (naive, UTC here).
constexpr long long kEpoch2001 = 978'307'200;

long long seconds_since_2001(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count() - kEpoch2001;
}

std::string to_base36(long long value) {
  std::string digits;
  do {
    digits += "0123456789abcdefghijklmnopqrstuvwxyz"[value % 36];
    value /= 36;
  } while (value > 0);
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// Django's base36_to_int: at most 13 digits; either case, as int(text, 36) reads it.
std::optional<long long> from_base36(std::string_view text) {
  if (text.empty() || text.size() > 13) return std::nullopt;
  long long value = 0;
  for (const char c : text) {
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int digit = 0;
    if (lower >= '0' && lower <= '9') {
      digit = lower - '0';
    } else if (lower >= 'a' && lower <= 'z') {
      digit = lower - 'a' + 10;
    } else {
      return std::nullopt;
    }
    value = value * 36 + digit;
  }
  return value;
}

// Python's str() of a naive datetime without microseconds: "2026-11-30 10:25:29".
std::string login_text(const std::optional<Timestamp>& last_login) {
  if (!last_login) return "";
  return to_db_string(*last_login).substr(0, 19);
}

}  // namespace

std::string ResetTokens::with_timestamp(const ResetSubject& subject, long long timestamp) const {
  // salted_hmac: the key is SHA-256 of salt and secret; the token keeps every second hex digit.
  const std::string key_material = std::string(kKeySalt) + secret_key_;
  std::array<unsigned char, SHA256_DIGEST_LENGTH> key{};
  SHA256(reinterpret_cast<const unsigned char*>(key_material.data()), key_material.size(), key.data());
  const std::string value = fmt::format("{}{}{}{}{}", subject.user_id, subject.password_hash,
                                        login_text(subject.last_login), timestamp, subject.email);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(value.data()), value.size(), mac.data(), &mac_size);
  std::string every_second;
  for (unsigned int i = 0; i < mac_size; ++i) every_second += fmt::format("{:02x}", mac[i])[0];
  return to_base36(timestamp) + "-" + every_second;
}

std::string ResetTokens::make(const ResetSubject& subject, Timestamp now) const {
  return with_timestamp(subject, seconds_since_2001(now));
}

bool ResetTokens::check(const ResetSubject& subject, std::string_view token, Timestamp now) const {
  const size_t dash = token.find('-');
  if (dash == std::string_view::npos || token.find('-', dash + 1) != std::string_view::npos) return false;
  const auto timestamp = from_base36(token.substr(0, dash));
  if (!timestamp) return false;
  const std::string expected = with_timestamp(subject, *timestamp);
  if (expected.size() != token.size() || CRYPTO_memcmp(expected.data(), token.data(), token.size()) != 0)
    return false;
  return seconds_since_2001(now) - *timestamp <= kResetTokenLifetime.count();
}

std::string encode_reset_uid(std::string_view user_id) {
  return base64url(user_id);
}

std::optional<std::string> decode_reset_uid(std::string_view uid) {
  // Django's urlsafe_base64_decode pads the text back and decodes it; both alphabets' extra characters are
  // read, as Python's urlsafe_b64decode does.
  while (!uid.empty() && uid.back() == '=') uid.remove_suffix(1);
  std::string out;
  unsigned bits = 0;
  int pending = 0;
  for (const char c : uid) {
    const char normal = c == '+' ? '-' : (c == '/' ? '_' : c);
    const size_t value = kBase64Url.find(normal);
    if (value == std::string_view::npos) return std::nullopt;
    bits = (bits << 6) | static_cast<unsigned>(value);
    pending += 6;
    if (pending >= 8) {
      pending -= 8;
      out += static_cast<char>((bits >> pending) & 0xFF);
    }
  }
  if (pending >= 6) return std::nullopt;  // one character left over is not base64
  if (!is_uuid(out)) return std::nullopt;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace myvod::auth
