// A database failure gives the contract's 500 body for the endpoint, never a crash or a leaked SQL error.
// The fault is real: a table is dropped under a server that runs on its own database.
#include "support/api_fixture.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

class DatabaseFailureTest : public ApiTest {};

TEST_F(DatabaseFailureTest, EndpointsAnswerTheirContractErrorBodies) {
  TestDatabase broken_database(engine_under_test());
  app::ServerApp server(base_config(broken_database.url()));
  server.start();
  HttpClient http(server.port());
  ASSERT_EQ(http.post("/api/register/", {{"email", "victim@example.com"}, {"password", "strongPassword123"}})
                .status,
            201u);
  auto tokens =
      http.post("/api/token/", {{"email", "victim@example.com"}, {"password", "strongPassword123"}}).json();
  const std::string access(tokens.at("access").as_string());

  auto direct = store::open_store(broken_database.store_url());
  sql(*direct) << "DROP TABLE user_platform";
  auto profile = http.get("/api/me/", access);
  EXPECT_EQ(profile.status, 500u);
  EXPECT_EQ(profile.body,
            R"({"error":"An error occurred while retrieving your profile. Please try again later."})");
  auto update = http.patch("/api/me/", {{"platforms", boost::json::array{1}}}, access);
  EXPECT_EQ(update.status, 500u);
  EXPECT_EQ(update.body,
            R"({"error":"An error occurred while updating your profile. Please try again later."})");
  EXPECT_EQ(http.get("/healthz").status, 200u);  // the server itself carries on

  sql(*direct) << "DROP TABLE genre";
  auto genres = http.get("/api/movies/genres/");
  EXPECT_EQ(genres.status, 500u);
  EXPECT_EQ(genres.body, R"({"error":"An error occurred while retrieving genres."})");
  sql(*direct) << "DROP TABLE app_setting";
  auto search = http.get("/api/movies/?search=matrix");
  EXPECT_EQ(search.status, 500u);
  EXPECT_EQ(search.body,
            R"({"error":"An error occurred while searching for movies. Please try again later."})");
  sql(*direct) << "DROP TABLE user_movie";
  for (const auto& result : {http.get("/api/user-movies/?status=watchlist", access),
                             http.post("/api/user-movies/", {{"tconst", "tt0111161"}}, access),
                             http.get("/api/on-vod-movies/", access)}) {
    EXPECT_EQ(result.status, 500u);
    EXPECT_EQ(result.body, R"({"detail":"A database error occurred. Please try again later."})");
  }

  sql(*direct) << "DROP TABLE token_blacklist_blacklistedtoken";
  auto login = http.post("/api/token/", {{"email", "victim@example.com"}, {"password", "strongPassword123"}});
  EXPECT_EQ(login.status, 200u);  // login does not touch the blacklist
  auto refresh =
      http.post("/api/token/refresh/", {{"refresh", std::string(tokens.at("refresh").as_string())}});
  EXPECT_EQ(refresh.status, 500u);
  EXPECT_EQ(refresh.body, R"({"detail":"An unexpected error occurred. Please try again later."})");
  server.drain();
  server.wait();
}

}  // namespace
}  // namespace myvod::testing
