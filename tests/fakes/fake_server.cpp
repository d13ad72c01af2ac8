#include "fakes/fake_server.hpp"

#include <csignal>

namespace myvod::testing {

http::ServerOptions fake_server_options() {
  http::ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  return options;
}

http::RawResponse json_answer(const http::RawRequest& request, http::bhttp::status status, std::string body) {
  http::RawResponse response{status, request.version()};
  response.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

void wait_for_stop_signal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int received = 0;
  sigwait(&signals, &received);
}

}  // namespace myvod::testing
