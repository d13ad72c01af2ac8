// The title search's index kept current with the catalog, on a real database of the engine under test: a
// small catalog rebuilt in place by the search that finds it changed, a large one on a thread and connection
// of its own while searches keep the old index.
#include "search/catalog_search.hpp"

#include <gtest/gtest.h>

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
