// /api/me/, /api/me/change-password/ and /api/me/logout-all/
#include <algorithm>
#include <thread>

#include "auth/password_hasher.hpp"
#include "support/api_fixture.hpp"

namespace myvod::testing {
namespace {

using boost::json::array;
using boost::json::object;

class MeTest : public ApiTest {
 protected:
  std::vector<int> stored_platforms(const std::string& email) {
    auto user = db().users().find_for_login(email);
    std::vector<int> ids;
    for (const auto& platform : db().platforms().of_user(user->id)) ids.push_back(platform.id);
    return ids;
  }
};

TEST_F(MeTest, ProfileShape) {
  std::string email;
  const Tokens tokens = new_user(&email);
  auto result = client().get("/api/me/", tokens.access);
  ASSERT_EQ(result.status, 200u);
  EXPECT_EQ(result.body, "{\"email\":\"" + email + "\",\"platforms\":[],\"is_staff\":false}");
  EXPECT_EQ(result.header("content-type"), "application/json");
  EXPECT_EQ(client().get("/api/me/").status, 401u);
}

TEST_F(MeTest, PatchReplacesPlatformSetAndSortsById) {
  std::string email;
  const Tokens tokens = new_user(&email);
  auto result = client().patch("/api/me/", {{"platforms", array{3, 1}}}, tokens.access);
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(
      result.body,
      "{\"email\":\"" + email +
          R"(","platforms":[{"id":1,"platform_slug":"netflix","platform_name":"Netflix"},{"id":3,"platform_slug":"disneyplus","platform_name":"Disney+"}],"is_staff":false})");
  EXPECT_EQ(stored_platforms(email), (std::vector<int>{1, 3}));
  EXPECT_EQ(client().patch("/api/me/", {{"platforms", array{3, 1}}}, tokens.access).body, result.body);
  EXPECT_EQ(client().patch("/api/me/", {{"platforms", array{2, 3, "4"}}}, tokens.access).status, 200u);
  EXPECT_EQ(stored_platforms(email), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(client().get("/api/me/", tokens.access).json().at("platforms").as_array().size(), 3u);
  EXPECT_EQ(client().patch("/api/me/", {{"platforms", array{}}}, tokens.access).json().at("platforms"),
            array{});
  EXPECT_TRUE(stored_platforms(email).empty());
}

TEST_F(MeTest, PatchValidation) {
  std::string email;
  const Tokens tokens = new_user(&email);
  client().patch("/api/me/", {{"platforms", array{1}}}, tokens.access);
  auto check = [&](const boost::json::value& body, const std::string& expected) {
    auto result = client().patch("/api/me/", body, tokens.access);
    EXPECT_EQ(result.status, 400u) << boost::json::serialize(body);
    EXPECT_EQ(result.body, expected) << boost::json::serialize(body);
  };
  check(object{}, R"({"platforms":["This field is required."]})");
  check(object{{"platforms", nullptr}}, R"({"platforms":["This field may not be null."]})");
  check(object{{"platforms", "invalid"}},
        R"({"platforms":["Expected a list of items but got type \"str\"."]})");
  check(object{{"platforms", object{}}},
        R"({"platforms":["Expected a list of items but got type \"dict\"."]})");
  check(
      object{{"platforms", array{1, "a", 0, 1.5, true}}},
      R"({"platforms":{"1":["A valid integer is required."],"2":["Ensure this value is greater than or equal to 1."],"3":["A valid integer is required."],"4":["A valid integer is required."]}})");
  check(object{{"platforms", array{1, 1}}}, R"({"platforms":["Platform IDs must be unique"]})");
  check(object{{"platforms", array{99, 98, 1}}}, R"({"platforms":["Invalid platform IDs: [98, 99]"]})");
  EXPECT_EQ(stored_platforms(email), (std::vector<int>{1}));
  EXPECT_EQ(client().patch("/api/me/", {{"platforms", array{1}}}).status, 401u);
}

TEST_F(MeTest, DeleteRemovesUserAndCascades) {
  std::string email;
  const Tokens tokens = new_user(&email);
  client().patch("/api/me/", {{"platforms", array{1, 2}}}, tokens.access);
  const auto id = db().users().find_for_login(email)->id;
  EXPECT_EQ(client().del("/api/me/").status, 401u);
  auto result = client().del("/api/me/", tokens.access);
  EXPECT_EQ(result.status, 204u);
  EXPECT_EQ(result.body, "");
  EXPECT_TRUE(result.header("content-type").empty());
  EXPECT_FALSE(db().users().find_for_login(email));
  EXPECT_TRUE(db().platforms().of_user(id).empty());
  EXPECT_EQ(client().get("/api/me/", tokens.access).body,
            R"({"detail":"User not found","code":"token_not_valid"})");
  EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).status, 400u);
}

