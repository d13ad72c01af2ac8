// GET /api/user-movies/
#include "support/user_movie_fixture.hpp"

namespace myvod::testing {
namespace {

using Strings = std::vector<std::string>;

// The original server's own list fixture: the user has Netflix; movie1 (8.5) streams on Netflix, movie2 (9.0)
// is listed as not available on Netflix, movie3 (7.0) streams on HBO Max only. movie1 and movie3 are on the
// watchlist (movie3 added later), movie2 is watched and was never on the watchlist.
class UserMoviesListTest : public UserMovieApiTest {
 protected:
  void SetUp() override {
    user = caller({1});
    movie1 = seed_movie(db(), {.title = "List One", .year = 2001, .genres = "Action,Drama", .rating = 8.5});
    movie2 = seed_movie(db(), {.title = "List Two", .year = 2002, .genres = "Comedy", .rating = 9.0});
    movie3 = seed_movie(db(), {.title = "List Three", .year = 2003, .genres = "Drama", .rating = 7.0});
    seed_availability(db(), movie1, 1, true);
    seed_availability(db(), movie2, 1, false);
    seed_availability(db(), movie3, 2, true);
    seed_user_movie(db(), user.id, movie1, watchlisted(30));
    seed_user_movie(db(), user.id, movie2, watched(20));
    seed_user_movie(db(), user.id, movie3, watchlisted(10));
  }

  HttpResult list(const std::string& query) {
    return client().get("/api/user-movies/?" + query, user.token());
  }

  Caller user;
  std::string movie1, movie2, movie3;
};

TEST_F(UserMoviesListTest, AnonymousIs401) {
  EXPECT_EQ(client().get("/api/user-movies/").status, 401u);
}

TEST_F(UserMoviesListTest, StatusSelectsWatchlistOrWatched) {
  auto watchlist = list("status=watchlist");
  ASSERT_EQ(watchlist.status, 200u) << watchlist.body;
  EXPECT_EQ(listed(watchlist), (Strings{movie3, movie1}));  // newest on the watchlist first
  EXPECT_EQ(watchlist.json().at("count"), 2);
  EXPECT_EQ(listed(list("status=watched")), Strings{movie2});
  // Without a status: every row not removed from the watchlist, watched ones included.
  EXPECT_EQ(listed(list("")).size(), 3u);
  EXPECT_EQ(listed(list("status=")).size(), 3u);
}

TEST_F(UserMoviesListTest, IsAvailableFiltersOnTheUsersPlatforms) {
  EXPECT_EQ(listed(list("status=watchlist&is_available=true")), Strings{movie1});
  EXPECT_EQ(listed(list("status=watched&is_available=false")), Strings{movie2});
  EXPECT_EQ(listed(list("status=watchlist&is_available=false")), Strings{});
  EXPECT_EQ(listed(list("status=watchlist&is_available=")).size(), 2u);
  // A user without platforms has nothing available.
  const Caller bare = caller();
  seed_user_movie(db(), bare.id, movie1, watchlisted(5));
  EXPECT_EQ(listed(client().get("/api/user-movies/?status=watchlist&is_available=true", bare.token())),
            Strings{});
}

TEST_F(UserMoviesListTest, OrderingByRating) {
  auto result = list("status=watchlist&ordering=-tconst__avg_rating");
  ASSERT_EQ(result.status, 200u);
  const auto json = result.json();
  const auto& results = json.at("results").as_array();
  EXPECT_EQ(results.at(0).at("movie").at("avg_rating"), "8.5");
  EXPECT_EQ(results.at(1).at("movie").at("avg_rating"), "7.0");
}

TEST_F(UserMoviesListTest, InvalidParametersAre400WithTheContractsMessages) {
  auto status = list("status=invalid_status");
  EXPECT_EQ(status.status, 400u);
  EXPECT_EQ(status.body, R"({"status":["\"invalid_status\" is not a valid choice."]})");
  auto ordering = list("ordering=primary_title");
  EXPECT_EQ(ordering.status, 400u);
  EXPECT_EQ(ordering.body, R"({"ordering":["\"primary_title\" is not a valid choice."]})");
  auto available = list("is_available=foo");
  EXPECT_EQ(available.status, 400u);
  EXPECT_EQ(available.body, R"({"is_available":["Must be a valid boolean."]})");
  EXPECT_EQ(
      list("platform_ids=a,b").body,
      R"({"platform_ids":["Invalid platform_ids format. Expected comma-separated integers, got: a,b"]})");
  EXPECT_EQ(list("platform_ids=99,1,7").body,
            R"({"platform_ids":["Invalid platform IDs: [99, 7]. Valid platform IDs: [1, 2, 3, 4, 5]"]})");
  EXPECT_EQ(
      list("platform_ids=%2B007,99999999999999999999,-0").body,
      R"({"platform_ids":["Invalid platform IDs: [7, 99999999999999999999, 0]. Valid platform IDs: [1, 2, 3, 4, 5]"]})");
  EXPECT_EQ(list("genres=Drama,Nope,Also%20Nope").body, R"({"genres":["Invalid genres: Nope, Also Nope"]})");
  // Several bad fields are reported together.
  auto both = list("status=x&genres=Nope");
  EXPECT_EQ(both.status, 400u);
  EXPECT_EQ(both.body, R"({"status":["\"x\" is not a valid choice."],"genres":["Invalid genres: Nope"]})");
}

