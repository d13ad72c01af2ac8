#pragma once
// A response body written while the answer is already on its way: the handler returns at once, another
// thread (a long job) writes text as it happens, and the connection's coroutine sends each piece as an
// HTTP/1.1 chunk. The writer never blocks on the network: a client that reads slowly or went away costs
// the writer nothing, and a client that went away stops receiving text (abandon()).

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace myvod::http {

// A response body sent as HTTP/1.1 chunks, as the connection's coroutine asks for them. A source that
// produces its next piece only when asked (a large export) slows down with a slow client instead of piling
// the answer up in memory.
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  // The next piece of text, or nothing at the end. An exception ends the answer without its last chunk, so
  // the client sees a broken transfer rather than a short body that looks whole.
  virtual boost::asio::awaitable<std::optional<std::string>> next() = 0;
  // The reader gives up (the client went away).
  virtual void abandon() {}
};

// A body that another thread pushes.
class BodyStream final : public ChunkSource {
 public:
  // Writer side, from any thread.
  void write(std::string_view text);
  // No more text will come; the reader sends the last chunk once it has sent what is pending.
  void close();

  // Reader side, on the connection's coroutine: the text written since the last call (waiting until there
  // is some), or nothing once the stream is closed and drained.
  boost::asio::awaitable<std::optional<std::string>> next() override;
  // Later writes are dropped.
  void abandon() override;

 private:
  void wake_reader();  // with mutex_ held

  std::mutex mutex_;
  std::string pending_;
  bool closed_ = false;
  bool abandoned_ = false;
  std::shared_ptr<boost::asio::steady_timer> waiting_;  // the reader's timer while it waits
};

}  // namespace myvod::http
