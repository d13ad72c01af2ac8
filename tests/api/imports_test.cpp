// POST /api/imports/, POST /api/imports/resolve/, GET /api/exports/{ratings.csv,watchlist.csv,my-data.json}:
// realistic IMDb and Letterboxd files written here, both engines.
#include <fmt/format.h>

#include <thread>

#include "support/raw_sql.hpp"
#include "support/user_movie_fixture.hpp"
#include "support/zip_writer.hpp"

namespace myvod::testing {
namespace {

using boost::json::object;

constexpr std::string_view kRatingsHeader =
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
    "Num Votes,Release Date,Directors\r\n";
constexpr std::string_view kWatchlistHeader =
    "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime "
    "(mins),"
    "Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated\r\n";

std::string ratings_row(const std::string& tconst, const std::string& rating, const std::string& date,
                        const std::string& title, const std::string& type = "Movie") {
  return fmt::format(
      "{},{},{},\"{}\",\"{}\",https://www.imdb.com/title/{}/,{},7.5,120,1999,\"Drama, Crime\",1000,"
      "1999-01-01,\"Someone, Else\"\r\n",
      tconst, rating, date, title, title, tconst, type);
}

std::string watchlist_row(int position, const std::string& tconst, const std::string& date) {
  return fmt::format(
      "{},{},{},{},,Title,Title,https://www.imdb.com/title/{}/,Movie,7.5,120,1999,Drama,1000,,,,\r\n",
      position, tconst, date, date, tconst);
}

Timestamp day(const char* text) {
  return domain::parse_day(text).value();
}

class ImportsTest : public UserMovieApiTest {
 protected:
  void SetUp() override { user = caller(); }

  // A word no other test's titles hold, so title matching only sees this test's movies.
  static std::string unique_word() {
    const auto email = unique_email("qz");
    return email.substr(0, email.find('@'));
  }

  static HttpResult upload(const std::string& query, const std::string& body, const std::string& token,
                           const std::string& content_type = "text/csv") {
    return client().send({"POST",
                          "/api/imports/?" + query,
                          body,
                          {{"Content-Type", content_type}, {"Authorization", "Bearer " + token}}});
  }
  HttpResult import_imdb(const std::string& body, bool dry_run = false) {
    return upload(std::string("source=imdb&dry_run=") + (dry_run ? "true" : "false"), body, user.token());
  }
  HttpResult import_letterboxd(const std::string& body, const std::string& extra = "") {
    return upload("source=letterboxd" + extra, body, user.token(),
                  looks_like_zip(body) ? "application/zip" : "text/csv");
  }
  static bool looks_like_zip(const std::string& body) { return body.starts_with("PK"); }

  std::optional<domain::UserMovieState> row(const std::string& tconst) {
    const auto stored = stored_row(db(), user.id, tconst);
    if (!stored) return std::nullopt;
    return stored->state;
  }

  static std::string counts(const HttpResult& result) {
    const auto json = result.json().as_object();
    return fmt::format("added {} updated {} unchanged {} skipped {} errors {} review {}",
                       json.at("added").as_int64(), json.at("updated").as_int64(),
                       json.at("unchanged").as_int64(), json.at("skipped").as_array().size(),
                       json.at("errors").as_array().size(), json.at("needs_review").as_array().size());
  }

