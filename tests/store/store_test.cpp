// Migrations and the catalog import against a real database of the engine under test.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <cstring>
#include <future>
#include <latch>
#include <map>
#include <thread>

#include "catalog/imdb_import.hpp"
#include "common/resources.hpp"
#include "search/trigram.hpp"
#include "store/database.hpp"
#include "store/engine.hpp"
#include "store/migrations.hpp"
#include "support/catalog_seed.hpp"
#include "support/raw_sql.hpp"
#include "support/test_database.hpp"

namespace myvod::testing {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = std::make_unique<TestDatabase>(engine_under_test());
    store_ = store::open_store(database_->store_url());
  }
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(StoreTest, MigrationsApplyOnceAndSeedPlatforms) {
  const auto first = store::migrate(*store_);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.front().version, 1);
  EXPECT_TRUE(store::migrate(*store_).empty());
  const auto platforms = store_->platforms().list();
  ASSERT_EQ(platforms.size(), 5u);
  EXPECT_EQ(platforms[3].slug, "primevideo");
  EXPECT_EQ(platforms[3].name, "Amazon Prime Video");
}

TEST_F(StoreTest, BothEnginesHaveTheSameMigrations) {
  std::vector<std::string> sqlite, postgres;
  for (const auto& r : resources::under("migrations/sqlite/")) sqlite.emplace_back(r.path.substr(18));
  for (const auto& r : resources::under("migrations/postgres/")) postgres.emplace_back(r.path.substr(20));
  EXPECT_EQ(sqlite, postgres);
}

GzipLineReader reader_for(const std::string& text) {
  auto owned = std::make_shared<std::string>(text);
  size_t offset = 0;
  return GzipLineReader([owned, offset](char* buffer, size_t capacity) mutable {
    const size_t n = std::min(capacity, owned->size() - offset);
    std::memcpy(buffer, owned->data() + offset, n);
    offset += n;
    return n;
  });
}

TEST_F(StoreTest, SampleCatalogLoadsOnceAndReimportIsIdempotent) {
  store::migrate(*store_);
  auto summary = catalog::load_bundled_sample_if_empty(*store_);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->movies, 1269u);
  EXPECT_EQ(summary->inserted, 1269u);
  EXPECT_EQ(summary->basics_rows, 1435u);
  EXPECT_EQ(summary->skipped, 1435u - 1269u);
  EXPECT_EQ(summary->malformed, 0u);
  EXPECT_EQ(store_->catalog().count_movies(), 1269);
  EXPECT_FALSE(catalog::load_bundled_sample_if_empty(*store_));
  const auto genres = store_->catalog().list_genres();
  EXPECT_EQ(genres.size(), summary->genres);
  EXPECT_TRUE(std::is_sorted(genres.begin(), genres.end()));

  GzipLineReader basics(
      GzipLineReader::from_memory(resources::get("data/imdb-sample/title.basics.tsv.gz").bytes));
  GzipLineReader ratings(
      GzipLineReader::from_memory(resources::get("data/imdb-sample/title.ratings.tsv.gz").bytes));
  auto again = catalog::import_imdb(*store_, basics, &ratings);
  EXPECT_EQ(again.inserted, 0u);
  EXPECT_EQ(again.updated, 0u);
  EXPECT_EQ(again.unchanged, 1269u);
  EXPECT_EQ(store_->catalog().count_movies(), 1269);
}

