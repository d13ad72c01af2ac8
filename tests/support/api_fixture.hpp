#pragma once
// The fixture of the API tests: one server per test binary on the engine under test, started exactly as
// `myvod serve` starts (app::ServerApp), on a free loopback port.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/server_app.hpp"
#include "store/store.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

namespace myvod::testing {

// The signing key of the servers under test, for tests that sign or read tokens and mail links themselves.
inline constexpr const char* kTestSecretKey = "test-secret-key-that-is-long-enough-for-hs256";

struct Tokens {
  std::string access;
  std::string refresh;
};

class ApiTest : public ::testing::Test {
 public:
  static void SetUpTestSuite();

  // The limits' counts start afresh. They live in the database, shared by every server of the test binary,
  // and its tests all come from one address: a test of a limit must not see the attempts of the others.
  static void forget_attempts();

 protected:
  static app::Config base_config(const std::string& database_url);
  static HttpClient& client();
  static const std::string& database_url();
  static store::DatabaseUrl database_store_url();  // the same, parsed as the server parses it

  // A direct connection to the server's database, for seeding and for checking what was stored.
  static store::Store& db();

  // Statements the server's database sessions have run so far.
  static std::uint64_t server_statements();

  // A unique address per call, so tests never share users.
  static std::string unique_email(const std::string& prefix = "user");
  static void register_user(const std::string& email, const std::string& password = "strongPassword123");
  static Tokens login(const std::string& email, const std::string& password = "strongPassword123");
  // Registers and logs in a new user.
  static Tokens new_user(std::string* email_out = nullptr);
};

}  // namespace myvod::testing
