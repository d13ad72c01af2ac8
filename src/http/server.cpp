#include "http/server.hpp"

#include <malloc.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <unordered_map>
#include <unordered_set>

#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/random.hpp"

namespace myvod::http {

namespace beast = boost::beast;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kTupleAwaitable = asio::as_tuple(asio::use_awaitable);

// The completion of a spawned coroutine: one that ends with an exception is logged, never swallowed. An
// accept loop that died this way would otherwise leave its thread serving nobody without a trace.
auto report_failure(const char* what) {
  return [what](std::exception_ptr failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      log::error("coroutine failed", {{"coroutine", what}, {"error", error.what()}});
    } catch (...) {
      log::error("coroutine failed", {{"coroutine", what}, {"error", "unknown exception"}});
    }
  };
}

RawResponse plain_error(unsigned status, std::string_view detail) {
  RawResponse response{static_cast<bhttp::status>(status), 11};
  response.set(bhttp::field::content_type, "application/json");
  response.body() = boost::json::serialize(boost::json::object{{"detail", detail}});
  response.prepare_payload();
  response.keep_alive(false);
  return response;
}

// A client-chosen X-Request-Id is kept when it is short and harmless in a log line.
std::string request_id_for(const RawRequest& request) {
  const auto given = request["X-Request-Id"];
  const bool usable =
      !given.empty() && given.size() <= 64 && std::all_of(given.begin(), given.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
      });
  return usable ? std::string(given) : random_hex(8);
}

// The request's figures for /metrics, by the route that answered, the method and the status.
struct RequestMetrics {
  metrics::Family<metrics::Counter>& requests = metrics::registry().counter(
      "myvod_http_requests_total", "Requests answered, by route pattern, method and status.",
      {"route", "method", "status"});
  metrics::Family<metrics::Histogram>& durations = metrics::registry().histogram(
      "myvod_http_request_duration_seconds",
      "Time from a request's first byte to the end of its answer, by route pattern, method and status.",
      {"route", "method", "status"});
  metrics::Gauge& in_flight =
      metrics::registry()
          .gauge("myvod_http_requests_in_flight", "Requests read and not yet answered.")
          .at({});
  metrics::Gauge& connections =
      metrics::registry().gauge("myvod_http_connections_open", "Open client connections.").at({});
  metrics::Counter& refused_connections =
      metrics::registry()
          .counter("myvod_http_connections_refused_total",
                   "Connections answered 503 and closed because the connection limit was reached.")
          .at({});

  void answered(const RawRequest& request, const RawResponse& response, std::string_view route,
                Clock::duration elapsed) {
    if (route.empty()) route = "(server)";
    // Each I/O thread keeps the series it has used. Finding them in the families takes a shared lock whose
    // counter both cores bounced on every request: GET /api/platforms/ lost 5 % of its rate to it. The key is
    // the route's address (route names are string literals: the table's patterns and a few more), so a hit
    // builds no string; a miss reads the route's text.
    const Key key{route.data(), route.size(), request.method(), response.result_int()};
    thread_local std::unordered_map<Key, Series, KeyHash> cache;
    auto found = cache.find(key);
    if (found == cache.end()) {
      // A method outside the standard set is any client's invention: one label value for all of them.
      const auto method = key.method == bhttp::verb::unknown ? std::string_view("other")
                                                             : std::string_view(bhttp::to_string(key.method));
      const std::string status = std::to_string(key.status);
      found = cache
                  .emplace(key, Series{&requests.at({route, method, status}),
                                       &durations.at({route, method, status})})
                  .first;
    }
    found->second.requests->add();
    found->second.duration->observe(elapsed);
  }

 private:
  struct Key {
    const char* route;
    size_t route_size;
    bhttp::verb method;
    unsigned status;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& key) const {
      return std::hash<const void*>()(key.route) ^ (key.route_size << 1) ^
             (static_cast<size_t>(key.method) << 20) ^ (static_cast<size_t>(key.status) << 26);
    }
  };
  struct Series {
    metrics::Counter* requests;
    metrics::Histogram* duration;
  };
};

RequestMetrics& request_metrics() {
  static RequestMetrics instance;
  return instance;
}

void log_access(const RawRequest& request, const RawResponse& response, const RequestMeta& meta,
                Clock::duration elapsed) {
  if (!log::enabled(log::Level::info)) return;
  const auto target = request.target();
  const auto path = target.substr(0, target.find('?'));
  log::info("request",
            {{"method", request.method_string()},
             {"path", path},
             {"status", response.result_int()},
             {"duration_us", std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()},
             {"request_id", meta.request_id},
             {"client", meta.client_address}});
}

}  // namespace