TEST_F(MeTest, ParallelPatchesEndAsOneAfterTheOther) {
  std::string email;
  const Tokens tokens = new_user(&email);
  // Overlapping sets, so that the replaces would delete and insert each other's rows.
  const std::vector<array> sets{array{1, 2, 3}, array{2, 3, 4}, array{3, 4, 5}, array{1, 5}};
  std::vector<HttpResult> results(32);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = client().patch("/api/me/", {{"platforms", sets[i % sets.size()]}}, tokens.access);
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result.status, 200u) << result.body;
  const auto stored = stored_platforms(email);
  const bool one_of_them = std::any_of(sets.begin(), sets.end(), [&](const array& set) {
    std::vector<int> ids;
    for (const auto& id : set) ids.push_back(static_cast<int>(id.as_int64()));
    return ids == stored;
  });
  EXPECT_TRUE(one_of_them);
}

TEST_F(MeTest, ChangesRacingTheAccountsDeletionGet401NotA500) {
  const Tokens tokens = new_user();
  std::vector<HttpResult> results(16);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = i == results.size() / 2
                       ? client().del("/api/me/", tokens.access)
                       : client().patch("/api/me/", {{"platforms", array{1, 2}}}, tokens.access);
    });
  }
  for (auto& thread : threads) thread.join();
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& result = results[i];
    if (i == results.size() / 2) {
      EXPECT_EQ(result.status, 204u);
    } else if (result.status != 200u) {
      EXPECT_EQ(result.status, 401u) << result.body;
      EXPECT_EQ(result.body, R"({"detail":"User not found","code":"token_not_valid"})");
    }
  }
}

TEST_F(MeTest, OtherMethodsAre405WhenAuthenticated) {
  const Tokens tokens = new_user();
  for (const char* method : {"POST", "PUT", "TRACE"}) {
    auto result = client().method(method, "/api/me/", tokens.access);
    EXPECT_EQ(result.status, 405u) << method;
    EXPECT_EQ(result.body, std::string("{\"detail\":\"Method \\\"") + method + "\\\" not allowed.\"}");
    EXPECT_EQ(result.header("allow"), "GET, PATCH, DELETE, HEAD, OPTIONS");
  }
  EXPECT_EQ(client().method("PUT", "/api/me/").status, 401u);
  for (const char* method : {"GET", "PUT", "PATCH", "DELETE"}) {
    EXPECT_EQ(client().method(method, "/api/me/change-password/", tokens.access).status, 405u) << method;
  }
}

class ChangePasswordTest : public ApiTest {
 protected:
  void expect_password(const std::string& email, const std::string& password) {
    EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", password}}).status, 200u)
        << password;
  }
};

TEST_F(ChangePasswordTest, Success) {
  std::string email;
  const Tokens tokens = new_user(&email);
  auto result = client().post(
      "/api/me/change-password/",
      {{"current_password", "strongPassword123"}, {"new_password", "NewSecurePassword456"}}, tokens.access);
  EXPECT_EQ(result.status, 200u);
  EXPECT_EQ(result.body, R"({"message":"Password changed successfully"})");
  expect_password(email, "NewSecurePassword456");
  EXPECT_EQ(client().post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).status, 400u);
  EXPECT_EQ(client().get("/api/me/", tokens.access).status, 200u);  // existing tokens stay valid
  auto user = db().users().find_for_login(email);
  EXPECT_GT(user->password_hash.size(), 50u);
}

TEST_F(ChangePasswordTest, ParallelChangesLetOneSucceed) {
  std::string email;
  const Tokens tokens = new_user(&email);
  std::vector<HttpResult> results(16);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = client().post("/api/me/change-password/",
                                 {{"current_password", "strongPassword123"},
                                  {"new_password", "Parallel" + std::to_string(i) + "Pass"}},
                                 tokens.access);
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<size_t> winners;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].status == 200u) {
      winners.push_back(i);
    } else {
      EXPECT_EQ(results[i].status, 400u);
      EXPECT_EQ(results[i].body, R"({"current_password":["Current password is incorrect."]})");
    }
  }
  ASSERT_EQ(winners.size(), 1u);
  expect_password(email, "Parallel" + std::to_string(winners.front()) + "Pass");
}

