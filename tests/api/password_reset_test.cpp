// Password reset (POST /api/password-reset/, validate_token/, confirm/): the contract's bodies, links that
// expire (the clock moves), are used once, die with a password change, and end the account's sessions.
// Each test has a server of its own, so the per-process request limit starts empty.
#include <thread>

#include "auth/reset_token.hpp"
#include "common/random.hpp"
#include "support/api_fixture.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

constexpr const char* kRequestAnswer =
    R"({"message":"Jeśli podany adres email jest powiązany z kontem, otrzymasz wiadomość z linkiem do resetowania hasła."})";
constexpr const char* kInvalidLink = R"({"error":"Nieprawidłowy link resetowania hasła."})";
constexpr const char* kUsedOrExpired = R"({"error":"Link resetowania hasła jest nieprawidłowy lub wygasł."})";

class PasswordResetTest : public ApiTest {
 protected:
  void SetUp() override {
    forget_attempts();
    auto config = base_config(database_url());
    config.sync_schedule = "off";
    server_ = std::make_unique<app::ServerApp>(config, clock_);
    server_->start();
    here_ = std::make_unique<HttpClient>(server_->port());
    email_ = unique_email("forgetful");
    register_user(email_);
  }
  void TearDown() override {
    server_->drain();
    server_->wait();
  }

  // The link's two parts, as the mail or `myvod users reset-link` would carry them.
  std::pair<std::string, std::string> link() {
    const auto user = db().users().find_by_email(email_).value();
    const auth::ResetTokens tokens(kTestSecretKey);
    return {auth::encode_reset_uid(user.id),
            tokens.make({user.id, user.password_hash, user.last_login, user.email}, clock_.now())};
  }

  HttpResult post(const std::string& path, const boost::json::value& body) {
    return here_->post("/api/password-reset/" + path, body);
  }

  ShiftedClock clock_;
  std::unique_ptr<app::ServerApp> server_;
  std::unique_ptr<HttpClient> here_;
  std::string email_;
};

TEST_F(PasswordResetTest, ARequestAnswersTheSameForEveryAddress) {
  for (const auto& email : {email_, unique_email("nobody"), std::string("  ") + email_ + " "}) {
    const auto answer = post("", {{"email", email}});
    EXPECT_EQ(answer.status, 200u) << email;
    EXPECT_EQ(answer.body, kRequestAnswer);
  }
  EXPECT_EQ(post("", boost::json::object{}).body, R"({"email":["This field is required."]})");
  EXPECT_EQ(post("", {{"email", "not-an-address"}}).body, R"({"email":["Enter a valid email address."]})");
  // Authentication is off on these routes: a broken token is not even read.
  EXPECT_EQ(here_->post("/api/password-reset/", {{"email", email_}}, "not-a-token").status, 200u);
  EXPECT_EQ(here_->get("/api/password-reset/").status, 405u);
}

TEST_F(PasswordResetTest, RequestsAreLimitedPerAddressAndPerClient) {
  const std::string other = unique_email("other");
  for (int i = 0; i < 5; ++i) ASSERT_EQ(post("", {{"email", other}}).status, 200u) << i;
  const auto limited = post("", {{"email", other}});
  EXPECT_EQ(limited.status, 429u);
  EXPECT_NE(limited.body.find("Too many password reset requests. Try again in"), std::string::npos)
      << limited.body;
  EXPECT_FALSE(limited.header("retry-after").empty());
  // Another address from the same client: the client's budget is spent too.
  EXPECT_EQ(post("", {{"email", email_}}).status, 429u);
  clock_.advance(std::chrono::hours(1));
  EXPECT_EQ(post("", {{"email", other}}).status, 200u);
}

