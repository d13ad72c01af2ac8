// POST /api/token/, /api/token/refresh/, /api/token/verify/
#include <algorithm>
#include <thread>

#include "auth/jwt.hpp"
#include "auth/password_hasher.hpp"
#include "support/api_fixture.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

using boost::json::object;

class TokenTest : public ApiTest {};

TEST_F(TokenTest, LoginReturnsExactlyTwoTokens) {
  const std::string email = unique_email();
  register_user(email);
  auto result = client().post("/api/token/", {{"email", email}, {"password", "strongPassword123"}});
  ASSERT_EQ(result.status, 200u);
  auto json = result.json().as_object();
  EXPECT_EQ(json.size(), 2u);
  auth::JwtCodec codec(kTestSecretKey);
  auto access =
      codec.decode(std::string(json["access"].as_string()), std::time(nullptr), auth::TokenType::access);
  ASSERT_TRUE(access);
  EXPECT_EQ(access->email, email);
  EXPECT_EQ(access->jti.size(), 32u);
  EXPECT_EQ(access->expires_at - access->issued_at, 3600);
  auto refresh =
      codec.decode(std::string(json["refresh"].as_string()), std::time(nullptr), auth::TokenType::refresh);
  ASSERT_TRUE(refresh);
  EXPECT_EQ(refresh->expires_at - refresh->issued_at, 86400);
}

TEST_F(TokenTest, LoginFailures) {
  const std::string email = unique_email();
  register_user(email);
  const std::string bad = R"({"non_field_errors":["Account not found or invalid credentials"]})";
  EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", "wrongPassword1"}}).body, bad);
  EXPECT_EQ(client().post("/api/token/", {{"email", "nobody@example.com"}, {"password", "x1234567"}}).body,
            bad);
  std::string upper = email;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  EXPECT_EQ(client().post("/api/token/", {{"email", upper}, {"password", "strongPassword123"}}).status, 400u);
  EXPECT_EQ(client().post("/api/token/", object{}).body,
            R"({"email":["This field is required."],"password":["This field is required."]})");
  sql(db()) << "UPDATE users_user SET is_active = FALSE WHERE email = :email", soci::use(email);
  EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).body,
            R"({"non_field_errors":["User account is disabled"]})");
}

TEST_F(TokenTest, RefreshRotatesAndBlacklists) {
  const Tokens tokens = new_user();
  auto first = client().post("/api/token/refresh/", {{"refresh", tokens.refresh}});
  ASSERT_EQ(first.status, 200u) << first.body;
  auto json = first.json().as_object();
  EXPECT_EQ(json.size(), 2u);
  EXPECT_NE(json["refresh"].as_string(), tokens.refresh);
  EXPECT_EQ(client().get("/api/me/", std::string(json["access"].as_string())).status, 200u);
  auto again = client().post("/api/token/refresh/", {{"refresh", tokens.refresh}});
  EXPECT_EQ(again.status, 401u);
  EXPECT_EQ(again.body, R"({"detail":"Token is blacklisted","code":"token_not_valid"})");
  EXPECT_EQ(
      client().post("/api/token/refresh/", {{"refresh", std::string(json["refresh"].as_string())}}).status,
      200u);
}

TEST_F(TokenTest, RefreshErrors) {
  const Tokens tokens = new_user();
  EXPECT_EQ(client().post("/api/token/refresh/", object{}).body,
            R"({"refresh":["This field is required."]})");
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", "garbage"}}).body,
            R"({"detail":"Token is invalid","code":"token_not_valid"})");
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", tokens.access}}).body,
            R"({"detail":"Token has wrong type","code":"token_not_valid"})");
  auth::JwtCodec codec(kTestSecretKey);
  auto expired = auth::new_claims(auth::TokenType::refresh, "8f0e3c2a-1111-4a2b-9c3d-444455556666",
                                  "x@example.com", std::time(nullptr) - 200000);
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", codec.encode(expired)}}).body,
            R"({"detail":"Token is expired","code":"token_not_valid"})");
}