  Caller user;
};

TEST_F(ImportsTest, ImdbRatingsDryRunThenImportThenAgain) {
  const auto godfather = seed_movie(db(), {.title = "The Godfather, Part II", .year = 1974});
  const auto amelie = seed_movie(db(), {.title = "Le fabuleux destin d'Amélie Poulain", .year = 2001});
  const std::string file = "\xEF\xBB\xBF" + std::string(kRatingsHeader) +
                           ratings_row(godfather, "10", "2020-05-01", "The Godfather, Part II") +
                           ratings_row(amelie, "8", "2021-02-03", "Le fabuleux destin d'Amélie Poulain") +
                           ratings_row("tt0903747", "9", "2021-01-01", "Breaking Bad", "TV Series") +
                           ratings_row("tt9999990", "9", "2021-01-01", "Not Here") +
                           ratings_row(godfather, "12", "2021-01-01", "Bad rating");

  auto preview = import_imdb(file, true);
  ASSERT_EQ(preview.status, 200u) << preview.body;
  EXPECT_EQ(counts(preview), "added 2 updated 0 unchanged 0 skipped 2 errors 1 review 0");
  const auto json = preview.json().as_object();
  EXPECT_TRUE(json.at("dry_run").as_bool());
  EXPECT_EQ(json.at("rows").as_int64(), 5);
  const auto& change = json.at("changes").as_array().at(0).as_object();
  EXPECT_EQ(change.at("tconst").as_string(), godfather);
  EXPECT_EQ(change.at("change").as_string(), "added");
  EXPECT_EQ(change.at("list").as_string(), "watched");
  EXPECT_EQ(change.at("watched_at").as_string(), "2020-05-01T00:00:00Z");
  EXPECT_EQ(change.at("user_rating").as_int64(), 10);
  EXPECT_EQ(json.at("skipped").as_array().at(0).at("reason").as_string(), "not_a_movie");
  EXPECT_EQ(json.at("skipped").as_array().at(1).at("reason").as_string(), "not_in_catalog");
  EXPECT_EQ(json.at("skipped").as_array().at(1).at("line").as_int64(), 5);
  EXPECT_EQ(
      boost::json::serialize(json.at("errors")),
      R"([{"file":"ratings","line":6,"message":"Your Rating \"12\" is not a whole number from 1 to 10."}])");
  EXPECT_FALSE(row(godfather)) << "a dry run writes nothing";

  auto imported = import_imdb(file);
  ASSERT_EQ(imported.status, 200u) << imported.body;
  EXPECT_EQ(counts(imported), "added 2 updated 0 unchanged 0 skipped 2 errors 1 review 0");
  EXPECT_EQ(row(godfather)->watched_at, day("2020-05-01"));
  EXPECT_EQ(row(godfather)->user_rating, 10);
  EXPECT_EQ(row(amelie)->user_rating, 8);

  auto again = import_imdb(file);
  EXPECT_EQ(counts(again), "added 0 updated 0 unchanged 2 skipped 2 errors 1 review 0");
  EXPECT_EQ(row(godfather)->watched_at, day("2020-05-01"));
}

TEST_F(ImportsTest, DatesDecideAgainstWhatTheUserDidHere) {
  const auto seen = seed_movie(db(), {.title = "Seen Here Later"});
  const auto wanted = seed_movie(db(), {.title = "Wanted Here Later"});
  seed_user_movie(db(), user.id, seen, watched(10, 4));  // watched here minutes ago, rated 4
  seed_user_movie(db(), user.id, wanted, watchlisted(10));
  const std::string file = std::string(kRatingsHeader) + ratings_row(seen, "9", "2015-01-01", "Seen") +
                           ratings_row(wanted, "9", "2015-01-01", "Wanted");
  auto result = import_imdb(file);
  EXPECT_EQ(counts(result), "added 0 updated 0 unchanged 2 skipped 0 errors 0 review 0");
  EXPECT_EQ(row(seen)->user_rating, 4);
  EXPECT_TRUE(row(wanted)->on_watchlist());
}

TEST_F(ImportsTest, ImdbWatchlist) {
  const auto first = seed_movie(db(), {.title = "Watchlist One"});
  const auto removed = seed_movie(db(), {.title = "Watchlist Removed"});
  auto state = watchlisted(100);
  state.watchlist_deleted_at = minutes_ago(50);  // taken off here after the file's date
  seed_user_movie(db(), user.id, removed, state);
  auto result = import_imdb(std::string(kWatchlistHeader) + watchlist_row(1, first, "2019-04-05") +
                            watchlist_row(2, removed, "2019-04-06"));
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(counts(result), "added 1 updated 0 unchanged 1 skipped 0 errors 0 review 0");
  EXPECT_TRUE(row(first)->on_watchlist());
  EXPECT_EQ(row(first)->watchlisted_at, day("2019-04-05"));
  EXPECT_FALSE(row(removed)->on_watchlist());
}

