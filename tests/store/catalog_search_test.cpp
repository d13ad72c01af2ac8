// The title search's index kept current with the catalog, on a real database of the engine under test: a
// small catalog rebuilt in place by the search that finds it changed, a large one on a thread and connection
// of its own while searches keep the old index; answers from memory that match the rows, posters written by
// another server included.
#include "search/catalog_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "support/catalog_seed.hpp"
#include "support/migrated_database.hpp"

namespace myvod::testing {
namespace {

class CatalogSearchTest : public MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    seed_movie(*store_, {.title = "Already Indexed"});
  }

  // Waits (a few seconds at most) for a rebuild on its own thread to finish.
  static void wait_for_rebuild(const search::CatalogSearch& search) {
    for (int i = 0; i < 500 && search.rebuilding(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_FALSE(search.rebuilding());
  }

  // The tconsts of what `search` finds for `query`, best first.
  std::vector<std::string> found(search::CatalogSearch& search, std::string_view query) {
    std::vector<std::string> tconsts;
    for (const auto& movie : search.search(*store_, query, 20)) tconsts.push_back(movie.tconst);
    return tconsts;
  }
};

TEST_F(CatalogSearchTest, ASmallCatalogIsRebuiltByTheSearchThatFindsItChanged) {
  search::CatalogSearch search(*store_, url_);
  EXPECT_EQ(search.indexed_titles(), 1u);
  const auto added = seed_movie(*store_, {.title = "Quillfeather Returns"});
  EXPECT_EQ(found(search, "Quillfeather"), std::vector<std::string>{added});
  EXPECT_FALSE(search.rebuilding());
  EXPECT_EQ(search.indexed_titles(), 2u);
}

TEST_F(CatalogSearchTest, ALargeCatalogIsRebuiltApartWhileSearchesKeepTheOldIndex) {
  search::CatalogSearch search(*store_, url_, /*rebuild_in_place_below=*/0);
  const auto old_one = seed_movie(*store_, {.title = "Quillfeather"});
  // The index of before the change still answers, at once: the new title is not in it yet.
  EXPECT_TRUE(found(search, "Quillfeather").empty());
  wait_for_rebuild(search);
  EXPECT_EQ(found(search, "Quillfeather"), std::vector<std::string>{old_one});
  EXPECT_EQ(search.indexed_titles(), 2u);

  // Another change, another rebuild on a new thread.
  const auto new_one = seed_movie(*store_, {.title = "Quillfeather Again"});
  found(search, "Quillfeather");
  wait_for_rebuild(search);
  EXPECT_EQ(found(search, "Quillfeather"), (std::vector<std::string>{old_one, new_one}));
}

TEST_F(CatalogSearchTest, AnswersShowWhatTheRowsHoldNullsIncluded) {
  seed_movie(*store_, {.title = "Quillfeather Full",
                       .year = 1987,
                       .rating = 6.4,
                       .votes = 321,
                       .poster = "https://image.example/full.jpg"});
  seed_movie(
      *store_,
      {.title = "Quillfeather Bare", .year = std::nullopt, .rating = std::nullopt, .votes = std::nullopt});
  search::CatalogSearch search(*store_, url_);
  const auto answers = search.search(*store_, "Quillfeather", 20);
  ASSERT_EQ(answers.size(), 2u);
  std::vector<std::string> tconsts;
  for (const auto& answer : answers) tconsts.push_back(answer.tconst);
  for (const auto& row : store_->catalog().movies(tconsts)) {
    const auto answer = std::find_if(answers.begin(), answers.end(),
                                     [&](const domain::Movie& movie) { return movie.tconst == row.tconst; });
    ASSERT_NE(answer, answers.end());
    EXPECT_EQ(answer->primary_title, row.primary_title);
    EXPECT_EQ(answer->start_year, row.start_year);
    EXPECT_EQ(answer->avg_rating, row.avg_rating);
    EXPECT_EQ(answer->num_votes, row.num_votes);
    EXPECT_EQ(answer->poster_path, row.poster_path);
    EXPECT_EQ(answer->poster_checked_at, row.poster_checked_at);
  }
}

TEST_F(CatalogSearchTest, APosterWrittenByAnotherServerShowsInTheNextSearch) {
  const auto tconst = seed_movie(*store_, {.title = "Quillfeather"});
  search::CatalogSearch search(*store_, url_, /*rebuild_in_place_below=*/0);
  EXPECT_FALSE(search.search(*store_, "Quillfeather", 20).at(0).poster_path);

  const auto other_server = store::open_store(url_);
  const Timestamp checked{std::chrono::seconds(1'700'000'000)};
  other_server->posters().save(tconst, 77, "https://image.example/q.jpg", checked);
  const auto after_write = search.search(*store_, "Quillfeather", 20).at(0);
  EXPECT_EQ(after_write.poster_path, "https://image.example/q.jpg");
  EXPECT_EQ(after_write.poster_checked_at, checked);
  // TMDB's later answer without a poster keeps the poster and moves the check date.
  other_server->posters().save(tconst, std::nullopt, std::nullopt, checked + std::chrono::hours(1));
  const auto after_recheck = search.search(*store_, "Quillfeather", 20).at(0);
  EXPECT_EQ(after_recheck.poster_path, "https://image.example/q.jpg");
  EXPECT_EQ(after_recheck.poster_checked_at, checked + std::chrono::hours(1));
  // Replayed into the index there was: a poster is no catalog change, nothing was rebuilt.
  EXPECT_FALSE(search.rebuilding());
  EXPECT_EQ(search.indexed_titles(), 2u);
}

// A server answers from memory only while that is what search() would answer; otherwise it hands the search
// to the database, which brings the change in.
TEST_F(CatalogSearchTest, AnAnswerFromMemoryIsRefusedWhenOnlyTheDatabaseCanBringAChangeIn) {
  const auto tconst = seed_movie(*store_, {.title = "Quillfeather"});
  search::CatalogSearch search(*store_, url_);
  const auto in_memory = [&] {
    return search.search_in_memory(store_->catalog().versions(), "Quillfeather", 20);
  };
  ASSERT_TRUE(in_memory());
  EXPECT_EQ(in_memory()->at(0).tconst, tconst);

  // A poster written since the copy was made: refused until a search with the database replays it.
  const auto other_server = store::open_store(url_);
  other_server->posters().save(tconst, 77, "https://image.example/q.jpg", Timestamp{std::chrono::seconds(1)});
  EXPECT_FALSE(in_memory());
  EXPECT_EQ(search.search(*store_, "Quillfeather", 20).at(0).poster_path, "https://image.example/q.jpg");
  ASSERT_TRUE(in_memory());
  EXPECT_EQ(in_memory()->at(0).poster_path, "https://image.example/q.jpg");

  // A small catalog changed: refused until a search with the database has rebuilt it in place.
  const auto added = seed_movie(*store_, {.title = "Quillfeather Returns"});
  EXPECT_FALSE(in_memory());
  EXPECT_EQ(found(search, "Quillfeather Returns").at(0), added);
  ASSERT_TRUE(in_memory());
  EXPECT_EQ(in_memory()->size(), 2u);
}

TEST_F(CatalogSearchTest, AFailedRebuildKeepsTheOldIndexAndIsNotRetriedByEverySearch) {
  const store::DatabaseUrl unreachable{url_.engine, url_.engine == store::Engine::sqlite
                                                        ? "/nonexistent/dir/myvod.db"
                                                        : "postgresql://postgres@127.0.0.1:1/postgres"};
  search::CatalogSearch search(*store_, unreachable, /*rebuild_in_place_below=*/0);
  seed_movie(*store_, {.title = "Quillfeather"});
  EXPECT_TRUE(found(search, "Quillfeather").empty());
  wait_for_rebuild(search);
  EXPECT_EQ(found(search, "Already Indexed").size(), 1u);
  EXPECT_TRUE(found(search, "Quillfeather").empty());
  EXPECT_FALSE(search.rebuilding());  // the failure waits before another try
}

}  // namespace
}  // namespace myvod::testing
