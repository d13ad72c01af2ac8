#pragma once
// A bounded pool of threads for blocking work (database calls, password hashing), awaited from the I/O
// coroutines so that they never block an I/O thread. When more than `queue_limit` jobs are waiting or
// running, new ones are refused with 503 instead of queueing without end.
//
// Jobs may name the client they are for (run_for): queued jobs are then taken in turns, one per client, and
// one client holds at most `client_limit` places (429 beyond). Sixty logins from one address used to keep a
// registration from another waiting behind all sixty hashes; now it waits for at most one job per client.
//
// A finished job hands its result straight to its caller's executor. (Spawning the job as a coroutine on
// the pool would not: asio's co_spawn posts the completion back through the pool's own queue first, so a
// caller resumed only after every job queued behind its own, and a burst of logins was answered all at
// once when the last hash was done.)

#include <atomic>
#include <boost/asio.hpp>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>

#include "common/error.hpp"
#include "common/metrics.hpp"

namespace myvod {

class WorkerPool {
 public:
  // `name` labels the pool's figures in /metrics ("database", "hashing", ...).
  WorkerPool(std::string_view name, unsigned threads, size_t queue_limit,
             size_t client_limit = std::numeric_limits<size_t>::max())
      : pool_(threads), queue_limit_(queue_limit), client_limit_(client_limit), figures_(name) {}
  ~WorkerPool() { join(); }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  template <class Work>
  boost::asio::awaitable<std::invoke_result_t<Work>> run(Work work) {
    return run_for(std::string(), std::move(work));
  }

  // Runs `work` for `client` (an address; empty: no one in particular, no limit of its own).
  template <class Work>
  boost::asio::awaitable<std::invoke_result_t<Work>> run_for(std::string client, Work work) {
    using Result = std::invoke_result_t<Work>;
    Place place = admit(client);
    Outcome<Result> outcome =
        co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(Outcome<Result>)>(
            [pool = this, &client](auto handler, Work job) {
              pool->enqueue(client, std::move(handler), std::move(job));
            },
            boost::asio::use_awaitable, std::move(work));
    if (outcome.error) std::rethrow_exception(outcome.error);
    if constexpr (!std::is_void_v<Result>) co_return std::move(*outcome.value);
  }

  // From now on a job that has not started yet is refused (503) instead of run; jobs already running finish.
  // For the end of the shutdown grace period: queued work must not keep the process alive past it.
  void refuse_queued_jobs() { refusing_ = true; }

  // Waits for the jobs already handed to the pool. Their callers' executors must still exist.
  void join() { pool_.join(); }

  size_t pending() const { return pending_.load(); }

 private:
  struct Nothing {};
  template <class Result>
  struct Outcome {
    std::optional<std::conditional_t<std::is_void_v<Result>, Nothing, Result>> value;
    std::exception_ptr error;
  };

  struct Job {
    virtual ~Job() = default;
    virtual void run() = 0;
  };
  template <class Body>
  struct JobOf final : Job {
    explicit JobOf(Body work) : body(std::move(work)) {}
    void run() override { body(); }
    Body body;
  };

  // A job's place in the pool's count and its client's, given back when its caller resumes.
  class Place {
   public:
    Place(WorkerPool& pool, std::string client) : pool_(pool), client_(std::move(client)) {}
    ~Place() { pool_.leave(client_); }
    Place(const Place&) = delete;
    Place& operator=(const Place&) = delete;

   private:
    WorkerPool& pool_;
    std::string client_;
  };

  Place admit(const std::string& client) {
    if (pending_.fetch_add(1) >= queue_limit_) {
      --pending_;
      figures_.refused_full.add();
      throw Error::detail(ErrorCode::unavailable, "The server is busy. Please try again in a moment.");
    }
    if (!client.empty()) {
      std::lock_guard lock(mutex_);
      size_t& held = held_by_client_[client];
      if (held >= client_limit_) {
        --pending_;
        figures_.refused_client_share.add();
        Error error = Error::detail(ErrorCode::too_many_requests,
                                    "Too many requests from your address at once. Try again in a moment.");
        error.retry_after_seconds = 1;
        throw error;
      }
      ++held;
    }
    figures_.pending.add(1);
    return Place(*this, client);
  }

