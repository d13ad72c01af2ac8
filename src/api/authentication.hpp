#pragma once

#include <boost/asio/awaitable.hpp>

#include "api/call.hpp"
#include "http/router.hpp"

namespace myvod::api {

// simplejwt's JWTAuthentication followed by DRF's permission check for `access`: sets
// call.user, or throws the contract's 401/403 Error.
boost::asio::awaitable<void> authenticate(Call& call, http::Access access);

}  // namespace myvod::api
