// GET /api/on-vod-movies/
#include <atomic>

#include "support/user_movie_fixture.hpp"

namespace myvod::testing {
namespace {

using Strings = std::vector<std::string>;

// Every test files its movies under a genre of its own, so that the catalog-wide list can be narrowed to
// them with the genres filter.
class OnVodTest : public UserMovieApiTest {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    genre = "Vod";
    for (int n = ++counter; n > 0; n /= 8) genre += static_cast<char>('a' + n % 8);
    user = caller({1});
  }

  std::string movie(const std::string& title, std::optional<int> year = 2000,
                    std::optional<double> rating = 7.0) {
    return seed_movie(db(), {.title = title, .year = year, .genres = genre, .rating = rating});
  }

  HttpResult list(const std::string& query = {}) {
    return client().get("/api/on-vod-movies/?genres=" + genre + (query.empty() ? "" : "&" + query),
                        user.token());
  }

  std::string genre;
  Caller user;
};

TEST_F(OnVodTest, AnonymousIs401) {
  EXPECT_EQ(client().get("/api/on-vod-movies/").status, 401u);
}

TEST_F(OnVodTest, ListsMoviesStreamingAnywhereNewestAvailabilityFirst) {
  const auto first = movie("Vod First");
  const auto second = movie("Vod Second");
  const auto unavailable = movie("Vod Unavailable");
  const auto unknown = movie("Vod Unknown");
  movie("Vod Without Rows");
  seed_availability(db(), first, 3, true);
  seed_availability(db(), second, 2, true);
  seed_availability(db(), unavailable, 1, false);
  seed_availability(db(), unknown, 1, std::nullopt);
  seed_availability(db(), first, 4, false);  // the newest row of any state moves `first` up
  auto result = list();
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(listed(result), (Strings{first, second}));
  EXPECT_EQ(result.json().at("count"), 2);
  const auto item = first_result(result);
  EXPECT_EQ(item.at("id"), nullptr);
  EXPECT_EQ(item.at("watchlisted_at"), nullptr);
  EXPECT_EQ(item.at("watched_at"), nullptr);
  EXPECT_EQ(item.at("user_rating"), nullptr);
  EXPECT_EQ(boost::json::serialize(item.at("availability")),
            R"([{"platform_id":3,"platform_name":"Disney+","is_available":true}])");
}

TEST_F(OnVodTest, PlatformIdsNarrowTheMoviesAndTheirAvailability) {
  const auto both = movie("Vod Both");
  const auto hbo = movie("Vod Hbo");
  seed_availability(db(), both, 1, true);
  seed_availability(db(), both, 2, true);
  seed_availability(db(), hbo, 2, true);
  seed_availability(db(), hbo, 1, false);
  auto result = list("platform_ids=1");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(listed(result), Strings{both});
  EXPECT_EQ(boost::json::serialize(first_result(result).at("availability")),
            R"([{"platform_id":1,"platform_name":"Netflix","is_available":true}])");
  auto all = list();
  EXPECT_EQ(listed(all), (Strings{hbo, both}));
  EXPECT_EQ(boost::json::serialize(all.json().at("results").as_array().at(1).at("availability")),
            R"([{"platform_id":1,"platform_name":"Netflix","is_available":true},)"
            R"({"platform_id":2,"platform_name":"HBO Max","is_available":true}])");
  EXPECT_EQ(list("platform_ids=7").body,
            R"({"platform_ids":["Invalid platform IDs: [7]. Valid platform IDs: [1, 2, 3, 4, 5]"]})");
}

TEST_F(OnVodTest, ItemsCarryTheCallersOwnState) {
  const auto listed_movie = movie("Vod Listed");
  const auto removed_movie = movie("Vod Removed");
  const auto watched_movie = movie("Vod Watched");
  for (const auto& tconst : {listed_movie, removed_movie, watched_movie})
    seed_availability(db(), tconst, 1, true);
  const long long listed_id = seed_user_movie(db(), user.id, listed_movie, watchlisted(30));
  auto removed = watchlisted(40);
  removed.watchlist_deleted_at = minutes_ago(20);
  const long long removed_id = seed_user_movie(db(), user.id, removed_movie, removed);
  const long long watched_id = seed_user_movie(db(), user.id, watched_movie, watched(10, 6));
  // Another user's rows never show.
  const Caller other = caller({1});
  seed_user_movie(db(), other.id, listed_movie, watched(5, 2));

  auto result = list();
  ASSERT_EQ(result.status, 200u);
  const auto json = result.json();
  const auto& items = json.at("results").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.at(0).at("id"), watched_id);
  EXPECT_EQ(items.at(0).at("user_rating"), 6);
  EXPECT_NE(items.at(0).at("watched_at"), nullptr);
  EXPECT_EQ(items.at(1).at("id"), removed_id);
  EXPECT_EQ(items.at(1).at("watchlisted_at"), nullptr);  // removed from the watchlist
  EXPECT_EQ(items.at(2).at("id"), listed_id);
  EXPECT_NE(items.at(2).at("watchlisted_at"), nullptr);
  EXPECT_EQ(items.at(2).at("watched_at"), nullptr);

