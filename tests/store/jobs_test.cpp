// Job leases, runs, the scheduler across two servers, and housekeeping, on the engine under test.
#include <gtest/gtest.h>

#include "jobs/job_runner.hpp"
#include "jobs/scheduler.hpp"
#include "service/housekeeping.hpp"
#include "support/clocks.hpp"
#include "support/migrated_database.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

Timestamp at(const std::string& text) {
  return *parse_db_timestamp(text);
}

class JobsTest : public MigratedDatabaseTest {
 protected:
  long long count(const std::string& table) {
    long long rows = 0;
    sql(*store_) << "SELECT COUNT(*) FROM " + table, soci::into(rows);
    return rows;
  }
};

TEST_F(JobsTest, ALeaseHasOneHolderUntilItExpires) {
  auto jobs = store_->jobs();
  const Timestamp now = at("2026-11-30 10:00:00+00");
  EXPECT_TRUE(jobs.acquire_lease("sync", "a", now, now + std::chrono::minutes(10)));
  EXPECT_FALSE(
      jobs.acquire_lease("sync", "b", now + std::chrono::minutes(9), now + std::chrono::minutes(19)));
  EXPECT_TRUE(jobs.acquire_lease("sync", "a", now + std::chrono::minutes(5), now + std::chrono::minutes(15)));
  EXPECT_TRUE(jobs.acquire_lease("other", "b", now, now + std::chrono::minutes(10)));  // per job
  // A holder that stopped renewing loses the lease when it expires.
  EXPECT_TRUE(
      jobs.acquire_lease("sync", "b", now + std::chrono::minutes(15), now + std::chrono::minutes(25)));
  jobs.release_lease("sync", "a");  // not a's any more: nothing happens
  EXPECT_FALSE(
      jobs.acquire_lease("sync", "a", now + std::chrono::minutes(16), now + std::chrono::minutes(26)));
  jobs.release_lease("sync", "b");
  EXPECT_TRUE(
      jobs.acquire_lease("sync", "a", now + std::chrono::minutes(16), now + std::chrono::minutes(26)));
}

TEST_F(JobsTest, ARunIsRecordedWithItsCountsOrItsError) {
  store::Database database(url_, 1);
  ManualClock clock(at("2026-11-30 10:00:00+00"));
  jobs::JobRunner runner(database, clock, "server-a");
  const auto done = runner.run("cleanup", "cli", std::nullopt, [&](jobs::JobContext& context) {
    clock.advance(std::chrono::seconds(3));
    context.counts["deleted"] = 7;
  });
  ASSERT_TRUE(done);
  EXPECT_EQ(done->outcome, "succeeded");
  const auto failed = runner.run("cleanup", "staff", std::nullopt,
                                 [](jobs::JobContext&) { throw std::runtime_error("the provider said no"); });
  ASSERT_TRUE(failed);
  const auto runs = store_->jobs().recent_runs("cleanup", 10);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].trigger, "staff");
  EXPECT_EQ(runs[0].outcome, "failed");
  EXPECT_EQ(runs[0].error, "the provider said no");
  EXPECT_EQ(runs[1].outcome, "succeeded");
  EXPECT_EQ(boost::json::parse(runs[1].counts_json), boost::json::parse(R"({"deleted":7})"));
  EXPECT_EQ(to_db_string(runs[1].started_at), "2026-11-30 10:00:00.000000+00");
  EXPECT_EQ(to_db_string(*runs[1].finished_at), "2026-11-30 10:00:03.000000+00");
  EXPECT_EQ(count("job_lease"), 0);  // released after each run
}

TEST_F(JobsTest, ARunHeldElsewhereDoesNotStart) {
  store::Database database(url_, 1);
  ManualClock clock(at("2026-11-30 10:00:00+00"));
  jobs::JobRunner runner(database, clock, "server-a");
  store_->jobs().acquire_lease("cleanup", "server-b", clock.now(), clock.now() + std::chrono::minutes(10));
  bool ran = false;
  EXPECT_FALSE(runner.run("cleanup", "cli", std::nullopt, [&](jobs::JobContext&) { ran = true; }));
  EXPECT_FALSE(ran);
  EXPECT_EQ(count("job_run"), 0);
}

