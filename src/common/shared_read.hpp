#pragma once
// One read shared by the coroutines that want it at the same moment, without ever answering from the past.
//
// A caller may take the value of a read that began after it arrived: that read saw every write committed
// before the caller asked, so the answer is as fresh as a read of its own. Callers that arrive while a read
// is under way therefore wait, suspended, for it to end and then share the next one. Every title search needs
// the catalog's versions: one database round trip and two hops to the database pool and back, per search,
// cost more than the ranking's in-memory work around them on PostgreSQL; shared, they are paid once per batch
// of searches that arrive together (bench/README.md).
//
// The waiting costs no thread: a waiter is resumed on its own executor when the read it waits for has ended.
// A read that fails throws to the caller that made it; the callers that waited for it then read on their
// own, so that each meets (and reports) the failure itself.

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace myvod {

template <class Value>
class SharedRead {
 public:
  // The value of `co_await read()`, from a read that began after this call did.
  template <class Read>
  boost::asio::awaitable<Value> get(Read read) {
    std::unique_lock lock(mutex_);
    const std::uint64_t wanted = started_ + 1;  // the first read to begin after now
    while (finished_ < wanted) {
      if (!reading_) {
        reading_ = true;
        const std::uint64_t number = ++started_;
        lock.unlock();
        co_return co_await read_for_all(number, read);
      }
      lock.unlock();
      co_await wait_for_the_read_under_way(wanted);
      lock.lock();
    }
    if (latest_) co_return *latest_;
    lock.unlock();
    co_return co_await read();  // the read this caller waited for failed
  }

  // Callers suspended until a read ends (for the tests, which must know that a caller has arrived).
  size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiters_.size();
  }

 private:
  // A suspended caller, with the executor it resumes on (a handler's own erased executor cannot be posted
  // to).
  struct Waiter {
    boost::asio::any_io_executor executor;
    boost::asio::any_completion_handler<void()> resume;
  };

  template <class Read>
  boost::asio::awaitable<Value> read_for_all(std::uint64_t number, Read& read) {
    std::optional<Value> value;
    std::exception_ptr failure;
    try {
      value.emplace(co_await read());
    } catch (...) {
      failure = std::current_exception();
    }
    std::vector<Waiter> waiters;
    {
      std::lock_guard lock(mutex_);
      reading_ = false;
      finished_ = number;
      latest_ = value;
      waiters.swap(waiters_);
    }
    for (Waiter& waiter : waiters) resume(std::move(waiter));
    if (failure) std::rethrow_exception(failure);
    co_return std::move(*value);
  }

  // Suspends until the read under way has ended; at once when it already has (it may end between the caller's
  // look and this registration, and a waiter added after its end would never be resumed).
  boost::asio::awaitable<void> wait_for_the_read_under_way(std::uint64_t wanted) {
    return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
        [this, wanted](auto handler) {
          std::unique_lock lock(mutex_);
          if (finished_ >= wanted || !reading_) {
            lock.unlock();
            resume(waiter_of(std::move(handler)));
            return;
          }
          waiters_.push_back(waiter_of(std::move(handler)));
        },
        boost::asio::use_awaitable);
  }

  template <class Handler>
  static Waiter waiter_of(Handler handler) {
    boost::asio::any_io_executor executor = boost::asio::get_associated_executor(handler);
    return Waiter{std::move(executor), std::move(handler)};
  }

  // Posted, never run inside the reader's call: each waiter goes on with its own work on its own executor.
  static void resume(Waiter waiter) {
    boost::asio::post(waiter.executor,
                      [resume = std::move(waiter.resume)]() mutable { std::move(resume)(); });
  }

  mutable std::mutex mutex_;
  std::uint64_t started_ = 0;   // reads begun
  std::uint64_t finished_ = 0;  // the number of the last read that ended
  bool reading_ = false;
  std::optional<Value> latest_;  // the last read's value; empty when it failed
  std::vector<Waiter> waiters_;
};

}  // namespace myvod