TEST_F(TokenTest, ConcurrentRefreshOfOneTokenSucceedsOnce) {
  const Tokens tokens = new_user();
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto result = client().post("/api/token/refresh/", {{"refresh", tokens.refresh}});
      (result.status == 200 ? ok : refused)++;
      if (result.status != 200) {
        EXPECT_EQ(result.status, 401u) << result.body;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(refused, 7);
}

TEST_F(TokenTest, RefreshOfDeletedOrInactiveUserIs401) {
  std::string email;
  const Tokens tokens = new_user(&email);
  sql(db()) << "UPDATE users_user SET is_active = FALSE WHERE email = :email", soci::use(email);
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", tokens.refresh}}).body,
            R"({"detail":"No active account found for the given token.","code":"no_active_account"})");
  const Tokens other = new_user();
  EXPECT_EQ(client().del("/api/me/", other.access).status, 204u);
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", other.refresh}}).status, 401u);
}

TEST_F(TokenTest, Verify) {
  const Tokens tokens = new_user();
  EXPECT_EQ(client().post("/api/token/verify/", {{"token", tokens.access}}).body, "{}");
  EXPECT_EQ(client().post("/api/token/verify/", {{"token", tokens.refresh}}).status, 200u);
  EXPECT_EQ(client().post("/api/token/verify/", {{"token", "nope"}}).body,
            R"({"detail":"Token is invalid","code":"token_not_valid"})");
  EXPECT_EQ(client().post("/api/token/verify/", object{}).body, R"({"token":["This field is required."]})");
  ASSERT_EQ(client().post("/api/token/refresh/", {{"refresh", tokens.refresh}}).status, 200u);
  auto blacklisted = client().post("/api/token/verify/", {{"token", tokens.refresh}});
  EXPECT_EQ(blacklisted.status, 400u);
  EXPECT_EQ(blacklisted.body, R"({"non_field_errors":["Token is blacklisted"]})");
}

TEST_F(TokenTest, BearerErrorsOnProtectedAndPublicViews) {
  const Tokens tokens = new_user();
  auto with_header = [&](const std::string& target, const std::string& value) {
    return client().send({"GET", target, std::nullopt, {{"Authorization", value}}});
  };
  const auto invalid = with_header("/api/platforms/", "Bearer not.a.token");
  EXPECT_EQ(invalid.status, 401u);
  EXPECT_EQ(invalid.header("www-authenticate"), "Bearer realm=\"api\"");
  EXPECT_EQ(
      invalid.body,
      R"({"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid"}]})");
  EXPECT_EQ(with_header("/api/me/", "Bearer " + tokens.refresh).json().at("messages").at(0).at("message"),
            "Token has wrong type");
  EXPECT_EQ(
      with_header("/api/me/", "Bearer").body,
      R"({"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"})");
  EXPECT_EQ(with_header("/api/me/", "Token " + tokens.access).body,
            R"({"detail":"Authentication credentials were not provided."})");
  // A token signed with HS512 and the right key must still be refused (libjwt would accept it).
  auth::JwtCodec other_key("another-key");
  EXPECT_EQ(
      with_header("/api/me/", "Bearer " + other_key.encode(auth::new_claims(
                                              auth::TokenType::access, "8f0e3c2a-1111-4a2b-9c3d-444455556666",
                                              "x@example.com", std::time(nullptr))))
          .status,
      401u);
  auth::JwtCodec codec(kTestSecretKey);
  auto claims = auth::new_claims(auth::TokenType::access, "not-a-uuid", "x@example.com", std::time(nullptr));
  EXPECT_EQ(with_header("/api/me/", "Bearer " + codec.encode(claims)).body,
            R"({"detail":"Token user_id is not a valid UUID","code":"token_not_valid"})");
  claims.user_id.reset();
  EXPECT_EQ(with_header("/api/me/", "Bearer " + codec.encode(claims)).body,
            R"({"detail":"Token contained no recognizable user identification","code":"token_not_valid"})");
}

// A second server with the given limits, on the same database, on a clock only the test moves: with a
// flowing clock, a slow run (sanitizers) spends the window's last second before the check that needs it.
class ThrottledServer {
 public:
  ThrottledServer(app::Config config, Timestamp start)
      : clock_(std::chrono::floor<std::chrono::seconds>(start)), server_(std::move(config), clock_) {
    ApiTest::forget_attempts();
    server_.start();
  }
  ~ThrottledServer() {
    server_.drain();
    server_.wait();
  }
  HttpClient client() const { return HttpClient(server_.port()); }
  ManualClock& clock() { return clock_; }