struct Server::Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // between the first byte of a request and the end of its response
};

struct Server::Worker {
  asio::io_context context{1};
  std::optional<tcp::acceptor> acceptor;
  asio::steady_timer accept_pause{context};     // after a failed accept
  std::unordered_set<Connection*> connections;  // touched only on this worker's thread
  std::thread thread;
};

namespace {

// A warning that a repeated condition would print thousands of times a second: once per interval, with how
// many times it happened since.
class IntervalWarning {
 public:
  IntervalWarning(const char* message, Clock::duration interval) : message_(message), interval_(interval) {}
  void happened(boost::json::object fields) {
    ++count_;
    const auto now = Clock::now();
    if (last_ != Clock::time_point{} && now - last_ < interval_) return;
    fields["times"] = count_;
    log::warn(message_, std::move(fields));
    last_ = now;
    count_ = 0;
  }

 private:
  const char* message_;
  Clock::duration interval_;
  Clock::time_point last_{};
  long long count_ = 0;
};

constexpr auto kWarningInterval = std::chrono::seconds(10);
constexpr auto kLingerTime = std::chrono::seconds(5);
constexpr size_t kLingerBytes = 64 * 1024 * 1024;
constexpr auto kLongestAcceptPause = std::chrono::milliseconds(1000);
// After the grace period, for requests whose work was refused to send that answer.
constexpr auto kLastAnswerTime = std::chrono::seconds(1);

// glibc keeps the memory that closed connections freed in its per-thread arenas rather than giving it back:
// 5,000 connections took a server from 21 to 83 MB resident for good. When the last connection of a burst
// closes, the free pages go back to the kernel. A quiet server, whose few connections leave nothing worth
// trimming, never pays for the walk through the arenas.
class IdleMemoryTrim {
 public:
  void opened(size_t open_now) {
    size_t seen = most_open_.load();
    while (open_now > seen && !most_open_.compare_exchange_weak(seen, open_now)) {
    }
  }
  void last_connection_closed() {
    if (most_open_.exchange(0) >= kBurst) malloc_trim(0);
  }