TEST_F(ImportsTest, LetterboxdZipMatchesByTitleAndYear) {
  const auto word = unique_word();
  // Remakes share a title in different years; the year tells them apart.
  const auto old_one = seed_movie(db(), {.title = "Suspiria " + word, .year = 1977});
  const auto remake = seed_movie(db(), {.title = "Suspiria " + word, .year = 2018});
  // Known by its original title; matched through it, accents and punctuation folded.
  const auto amelie = seed_movie(db(), {.title = "Amelie " + word,
                                        .original_title = "Le Fabuleux Destin d'Amélie Poulain " + word,
                                        .year = 2001});
  // Two movies of one title and year: the user chooses.
  const auto twin_a = seed_movie(db(), {.title = "Crash " + word, .year = 2004, .votes = 10});
  const auto twin_b = seed_movie(db(), {.title = "Crash " + word, .year = 2004, .votes = 500});
  // A year off by one: never guessed, offered.
  const auto off_by_one = seed_movie(db(), {.title = "Drift " + word, .year = 2011});

  const std::string watched =
      "Date,Name,Year,Letterboxd URI\r\n"
      "2019-01-02,Suspiria " +
      word +
      ",2018,https://boxd.it/1\r\n"
      "2019-01-03,\"le fabuleux destin d’amelie poulain, " +
      word +
      "\",2001,https://boxd.it/2\r\n"
      "2019-01-04,Crash " +
      word +
      ",2004,https://boxd.it/3\r\n"
      "2019-01-05,Drift " +
      word +
      ",2012,https://boxd.it/4\r\n"
      "2019-01-06,Nothing Like It " +
      word + ",1999,https://boxd.it/5\r\n";
  // The diary logs the remake twice: the later watch and the later rating stand.
  const std::string diary =
      "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\r\n"
      "2019-01-02,Suspiria " +
      word +
      ",2018,https://boxd.it/1,2.5,,,2019-01-01\r\n"
      "2020-03-01,Suspiria " +
      word + ",2018,https://boxd.it/1,4,Yes,,2020-02-28\r\n";
  const std::string ratings =
      "Date,Name,Year,Letterboxd URI,Rating\r\n"
      "2019-01-02,Suspiria " +
      word + ",1977,https://boxd.it/6,0.5\r\n";
  const std::string watchlist =
      "Date,Name,Year,Letterboxd URI\r\n"
      "2018-05-05,Suspiria " +
      word + ",1977,https://boxd.it/6\r\n";
  const auto zip = make_zip(
      {{"watched.csv", watched},
       {"diary.csv", diary},
       {"ratings.csv", ratings},
       {"watchlist.csv", watchlist},
       {"deleted/watched.csv", "Date,Name,Year,Letterboxd URI\r\n2019-01-01,Crash " + word + ",2004,u\r\n"},
       {"profile.csv", "Username\r\nsomeone\r\n"}});

  auto result = import_letterboxd(zip);
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(counts(result), "added 3 updated 0 unchanged 0 skipped 0 errors 0 review 3");
  EXPECT_EQ(row(remake)->watched_at, day("2020-02-28"));
  EXPECT_EQ(row(remake)->user_rating, 8);
  // Put on the watchlist in 2018, rated (so watched) in 2019: watched, half a star is 1.
  EXPECT_EQ(row(old_one)->user_rating, 1);
  EXPECT_EQ(row(old_one)->watched_at, day("2019-01-02"));
  EXPECT_EQ(row(amelie)->watched_at, day("2019-01-03"));

  const auto review = result.json().at("needs_review").as_array();
  const auto candidates_of = [&](size_t i) {
    std::vector<std::string> tconsts;
    for (const auto& candidate : review.at(i).at("candidates").as_array())
      tconsts.emplace_back(candidate.at("tconst").as_string());
    return tconsts;
  };
  EXPECT_EQ(review.at(0).at("title").as_string(), "Crash " + word);
  EXPECT_EQ(candidates_of(0), (std::vector<std::string>{twin_b, twin_a}));  // the most voted first
  EXPECT_EQ(review.at(0).at("rows").as_array().at(0).at("line").as_int64(), 4);
  EXPECT_EQ(candidates_of(1), (std::vector<std::string>{off_by_one}));
  EXPECT_TRUE(candidates_of(2).empty());
  EXPECT_FALSE(row(twin_a));
  EXPECT_FALSE(row(twin_b));

  // The user's choice comes back; applied by the same rules, and again changes nothing.
  const object choice{
      {"entries",
       boost::json::array{
           object{{"tconst", twin_a}, {"list", "watched"}, {"rating", 7}, {"date", "2019-01-04"}},
           object{
               {"tconst", off_by_one}, {"list", "watchlist"}, {"rating", nullptr}, {"date", "2019-01-05"}}}}};
  auto resolved = client().post("/api/imports/resolve/", choice, user.token());
  ASSERT_EQ(resolved.status, 200u) << resolved.body;
  EXPECT_EQ(counts(resolved), "added 2 updated 0 unchanged 0 skipped 0 errors 0 review 0");
  EXPECT_EQ(row(twin_a)->user_rating, 7);
  EXPECT_TRUE(row(off_by_one)->on_watchlist());
  EXPECT_EQ(counts(client().post("/api/imports/resolve/", choice, user.token())),
            "added 0 updated 0 unchanged 2 skipped 0 errors 0 review 0");
  // The whole export again: nothing new.
  EXPECT_EQ(counts(import_letterboxd(zip)), "added 0 updated 0 unchanged 3 skipped 0 errors 0 review 3");
}

