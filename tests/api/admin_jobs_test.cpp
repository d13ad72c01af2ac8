// GET /api/admin/jobs/: recent job runs, for staff only.
#include "jobs/job_runner.hpp"
#include "support/api_fixture.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

class AdminJobsTest : public ApiTest {
 protected:
  std::string staff_token() {
    const std::string email = unique_email("staff");
    register_user(email);
    sql(db()) << "UPDATE users_user SET is_staff = TRUE WHERE email = :email", soci::use(email);
    return login(email).access;
  }
};

TEST_F(AdminJobsTest, StaffOnly) {
  EXPECT_EQ(client().get("/api/admin/jobs/").body,
            R"({"detail":"Authentication credentials were not provided."})");
  auto user = client().get("/api/admin/jobs/", new_user().access);
  EXPECT_EQ(user.status, 403u);
  EXPECT_EQ(user.body, R"({"detail":"You do not have permission to perform this action."})");
  EXPECT_EQ(client().post("/api/admin/jobs/", boost::json::object{}, staff_token()).status, 405u);
}

TEST_F(AdminJobsTest, ListsRecentRunsNewestFirst) {
  store::Database database(database_store_url(), 1);
  jobs::JobRunner runner(database, system_clock(), "test-runner");
  runner.run("housekeeping", "cli", std::nullopt,
             [](jobs::JobContext& context) { context.counts["job_runs"] = 2; });
  runner.run("posters", "staff", std::nullopt,
             [](jobs::JobContext&) { throw std::runtime_error("TMDB is down"); });
  const std::string token = staff_token();
  auto all = client().get("/api/admin/jobs/?limit=2", token);
  ASSERT_EQ(all.status, 200u) << all.body;
  const auto json = all.json();
  const auto& runs = json.as_array();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].at("job"), "posters");
  EXPECT_EQ(runs[0].at("trigger"), "staff");
  EXPECT_EQ(runs[0].at("outcome"), "failed");
  EXPECT_EQ(runs[0].at("error"), "TMDB is down");
  EXPECT_EQ(runs[1].at("counts"), boost::json::parse(R"({"job_runs":2})"));
  EXPECT_TRUE(runs[1].at("finished_at").as_string().ends_with("Z"));
  const auto one_job = client().get("/api/admin/jobs/?job=housekeeping", token).json();
  ASSERT_FALSE(one_job.as_array().empty());
  for (const auto& run : one_job.as_array()) EXPECT_EQ(run.at("job"), "housekeeping");
  for (const char* bad : {"0", "201", "ten", "5x"}) {
    auto refused = client().get(std::string("/api/admin/jobs/?limit=") + bad, token);
    EXPECT_EQ(refused.status, 400u) << bad;
    EXPECT_EQ(refused.body, R"({"limit":["Ensure this value is a whole number from 1 to 200."]})");
  }
}

}  // namespace
}  // namespace myvod::testing
