#include "domain/poster.hpp"

#include <gtest/gtest.h>

namespace myvod::domain {
namespace {

const Timestamp kCheckTime = Timestamp(std::chrono::seconds(1'800'000'000));

TEST(Poster, DueWhenNeverAnsweredOrAnsweredLongAgo) {
  using enum PosterView;
  EXPECT_TRUE(poster_due({std::nullopt, std::nullopt}, kCheckTime, list));
  EXPECT_FALSE(poster_due({"https://x/p.jpg", std::nullopt}, kCheckTime, list));  // an imported poster stands
  EXPECT_TRUE(poster_due({"https://x/p.jpg", std::nullopt}, kCheckTime, search));  // search refreshes it
  // "No poster" is an answer too: not asked again for 30 days.
  EXPECT_FALSE(poster_due({std::nullopt, kCheckTime - std::chrono::days(29)}, kCheckTime, list));
  EXPECT_TRUE(poster_due({std::nullopt, kCheckTime - std::chrono::days(30)}, kCheckTime, list));
  EXPECT_FALSE(poster_due({"https://x/p.jpg", kCheckTime - std::chrono::days(1)}, kCheckTime, search));
  EXPECT_TRUE(poster_due({"https://x/p.jpg", kCheckTime - std::chrono::days(31)}, kCheckTime, search));
}

TEST(Poster, PolishThenEnglishThenWithoutText) {
  EXPECT_EQ(choose_poster({{"de", "/de.jpg"}, {"en", "/en.jpg"}, {"pl", "/pl.jpg"}, {"pl", "/pl2.jpg"}}),
            "/pl.jpg");
  EXPECT_EQ(choose_poster({{std::nullopt, "/none.jpg"}, {"en", "/en.jpg"}}), "/en.jpg");
  EXPECT_EQ(choose_poster({{"fr", "/fr.jpg"}, {std::nullopt, "/none.jpg"}}), "/none.jpg");
  EXPECT_EQ(choose_poster({{"fr", "/fr.jpg"}}), std::nullopt);
  EXPECT_EQ(choose_poster({}), std::nullopt);
  EXPECT_EQ(poster_url("/abc.jpg"), "https://image.tmdb.org/t/p/original/abc.jpg");
}

}  // namespace
}  // namespace myvod::domain
