#include "api/authentication.hpp"

#include "common/random.hpp"

namespace myvod::api {

namespace {

Error token_error(std::string_view detail) {
  return Error(ErrorCode::unauthenticated,
               boost::json::object{{"detail", detail}, {"code", "token_not_valid"}});
}

Error access_token_error(auth::TokenProblem problem) {
  boost::json::object message{
      {"token_class", "AccessToken"}, {"token_type", "access"}, {"message", auth::describe(problem)}};
  return Error(ErrorCode::unauthenticated,
               boost::json::object{{"detail", "Given token not valid for any token type"},
                                   {"code", "token_not_valid"},
                                   {"messages", boost::json::array{message}}});
}

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  return parts;
}

}  // namespace

bool carries_valid_access_token(const http::RawRequest& request, const auth::JwtCodec& jwt,
                                std::int64_t now) {
  const auto parts = split_whitespace(request[http::bhttp::field::authorization]);
  return parts.size() == 2 && parts[0] == "Bearer" && jwt.decode(parts[1], now, auth::TokenType::access);
}

boost::asio::awaitable<void> authenticate(Call& call, http::Access access) {
  if (access == http::Access::none) co_return;
  const auto parts = split_whitespace(call.request[http::bhttp::field::authorization]);
  if (!parts.empty() && parts[0] == "Bearer") {
    if (parts.size() != 2) {
      throw Error(
          ErrorCode::unauthenticated,
          boost::json::object{{"detail", "Authorization header must contain two space-delimited values"},
                              {"code", "bad_authorization_header"}});
    }
    auto claims = call.services.jwt.decode(parts[1], call.now_seconds(), auth::TokenType::access);
    if (!claims) throw access_token_error(claims.error());
    if (!claims->user_id_present) throw token_error("Token contained no recognizable user identification");
    if (!claims->user_id || !is_uuid(*claims->user_id))
      throw token_error("Token user_id is not a valid UUID");
    const std::string user_id = *claims->user_id;
    auto user = co_await call.db([&](store::Store& store) { return store.users().find_by_id(user_id); });
    if (!user) throw auth::account_gone();
    if (!user->is_active) throw token_error("User account is disabled");
    call.user = std::move(user);
  }
  if ((access == http::Access::user || access == http::Access::staff) && !call.user) {
    throw Error::detail(ErrorCode::unauthenticated, "Authentication credentials were not provided.");
  }
  if (access == http::Access::staff && !call.user->is_staff) {
    throw Error::detail(ErrorCode::forbidden, "You do not have permission to perform this action.");
  }
}

}  // namespace myvod::api
