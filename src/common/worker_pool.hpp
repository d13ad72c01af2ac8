#pragma once
// A bounded pool of threads for blocking work (database calls, password hashing), awaited from the I/O
// coroutines so that they never block an I/O thread. When more than `queue_limit` jobs are waiting or
// running, new ones are refused with 503 instead of queueing without end.

#include <atomic>
#include <boost/asio.hpp>
#include <string>
#include <type_traits>

#include "common/error.hpp"

namespace myvod {

class WorkerPool {
 public:
  WorkerPool(unsigned threads, size_t queue_limit) : pool_(threads), queue_limit_(queue_limit) {}
  ~WorkerPool() { pool_.join(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  template <class Work>
  boost::asio::awaitable<std::invoke_result_t<Work>> run(Work work) {
    using Result = std::invoke_result_t<Work>;
    if (pending_.fetch_add(1) >= queue_limit_) {
      --pending_;
      throw Error::detail(ErrorCode::unavailable, "The server is busy. Please try again in a moment.");
    }
    struct Release {
      std::atomic<size_t>& pending;
      ~Release() { --pending; }
    } release{pending_};
    co_return co_await boost::asio::co_spawn(
        pool_, [work = std::move(work)]() mutable -> boost::asio::awaitable<Result> { co_return work(); },
        boost::asio::use_awaitable);
  }

  size_t pending() const { return pending_.load(); }

 private:
  boost::asio::thread_pool pool_;
  size_t queue_limit_;
  std::atomic<size_t> pending_{0};
};

}  // namespace myvod