TEST_F(ImportsTest, LetterboxdSingleCsvNeedsItsName) {
  const auto word = unique_word();
  const auto movie = seed_movie(db(), {.title = "Lone " + word, .year = 2010});
  const std::string file = "Date,Name,Year,Letterboxd URI\n2020-01-01,Lone " + word + ",2010,u\n";
  auto unnamed = import_letterboxd(file);
  EXPECT_EQ(unnamed.status, 400u);
  EXPECT_EQ(
      unnamed.body,
      R"({"detail":"Letterboxd's watched.csv and watchlist.csv have the same columns: say which of the two this is."})");
  EXPECT_EQ(import_letterboxd(file, "&file=lists.csv").body,
            R"({"file":["\"lists.csv\" is not a valid choice."]})");
  auto named = import_letterboxd(file, "&file=watchlist.csv");
  ASSERT_EQ(named.status, 200u) << named.body;
  EXPECT_TRUE(row(movie)->on_watchlist());
}

TEST_F(ImportsTest, YearsNoFilmCanHaveCostNothing) {
  const std::string file =
      "Date,Name,Year,Letterboxd URI\n2020-01-01,Far Past,-2147483648,u\n2020-01-01,Far Future,2147483647,u\n"
      "2020-01-01,Typo,20100,u\n";
  const auto before = server_statements();
  auto result = import_letterboxd(file, "&file=watched.csv");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(counts(result), "added 0 updated 0 unchanged 0 skipped 0 errors 0 review 3");
  EXPECT_TRUE(result.json().at("needs_review").as_array().at(0).at("candidates").as_array().empty());
  // The caller, and the (empty) import's transaction: no catalog read for years no film has.
  EXPECT_LE(server_statements() - before, 6u);
}

