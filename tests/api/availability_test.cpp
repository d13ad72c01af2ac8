// The availability sync from the fake Watchmode and the fake TMDB: the staff trigger's streamed lines
// (api-contract.md §3.14, §5.2), what a complete pull writes, a failed pull that changes nothing, TMDB's
// 500-page cap, one sync at a time, and the notifications a sync creates (design.md §12) with their
// endpoints. Each test runs its own server with a provider key, on a clock it can move; every sync goes
// through the real client over HTTP.
#include <boost/asio.hpp>
#include <thread>

#include "fakes/fake_tmdb.hpp"
#include "fakes/fake_watchmode.hpp"
#include "service/availability_sync.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"
#include "support/user_movie_fixture.hpp"

namespace myvod::testing {
namespace {

using Title = FakeWatchmode::Title;
constexpr const char* kKey = "watchmode-test-key";
constexpr const char* kTrigger = "/api/admin/tasks/trigger-availability-sync/";
constexpr long long kNetflix = 203;  // Watchmode's source id of platform 1

class AvailabilityTest : public UserMovieApiTest {
 protected:
  // The provider this fixture syncs from.
  virtual void configure(app::Config& config) {
    config.watchmode_api_key = kKey;
    config.watchmode_base_url = watchmode_.base_url();
  }

  void SetUp() override {
    auto config = base_config(database_url());
    config.sync_schedule = "off";
    configure(config);
    server_ = std::make_unique<app::ServerApp>(config, clock_);
    server_->start();
    here_ = std::make_unique<HttpClient>(server_->port());
    staff_email_ = unique_email("staff");
    register_user(staff_email_);
    sql(db()) << "UPDATE users_user SET is_staff = TRUE WHERE email = :email", soci::use(staff_email_);
  }
  void TearDown() override {
    server_->drain();
    server_->wait();
  }

  // Logs in on this test's server, whose clock may have moved past tokens from the shared one.
  std::string token_here(const std::string& email) {
    auto tokens = here_->post("/api/token/", {{"email", email}, {"password", "strongPassword123"}});
    return std::string(tokens.json().at("access").as_string());
  }

  HttpResult sync(const std::string& slug) {
    return here_->post(kTrigger, {{"platform_slug", slug}}, token_here(staff_email_));
  }

  std::string movie(const std::string& title) { return seed_movie(db(), {.title = title}); }

  std::optional<bool> available(const std::string& tconst, int platform_id) {
    int value = 0;
    soci::indicator set = soci::i_null;
    sql(db())
        << "SELECT is_available FROM movie_availability WHERE tconst = :tconst AND platform_id = :platform",
        soci::use(tconst), soci::use(platform_id), soci::into(value, set);
    if (!sql(db()).got_data()) return std::nullopt;
    return set == soci::i_ok ? std::optional<bool>(value != 0) : std::nullopt;
  }

  store::JobRun last_run() { return db().jobs().recent_runs(service::kAvailabilitySyncJob, 1).at(0); }

