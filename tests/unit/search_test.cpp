// Trigram folding, thresholds and the in-memory title index (search/).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <random>
#include <sstream>
#include <tuple>

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

// What the title search answered before the index existed: every title compared with the query, then the
// contract's order (similarity, votes, rating, year, tconst), NULLs placed as PostgreSQL places them; a movie
// known by several titles scores by its best one. `title_grams` holds the trigrams of each movie's titles,
// worked out once for all the queries.
std::vector<std::string> rank_every_title(const std::vector<domain::Movie>& movies,
                                          const std::vector<std::vector<std::vector<Trigram>>>& title_grams,
                                          std::string_view query, size_t limit) {
  const auto folded = fold(query);
  const auto query_grams = trigrams(folded);
  struct Scored {
    float similarity;
    const domain::Movie* movie;
  };
  std::vector<Scored> scored;
  for (size_t i = 0; i < movies.size(); ++i) {
    float score = 0;
    for (const auto& grams : title_grams[i]) {
      std::vector<Trigram> common;
      std::set_intersection(query_grams.begin(), query_grams.end(), grams.begin(), grams.end(),
                            std::back_inserter(common));
      score = std::max(score, similarity(common.size(), query_grams.size(), grams.size()));
    }
    if (score > threshold_for(folded)) scored.push_back({score, &movies[i]});
  }
  // NULL votes last; NULL rating and year first (descending order puts PostgreSQL's NULLs first).
  const auto key = [](const Scored& s) {
    const auto& m = *s.movie;
    return std::make_tuple(-s.similarity, m.num_votes ? -static_cast<long>(*m.num_votes) : 1L,
                           m.avg_rating ? -std::lround(*m.avg_rating * 10) : -1000L,
                           m.start_year ? -static_cast<long>(*m.start_year) : -100000L, m.tconst);
  };
  std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) { return key(a) < key(b); });
  std::vector<std::string> tconsts;
  for (size_t i = 0; i < scored.size() && i < limit; ++i) tconsts.push_back(scored[i].movie->tconst);
  return tconsts;
}

