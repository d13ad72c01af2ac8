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

// What a caller got: the job's value, the Error it was refused with, or another exception's message. Held as
// values, so that no exception crosses threads inside a future (ThreadSanitizer cannot follow libstdc++'s
// exception_ptr counts there and reports a race).
struct Answer {
  std::optional<int> value;
  std::optional<Error> refusal;
  std::string failure;
};

class WorkerPoolTest : public ::testing::Test {
 protected:
  // Awaits `job` on the pool, for `client`, from a coroutine of the I/O context; the future is ready once the
  // caller has resumed, which is when a request could send its answer.
  template <class Job>
  std::future<Answer> await_on(WorkerPool& pool, Job job, std::string client = {}) {
    return asio::co_spawn(
        io,
        [&pool, job, client]() -> asio::awaitable<Answer> {
          Answer answer;
          try {
            answer.value = co_await pool.run_for(client, job);
          } catch (const Error& error) {
            answer.refusal = error;
          } catch (const std::exception& error) {
            answer.failure = error.what();
          }
          co_return answer;
        },
        asio::use_future);
  }

  void run_io() {
    io_thread = std::thread([this] { io.run(); });
  }

  // Returns once every job awaited so far is in the pool's queue: each caller's coroutine queues its job in
  // its first step on the I/O thread, and that thread takes posted work in order. (Admission is counted a
  // moment before the job is queued, so pool.pending() cannot tell.)
  void wait_until_queued() {
    std::promise<void> reached;
    asio::post(io, [&reached] { reached.set_value(); });
    reached.get_future().wait();
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
  WorkerPool pool("test", 1, 10);
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
  EXPECT_EQ(first_answer.get().value, 1);
  EXPECT_EQ(second_answer.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  second.release();
  EXPECT_EQ(second_answer.get().value, 2);
}

TEST_F(WorkerPoolTest, AJobsExceptionReachesItsCaller) {
  WorkerPool pool("test", 1, 10);
  auto answer = await_on(pool, []() -> int { throw std::runtime_error("disk on fire"); });
  run_io();
  EXPECT_EQ(answer.get().failure, "disk on fire");
  EXPECT_EQ(pool.pending(), 0u);
}

TEST_F(WorkerPoolTest, JobsBeyondTheQueueLimitAreRefusedAsUnavailable) {
  WorkerPool pool("test", 1, 2);
  Gate gate;
  auto blocking = [&] {
    gate.open.wait();
    return 0;
  };
  auto first = await_on(pool, blocking);
  auto second = await_on(pool, blocking);
  auto refused = await_on(pool, blocking);
  run_io();
  const Answer third = refused.get();
  ASSERT_TRUE(third.refusal) << "a third job was queued";
  EXPECT_EQ(third.refusal->code(), ErrorCode::unavailable);
  gate.release();
  EXPECT_EQ(first.get().value, 0);
  EXPECT_EQ(second.get().value, 0);
}

// Sixty logins from one address and a registration from another: the registration waits for at most one of
// the sixty, not for all of them.
TEST_F(WorkerPoolTest, QueuedJobsAreTakenInTurnsByClient) {
  WorkerPool pool("test", 1, 100);
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
  std::vector<std::future<Answer>> answers;
  answers.push_back(await_on(pool, [&] {
    running.open.wait();
    return 0;
  }));
  auto await_for = [&](std::string client, char name) {
    answers.push_back(await_on(pool, job(name), client));
  };
  for (int i = 0; i < 5; ++i) await_for("198.51.100.7", 'a');
  await_for("203.0.113.9", 'b');
  await_for("198.51.100.7", 'a');
  await_for("192.0.2.1", 'c');
  run_io();
  wait_until_queued();
  running.release();
  for (auto& answer : answers) answer.get();
  EXPECT_EQ(order, "abcaaaaa");
}

TEST_F(WorkerPoolTest, OneClientHoldsAtMostItsShareOfTheQueue) {
  WorkerPool pool("test", 1, 100, 2);
  Gate gate;
  auto blocking = [&] {
    gate.open.wait();
    return 0;
  };
  auto for_client = [&](std::string client) { return await_on(pool, blocking, std::move(client)); };
  auto first = for_client("198.51.100.7");
  auto second = for_client("198.51.100.7");
  auto third = for_client("198.51.100.7");
  auto other = for_client("203.0.113.9");
  run_io();
  const Answer refused = third.get();
  ASSERT_TRUE(refused.refusal) << "a third job of one client was queued";
  EXPECT_EQ(refused.refusal->code(), ErrorCode::too_many_requests);
  EXPECT_EQ(refused.refusal->retry_after_seconds, 1);
  gate.release();
  EXPECT_EQ(first.get().value, 0);
  EXPECT_EQ(second.get().value, 0);
  EXPECT_EQ(other.get().value, 0);
  auto again = for_client("198.51.100.7");
  EXPECT_EQ(again.get().value, 0) << "a client's places are given back";
}

// At the end of the shutdown grace period, jobs still queued are refused instead of run: 60 queued logins
// at 250 ms each would keep the process 15 s past its grace period.
TEST_F(WorkerPoolTest, QueuedJobsAreRefusedOnceThePoolStopsTakingWork) {
  WorkerPool pool("test", 1, 10);
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
  wait_until_queued();

  pool.refuse_queued_jobs();
  running.release();
  EXPECT_EQ(first.get().value, 1) << "the job already running finishes";
  const Answer refused = queued.get();
  ASSERT_TRUE(refused.refusal) << "a queued job ran after the pool stopped taking work";
  EXPECT_EQ(refused.refusal->code(), ErrorCode::unavailable);
  EXPECT_FALSE(queued_job_ran);
}

}  // namespace
}  // namespace myvod
