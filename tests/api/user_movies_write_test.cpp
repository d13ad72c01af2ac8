// POST /api/user-movies/, PATCH and DELETE /api/user-movies/{id}/
#include <thread>

#include "support/raw_sql.hpp"
#include "support/user_movie_fixture.hpp"

namespace myvod::testing {
namespace {

using boost::json::object;

class UserMoviesWriteTest : public UserMovieApiTest {
 protected:
  void SetUp() override {
    user = caller({1, 2});
    movie = seed_movie(db(), {.title = "The Shawshank Redemption", .year = 1994, .rating = 9.3});
    seed_availability(db(), movie, 1, true);
    seed_availability(db(), movie, 2, false);
    seed_availability(db(), movie, 3, true);
  }

  HttpResult add(const object& body) { return client().post("/api/user-movies/", body, user.token()); }
  HttpResult patch(long long id, const object& body) {
    return client().patch("/api/user-movies/" + std::to_string(id) + "/", body, user.token());
  }
  HttpResult remove(long long id) {
    return client().del("/api/user-movies/" + std::to_string(id) + "/", user.token());
  }
  domain::UserMovieState row(const std::string& tconst) {
    return stored_row(db(), user.id, tconst).value().state;
  }

  Caller user;
  std::string movie;
};

TEST_F(UserMoviesWriteTest, AnonymousIs401) {
  EXPECT_EQ(client().post("/api/user-movies/", object{{"tconst", movie}}).status, 401u);
  EXPECT_EQ(client().patch("/api/user-movies/1/", object{{"action", "mark_as_watched"}}).status, 401u);
  EXPECT_EQ(client().del("/api/user-movies/1/").status, 401u);
}

TEST_F(UserMoviesWriteTest, AddCreatesAWatchlistEntry) {
  auto result = add({{"tconst", movie}});
  ASSERT_EQ(result.status, 201u) << result.body;
  const auto json = result.json().as_object();
  EXPECT_EQ(json.at("movie").at("tconst").as_string(), movie);
  EXPECT_EQ(json.at("movie").at("primary_title"), "The Shawshank Redemption");
  EXPECT_EQ(json.at("movie").at("avg_rating"), "9.3");
  EXPECT_EQ(json.at("watched_at"), nullptr);
  EXPECT_NE(json.at("watchlisted_at"), nullptr);
  // Availability on the user's platforms only, by platform id.
  EXPECT_EQ(boost::json::serialize(json.at("availability")),
            R"([{"platform_id":1,"platform_name":"Netflix","is_available":true},)"
            R"({"platform_id":2,"platform_name":"HBO Max","is_available":false}])");
  const auto stored = row(movie);
  EXPECT_TRUE(stored.on_watchlist());
  EXPECT_FALSE(stored.added_from_ai_suggestion);
  EXPECT_EQ(stored_row(db(), user.id, movie)->id, json.at("id").as_int64());
}

TEST_F(UserMoviesWriteTest, AddValidation) {
  auto missing = add({});
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.body, R"({"tconst":["tconst field is required"]})");
  EXPECT_EQ(add({{"tconst", nullptr}}).body, R"({"tconst":["This field may not be null."]})");
  EXPECT_EQ(add({{"tconst", "  "}}).body, R"({"tconst":["This field may not be blank."]})");
  for (const char* bad : {"invalid", "tt123", "tt123456789", "123456789", "tt12345a7"}) {
    auto result = add({{"tconst", bad}});
    EXPECT_EQ(result.status, 400u) << bad;
    EXPECT_EQ(
        result.body,
        R"j({"tconst":["Invalid tconst format. Expected format: tt followed by 7-8 digits (e.g., tt0816692)"]})j")
        << bad;
  }
  auto unknown = add({{"tconst", "tt9999999"}});
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(unknown.body, R"({"tconst":["Movie with tconst 'tt9999999' does not exist in database"]})");
  EXPECT_EQ(add({{"tconst", movie}, {"action", "restore_to_watchlist"}}).body,
            R"({"action":["\"restore_to_watchlist\" is not a valid choice."]})");
  EXPECT_EQ(add({{"tconst", movie}, {"rating", "x"}}).body, R"({"rating":["A valid integer is required."]})");
  EXPECT_EQ(add({{"tconst", movie}, {"rating", 0}}).body,
            R"({"rating":["Ensure this value is greater than or equal to 1."]})");
  EXPECT_EQ(add({{"tconst", movie}, {"rating", 11}}).body,
            R"({"rating":["Ensure this value is less than or equal to 10."]})");
  EXPECT_EQ(add({{"tconst", movie}, {"added_from_ai_suggestion", "maybe"}}).body,
            R"({"added_from_ai_suggestion":["Must be a valid boolean."]})");
  EXPECT_FALSE(stored_row(db(), user.id, movie));  // nothing was written
}