// Thousands of queries as users type them (words cut from titles, a letter dropped, doubled or swapped, an
// accent, a stray word) over a catalog with many equal titles and NULLs, so that the tie-breaks and the early
// stop are exercised: the index must answer each one exactly as comparing every title does. With
// `other_titles`, a third of the movies also have an original title and up to three other titles, some of
// them repeating one another, and queries are cut from those too.
void expect_generated_queries_answered_as_by_every_title(bool other_titles) {
  const std::vector<std::string> words{"the",  "dark",   "knight", "café",   "paris", "star",  "wars",  "a",
                                       "love", "of",     "king",   "matrix", "łódź",  "night", "day",   "x",
                                       "2",    "return", "amélie", "man",    "woman", "blood", "house", "ii"};
  std::mt19937 random(20261201);
  const auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  // Now and then a made-up word, so that some trigrams are rare: their short lists are searched, where the
  // common words' long lists have length directories.
  const auto title_word = [&] {
    if (pick(40) != 0) return words[pick(words.size())];
    std::string made_up;
    for (size_t letters = 3 + pick(4); letters > 0; --letters) made_up += static_cast<char>('a' + pick(26));
    return made_up;
  };
  const auto make_title = [&] {
    std::string title = title_word();
    for (size_t extra = pick(5); extra > 0; --extra) title += " " + title_word();
    if (pick(50) == 0) title = "!?";  // no word at all
    return title;
  };
  std::vector<domain::Movie> movies;
  TitleIndex::Builder builder;
  for (int i = 0; i < 6000; ++i) {
    char tconst[16];
    std::snprintf(tconst, sizeof tconst, "tt%07d", static_cast<int>(pick(9000000)));
    const auto maybe = [&](auto value) { return pick(8) == 0 ? std::nullopt : std::optional(value); };
    movies.push_back(ranked(tconst, make_title(), maybe(1950 + static_cast<int>(pick(3))),
                            maybe(static_cast<double>(pick(3)) + 6.5),
                            maybe(static_cast<int>(pick(4)) * 100)));
    if (other_titles && pick(3) == 0) {
      auto& movie = movies.back();
      movie.original_title = pick(2) == 0 ? movie.primary_title : make_title();
      for (size_t n = pick(4); n > 0; --n)
        movie.other_titles.push_back(pick(4) == 0 ? movie.original_title : make_title());
    }
    builder.add(movies.back());
  }
  const TitleIndex index = std::move(builder).build();
  ASSERT_EQ(index.size(), movies.size());
  ASSERT_GT(index.length_directories(), 0u);
  ASSERT_LT(index.length_directories(), index.terms() / 2);
  ASSERT_GT(index.slice_bitsets(), 0u);  // the common slices are checked a bit at a time too
  std::vector<std::vector<std::vector<Trigram>>> title_grams;
  std::vector<std::string> all_titles;
  for (const auto& movie : movies) {
    auto& grams = title_grams.emplace_back();
    for (const auto& title : {movie.primary_title, movie.original_title})
      grams.push_back(trigrams(fold(title)));
    all_titles.push_back(movie.primary_title);
    for (const auto& title : movie.other_titles) {
      grams.push_back(trigrams(fold(title)));
      all_titles.push_back(title);
    }
  }

  const auto typo = [&](std::string word) {
    if (word.size() < 3) return word;
    const size_t at = 1 + pick(word.size() - 2);
    switch (pick(3)) {
      case 0:
        return word.erase(at, 1);
      case 1:
        return word.insert(at, 1, word[at]);
      default:
        std::swap(word[at - 1], word[at]);
        return word;
    }
  };
  size_t answered = 0;
  for (int i = 0; i < 3000; ++i) {
    std::istringstream title(all_titles[pick(all_titles.size())]);
    std::vector<std::string> title_words{std::istream_iterator<std::string>(title), {}};
    std::string query;
    const size_t count = 1 + pick(3);
    const size_t from = pick(title_words.size());
    for (size_t w = from; w < title_words.size() && w < from + count; ++w) {
      query += (query.empty() ? "" : " ") + (pick(2) == 0 ? typo(title_words[w]) : title_words[w]);
    }
    if (pick(10) == 0) query += " zz";
    if (pick(10) == 0) query = "ma";
    const size_t limit = pick(4) == 0 ? 1 + pick(60) : 20;
    const auto expected = rank_every_title(movies, title_grams, query, limit);
    ASSERT_EQ(index.search(query, limit), expected) << "query \"" << query << "\", limit " << limit;
    answered += expected.empty() ? 0 : 1;
  }
  EXPECT_GT(answered, 2500u);  // the queries mostly find something: this compares rankings, not empty lists
}

TEST(TitleIndex, AnswersThousandsOfGeneratedQueriesAsComparingEveryTitleDoes) {
  expect_generated_queries_answered_as_by_every_title(false);
}

TEST(TitleIndex, AnswersThousandsOfGeneratedQueriesAsComparingEveryTitleDoesWithOtherTitles) {
  expect_generated_queries_answered_as_by_every_title(true);
}

// "Parasite", "Gisaengchung" and the Polish "Pasożyt" find one movie, once, ranked by its best title; the
// answer names it by tconst, so whatever matched, the answer shows the primary title.
TEST(TitleIndex, FindsAMovieOnceByAnyOfItsTitles) {
  TitleIndex::Builder builder;
  auto parasite = ranked("tt6751668", "Parasite", 2019, 8.5, 900000);
  parasite.original_title = "Gisaengchung";
  parasite.other_titles = {"Pasożyt filmowy", "Pasożyt", "Parasite", "Pasozyt"};
  builder.add(parasite);
  builder.add(ranked("tt0000001", "Parasite Eve", 1997, 6.0, 100));
  builder.add(ranked("tt0000002", "Pasozyty", 2001, 6.0, 9'000'000));
  const TitleIndex index = std::move(builder).build();
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.titles(), 6u);  // "Parasite" and the folded "Pasożyt" once each
  EXPECT_EQ(index.search("parasite", 10), (std::vector<std::string>{"tt6751668", "tt0000001"}));
  EXPECT_EQ(index.search("Gisaengchung", 10), std::vector<std::string>{"tt6751668"});
  // "pasozyt filmowy" scores 0.5 and "Pasozyty" 0.7: the exact title (1.0) must be the one Parasite ranks by.
  EXPECT_EQ(index.search("pasożyt", 10), (std::vector<std::string>{"tt6751668", "tt0000002"}));
}

}  // namespace
}  // namespace myvod::search