  FakeWatchmode watchmode_{kKey, {}, 2};  // two titles a page
  ShiftedClock clock_;
  std::unique_ptr<app::ServerApp> server_;
  std::unique_ptr<HttpClient> here_;
  std::string staff_email_;
};

TEST_F(AvailabilityTest, TriggerStreamsTheContractLinesAndWritesWhatChanged) {
  const auto arrives = movie("Sync Arrives"), stays = movie("Sync Stays"), leaves = movie("Sync Leaves");
  // A first sync leaves Netflix holding exactly these two, whatever earlier tests stored.
  watchmode_.set_titles(kNetflix, {{1, stays}, {2, leaves}});
  ASSERT_EQ(sync("netflix").status, 200u);

  watchmode_.set_titles(kNetflix, {{3, arrives},
                                   {1, stays},
                                   {4, "tt99999990"},  // not in our catalog
                                   {5, std::nullopt},  // Watchmode knows no IMDb id
                                   {3, arrives},       // pages may repeat a title
                                   {6, "tt99999991", "tv_series"}});
  const auto result = sync("netflix");
  ASSERT_EQ(result.status, 200u);
  EXPECT_EQ(result.header("content-type"), "text/plain");
  EXPECT_EQ(result.header("transfer-encoding"), "chunked");
  EXPECT_EQ(result.body,
            "Starting synchronization for platform: netflix\n"
            "Processing platform: netflix (Source ID: 203)\n"
            "Fetching page 1 for netflix...\n"
            "Fetching page 2 for netflix...\n"
            "Fetching page 3 for netflix...\n"
            "Found 3 unique titles on Watchmode.\n"
            "Found 2 available titles in the local database for this platform.\n"
            "Marking 1 titles as unavailable...\n"
            "Successfully marked 1 titles as unavailable.\n"
            "Adding or updating 2 titles...\n"
            "Successfully added or updated 1 titles.\n"
            "Synchronization for netflix completed successfully.\n");
  EXPECT_EQ(available(arrives, 1), true);
  EXPECT_EQ(available(stays, 1), true);
  EXPECT_EQ(available(leaves, 1), false);
  EXPECT_EQ(available("tt99999990", 1), std::nullopt);
  long long watchmode_id = 0;
  sql(db()) << "SELECT watchmode_id FROM movie WHERE tconst = :tconst", soci::use(arrives),
      soci::into(watchmode_id);
  EXPECT_EQ(watchmode_id, 3);

  const auto run = last_run();
  EXPECT_EQ(run.trigger, "staff");
  EXPECT_EQ(run.outcome, "succeeded");
  const auto counts = boost::json::parse(run.counts_json).at("netflix");
  EXPECT_EQ(counts.at("added"), 1);
  EXPECT_EQ(counts.at("kept"), 1);
  EXPECT_EQ(counts.at("marked_unavailable"), 1);
  EXPECT_EQ(counts.at("unmatched"), 1);

  // The key travels in its header only, and the largest page is asked for in the configured region.
  for (const auto& key : watchmode_.keys()) EXPECT_EQ(key, kKey);
  for (const auto& target : watchmode_.targets()) {
    EXPECT_EQ(target.find(kKey), std::string::npos) << target;
    EXPECT_NE(target.find("source_ids=203&regions=PL&types=movie&limit=250&page="), std::string::npos)
        << target;
  }
}

TEST_F(AvailabilityTest, AFailedPullChangesNothingAndIsLogged) {
  using Misbehaviour = FakeWatchmode::Misbehaviour;
  const auto kept = movie("Sync Kept Through Failures"), listed = movie("Sync Listed Late");
  watchmode_.set_titles(kNetflix, {{1, kept}});
  ASSERT_EQ(sync("netflix").status, 200u);
  // A later listing without `kept` whose second page fails must not mark `kept` unavailable.
  watchmode_.set_titles(kNetflix, {{2, listed}, {3, "tt99999992"}, {4, "tt99999993"}});
  for (auto misbehaviour : {Misbehaviour::server_error, Misbehaviour::malformed, Misbehaviour::quota_spent}) {
    watchmode_.misbehave(kNetflix, 2, misbehaviour);
    const long long errors_before = db().integration_log().count("watchmode");
    const auto result = sync("netflix");
    ASSERT_EQ(result.status, 200u);
    EXPECT_TRUE(
        result.body.ends_with("Fetching page 1 for netflix...\n"
                              "Fetching page 2 for netflix...\n"
                              "ERROR: Failed to fetch titles on page 2. Stopping.\n"
                              "Synchronization for netflix aborted: nothing was changed.\n"))
        << result.body;
    EXPECT_EQ(available(kept, 1), true);
    EXPECT_EQ(available(listed, 1), std::nullopt);
    EXPECT_EQ(db().integration_log().count("watchmode"), errors_before + 1);
    const auto run = last_run();
    EXPECT_EQ(run.outcome, "failed");
    ASSERT_TRUE(run.error);
    EXPECT_TRUE(run.error->starts_with("netflix: GET ")) << *run.error;
    EXPECT_EQ(run.error->find(kKey), std::string::npos);
  }
}

TEST_F(AvailabilityTest, ARateLimitedPageIsAskedAgain) {
  const auto title = movie("Sync After A 429");
  watchmode_.set_titles(kNetflix, {{1, title}});
  watchmode_.misbehave(kNetflix, 1, FakeWatchmode::Misbehaviour::rate_limited_once);
  const size_t calls_before = watchmode_.calls();
  const auto result = sync("netflix");
  EXPECT_TRUE(result.body.ends_with("Synchronization for netflix completed successfully.\n")) << result.body;
  EXPECT_EQ(watchmode_.calls() - calls_before, 2u);
  EXPECT_EQ(available(title, 1), true);
}

TEST_F(AvailabilityTest, TheTriggerIsForStaffAndNeedsAPlatform) {
  EXPECT_EQ(here_->get("/api/config/").json().at("availability_sync"), true);
  EXPECT_EQ(here_->post(kTrigger, {{"platform_slug", "netflix"}}).status, 401u);
  const auto user = here_->post(kTrigger, {{"platform_slug", "netflix"}}, new_user().access);
  EXPECT_EQ(user.status, 403u);
  const std::string staff = token_here(staff_email_);
  EXPECT_EQ(here_->get(kTrigger, staff).status, 405u);
  for (const auto& body :
       {boost::json::value(boost::json::object{}), boost::json::value({{"platform_slug", ""}}),
        boost::json::value({{"platform_slug", 5}})}) {
    const auto result = here_->post(kTrigger, body, staff);
    EXPECT_EQ(result.status, 400u);
    EXPECT_EQ(result.body, R"({"error":"platform_slug is required."})");
  }
  const auto unknown = here_->post(kTrigger, {{"platform_slug", "nope"}}, staff);
  EXPECT_EQ(unknown.status, 200u);
  EXPECT_EQ(unknown.body,
            "Starting synchronization for platform: nope\n"
            "ERROR: Platform 'nope' not found in the database.\n");
}

TEST_F(AvailabilityTest, AllPlatformsAreSyncedInIdOrderWithinTheContractsFrame) {
  const auto platforms = client().get("/api/platforms/").json().as_array();
  const auto result = sync("__all__");
  ASSERT_EQ(result.status, 200u);
  const std::string total = std::to_string(platforms.size());
  EXPECT_TRUE(
      result.body.starts_with("========== STARTING FULL SYNCHRONIZATION ==========\n\n"
                              "--- (1/" +
                              total +
                              ") Starting sync for: NETFLIX ---\n"
                              "Starting synchronization for platform: netflix\n"))
      << result.body;
  EXPECT_TRUE(
      result.body.ends_with("--- Finished sync for: APPLETVPLUS ---\n\n"
                            "========== FULL SYNCHRONIZATION COMPLETED ==========\n"))
      << result.body;
  size_t position = 0;
  for (size_t i = 0; i < platforms.size(); ++i) {
    const std::string slug(platforms[i].at("platform_slug").as_string());
    position = result.body.find("Synchronization for " + slug + " completed successfully.", position);
    EXPECT_NE(position, std::string::npos) << slug;
  }
}

TEST_F(AvailabilityTest, OneSyncAtATimeWhoeverStartedIt) {
  watchmode_.set_titles(kNetflix, {{1, movie("Sync Slow")}});
  watchmode_.misbehave(kNetflix, 1, FakeWatchmode::Misbehaviour::slow);
  std::thread first([&] { EXPECT_EQ(sync("netflix").status, 200u); });
  for (int i = 0; i < 500 && !db().jobs().lease_held(service::kAvailabilitySyncJob, now_utc()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto second = sync("hbomax");
  first.join();
  EXPECT_EQ(second.status, 409u);
  EXPECT_EQ(second.body, R"({"error":"Synchronization already running."})");

  // A sync on another server (or `myvod sync-availability`) holds the same lease.
  const Timestamp now = now_utc();
  ASSERT_TRUE(db().jobs().acquire_lease(service::kAvailabilitySyncJob, "another-server", now,
                                        now + std::chrono::minutes(10)));
  EXPECT_EQ(sync("netflix").status, 409u);
  db().jobs().release_lease(service::kAvailabilitySyncJob, "another-server");
  EXPECT_EQ(sync("nope").status, 200u);
}

TEST_F(AvailabilityTest, AClientThatGoesAwayDoesNotStopTheSync) {
  const auto title = movie("Sync Without Its Client");
  watchmode_.set_titles(kNetflix, {{1, title}, {2, "tt99999994"}, {3, "tt99999995"}});
  watchmode_.misbehave(kNetflix, 1, FakeWatchmode::Misbehaviour::slow);  // the client leaves meanwhile
  {
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::address_v4::loopback(), server_->port()});
    const std::string body = R"({"platform_slug":"netflix"})";
    const std::string request =
        "POST " + std::string(kTrigger) + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " +
        token_here(staff_email_) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
        body;
    asio::write(socket, asio::buffer(request));
    char head[12] = {};
    asio::read(socket, asio::buffer(head));  // "HTTP/1.1 200": the sync has started
    EXPECT_EQ(std::string(head, sizeof head), "HTTP/1.1 200");
  }
  std::string outcome = "running";
  for (int i = 0; i < 200 && outcome == "running"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    outcome = last_run().outcome;
  }
  EXPECT_EQ(outcome, "succeeded");
  EXPECT_EQ(available(title, 1), true);
  EXPECT_EQ(sync("nope").status, 200u);  // and the next sync may start
}

TEST_F(AvailabilityTest, AnOperatorsPlatformReachesRunningServersAndSyncs) {
  const domain::PlatformSource added{0, "skyshowtime", "SkyShowtime", 1234, {}};
  const auto id = db().platforms().add(added);
  ASSERT_TRUE(id);
  EXPECT_GT(*id, 5);
  EXPECT_FALSE(db().platforms().add(added));  // the slug is taken
  // The server read its platforms at start; it reads them again when its copy is a few seconds old.
  bool offered = false;
  for (int i = 0; i < 80 && !offered; ++i) {
    offered =
        here_->get("/api/platforms/").body.find(R"("platform_slug":"skyshowtime")") != std::string::npos;
    if (!offered) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(offered);
  const auto title = movie("Sync On A New Platform");
  watchmode_.set_titles(1234, {{1, title}});
  EXPECT_TRUE(
      sync("skyshowtime").body.ends_with("Synchronization for skyshowtime completed successfully.\n"));
  EXPECT_EQ(available(title, *id), true);
  std::string email;
  new_user(&email);
  const auto chosen = here_->patch("/api/me/", {{"platforms", {*id}}}, token_here(email));
  EXPECT_EQ(chosen.status, 200u) << chosen.body;
  // Other tests count the platforms: this one goes (its rows with it).
  sql(db()) << "DELETE FROM platform WHERE id = :id", soci::use(*id);
}

class NotificationsTest : public AvailabilityTest {
 protected:
  // A user with `platforms` and `tconst` in the given state.
  std::string user_with(const std::vector<int>& platforms, const std::string& tconst,
                        const domain::UserMovieState& state) {
    std::string email;
    new_user(&email);
    const std::string id = user_id_of(db(), email);
    db().platforms().replace_for_user(id, platforms);
    seed_user_movie(db(), id, tconst, state);
    return email;
  }
  long long unread(const std::string& email) {
    return here_->get("/api/notifications/unread-count/", token_here(email)).json().at("count").as_int64();
  }
  // The Netflix catalogue becomes `titles`, and a sync says so.
  void netflix_streams(std::vector<Title> titles) {
    watchmode_.set_titles(kNetflix, std::move(titles));
    const auto result = sync("netflix");
    ASSERT_TRUE(result.body.ends_with("completed successfully.\n")) << result.body;
  }
};

TEST_F(NotificationsTest, ANewlyStreamingMovieNotifiesThoseWhoWantItOnTheirPlatforms) {
  const auto wanted = movie("Sync Wanted");
  domain::UserMovieState removed = watchlisted(10);
  removed.watchlist_deleted_at = minutes_ago(5);
  const auto fan = user_with({1, 3}, wanted, watchlisted(10));
  const auto elsewhere = user_with({2}, wanted, watchlisted(10));
  const auto lost_interest = user_with({1}, wanted, removed);
  const auto seen_it = user_with({1}, wanted, watched(10, 8));
  netflix_streams({{7, wanted}});

  EXPECT_EQ(unread(fan), 1);
  for (const auto& other : {elsewhere, lost_interest, seen_it}) EXPECT_EQ(unread(other), 0) << other;
  const auto page = here_->get("/api/notifications/", token_here(fan));
  ASSERT_EQ(page.status, 200u) << page.body;
  const auto json = page.json();
  EXPECT_EQ(json.at("count"), 1);
  EXPECT_EQ(json.at("next"), nullptr);
  const auto& item = json.at("results").at(0).as_object();
  std::vector<std::string> keys;
  for (const auto& field : item) keys.emplace_back(field.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "created_at", "read_at", "movie", "platform"}));
  EXPECT_EQ(item.at("read_at"), nullptr);
  EXPECT_EQ(item.at("movie").at("tconst").as_string(), wanted);
  EXPECT_EQ(item.at("movie").at("primary_title"), "Sync Wanted");
  EXPECT_EQ(item.at("movie").as_object().size(), 6u);
  EXPECT_EQ(boost::json::serialize(item.at("platform")),
            R"({"id":1,"platform_slug":"netflix","platform_name":"Netflix"})");

