#include "http/body_stream.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace myvod::http {

namespace asio = boost::asio;

void BodyStream::write(std::string_view text) {
  std::lock_guard lock(mutex_);
  if (closed_ || abandoned_) return;
  pending_.append(text);
  wake_reader();
}

void BodyStream::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  wake_reader();
}

void BodyStream::abandon() {
  std::lock_guard lock(mutex_);
  abandoned_ = true;
  pending_.clear();
}

void BodyStream::wake_reader() {
  // The timer belongs to the reader's executor, so it is cancelled there rather than from this thread.
  if (auto timer = waiting_) asio::post(timer->get_executor(), [timer] { timer->cancel(); });
}

asio::awaitable<std::optional<std::string>> BodyStream::next() {
  auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (!pending_.empty()) {
        waiting_.reset();
        co_return std::exchange(pending_, {});
      }
      if (closed_) {
        waiting_.reset();
        co_return std::nullopt;
      }
      // Registered under the lock: a writer that comes after this point posts a cancel, which runs on this
      // executor only once the wait below has begun.
      waiting_ = timer;
      timer->expires_after(std::chrono::seconds(1));
    }
    co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace myvod::http
