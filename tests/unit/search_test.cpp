// Trigram folding, thresholds and the in-memory title index (search/).
#include <gtest/gtest.h>

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

TEST(TitleIndex, RanksBySimilarityThenVotesRatingYearAndTconst) {
  TitleIndex::Builder builder;
  builder.add({"tt0000005", "Twin", 2000, 7.0, std::nullopt});
  builder.add({"tt0000004", "Twin", std::nullopt, 7.0, 100});
  builder.add({"tt0000003", "Twin", 1990, 7.0, 100});
  builder.add({"tt0000002", "Twin", 1990, std::nullopt, 100});
  builder.add({"tt0000001", "Twin", 1990, 7.0, 100});
  builder.add({"tt0000006", "Twin Peaks", 1990, 9.0, 999999});
  builder.add({"tt0000007", "Unrelated", 1990, 9.0, 999999});
  const TitleIndex index = std::move(builder).build();
  EXPECT_EQ(index.size(), 7u);
  EXPECT_EQ(index.search("twin", 10), (std::vector<std::string>{"tt0000002", "tt0000004", "tt0000001",
                                                                "tt0000003", "tt0000005", "tt0000006"}));
  EXPECT_EQ(index.search("TWIN", 2).size(), 2u);
  EXPECT_TRUE(index.search("zzzz", 10).empty());
  EXPECT_EQ(index.search("twin peaks", 1), std::vector<std::string>{"tt0000006"});
}

}  // namespace
}  // namespace myvod::search
