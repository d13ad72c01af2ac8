// Posters from the fake TMDB: found in the background after a list answer shows the movie, failures kept
// from the user and logged, and "no poster" remembered for 30 days. Each test runs its own server with a
// TMDB key, on a clock it can move.
#include <future>
#include <thread>

#include "fakes/fake_tmdb.hpp"
#include "support/api_fixture.hpp"
#include "support/catalog_seed.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

constexpr const char* kKey = "0123456789abcdef0123456789abcdef";

class PostersTest : public ApiTest {
 protected:
  void SetUp() override {
    auto config = base_config(database_url());
    config.tmdb_api_key = kKey;
    config.tmdb_base_url = tmdb_.base_url();
    config.tmdb_requests_per_second = 1000;
    server_ = std::make_unique<app::ServerApp>(config, clock_);
    server_->start();
    http_ = std::make_unique<HttpClient>(server_->port());
    email_ = unique_email();
    ASSERT_EQ(http_->post("/api/register/", {{"email", email_}, {"password", "strongPassword123"}}).status,
              201u);
    log_in();
  }
  // Again after the clock moved past the access token's hour.
  void log_in() {
    auto tokens = http_->post("/api/token/", {{"email", email_}, {"password", "strongPassword123"}});
    token_ = std::string(tokens.json().at("access").as_string());
  }
  void TearDown() override {
    server_->drain();
    server_->wait();
  }

  // The poster the watchlist shows for the only movie on it.
  boost::json::value listed_poster() {
    auto page = http_->get("/api/user-movies/?status=watchlist", token_);
    EXPECT_EQ(page.status, 200u) << page.body;
    return page.json().at("results").at(0).at("movie").at("poster_path");
  }

  // Waits (a bounded number of short polls) until `done` holds: the worker runs on its own threads.
  template <class Condition>
  bool eventually(Condition done) {
    for (int i = 0; i < 500; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return done();
  }

  std::optional<std::string> stored(const std::string& column, const std::string& tconst) {
    std::string value;
    soci::indicator set = soci::i_null;
    sql(db()) << "SELECT CAST(" + column + " AS TEXT) FROM movie WHERE tconst = :tconst", soci::use(tconst),
        soci::into(value, set);
    return set == soci::i_ok ? std::optional(value) : std::nullopt;
  }

  long long tmdb_errors() { return db().integration_log().count("tmdb"); }

  FakeTmdb tmdb_{kKey};
  ShiftedClock clock_;
  std::unique_ptr<app::ServerApp> server_;
  std::unique_ptr<HttpClient> http_;
  std::string email_;
  std::string token_;
};

TEST_F(PostersTest, TheConfigTellsTheWebUiThatPostersAreOn) {
  EXPECT_EQ(http_->get("/api/config/").json().at("posters"), true);
}

TEST_F(PostersTest, APosterAppearsOnALaterAnswerAndTheAnswerNeverWaits) {
  const std::string tconst = seed_movie(db(), {.title = "Poster Found"});
  const long long errors_before = tmdb_errors();  // other suites log TMDB failures of their own
  tmdb_.add_movie(tconst, 77, {{"en", "/en.jpg"}, {"pl", "/pl.jpg"}, {std::nullopt, "/plain.jpg"}});
  auto added = http_->post("/api/user-movies/", {{"tconst", tconst}}, token_);
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_TRUE(added.json().at("movie").at("poster_path").is_null());
  EXPECT_TRUE(eventually([&] { return !listed_poster().is_null(); }));
  EXPECT_EQ(listed_poster(), "https://image.tmdb.org/t/p/original/pl.jpg");
  EXPECT_EQ(stored("tmdb_id", tconst), "77");
  EXPECT_TRUE(stored("poster_last_checked", tconst));
  EXPECT_EQ(tmdb_errors(), errors_before);
  // Search shows it too.
  auto found = http_->get("/api/movies/?search=Poster%20Found");
  EXPECT_NE(found.body.find("/pl.jpg"), std::string::npos) << found.body;
}

TEST_F(PostersTest, ASearchAsksForThePostersItShowsAndALaterSearchShowsThem) {
  const std::string tconst = seed_movie(db(), {.title = "Poster Searched"});
  tmdb_.add_movie(tconst, 79, {{"en", "/searched.jpg"}});
  const auto search = [&] { return http_->get("/api/movies/?search=Poster%20Searched").json().at(0); };
  // The first answer (which builds the index with the movie in it) has none yet, and asks for it...
  EXPECT_TRUE(search().at("poster_path").is_null());
  // ...and a later one shows what TMDB answered, from the same index.
  EXPECT_TRUE(eventually([&] { return !search().at("poster_path").is_null(); }));
  EXPECT_EQ(search().at("poster_path"), "https://image.tmdb.org/t/p/original/searched.jpg");
}

TEST_F(PostersTest, AFailureIsLoggedNotShownAndTriedAgainLater) {
  const std::string tconst = seed_movie(db(), {.title = "Poster Failing"});
  tmdb_.add_movie(tconst, 78, {{"en", "/later.jpg"}});
  tmdb_.misbehave(tconst, FakeTmdb::Misbehaviour::server_error);
  const long long errors_before = tmdb_errors();
  ASSERT_EQ(http_->post("/api/user-movies/", {{"tconst", tconst}}, token_).status, 201u);
  EXPECT_TRUE(eventually([&] { return tmdb_errors() > errors_before; }));
  EXPECT_TRUE(listed_poster().is_null());               // the list still answers, without a poster
  EXPECT_FALSE(stored("poster_last_checked", tconst));  // nothing recorded: it will be asked again
  // TMDB recovers; the movie is not asked about again at once (one try per interval, not per view)...
  tmdb_.misbehave(tconst, FakeTmdb::Misbehaviour::none);
  const size_t calls = tmdb_.calls();
  listed_poster();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(tmdb_.calls(), calls);
  // ...but after the interval it is.
  clock_.advance(std::chrono::minutes(11));
  listed_poster();
  EXPECT_TRUE(eventually([&] { return !listed_poster().is_null(); }));
  EXPECT_EQ(listed_poster(), "https://image.tmdb.org/t/p/original/later.jpg");
}

TEST_F(PostersTest, AMovieWithoutAPosterIsNotAskedAgainFor30Days) {
  const std::string tconst = seed_movie(db(), {.title = "Poster Missing"});
  tmdb_.add_movie(tconst, 79, {{"fr", "/fr.jpg"}});  // nothing in a language we take
  ASSERT_EQ(http_->post("/api/user-movies/", {{"tconst", tconst}}, token_).status, 201u);
  EXPECT_TRUE(eventually([&] { return stored("poster_last_checked", tconst).has_value(); }));
  const size_t calls = tmdb_.calls();
  EXPECT_EQ(calls, 2u);  // find, then images
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(listed_poster().is_null());
  clock_.advance(std::chrono::days(29));
  log_in();
  listed_poster();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(tmdb_.calls(), calls);
  clock_.advance(std::chrono::days(2));
  log_in();
  listed_poster();
  // The TMDB id is known by now: only the images are asked for.
  EXPECT_TRUE(eventually([&] { return tmdb_.calls() == calls + 1; }));
  EXPECT_EQ(tmdb_.targets().back().substr(0, 20), "/3/movie/79/images?i");
}

}  // namespace
}  // namespace myvod::testing