 private:
  ManualClock clock_;
  app::ServerApp server_;
};

HttpResult log_in(const HttpClient& http, const std::string& email, const std::string& password,
                  const std::string& forwarded_for = "") {
  HttpRequest request{"POST",
                      "/api/token/",
                      boost::json::serialize(boost::json::object{{"email", email}, {"password", password}}),
                      {{"Content-Type", "application/json"}}};
  if (!forwarded_for.empty()) request.headers.emplace_back("X-Forwarded-For", forwarded_for);
  return http.send(request);
}

TEST_F(TokenTest, LoginThrottlingBlocksAnEmailForItsWindow) {
  auto config = base_config(database_url());
  config.login_max_failures = 5;
  ThrottledServer throttled(config, now_utc());
  const HttpClient http = throttled.client();
  const std::string email = unique_email();
  register_user(email);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(log_in(http, email, "wrongPassword1").status, 400u);
  auto blocked = log_in(http, email, "strongPassword123");
  EXPECT_EQ(blocked.status, 429u);
  EXPECT_EQ(blocked.body, R"({"detail":"Too many failed login attempts. Try again in 900 seconds."})");
  EXPECT_EQ(blocked.header("retry-after"), "900");
  // The address has a larger budget: its other users still log in.
  const std::string neighbour = unique_email();
  register_user(neighbour);
  EXPECT_EQ(log_in(http, neighbour, "strongPassword123").status, 200u);
  throttled.clock().advance(std::chrono::seconds(899));
  EXPECT_EQ(log_in(http, email, "strongPassword123").status, 429u);
  throttled.clock().advance(std::chrono::seconds(1));
  EXPECT_EQ(log_in(http, email, "strongPassword123").status, 200u);
}

TEST_F(TokenTest, AnAddressHasItsOwnLargerBudget) {
  auto config = base_config(database_url());
  config.login_max_failures = 5;
  config.login_max_failures_per_address = 8;
  ThrottledServer throttled(config, now_utc());
  const HttpClient http = throttled.client();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(log_in(http, unique_email(), "wrongPassword1").status, 400u);
  const std::string email = unique_email();
  register_user(email);
  EXPECT_EQ(log_in(http, email, "strongPassword123").status, 429u);
}

TEST_F(TokenTest, ParallelGuessesAreCountedBeforeTheyAreChecked) {
  auto config = base_config(database_url());
  config.login_max_failures = 5;
  ThrottledServer throttled(config, now_utc());
  const HttpClient http = throttled.client();
  const std::string email = unique_email();
  register_user(email);
  std::vector<HttpResult> results(60);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = log_in(http, email, "wrongPassword" + std::to_string(i)); });
  }
  for (auto& thread : threads) thread.join();
  const auto checked =
      std::count_if(results.begin(), results.end(), [](const auto& r) { return r.status == 400u; });
  const auto refused =
      std::count_if(results.begin(), results.end(), [](const auto& r) { return r.status == 429u; });
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(refused, 55);
}

TEST_F(TokenTest, ForwardedClientsCountApartOnlyBehindATrustedProxy) {
  auto config = base_config(database_url());
  config.login_max_failures = 5;
  config.login_max_failures_per_address = 3;
  const std::string password = "wrongPassword1";
  {
    // Not trusted: the header is the client's own claim and changes nothing.
    ThrottledServer direct(config, now_utc());
    const HttpClient http = direct.client();
    for (int i = 0; i < 3; ++i) log_in(http, unique_email(), password, "203.0.113." + std::to_string(i));
    EXPECT_EQ(log_in(http, unique_email(), password, "203.0.113.99").status, 429u);
  }
  config.trusted_proxies = "127.0.0.1/32, ::1";
  ThrottledServer proxied(config, now_utc());
  const HttpClient http = proxied.client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(log_in(http, unique_email(), password, "203.0.113.1").status, 400u);
  EXPECT_EQ(log_in(http, unique_email(), password, "203.0.113.1").status, 429u);
  EXPECT_EQ(log_in(http, unique_email(), password, "198.51.100.7, 203.0.113.2").status, 400u);
  EXPECT_EQ(log_in(http, unique_email(), password).status, 400u);  // the proxy's own address
}

