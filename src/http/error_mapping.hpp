#pragma once

#include "common/error.hpp"
#include "http/message.hpp"

namespace myvod::http {

unsigned http_status(ErrorCode code);

// The only place where an Error becomes an HTTP response.
Response to_response(const Error& error);

// DRF's 405: `Method "PUT" not allowed.`, with the methods the path does allow.
Error method_not_allowed(std::string_view method, std::string allow);

// The response on the wire: a HEAD request gets GET's headers (Content-Length included) and no body.
RawResponse to_raw(Response response, const RawRequest& request);

}  // namespace myvod::http