  void leave(const std::string& client) {
    --pending_;
    figures_.pending.add(-1);
    if (client.empty()) return;
    std::lock_guard lock(mutex_);
    auto held = held_by_client_.find(client);
    if (held != held_by_client_.end() && --held->second == 0) held_by_client_.erase(held);
  }

  template <class Handler, class Work>
  void enqueue(const std::string& client, Handler handler, Work work) {
    // The caller's executor is kept busy until the handler has run there.
    auto caller = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                      boost::asio::execution::outstanding_work.tracked);
    auto body = [this, handler = std::move(handler), work = std::move(work),
                 caller = std::move(caller)]() mutable {
      auto outcome = perform(work);
      boost::asio::post(caller, [handler = std::move(handler), outcome = std::move(outcome)]() mutable {
        std::move(handler)(std::move(outcome));
      });
    };
    {
      std::lock_guard lock(mutex_);
      auto& queue = queues_[client];
      if (queue.empty()) turns_.push_back(client);
      queue.push_back(std::make_unique<JobOf<decltype(body)>>(std::move(body)));
    }
    // One wake-up per job queued: each takes whichever job's turn it is.
    boost::asio::post(pool_, [this] { run_next(); });
  }

  void run_next() {
    std::unique_ptr<Job> job;
    {
      std::lock_guard lock(mutex_);
      const std::string client = std::move(turns_.front());
      turns_.pop_front();
      auto queue = queues_.find(client);
      job = std::move(queue->second.front());
      queue->second.pop_front();
      if (queue->second.empty()) {
        queues_.erase(queue);
      } else {
        turns_.push_back(client);
      }
    }
    job->run();
  }

  template <class Work>
  Outcome<std::invoke_result_t<Work>> perform(Work& work) {
    Outcome<std::invoke_result_t<Work>> outcome;
    try {
      if (refusing_) {
        figures_.refused_shutting_down.add();
        throw Error::detail(ErrorCode::unavailable, "The server is shutting down.");
      }
      if constexpr (std::is_void_v<std::invoke_result_t<Work>>) {
        work();
        outcome.value.emplace();
      } else {
        outcome.value.emplace(work());
      }
    } catch (...) {
      outcome.error = std::current_exception();
    }
    return outcome;
  }

  // The pool's series in /metrics. Pools of one name (two servers in one test process) share them, which
  // adds up: the gauge moves by each job's arrival and departure.
  struct Figures {
    explicit Figures(std::string_view name)
        : pending(metrics::registry()
                      .gauge("myvod_worker_pool_jobs", "Jobs queued or running in a worker pool.", {"pool"})
                      .at({name})),
          refused_full(refusals().at({name, "full"})),
          refused_client_share(refusals().at({name, "client_share"})),
          refused_shutting_down(refusals().at({name, "shutting_down"})) {}
    static metrics::Family<metrics::Counter>& refusals() {
      return metrics::registry().counter("myvod_worker_pool_refusals_total",
                                         "Jobs a worker pool refused: its queue was full, the client held "
                                         "its share, or it was shutting down.",
                                         {"pool", "reason"});
    }
    metrics::Gauge& pending;
    metrics::Counter& refused_full;
    metrics::Counter& refused_client_share;
    metrics::Counter& refused_shutting_down;
  };

  boost::asio::thread_pool pool_;
  size_t queue_limit_;
  size_t client_limit_;
  Figures figures_;
  std::atomic<size_t> pending_{0};
  std::atomic<bool> refusing_{false};
  std::mutex mutex_;
  std::map<std::string, std::deque<std::unique_ptr<Job>>> queues_;  // by client, in arrival order
  std::deque<std::string> turns_;                                   // clients with queued jobs, next first
  std::map<std::string, size_t> held_by_client_;                    // jobs queued or running, by client
};

}  // namespace myvod
