// GET /api/suggestions/ against the fake model server (both of its APIs): the two 404s, one call a day
// per user, picks checked against the pool, failures logged and not kept, and two first requests at once
// making one call. Each test runs its own server, on a clock it can move.
#include <future>

#include "fakes/fake_model.hpp"
#include "support/api_fixture.hpp"
#include "support/catalog_seed.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

constexpr const char* kKey = "model-key-123";
constexpr int kNetflix = 1;
constexpr int kHboMax = 2;

// Far more votes than any other movie, so the seeded candidates lead their platform's pool.
int votes_on_top(int rank) {
  return 2'000'000'000 - rank;
}

class SuggestionsTest : public ApiTest {
 protected:
  void TearDown() override {
    if (!server_) return;
    server_->drain();
    server_->wait();
  }

  void start(const std::string& provider, const std::string& base_url, const std::string& key,
             const std::string& model = {}) {
    auto config = base_config(database_url());
    config.ai_provider = provider;
    config.ai_api_key = key;
    config.ai_base_url = base_url;
    config.ai_model = model;
    config.ai_timeout_seconds = 2;
    server_ = std::make_unique<app::ServerApp>(config, clock_);
    server_->start();
    http_ = std::make_unique<HttpClient>(server_->port());
  }
  void start_gemini() { start("gemini", model_.gemini_url(), kKey); }

  // A user with `platforms`, one watchlisted and one watched movie, and two candidates streaming on Netflix.
  void prepare_user(const std::vector<int>& platforms = {kNetflix}) {
    email_ = unique_email("suggested");
    ASSERT_EQ(http_->post("/api/register/", {{"email", email_}, {"password", "strongPassword123"}}).status,
              201u);
    log_in();
    boost::json::array ids;
    for (int id : platforms) ids.push_back(id);
    ASSERT_EQ(http_->patch("/api/me/", {{"platforms", ids}}, token_).status, 200u);
    user_id_ = user_id_of(db(), email_);
    planned_ = seed_movie(db(), {.title = "Planned Movie", .year = 1995, .genres = "Crime,Drama"});
    watched_ =
        seed_movie(db(), {.title = "Seen Movie", .year = 2010, .genres = "Sci-Fi", .votes = votes_on_top(0)});
    seed_user_movie(db(), user_id_, planned_, {.watchlisted_at = minutes_ago(5)});
    seed_user_movie(db(), user_id_, watched_, {.watched_at = minutes_ago(3), .user_rating = 9});
    seed_availability(db(), watched_, kNetflix, true);  // streaming, but watched: never offered
    first_ = seed_movie(
        db(), {.title = "First Pick", .year = 1999, .genres = "Action,Sci-Fi", .votes = votes_on_top(1)});
    second_ = seed_movie(db(), {.title = "Second Pick", .year = 1972, .votes = votes_on_top(2)});
    seed_availability(db(), first_, kNetflix, true);
    seed_availability(db(), first_, kHboMax, true);
    seed_availability(db(), second_, kNetflix, true);
  }
  void log_in() {
    auto tokens = http_->post("/api/token/", {{"email", email_}, {"password", "strongPassword123"}});
    token_ = std::string(tokens.json().at("access").as_string());
  }

  std::string good_answer() const {
    return boost::json::serialize(boost::json::object{
        {"Netflix", boost::json::array{
                        boost::json::object{{"tconst", first_}, {"justification", "Kultowe kino akcji."}},
                        boost::json::object{{"tconst", watched_}, {"justification", "Already watched."}},
                        boost::json::object{{"tconst", "tt99999999"}, {"justification", "Invented."}},
                        boost::json::object{{"tconst", second_}, {"justification", std::string(300, 'x')}},
                    }}});
  }

  HttpResult suggestions(const std::string& query = {}) {
    return http_->get("/api/suggestions/" + query, token_);
  }

  long long batches() {
    long long count = 0;
    sql(db()) << "SELECT COUNT(*) FROM ai_suggestion_batch WHERE user_id = :user", soci::use(user_id_),
        soci::into(count);
    return count;
  }
  long long errors(const std::string& api_type) {
    long long count = 0;
    sql(db()) << "SELECT COUNT(*) FROM integration_error_log WHERE api_type = :type AND user_id = :user",
        soci::use(api_type), soci::use(user_id_), soci::into(count);
    return count;
  }