  // Still streaming: no second notification.
  netflix_streams({{7, wanted}});
  EXPECT_EQ(unread(fan), 1);
  // It leaves and comes back within 14 days: not news.
  netflix_streams({});
  clock_.advance(std::chrono::days(3));
  netflix_streams({{7, wanted}});
  EXPECT_EQ(unread(fan), 1);
  // It leaves for longer: its return is news again.
  netflix_streams({});
  clock_.advance(std::chrono::days(15));
  netflix_streams({{7, wanted}});
  EXPECT_EQ(unread(fan), 2);
}

TEST_F(NotificationsTest, MarkingReadIsTheCallersOwn) {
  const auto first = movie("Sync Read One"), second = movie("Sync Read Two");
  const auto fan = user_with({1}, first, watchlisted(10));
  seed_user_movie(db(), user_id_of(db(), fan), second, watchlisted(9));
  const auto neighbour = user_with({1}, first, watchlisted(10));
  netflix_streams({{8, first}, {9, second}});
  const std::string token = token_here(fan);
  const auto listed = here_->get("/api/notifications/?page_size=1", token).json();
  EXPECT_EQ(listed.at("count"), 2);
  EXPECT_NE(listed.at("next"), nullptr);
  const long long newest = listed.at("results").at(0).at("id").as_int64();

  // Another user's ids are ignored.
  const auto theirs =
      here_->post("/api/notifications/mark-read/", {{"ids", {newest}}}, token_here(neighbour));
  EXPECT_EQ(theirs.body, R"({"updated":0})");
  EXPECT_EQ(here_->post("/api/notifications/mark-read/", {{"ids", {newest}}}, token).body,
            R"({"updated":1})");
  EXPECT_EQ(here_->post("/api/notifications/mark-read/", {{"ids", {newest}}}, token).body,
            R"({"updated":0})");
  EXPECT_EQ(unread(fan), 1);
  const auto unread_page = here_->get("/api/notifications/?unread=true", token).json();
  EXPECT_EQ(unread_page.at("count"), 1);
  EXPECT_NE(unread_page.at("results").at(0).at("id").as_int64(), newest);
  EXPECT_EQ(here_->post("/api/notifications/mark-read/", {{"all", true}}, token).body, R"({"updated":1})");
  EXPECT_EQ(unread(fan), 0);
  EXPECT_EQ(unread(neighbour), 1);

  for (const auto& bad :
       {boost::json::value(boost::json::object{}), boost::json::value({{"all", false}}),
        boost::json::value({{"ids", {1}}, {"all", true}}), boost::json::value({{"ids", "1"}}),
        boost::json::value({{"ids", {-1}}}), boost::json::value({{"all", "yes"}})}) {
    const auto result = here_->post("/api/notifications/mark-read/", bad, token);
    EXPECT_EQ(result.status, 400u) << boost::json::serialize(bad) << " " << result.body;
  }
  EXPECT_EQ(here_->get("/api/notifications/?page=9", token).status, 404u);
  EXPECT_EQ(here_->get("/api/notifications/?unread=maybe", token).status, 400u);
  EXPECT_EQ(here_->get("/api/notifications/").status, 401u);
}

class TmdbAvailabilityTest : public AvailabilityTest {
 protected:
  static constexpr long long kNetflixProvider = 8;