TEST_F(UserMoviesWriteTest, TheContractsVerifiedSequence) {
  auto first = add({{"tconst", movie}});
  EXPECT_EQ(first.status, 201u);
  auto again = add({{"tconst", movie}});
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(again.body, R"({"detail":"Movie is already on the watchlist"})");

  const std::string other = seed_movie(db(), {.title = "Watched Only"});
  auto marked = add({{"tconst", other}, {"action", "mark_as_watched"}});
  ASSERT_EQ(marked.status, 201u) << marked.body;
  EXPECT_EQ(marked.json().at("watchlisted_at"), nullptr);
  EXPECT_NE(marked.json().at("watched_at"), nullptr);
  auto remarked = add({{"tconst", other}, {"action", "mark_as_watched"}});
  EXPECT_EQ(remarked.status, 200u);
  EXPECT_EQ(remarked.json().at("watched_at"), marked.json().at("watched_at"));
  auto listed_too = add({{"tconst", other}});
  EXPECT_EQ(listed_too.status, 200u);
  EXPECT_NE(listed_too.json().at("watchlisted_at"), nullptr);
  EXPECT_EQ(listed_too.json().at("watched_at"), marked.json().at("watched_at"));

  const std::string rated = seed_movie(db(), {.title = "Rated Directly"});
  auto nine = add({{"tconst", rated}, {"rating", 9}, {"action", "mark_as_watched"}});
  EXPECT_EQ(nine.status, 201u);
  EXPECT_EQ(nine.json().at("user_rating"), 9);
  EXPECT_NE(nine.json().at("watched_at"), nullptr);
  auto seven = add({{"tconst", rated}, {"rating", "7"}});
  EXPECT_EQ(seven.status, 200u);
  EXPECT_EQ(seven.json().at("user_rating"), 7);
  EXPECT_EQ(seven.json().at("watched_at"), nine.json().at("watched_at"));
  EXPECT_EQ(seven.json().at("watchlisted_at"), nullptr);
}

TEST_F(UserMoviesWriteTest, AddRestoresASoftDeletedEntryWithANewTimestamp) {
  auto removed = watchlisted(60);
  removed.watchlist_deleted_at = minutes_ago(30);
  seed_user_movie(db(), user.id, movie, removed);
  auto result = add({{"tconst", movie}});
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(result.json().at("movie").at("tconst").as_string(), movie);
  EXPECT_EQ(result.json().at("watched_at"), nullptr);
  const auto stored = row(movie);
  EXPECT_FALSE(stored.watchlist_deleted_at);
  EXPECT_GT(*stored.watchlisted_at, minutes_ago(1));
}

TEST_F(UserMoviesWriteTest, MovieWithoutAvailabilityHasAnEmptyList) {
  const std::string bare = seed_movie(db(), {.title = "Nowhere"});
  auto result = add({{"tconst", bare}});
  EXPECT_EQ(result.status, 201u);
  EXPECT_EQ(result.json().at("availability").as_array().size(), 0u);
}

TEST_F(UserMoviesWriteTest, AiFlagIsSetOnCreationAndNeverReset) {
  auto created = add({{"tconst", movie}, {"added_from_ai_suggestion", true}});
  EXPECT_EQ(created.status, 201u);
  EXPECT_TRUE(row(movie).added_from_ai_suggestion);
  add({{"tconst", movie}, {"action", "mark_as_watched"}, {"added_from_ai_suggestion", false}});
  EXPECT_TRUE(row(movie).added_from_ai_suggestion);
  const std::string later = seed_movie(db(), {.title = "Later Suggestion"});
  add({{"tconst", later}});
  EXPECT_FALSE(row(later).added_from_ai_suggestion);
  add({{"tconst", later}, {"rating", 5}, {"added_from_ai_suggestion", "yes"}});
  EXPECT_TRUE(row(later).added_from_ai_suggestion);
}