TEST_F(ImportsTest, RefusalsAreClear) {
  const std::string token = user.token();
  EXPECT_EQ(
      client().send({"POST", "/api/imports/?source=imdb", "Const\n", {{"Content-Type", "text/csv"}}}).status,
      401u);
  EXPECT_EQ(upload("", "x", token).body, R"({"source":["This field is required."]})");
  EXPECT_EQ(upload("source=trakt&dry_run=maybe", "x", token).body,
            R"({"source":["\"trakt\" is not a valid choice."],"dry_run":["Must be a valid boolean."]})");
  EXPECT_EQ(upload("source=imdb", "", token).body, R"({"detail":"No file was submitted."})");
  auto json = upload("source=imdb", "{}", token, "application/json");
  EXPECT_EQ(json.status, 415u);
  EXPECT_EQ(json.body, R"({"detail":"Unsupported media type \"application/json\" in request."})");
  EXPECT_EQ(upload("source=imdb", "Const\ncaf\xE9\n", token).body,
            R"({"detail":"The file is not UTF-8 text."})");
  EXPECT_EQ(upload("source=imdb", "Const,Title\ntt1,x\n", token).status, 400u);
  EXPECT_EQ(upload("source=letterboxd", "PK\x03\x04garbage", token, "application/zip").body,
            R"({"detail":"The file is not a ZIP archive that can be read."})");
  EXPECT_EQ(
      upload("source=letterboxd", make_zip({{"profile.csv", "x"}}), token, "application/zip").body,
      R"({"detail":"The ZIP holds none of Letterboxd's watchlist.csv, watched.csv, diary.csv or ratings.csv."})");
  EXPECT_EQ(
      upload("source=letterboxd", make_zip({{"ratings.csv", "Name\nx\n"}}), token, "application/zip").body,
      R"({"detail":"ratings.csv: This is not a Letterboxd export file: it has no \"Date\" and \"Name\" columns."})");
  // 60 MB of one repeated line deflates to a small upload, and is refused as it inflates.
  std::string huge = "Date,Name,Year,Letterboxd URI\n";
  while (huge.size() < 60'000'000) huge += "2020-01-01,Same Film Again And Again,2000,https://boxd.it/x\n";
  const auto bomb = make_zip({{"watched.csv", huge}});
  ASSERT_LT(bomb.size(), 1'000'000u);
  auto refused = upload("source=letterboxd", bomb, token, "application/zip");
  EXPECT_EQ(refused.status, 413u);
  EXPECT_EQ(refused.body, R"({"detail":"The files in the ZIP come to more than 50 MB unpacked."})");

  const object bad{
      {"entries",
       boost::json::array{object{{"tconst", "tt0000001"}, {"list", "watched"}, {"date", "2020-01-01"}},
                          object{{"list", "seen"}, {"date", "01/01/2020"}, {"rating", 11}}, "x"}}};
  EXPECT_EQ(
      client().post("/api/imports/resolve/", bad, token).body,
      R"({"entries":[{},{"tconst":["This field is required."],"list":["\"seen\" is not a valid choice."],)"
      R"("date":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],)"
      R"("rating":["Ensure this value is less than or equal to 10."]},)"
      R"({"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}]})");
  EXPECT_EQ(client().post("/api/imports/resolve/", object{}, token).body,
            R"({"entries":["This field is required."]})");
}