  void configure(app::Config& config) override {
    config.availability_source = "tmdb";
    config.tmdb_api_key = kTmdbKey;
    config.tmdb_base_url = tmdb_.base_url();
    config.tmdb_requests_per_second = 1000;
  }
  size_t calls_to(std::string_view part) {
    const auto targets = tmdb_.targets();
    return size_t(std::count_if(targets.begin(), targets.end(), [&](const std::string& target) {
      return target.find(part) != std::string::npos;
    }));
  }
  // `count` movies TMDB knows no IMDb id for, released in `first_year` and the years after it in turn.
  void offer_unknown(long long provider, long long first_id, int count, int first_year, int years) {
    for (int i = 0; i < count; ++i) tmdb_.offer(provider, first_id + i, first_year + i % years);
  }

  // A movie Netflix streamed at the last sync and lists no more, now that `count` movies TMDB cannot map,
  // all released in `year`, take a discover page each: a pull that fails must leave it available.
  std::string left_among_many(const std::string& title, long long id, int year, int count) {
    const auto kept = movie(title);
    tmdb_.add_movie(kept, id, {});
    tmdb_.offer(kNetflixProvider, id, year);
    EXPECT_TRUE(sync("netflix").body.ends_with("completed successfully.\n"));
    EXPECT_EQ(available(kept, 1), true);
    tmdb_.withdraw(kNetflixProvider, id);
    tmdb_.set_discover_page_size(1);
    offer_unknown(kNetflixProvider, id + 1, count, year, 1);
    return kept;
  }