TEST_F(PasswordResetTest, ValidateReadsTheLink) {
  const auto [uid, token] = link();
  EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", token}}).body,
            R"({"message":"Token jest prawidłowy."})");
  EXPECT_EQ(post("validate_token/", boost::json::object{}).body,
            R"({"uid":["This field is required."],"token":["This field is required."]})");
  // Not base64 of a uuid (the original answered 500 here), or a uuid of nobody: the "invalid link" 400.
  for (const std::string& bad :
       {std::string("%%%"), std::string("Zm9v"), auth::encode_reset_uid(random_uuid4())}) {
    const auto refused = post("validate_token/", {{"uid", bad}, {"token", token}});
    EXPECT_EQ(refused.status, 400u) << bad;
    EXPECT_EQ(refused.body, kInvalidLink) << bad;
  }
  for (const std::string& bad :
       {token + "0", std::string("x-") + token, std::string("1-2-3"), std::string("zzzzzzzzzzzzzz-1")}) {
    EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", bad}}).body, kUsedOrExpired) << bad;
  }
  // Three days hold; a second more does not.
  clock_.advance(std::chrono::seconds(259'200 - 5));
  EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", token}}).status, 200u);
  clock_.advance(std::chrono::seconds(10));
  EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", token}}).body, kUsedOrExpired);
}

TEST_F(PasswordResetTest, ConfirmSetsThePasswordOnceAndEndsEverySession) {
  const auto session = login(email_);
  const auto [uid, token] = link();
  // The new password is checked before the link, without the account: its problems come even with a bad uid.
  const auto weak = post("confirm/", {{"uid", "%%%"}, {"token", token}, {"new_password", "12345678"}});
  EXPECT_EQ(weak.status, 400u);
  EXPECT_EQ(
      weak.body,
      R"({"new_password":["This password is too common.","This password is entirely numeric.","This password must contain both letters and numbers."]})");
  EXPECT_EQ(post("confirm/", {{"uid", uid}, {"token", token}}).body,
            R"({"new_password":["This field is required."]})");

  const auto done = post("confirm/", {{"uid", uid}, {"token", token}, {"new_password", "Brand-new-night-7"}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(done.body, R"({"message":"Hasło zostało pomyślnie zmienione."})");
  EXPECT_EQ(here_->post("/api/token/", {{"email", email_}, {"password", "Brand-new-night-7"}}).status, 200u);
  EXPECT_EQ(here_->post("/api/token/", {{"email", email_}, {"password", "strongPassword123"}}).status, 400u);
  // The refresh token from before the reset is dead: other devices must log in again.
  EXPECT_EQ(here_->post("/api/token/refresh/", {{"refresh", session.refresh}}).status, 401u);
  // Used once.
  const auto again = post("confirm/", {{"uid", uid}, {"token", token}, {"new_password", "Another-night-8"}});
  EXPECT_EQ(again.status, 400u);
  EXPECT_EQ(again.body, kUsedOrExpired);
}

TEST_F(PasswordResetTest, APasswordChangeOrADeactivationKillsTheLink) {
  auto [uid, token] = link();
  const auto session = login(email_);
  ASSERT_EQ(here_
                ->post("/api/me/change-password/",
                       {{"current_password", "strongPassword123"}, {"new_password", "Changed-meanwhile-9"}},
                       session.access)
                .status,
            200u);
  EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", token}}).body, kUsedOrExpired);
  std::tie(uid, token) = link();
  EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", token}}).status, 200u);
  sql(db()) << "UPDATE users_user SET is_active = FALSE WHERE email = :email", soci::use(email_);
  EXPECT_EQ(post("validate_token/", {{"uid", uid}, {"token", token}}).body, kInvalidLink);
}

TEST_F(PasswordResetTest, TwoConfirmationsAtOnceSetThePasswordOnce) {
  // Plain variables, not structured bindings: clang 14 lets no lambda capture those.
  const auto parts = link();
  const std::string uid = parts.first, token = parts.second;
  std::vector<unsigned> statuses(2);
  std::vector<std::thread> both;
  for (int i = 0; i < 2; ++i) {
    both.emplace_back([&, i] {
      HttpClient own(server_->port());
      statuses[i] =
          own.post(
                 "/api/password-reset/confirm/",
                 {{"uid", uid}, {"token", token}, {"new_password", "Racing-night-" + std::to_string(i + 10)}})
              .status;
    });
  }
  for (auto& thread : both) thread.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<unsigned>{200u, 400u}));
}

}  // namespace
}  // namespace myvod::testing
