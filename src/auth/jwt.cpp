#include "auth/jwt.hpp"

#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/json.hpp>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "auth/base64url.hpp"
#include "common/random.hpp"

namespace myvod::auth {

namespace {

struct JwtDeleter {
  void operator()(jwt_t* token) const { jwt_free(token); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

const char* type_name(TokenType type) {
  return type == TokenType::access ? "access" : "refresh";
}

}  // namespace

std::string_view describe(TokenProblem problem) {
  switch (problem) {
    case TokenProblem::expired:
      return "Token is expired";
    case TokenProblem::wrong_type:
      return "Token has wrong type";
    case TokenProblem::invalid:
      break;
  }
  return "Token is invalid";
}

JwtCodec::JwtCodec(std::string secret) : secret_(std::move(secret)) {
  if (secret_.empty()) throw std::invalid_argument("the JWT signing key must not be empty");
}

std::string JwtCodec::encode(const TokenClaims& claims) const {
  // Written by hand, not by libjwt, which sorts the claims: simplejwt's tokens carry them in the order it
  // sets them (token_type, exp, iat, jti, user_id), and a client that reads the payload sees the same.
  boost::json::object payload;
  payload["token_type"] = type_name(claims.type);
  payload["exp"] = claims.expires_at;
  payload["iat"] = claims.issued_at;
  payload["jti"] = claims.jti;
  if (claims.user_id) payload["user_id"] = *claims.user_id;
  payload["email"] = claims.email;
  // PyJWT's header, keys sorted.
  std::string token =
      base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(boost::json::serialize(payload));
  std::array<unsigned char, EVP_MAX_MD_SIZE> signature{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
       reinterpret_cast<const unsigned char*>(token.data()), token.size(), signature.data(), &size);
  token += "." + base64url(std::string_view(reinterpret_cast<const char*>(signature.data()), size));
  return token;
}

Expected<TokenClaims, TokenProblem> JwtCodec::decode(std::string_view text, std::int64_t now,
                                                     std::optional<TokenType> expected) const {
  // A real token is a few hundred bytes; refusing huge input bounds the work an attacker can cause.
  if (text.empty() || text.size() > 4096) return unexpected(TokenProblem::invalid);
  const std::string token_text(text);
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token_text.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                 static_cast<int>(secret_.size())) != 0) {
    if (raw) jwt_free(raw);
    return unexpected(TokenProblem::invalid);
  }
  JwtPtr token(raw);
  if (jwt_get_alg(token.get()) != JWT_ALG_HS256) return unexpected(TokenProblem::invalid);

  TokenClaims claims;
  errno = 0;
  claims.expires_at = jwt_get_grant_int(token.get(), "exp");
  if (errno != 0) return unexpected(TokenProblem::invalid);
  if (claims.expires_at <= now) return unexpected(TokenProblem::expired);
  errno = 0;
  claims.issued_at = jwt_get_grant_int(token.get(), "iat");
  if (errno != 0) claims.issued_at = 0;

  const char* jti = jwt_get_grant(token.get(), "jti");
  if (!jti) return unexpected(TokenProblem::invalid);
  claims.jti = jti;

  const char* type = jwt_get_grant(token.get(), "token_type");
  if (!type) return unexpected(TokenProblem::invalid);
  const std::string_view type_text(type);
  if (type_text == "access")
    claims.type = TokenType::access;
  else if (type_text == "refresh")
    claims.type = TokenType::refresh;
  else
    return unexpected(TokenProblem::wrong_type);
  if (expected && claims.type != *expected) return unexpected(TokenProblem::wrong_type);

  if (const char* user_id = jwt_get_grant(token.get(), "user_id")) {
    claims.user_id = user_id;
    claims.user_id_present = true;
  } else if (char* other = jwt_get_grants_json(token.get(), "user_id")) {
    claims.user_id_present = true;
    std::free(other);
  }
  if (const char* email = jwt_get_grant(token.get(), "email")) claims.email = email;
  return claims;
}

TokenClaims new_claims(TokenType type, const std::string& user_id, const std::string& email,
                       std::int64_t now) {
  TokenClaims claims;
  claims.type = type;
  claims.issued_at = now;
  claims.expires_at = now + (type == TokenType::access ? kAccessLifetimeSeconds : kRefreshLifetimeSeconds);
  claims.jti = random_hex(16);
  claims.user_id = user_id;
  claims.user_id_present = true;
  claims.email = email;
  return claims;
}

Error account_gone() {
  return Error(ErrorCode::unauthenticated,
               boost::json::object{{"detail", "User not found"}, {"code", "token_not_valid"}});
}

}  // namespace myvod::auth
