#pragma once
// Django-compatible password hashes, so that a user table moved from a Django myVOD keeps working. New hashes
// are `bcrypt_sha256` (bcrypt over the hex SHA-256 of the password, so long passwords are not cut at 72
// bytes); `pbkdf2_sha256`, `argon2` and `bcrypt_sha256` hashes from an existing myVOD database verify too.
// Every call costs tens to hundreds of milliseconds of CPU by design: call it from the bounded hashing pool,
// never from an I/O thread.

#include <string>
#include <string_view>

namespace myvod::auth {

inline constexpr int kDefaultBcryptCost = 12;

class PasswordHasher {
 public:
  explicit PasswordHasher(int bcrypt_cost = kDefaultBcryptCost);

  std::string hash(std::string_view password) const;
  bool verify(std::string_view password, std::string_view encoded) const;
  // True for a hash of another algorithm or another cost: re-hash it after a successful login.
  bool needs_rehash(std::string_view encoded) const;

  int bcrypt_cost() const { return cost_; }

 private:
  int cost_;
};

}  // namespace myvod::auth
