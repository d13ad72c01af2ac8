#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/call.hpp"
#include "auth/jwt.hpp"
#include "http/router.hpp"

namespace myvod::api {

// simplejwt's JWTAuthentication followed by DRF's permission check for `access`: sets
// call.user, or throws the contract's 401/403 Error.
boost::asio::awaitable<void> authenticate(Call& call, http::Access access);

// Whether the request is signed with an access token that is valid now (its signature and expiry only; the
// account is looked up later, by authenticate).
bool carries_valid_access_token(const http::RawRequest& request, const auth::JwtCodec& jwt, std::int64_t now);

}  // namespace myvod::api
