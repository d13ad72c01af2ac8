// PostgreSQL statements prepared once per connection (store/engine.hpp, PreparedStatements): the server
// holds one prepared statement per text, reused with new values, kept when a run fails, and none at all
// with preparing off (MYVOD_PG_PREPARE=off).
#include <gtest/gtest.h>

#include "common/random.hpp"
#include "store/store.hpp"
#include "support/migrated_database.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

class PreparedStatementsTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    if (engine_under_test() != store::Engine::postgres) GTEST_SKIP() << "PostgreSQL's prepared statements";
    MigratedDatabaseTest::SetUp();
    url_.prepare_statements = true;  // whatever MYVOD_PG_PREPARE says: this is the preparing store's test
    store_ = store::open_store(url_);
  }

  // The statements this connection's server session holds whose text contains `text`.
  static long long prepared_on(store::Store& store, const std::string& text) {
    long long count = 0;
    sql(store) << "SELECT COUNT(*) FROM pg_prepared_statements WHERE strpos(statement, :text) > 0",
        soci::use(text), soci::into(count);
    return count;
  }

  static store::NewUser new_user(const std::string& email) {
    return {random_uuid4(), email, "hash", false, Timestamp{}};
  }

  static store::OutstandingToken token_of(const std::string& user_id) {
    return {random_hex(16), "token", user_id, Timestamp{}, Timestamp{}};
  }

  static constexpr const char* kFindById = "FROM users_user WHERE id = $1";
  static constexpr const char* kRecordToken = "INSERT INTO token_blacklist_outstandingtoken";
};

TEST_F(PreparedStatementsTest, OneStatementPerTextRunsAgainWithEachCallsValues) {
  const auto alice = new_user("alice@example.com");
  const auto bob = new_user("bob@example.com");
  ASSERT_TRUE(store_->users().insert(alice));
  ASSERT_TRUE(store_->users().insert(bob));

  EXPECT_EQ(store_->users().find_by_id(alice.id)->email, "alice@example.com");
  EXPECT_EQ(store_->users().find_by_id(bob.id)->email, "bob@example.com");
  EXPECT_FALSE(store_->users().find_by_id(random_uuid4()));
  EXPECT_EQ(prepared_on(*store_, kFindById), 1);
}

TEST_F(PreparedStatementsTest, AFailedRunKeepsTheStatementForTheNext) {
  const auto alice = new_user("alice@example.com");
  ASSERT_TRUE(store_->users().insert(alice));
  store_->tokens().record_outstanding(token_of(alice.id));
  // Not a uuid: PostgreSQL refuses the value when the prepared statement runs.
  EXPECT_THROW(store_->tokens().record_outstanding(token_of("not-a-uuid")), std::exception);
  store_->tokens().record_outstanding(token_of(alice.id));
  EXPECT_EQ(prepared_on(*store_, kRecordToken), 1);
  long long recorded = 0;
  sql(*store_) << "SELECT COUNT(*) FROM token_blacklist_outstandingtoken", soci::into(recorded);
  EXPECT_EQ(recorded, 2);
}

TEST_F(PreparedStatementsTest, NoneWithPreparingOff) {
  auto url = url_;
  url.prepare_statements = false;
  auto unprepared = store::open_store(url);
  const auto alice = new_user("alice@example.com");
  ASSERT_TRUE(unprepared->users().insert(alice));
  EXPECT_EQ(unprepared->users().find_by_id(alice.id)->email, "alice@example.com");
  EXPECT_EQ(unprepared->users().find_by_id(alice.id)->email, "alice@example.com");
  EXPECT_EQ(prepared_on(*unprepared, "$1"), 0);
}

}  // namespace
}  // namespace myvod::testing
