#pragma once
// The HTTP/1.1 server: one io_context and one thread per core, each with its own SO_REUSEPORT acceptor, and a
// coroutine per connection that reads a request, hands it to the RequestHandler, and writes the answer.
// Limits: header size, body size (413), idle/header/request timeouts; keep-alive; graceful drain.

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http/client_address.hpp"
#include "http/message.hpp"

namespace myvod::http {

namespace asio = boost::asio;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0 picks a free port
  unsigned io_threads = 2;
  size_t header_limit = 16 * 1024;
  size_t body_limit = 1024 * 1024;
  // A request's own body limit, decided from its header before any of the body is read (an upload route
  // takes more, from a signed-in caller only); at most max_body_limit. Unset: body_limit for every request.
  std::function<size_t(const RawRequest& header)> body_limit_for;
  size_t max_body_limit = 1024 * 1024;
  std::chrono::seconds idle_timeout{60};     // between requests on a kept-alive connection
  std::chrono::seconds header_timeout{10};   // from the first byte of a request to the end of its headers
  std::chrono::seconds request_timeout{30};  // to read the body, and to write the response
  std::chrono::seconds shutdown_grace{10};   // in-flight requests get this long after drain()
  // Called when the grace period ends with requests still in flight: the application refuses the work they
  // still wait for (queued password hashes, say), and they get a last second to send those refusals.
  std::function<void()> on_grace_over;
  // Open connections at most; one more is answered 503 and closed. Keep it well under the open-file limit,
  // so that the server can still answer, reach its database and read its files when it is reached.
  size_t max_connections = 10'000;
  // Peers whose X-Forwarded-For or Forwarded names the client (RequestMeta::client_address).
  std::vector<AddressRange> trusted_proxies;
  // Sent on every answer, the server's own (413, 400) included, unless the handler set the header itself.
  std::vector<std::pair<std::string, std::string>> headers;
};

using RequestHandler = std::function<asio::awaitable<Reply>(RawRequest&, const RequestMeta&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the I/O threads; throws std::system_error when the address cannot be bound.
  void start();
  std::uint16_t port() const { return port_; }

  // Stops accepting, closes idle connections, lets in-flight requests finish. Returns at once.
  void drain();
  // Returns when every connection is closed, or when the grace period after drain() ran out. The I/O
  // contexts stay until the destructor, so work still finishing elsewhere may post to them.
  void wait();

 private:
  struct Worker;
  struct Connection;

  asio::awaitable<void> accept_loop(Worker& worker);
  asio::awaitable<void> session(Worker& worker, asio::ip::tcp::socket socket);
  // Sends a streamed body as chunks; false when the connection failed on the way.
  asio::awaitable<bool> write_streamed(Connection& connection, RawResponse& message, ChunkSource& body);
  void close_idle_connections(Worker& worker);
  size_t body_limit_for(const RawRequest& header) const;

  ServerOptions options_;
  RequestHandler handler_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::uint16_t port_ = 0;
  std::atomic<bool> draining_{false};
  bool stopped_ = false;
  std::atomic<size_t> open_connections_{0};
  std::mutex finished_mutex_;
  std::condition_variable finished_;
  unsigned running_ = 0;
};

}  // namespace myvod::http