// Behind a balancer, each server counting on its own would allow a guesser five attempts per server.
TEST_F(TokenTest, ServersOnOneDatabaseShareTheLoginLimit) {
  auto config = base_config(database_url());
  config.login_max_failures = 5;
  const auto start = now_utc();
  ThrottledServer first(config, start);
  ThrottledServer second(config, start);
  const std::string email = unique_email();
  register_user(email);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(log_in(first.client(), email, "wrongPassword1").status, 400u);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(log_in(second.client(), email, "wrongPassword1").status, 400u);
  EXPECT_EQ(log_in(first.client(), email, "strongPassword123").status, 429u);
  EXPECT_EQ(log_in(second.client(), email, "strongPassword123").status, 429u);
}

TEST_F(TokenTest, AFailureForAnOldCheaperHashTakesAsLongAsOneAtTodaysCost) {
  auto config = base_config(database_url());
  config.bcrypt_cost = 10;
  ThrottledServer server(config, now_utc());
  const HttpClient http = server.client();
  const std::string email = unique_email();
  register_user(email);  // hashed at the suite's cost, 4: 64 times cheaper than 10
  const auth::PasswordHasher today(10);
  const std::string reference = today.hash("reference");
  auto fastest = [](auto&& run) {
    auto best = std::chrono::steady_clock::duration::max();
    for (int i = 0; i < 3; ++i) {
      const auto started = std::chrono::steady_clock::now();
      run();
      best = std::min(best, std::chrono::steady_clock::now() - started);
    }
    return best;
  };
  const auto check_at_cost = fastest([&] { today.verify("wrong", reference); });
  const auto failed_login = fastest([&] { EXPECT_EQ(log_in(http, email, "wrongPassword1").status, 400u); });
  // Noise only slows a run down, so the lower bound holds however loaded the machine is; before, the
  // failure took about 1/64 of the check.
  EXPECT_GT(failed_login, check_at_cost / 2);
}

TEST_F(TokenTest, TokensExpireOnTheServersClock) {
  // Standing still at a whole second: the token's hour is then exactly 3,600 of the test's seconds, however
  // slowly the run goes.
  ManualClock clock(std::chrono::floor<std::chrono::seconds>(now_utc()));
  app::ServerApp server(base_config(database_url()), clock);
  server.start();
  HttpClient http(server.port());
  const std::string email = unique_email();
  register_user(email);
  auto tokens = http.post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).json();
  const std::string access(tokens.at("access").as_string());
  const std::string refresh(tokens.at("refresh").as_string());
  auto me = [&] {
    return http.send({"GET", "/api/me/", std::nullopt, {{"Authorization", "Bearer " + access}}});
  };
  EXPECT_EQ(me().status, 200u);
  clock.advance(std::chrono::seconds(3599));
  EXPECT_EQ(me().status, 200u);
  clock.advance(std::chrono::seconds(2));
  EXPECT_EQ(me().status, 401u);
  EXPECT_NE(me().body.find("Token is expired"), std::string::npos) << me().body;
  clock.advance(std::chrono::hours(23));  // the refresh token's day is over too
  EXPECT_EQ(http.post("/api/token/refresh/", {{"refresh", refresh}}).body,
            R"({"detail":"Token is expired","code":"token_not_valid"})");
  server.drain();
  server.wait();
}

TEST_F(TokenTest, LegacyPbkdf2HashVerifiesAndIsUpgraded) {
  const std::string email = unique_email();
  register_user(email);
  // Django's pbkdf2_sha256 hash of "strongPassword123" (salt "abcdefgh", 1000 iterations).
  const std::string legacy = "pbkdf2_sha256$1000$abcdefgh$QOsaK+22EseHZBQ4B18FQLnOjdq8GlceUYVWUGEXGYc=";
  sql(db()) << "UPDATE users_user SET password = :hash WHERE email = :email", soci::use(legacy),
      soci::use(email);
  EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).status, 200u);
  auto user = db().users().find_for_login(email);
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->password_hash.starts_with("bcrypt_sha256$")) << user->password_hash;
  EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).status, 200u);
}

}  // namespace
}  // namespace myvod::testing
