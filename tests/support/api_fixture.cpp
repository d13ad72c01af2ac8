#include "support/api_fixture.hpp"

#include <unistd.h>

#include <atomic>

#include "support/raw_sql.hpp"

namespace myvod::testing {

namespace {
std::unique_ptr<TestDatabase> database;
std::unique_ptr<app::ServerApp> server;
std::unique_ptr<HttpClient> http_client;
std::unique_ptr<store::Store> direct;
std::atomic<int> email_counter{0};
}  // namespace

app::Config ApiTest::base_config(const std::string& url) {
  app::Config config;
  config.database_url = url;
  config.pg_prepare = prepare_statements_under_test();
  config.listen = "127.0.0.1:0";
  config.secret_key = kTestSecretKey;
  config.bcrypt_cost = 4;  // the hash format is the same; cost 12 would make the suite take minutes
  config.login_max_failures = 0;
  config.io_threads = 2;
  config.database_connections = 4;
  config.hashing_threads = 2;
  // The race tests hash dozens of passwords at once, all from 127.0.0.1: one client's share (an eighth)
  // must hold them.
  config.hashing_queue_limit = 1024;
  config.log_level = std::getenv("MYVOD_TEST_LOG") ? std::getenv("MYVOD_TEST_LOG") : "off";
  config.cors_origins = {"http://localhost:5173"};
  return config;
}

void ApiTest::SetUpTestSuite() {
  if (server) return;
  database = std::make_unique<TestDatabase>(engine_under_test());
  server = std::make_unique<app::ServerApp>(base_config(database->url()));
  server->start();
  http_client = std::make_unique<HttpClient>(server->port());
  direct = store::open_store(database->store_url());
}

HttpClient& ApiTest::client() {
  return *http_client;
}
const std::string& ApiTest::database_url() {
  return database->url();
}
store::DatabaseUrl ApiTest::database_store_url() {
  return database->store_url();
}
std::uint64_t ApiTest::server_statements() {
  return server->database_statements();
}
store::Store& ApiTest::db() {
  return *direct;
}

void ApiTest::forget_attempts() {
  sql(*direct) << "DELETE FROM attempt_window";
}

std::string ApiTest::unique_email(const std::string& prefix) {
  // Letters only, none of which the tests' passwords use: a digit-heavy address (the pid) could make the
  // similarity validator call a test password "too similar to the username", and turn exact checks flaky.
  static constexpr std::string_view alphabet = "bfjkqvxz";
  auto encode = [](unsigned long number) {
    std::string letters;
    do {
      letters.push_back(alphabet[number % alphabet.size()]);
      number /= alphabet.size();
    } while (number != 0);
    return letters;
  };
  return prefix + encode(static_cast<unsigned long>(++email_counter)) + "-" +
         encode(static_cast<unsigned long>(::getpid())) + "@example.com";
}

void ApiTest::register_user(const std::string& email, const std::string& password) {
  auto result = client().post("/api/register/", {{"email", email}, {"password", password}});
  ASSERT_EQ(result.status, 201u) << result.body;
}

Tokens ApiTest::login(const std::string& email, const std::string& password) {
  auto result = client().post("/api/token/", {{"email", email}, {"password", password}});
  EXPECT_EQ(result.status, 200u) << result.body;
  if (result.status != 200) return {};
  auto json = result.json().as_object();
  return {std::string(json["access"].as_string()), std::string(json["refresh"].as_string())};
}

Tokens ApiTest::new_user(std::string* email_out) {
  const std::string email = unique_email();
  register_user(email);
  if (email_out) *email_out = email;
  return login(email);
}

// Stops the shared server once, after every test of the binary ran.
class ServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    direct.reset();
    http_client.reset();
    if (server) {
      server->drain();
      server->wait();
    }
    server.reset();
    database.reset();
  }
};

const auto* const server_environment = ::testing::AddGlobalTestEnvironment(new ServerEnvironment);

}  // namespace myvod::testing