  FakeModel model_{kKey};
  ShiftedClock clock_;
  std::unique_ptr<app::ServerApp> server_;
  std::unique_ptr<HttpClient> http_;
  std::string email_, token_, user_id_, planned_, watched_, first_, second_;
};

TEST_F(SuggestionsTest, AnonymousUsersWithoutMoviesAndUsersWithoutPlatformsAreRefused) {
  start_gemini();
  EXPECT_EQ(http_->get("/api/suggestions/").status, 401u);
  email_ = unique_email("cold");
  ASSERT_EQ(http_->post("/api/register/", {{"email", email_}, {"password", "strongPassword123"}}).status,
            201u);
  log_in();
  auto no_movies = suggestions();
  EXPECT_EQ(no_movies.status, 404u);
  EXPECT_EQ(no_movies.body,
            R"({"error":"You need to add movies to your watchlist or mark movies as watched before we can )"
            R"(generate personalized suggestions."})");
  // A soft-deleted watchlist row does not count.
  const std::string gone = seed_movie(db(), {.title = "Removed"});
  seed_user_movie(db(), user_id_of(db(), email_), gone,
                  {.watchlisted_at = minutes_ago(9), .watchlist_deleted_at = minutes_ago(8)});
  EXPECT_EQ(suggestions().status, 404u);
  seed_user_movie(db(), user_id_of(db(), email_), seed_movie(db(), {.title = "Kept"}),
                  {.watchlisted_at = minutes_ago(7)});
  auto no_platforms = suggestions();
  EXPECT_EQ(no_platforms.status, 404u);
  EXPECT_EQ(
      no_platforms.body,
      R"({"error":"You need to configure at least one VOD platform in your profile before we can generate )"
      R"(suggestions based on available content."})");
  EXPECT_EQ(model_.calls(), 0u);
}

TEST_F(SuggestionsTest, OneGeminiCallADayPicksCheckedAgainstThePool) {
  start_gemini();
  prepare_user({kNetflix, kHboMax});
  model_.reply("Oto propozycje:\n```json\n" + good_answer() + "\n```");
  auto answer = suggestions();
  ASSERT_EQ(answer.status, 200u) << answer.body;
  const auto json = answer.json();
  EXPECT_TRUE(json.at("expires_at").as_string().ends_with("T23:59:59.999999Z"));
  const auto& picks = json.at("suggestions").as_array();
  ASSERT_EQ(picks.size(), 2u) << answer.body;
  EXPECT_EQ(picks[0].at("tconst").as_string(), first_);
  EXPECT_EQ(picks[0].at("primary_title"), "First Pick");
  EXPECT_EQ(picks[0].at("start_year"), 1999);
  EXPECT_EQ(picks[0].at("genres"), boost::json::parse(R"(["Action","Sci-Fi"])"));
  EXPECT_EQ(picks[0].at("justification"), "Kultowe kino akcji.");
  EXPECT_EQ(picks[0].at("availability"),
            boost::json::parse(R"([{"platform_id":1,"platform_name":"Netflix","is_available":true},)"
                               R"({"platform_id":2,"platform_name":"HBO Max","is_available":true}])"));
  EXPECT_EQ(picks[1].at("tconst").as_string(), second_);
  EXPECT_EQ(picks[1].at("justification").as_string(), std::string(197, 'x') + "...");
  EXPECT_EQ(picks[1].as_object().size(), 7u);

  // The call: the key in its header, never in the URL; the prompt offers the pool, not the watched movie.
  ASSERT_EQ(model_.calls(), 1u);
  EXPECT_EQ(model_.paths()[0], "/v1beta/models/gemini-2.5-flash-lite:generateContent");
  EXPECT_EQ(model_.keys()[0], kKey);
  const std::string prompt = model_.prompts()[0];
  EXPECT_NE(prompt.find("## User's Subscribed VOD Platforms:\nNetflix, HBO Max"), std::string::npos);
  EXPECT_NE(prompt.find("- [" + first_ + "] First Pick (1999)"), std::string::npos);
  EXPECT_NE(prompt.find("Platforms: Netflix, HBO Max"), std::string::npos);
  EXPECT_EQ(prompt.find("[" + watched_ + "]"), std::string::npos);
  EXPECT_NE(prompt.find("- Seen Movie (2010) - Genres: Sci-Fi - User's rating: 9/10"), std::string::npos);
  EXPECT_NE(prompt.find("- Planned Movie (1995) - Genres: Crime, Drama"), std::string::npos);
  EXPECT_NE(prompt.find("Exactly 6 movies per platform."), std::string::npos);

  // The rest of the day answers from the stored batch; debug=true means nothing to a non-staff user.
  EXPECT_EQ(suggestions().body, answer.body);
  EXPECT_EQ(suggestions("?debug=true").body, answer.body);
  EXPECT_EQ(model_.calls(), 1u);
  EXPECT_EQ(batches(), 1);

  // A new UTC day asks again.
  clock_.advance(std::chrono::hours(24));
  log_in();
  ASSERT_EQ(suggestions().status, 200u);
  EXPECT_EQ(model_.calls(), 2u);
  EXPECT_EQ(batches(), 2);
}

