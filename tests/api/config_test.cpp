// GET /api/config/: what the web UI may offer on this server.
#include "support/api_fixture.hpp"

namespace myvod::testing {
namespace {

class ConfigTest : public ApiTest {};

TEST_F(ConfigTest, SaysWhichFeaturesAreConfiguredWithoutAnAccount) {
  auto answer = client().get("/api/config/");
  ASSERT_EQ(answer.status, 200u) << answer.body;
  // The shared test server has no TMDB key.
  EXPECT_EQ(
      answer.body,
      R"({"posters":false,"availability_sync":false,"suggestions":false,"mail":false,"registration":"open"})");
  EXPECT_EQ(client().post("/api/config/", boost::json::object{}).status, 405u);
}

}  // namespace
}  // namespace myvod::testing