 private:
  static constexpr size_t kBurst = 100;  // connections open at once since the last trim
  std::atomic<size_t> most_open_{0};
};

IdleMemoryTrim idle_memory_trim;

// The answer to a connection over the limit, written straight away so the client learns to come back
// instead of waiting in the backlog for a timeout.
asio::awaitable<void> refuse_busy(tcp::socket socket, std::chrono::seconds timeout) {
  static const std::string kBusy = [] {
    const std::string body = R"({"detail":"The server is busy. Try again in a moment."})";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  beast::tcp_stream stream(std::move(socket));
  stream.expires_after(timeout);
  co_await asio::async_write(stream, asio::buffer(kBusy), kTupleAwaitable);
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace

Server::Server(ServerOptions options, RequestHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

Server::~Server() {
  if (!workers_.empty() && !stopped_) {
    drain();
    wait();
  }
}

void Server::start() {
  const auto address = asio::ip::make_address(options_.host);
  const unsigned threads = std::max(1u, options_.io_threads);
  for (unsigned i = 0; i < threads; ++i) {
    auto worker = std::make_unique<Worker>();
    tcp::acceptor& acceptor = worker->acceptor.emplace(worker->context);
    const tcp::endpoint endpoint{address, i == 0 ? options_.port : port_};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    // Every worker accepts on the same port; the kernel spreads connections across them.
    acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    if (i == 0) port_ = acceptor.local_endpoint().port();
    workers_.push_back(std::move(worker));
  }
  running_ = threads;
  for (auto& worker : workers_) {
    asio::co_spawn(worker->context, accept_loop(*worker), report_failure("accept loop"));
    worker->thread = std::thread([this, raw = worker.get()] {
      raw->context.run();
      std::lock_guard lock(finished_mutex_);
      --running_;
      finished_.notify_all();
    });
  }
}

asio::awaitable<void> Server::accept_loop(Worker& worker) {
  IntervalWarning accept_failed("accept failed", kWarningInterval);
  IntervalWarning over_limit("connection limit reached: answering 503", kWarningInterval);
  std::chrono::milliseconds pause{0};
  while (worker.acceptor && worker.acceptor->is_open()) {
    auto [error, socket] = co_await worker.acceptor->async_accept(kTupleAwaitable);
    if (error) {
      if (error == asio::error::operation_aborted || draining_) co_return;
      // Out of descriptors or kernel memory: accepting again at once fails again at once (it spun a core and
      // logged 84,000 lines a second). Keep serving the connections we have and try again after a pause
      // that grows while the condition lasts.
      pause = std::min(std::max(pause * 2, std::chrono::milliseconds(10)), kLongestAcceptPause);
      accept_failed.happened({{"error", error.message()}, {"pause_ms", pause.count()}});
      worker.accept_pause.expires_after(pause);
      co_await worker.accept_pause.async_wait(kTupleAwaitable);
      continue;
    }
    pause = std::chrono::milliseconds(0);
    if (open_connections_.load() >= options_.max_connections) {
      over_limit.happened({{"limit", options_.max_connections}});
      request_metrics().refused_connections.add();
      asio::co_spawn(worker.context, refuse_busy(std::move(socket), options_.request_timeout),
                     report_failure("busy answer"));
      continue;
    }
    idle_memory_trim.opened(++open_connections_);
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(worker.context, session(worker, std::move(socket)), report_failure("connection"));
  }
}

asio::awaitable<void> Server::session(Worker& worker, tcp::socket socket) {
  RequestMeta meta;
  boost::system::error_code endpoint_error;
  const auto remote = socket.remote_endpoint(endpoint_error);
  meta.peer_address = endpoint_error ? "unknown" : remote.address().to_string();
  // The connection's client, unless a trusted proxy names another in a request's headers (below).
  meta.client_address = endpoint_error ? "unknown" : address_text(remote.address());

  Connection connection(std::move(socket));
  worker.connections.insert(&connection);
  // However the session ends, even by an exception, its connection leaves the worker's set and stops
  // counting against the limit.
  struct Registered {
    Worker& worker;
    Connection* connection;
    std::atomic<size_t>& open;
    ~Registered() {
      worker.connections.erase(connection);
      if (--open == 0) idle_memory_trim.last_connection_closed();
      request_metrics().connections.add(-1);
    }
  } registered{worker, &connection, open_connections_};
  request_metrics().connections.add(1);
  beast::flat_buffer buffer;
  auto& stream = connection.stream;

  bool body_left_unread = false;  // the last request's body was refused before it was all read
  for (;;) {
    if (draining_) break;
    connection.busy = false;
    if (buffer.size() == 0) {
      stream.expires_after(options_.idle_timeout);
      auto [error, read] = co_await stream.async_read_some(buffer.prepare(4096), kTupleAwaitable);
      if (error) break;  // closed by the client, idle timeout, or drain
      buffer.commit(read);
    }
    connection.busy = true;
    const auto started = Clock::now();

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // The largest limit until the header is known; then the request's own (an announced length over it
    // fails below at once, a chunked body as it grows past it).
    parser.body_limit(std::max(options_.body_limit, options_.max_body_limit));
    stream.expires_after(options_.header_timeout);
    auto [header_error, header_size] =
        co_await bhttp::async_read_header(stream, buffer, parser, kTupleAwaitable);
    const size_t body_limit = body_limit_for(parser.get());
    if (!header_error) {
      const auto announced = parser.content_length();
      if (announced && *announced > body_limit) header_error = bhttp::error::body_limit;
      parser.body_limit(body_limit);
    }
    if (!header_error && parser.get()[bhttp::field::expect] == "100-continue") {
      bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, 11};
      co_await bhttp::async_write(stream, proceed, kTupleAwaitable);
    }
    boost::system::error_code read_error = header_error;
    if (!read_error) {
      stream.expires_after(options_.request_timeout);
      auto [body_error, body_size] = co_await bhttp::async_read(stream, buffer, parser, kTupleAwaitable);
      read_error = body_error;
    }

    Reply reply(RawResponse{});
    RawResponse& response = reply.message;
    if (read_error == bhttp::error::body_limit) {
      body_left_unread = true;
      response =
          plain_error(413, "Request body too large: the limit is " + std::to_string(body_limit) + " bytes.");
    } else if (read_error == bhttp::error::header_limit) {
      response = plain_error(431, "Request header fields too large.");
    } else if (read_error == beast::error::timeout || read_error == bhttp::error::end_of_stream ||
               read_error == asio::error::eof || read_error == asio::error::connection_reset ||
               read_error == asio::error::operation_aborted) {
      break;
    } else if (read_error) {
      response = plain_error(400, "Malformed HTTP request.");
    }

    RawRequest& request = parser.get();
    meta.request_id = request_id_for(request);
    if (!endpoint_error && !options_.trusted_proxies.empty())
      meta.client_address = client_address(request, remote.address(), options_.trusted_proxies);
    const bool parsed = !read_error;
    if (parsed) {
      request_metrics().in_flight.add(1);
      try {
        reply = co_await handler_(request, meta);
      } catch (const std::exception& failure) {
        log::error("request handler failed", {{"error", failure.what()}, {"request_id", meta.request_id}});
        response = plain_error(500, "An unexpected error occurred. Please try again later.");
      }
      request_metrics().in_flight.add(-1);
    }
    const bool keep_alive = parsed && request.keep_alive() && response.keep_alive() && !draining_;
    response.keep_alive(keep_alive);
    response.set("X-Request-Id", meta.request_id);
    for (const auto& [name, value] : options_.headers) {
      if (response.find(name) == response.end()) response.set(name, value);
    }

    bool written = false;
    if (reply.stream) {
      written = co_await write_streamed(connection, response, *reply.stream);
    } else {
      stream.expires_after(options_.request_timeout);
      auto [write_error, size] = co_await bhttp::async_write(stream, response, kTupleAwaitable);
      written = !write_error;
    }
    const auto elapsed = Clock::now() - started;
    log_access(request, response, meta, elapsed);
    request_metrics().answered(request, response, reply.route, elapsed);
    if (!written || !keep_alive) break;
  }

  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (body_left_unread) {
    // The client may still be sending the body we refused. Closing with its bytes unread makes the kernel
    // answer with a reset, which can destroy the 413 before the client has read it: the rest is read and
    // thrown away until the client closes, for a bounded time and size.
    stream.expires_after(kLingerTime);
    std::array<char, 16 * 1024> sink;
    for (size_t discarded = 0; discarded < kLingerBytes;) {
      auto [error, read] = co_await stream.async_read_some(asio::buffer(sink), kTupleAwaitable);
      if (error) break;
      discarded += read;
    }
  }
}

asio::awaitable<bool> Server::write_streamed(Connection& connection, RawResponse& message,
                                             ChunkSource& body) {
  auto& stream = connection.stream;
  bhttp::response_serializer<bhttp::string_body> serializer(message);
  stream.expires_after(options_.request_timeout);
  auto [header_error, header_size] = co_await bhttp::async_write_header(stream, serializer, kTupleAwaitable);
  bool written = !header_error;
  // Each chunk gets the request timeout to be written; waiting for the writer's next text has no limit, as
  // a long job may stay silent for a while.
  while (written) {
    std::optional<std::string> text;
    try {
      text = co_await body.next();
    } catch (const std::exception& failure) {
      log::error("streamed answer failed", {{"error", failure.what()}});
      break;
    }
    stream.expires_after(options_.request_timeout);
    if (!text) {
      auto [error, size] = co_await asio::async_write(stream, bhttp::make_chunk_last(), kTupleAwaitable);
      co_return !error;
    }
    if (text->empty()) continue;  // an empty chunk is the last chunk's form
    auto [error, size] =
        co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(*text)), kTupleAwaitable);
    written = !error;
  }
  body.abandon();
  co_return false;
}

size_t Server::body_limit_for(const RawRequest& header) const {
  if (!options_.body_limit_for) return options_.body_limit;
  return std::min(options_.body_limit_for(header), std::max(options_.body_limit, options_.max_body_limit));
}

void Server::close_idle_connections(Worker& worker) {
  boost::system::error_code ignored;
  if (worker.acceptor) worker.acceptor->close(ignored);
  worker.accept_pause.cancel();
  for (Connection* connection : worker.connections) {
    if (!connection->busy) connection->stream.socket().cancel(ignored);
  }
}

void Server::drain() {
  {
    std::lock_guard lock(finished_mutex_);
    if (draining_.exchange(true)) return;
  }
  finished_.notify_all();
  for (auto& worker : workers_) {
    asio::post(worker->context, [this, raw = worker.get()] { close_idle_connections(*raw); });
  }
}

void Server::wait() {
  {
    std::unique_lock lock(finished_mutex_);
    finished_.wait(lock, [this] { return draining_ || running_ == 0; });
    const auto all_closed = [this] { return running_ == 0; };
    bool finished = finished_.wait_for(lock, options_.shutdown_grace, all_closed);
    if (!finished && options_.on_grace_over) {
      options_.on_grace_over();
      finished = finished_.wait_for(lock, kLastAnswerTime, all_closed);
    }
    if (!finished) {
      log::warn("shutdown grace period over; closing the remaining connections");
      for (auto& worker : workers_) worker->context.stop();
    }
  }
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  stopped_ = true;
}

}  // namespace myvod::http