TEST_F(SuggestionsTest, StaffDebugAsksAfresh) {
  start_gemini();
  prepare_user();
  model_.reply(good_answer());
  ASSERT_EQ(suggestions().status, 200u);
  sql(db()) << "UPDATE users_user SET is_staff = TRUE WHERE id = :id", soci::use(user_id_);
  ASSERT_EQ(suggestions("?debug=TRUE").status, 200u);
  EXPECT_EQ(model_.calls(), 2u);
  EXPECT_EQ(batches(), 2);
}

TEST_F(SuggestionsTest, FailuresAreLoggedAnsweredEmptyAndNotKept) {
  start_gemini();
  prepare_user();
  const auto empty_and_logged = [&](const char* what, long long logged) {
    auto answer = suggestions();
    EXPECT_EQ(answer.status, 200u) << what;
    EXPECT_TRUE(answer.json().at("suggestions").as_array().empty()) << what;
    EXPECT_EQ(errors("gemini"), logged) << what;
    EXPECT_EQ(batches(), 0) << what;
  };
  model_.misbehave(FakeModel::Misbehaviour::server_error);
  empty_and_logged("500", 1);
  EXPECT_EQ(model_.calls(), 2u);  // one retry
  model_.misbehave(FakeModel::Misbehaviour::not_json);
  empty_and_logged("not JSON", 2);
  model_.misbehave(FakeModel::Misbehaviour::slow);
  empty_and_logged("timeout", 3);
  model_.misbehave(FakeModel::Misbehaviour::none);
  model_.reply("I am sorry, I cannot recommend movies today.");
  empty_and_logged("prose", 4);
  // Each failure was tried again at the next request; a good answer is then kept.
  model_.reply(good_answer());
  model_.misbehave(FakeModel::Misbehaviour::rate_limited_once);
  auto answer = suggestions();
  EXPECT_EQ(answer.json().at("suggestions").as_array().size(), 2u) << answer.body;
  EXPECT_EQ(batches(), 1);
  EXPECT_EQ(errors("gemini"), 4);
}

TEST_F(SuggestionsTest, AnObjectInProseIsReadAndAMoviePickedTwiceShowsOnce) {
  start_gemini();
  prepare_user({kNetflix, kHboMax});
  model_.reply("Sure! Here are my picks: {\"Netflix\": [{\"tconst\": \"" + second_ +
               "\", \"justification\": \"Klasyka.\"}, {\"tconst\": \"" + first_ +
               "\"}], \"HBO Max\": [{\"tconst\": \"" + first_ +
               "\", \"justification\": \"Na HBO.\"}]} Enjoy your evening {and popcorn}.");
  auto answer = suggestions();
  const auto json = answer.json();
  const auto& picks = json.at("suggestions").as_array();
  ASSERT_EQ(picks.size(), 2u) << answer.body;
  // "HBO Max" sorts before "Netflix" (as long, smaller bytes): its entry for the movie is the one shown.
  EXPECT_EQ(picks[0].at("tconst").as_string(), first_);
  EXPECT_EQ(picks[0].at("justification"), "Na HBO.");
  EXPECT_EQ(picks[1].at("tconst").as_string(), second_);
  EXPECT_EQ(errors("gemini"), 0);
}

TEST_F(SuggestionsTest, AnAnswerWithNoValidPickIsKeptForTheDay) {
  start_gemini();
  prepare_user();
  model_.reply(R"({"Netflix": [{"tconst": "tt99999999"}], "Ignored": "not a list"})");
  EXPECT_TRUE(suggestions().json().at("suggestions").as_array().empty());
  EXPECT_TRUE(suggestions().json().at("suggestions").as_array().empty());
  EXPECT_EQ(model_.calls(), 1u);
  EXPECT_EQ(batches(), 1);
}