TEST_F(UserMoviesListTest, AnotherUserSeesNothing) {
  const Caller other = caller({1});
  auto result = client().get("/api/user-movies/?status=watchlist", other.token());
  ASSERT_EQ(result.status, 200u);
  EXPECT_EQ(result.body, R"({"count":0,"next":null,"previous":null,"results":[]})");
}

TEST_F(UserMoviesListTest, ItemShapeAndAvailabilityOnTheUsersPlatforms) {
  auto result = list("status=watchlist&ordering=-tconst__avg_rating");
  ASSERT_EQ(result.status, 200u);
  const auto item = first_result(result).as_object();
  std::vector<std::string> keys;
  for (const auto& entry : item) keys.emplace_back(entry.key());
  EXPECT_EQ(keys, (Strings{"id", "movie", "availability", "watchlisted_at", "watched_at", "user_rating"}));
  EXPECT_EQ(
      boost::json::serialize(item.at("movie")),
      R"({"tconst":")" + movie1 +
          R"(","primary_title":"List One","start_year":2001,"genres":["Action","Drama"],"avg_rating":"8.5","poster_path":null})");
  EXPECT_EQ(boost::json::serialize(item.at("availability")),
            R"([{"platform_id":1,"platform_name":"Netflix","is_available":true}])");
  const std::string watchlisted_at(item.at("watchlisted_at").as_string());
  EXPECT_TRUE(watchlisted_at.ends_with("Z")) << watchlisted_at;
  EXPECT_EQ(item.at("watched_at"), nullptr);
  EXPECT_EQ(item.at("user_rating"), nullptr);
  // movie3 streams on HBO Max only; the user has Netflix: no rows in force, and no fallback to other
  // platforms.
  const auto movie3_item = list("status=watchlist").json().at("results").as_array().at(0);
  EXPECT_EQ(movie3_item.at("availability").as_array().size(), 0u);
}

TEST_F(UserMoviesListTest, UserWithoutPlatformsSeesEveryPlatformsRows) {
  const Caller bare = caller();
  const std::string movie = seed_movie(db(), {.title = "Everywhere"});
  seed_availability(db(), movie, 3, true);
  seed_availability(db(), movie, 1, false);
  seed_availability(db(), movie, 2, std::nullopt);
  seed_user_movie(db(), bare.id, movie, watchlisted(1));
  auto result = client().get("/api/user-movies/?status=watchlist", bare.token());
  EXPECT_EQ(boost::json::serialize(first_result(result).at("availability")),
            R"([{"platform_id":1,"platform_name":"Netflix","is_available":false},)"
            R"({"platform_id":2,"platform_name":"HBO Max","is_available":null},)"
            R"({"platform_id":3,"platform_name":"Disney+","is_available":true}])");
}

TEST_F(UserMoviesListTest, PlatformIdsReplaceTheUsersPlatformsAndRequireAvailability) {
  auto result = list("status=watchlist&platform_ids=%202%20");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(listed(result), Strings{movie3});
  EXPECT_EQ(boost::json::serialize(first_result(result).at("availability")),
            R"([{"platform_id":2,"platform_name":"HBO Max","is_available":true}])");
  EXPECT_EQ(listed(list("status=watchlist&platform_ids=1,2")), (Strings{movie3, movie1}));
  EXPECT_EQ(listed(list("status=watchlist&platform_ids=")).size(), 2u);  // empty = not given
}

TEST_F(UserMoviesListTest, GenresMatchAnyWholeName) {
  EXPECT_EQ(listed(list("status=watchlist&genres=Drama")), (Strings{movie3, movie1}));
  EXPECT_EQ(listed(list("status=watchlist&genres=Action")), Strings{movie1});
  EXPECT_EQ(listed(list("genres=Comedy,%20Action&ordering=tconst__start_year")), (Strings{movie1, movie2}));
}

TEST_F(UserMoviesListTest, OrderingsPlaceNullsAsPostgresDoes) {
  const Caller who = caller();
  const std::string rated = seed_movie(db(), {.title = "Rated", .year = 1990, .rating = 6.0});
  const std::string unrated =
      seed_movie(db(), {.title = "Unrated", .year = std::nullopt, .rating = std::nullopt});
  const std::string old = seed_movie(db(), {.title = "Old", .year = 1950, .rating = 9.5});
  auto rated_row = watched(3, 4);
  rated_row.watchlisted_at = minutes_ago(50);
  seed_user_movie(db(), who.id, rated, rated_row);
  seed_user_movie(db(), who.id, unrated, watched(2));
  auto old_row = watched(1, 9);
  old_row.watchlisted_at = minutes_ago(60);
  seed_user_movie(db(), who.id, old, old_row);
  const auto order = [&](const std::string& ordering) {
    return listed(client().get("/api/user-movies/?status=watched&ordering=" + ordering, who.token()));
  };
  EXPECT_EQ(order("-tconst__avg_rating"), (Strings{unrated, old, rated}));  // DESC: NULLs first
  EXPECT_EQ(order("-tconst__start_year"), (Strings{unrated, rated, old}));
  EXPECT_EQ(order("tconst__start_year"), (Strings{old, rated, unrated}));  // ASC: NULLs last
  EXPECT_EQ(order("-user_rating"), (Strings{old, rated, unrated}));        // the exception: NULLs last
  EXPECT_EQ(order("-watchlisted_at"), (Strings{unrated, rated, old}));     // never watchlisted first
  EXPECT_EQ(order("-watched_at"), (Strings{old, unrated, rated}));
  EXPECT_EQ(listed(client().get("/api/user-movies/?status=watched", who.token())),
            (Strings{old, unrated, rated}));
}

