#pragma once
// A fresh, empty database for one test binary: a temporary SQLite file, or a new PostgreSQL database on the
// throwaway cluster named by MYVOD_TEST_POSTGRES_URL. The engine comes from MYVOD_TEST_ENGINE.

#include <string>

#include "store/database_url.hpp"

namespace myvod::testing {

class TestDatabase {
 public:
  explicit TestDatabase(store::Engine engine);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // The URL parsed as the server parses it, MYVOD_PG_PREPARE applied.
  store::DatabaseUrl store_url() const;
  store::Engine engine() const { return engine_; }

 private:
  store::Engine engine_;
  std::string url_;
  std::string cleanup_;  // the SQLite directory, or the PostgreSQL database name
};

store::Engine engine_under_test();  // from MYVOD_TEST_ENGINE (sqlite by default)
// False when MYVOD_PG_PREPARE=off: the suite runs behind a pooler that cannot keep prepared statements.
bool prepare_statements_under_test();

}  // namespace myvod::testing
