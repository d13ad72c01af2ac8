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

std::string query_value(std::string_view target, std::string_view key) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (pair.starts_with(std::string(key) + "=")) return std::string(pair.substr(key.size() + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
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
