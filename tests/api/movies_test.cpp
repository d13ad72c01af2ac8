// GET /api/movies/?search= and GET /api/movies/genres/
#include "catalog/imdb_import.hpp"
#include "support/api_fixture.hpp"
#include "support/catalog_seed.hpp"

namespace myvod::testing {
namespace {

using Strings = std::vector<std::string>;

class MoviesSearchTest : public ApiTest {
 protected:
  static HttpResult search(const std::string& encoded_query) {
    return client().get("/api/movies/?search=" + encoded_query);
  }
  static Strings titles(const HttpResult& result) {
    Strings found;
    const auto json = result.json();
    for (const auto& item : json.as_array()) found.emplace_back(item.at("primary_title").as_string());
    return found;
  }
  static Strings tconsts(const HttpResult& result) {
    Strings found;
    const auto json = result.json();
    for (const auto& item : json.as_array()) found.emplace_back(item.at("tconst").as_string());
    return found;
  }
  static bool contains(const Strings& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  }
};

TEST_F(MoviesSearchTest, FindsTitlesWithTheItemShape) {
  const auto tconst = seed_movie(db(), {.title = "Searchq Space Adventure",
                                        .year = 2010,
                                        .rating = 8.6,
                                        .votes = 1234,
                                        .poster = "https://image.example/p.jpg"});
  auto result = search("Searchq%20Space%20Adventure");
  ASSERT_EQ(result.status, 200u) << result.body;
  const auto json = result.json();
  ASSERT_FALSE(json.as_array().empty());
  EXPECT_EQ(
      boost::json::serialize(json.as_array().at(0)),
      R"({"tconst":")" + tconst +
          R"(","primary_title":"Searchq Space Adventure","start_year":2010,"avg_rating":"8.6","poster_path":"https://image.example/p.jpg","num_votes":1234})");
}

TEST_F(MoviesSearchTest, NullFieldsAreNull) {
  seed_movie(db(), {.title = "Searchq Nothing Known",
                    .year = std::nullopt,
                    .rating = std::nullopt,
                    .votes = std::nullopt});
  auto result = search("Searchq%20Nothing%20Known");
  const auto item = result.json().as_array().at(0);
  EXPECT_EQ(item.at("start_year"), nullptr);
  EXPECT_EQ(item.at("avg_rating"), nullptr);
  EXPECT_EQ(item.at("poster_path"), nullptr);
  EXPECT_EQ(item.at("num_votes"), nullptr);
}

TEST_F(MoviesSearchTest, ValidationMessages) {
  auto missing = client().get("/api/movies/");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.body, R"({"search":["Search parameter is required."]})");
  EXPECT_EQ(search("").body, R"({"search":["Search parameter cannot be blank."]})");
  EXPECT_EQ(search("%20%20%20").body, R"({"search":["Search parameter cannot be blank."]})");
  auto long_query = search(std::string(256, 'a'));
  EXPECT_EQ(long_query.status, 400u);
  EXPECT_EQ(long_query.body, R"({"search":["Search query cannot exceed 255 characters."]})");
  EXPECT_EQ(search("%20" + std::string(255, 'a') + "%20").status, 200u);  // trimmed first
  EXPECT_EQ(search(std::string(255, 'a')).status, 200u);
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE"})
    EXPECT_EQ(client().method(method, "/api/movies/?search=x").status, 405u) << method;
}

TEST_F(MoviesSearchTest, CaseAccentsAndWhitespaceDoNotMatter) {
  seed_movie(db(), {.title = "Searchq Dream Layers"});
  seed_movie(db(), {.title = "Searchq Café París"});
  for (const char* query : {"searchq%20dream%20layers", "SEARCHQ%20DREAM%20LAYERS",
                            "SeArChQ%20dReAm%20LaYeRs", "%20%20Searchq%20Dream%20Layers%20%20"}) {
    auto result = search(query);
    ASSERT_EQ(result.status, 200u);
    ASSERT_FALSE(titles(result).empty()) << query;
    EXPECT_EQ(titles(result).front(), "Searchq Dream Layers") << query;
  }
  EXPECT_TRUE(contains(titles(search("Searchq%20Cafe%20Paris")), "Searchq Café París"));
  // Decomposed accents (e + combining acute) fold the same way.
  EXPECT_EQ(titles(search("Searchq%20Cafe%CC%81%20Pari%CC%81s")).front(), "Searchq Café París");
}

TEST_F(MoviesSearchTest, ExactTitleFirstThenLongerAndTypos) {
  seed_movie(db(), {.title = "Searchq Digital World Reloaded", .votes = 900000});
  seed_movie(db(), {.title = "Searchq Digital World", .votes = 10});
  seed_movie(db(), {.title = "Searchq Dream Within"});
  seed_movie(db(), {.title = "Searchq: The Epic Quest & Adventure!"});
  auto exact = titles(search("Searchq%20Digital%20World"));
  ASSERT_GE(exact.size(), 2u);
  EXPECT_EQ(exact.at(0), "Searchq Digital World");
  EXPECT_TRUE(contains(exact, "Searchq Digital World Reloaded"));
  EXPECT_TRUE(contains(titles(search("Searchq%20Dream%20Withn")), "Searchq Dream Within"));
  EXPECT_TRUE(contains(titles(search("Searchq%20Epic%20Quest")), "Searchq: The Epic Quest & Adventure!"));
  seed_movie(db(), {.title = "Searchq Dark Matter"});
  EXPECT_TRUE(contains(titles(search("Searchq%20Dark")), "Searchq Dark Matter"));
  seed_movie(db(), {.title = "Searchq Stellar Winds"});
  const auto stellar = titles(search("Searchq%20Stellar"));
  ASSERT_FALSE(stellar.empty());
  EXPECT_TRUE(stellar.front().starts_with("Searchq Stellar"));
}

