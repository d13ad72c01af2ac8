#include "auth/mail_token.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <array>
#include <charconv>

#include "auth/reset_token.hpp"

namespace myvod::auth {

namespace {

// 128 bits of the MAC: enough against forgery, short enough for a link.
constexpr size_t kMacHexDigits = 32;

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

long long unix_seconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

MailTokens::MailTokens(const std::string& secret_key) {
  // A key of its own, derived from the secret key, so these MACs share nothing with JWTs or reset tokens.
  const std::string material = "myvod.mail-links" + secret_key;
  std::array<unsigned char, SHA256_DIGEST_LENGTH> key{};
  SHA256(reinterpret_cast<const unsigned char*>(material.data()), material.size(), key.data());
  key_.assign(reinterpret_cast<const char*>(key.data()), key.size());
}

std::string MailTokens::mac(std::string_view purpose, std::string_view value) const {
  const std::string message = fmt::format("{}|{}", purpose, value);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(), &size);
  std::string hex;
  for (unsigned int i = 0; i < size && hex.size() < kMacHexDigits; ++i)
    hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string MailTokens::confirmation(const std::string& user_id, const std::string& email,
                                     Timestamp now) const {
  const long long issued = unix_seconds(now);
  return fmt::format("{}.{}.{}", encode_reset_uid(user_id), issued,
                     mac("confirm", fmt::format("{}|{}|{}", user_id, email, issued)));
}

bool MailTokens::confirms(std::string_view token, const std::string& user_id, const std::string& email,
                          Timestamp now) const {
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return false;
  const std::string_view issued_text = token.substr(first + 1, second - first - 1);
  long long issued = 0;
  const auto [end, error] =
      std::from_chars(issued_text.data(), issued_text.data() + issued_text.size(), issued);
  if (error != std::errc() || end != issued_text.data() + issued_text.size()) return false;
  const std::string expected = mac("confirm", fmt::format("{}|{}|{}", user_id, email, issued));
  if (!equal_in_constant_time(expected, token.substr(second + 1))) return false;
  const long long age = unix_seconds(now) - issued;
  return age >= 0 && age <= kConfirmationLifetime.count();
}

std::string MailTokens::unsubscribe(const std::string& user_id) const {
  return encode_reset_uid(user_id) + "." + mac("unsubscribe", user_id);
}

std::optional<std::string> MailTokens::unsubscribes(std::string_view token) const {
  const auto user_id = mail_token_user(token);
  const size_t dot = token.find('.');
  if (!user_id || token.find('.', dot + 1) != std::string_view::npos) return std::nullopt;
  if (!equal_in_constant_time(mac("unsubscribe", *user_id), token.substr(dot + 1))) return std::nullopt;
  return user_id;
}

std::optional<std::string> mail_token_user(std::string_view token) {
  const size_t dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return decode_reset_uid(token.substr(0, dot));
}

}  // namespace myvod::auth