  EXPECT_EQ(listed(list("exclude_watched=true")), (Strings{removed_movie, listed_movie}));
  EXPECT_EQ(listed(list("exclude_watchlisted=1")), (Strings{watched_movie, removed_movie}));
  EXPECT_EQ(listed(list("exclude_unassigned=yes")), (Strings{watched_movie, listed_movie}));
  EXPECT_EQ(listed(list("exclude_watched=true&exclude_watchlisted=true&exclude_unassigned=true")), Strings{});
  EXPECT_EQ(listed(list("exclude_watched=false&exclude_unassigned=")).size(), 3u);
}

TEST_F(OnVodTest, OrderingsPutNullsLastAndBreakTiesByTconst) {
  const auto old_good = movie("Vod Old Good", 1960, 9.0);
  const auto new_bad = movie("Vod New Bad", 2020, 3.0);
  const auto unknown = movie("Vod Unknown", std::nullopt, std::nullopt);
  const auto twin = movie("Vod Twin", 2020, 3.0);
  for (const auto& tconst : {old_good, new_bad, unknown, twin}) seed_availability(db(), tconst, 2, true);
  const auto order = [&](const std::string& ordering) { return listed(list("ordering=" + ordering)); };
  EXPECT_EQ(order("added_desc"), (Strings{twin, unknown, new_bad, old_good}));
  EXPECT_EQ(order("imdb_desc"), (Strings{old_good, new_bad, twin, unknown}));
  EXPECT_EQ(order("year_desc"), (Strings{new_bad, twin, old_good, unknown}));
  EXPECT_EQ(order("year_asc"), (Strings{old_good, new_bad, twin, unknown}));
  auto bogus = list("ordering=bogus");
  EXPECT_EQ(bogus.status, 400u);
  EXPECT_EQ(bogus.body, R"({"ordering":["\"bogus\" is not a valid choice."]})");
}

TEST_F(OnVodTest, ValidationAndPages) {
  for (int i = 0; i < 3; ++i) seed_availability(db(), movie("Vod Page " + std::to_string(i)), 1, true);
  EXPECT_EQ(list("exclude_watched=maybe").body, R"({"exclude_watched":["Must be a valid boolean."]})");
  EXPECT_EQ(list("page=abc").body, R"({"page":["A valid integer is required."]})");
  EXPECT_EQ(list("page=-1").body, R"({"page":["Ensure this value is greater than or equal to 1."]})");
  EXPECT_EQ(client().get("/api/on-vod-movies/?genres=NoSuchGenre", user.token()).body,
            R"({"genres":["Invalid genres: NoSuchGenre"]})");
  auto first = list("page_size=2");
  ASSERT_EQ(first.status, 200u);
  EXPECT_EQ(first.json().at("next"),
            boost::json::value("http://127.0.0.1:" + std::to_string(client().port()) +
                               "/api/on-vod-movies/?genres=" + genre + "&page=2&page_size=2"));
  auto second = list("page_size=2&page=2");
  EXPECT_EQ(listed(second).size(), 1u);
  auto past = list("page_size=2&page=3");
  EXPECT_EQ(past.status, 404u);
  EXPECT_EQ(past.body, R"({"detail":"Invalid page."})");
}

}  // namespace
}  // namespace myvod::testing
