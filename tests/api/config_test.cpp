// GET /api/config/: what the web UI may offer on this server; and MYVOD_REGISTRATION=closed, which it
// reports.
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

TEST_F(ConfigTest, ClosedRegistrationRefusesSignUpsButNotLogIns) {
  const std::string member = unique_email("member");
  register_user(member);
  auto config = base_config(database_url());
  config.registration_open = false;
  config.sync_schedule = "off";
  app::ServerApp closed(config);
  closed.start();
  HttpClient here(closed.port());
  EXPECT_NE(here.get("/api/config/").body.find(R"("registration":"closed")"), std::string::npos);
  const auto refused =
      here.post("/api/register/", {{"email", unique_email()}, {"password", "strongPassword123"}});
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.body,
            R"({"detail":"Registration is closed on this server: ask its operator for an account."})");
  EXPECT_EQ(here.post("/api/token/", {{"email", member}, {"password", "strongPassword123"}}).status, 200u);
  closed.drain();
  closed.wait();
}

}  // namespace
}  // namespace myvod::testing
