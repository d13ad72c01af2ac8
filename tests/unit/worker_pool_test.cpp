#include "common/worker_pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <thread>

namespace myvod {
namespace {

namespace asio = boost::asio;
using std::chrono::seconds;

// A job that blocks its worker thread until the test lets it finish.
struct Gate {
  std::promise<void> opened;
  std::shared_future<void> open = opened.get_future().share();
  void release() { opened.set_value(); }
};

class WorkerPoolTest : public ::testing::Test {
 protected:
  // Awaits `job` on the pool from a coroutine of the I/O context; the future is ready once the caller has
  // resumed, which is when a request could send its answer.
  template <class Job>
  std::future<int> await_on(WorkerPool& pool, Job job) {
    return asio::co_spawn(
        io, [&pool, job]() -> asio::awaitable<int> { co_return co_await pool.run(job); }, asio::use_future);
  }

  void run_io() {
    io_thread = std::thread([this] { io.run(); });
  }

  void TearDown() override {
    io_work.reset();
    if (io_thread.joinable()) io_thread.join();
  }

  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> io_work{io.get_executor()};
  std::thread io_thread;
};

// A burst of logins on one hashing thread: each must be answered when its own hash is done, not when the
// whole queue is (the caller used to be resumed through the pool's queue, behind every job queued after).
TEST_F(WorkerPoolTest, EachCallerResumesWhenItsOwnJobIsDoneNotBehindTheQueue) {
  WorkerPool pool(1, 10);
  Gate first, second;
  auto first_answer = await_on(pool, [&] {
    first.open.wait();
    return 1;
  });
  auto second_answer = await_on(pool, [&] {
    second.open.wait();
    return 2;
  });
  run_io();

  first.release();
  ASSERT_EQ(first_answer.wait_for(seconds(5)), std::future_status::ready)
      << "resumed only after the next job";
  EXPECT_EQ(first_answer.get(), 1);
  EXPECT_EQ(second_answer.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  second.release();
  EXPECT_EQ(second_answer.get(), 2);
}

TEST_F(WorkerPoolTest, AJobsExceptionReachesItsCaller) {
  WorkerPool pool(1, 10);
  auto answer = await_on(pool, []() -> int { throw std::runtime_error("disk on fire"); });
  run_io();
  EXPECT_THROW(answer.get(), std::runtime_error);
  EXPECT_EQ(pool.pending(), 0u);
}

TEST_F(WorkerPoolTest, JobsBeyondTheQueueLimitAreRefusedAsUnavailable) {
  WorkerPool pool(1, 2);
  Gate gate;
  auto blocking = [&] {
    gate.open.wait();
    return 0;
  };
  auto first = await_on(pool, blocking);
  auto second = await_on(pool, blocking);
  auto refused = await_on(pool, blocking);
  run_io();
  try {
    refused.get();
    ADD_FAILURE() << "a third job was queued";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::unavailable);
  }
  gate.release();
  EXPECT_EQ(first.get() + second.get(), 0);
}

// Sixty logins from one address and a registration from another: the registration waits for at most one of
// the sixty, not for all of them.
TEST_F(WorkerPoolTest, QueuedJobsAreTakenInTurnsByClient) {
  WorkerPool pool(1, 100);
  Gate running;
  std::mutex order_mutex;
  std::string order;
  auto job = [&](char name) {
    return [&, name] {
      std::lock_guard lock(order_mutex);
      order += name;
      return 0;
    };
  };
  std::vector<std::future<int>> answers;
  answers.push_back(await_on(pool, [&] {
    running.open.wait();
    return 0;
  }));
  auto await_for = [&](std::string client, char name) {
    answers.push_back(asio::co_spawn(
        io,
        [&pool, client, work = job(name)]() -> asio::awaitable<int> {
          co_return co_await pool.run_for(client, work);
        },
        asio::use_future));
  };
  for (int i = 0; i < 5; ++i) await_for("198.51.100.7", 'a');
  await_for("203.0.113.9", 'b');
  await_for("198.51.100.7", 'a');
  await_for("192.0.2.1", 'c');
  run_io();
  while (pool.pending() < answers.size()) std::this_thread::yield();
  running.release();
  for (auto& answer : answers) answer.get();
  EXPECT_EQ(order, "abcaaaaa");
}

TEST_F(WorkerPoolTest, OneClientHoldsAtMostItsShareOfTheQueue) {
  WorkerPool pool(1, 100, 2);
  Gate gate;
  auto blocking = [&] {
    gate.open.wait();
    return 0;
  };
  auto for_client = [&](std::string client) {
    return asio::co_spawn(
        io,
        [&pool, client, blocking]() -> asio::awaitable<int> {
          co_return co_await pool.run_for(client, blocking);
        },
        asio::use_future);
  };
  auto first = for_client("198.51.100.7");
  auto second = for_client("198.51.100.7");
  auto third = for_client("198.51.100.7");
  auto other = for_client("203.0.113.9");
  run_io();
  try {
    third.get();
    ADD_FAILURE() << "a third job of one client was queued";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::too_many_requests);
    EXPECT_EQ(error.retry_after_seconds, 1);
  }
  gate.release();
  EXPECT_EQ(first.get() + second.get() + other.get(), 0);
  auto again = for_client("198.51.100.7");
  EXPECT_EQ(again.get(), 0) << "a client's places are given back";
}

// At the end of the shutdown grace period, jobs still queued are refused instead of run: 60 queued logins
// at 250 ms each would keep the process 15 s past its grace period.
TEST_F(WorkerPoolTest, QueuedJobsAreRefusedOnceThePoolStopsTakingWork) {
  WorkerPool pool(1, 10);
  Gate running;
  std::promise<void> started;
  std::atomic<bool> queued_job_ran{false};
  auto first = await_on(pool, [&] {
    started.set_value();
    running.open.wait();
    return 1;
  });
  auto queued = await_on(pool, [&] {
    queued_job_ran = true;
    return 2;
  });
  run_io();
  started.get_future().wait();  // refused from here on: only the job not yet started
  while (pool.pending() < 2) std::this_thread::yield();

  pool.refuse_queued_jobs();
  running.release();
  EXPECT_EQ(first.get(), 1) << "the job already running finishes";
  try {
    queued.get();
    ADD_FAILURE() << "a queued job ran after the pool stopped taking work";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::unavailable);
  }
  EXPECT_FALSE(queued_job_ran);
}

}  // namespace
}  // namespace myvod
