#include "common/shared_read.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace myvod {
namespace {

namespace asio = boost::asio;

// Reads numbered by their calls, on one I/O context the test steps by hand: the first read stays under way
// (unless hold_first_read is off) until the test opens its gate (so that other callers can arrive meanwhile),
// the one numbered `failing` throws, and each returns its number.
class SharedReadTest : public ::testing::Test {
 protected:
  asio::awaitable<int> counted_read() {
    const int number = ++calls;
    if (number == 1 && hold_first_read) {
      try {
        co_await gate.async_wait(asio::use_awaitable);
      } catch (const boost::system::system_error&) {
        // opened: the test cancels the wait
      }
    }
    if (number == failing) throw std::runtime_error("read failed");
    co_return number;
  }

  // Starts a caller; its answer lands in `answer`: the value, or -1 when its read threw.
  void ask(int& answer) {
    asio::co_spawn(
        io,
        [this, &answer]() -> asio::awaitable<void> {
          try {
            answer = co_await shared.get([this] { return counted_read(); });
          } catch (const std::runtime_error&) {
            answer = -1;
          }
        },
        asio::detached);
  }

  asio::io_context io;
  asio::steady_timer gate{io, asio::steady_timer::time_point::max()};
  SharedRead<int> shared;
  int calls = 0;
  int failing = 0;
  bool hold_first_read = true;
};

TEST_F(SharedReadTest, ACallerAloneReadsEveryTime) {
  int first = 0, second = 0;
  hold_first_read = false;
  ask(first);
  io.run();
  io.restart();
  ask(second);
  io.run();
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
}

TEST_F(SharedReadTest, CallersThatArriveDuringAReadShareTheNextOneNeverTheOneUnderWay) {
  int first = 0, second = 0, third = 0;
  ask(first);
  ask(second);
  ask(third);
  io.poll();  // the first read is under way; the others have arrived
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(shared.waiting(), 2u);
  gate.cancel();
  io.run();
  EXPECT_EQ(first, 1);
  // The first read began before they asked, so it may have missed a write they saw committed: they share
  // read 2, which began after them.
  EXPECT_EQ(second, 2);
  EXPECT_EQ(third, 2);
  EXPECT_EQ(calls, 2);
}

TEST_F(SharedReadTest, WhenTheSharedReadFailsItsReaderGetsTheErrorAndTheOthersReadOnTheirOwn) {
  failing = 2;
  int first = 0, second = 0, third = 0;
  ask(first);
  ask(second);
  ask(third);
  io.poll();
  EXPECT_EQ(shared.waiting(), 2u);
  gate.cancel();
  io.run();
  EXPECT_EQ(first, 1);
  // One of the two made read 2, which failed; the other read again for itself.
  EXPECT_EQ(std::min(second, third), -1);
  EXPECT_EQ(std::max(second, third), 3);
  EXPECT_EQ(calls, 3);
}

// The property that makes sharing safe, under real concurrency: every caller gets a value at least as new as
// the last write committed before it asked, however the reads and writes interleave.
TEST(SharedRead, NeverAnswersWithAValueOlderThanTheCallersLastSeenWrite) {
  asio::io_context io;
  asio::thread_pool readers(2);  // where the reads go, as to the database pool
  SharedRead<long> shared;
  std::atomic<long> committed{0};
  std::atomic<int> stale{0}, answered{0}, reads{0};
  constexpr int kCallers = 2000;
  for (int caller = 0; caller < kCallers; ++caller) {
    asio::co_spawn(
        io,
        [&, caller]() -> asio::awaitable<void> {
          for (int turn = 0; turn < caller % 16; ++turn)  // callers arrive over time, not all at once
            co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
          if (caller % 3 == 0) ++committed;  // a write, committed before this caller asks
          const long seen = committed.load();
          const long value = co_await shared.get([&]() -> asio::awaitable<long> {
            ++reads;
            const long snapshot = committed.load();             // what a read sees is fixed when it begins
            co_await asio::post(readers, asio::use_awaitable);  // and it takes a while: others arrive
            co_return snapshot;
          });
          if (value < seen) ++stale;
          ++answered;
        },
        asio::detached);
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back([&] { io.run(); });
  for (auto& thread : threads) thread.join();
  readers.join();
  EXPECT_EQ(answered.load(), kCallers);
  EXPECT_EQ(stale.load(), 0);
  EXPECT_LT(reads.load(), kCallers);  // and some reads were shared
}

}  // namespace
}  // namespace myvod