TEST_F(UserMoviesListTest, PaginationEnvelopeWithAbsoluteSortedUrls) {
  const std::string base = "http://127.0.0.1:" + std::to_string(client().port()) + "/api/user-movies/";
  auto middle = list("status=watchlist&page_size=1&page=2");
  ASSERT_EQ(middle.status, 200u) << middle.body;
  auto json = middle.json();
  EXPECT_EQ(json.at("count"), 2);
  EXPECT_EQ(json.at("next"), nullptr);
  EXPECT_EQ(json.at("previous"), boost::json::value(base + "?page_size=1&status=watchlist"));
  EXPECT_EQ(listed(middle), Strings{movie1});

  auto first = list("status=watchlist&page_size=1&platform_ids=1,%202");
  EXPECT_EQ(first.json().at("next"),
            boost::json::value(base + "?page=2&page_size=1&platform_ids=1%2C+2&status=watchlist"));
  EXPECT_EQ(first.json().at("previous"), nullptr);

  auto three = list("page_size=1&page=2");
  EXPECT_EQ(three.json().at("next"), boost::json::value(base + "?page=3&page_size=1"));
  EXPECT_EQ(three.json().at("previous"), boost::json::value(base + "?page_size=1"));
  auto last = list("page_size=1&page=last");
  EXPECT_EQ(last.json().at("previous"), boost::json::value(base + "?page=2&page_size=1"));
  EXPECT_EQ(last.json().at("next"), nullptr);
}

TEST_F(UserMoviesListTest, BadPagesAreClientErrors) {
  auto past = list("status=watchlist&page=3");
  EXPECT_EQ(past.status, 404u);
  EXPECT_EQ(past.body, R"({"detail":"Invalid page."})");
  EXPECT_EQ(list("page=99999999999999999999").status, 404u);
  auto text = list("page=abc");
  EXPECT_EQ(text.status, 400u);
  EXPECT_EQ(text.body, R"({"page":["A valid integer is required."]})");
  EXPECT_EQ(list("page=0").body, R"({"page":["Ensure this value is greater than or equal to 1."]})");
  // page_size falls back to the default, as the original does.
  for (const char* size : {"0", "-3", "abc", ""}) {
    auto result = list(std::string("page_size=") + size);
    EXPECT_EQ(result.status, 200u) << size;
    EXPECT_EQ(listed(result).size(), 3u) << size;
  }
  const Caller empty = caller();
  EXPECT_EQ(client().get("/api/user-movies/?page=last", empty.token()).status, 200u);
  EXPECT_EQ(client().get("/api/user-movies/?page=2", empty.token()).status, 404u);
}

TEST_F(UserMoviesListTest, PageSizeIsCappedAtOneHundred) {
  const Caller heavy = caller({1});
  for (int i = 0; i < 105; ++i) {
    const std::string movie = seed_movie(db(), {.title = "Bulk " + std::to_string(i)});
    seed_user_movie(db(), heavy.id, movie, watchlisted(200 - i));
  }
  auto result = client().get("/api/user-movies/?status=watchlist&page_size=1000", heavy.token());
  ASSERT_EQ(result.status, 200u);
  EXPECT_EQ(listed(result).size(), 100u);
  EXPECT_EQ(result.json().at("count"), 105);
}

TEST_F(UserMoviesListTest, APageCostsTheSameNumberOfStatementsWhateverItsSize) {
  const Caller heavy = caller({1, 2});
  for (int i = 0; i < 40; ++i) {
    const std::string movie = seed_movie(db(), {.title = "Cost " + std::to_string(i)});
    seed_availability(db(), movie, 1, true);
    seed_availability(db(), movie, 2, false);
    seed_user_movie(db(), heavy.id, movie, watchlisted(100 - i));
  }
  const auto statements_for = [&](const std::string& query) {
    const auto before = server_statements();
    auto result = client().get("/api/user-movies/?" + query, heavy.token());
    EXPECT_EQ(result.status, 200u);
    return server_statements() - before;
  };
  const auto one = statements_for("status=watchlist&page_size=1");
  const auto forty = statements_for("status=watchlist&page_size=40&genres=Drama");
  EXPECT_EQ(one, 4u);         // the caller (authentication), their platforms, the page, its availability
  EXPECT_EQ(forty, one + 1);  // the genre check is the only extra statement
}

}  // namespace
}  // namespace myvod::testing