TEST_F(JobsTest, TwoServersOnOneDatabaseRunEachSlotOnce) {
  // Two servers, each with its own connections, clock and scheduler, as two `myvod serve` processes.
  store::Database first_database(url_, 1), second_database(url_, 1);
  ManualClock clock(at("2026-11-30 17:59:30+00"));
  jobs::JobRunner first_runner(first_database, clock, "server-a"),
      second_runner(second_database, clock, "server-b");
  std::atomic<int> runs{0};
  auto schedule = *domain::CronSchedule::parse("0 18 * * 5,1");  // Monday and Friday 18:00
  jobs::Scheduler first(first_runner, clock, {{"sync", schedule, [&](jobs::JobContext&) { ++runs; }}});
  jobs::Scheduler second(second_runner, clock, {{"sync", schedule, [&](jobs::JobContext&) { ++runs; }}});
  first.tick();
  second.tick();
  EXPECT_EQ(runs, 0);  // not yet
  clock.set(at("2026-11-30 18:00:10+00"));
  std::thread other([&] { second.tick(); });
  first.tick();
  other.join();
  EXPECT_EQ(runs, 1);
  first.tick();
  second.tick();
  EXPECT_EQ(runs, 1);  // the slot has run
  clock.set(at("2026-12-04 18:00:00+00"));
  second.tick();
  first.tick();
  EXPECT_EQ(runs, 2);
  const auto recorded = store_->jobs().recent_runs("sync", 10);
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[0].trigger, "scheduled");
}

TEST_F(JobsTest, AFailingJobIsRecordedAndRunsAgainAtItsNextSlot) {
  store::Database database(url_, 1);
  ManualClock clock(at("2026-11-30 10:00:00+00"));
  jobs::JobRunner runner(database, clock, "server-a");
  int attempts = 0;
  jobs::Scheduler scheduler(runner, clock,
                            {{"flaky", *domain::CronSchedule::parse("*/5 * * * *"), [&](jobs::JobContext&) {
                                if (++attempts == 1) throw std::runtime_error("boom");
                              }}});
  clock.set(at("2026-11-30 10:05:00+00"));
  scheduler.tick();
  clock.set(at("2026-11-30 10:10:00+00"));
  scheduler.tick();
  EXPECT_EQ(attempts, 2);
  const auto runs = store_->jobs().recent_runs("flaky", 10);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].outcome, "succeeded");
  EXPECT_EQ(runs[1].outcome, "failed");
  EXPECT_EQ(runs[1].error, "boom");
}

TEST_F(JobsTest, HousekeepingDeletesWhatIsPastItsRetention) {
  const Timestamp now = at("2026-11-30 10:00:00+00");
  auto old = now - std::chrono::days(91), recent = now - std::chrono::days(89);
  for (const auto& when : {old, recent}) {
    store_->integration_log().record({"tmdb", "failed", "{}", std::nullopt, when});
    const auto id = store_->jobs().start_run("cleanup", "cli", std::nullopt, when);
    store_->jobs().finish_run(*id, "succeeded", "{}", std::nullopt, when);
  }
  sql(*store_)
      << "INSERT INTO users_user (id, password, is_superuser, username, first_name, last_name, email, "
         "is_staff, is_active, date_joined) VALUES ('8f0e3c2a-1111-4a2b-9c3d-444455556666', 'x', FALSE, "
         "'u@x.io', '', '', 'u@x.io', FALSE, TRUE, '2026-01-01 00:00:00+00')";
  for (const auto& [jti, expires] :
       {std::pair{"expired", now - std::chrono::hours(1)}, std::pair{"valid", now + std::chrono::hours(1)}}) {
    store_->tokens().record_outstanding({jti, "token", "8f0e3c2a-1111-4a2b-9c3d-444455556666", now, expires});
  }
  store_->tokens().blacklist(
      {"expired", "token", "8f0e3c2a-1111-4a2b-9c3d-444455556666", now, now - std::chrono::hours(1)}, now);
  // A suggestion's lease left behind by a server that died, and a job's lease still held.
  ASSERT_TRUE(store_->jobs().acquire_lease("suggestions:someone:2026-11-29", "gone",
                                           now - std::chrono::days(1), now - std::chrono::hours(20)));
  ASSERT_TRUE(store_->jobs().acquire_lease("housekeeping", "here", now, now + std::chrono::minutes(5)));
  // A log-in limit's attempts: an address's from two hours ago have left their window, an e-mail's have not.
  store_->attempts().lock("login", "address:old", now - std::chrono::hours(2));
  store_->attempts().save("login", "address:old", {now - std::chrono::hours(2)}, now - std::chrono::hours(1));
  store_->attempts().lock("login", "key:recent", now + std::chrono::minutes(5));
  const auto counts = service::clean_up(*store_, now, std::chrono::days(90));
  EXPECT_EQ(boost::json::value(counts),
            boost::json::parse(R"({"expired_tokens":1,"error_logs":1,"job_runs":1,"suggestion_batches":0,)"
                               R"("expired_leases":1,"expired_attempts":1})"));
  EXPECT_FALSE(store_->jobs().lease_held("suggestions:someone:2026-11-29", now));
  EXPECT_TRUE(store_->jobs().lease_held("housekeeping", now));
  EXPECT_EQ(count("job_lease"), 1);
  EXPECT_EQ(count("integration_error_log"), 1);
  EXPECT_EQ(count("job_run"), 1);
  EXPECT_EQ(count("token_blacklist_outstandingtoken"), 1);
  EXPECT_EQ(count("token_blacklist_blacklistedtoken"), 0);
}

}  // namespace
}  // namespace myvod::testing
