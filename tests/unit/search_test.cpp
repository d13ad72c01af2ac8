// Trigram folding, thresholds and the in-memory title index (search/).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include "search/title_index.hpp"
#include "search/trigram.hpp"

namespace myvod::search {
namespace {

TEST(Trigram, FoldLowersAndRemovesAccents) {
  EXPECT_EQ(fold("Café París"), U"cafe paris");
  EXPECT_EQ(fold("ŁÓDŹ Straße Æon"), U"lodz strasse aeon");
  EXPECT_EQ(fold("Cafe\xCC\x81"), U"cafe");  // decomposed acute accent
  EXPECT_EQ(fold("ЁЛКА Ωmega"), U"ёлка ωmega");
}

TEST(Trigram, ThresholdsFollowTheQueryLengthWithoutWhitespace) {
  EXPECT_FLOAT_EQ(threshold_for(fold("Ma")), 0.1f);
  EXPECT_FLOAT_EQ(threshold_for(fold("Matr")), 0.2f);
  EXPECT_FLOAT_EQ(threshold_for(fold("Matrix")), 0.4f);
  EXPECT_FLOAT_EQ(threshold_for(fold(" ma tr ix ")), 0.4f);
  EXPECT_FLOAT_EQ(threshold_for(fold("m a")), 0.1f);
}

TEST(Trigram, PgTrgmDocumentationExample) {
  const auto word = trigrams(fold("word"));
  const auto words = trigrams(fold("two words"));
  EXPECT_EQ(word.size(), 5u);
  EXPECT_EQ(words.size(), 10u);
  EXPECT_FLOAT_EQ(similarity(4, word.size(), words.size()), 4.0f / 11.0f);
  EXPECT_TRUE(trigrams(fold("###$$$")).empty());
}

// A catalog title with the fields the ranking reads.
domain::Movie ranked(std::string tconst, std::string title, std::optional<int> year,
                     std::optional<double> rating, std::optional<int> votes) {
  return {.tconst = std::move(tconst),
          .primary_title = std::move(title),
          .start_year = year,
          .avg_rating = rating,
          .num_votes = votes};
}

TEST(TitleIndex, RanksBySimilarityThenVotesRatingYearAndTconst) {
  TitleIndex::Builder builder;
  builder.add(ranked("tt0000005", "Twin", 2000, 7.0, std::nullopt));
  builder.add(ranked("tt0000004", "Twin", std::nullopt, 7.0, 100));
  builder.add(ranked("tt0000003", "Twin", 1990, 7.0, 100));
  builder.add(ranked("tt0000002", "Twin", 1990, std::nullopt, 100));
  builder.add(ranked("tt0000001", "Twin", 1990, 7.0, 100));
  builder.add(ranked("tt0000006", "Twin Peaks", 1990, 9.0, 999999));
  builder.add(ranked("tt0000007", "Unrelated", 1990, 9.0, 999999));
  const TitleIndex index = std::move(builder).build();
  EXPECT_EQ(index.size(), 7u);
  EXPECT_EQ(index.search("twin", 10), (std::vector<std::string>{"tt0000002", "tt0000004", "tt0000001",
                                                                "tt0000003", "tt0000005", "tt0000006"}));
  EXPECT_EQ(index.search("TWIN", 2).size(), 2u);
  EXPECT_TRUE(index.search("zzzz", 10).empty());
  EXPECT_EQ(index.search("twin peaks", 1), std::vector<std::string>{"tt0000006"});
}

// The index only seeds candidates from the rarest trigrams; it must still find exactly what comparing the
// query with every title finds.
TEST(TitleIndex, AgreesWithComparingEveryTitle) {
  const std::vector<std::string> words{"the",    "dark", "knight", "cafe",   "paris", "star",  "wars", "a",
                                       "return", "of",   "king",   "matrix", "love",  "night", "day",  "x"};
  std::mt19937 random(7);
  std::vector<domain::Movie> titles;
  TitleIndex::Builder builder;
  for (int i = 0; i < 3000; ++i) {
    std::string title = words[random() % words.size()];
    for (int extra = static_cast<int>(random() % 4); extra > 0; --extra)
      title += " " + words[random() % words.size()];
    char tconst[16];
    std::snprintf(tconst, sizeof tconst, "tt%07d", i);
    titles.push_back(ranked(tconst, title, 2000, 7.0, 100));
    builder.add(titles.back());
  }
  const TitleIndex index = std::move(builder).build();
  for (const char* query : {"the dark knigt", "ma", "matrix", "star wars return", "a", "x", "night day",
                            "kin", "cafe paris love", "zzz the"}) {
    const auto folded = fold(query);
    const auto query_grams = trigrams(folded);
    std::vector<std::pair<float, std::string>> expected;
    for (const auto& title : titles) {
      const auto title_grams = trigrams(fold(title.primary_title));
      std::vector<Trigram> common;
      std::set_intersection(query_grams.begin(), query_grams.end(), title_grams.begin(), title_grams.end(),
                            std::back_inserter(common));
      const float score = similarity(common.size(), query_grams.size(), title_grams.size());
      if (score > threshold_for(folded)) expected.emplace_back(-score, title.tconst);
    }
    std::sort(expected.begin(), expected.end());
    std::vector<std::string> expected_tconsts;
    for (size_t i = 0; i < expected.size() && i < 50; ++i) expected_tconsts.push_back(expected[i].second);
    EXPECT_EQ(index.search(query, 50), expected_tconsts) << query;
  }
}

}  // namespace
}  // namespace myvod::search
