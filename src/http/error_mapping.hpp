#pragma once

#include "common/error.hpp"
#include "http/message.hpp"

namespace myvod::http {

unsigned http_status(ErrorCode code);

// The only place where an Error becomes an HTTP response.
Response to_response(const Error& error);

}  // namespace myvod::http