TEST_F(StoreTest, ImportUpdatesChangesReportsMalformedLinesAndKeepsPosters) {
  store::migrate(*store_);
  const std::string header =
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n";
  auto basics = reader_for(header +
                           "tt0000001\tmovie\tFirst\tFirst\t0\t1999\t\\N\t90\tDrama\n"
                           "tt0000002\tshort\tShort\tShort\t0\t2000\t\\N\t5\tComedy\n"
                           "tt0000003\tmovie\tThird\t\\N\t0\t\\N\t\\N\t\\N\t\\N\n");
  auto ratings = reader_for("tconst\taverageRating\tnumVotes\ntt0000001\t8.6\t1000\n");
  auto first = catalog::import_imdb(*store_, basics, &ratings);
  EXPECT_EQ(first.inserted, 2u);
  EXPECT_EQ(first.skipped, 1u);
  sql(*store_) << "UPDATE movie SET poster_path = 'https://posters/1.jpg' WHERE tconst = 'tt0000001'";

  auto changed = reader_for(header +
                            "tt0000001\tmovie\tFirst (Director's Cut)\tFirst\t0\t1999\t\\N\t90\tDrama\n"
                            "tt0000003\tmovie\tThird\t\\N\t0\t\\N\t\\N\t\\N\t\\N\n"
                            "tt0000004\tmovie\tFourth\tFourth\t0\tnineteen\t\\N\t\\N\t\\N\n"
                            "broken line\n"
                            "tt0000005\tmovie\tFifth\tFifth\t0\t2001\t\\N\t\\N\tAction,Sci-Fi\n");
  auto second = catalog::import_imdb(*store_, changed, nullptr);
  EXPECT_EQ(second.inserted, 1u);
  EXPECT_EQ(second.updated, 1u);
  EXPECT_EQ(second.unchanged, 1u);
  EXPECT_EQ(second.malformed, 2u);
  ASSERT_EQ(second.malformed_lines.size(), 2u);
  EXPECT_EQ(second.malformed_lines[0].line_number, 4u);
  EXPECT_EQ(second.malformed_lines[1].line_number, 5u);

  std::string title, poster;
  sql(*store_) << "SELECT primary_title, poster_path FROM movie WHERE tconst = 'tt0000001'",
      soci::into(title), soci::into(poster);
  EXPECT_EQ(title, "First (Director's Cut)");
  EXPECT_EQ(poster, "https://posters/1.jpg");
  EXPECT_EQ(store_->catalog().count_movies(), 3);
  const auto genres = store_->catalog().list_genres();
  EXPECT_EQ(genres, (std::vector<std::string>{"Action", "Drama", "Sci-Fi"}));
}

// The ratings are a file of their own: an import without it has nothing to say about them, so it leaves the
// stored ones alone (and a title it does not change stays unchanged); with it, a title it omits has none.
TEST_F(StoreTest, PosterWritesAreNumberedAndReadBackSinceANumber) {
  store::migrate(*store_);
  const auto first = seed_movie(*store_, {.title = "First"});
  const auto second = seed_movie(*store_, {.title = "Second"});
  const long long before = store_->catalog().versions().poster_change;
  const std::string catalog = store_->catalog().version();
  const Timestamp checked{std::chrono::seconds(1'700'000'000)};
  store_->posters().save(first, 1, "https://image.example/1.jpg", checked);
  store_->posters().save(second, 2, std::nullopt, checked);
  const auto versions = store_->catalog().versions();
  EXPECT_EQ(versions.poster_change, before + 2);
  EXPECT_EQ(versions.catalog, catalog);  // a poster is not a catalog change: no index rebuild
  EXPECT_TRUE(store_->posters().changes_since(before + 2).empty());
  const auto last = store_->posters().changes_since(before + 1);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].tconst, second);
  EXPECT_FALSE(last[0].state.poster_path);
  EXPECT_EQ(last[0].state.checked_at, checked);
  auto both = store_->posters().changes_since(before);
  ASSERT_EQ(both.size(), 2u);
  std::sort(both.begin(), both.end(), [](const auto& a, const auto& b) { return a.tconst < b.tconst; });
  EXPECT_EQ(both[0].tconst, first);
  EXPECT_EQ(both[0].state.poster_path, "https://image.example/1.jpg");
}

