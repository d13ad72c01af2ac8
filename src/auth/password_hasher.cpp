#include "auth/password_hasher.hpp"

#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

namespace myvod::auth {

namespace {

constexpr std::string_view kBcryptSha256 = "bcrypt_sha256$";
constexpr std::string_view kPbkdf2Sha256 = "pbkdf2_sha256$";
constexpr std::string_view kArgon2 = "argon2$";

std::string sha256_hex(std::string_view password) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(password.data()), password.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out.push_back(hex[byte >> 4]);
    out.push_back(hex[byte & 0xF]);
  }
  return out;
}

// crypt_rn with a heap-allocated state: struct crypt_data is about 32 KiB.
std::string run_crypt(const std::string& phrase, const std::string& setting) {
  auto data = std::make_unique<crypt_data>();
  const char* result = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  if (!result || result[0] == '*') return {};
  return result;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string base64(const unsigned char* bytes, size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
  out.resize(static_cast<size_t>(written));
  return out;
}

bool verify_pbkdf2(std::string_view password, std::string_view encoded) {
  // pbkdf2_sha256$<iterations>$<salt>$<base64 hash>
  const auto rest = encoded.substr(kPbkdf2Sha256.size());
  const size_t first = rest.find('$');
  const size_t second = first == std::string_view::npos ? first : rest.find('$', first + 1);
  if (second == std::string_view::npos) return false;
  int iterations = 0;
  auto [end, error] = std::from_chars(rest.data(), rest.data() + first, iterations);
  if (error != std::errc{} || end != rest.data() + first || iterations <= 0) return false;
  const auto salt = rest.substr(first + 1, second - first - 1);
  const auto expected = rest.substr(second + 1);
  unsigned char derived[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), sizeof derived, derived) != 1) {
    return false;
  }
  return equal_constant_time(base64(derived, sizeof derived), expected);
}

bool verify_argon2(std::string_view password, std::string_view encoded) {
  // Django stores "argon2$argon2id$v=19$..."; libsodium wants the part from the second '$' on
  // (its own "$argon2id$..." form), and rejects the whole string.
  const std::string phc(encoded.substr(kArgon2.size() - 1));
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(phc.c_str(), password.data(), password.size()) == 0;
}

bool verify_bcrypt_sha256(std::string_view password, std::string_view encoded) {
  const std::string setting(encoded.substr(kBcryptSha256.size()));
  const std::string computed = run_crypt(sha256_hex(password), setting);
  return !computed.empty() && equal_constant_time(computed, setting);
}

int bcrypt_cost_of(std::string_view encoded) {
  // bcrypt_sha256$$2b$12$...
  const auto setting = encoded.substr(kBcryptSha256.size());
  if (setting.size() < 7) return -1;
  int cost = -1;
  std::from_chars(setting.data() + 4, setting.data() + 6, cost);
  return cost;
}

}  // namespace

PasswordHasher::PasswordHasher(int bcrypt_cost) : cost_(bcrypt_cost) {
  if (cost_ < 4 || cost_ > 31) throw std::invalid_argument("bcrypt cost must be between 4 and 31");
}

std::string PasswordHasher::hash(std::string_view password) const {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  unsigned char random[16];  // the 128-bit bcrypt salt
  randombytes_buf(random, sizeof random);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost_), reinterpret_cast<const char*>(random),
                        sizeof random, setting, sizeof setting)) {
    throw std::runtime_error("crypt_gensalt_rn failed");
  }
  const std::string hashed = run_crypt(sha256_hex(password), setting);
  if (hashed.empty()) throw std::runtime_error("bcrypt failed");
  return std::string(kBcryptSha256) + hashed;
}

bool PasswordHasher::verify(std::string_view password, std::string_view encoded) const {
  if (encoded.starts_with(kBcryptSha256)) return verify_bcrypt_sha256(password, encoded);
  if (encoded.starts_with(kPbkdf2Sha256)) return verify_pbkdf2(password, encoded);
  if (encoded.starts_with(kArgon2)) return verify_argon2(password, encoded);
  return false;  // unusable ("!...") or unknown
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  return !encoded.starts_with(kBcryptSha256) || bcrypt_cost_of(encoded) != cost_;
}

}  // namespace myvod::auth
