#include "support/test_database.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "common/random.hpp"
#include "store/store.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {

namespace {

std::string postgres_base_url() {
  const char* url = std::getenv("MYVOD_TEST_POSTGRES_URL");
  if (!url || !*url) {
    throw std::runtime_error(
        "MYVOD_TEST_POSTGRES_URL is not set: run the suite with scripts/test.sh, which starts a PostgreSQL "
        "cluster");
  }
  return url;
}

// postgresql://user@host:port/postgres -> postgresql://user@host:port/<name>
std::string with_database(const std::string& base, const std::string& name) {
  const size_t slash = base.find('/', base.find("://") + 3);
  const size_t query = base.find('?', slash);
  return base.substr(0, slash) + "/" + name + (query == std::string::npos ? "" : base.substr(query));
}

}  // namespace

store::Engine engine_under_test() {
  const char* engine = std::getenv("MYVOD_TEST_ENGINE");
  return engine && std::string_view(engine) == "postgres" ? store::Engine::postgres : store::Engine::sqlite;
}

bool prepare_statements_under_test() {
  const char* prepare = std::getenv("MYVOD_PG_PREPARE");
  return !(prepare && std::string_view(prepare) == "off");
}

store::DatabaseUrl TestDatabase::store_url() const {
  auto url = *store::parse_database_url(url_);
  url.prepare_statements = prepare_statements_under_test();
  return url;
}

TestDatabase::TestDatabase(store::Engine engine) : engine_(engine) {
  if (engine == store::Engine::sqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "myvod-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    cleanup_ = pattern;
    url_ = "sqlite:" + pattern + "/test.db";
    return;
  }
  const std::string base = postgres_base_url();
  cleanup_ = "myvod_test_" + random_hex(6);
  auto admin = store::open_store({store::Engine::postgres, base, prepare_statements_under_test()});
  sql(*admin) << "CREATE DATABASE " + cleanup_;
  url_ = with_database(base, cleanup_);
}

TestDatabase::~TestDatabase() {
  try {
    if (engine_ == store::Engine::sqlite) {
      std::filesystem::remove_all(cleanup_);
    } else {
      auto admin =
          store::open_store({store::Engine::postgres, postgres_base_url(), prepare_statements_under_test()});
      sql(*admin) << "DROP DATABASE IF EXISTS " + cleanup_ + " WITH (FORCE)";
    }
  } catch (const std::exception&) {
    // A leftover temporary database is harmless; the cluster is thrown away after the run.
  }
}

}  // namespace myvod::testing