TEST_F(ChangePasswordTest, EndsEverySession) {
  std::string email;
  const Tokens tokens = new_user(&email);
  const Tokens other_device = login(email);
  ASSERT_EQ(client()
                .post("/api/me/change-password/",
                      {{"current_password", "strongPassword123"}, {"new_password", "NewSecurePassword456"}},
                      tokens.access)
                .status,
            200u);
  for (const auto& refresh : {tokens.refresh, other_device.refresh}) {
    auto result = client().post("/api/token/refresh/", {{"refresh", refresh}});
    EXPECT_EQ(result.status, 401u);
    EXPECT_EQ(result.body, R"({"detail":"Token is blacklisted","code":"token_not_valid"})");
  }
  const Tokens after = login(email, "NewSecurePassword456");
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", after.refresh}}).status, 200u);
}

TEST_F(MeTest, LogoutAllEndsEveryRefreshTokenOfTheCallerOnly) {
  std::string email;
  const Tokens tokens = new_user(&email);
  const Tokens other_device = login(email);
  const Tokens neighbour = new_user();
  auto result = client().post("/api/me/logout-all/", object{}, tokens.access);
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(result.body, R"({"sessions_ended":2})");
  EXPECT_EQ(result.header("cache-control"), "no-store");
  for (const auto& refresh : {tokens.refresh, other_device.refresh}) {
    EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", refresh}}).status, 401u);
  }
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", neighbour.refresh}}).status, 200u);
  // Nothing left to end, and the caller can log in again.
  EXPECT_EQ(client().post("/api/me/logout-all/", object{}, tokens.access).body, R"({"sessions_ended":0})");
  EXPECT_EQ(client().post("/api/token/refresh/", {{"refresh", login(email).refresh}}).status, 200u);
  EXPECT_EQ(client().post("/api/me/logout-all/", object{}).status, 401u);
  EXPECT_EQ(client().get("/api/me/logout-all/", tokens.access).status, 405u);
}

TEST_F(ChangePasswordTest, Chain) {
  std::string email;
  const Tokens tokens = new_user(&email);
  std::string current = "strongPassword123";
  for (const char* next : {"UniquePass123", "MySecur3P@ssw0rd", "Testing987654", "C0mpl3xPassw0rd",
                           "VeryLongUniquePasswordWith456Numbers"}) {
    auto result = client().post("/api/me/change-password/",
                                {{"current_password", current}, {"new_password", next}}, tokens.access);
    EXPECT_EQ(result.status, 200u) << next << result.body;
    current = next;
  }
  expect_password(email, current);
}

TEST_F(ChangePasswordTest, Validation) {
  std::string email;
  const Tokens tokens = new_user(&email);
  auto check = [&](const boost::json::object& body, const std::string& expected) {
    auto result = client().post("/api/me/change-password/", body, tokens.access);
    EXPECT_EQ(result.status, 400u) << boost::json::serialize(body);
    EXPECT_EQ(result.body, expected) << boost::json::serialize(body);
  };
  check(
      {{"current_password", "wrong"}, {"new_password", "strongPassword123"}},
      R"({"current_password":["Current password is incorrect."],"new_password":["New password must be different from current password."]})");
  check({{"current_password", "strongPassword123"}, {"new_password", "strongPassword123"}},
        R"({"new_password":["New password must be different from current password."]})");
  check(
      {{"current_password", "strongPassword123"}, {"new_password", "Short1"}},
      R"({"new_password":["This password is too short. It must contain at least 8 characters.","This password is too common."]})");
  check({{"current_password", "strongPassword123"}, {"new_password", "OnlyLetters"}},
        R"({"new_password":["This password must contain both letters and numbers."]})");
  check(
      {{"current_password", "strongPassword123"}, {"new_password", "12345678"}},
      R"({"new_password":["This password is too common.","This password is entirely numeric.","This password must contain both letters and numbers."]})");
  check({{"current_password", "strongPassword123"}, {"new_password", email + "1"}},
        R"({"new_password":["The password is too similar to the username."]})");
  check({{"new_password", "NewSecurePassword456"}}, R"({"current_password":["This field is required."]})");
  check({{"current_password", "strongPassword123"}}, R"({"new_password":["This field is required."]})");
  check(
      {{"current_password", ""}, {"new_password", ""}},
      R"({"current_password":["This field may not be blank."],"new_password":["This field may not be blank."]})");
  expect_password(email, "strongPassword123");
  EXPECT_EQ(client().post("/api/me/change-password/", object{}).status, 401u);
}

}  // namespace
}  // namespace myvod::testing
