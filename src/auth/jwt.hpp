#pragma once
// HS256 JSON Web Tokens with the claims of djangorestframework-simplejwt, which the web client was built
// against. libjwt 1.10 accepts a token signed with any HMAC algorithm and checks no claims at all, so this
// class pins the algorithm and checks `exp` itself.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/expected.hpp"

namespace myvod::auth {

enum class TokenType { access, refresh };

struct TokenClaims {
  TokenType type = TokenType::access;
  std::int64_t issued_at = 0;          // Unix seconds
  std::int64_t expires_at = 0;         // Unix seconds
  std::string jti;                     // 32 hex characters
  std::optional<std::string> user_id;  // absent, or the raw claim when it is a string
  bool user_id_present = false;        // present but perhaps not a string
  std::string email;
};

// simplejwt's wording: "Token is invalid", "Token is expired", "Token has wrong type".
enum class TokenProblem { invalid, expired, wrong_type };
std::string_view describe(TokenProblem problem);

inline constexpr std::int64_t kAccessLifetimeSeconds = 3600;
inline constexpr std::int64_t kRefreshLifetimeSeconds = 86400;

class JwtCodec {
 public:
  explicit JwtCodec(std::string secret);

  std::string encode(const TokenClaims& claims) const;

  // Checks signature, algorithm, `exp` (against `now`), `jti`, and the `token_type` when `expected` is given.
  Expected<TokenClaims, TokenProblem> decode(std::string_view token, std::int64_t now,
                                             std::optional<TokenType> expected) const;

 private:
  std::string secret_;
};

// simplejwt's 401 for a valid token whose account no longer exists, as authentication and an operation that
// finds the caller's account gone (deleted meanwhile) both answer it.
Error account_gone();

// Claims for a fresh token of `type` for a user, issued at `now`.
TokenClaims new_claims(TokenType type, const std::string& user_id, const std::string& email,
                       std::int64_t now);

}  // namespace myvod::auth