TEST_F(SuggestionsTest, TwoFirstRequestsAtOnceMakeOneCall) {
  start_gemini();
  prepare_user();
  model_.reply(good_answer());
  model_.delay(std::chrono::milliseconds(600));
  const auto ask = [this] { return HttpClient(http_->port()).get("/api/suggestions/", token_); };
  auto first = std::async(std::launch::async, ask);
  auto second = std::async(std::launch::async, ask);
  const auto a = first.get();
  const auto b = second.get();
  EXPECT_EQ(a.status, 200u);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.json().at("suggestions").as_array().size(), 2u);
  EXPECT_EQ(model_.calls(), 1u);
  EXPECT_EQ(batches(), 1);
}

TEST_F(SuggestionsTest, AStoredBatchIsFormattedFromTheCatalogAndTheCallersPlatforms) {
  start_gemini();
  prepare_user({kHboMax});
  // Stored today (as another server would have): a list is no batch, an object's keys go shorter first.
  const std::string today = to_db_string(clock_.now());
  const std::string later = to_db_string(clock_.now() + std::chrono::seconds(1));
  const std::string expires =
      to_db_string(std::chrono::floor<std::chrono::days>(clock_.now()) + std::chrono::hours(23) +
                   std::chrono::minutes(59) + std::chrono::seconds(59));
  const bool postgres = db().engine() == store::Engine::postgres;
  const std::string insert =
      std::string(
          "INSERT INTO ai_suggestion_batch (user_id, generated_at, expires_at, prompt, "
          "response) VALUES (:user, :generated, :expires, 'p', ") +
      (postgres ? "CAST(:response AS jsonb))" : ":response)");
  std::string list = "[1, 2]";
  sql(db()) << insert, soci::use(user_id_), soci::use(today), soci::use(expires), soci::use(list);
  EXPECT_EQ(suggestions().json().at("suggestions").as_array().size(), 0u);
  std::string object = R"({"Netflix": [{"tconst": ")" + second_ +
                       R"("}, {"tconst": "tt99999998"}], "Max": [{"tconst": ")" + first_ +
                       R"(", "justification": "Z HBO."}]})";
  sql(db()) << insert, soci::use(user_id_), soci::use(later), soci::use(expires), soci::use(object);
  auto answer = suggestions();
  const auto json = answer.json();
  EXPECT_TRUE(json.at("expires_at").as_string().ends_with("T23:59:59Z")) << answer.body;
  const auto& picks = json.at("suggestions").as_array();
  ASSERT_EQ(picks.size(), 2u) << answer.body;
  EXPECT_EQ(picks[0].at("tconst").as_string(), first_);  // "Max" is shorter than "Netflix"
  EXPECT_EQ(picks[0].at("availability"),
            boost::json::parse(R"([{"platform_id":2,"platform_name":"HBO Max","is_available":true}])"));
  EXPECT_EQ(picks[1].at("tconst").as_string(), second_);
  EXPECT_EQ(picks[1].at("justification"), "");
  EXPECT_TRUE(picks[1].at("availability").as_array().empty());  // on Netflix only, not the caller's
  EXPECT_EQ(model_.calls(), 0u);
}

TEST_F(SuggestionsTest, AnOpenAiCompatibleServerWithoutAKey) {
  FakeModel local;  // a model server on the operator's machine: no key at all
  start("openai", local.openai_url(), "", "llama3.1");
  prepare_user();
  local.reply_from_pool(2);
  auto answer = suggestions();
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.json().at("suggestions").as_array().size(), 2u) << answer.body;
  ASSERT_EQ(local.calls(), 1u);
  EXPECT_EQ(local.paths()[0], "/v1/chat/completions");
  EXPECT_EQ(local.keys()[0], "");
  EXPECT_EQ(http_->get("/api/config/").json().at("suggestions"), true);
}

TEST_F(SuggestionsTest, WithoutAProviderTheAnswerIsEmptyAndNothingIsLogged) {
  start("", "", "");
  prepare_user();
  auto answer = suggestions();
  ASSERT_EQ(answer.status, 200u);
  EXPECT_TRUE(answer.json().at("suggestions").as_array().empty());
  EXPECT_EQ(errors("gemini") + errors("openai"), 0);
  EXPECT_EQ(http_->get("/api/config/").json().at("suggestions"), false);
}

}  // namespace
}  // namespace myvod::testing