TEST_F(ImportsTest, UploadsMayBeTenMegabytesOnThisRouteOnly) {
  const auto movie = seed_movie(db(), {.title = "Big File"});
  // 3 MB of malformed rows around one good one: over every other route's 1 MiB, under this one's 10 MB.
  std::string file = std::string(kRatingsHeader) + ratings_row(movie, "7", "2020-01-01", "Big File");
  while (file.size() < 3'000'000) file += "tt0000001,7,2020-01-01,short\r\n";
  auto accepted = import_imdb(file, true);
  ASSERT_EQ(accepted.status, 200u) << accepted.body.substr(0, 200);
  EXPECT_EQ(accepted.json().at("added").as_int64(), 1);
  EXPECT_EQ(accepted.json().at("errors").as_array().size(), 1'000u);  // the first ones, and how many in all
  EXPECT_GT(accepted.json().at("error_count").as_int64(), 50'000);

  // Every other route keeps 1 MiB, signed in or not (announced lengths: the server refuses before reading).
  const auto elsewhere = client().raw(
      "POST /api/user-movies/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Authorization: Bearer " +
      user.token() + "\r\nContent-Length: 2000000\r\n\r\n");
  EXPECT_NE(elsewhere.find("the limit is 1048576 bytes"), std::string::npos) << elsewhere;
  // Refused on its announced length, before any of it is sent; a stranger (no valid token) gets the limit
  // of every other route, so nobody can make the server hold 10 MB without an account.
  const auto announcing = [&](const std::string& length, const std::string& token) {
    return client().raw(
        "POST /api/imports/?source=imdb HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
        "Authorization: Bearer " +
        token + "\r\nContent-Length: " + length + "\r\n\r\n");
  };
  const auto too_large = announcing("10000001", user.token());
  EXPECT_TRUE(too_large.starts_with("HTTP/1.1 413")) << too_large;
  EXPECT_NE(too_large.find("the limit is 10000000 bytes"), std::string::npos) << too_large;
  for (const std::string& token : {std::string(), std::string("not-a-token"), user.token() + "x"}) {
    const auto stranger = announcing("2000000", token);
    EXPECT_TRUE(stranger.starts_with("HTTP/1.1 413")) << stranger;
    EXPECT_NE(stranger.find("the limit is 1048576 bytes"), std::string::npos) << stranger;
  }
}

TEST_F(ImportsTest, ExportsImportBackWhole) {
  const auto rated = seed_movie(db(), {.title = "Rated, \"Quoted\" Żółw"});
  const auto unrated = seed_movie(db(), {.title = "Unrated"});
  const auto listed = seed_movie(db(), {.title = "Listed"});
  const auto removed = seed_movie(db(), {.title = "Removed"});
  const auto rated_state = watched(300, 9);
  seed_user_movie(db(), user.id, rated, rated_state);
  seed_user_movie(db(), user.id, unrated, watched(200));
  seed_user_movie(db(), user.id, listed, watchlisted(100));
  auto off = watchlisted(100);
  off.watchlist_deleted_at = minutes_ago(90);
  seed_user_movie(db(), user.id, removed, off);

  auto ratings = client().get("/api/exports/ratings.csv", user.token());
  ASSERT_EQ(ratings.status, 200u);
  EXPECT_EQ(ratings.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(ratings.header("content-disposition").find("attachment; filename=\"myvod-ratings-"),
            std::string::npos);
  EXPECT_EQ(ratings.header("cache-control"), "no-store");
  auto watchlist = client().get("/api/exports/watchlist.csv", user.token());
  ASSERT_EQ(watchlist.status, 200u);
  EXPECT_EQ(client().get("/api/exports/ratings.csv").status, 401u);

  const auto other = caller();
  EXPECT_EQ(counts(upload("source=imdb", ratings.body, other.token())),
            "added 2 updated 0 unchanged 0 skipped 0 errors 0 review 0");
  EXPECT_EQ(counts(upload("source=imdb", watchlist.body, other.token())),
            "added 1 updated 0 unchanged 0 skipped 0 errors 0 review 0");
  const auto copy = [&](const std::string& tconst) { return stored_row(db(), other.id, tconst); };
  EXPECT_EQ(copy(rated)->state.user_rating, 9);
  EXPECT_EQ(utc_date(*copy(rated)->state.watched_at), utc_date(*row(rated)->watched_at));
  EXPECT_TRUE(copy(unrated)->state.watched());
  EXPECT_FALSE(copy(unrated)->state.user_rating);
  EXPECT_TRUE(copy(listed)->state.on_watchlist());
  EXPECT_FALSE(copy(removed));
  // The exporter's own rows are untouched by the other user's import.
  EXPECT_EQ(row(rated)->watched_at, rated_state.watched_at);
}

TEST_F(ImportsTest, ImportsTouchOnlyTheCaller) {
  const auto movie = seed_movie(db(), {.title = "Shared Interest"});
  const auto neighbour = caller();
  seed_user_movie(db(), neighbour.id, movie, watchlisted(5));
  auto result = import_imdb(std::string(kRatingsHeader) + ratings_row(movie, "3", "2020-01-01", "Shared"));
  EXPECT_EQ(counts(result), "added 1 updated 0 unchanged 0 skipped 0 errors 0 review 0");
  const auto theirs = stored_row(db(), neighbour.id, movie)->state;
  EXPECT_TRUE(theirs.on_watchlist());
  EXPECT_FALSE(theirs.watched());
  EXPECT_EQ(row(movie)->user_rating, 3);
}

TEST_F(ImportsTest, TwoImportsAtOnceEndAsOneAfterTheOther) {
  std::string file(kRatingsHeader);
  std::vector<std::string> movies;
  for (int i = 0; i < 40; ++i) {
    movies.push_back(seed_movie(db(), {.title = "Race " + std::to_string(i)}));
    file += ratings_row(movies.back(), std::to_string(1 + i % 10), "2020-01-01", "Race");
  }
  std::vector<HttpResult> results(2);
  std::thread first([&] { results[0] = import_imdb(file); });
  std::thread second([&] { results[1] = import_imdb(file); });
  first.join();
  second.join();
  ASSERT_EQ(results[0].status, 200u) << results[0].body;
  ASSERT_EQ(results[1].status, 200u) << results[1].body;
  const auto added = results[0].json().at("added").as_int64() + results[1].json().at("added").as_int64();
  EXPECT_EQ(added, 40);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(row(movies[static_cast<size_t>(i)])->user_rating, 1 + i % 10);
}

TEST_F(ImportsTest, StatementsDoNotGrowWithTheFile) {
  std::string file(kRatingsHeader);
  for (int i = 0; i < 300; ++i) {
    file +=
        ratings_row(seed_movie(db(), {.title = "Batch " + std::to_string(i)}), "5", "2020-01-01", "Batch");
  }
  const auto before = server_statements();
  auto result = import_imdb(file);
  ASSERT_EQ(result.json().at("added").as_int64(), 300);
  // The caller, the catalog lookup, the caller's rows, one insert, and the transaction's BEGIN and COMMIT.
  EXPECT_LE(server_statements() - before, 8u);
}

TEST_F(ImportsTest, MyDataHoldsEverythingTheCallerOwnsAndNothingElse) {
  const auto mine = seed_movie(db(), {.title = "Mine"});
  const auto theirs = seed_movie(db(), {.title = "Theirs"});
  const auto me = caller({1});
  const auto neighbour = caller();
  seed_user_movie(db(), me.id, mine, watched(10, 8));
  seed_user_movie(db(), neighbour.id, theirs, watchlisted(10));
  auto result = client().get("/api/exports/my-data.json", me.token());
  ASSERT_EQ(result.status, 200u);
  EXPECT_NE(result.header("content-disposition").find("myvod-data-"), std::string::npos);
  const auto json = result.json().as_object();
  EXPECT_EQ(json.at("platforms").as_array().size(), 1u);
  const auto& movies = json.at("movies").as_array();
  ASSERT_EQ(movies.size(), 1u);
  EXPECT_EQ(movies.at(0).at("tconst").as_string(), mine);
  EXPECT_EQ(movies.at(0).at("user_rating").as_int64(), 8);
  EXPECT_EQ(json.at("preferences").at("language").as_string(), "pl");
  EXPECT_TRUE(json.at("notifications").as_array().empty());
  EXPECT_EQ(result.body.find("password"), std::string::npos);
  EXPECT_EQ(client().get("/api/exports/my-data.json").status, 401u);
}

}  // namespace
}  // namespace myvod::testing