TEST_F(StoreTest, ImportWithoutTheRatingsFileKeepsTheStoredRatings) {
  store::migrate(*store_);
  const std::string basics_text =
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
      "tt0000001\tmovie\tFirst\tFirst\t0\t1999\t\\N\t90\tDrama\n"
      "tt0000002\tmovie\tSecond\tSecond\t0\t2000\t\\N\t90\tDrama\n";
  const auto rating_of = [&](const std::string& tconst) {
    double rating = 0;
    int votes = 0;
    soci::indicator rating_set, votes_set;
    sql(*store_) << "SELECT avg_rating, num_votes FROM movie WHERE tconst = :tconst", soci::use(tconst),
        soci::into(rating, rating_set), soci::into(votes, votes_set);
    return rating_set == soci::i_ok && votes_set == soci::i_ok ? std::optional(std::pair(rating, votes))
                                                               : std::nullopt;
  };
  auto basics = reader_for(basics_text);
  auto ratings = reader_for("tconst\taverageRating\tnumVotes\ntt0000001\t8.6\t1000\ntt0000002\t7.1\t20\n");
  EXPECT_EQ(catalog::import_imdb(*store_, basics, &ratings).inserted, 2u);

  auto again = reader_for(basics_text);
  const auto without = catalog::import_imdb(*store_, again, nullptr);
  EXPECT_EQ(without.unchanged, 2u);
  EXPECT_EQ(without.updated, 0u);
  EXPECT_EQ(rating_of("tt0000001"), std::pair(8.6, 1000));
  auto retitled =
      reader_for(basics_text + "tt0000001\tmovie\tFirst, Restored\tFirst\t0\t1999\t\\N\t90\tDrama\n");
  EXPECT_EQ(catalog::import_imdb(*store_, retitled, nullptr).updated, 1u);
  EXPECT_EQ(rating_of("tt0000001"), std::pair(8.6, 1000));

  auto once_more = reader_for(basics_text);
  auto fewer = reader_for("tconst\taverageRating\tnumVotes\ntt0000002\t7.2\t25\n");
  catalog::import_imdb(*store_, once_more, &fewer);
  EXPECT_EQ(rating_of("tt0000001"), std::nullopt);
  EXPECT_EQ(rating_of("tt0000002"), std::pair(7.2, 25));
}

}  // namespace
}  // namespace myvod::testing

namespace myvod::testing {
namespace {

// Our trigram similarity must be pg_trgm's, so that search ranks as the original (PostgreSQL) server did.
// PostgreSQL ships pg_trgm, so the PostgreSQL run checks our figures against it; on SQLite there is
// nothing to compare with.
// The other titles a movie is known by (title.akas), for the regions asked for.
class AkasImportTest : public StoreTest {
 protected:
  static constexpr const char* kHeader =
      "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n";

  void SetUp() override {
    StoreTest::SetUp();
    store::migrate(*store_);
    auto basics = reader_for(
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres"
        "\n"
        "tt0000001\tmovie\tParasite\tGisaengchung\t0\t2019\t\\N\t132\tDrama\n"
        "tt0000002\ttvSeries\tShow\tShow\t0\t2000\t\\N\t30\tDrama\n"
        "tt0000003\tmovie\tThird\tThird\t0\t2001\t\\N\t90\tDrama\n");
    catalog::import_imdb(*store_, basics, nullptr);
  }

  catalog::AkaImportSummary import(const std::string& rows, const std::vector<std::string>& regions) {
    auto akas = reader_for(kHeader + rows);
    return catalog::import_akas(*store_, akas, regions);
  }

  // Each movie's other titles, as the search index reads them.
  std::map<std::string, std::vector<std::string>> other_titles() {
    std::map<std::string, std::vector<std::string>> titles;
    store_->catalog().for_each_title([&](const domain::Movie& movie) {
      if (!movie.other_titles.empty()) titles[movie.tconst] = movie.other_titles;
    });
    return titles;
  }
};

TEST_F(AkasImportTest, KeepsTheRegionsAskedForOfMoviesOnlyAndNothingTheMovieIsAlreadyCalled) {
  const std::string before = store_->catalog().version();
  const auto summary = import(
      "tt0000001\t1\tPasożyt\tPL\tpl\timdbDisplay\t\\N\t0\n"
      "tt0000001\t2\tParasite\tUS\t\\N\timdbDisplay\t\\N\t0\n"   // the primary title
      "tt0000001\t3\tGisaengchung\t\\N\tko\toriginal\t\\N\t1\n"  // no region
      "tt0000001\t4\tParasite: Black and White\tPL\t\\N\t\\N\t\\N\t0\n"
      "tt0000001\t5\tPasożyt\tPL\tpl\tdvd\t\\N\t0\n"           // the same title again
      "tt0000001\t6\tParasit\tDE\t\\N\timdbDisplay\t\\N\t0\n"  // a region not asked for
      "tt0000002\t1\tSerial\tPL\t\\N\t\\N\t\\N\t0\n"           // not a movie
      "tt0000009\t1\tNieznany\tPL\t\\N\t\\N\t\\N\t0\n"         // not in the catalog
      "broken\tline\n",
      {"PL", "US"});
  EXPECT_EQ(summary.rows, 9u);
  EXPECT_EQ(summary.kept, 4u);
  EXPECT_EQ(summary.added, 2);
  EXPECT_EQ(summary.removed, 0);
  EXPECT_EQ(summary.malformed, 1u);
  ASSERT_EQ(summary.malformed_lines.size(), 1u);
  EXPECT_EQ(summary.malformed_lines[0].line_number, 10u);
  const auto titles = other_titles();
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(titles.at("tt0000001"), (std::vector<std::string>{"Parasite: Black and White", "Pasożyt"}));
  EXPECT_NE(store_->catalog().version(), before);
  std::vector<std::string> originals;
  store_->catalog().for_each_title(
      [&](const domain::Movie& movie) { originals.push_back(movie.original_title); });
  EXPECT_EQ(originals, (std::vector<std::string>{"Gisaengchung", "Third"}));
}

TEST_F(AkasImportTest, AReimportChangesOnlyWhatTheFileChangedInTheRegionsAskedFor) {
  const std::string pl =
      "tt0000001\t1\tPasożyt\tPL\tpl\timdbDisplay\t\\N\t0\n"
      "tt0000003\t1\tTrzeci\tPL\t\\N\t\\N\t\\N\t0\n";
  import(pl, {"PL"});
  const std::string version = store_->catalog().version();
  const auto again = import(pl, {"PL"});
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.removed, 0);
  EXPECT_EQ(store_->catalog().version(), version);  // nothing changed: no index rebuild