TEST_F(UserMoviesWriteTest, ConcurrentIdenticalAddsMakeOneRow) {
  constexpr int kClients = 32;
  std::vector<unsigned> statuses(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i)
    threads.emplace_back([&, i] { statuses[i] = add({{"tconst", movie}}).status; });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201u), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409u), kClients - 1);
  long long rows = 0;
  sql(db()) << "SELECT COUNT(*) FROM user_movie WHERE user_id = :user AND tconst = :tconst",
      soci::use(user.id), soci::use(movie), soci::into(rows);
  EXPECT_EQ(rows, 1);
}

TEST_F(UserMoviesWriteTest, ConcurrentRatingsOfANewMovieAllSucceed) {
  constexpr int kClients = 16;
  std::vector<unsigned> statuses(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i)
    threads.emplace_back([&, i] { statuses[i] = add({{"tconst", movie}, {"rating", 1 + i % 10}}).status; });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201u), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200u), kClients - 1);
}

TEST_F(UserMoviesWriteTest, PatchMarkAsWatchedAndRestore) {
  const auto seeded = watchlisted(60);
  const long long id = seed_user_movie(db(), user.id, movie, seeded);
  const auto before = now_utc();
  auto marked = patch(id, {{"action", "mark_as_watched"}});
  const auto after = now_utc();
  ASSERT_EQ(marked.status, 200u) << marked.body;
  EXPECT_EQ(marked.json().at("movie").at("tconst").as_string(), movie);
  const std::string watched_at(marked.json().at("watched_at").as_string());
  ASSERT_TRUE(watched_at.ends_with("Z"));
  const auto parsed = parse_db_timestamp(watched_at).value();
  EXPECT_GE(parsed, std::chrono::time_point_cast<std::chrono::seconds>(before));
  EXPECT_LE(parsed, after);
  const auto marked_json = marked.json();
  for (const auto& entry : marked_json.at("availability").as_array()) {
    const auto platform = entry.at("platform_id").as_int64();
    EXPECT_TRUE(platform == 1 || platform == 2) << platform;
  }
  auto stored = row(movie);
  EXPECT_EQ(stored.watched_at, stored.watchlist_deleted_at);
  EXPECT_EQ(stored.watchlisted_at, seeded.watchlisted_at);

  auto twice = patch(id, {{"action", "mark_as_watched"}});
  EXPECT_EQ(twice.status, 400u);
  EXPECT_EQ(twice.body, R"({"detail":"Movie must be on watchlist to mark as watched"})");

  auto restored = patch(id, {{"action", "restore_to_watchlist"}});
  ASSERT_EQ(restored.status, 200u);
  EXPECT_EQ(restored.json().at("watched_at"), nullptr);
  EXPECT_NE(restored.json().at("watchlisted_at"), nullptr);
  stored = row(movie);
  EXPECT_FALSE(stored.watched_at);
  EXPECT_FALSE(stored.watchlist_deleted_at);
  auto again = patch(id, {{"action", "restore_to_watchlist"}});
  EXPECT_EQ(again.status, 400u);
  EXPECT_EQ(again.body, R"({"detail":"Movie is not marked as watched, cannot restore to watchlist"})");
}

TEST_F(UserMoviesWriteTest, PatchPreconditions) {
  auto both = watchlisted(60);
  both.watched_at = minutes_ago(10);
  const long long done = seed_user_movie(db(), user.id, movie, both);
  EXPECT_EQ(patch(done, {{"action", "mark_as_watched"}}).body,
            R"({"detail":"Movie is already marked as watched"})");
  auto rated = patch(done, {{"action", "rate_movie"}, {"rating", 8}});
  EXPECT_EQ(rated.status, 200u);
  EXPECT_EQ(rated.json().at("user_rating"), 8);

  const std::string other = seed_movie(db(), {.title = "Removed"});
  auto removed = watchlisted(60);
  removed.watchlist_deleted_at = minutes_ago(5);
  const long long gone = seed_user_movie(db(), user.id, other, removed);
  EXPECT_EQ(patch(gone, {{"action", "mark_as_watched"}}).body,
            R"({"detail":"Movie must be on watchlist to mark as watched"})");
  EXPECT_EQ(patch(gone, {{"action", "rate_movie"}, {"rating", 3}}).body,
            R"({"detail":"Movie must be watched to be rated"})");
}

