// The pure watchlist rules (domain/user_movie) and list arithmetic (domain/listing).
#include "domain/user_movie.hpp"

#include <gtest/gtest.h>

#include "common/url.hpp"
#include "domain/listing.hpp"

namespace myvod::domain {
namespace {

const Timestamp kEarlier = Timestamp(std::chrono::seconds(1'700'000'000));
const Timestamp kNow = Timestamp(std::chrono::seconds(1'800'000'000));

UserMovieState on_watchlist() {
  UserMovieState state;
  state.watchlisted_at = kEarlier;
  return state;
}

TEST(UserMovieRules, PlainAddPutsOnTheWatchlistOrRefuses) {
  auto added = apply_add({}, {}, kNow);
  ASSERT_TRUE(added);
  EXPECT_EQ(added->watchlisted_at, kNow);
  EXPECT_TRUE(added->on_watchlist());
  EXPECT_FALSE(apply_add(on_watchlist(), {}, kNow));
  auto removed = on_watchlist();
  removed.watchlist_deleted_at = kEarlier;
  auto restored = apply_add(removed, {}, kNow);
  ASSERT_TRUE(restored);
  EXPECT_EQ(restored->watchlisted_at, kNow);
  EXPECT_FALSE(restored->watchlist_deleted_at);
  // Watched and still watchlisted: a plain add is refused too.
  auto both = on_watchlist();
  both.watched_at = kEarlier;
  EXPECT_FALSE(apply_add(both, {}, kNow));
}

TEST(UserMovieRules, RatingWinsOverTheActionAndKeepsTheFirstViewing) {
  auto rated = apply_add({}, {.rating = 9, .mark_as_watched = true}, kNow);
  EXPECT_EQ(rated->watched_at, kNow);
  EXPECT_EQ(rated->user_rating, 9);
  EXPECT_FALSE(rated->watchlisted_at);
  auto rerated = apply_add(*rated, {.rating = 7}, kNow + std::chrono::hours(1));
  EXPECT_EQ(rerated->watched_at, kNow);
  EXPECT_EQ(rerated->user_rating, 7);
  auto marked = apply_add(*rated, {.mark_as_watched = true}, kNow + std::chrono::hours(1));
  EXPECT_EQ(marked->watched_at, kNow);
}

TEST(UserMovieRules, AiFlagIsNeverReset) {
  auto flagged = apply_add({}, {.added_from_ai_suggestion = true}, kNow);
  EXPECT_TRUE(flagged->added_from_ai_suggestion);
  EXPECT_TRUE(apply_add(*flagged, {.mark_as_watched = true}, kNow)->added_from_ai_suggestion);
  EXPECT_FALSE(apply_add({}, {}, kNow)->added_from_ai_suggestion);
}

TEST(UserMovieRules, PatchActions) {
  auto watched = apply_patch(on_watchlist(), PatchAction::mark_as_watched, std::nullopt, kNow);
  ASSERT_TRUE(watched);
  EXPECT_EQ(watched->watched_at, kNow);
  EXPECT_EQ(watched->watchlist_deleted_at, kNow);
  EXPECT_EQ(watched->watchlisted_at, kEarlier);
  EXPECT_EQ(apply_patch(*watched, PatchAction::mark_as_watched, std::nullopt, kNow).error(),
            "Movie must be on watchlist to mark as watched");
  auto rated = apply_patch(*watched, PatchAction::rate_movie, 4, kNow);
  EXPECT_EQ(rated->user_rating, 4);
  auto restored = apply_patch(*rated, PatchAction::restore_to_watchlist, std::nullopt, kNow);
  EXPECT_TRUE(restored->on_watchlist());
  EXPECT_EQ(restored->user_rating, 4);
  EXPECT_EQ(apply_patch(*restored, PatchAction::restore_to_watchlist, std::nullopt, kNow).error(),
            "Movie is not marked as watched, cannot restore to watchlist");
  EXPECT_EQ(apply_patch(*restored, PatchAction::rate_movie, 5, kNow).error(),
            "Movie must be watched to be rated");
  EXPECT_EQ(parse_patch_action("Mark_As_Watched"), std::nullopt);
}

TEST(UserMovieRules, DeleteForgetsAViewingOrSoftDeletesOnce) {
  auto watched = on_watchlist();
  watched.watched_at = kEarlier;
  watched.user_rating = 8;
  auto forgotten = apply_delete(watched, kNow);
  EXPECT_FALSE(forgotten->watched_at);
  EXPECT_FALSE(forgotten->user_rating);
  EXPECT_EQ(forgotten->watchlisted_at, kEarlier);
  auto removed = apply_delete(on_watchlist(), kNow);
  EXPECT_EQ(removed->watchlist_deleted_at, kNow);
  EXPECT_FALSE(apply_delete(*removed, kNow));
}

TEST(UserMovieRules, AvailabilityInForce) {
  const std::vector<AvailabilityRow> rows{{3, true}, {1, false}, {2, std::nullopt}};
  const auto on_one_and_two = availability_in_force(rows, {2, 1});
  ASSERT_EQ(on_one_and_two.size(), 2u);
  EXPECT_EQ(on_one_and_two[0].platform_id, 1);
  EXPECT_EQ(on_one_and_two[1].platform_id, 2);
  EXPECT_EQ(availability_in_force(rows, {}).size(), 3u);
  EXPECT_TRUE(availability_in_force(rows, {5}).empty());  // no fallback to other platforms
}

TEST(Listing, PageWindowFollowsDjangosPaginator) {
  EXPECT_EQ(page_window(1, 20, 0)->number, 1);
  EXPECT_FALSE(page_window(2, 20, 0));
  const auto last = page_window(std::nullopt, 20, 41);
  EXPECT_EQ(last->number, 3);
  EXPECT_EQ(last->offset, 40);
  EXPECT_TRUE(last->has_previous);
  EXPECT_FALSE(last->has_next);
  EXPECT_TRUE(page_window(2, 20, 41)->has_next);
  EXPECT_FALSE(page_window(4, 20, 41));
}

TEST(Listing, PageSizeFallsBackAndIsCapped) {
  EXPECT_EQ(page_size_from(std::nullopt), 20);
  EXPECT_EQ(page_size_from("5"), 5);
  EXPECT_EQ(page_size_from("0"), 20);
  EXPECT_EQ(page_size_from("-1"), 20);
  EXPECT_EQ(page_size_from("x"), 20);
  EXPECT_EQ(page_size_from("1000"), 100);
  EXPECT_EQ(page_size_from("99999999999999999999999"), 100);
}

TEST(Listing, QueryValuesAreEncodedAsPythonsQuotePlus) {
  EXPECT_EQ(url_encode_plus("1, 2"), "1%2C+2");
  EXPECT_EQ(url_encode_plus("Sci-Fi_a.b~"), "Sci-Fi_a.b~");
  EXPECT_EQ(url_encode_plus("ż&="), "%C5%BC%26%3D");
}

}  // namespace
}  // namespace myvod::domain
