// GET /api/platforms/
#include "support/api_fixture.hpp"

namespace myvod::testing {
namespace {

class PlatformsTest : public ApiTest {};

TEST_F(PlatformsTest, ListsTheFixedPlatformsInIdOrder) {
  auto result = client().get("/api/platforms/");
  ASSERT_EQ(result.status, 200u);
  EXPECT_EQ(
      result.body,
      R"([{"id":1,"platform_slug":"netflix","platform_name":"Netflix"},{"id":2,"platform_slug":"hbomax","platform_name":"HBO Max"},{"id":3,"platform_slug":"disneyplus","platform_name":"Disney+"},{"id":4,"platform_slug":"primevideo","platform_name":"Amazon Prime Video"},{"id":5,"platform_slug":"appletvplus","platform_name":"Apple TV+"}])");
  EXPECT_EQ(client().get("/api/platforms/").body, result.body);
  const Tokens tokens = new_user();
  EXPECT_EQ(client().get("/api/platforms/", tokens.access).body, result.body);
}

TEST_F(PlatformsTest, OtherMethodsAre405) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    auto result = client().method(method, "/api/platforms/");
    EXPECT_EQ(result.status, 405u) << method;
    EXPECT_EQ(result.header("allow"), "GET, HEAD, OPTIONS");
  }
}

}  // namespace
}  // namespace myvod::testing
