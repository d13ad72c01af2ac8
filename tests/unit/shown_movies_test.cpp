// The in-memory copy of what search answers show (search/shown_movies): fields kept as given, NULLs
// included, with the tconst, year and votes read from the title index built beside it; and poster writes
// replayed in order, without a database.
#include "search/shown_movies.hpp"

#include <gtest/gtest.h>

namespace myvod::search {
namespace {

using std::chrono::seconds;

domain::Movie movie(std::string tconst, std::string title) {
  return {.tconst = std::move(tconst), .primary_title = std::move(title)};
}

// The copy of `movies`, built as the catalog search builds it: beside a title index of the same movies.
std::shared_ptr<ShownMovies> shown_of(const std::vector<domain::Movie>& movies, long long poster_change) {
  TitleIndex::Builder index;
  ShownMovies::Builder shown;
  for (const domain::Movie& movie : movies) {
    index.add(movie);
    shown.add(movie);
  }
  return std::move(shown).build(std::make_shared<const TitleIndex>(std::move(index).build()), poster_change);
}

// A replay's reader that hands out `changes` and counts its calls and what it was asked from.
struct Writes {
  std::vector<domain::PosterChange> changes;
  std::vector<long long> asked_since;
  std::vector<domain::PosterChange> operator()(long long seen) {
    asked_since.push_back(seen);
    return changes;
  }
};

TEST(ShownMovies, AnswersEachMovieAsItWasGivenNullsIncluded) {
  const Timestamp checked{seconds(1'700'000'000)};
  domain::Movie full = movie("tt0000002", "Long Enough Not To Fit In A Small String");
  full.start_year = 1999;
  full.avg_rating = 7.3;
  full.num_votes = 1234;
  full.poster_path = "https://image.example/p.jpg";
  full.poster_checked_at = checked;
  full.genres = "Drama";       // not shown: not kept
  full.original_title = "Ur";  // nor this
  const auto shown = shown_of({full, movie("tt0000001", "Bare")}, 5);

  ASSERT_EQ(shown->size(), 2u);
  const domain::Movie first = shown->movie(0);
  EXPECT_EQ(first.tconst, "tt0000002");
  EXPECT_EQ(first.primary_title, full.primary_title);
  EXPECT_EQ(first.start_year, 1999);
  EXPECT_EQ(first.avg_rating, 7.3);
  EXPECT_EQ(first.num_votes, 1234);
  EXPECT_EQ(first.poster_path, full.poster_path);
  EXPECT_EQ(first.poster_checked_at, checked);
  EXPECT_FALSE(first.genres);
  const domain::Movie second = shown->movie(1);
  EXPECT_EQ(second.tconst, "tt0000001");
  EXPECT_EQ(second.primary_title, "Bare");
  EXPECT_FALSE(second.start_year);
  EXPECT_FALSE(second.avg_rating);
  EXPECT_FALSE(second.num_votes);
  EXPECT_FALSE(second.poster_path);
  EXPECT_FALSE(second.poster_checked_at);
  EXPECT_EQ(shown->poster_change(), 5);
  EXPECT_GT(shown->memory_bytes(), 0u);
}

TEST(ShownMovies, ReplaysThePosterWritesSinceTheLastOneSeen) {
  const Timestamp checked{seconds(1'700'000'000)};
  // Not in tconst order: the replay finds movies by tconst all the same.
  std::vector<domain::Movie> movies;
  for (const char* tconst : {"tt0000009", "tt0000003", "tt10000000", "tt0000005"})
    movies.push_back(movie(tconst, "T"));
  domain::Movie had_poster = movie("tt0000007", "T");
  had_poster.poster_path = "https://image.example/old.jpg";
  movies.push_back(had_poster);
  const auto shown = shown_of(movies, 10);

  Writes writes;
  writes.changes = {{"tt10000000", {"https://image.example/new.jpg", checked}},
                    {"tt0000003", {std::nullopt, checked}},                    // TMDB has none: checked only
                    {"tt0000007", {std::nullopt, std::nullopt}},               // cleared
                    {"tt0000404", {"https://image.example/x.jpg", checked}}};  // not in this copy
  shown->catch_up(12, std::ref(writes));
  EXPECT_EQ(writes.asked_since, std::vector<long long>{10});
  EXPECT_EQ(shown->poster_change(), 12);
  EXPECT_EQ(shown->movie(2).poster_path, "https://image.example/new.jpg");
  EXPECT_EQ(shown->movie(2).poster_checked_at, checked);
  EXPECT_FALSE(shown->movie(1).poster_path);
  EXPECT_EQ(shown->movie(1).poster_checked_at, checked);
  EXPECT_FALSE(shown->movie(4).poster_path);
  EXPECT_FALSE(shown->movie(0).poster_path);

  // Nothing newer than what it has seen: the database is not asked.
  shown->catch_up(12, std::ref(writes));
  shown->catch_up(11, std::ref(writes));
  EXPECT_EQ(writes.asked_since.size(), 1u);
  shown->catch_up(13, std::ref(writes));
  EXPECT_EQ(writes.asked_since, (std::vector<long long>{10, 12}));
}

TEST(ShownMovies, AFailedReplayIsTriedAgainByTheNextSearch) {
  const auto shown = shown_of({movie("tt0000001", "T")}, 0);
  EXPECT_THROW(shown->catch_up(1,
                               [](long long) -> std::vector<domain::PosterChange> {
                                 throw std::runtime_error("connection lost");
                               }),
               std::runtime_error);
  EXPECT_EQ(shown->poster_change(), 0);
  Writes writes;
  writes.changes = {{"tt0000001", {"https://image.example/p.jpg", std::nullopt}}};
  shown->catch_up(1, std::ref(writes));
  EXPECT_EQ(writes.asked_since, std::vector<long long>{0});
  EXPECT_EQ(shown->movie(0).poster_path, "https://image.example/p.jpg");
}

TEST(ShownMovies, RefusesAnIndexOfOtherMovies) {
  TitleIndex::Builder index;
  index.add(movie("tt0000001", "One"));
  ShownMovies::Builder shown;
  shown.add(movie("tt0000001", "One"));
  shown.add(movie("tt0000002", "Two"));
  EXPECT_THROW(std::move(shown).build(std::make_shared<const TitleIndex>(std::move(index).build()), 0),
               std::logic_error);
}

}  // namespace
}  // namespace myvod::search