TEST_F(UserMoviesWriteTest, PatchValidationComesBeforeTheLookup) {
  const long long id = seed_user_movie(db(), user.id, movie, watchlisted(60));
  EXPECT_EQ(patch(id, {}).body, R"({"action":["action field is required"]})");
  for (const char* bad : {"invalid_action", "mark_watched", "restore", "Mark_As_Watched", ""}) {
    auto result = patch(id, {{"action", bad}});
    EXPECT_EQ(result.status, 400u) << bad;
    EXPECT_EQ(
        result.body,
        R"({"action":["Invalid action. Must be \"mark_as_watched\", \"restore_to_watchlist\", or \"rate_movie\""]})");
  }
  EXPECT_EQ(patch(id, {{"action", "rate_movie"}}).body,
            R"({"rating":["Rating is required when action is 'rate_movie'."]})");
  EXPECT_EQ(patch(id, {{"action", "rate_movie"}, {"rating", nullptr}}).body,
            R"({"rating":["This field may not be null."]})");
  EXPECT_EQ(patch(id, {{"action", "rate_movie"}, {"rating", 11}}).body,
            R"({"rating":["Ensure this value is less than or equal to 10."]})");
  EXPECT_EQ(patch(99999999, {{"action", "bogus"}}).status, 400u);  // a bad body wins over a missing row
  HttpRequest empty{"PATCH",
                    "/api/user-movies/" + std::to_string(id) + "/",
                    std::nullopt,
                    {{"Authorization", "Bearer " + user.token()}}};
  EXPECT_EQ(client().send(empty).status, 400u);
  EXPECT_TRUE(row(movie).on_watchlist());
}

TEST_F(UserMoviesWriteTest, PatchOfAMissingOrForeignRowIs404) {
  for (long long id : {99999999LL, 9999999LL}) {
    auto result = patch(id, {{"action", "mark_as_watched"}});
    EXPECT_EQ(result.status, 404u);
    EXPECT_EQ(result.body, R"({"detail":"User movie with id )" + std::to_string(id) +
                               R"( not found or does not belong to authenticated user"})");
  }
  auto text = client().patch("/api/user-movies/abc/", object{{"action", "mark_as_watched"}}, user.token());
  EXPECT_EQ(text.status, 400u);
  EXPECT_EQ(text.body, R"({"detail":"Field 'id' expected a number but got 'abc'."})");
}

TEST_F(UserMoviesWriteTest, DeleteSoftDeletesAWatchlistEntry) {
  const long long id = seed_user_movie(db(), user.id, movie, watchlisted(60));
  auto first = remove(id);
  EXPECT_EQ(first.status, 204u);
  EXPECT_EQ(first.body, "");
  EXPECT_EQ(first.header("content-type"), "");
  auto stored = row(movie);
  EXPECT_TRUE(stored.watchlist_deleted_at);
  EXPECT_TRUE(stored.watchlisted_at);
  auto second = remove(id);
  EXPECT_EQ(second.status, 404u);
  // A later add restores it with a new timestamp.
  auto restored = add({{"tconst", movie}});
  EXPECT_EQ(restored.status, 200u);
  EXPECT_TRUE(row(movie).on_watchlist());
}

TEST_F(UserMoviesWriteTest, DeleteOfAWatchedEntryForgetsTheViewingAndRating) {
  auto both = watched(10, 7);
  both.watchlisted_at = minutes_ago(60);
  const long long id = seed_user_movie(db(), user.id, movie, both);
  EXPECT_EQ(remove(id).status, 204u);
  const auto stored = row(movie);
  EXPECT_FALSE(stored.watched_at);
  EXPECT_FALSE(stored.user_rating);
  EXPECT_TRUE(stored.watchlisted_at);
  EXPECT_FALSE(stored.watchlist_deleted_at);
}

