// The attempts the limits count, kept in the database so that every server on it shares one budget.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "service/attempt_limits.hpp"
#include "support/migrated_database.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

class AttemptStoreTest : public MigratedDatabaseTest {
 protected:
  std::unique_ptr<store::Store> open() const { return store::open_store(url_); }

  const auth::AttemptRule rule_{5, 50, std::chrono::seconds(60)};
};

// Each thread is a server of its own, on its own connection: together they admit the limit, not a multiple.
TEST_F(AttemptStoreTest, ServersReservingAtOnceAdmitTheLimitBetweenThem) {
  const Timestamp now = std::chrono::floor<std::chrono::seconds>(now_utc());
  std::atomic<int> admitted = 0;
  std::vector<std::thread> servers;
  for (int i = 0; i < 6; ++i) {
    servers.emplace_back([&] {
      const auto connection = open();
      for (int j = 0; j < 5; ++j) {
        if (!service::reserve_attempt_in(*connection, "login", rule_, "victim@example.com", "203.0.113.9",
                                         now))
          ++admitted;
      }
    });
  }
  for (auto& server : servers) server.join();
  EXPECT_EQ(admitted.load(), 5);
  // Refused attempts counted nowhere: the address spent 5 of its 50.
  for (int i = 0; i < 45; ++i) {
    ASSERT_FALSE(service::reserve_attempt_in(
        *store_, "login", rule_, "other" + std::to_string(i) + "@example.com", "203.0.113.9", now));
  }
  const auto wait = service::reserve_attempt_in(*store_, "login", rule_, "last@example.com", "203.0.113.9",
                                                now + std::chrono::seconds(15));
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->count(), 45);
}

TEST_F(AttemptStoreTest, ScopesCountApartAndKeysIgnoreAsciiCase) {
  const Timestamp now = now_utc();
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(service::reserve_attempt_in(*store_, "login", rule_, "Ann@x.io", "1.1.1.1", now));
  EXPECT_TRUE(service::reserve_attempt_in(*store_, "login", rule_, "ann@X.IO", "2.2.2.2", now));
  EXPECT_FALSE(service::reserve_attempt_in(*store_, "password_reset", rule_, "ann@x.io", "2.2.2.2", now));
}

TEST_F(AttemptStoreTest, RowsGoOnceTheirAttemptsLeftTheWindowAndKeepNoPlainSubject) {
  const Timestamp now = now_utc();
  EXPECT_FALSE(service::reserve_attempt_in(*store_, "login", rule_, "secret@x.io", "198.51.100.1", now));
  int plain = -1;
  sql(*store_)
      << "SELECT COUNT(*) FROM attempt_window WHERE subject LIKE '%secret%' OR subject LIKE '%198.51%'",
      soci::into(plain);
  EXPECT_EQ(plain, 0);
  EXPECT_EQ(store_->retention().delete_expired_attempts(now + std::chrono::seconds(59)), 0);
  EXPECT_EQ(store_->retention().delete_expired_attempts(now + std::chrono::seconds(60)), 2);
}

}  // namespace
}  // namespace myvod::testing