  static constexpr const char* kTmdbKey = "0123456789abcdef0123456789abcdef";
  FakeTmdb tmdb_{kTmdbKey};
};

TEST_F(TmdbAvailabilityTest, MoviesComeFromTheProvidersOffersAndTheirIdsAreRemembered) {
  const auto first = movie("Tmdb First"), second = movie("Tmdb Second");
  tmdb_.add_movie(first, 910001, {});
  tmdb_.add_movie(second, 910002, {});
  tmdb_.offer(kNetflixProvider, 910001, 2001);
  tmdb_.offer(kNetflixProvider, 910002, 1999);
  tmdb_.offer(kNetflixProvider, 910003, 2003);  // TMDB knows no IMDb id for it
  tmdb_.offer(337, 910004, 2003);               // Disney+, not asked for
  auto result = sync("netflix");
  ASSERT_EQ(result.status, 200u);
  EXPECT_NE(result.body.find("Processing platform: netflix (TMDB provider IDs: 8)\n"
                             "Fetching page 1 for netflix...\n"
                             "Resolving 3 TMDB IDs to IMDb IDs...\n"
                             "Found 2 unique titles on TMDB.\n"),
            std::string::npos)
      << result.body;
  EXPECT_TRUE(result.body.ends_with("Synchronization for netflix completed successfully.\n")) << result.body;
  EXPECT_EQ(available(first, 1), true);
  EXPECT_EQ(available(second, 1), true);
  long long remembered = 0;
  sql(db()) << "SELECT tmdb_id FROM movie WHERE tconst = :tconst", soci::use(first), soci::into(remembered);
  EXPECT_EQ(remembered, 910001);
  const auto target = tmdb_.targets().front();
  EXPECT_NE(target.find("watch_region=PL&with_watch_providers=8&with_watch_monetization_types=flatrate"),
            std::string::npos)
      << target;

  // The next sync asks only about the id it could not resolve.
  const size_t asked_before = calls_to("/external_ids");
  tmdb_.withdraw(kNetflixProvider, 910002);
  result = sync("netflix");
  EXPECT_EQ(calls_to("/external_ids") - asked_before, 1u);
  EXPECT_EQ(available(second, 1), false);
}

TEST_F(TmdbAvailabilityTest, APlatformWithSeveralProviderIdsAsksForAllOfThem) {
  const auto title = movie("Tmdb On Max");
  tmdb_.add_movie(title, 920001, {});
  tmdb_.offer(384, 920001, 2010);  // HBO Max's older provider id
  const auto result = sync("hbomax");
  EXPECT_NE(result.body.find("(TMDB provider IDs: 1899, 384)"), std::string::npos) << result.body;
  EXPECT_NE(tmdb_.targets().front().find("with_watch_providers=1899%7C384"), std::string::npos);
  EXPECT_EQ(available(title, 2), true);
}

TEST_F(TmdbAvailabilityTest, ALargeCatalogueIsAskedForByReleaseYearsUnderThePageCap) {
  tmdb_.set_discover_page_size(1);  // 530 movies make 530 pages: over TMDB's 500
  const auto title = movie("Tmdb In A Large Catalogue");
  tmdb_.add_movie(title, 930000, {});
  tmdb_.offer(kNetflixProvider, 930000, 2004);
  offer_unknown(kNetflixProvider, 930001, 529, 1990, 30);
  const auto result = sync("netflix");
  EXPECT_NE(result.body.find("More than 500 pages: asking by release year.\n"), std::string::npos);
  EXPECT_TRUE(result.body.ends_with("Synchronization for netflix completed successfully.\n"))
      << result.body.substr(0, 400);
  EXPECT_EQ(available(title, 1), true);
  for (const auto& target : tmdb_.targets()) {
    const auto page = target.find("&page=");
    if (page != std::string::npos) {
      EXPECT_LE(std::stoi(target.substr(page + 6)), 500) << target;
    }
  }
}

TEST_F(TmdbAvailabilityTest, OneYearOverThePageCapIsAnIncompletePullThatChangesNothing) {
  const auto kept = left_among_many("Tmdb Kept", 940000, 2005, 501);
  const auto result = sync("netflix");
  EXPECT_TRUE(
      result.body.ends_with("ERROR: More than 500 pages for 2005 alone. Stopping.\n"
                            "Synchronization for netflix aborted: nothing was changed.\n"))
      << result.body.substr(result.body.size() - std::min<size_t>(result.body.size(), 300));
  EXPECT_EQ(available(kept, 1), true);
}

TEST_F(TmdbAvailabilityTest, AFailedPageChangesNothing) {
  const auto kept = left_among_many("Tmdb Kept Through A 500", 950000, 2000, 3);
  tmdb_.misbehave("discover?page=2", FakeTmdb::Misbehaviour::server_error);
  const long long errors_before = db().integration_log().count("tmdb");
  const auto result = sync("netflix");
  EXPECT_TRUE(
      result.body.ends_with("Fetching page 2 for netflix...\n"
                            "ERROR: Failed to fetch titles on page 2. Stopping.\n"
                            "Synchronization for netflix aborted: nothing was changed.\n"))
      << result.body;
  EXPECT_EQ(available(kept, 1), true);
  EXPECT_EQ(db().integration_log().count("tmdb"), errors_before + 1);
}

class TmdbElsewhereTest : public TmdbAvailabilityTest {
 protected:
  void configure(app::Config& config) override {
    TmdbAvailabilityTest::configure(config);
    config.region = "US";
  }
};

TEST_F(TmdbElsewhereTest, OutsidePolandProviderIdsComeFromTmdbsListByName) {
  tmdb_.set_providers("US", {{9, "Amazon Prime Video"}, {15, "Hulu"}, {2, "Apple TV"}});
  const auto title = movie("Tmdb In The US");
  tmdb_.add_movie(title, 960000, {});
  tmdb_.offer(9, 960000, 2015);
  const auto prime = sync("primevideo");
  EXPECT_NE(prime.body.find("Processing platform: primevideo (TMDB provider IDs: 9)"), std::string::npos)
      << prime.body;
  EXPECT_EQ(available(title, 4), true);
  // "Apple TV" is not "Apple TV+": the stored id stays.
  const auto apple = sync("appletvplus");
  EXPECT_NE(apple.body.find("(TMDB provider IDs: 350)"), std::string::npos) << apple.body;
  EXPECT_NE(tmdb_.targets().back().find("watch_region=US"), std::string::npos);
}

}  // namespace
}  // namespace myvod::testing
