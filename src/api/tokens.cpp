#include <chrono>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "common/random.hpp"

namespace myvod::api {

namespace {

Timestamp from_unix(std::int64_t seconds) {
  return Timestamp{std::chrono::seconds{seconds}};
}

Error refresh_error(std::string_view detail, std::string_view code = "token_not_valid") {
  return Error(ErrorCode::unauthenticated, boost::json::object{{"detail", detail}, {"code", code}});
}

Error credentials_error(std::string_view message) {
  return Error(ErrorCode::invalid_input,
               boost::json::object{{"non_field_errors", boost::json::array{message}}});
}

// A hash from before the operator raised the cost fails faster than the decoy of an unknown e-mail; paying
// for a check at today's cost as well keeps a failure's timing from telling the two apart.
bool check_password(const auth::PasswordHasher& hasher, const std::string& password,
                    const std::string& stored_hash, const std::string& decoy_hash) {
  if (hasher.verify(password, stored_hash)) return true;
  if (&stored_hash != &decoy_hash && hasher.needs_rehash(stored_hash)) hasher.verify(password, decoy_hash);
  return false;
}

boost::asio::awaitable<void> reserve_attempt(service::AttemptLimit& limit, const std::string& email,
                                             const std::string& client, Timestamp now) {
  if (auto wait = co_await limit.reserve(email, client, now)) {
    Error error =
        Error::detail(ErrorCode::too_many_requests, "Too many failed login attempts. Try again in " +
                                                        std::to_string(wait->count()) + " seconds.");
    error.retry_after_seconds = wait->count();
    throw error;
  }
}

struct TokenPair {
  std::string access;
  std::string refresh;
  store::OutstandingToken refresh_record;
};

TokenPair issue_tokens(const auth::JwtCodec& jwt, const std::string& user_id, const std::string& email,
                       std::int64_t now) {
  const auto refresh_claims = auth::new_claims(auth::TokenType::refresh, user_id, email, now);
  TokenPair pair{jwt.encode(auth::new_claims(auth::TokenType::access, user_id, email, now)),
                 jwt.encode(refresh_claims),
                 {}};
  pair.refresh_record = {refresh_claims.jti, pair.refresh, user_id, from_unix(now),
                         from_unix(refresh_claims.expires_at)};
  return pair;
}

http::Response token_response(const TokenPair& pair) {
  return http::Response::json(200, boost::json::object{{"access", pair.access}, {"refresh", pair.refresh}});
}

}  // namespace

Handled obtain_token(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  const auto email = required_string(body, "email", errors);
  const auto password = required_string(body, "password", errors);
  errors.throw_if_any();

  // The attempt counts from here, before its hash, so parallel guesses cannot all pass the limit.
  auto& limit = call.services.login_limit;
  const auto& client = call.meta.client_address;
  const auto now = call.now();
  co_await reserve_attempt(limit, *email, client, now);

  auto user = co_await call.db([&](store::Store& store) { return store.users().find_for_login(*email); });
  const auto& hasher = call.services.hasher;
  const auto& decoy_hash = call.services.decoy_password_hash;
  const std::string& stored_hash = user ? user->password_hash : decoy_hash;
  const bool verified =
      co_await call.hashing([&] { return check_password(hasher, *password, stored_hash, decoy_hash); });
  if (!user || !verified) throw credentials_error("Account not found or invalid credentials");
  if (!user->is_active) throw credentials_error("User account is disabled");
  co_await limit.succeeded(*email, client, now);

  std::optional<std::string> upgraded_hash;
  if (hasher.needs_rehash(user->password_hash)) {
    upgraded_hash = co_await call.hashing([&] { return hasher.hash(*password); });
  }
  const TokenPair pair = issue_tokens(call.services.jwt, user->id, user->email, call.now_seconds());
  co_await call.db([&](store::Store& store) {
    store.transaction([&] {
      if (upgraded_hash) store.users().set_password(user->id, *upgraded_hash);
      store.tokens().record_outstanding(pair.refresh_record);
    });
  });
  co_return token_response(pair);
}

Handled refresh_token(Call& call) {
  FieldErrors errors;
  const auto refresh = required_string(call.body(), "refresh", errors);
  errors.throw_if_any();

  const auto now = call.now_seconds();
  auto claims = call.services.jwt.decode(*refresh, now, auth::TokenType::refresh);
  if (!claims) throw refresh_error(auth::describe(claims.error()));
  if (!claims->user_id || !is_uuid(*claims->user_id)) throw refresh_error("Token is invalid");

  const std::string user_id = *claims->user_id;
  const store::OutstandingToken old_record{claims->jti, *refresh, user_id, from_unix(claims->issued_at),
                                           from_unix(claims->expires_at)};
  enum class Outcome { rotated, blacklisted, no_account };
  TokenPair pair;
  const Outcome outcome = co_await call.db([&](store::Store& store) {
    if (store.tokens().is_blacklisted(old_record.jti)) return Outcome::blacklisted;
    auto user = store.users().find_by_id(user_id);
    if (!user || !user->is_active) return Outcome::no_account;
    pair = issue_tokens(call.services.jwt, user->id, user->email, now);
    return store.transaction([&] {
      if (!store.tokens().blacklist(old_record, call.now()))
        return Outcome::blacklisted;  // lost a concurrent rotation
      store.tokens().record_outstanding(pair.refresh_record);
      return Outcome::rotated;
    });
  });
  if (outcome == Outcome::blacklisted) throw refresh_error("Token is blacklisted");
  if (outcome == Outcome::no_account)
    throw refresh_error("No active account found for the given token.", "no_active_account");
  co_return token_response(pair);
}

Handled verify_token(Call& call) {
  FieldErrors errors;
  const auto token = required_string(call.body(), "token", errors);
  errors.throw_if_any();

  auto claims = call.services.jwt.decode(*token, call.now_seconds(), std::nullopt);
  if (!claims) throw refresh_error(auth::describe(claims.error()));
  const std::string jti = claims->jti;
  if (co_await call.db([&](store::Store& store) { return store.tokens().is_blacklisted(jti); })) {
    throw credentials_error("Token is blacklisted");
  }
  co_return http::Response::json(200, boost::json::object{});
}

}  // namespace myvod::api