TEST_F(MoviesSearchTest, IdenticalTitlesRankByVotesThenRatingThenYear) {
  const auto few = seed_movie(db(), {.title = "Searchq Twin Title", .rating = 9.0, .votes = 10000});
  const auto unknown = seed_movie(db(), {.title = "Searchq Twin Title", .votes = std::nullopt});
  const auto many = seed_movie(db(), {.title = "Searchq Twin Title", .votes = 300000});
  const auto unrated =
      seed_movie(db(), {.title = "Searchq Twin Title", .rating = std::nullopt, .votes = 10000});
  EXPECT_EQ(tconsts(search("Searchq%20Twin%20Title")), (Strings{many, unrated, few, unknown}));
}

TEST_F(MoviesSearchTest, AtMostTwentyResultsAndOddQueries) {
  for (int i = 0; i < 50; ++i) seed_movie(db(), {.title = "Searchq LimitTest Movie " + std::to_string(i)});
  EXPECT_EQ(titles(search("Searchq%20LimitTest%20Movie")).size(), 20u);
  auto symbols = search("%23%23%23%24%24%24%25%25%25%5E%5E%5E%26%26%26***%7C%7C%7C~~~%60%60%60");
  EXPECT_EQ(symbols.status, 200u);
  EXPECT_LE(symbols.json().as_array().size(), 5u);
  EXPECT_EQ(search("%C5%BC%F0%9F%8E%AC").status, 200u);  // non-Latin letters and an emoji
  EXPECT_EQ(search("%FF%FE").status, 200u);              // invalid UTF-8
}

TEST_F(MoviesSearchTest, AnImportByAnotherConnectionIsSearchableAtOnce) {
  // The import runs on the test's own connection, as `myvod import-imdb` in another process would.
  EXPECT_TRUE(titles(search("Searchq%20Freshly%20Imported")).empty() ||
              titles(search("Searchq%20Freshly%20Imported")).front() != "Searchq Freshly Imported");
  const std::string basics =
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
      "tt7900001\tmovie\tSearchq Freshly Imported\tSearchq Freshly Imported\t0\t2024\t\\N\t100\tDrama\n";
  GzipLineReader reader(GzipLineReader::from_memory(
      std::span(reinterpret_cast<const unsigned char*>(basics.data()), basics.size())));
  catalog::import_imdb(db(), reader, nullptr);
  auto result = search("Searchq%20Freshly%20Imported");
  ASSERT_FALSE(titles(result).empty());
  EXPECT_EQ(titles(result).front(), "Searchq Freshly Imported");
}

// A reader of `text`, which must outlive it.
GzipLineReader reader_of(const std::string& text) {
  return GzipLineReader(GzipLineReader::from_memory(
      std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size())));
}

// design.md §4: a movie is found by its original title and its imported other titles, once, and the answer
// still shows its primary title.
TEST_F(MoviesSearchTest, AMovieIsFoundByAnyOfItsTitlesOnceAndShownByItsPrimaryTitle) {
  const std::string basics =
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
      "tt7900002\tmovie\tSearchq Parasite\tSearchq Gisaengchung\t0\t2019\t\\N\t132\tDrama\n";
  const std::string akas =
      "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n"
      "tt7900002\t1\tSearchq Pasożyt\tPL\t\\N\timdbDisplay\t\\N\t0\n"
      "tt7900002\t2\tSearchq Parasite\tUS\t\\N\timdbDisplay\t\\N\t0\n"
      "tt7900002\t3\tSearchq Parasit\tDE\t\\N\timdbDisplay\t\\N\t0\n";  // not asked for
  auto basics_reader = reader_of(basics);
  catalog::import_imdb(db(), basics_reader, nullptr);
  auto akas_reader = reader_of(akas);
  catalog::import_akas(db(), akas_reader, {"PL", "US"});
  for (const char* query :
       {"Searchq%20Parasite", "searchq%20gisaengchung", "Searchq%20Paso%C5%BCyt", "searchq%20pasozyt"}) {
    const auto result = search(query);
    ASSERT_EQ(result.status, 200u) << query;
    const auto found = tconsts(result);
    ASSERT_FALSE(found.empty()) << query;
    EXPECT_EQ(found.front(), "tt7900002") << query;
    EXPECT_EQ(std::count(found.begin(), found.end(), "tt7900002"), 1) << query;
    EXPECT_EQ(titles(result).front(), "Searchq Parasite") << query;
  }
}

TEST_F(MoviesSearchTest, GenresAreListedByName) {
  seed_movie(db(), {.title = "Searchq Genre Holder", .genres = "Film-Noir,Sci-Fi"});
  auto result = client().get("/api/movies/genres/");
  ASSERT_EQ(result.status, 200u);
  Strings names;
  const auto json = result.json();
  for (const auto& item : json.as_array()) {
    EXPECT_EQ(item.as_object().size(), 1u);
    names.emplace_back(item.at("name").as_string());
  }
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_TRUE(contains(names, "Film-Noir"));
  EXPECT_TRUE(contains(names, "Sci-Fi"));
  EXPECT_EQ(client().method("POST", "/api/movies/genres/").status, 405u);
}

}  // namespace
}  // namespace myvod::testing
