// POST /api/register/
#include "auth/password_hasher.hpp"
#include "support/api_fixture.hpp"

namespace myvod::testing {
namespace {

using boost::json::object;

class RegisterTest : public ApiTest {
 protected:
  std::optional<domain::User> stored(const std::string& email) { return db().users().find_for_login(email); }
};

TEST_F(RegisterTest, CreatesUserWithLowerCasedEmailAndVerifiableHash) {
  const std::string email = "New" + unique_email("User");
  std::string lower = email;
  for (auto& c : lower) c = static_cast<char>(std::tolower(c));
  auto result = client().post("/api/register/", {{"email", email}, {"password", "strongPassword123"}});
  ASSERT_EQ(result.status, 201u) << result.body;
  EXPECT_EQ(result.body, "{\"email\":\"" + lower + "\"}");
  auto user = stored(lower);
  ASSERT_TRUE(user);
  EXPECT_NE(user->password_hash, "strongPassword123");
  EXPECT_GT(user->password_hash.size(), 50u);
  EXPECT_TRUE(user->password_hash.starts_with("bcrypt_sha256$$2b$04$"));
  EXPECT_TRUE(auth::PasswordHasher(4).verify("strongPassword123", user->password_hash));
  EXPECT_FALSE(auth::PasswordHasher(4).verify("wrongPassword123", user->password_hash));
  EXPECT_EQ(user->username, lower);
  EXPECT_FALSE(user->is_staff);
}

TEST_F(RegisterTest, DuplicateEmailIsRejectedCaseInsensitively) {
  const std::string email = unique_email();
  register_user(email);
  std::string upper = email;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  auto again = client().post("/api/register/", {{"email", upper}, {"password", "otherPassword456"}});
  EXPECT_EQ(again.status, 400u);
  EXPECT_EQ(again.body, R"({"email":["Użytkownik o tym emailu już istnieje"]})");
}

TEST_F(RegisterTest, ReportsEveryFieldTogether) {
  const std::string email = unique_email();
  register_user(email);
  auto result = client().post("/api/register/", {{"email", email}, {"password", "x"}});
  EXPECT_EQ(result.status, 400u);
  EXPECT_EQ(
      result.body,
      R"({"email":["Użytkownik o tym emailu już istnieje"],"password":["This password is too short. It must contain at least 8 characters.","This password is too common.","This password must contain both letters and numbers."]})");
}

TEST_F(RegisterTest, MissingAndBlankFields) {
  EXPECT_EQ(client().post("/api/register/", object{}).body,
            R"({"email":["This field is required."],"password":["This field is required."]})");
  EXPECT_EQ(client().post("/api/register/", {{"email", "   "}, {"password", ""}}).body,
            R"({"email":["This field may not be blank."],"password":["This field may not be blank."]})");
  EXPECT_EQ(client().post("/api/register/", {{"email", nullptr}, {"password", "strongPassword123"}}).body,
            R"({"email":["This field may not be null."]})");
  // The serializer's order, whichever check ran first: the e-mail's format is checked after the password's
  // presence, and still listed first.
  EXPECT_EQ(client().post("/api/register/", {{"email", "not-an-email"}}).body,
            R"({"email":["Enter a valid email address."],"password":["This field is required."]})");
}

TEST_F(RegisterTest, InvalidEmails) {
  for (const char* email :
       {"notanemail", "missing@domain", "@nodomain.com", "spaces in@email.com", "invalid@"}) {
    auto result = client().post("/api/register/", {{"email", email}, {"password", "strongPassword123"}});
    EXPECT_EQ(result.status, 400u) << email;
    EXPECT_EQ(result.body, R"({"email":["Enter a valid email address."]})") << email;
  }
}

TEST_F(RegisterTest, PasswordValidators) {
  auto check = [&](const char* password, const std::string& expected) {
    auto result = client().post("/api/register/", {{"email", unique_email()}, {"password", password}});
    EXPECT_EQ(result.status, 400u) << password;
    EXPECT_EQ(result.body, expected) << password;
  };
  check(
      "short1",
      R"({"password":["This password is too short. It must contain at least 8 characters.","This password is too common."]})");
  check("onlyletters", R"({"password":["This password must contain both letters and numbers."]})");
  check(
      "12345678",
      R"({"password":["This password is too common.","This password is entirely numeric.","This password must contain both letters and numbers."]})");
  check("password123", R"({"password":["This password is too common."]})");
}

TEST_F(RegisterTest, AcceptsVariedGoodInput) {
  for (const char* password : {"UniquePass123", "MySecur3P@ssw0rd", "Testing987654", "C0mpl3xPassw0rd",
                               "VeryLongUniquePasswordWith456Numbers"}) {
    auto result = client().post("/api/register/", {{"email", unique_email()}, {"password", password}});
    EXPECT_EQ(result.status, 201u) << password << result.body;
  }
  const std::string tagged = "user+tag" + unique_email(".x");
  auto result =
      client().post("/api/register/", {{"email", "  " + tagged + "  "}, {"password", "strongPassword123"}});
  EXPECT_EQ(result.status, 201u);
  EXPECT_EQ(result.json().at("email").as_string(), tagged);
}

TEST_F(RegisterTest, ConcurrentRegistrationsOfOneEmailCreateOneUser) {
  const std::string email = unique_email();
  std::vector<std::thread> threads;
  std::atomic<int> created{0}, rejected{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto result = client().post("/api/register/", {{"email", email}, {"password", "strongPassword123"}});
      (result.status == 201 ? created : rejected)++;
      if (result.status != 201) {
        EXPECT_EQ(result.body, R"({"email":["Użytkownik o tym emailu już istnieje"]})");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(rejected, 7);
}

}  // namespace
}  // namespace myvod::testing
