#pragma once
// What the fake providers share: a one-thread HTTP server on a free loopback port, a JSON answer, and, for
// the fakes run as programs, waiting until they are told to stop.

#include <string>

#include "http/server.hpp"

namespace myvod::testing {

http::ServerOptions fake_server_options();

http::RawResponse json_answer(const http::RawRequest& request, http::bhttp::status status, std::string body);

// The raw value of `key` in the target's query string; empty when absent.
std::string query_value(std::string_view target, std::string_view key);

// Blocks until SIGTERM or SIGINT arrives.
void wait_for_stop_signal();

}  // namespace myvod::testing