  // Another region leaves PL's titles alone...
  const auto german = import(pl + "tt0000003\t2\tDritte\tDE\t\\N\t\\N\t\\N\t0\n", {"DE"});
  EXPECT_EQ(german.added, 1);
  EXPECT_EQ(german.removed, 0);
  // ...and a newer file without a title removes it from the regions asked for.
  const auto newer = import("tt0000001\t1\tPasożyt\tPL\tpl\timdbDisplay\t\\N\t0\n", {"PL"});
  EXPECT_EQ(newer.added, 0);
  EXPECT_EQ(newer.removed, 1);
  EXPECT_NE(store_->catalog().version(), version);
  const auto titles = other_titles();
  EXPECT_EQ(titles.at("tt0000001"), std::vector<std::string>{"Pasożyt"});
  EXPECT_EQ(titles.at("tt0000003"), std::vector<std::string>{"Dritte"});
}

TEST_F(AkasImportTest, RegionsMustBeCodes) {
  EXPECT_THROW(import("", {}), std::invalid_argument);
  EXPECT_THROW(import("", {"pl"}), std::invalid_argument);
  EXPECT_THROW(import("", {"PL'; DROP TABLE movie; --"}), std::invalid_argument);
  EXPECT_TRUE(catalog::is_region_code("XWW"));
  EXPECT_FALSE(catalog::is_region_code("P"));
}

TEST_F(StoreTest, TrigramSimilarityMatchesPgTrgm) {
  if (engine_under_test() != store::Engine::postgres) GTEST_SKIP() << "pg_trgm exists on PostgreSQL only";
  sql(*store_) << "CREATE EXTENSION IF NOT EXISTS pg_trgm";
  const std::vector<std::pair<std::string, std::string>> pairs{
      {"word", "two words"},
      {"the dark knight", "dark knight"},
      {"the dark knigt", "The Dark Knight Rises"},
      {"matrix", "The Matrix Reloaded"},
      {"ma", "Mad Max"},
      {"a", "A"},
      {"testmovie epic quest", "TestMovie: The Epic Quest & Adventure!"},
      {"cafe paris", "cafe paris"},
      {"x-men 2", "X2: X-Men United"},
      {"###$$$", "Anything"},
      {"o'brien", "O Brother, Where Art Thou?"},
      {"1917", "1917"},
      {"star wars episode iv", "Star Wars: Episode IV - A New Hope"},
  };
  for (const auto& [query, title] : pairs) {
    const auto query_grams = search::trigrams(search::fold(query));
    const auto title_grams = search::trigrams(search::fold(title));
    std::vector<search::Trigram> common;
    std::set_intersection(query_grams.begin(), query_grams.end(), title_grams.begin(), title_grams.end(),
                          std::back_inserter(common));
    const float ours = search::similarity(common.size(), query_grams.size(), title_grams.size());
    double theirs = 0;
    sql(*store_) << "SELECT similarity(lower(:title), :query)", soci::use(title), soci::use(query),
        soci::into(theirs);
    EXPECT_NEAR(ours, theirs, 1e-6) << query << " / " << title;
  }
}

// Two requests that lock the same two rows in opposite orders deadlock on PostgreSQL, which rolls one of them
// back (40P01); that one runs again once the other has committed, so both succeed, as one after the other
// would (the loser used to answer 500 "deadlock detected"). SQLite writes one transaction at a time.
TEST_F(StoreTest, ATransactionThatLosesADeadlockRunsAgain) {
  if (engine_under_test() != store::Engine::postgres) GTEST_SKIP() << "SQLite transactions cannot deadlock";
  store::migrate(*store_);
  store::Database database(database_->store_url(), 2);
  std::latch both_hold_their_first_row(2);
  std::atomic<int> attempts{0};
  auto lock_in_order = [&](int first, int second) {
    return [&, first, second, once = std::make_shared<std::once_flag>()](store::Store& store) {
      ++attempts;
      store.transaction([&] {
        sql(store) << "UPDATE platform SET platform_name = platform_name WHERE id = :id", soci::use(first);
        std::call_once(*once, [&] { both_hold_their_first_row.arrive_and_wait(); });
        sql(store) << "UPDATE platform SET platform_name = platform_name WHERE id = :id", soci::use(second);
      });
      return first;
    };
  };
  auto one =
      std::async(std::launch::async, [&] { return database.with_store_retrying(lock_in_order(1, 2)); });
  auto other =
      std::async(std::launch::async, [&] { return database.with_store_retrying(lock_in_order(2, 1)); });
  EXPECT_EQ(one.get(), 1);
  EXPECT_EQ(other.get(), 2);
  EXPECT_EQ(attempts.load(), 3) << "exactly one of the two ran again";
}

TEST_F(StoreTest, ATransactionThatLosesTwiceIsA503WithRetryAfter) {
  store::Database database(database_->store_url(), 1);
  int attempts = 0;
  auto always_loses = [&](store::Store&) -> int {
    ++attempts;
    throw soci::postgresql_soci_error("ERROR:  could not serialize access", "40001");
  };
  if (engine_under_test() != store::Engine::postgres) {
    EXPECT_THROW(database.with_store_retrying(always_loses), soci::soci_error) << "PostgreSQL's states only";
    EXPECT_EQ(attempts, 1);
    return;
  }
  try {
    database.with_store_retrying(always_loses);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::unavailable);
    EXPECT_EQ(error.retry_after_seconds, 1);
  }
  EXPECT_EQ(attempts, 2);
}

