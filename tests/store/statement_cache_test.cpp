// What a connection keeps of the statements it ran (store/engine.hpp, StatementCache). PostgreSQL: the server
// holds one prepared statement per text, reused with new values, kept when a run fails, and none at all
// with preparing off (MYVOD_PG_PREPARE=off). SQLite: one compiled statement per text, run again with each
// call's values, idle without a read open, kept when a run fails.
#include <gtest/gtest.h>

#include "common/random.hpp"
#include "store/engine.hpp"
#include "store/store.hpp"
#include "support/migrated_database.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

store::NewUser new_user(const std::string& email) {
  return {random_uuid4(), email, "hash", false, Timestamp{}};
}

store::OutstandingToken token_of(const std::string& user_id) {
  return {random_hex(16), "token", user_id, Timestamp{}, Timestamp{}};
}

// Two users, then three lookups by id with the same text: both users' own rows, then an unknown id.
void find_two_users_and_a_stranger(store::Store& store) {
  const auto alice = new_user("alice@example.com");
  const auto bob = new_user("bob@example.com");
  ASSERT_TRUE(store.users().insert(alice));
  ASSERT_TRUE(store.users().insert(bob));
  EXPECT_EQ(store.users().find_by_id(alice.id)->email, "alice@example.com");
  EXPECT_EQ(store.users().find_by_id(bob.id)->email, "bob@example.com");
  EXPECT_FALSE(store.users().find_by_id(random_uuid4()));
}

// A token recorded, one refused by the database (`refused_owner`), then one more: two rows stored.
void record_tokens_around_a_refused_one(store::Store& store, const std::string& refused_owner) {
  const auto alice = new_user("alice@example.com");
  ASSERT_TRUE(store.users().insert(alice));
  store.tokens().record_outstanding(token_of(alice.id));
  EXPECT_THROW(store.tokens().record_outstanding(token_of(refused_owner)), std::exception);
  store.tokens().record_outstanding(token_of(alice.id));
  long long recorded = 0;
  sql(store) << "SELECT COUNT(*) FROM token_blacklist_outstandingtoken", soci::into(recorded);
  EXPECT_EQ(recorded, 2);
}

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

  static constexpr const char* kFindById = "FROM users_user WHERE id = $1";
  static constexpr const char* kRecordToken = "INSERT INTO token_blacklist_outstandingtoken";
};

TEST_F(PreparedStatementsTest, OneStatementPerTextRunsAgainWithEachCallsValues) {
  ASSERT_NO_FATAL_FAILURE(find_two_users_and_a_stranger(*store_));
  EXPECT_EQ(prepared_on(*store_, kFindById), 1);
}

TEST_F(PreparedStatementsTest, AFailedRunKeepsTheStatementForTheNext) {
  // Not a uuid: PostgreSQL refuses the value when the prepared statement runs.
  ASSERT_NO_FATAL_FAILURE(record_tokens_around_a_refused_one(*store_, "not-a-uuid"));
  EXPECT_EQ(prepared_on(*store_, kRecordToken), 1);
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

class CompiledStatementsTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    if (engine_under_test() != store::Engine::sqlite) GTEST_SKIP() << "SQLite's compiled statements";
    MigratedDatabaseTest::SetUp();
  }

  struct Compiled {
    long long statements = 0;  // how many this connection holds whose text contains the text asked for
    long long runs = 0;        // how often they ran
    long long reading = 0;     // how many are between their first step and their reset
  };
  // From SQLite's own list of a connection's statements (the sqlite_stmt table, SQLITE_ENABLE_STMTVTAB).
  static Compiled compiled_on(store::Store& store, const std::string& text) {
    Compiled compiled;
    sql(store) << "SELECT COUNT(*), COALESCE(SUM(run), 0), COALESCE(SUM(busy), 0) FROM sqlite_stmt "
                  "WHERE instr(sql, :text) > 0",
        soci::use(text), soci::into(compiled.statements), soci::into(compiled.runs),
        soci::into(compiled.reading);
    return compiled;
  }

  // How many this connection holds whose text ends with `end`.
  static long long compiled_ending_with(store::Store& store, const std::string& end) {
    long long statements = 0;
    sql(store) << "SELECT COUNT(*) FROM sqlite_stmt WHERE substr(sql, -length(:end)) = :end", soci::use(end),
        soci::into(statements);
    return statements;
  }

  static constexpr const char* kFindById = "FROM users_user WHERE id = :v1";
  static constexpr const char* kRecordToken = "INSERT INTO token_blacklist_outstandingtoken";
};

TEST_F(CompiledStatementsTest, OneStatementPerTextRunsAgainWithEachCallsValues) {
  ASSERT_NO_FATAL_FAILURE(find_two_users_and_a_stranger(*store_));
  const auto compiled = compiled_on(*store_, kFindById);
  EXPECT_EQ(compiled.statements, 1);
  EXPECT_EQ(compiled.runs, 3);
}

TEST_F(CompiledStatementsTest, AKeptStatementHoldsNoReadOpen) {
  const auto alice = new_user("alice@example.com");
  ASSERT_TRUE(store_->users().insert(alice));
  // The lookup reads its one row and stops before SQLite says there are no more: the statement is still
  // reading until it is reset, and an idle statement reading would pin the database's snapshot.
  ASSERT_TRUE(store_->users().find_by_id(alice.id));
  EXPECT_EQ(compiled_on(*store_, kFindById).statements, 1);
  EXPECT_EQ(compiled_on(*store_, kFindById).reading, 0);
}

TEST_F(CompiledStatementsTest, AFailedRunKeepsTheStatementForTheNext) {
  // No such user: the foreign key refuses the row when the statement runs.
  ASSERT_NO_FATAL_FAILURE(record_tokens_around_a_refused_one(*store_, random_uuid4()));
  const auto compiled = compiled_on(*store_, kRecordToken);
  EXPECT_EQ(compiled.statements, 1);
  EXPECT_EQ(compiled.runs, 3);
}

TEST_F(CompiledStatementsTest, KeepsTheMostRecentlyUsedTextsUpToItsLimit) {
  const auto alice = new_user("alice@example.com");
  ASSERT_TRUE(store_->users().insert(alice));
  const store::UserMovieFilter filter{.user_id = alice.id};
  // Each page's offset is written into its text: one text per offset, more of them than are kept (an empty
  // page runs no other statement). Offsets 10 and up are kept after the loop; 10 is then used again, so
  // one more new text pushes out 11, the least recently used, instead.
  constexpr long long kLastOffset = store::sqlite::CompiledStatements::kMaxIdle + 9;
  for (long long offset = 0; offset <= kLastOffset; ++offset) store_->user_movies().list(filter, offset, 20);
  store_->user_movies().list(filter, 10, 20);
  store_->user_movies().list(filter, kLastOffset + 1, 20);
  EXPECT_EQ(compiled_on(*store_, " OFFSET ").statements, store::sqlite::CompiledStatements::kMaxIdle);
  EXPECT_EQ(compiled_ending_with(*store_, " OFFSET 0"), 0);
  EXPECT_EQ(compiled_ending_with(*store_, " OFFSET 11"), 0);
  EXPECT_EQ(compiled_ending_with(*store_, " OFFSET 10"), 1);
  EXPECT_EQ(compiled_ending_with(*store_, " OFFSET " + std::to_string(kLastOffset + 1)), 1);
}

}  // namespace
}  // namespace myvod::testing
