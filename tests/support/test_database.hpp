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
  store::Engine engine() const { return engine_; }

 private:
  store::Engine engine_;
  std::string url_;
  std::string cleanup_;  // the SQLite directory, or the PostgreSQL database name
};

store::Engine engine_under_test();  // from MYVOD_TEST_ENGINE (sqlite by default)

}  // namespace myvod::testing
