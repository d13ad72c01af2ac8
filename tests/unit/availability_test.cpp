// The availability plan: what a complete pull changes on a platform, and which arrivals are news.
#include "domain/availability.hpp"

#include <gtest/gtest.h>

namespace myvod::domain {
namespace {

using Strings = std::vector<std::string>;
using namespace std::chrono_literals;

const Timestamp kSyncTime = *parse_db_timestamp("2026-11-27 18:00:00.000000+00");

StoredAvailability row(std::string tconst, std::optional<bool> available, std::chrono::hours age = 0h) {
  return {std::move(tconst), available, kSyncTime - age};
}

Strings tconsts_of(const std::vector<ListedTitle>& titles) {
  Strings tconsts;
  for (const auto& title : titles) tconsts.push_back(title.tconst);
  return tconsts;
}

TEST(AvailabilityPlan, SortsTitlesIntoKeptArrivingAndLeaving) {
  const std::vector<StoredAvailability> stored{row("tt3", true), row("tt1", true),
                                               row("tt5", false, 24h * 30), row("tt6", std::nullopt)};
  const std::vector<ListedTitle> listed{{"tt1", 11}, {"tt5", 15}, {"tt6", 16}, {"tt9", 19}};
  const auto plan = plan_availability(stored, listed, kSyncTime);
  EXPECT_EQ(plan.kept, Strings{"tt1"});
  EXPECT_EQ(tconsts_of(plan.arriving), (Strings{"tt5", "tt6", "tt9"}));
  EXPECT_EQ(plan.arriving[0].provider_id, 15);
  EXPECT_EQ(plan.leaving, Strings{"tt3"});
  // Absent, unknown, and gone for long enough: all news.
  EXPECT_EQ(plan.newsworthy, (Strings{"tt5", "tt6", "tt9"}));
}

TEST(AvailabilityPlan, AReturnWithinFourteenDaysIsNotNews) {
  const std::vector<StoredAvailability> stored{row("tt1", false, 24h * 13), row("tt2", false, 24h * 14),
                                               row("tt3", false, 1h)};
  const auto plan = plan_availability(stored, {{"tt1", 1}, {"tt2", 2}, {"tt3", 3}}, kSyncTime);
  EXPECT_EQ(tconsts_of(plan.arriving), (Strings{"tt1", "tt2", "tt3"}));
  EXPECT_EQ(plan.newsworthy, Strings{"tt2"});
}

TEST(AvailabilityPlan, AnEmptyListingEmptiesThePlatform) {
  // Only a complete pull is planned, so an empty one means the platform streams none of these now.
  const auto plan = plan_availability({row("tt1", true), row("tt2", false)}, {}, kSyncTime);
  EXPECT_EQ(plan.leaving, Strings{"tt1"});
  EXPECT_TRUE(plan.arriving.empty());
  EXPECT_TRUE(plan.kept.empty());
}

TEST(AvailabilityPlan, AFirstSyncMakesEverythingNews) {
  const auto plan = plan_availability({}, {{"tt2", 2}, {"tt1", 1}}, kSyncTime);
  EXPECT_EQ(tconsts_of(plan.arriving), (Strings{"tt1", "tt2"}));
  EXPECT_EQ(plan.newsworthy, (Strings{"tt1", "tt2"}));
}

TEST(ServiceNames, MatchWhateverTheSpellingOfPlus) {
  EXPECT_TRUE(same_service_name("Disney Plus", "Disney+"));
  EXPECT_TRUE(same_service_name("Apple TV Plus", "Apple TV+"));
  EXPECT_TRUE(same_service_name("HBO Max", "hbo max"));
  EXPECT_TRUE(same_service_name("Amazon Prime Video", "Amazon Prime Video"));
  EXPECT_FALSE(same_service_name("Netflix Kids", "Netflix"));
  EXPECT_FALSE(same_service_name("Apple TV", "Apple TV+"));
}

TEST(PlatformRules, SlugNameAndTheFixedFive) {
  const PlatformSource good{6, "skyshowtime", "SkyShowtime", 1234, {1773}};
  EXPECT_EQ(platform_refusal(good), std::nullopt);
  for (const char* slug :
       {"", "Sky", "sky showtime", "-sky", "ą", "a-very-long-slug-that-goes-past-forty-chars"}) {
    auto bad = good;
    bad.slug = slug;
    EXPECT_TRUE(platform_refusal(bad)) << slug;
  }
  auto blank = good;
  blank.name = "  ";
  EXPECT_TRUE(platform_refusal(blank));
  auto negative = good;
  negative.tmdb_provider_ids = {0};
  EXPECT_TRUE(platform_refusal(negative));
  const PlatformSource netflix{1, "netflix", "Netflix", 203, {8}};
  auto renamed = netflix;
  renamed.name = "Nf";
  EXPECT_TRUE(platform_refusal(renamed, netflix));
  auto new_ids = netflix;
  new_ids.tmdb_provider_ids = {8, 1796};
  EXPECT_EQ(platform_refusal(new_ids, netflix), std::nullopt);
}

}  // namespace
}  // namespace myvod::domain
