#pragma once
// The fixture of the store tests that need the schema: a fresh database of the engine under test, migrated,
// with its URL (for tests that open more connections, as other servers would) and one open connection.

#include <gtest/gtest.h>

#include <memory>

#include "store/migrations.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"

namespace myvod::testing {

class MigratedDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(engine_under_test());
    url_ = database_->store_url();
    store_ = store::open_store(url_);
    store::migrate(*store_);
  }

  std::unique_ptr<TestDatabase> database_;
  store::DatabaseUrl url_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace myvod::testing
