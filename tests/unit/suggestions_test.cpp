// The pure rules of AI suggestions: sizes, taste, the prompt, reading answers and checking picks.
#include "domain/suggestions.hpp"

#include <gtest/gtest.h>

namespace myvod::domain {
namespace {

TEST(Suggestions, FewerCandidatesAndPicksPerPlatformAsPlatformsAddUp) {
  EXPECT_EQ(candidates_per_platform(1), 250);
  EXPECT_EQ(candidates_per_platform(2), 125);
  EXPECT_EQ(candidates_per_platform(3), 80);
  EXPECT_EQ(candidates_per_platform(4), 62);
  EXPECT_EQ(candidates_per_platform(7), 50);
  EXPECT_EQ(picks_per_platform(1), 6);
  EXPECT_EQ(picks_per_platform(2), 6);
  EXPECT_EQ(picks_per_platform(3), 5);
  EXPECT_EQ(picks_per_platform(5), 4);
}

TEST(Suggestions, TasteFromGenresAndDecades) {
  const std::vector<TasteMovie> movies = {
      {"tt0000001", "A", 1994, {"Drama", "Crime"}, std::nullopt, true},
      {"tt0000002", "B", 1999, {"Drama", "Sci-Fi"}, 8, true},
      {"tt0000003", "C", 1995, {"Drama", "Crime"}, std::nullopt, false},
      {"tt0000004", "D", 2010, {"Crime", "Thriller"}, std::nullopt, false},
  };
  const Taste taste = analyse_taste(movies);
  EXPECT_EQ(taste.top_genres, (std::vector<std::string>{"Crime", "Drama", "Sci-Fi"}));
  EXPECT_EQ(taste.rare_genres, (std::vector<std::string>{"Sci-Fi", "Thriller"}));
  EXPECT_EQ(std::count(taste.unexplored_genres.begin(), taste.unexplored_genres.end(), "Drama"), 0);
  EXPECT_EQ(std::count(taste.unexplored_genres.begin(), taste.unexplored_genres.end(), "Western"), 1);
  EXPECT_EQ(taste.top_decades, (std::vector<int>{1990, 2010}));
  EXPECT_EQ(taste.unexplored_decades, (std::vector<int>{1960, 1970, 1980, 2000, 2020}));
}

TEST(Suggestions, PromptNamesTheSectionsAndOffersOnlyThePool) {
  const std::vector<TasteMovie> movies = {
      {"tt0816692", "Interstellar", 2014, {"Adventure", "Drama", "Sci-Fi"}, 9, true},
      {"tt1160419", "Dune", 2021, {"Action", "Adventure"}, std::nullopt, false},
  };
  const std::vector<Candidate> pool = {
      {"tt0133093", "The Matrix", 1999, {"Action", "Sci-Fi"}, 8.7, 2000000, {"Netflix"}}};
  const std::string prompt = build_prompt({"Netflix"}, movies, pool, analyse_taste(movies), 6);
  for (const char* heading :
       {"## User's Subscribed VOD Platforms:", "## User's Current Watchlist (movies they plan to watch):",
        "## Movies User Has Watched:", "## Available Movies on User's Platforms:",
        "## Your Task & Diversity Principles:", "## Response Format:",
        "## Final CRITICAL Rules (MUST be followed):"})
    EXPECT_NE(prompt.find(heading), std::string::npos) << heading;
  EXPECT_NE(prompt.find(
                "- [tt0133093] The Matrix (1999) - Genres: Action, Sci-Fi - Rating: 8.7/10 (2000000 votes) - "
                "Platforms: Netflix"),
            std::string::npos);
  EXPECT_NE(prompt.find("- Interstellar (2014) - Genres: Adventure, Drama, Sci-Fi - User's rating: 9/10"),
            std::string::npos);
  const std::string available = prompt.substr(
      prompt.find("## Available Movies"), prompt.find("## Your Task") - prompt.find("## Available Movies"));
  EXPECT_EQ(available.find("Interstellar"), std::string::npos);
  EXPECT_EQ(available.find("[tt0816692]"), std::string::npos);
  EXPECT_NE(prompt.find("Exactly 6 movies per platform."), std::string::npos);
}

TEST(Suggestions, ReadsTheWholeTextAFencedBlockOrAnObjectInProse) {
  EXPECT_EQ(read_model_answer(R"( {"Netflix": []} )")->size(), 1u);
  EXPECT_TRUE(
      read_model_answer("Here you go:\n```json\n{\"Netflix\": [{\"tconst\": \"tt0133093\"}]}\n```\nEnjoy!")
          ->contains("Netflix"));
  EXPECT_TRUE(read_model_answer("```\n{\"HBO Max\": []}\n```")->contains("HBO Max"));
  EXPECT_TRUE(read_model_answer("Sure! {\"Netflix\": [{\"tconst\": \"tt0133093\"}]} Hope {you} like it.")
                  ->contains("Netflix"));
  EXPECT_FALSE(read_model_answer("[1, 2, 3]"));
  EXPECT_FALSE(read_model_answer("I cannot help with that."));
  EXPECT_FALSE(read_model_answer(""));
  EXPECT_FALSE(read_model_answer("{\"Netflix\": [ truncated"));
}

TEST(Suggestions, KeepsOnlyPicksFromThePoolThatTheUserHasNotWatched) {
  const auto answer = boost::json::parse(R"({
    "Netflix": [
      {"tconst": " tt0133093 ", "justification": "Kultowy film."},
      {"tconst": "tt0816692", "justification": "Already watched."},
      {"tconst": "tt9999999", "justification": "Invented."},
      {"tconst": "nm0000001"},
      "just a string",
      {"justification": "no tconst"},
      {"tconst": "tt0068646", "justification": ""}
    ],
    "HBO Max": "not a list",
    "Disney+": []
  })")
                          .as_object();
  const auto valid = validate_picks(answer, {"tt0133093", "tt0068646", "tt0816692"}, {"tt0816692"});
  ASSERT_EQ(valid.size(), 2u);
  const auto& netflix = valid.at("Netflix").as_array();
  ASSERT_EQ(netflix.size(), 2u);
  EXPECT_EQ(netflix[0].at("tconst"), "tt0133093");
  EXPECT_EQ(netflix[0].at("justification"), "Kultowy film.");
  EXPECT_EQ(netflix[1].at("justification").as_string(), kDefaultJustification);
  EXPECT_TRUE(valid.at("Disney+").as_array().empty());
}

TEST(Suggestions, CutsLongJustificationsByCharactersNotBytes) {
  std::string polish;
  for (int i = 0; i < 250; ++i) polish += "ż";
  const auto answer = boost::json::object{
      {"Netflix",
       boost::json::array{boost::json::object{{"tconst", "tt0133093"}, {"justification", polish}}}}};
  const auto valid = validate_picks(answer, {"tt0133093"}, {});
  const std::string cut(valid.at("Netflix").as_array()[0].at("justification").as_string());
  std::string expected;
  for (int i = 0; i < 197; ++i) expected += "ż";
  EXPECT_EQ(cut, expected + "...");
}

TEST(Suggestions, BatchPicksShorterKeysFirstEachMovieOnce) {
  const auto response = boost::json::parse(R"({
    "Netflix": [{"tconst": "tt0000003", "justification": "c"}, {"tconst": "tt0000001"}],
    "HBO Max": [{"tconst": "tt0000001", "justification": "a"}, {"justification": "no tconst"}],
    "Apple": [{"tconst": "tt0000002", "justification": "b"}]
  })");
  const auto picks = picks_of_batch(response);
  ASSERT_EQ(picks.size(), 3u);
  EXPECT_EQ(picks[0].tconst, "tt0000002");  // "Apple": the shortest key
  EXPECT_EQ(picks[1].tconst, "tt0000001");  // "HBO Max" before "Netflix": as long, smaller bytes
  EXPECT_EQ(picks[1].justification, "a");
  EXPECT_EQ(picks[2].tconst, "tt0000003");  // Netflix's tt0000001 was already picked
  EXPECT_TRUE(picks_of_batch(boost::json::parse("[1, 2]")).empty());
}

}  // namespace
}  // namespace myvod::domain