// SQLite: a process's writers queue before SQLite's write lock (store/engine.hpp, writer_queue), each holding
// the queue from its BEGIN to its commit or rollback, one queue per database file; and each connection waits
// for a writer of another process (an import) as long.
TEST_F(StoreTest, SqliteWritersOfOneProcessQueueFromBeginToTheEnd) {
  if (engine_under_test() != store::Engine::sqlite) GTEST_SKIP() << "PostgreSQL's writers lock rows";
  store::migrate(*store_);
  const auto url = database_->store_url();
  const auto queue = store::sqlite::writer_queue(url.target);
  const auto held = [&] {
    if (!queue->try_lock()) return true;
    queue->unlock();
    return false;
  };
  const auto another_connection = store::open_store(url);
  EXPECT_FALSE(held());
  store_->transaction([&] {
    EXPECT_TRUE(held());
    sql(*store_) << "UPDATE platform SET platform_name = platform_name WHERE id = 1";
  });
  EXPECT_FALSE(held()) << "a committed writer left the queue";
  EXPECT_THROW(another_connection->transaction([&] {
    EXPECT_TRUE(held());
    throw std::runtime_error("refused");
  }),
               std::runtime_error);
  EXPECT_FALSE(held()) << "a rolled-back writer left the queue";
  store_->transaction([&] { EXPECT_TRUE(held()); });

  TestDatabase other_file(store::Engine::sqlite);
  EXPECT_NE(store::sqlite::writer_queue(other_file.store_url().target), queue);
  int busy_timeout_ms = 0;
  sql(*another_connection) << "PRAGMA busy_timeout", soci::into(busy_timeout_ms);
  EXPECT_EQ(busy_timeout_ms, 10'000);
}

}  // namespace
}  // namespace myvod::testing