TEST_F(UserMoviesWriteTest, DeleteErrorsAndRetrieveIsAlways404) {
  auto missing = remove(99999);
  EXPECT_EQ(missing.status, 404u);
  EXPECT_NE(missing.body.find("not found"), std::string::npos);
  auto text = client().del("/api/user-movies/abc/", user.token());
  EXPECT_EQ(text.status, 404u);
  EXPECT_EQ(text.body, R"({"detail":"Field 'id' expected a number but got 'abc'."})");
  const long long id = seed_user_movie(db(), user.id, movie, watchlisted(60));
  auto retrieve = client().get("/api/user-movies/" + std::to_string(id) + "/", user.token());
  EXPECT_EQ(retrieve.status, 404u);
  EXPECT_EQ(retrieve.body, R"({"detail":"No UserMovie matches the given query."})");
  EXPECT_EQ(client().get("/api/user-movies/abc/", user.token()).body, R"({"detail":"Not found."})");
  auto put = client().method("PUT", "/api/user-movies/" + std::to_string(id) + "/", user.token());
  EXPECT_EQ(put.status, 405u);
  EXPECT_EQ(put.header("allow"), "GET, PATCH, DELETE, HEAD, OPTIONS");
  EXPECT_EQ(client().method("DELETE", "/api/user-movies/", user.token()).status, 405u);
  EXPECT_EQ(client().method("PATCH", "/api/user-movies/", user.token()).status, 405u);
}

TEST_F(UserMoviesWriteTest, AnotherUserCanNeitherSeeNorChangeTheRows) {
  const auto seeded = watchlisted(60);
  const long long id = seed_user_movie(db(), user.id, movie, seeded);
  const Caller intruder = caller({1, 2});
  const std::string path = "/api/user-movies/" + std::to_string(id) + "/";
  for (const char* action : {"mark_as_watched", "restore_to_watchlist"}) {
    EXPECT_EQ(client().patch(path, object{{"action", action}}, intruder.token()).status, 404u);
  }
  EXPECT_EQ(client().patch(path, object{{"action", "rate_movie"}, {"rating", 1}}, intruder.token()).status,
            404u);
  auto removal = client().del(path, intruder.token());
  EXPECT_EQ(removal.status, 404u);
  EXPECT_EQ(removal.body, R"({"detail":"User movie with id )" + std::to_string(id) +
                              R"( not found or does not belong to authenticated user"})");
  EXPECT_EQ(listed(client().get("/api/user-movies/", intruder.token())).size(), 0u);
  // The intruder's own add makes the intruder's own row, never touching the owner's.
  EXPECT_EQ(client().post("/api/user-movies/", object{{"tconst", movie}}, intruder.token()).status, 201u);
  const auto stored = row(movie);
  EXPECT_TRUE(stored.on_watchlist());
  EXPECT_EQ(stored.watchlisted_at, seeded.watchlisted_at);
  EXPECT_EQ(stored_row(db(), user.id, movie)->id, id);
}

TEST_F(UserMoviesWriteTest, AddsRacingTheAccountsDeletionGet401NotA500) {
  const auto doomed = caller();
  std::vector<std::string> movies;
  for (int i = 0; i < 12; ++i)
    movies.push_back(seed_movie(db(), {.title = "Race To Delete " + std::to_string(i)}));
  std::vector<HttpResult> results(movies.size());
  HttpResult deleted;
  std::vector<std::thread> threads;
  for (size_t i = 0; i < movies.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = client().post("/api/user-movies/", object{{"tconst", movies[i]}}, doomed.token());
    });
    if (i == movies.size() / 2)
      threads.emplace_back([&] { deleted = client().del("/api/me/", doomed.token()); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(deleted.status, 204u);
  for (const auto& result : results) {
    if (result.status == 201u) continue;
    EXPECT_EQ(result.status, 401u) << result.body;
    EXPECT_EQ(result.body, R"({"detail":"User not found","code":"token_not_valid"})");
  }
  for (const auto& tconst : movies) EXPECT_FALSE(stored_row(db(), doomed.id, tconst));
}

}  // namespace
}  // namespace myvod::testing
