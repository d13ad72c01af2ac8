// The list files users move between services (domain/list_files, domain/csv, common/zip_reader): reading
// IMDb's and Letterboxd's exports as they really look, the import rules, and our IMDb-format exports.
#include "domain/list_files.hpp"

#include <gtest/gtest.h>

#include "common/zip_reader.hpp"
#include "domain/csv.hpp"
#include "domain/text.hpp"
#include "support/zip_writer.hpp"

namespace myvod::domain {
namespace {

Timestamp day(std::string_view text) {
  return parse_day(text).value();
}

TEST(Csv, ReadsWhatSpreadsheetsAndExportersWrite) {
  // A BOM, CRLF, a quoted comma, a doubled quote, a line break inside quotes, a blank line, no final CRLF.
  const auto records = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ((*records)[1].line, 2u);
  EXPECT_EQ((*records)[2].fields, (std::vector<std::string>{"two\nlines", "z"}));
  EXPECT_EQ((*records)[2].line, 4u);
  EXPECT_EQ(parse_csv("a\n\"open,b\nc\n").error(), 2u);
  EXPECT_EQ(parse_csv("a\n\"closed\"x,b\n").error(), 2u);
  EXPECT_TRUE(parse_csv("")->empty());
}

TEST(Csv, WhatWeWriteReadsBack) {
  std::string out;
  append_csv_row(out, {"Amélie, \"Le fabuleux\"", "a\r\nb", "plain"});
  const auto records = parse_csv(out);
  ASSERT_TRUE(records);
  EXPECT_EQ(records->at(0).fields, (std::vector<std::string>{"Amélie, \"Le fabuleux\"", "a\r\nb", "plain"}));
}

TEST(Day, OnlyRealDates) {
  EXPECT_EQ(utc_date(day("2024-02-29")), "2024-02-29");
  for (const char* bad :
       {"2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "", "2024-01-1x", "1700-01-01"}) {
    EXPECT_FALSE(parse_day(bad)) << bad;
  }
}

constexpr std::string_view kRatingsHeader =
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
    "Num Votes,Release Date,Directors\r\n";

TEST(ImdbExport, RatingsRowsBecomeRatedWatches) {
  const std::string file =
      std::string(kRatingsHeader) +
      "tt0068646,10,2020-05-01,The Godfather,The "
      "Godfather,https://www.imdb.com/title/tt0068646/,Movie,9.2,175,"
      "1972,\"Crime, Drama\",2000000,1972-03-24,Francis Ford Coppola\r\n"
      "tt0903747,9,2021-01-01,Breaking Bad,Breaking Bad,u,TV Series,9.5,,2008,Drama,1,,\r\n"
      "tt0071562,11,2021-01-01,x,x,u,Movie,9,,1974,,,,\r\n"
      "tt0071562,8,01/02/2021,x,x,u,Movie,9,,1974,,,,\r\n"
      "nm0000001,8,2021-01-01,x,x,u,Movie,9,,1974,,,,\r\n"
      "tt0071562,8,2021-01-01,too,few\r\n"
      "tt0099674,,2022-03-04,\"Godfather, Part III\",,u,Movie,7.6,,1990,,,,\r\n";
  const auto parsed = parse_imdb_export(file);
  ASSERT_TRUE(parsed) << parsed.error();
  ASSERT_EQ(parsed->rows.size(), 3u);
  const auto& first = parsed->rows[0];
  EXPECT_EQ(first.tconst, "tt0068646");
  EXPECT_EQ(first.rating, 10);
  EXPECT_EQ(first.date, day("2020-05-01"));
  EXPECT_EQ(first.list, ImportList::watched);
  EXPECT_EQ(first.line, 2u);
  EXPECT_EQ(parsed->rows[1].title_type, "TV Series");
  EXPECT_EQ(parsed->rows[2].title, "Godfather, Part III");
  EXPECT_FALSE(parsed->rows[2].rating);  // our own export's unrated watch
  ASSERT_EQ(parsed->problems.size(), 4u);
  EXPECT_EQ(parsed->problems[0].line, 4u);
  EXPECT_EQ(parsed->problems[0].message, "Your Rating \"11\" is not a whole number from 1 to 10.");
  EXPECT_EQ(parsed->problems[1].message, "Date Rated \"01/02/2021\" is not a date.");
  EXPECT_EQ(parsed->problems[2].message, "Const \"nm0000001\" is not an IMDb title id.");
  EXPECT_EQ(parsed->problems[3].message, "Expected 14 fields, found 5.");
}

TEST(ImdbExport, WatchlistToldByItsColumns) {
  const auto parsed = parse_imdb_export(
      "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,Runtime "
      "(mins),Year,Genres,"
      "Num Votes,Release Date,Directors\n"
      "1,tt0111161,2019-04-05,2019-04-05,,The Shawshank Redemption,u,movie,9.3,142,1994,Drama,1,,\n");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->rows.size(), 1u);
  EXPECT_EQ(parsed->rows[0].list, ImportList::watchlist);
  EXPECT_EQ(parsed->rows[0].date, day("2019-04-05"));
  EXPECT_EQ(parsed->rows[0].file, "watchlist");
}

TEST(ImdbExport, WholeFileRefusals) {
  EXPECT_EQ(parse_imdb_export("").error(), "The file is empty.");
  EXPECT_EQ(parse_imdb_export("caf\xE9\n").error(), "The file is not UTF-8 text.");
  EXPECT_NE(parse_imdb_export("Date,Name,Year\n").error().find("no \"Const\" column"), std::string::npos);
  EXPECT_NE(parse_imdb_export("Const,Title\n").error().find("\"Created\""), std::string::npos);
  EXPECT_NE(parse_imdb_export("Const\n\"tt1").error().find("line 2"), std::string::npos);
}

TEST(Letterboxd, HalfStarsToTen) {
  EXPECT_EQ(letterboxd_rating("0.5"), 1);
  EXPECT_EQ(letterboxd_rating("3"), 6);
  EXPECT_EQ(letterboxd_rating("3.5"), 7);
  EXPECT_EQ(letterboxd_rating("5.0"), 10);
  for (const char* bad : {"0", "5.5", "3.25", "", "x", "-1", "4."})
    EXPECT_FALSE(letterboxd_rating(bad)) << bad;
}

TEST(Letterboxd, FilesByNameOrColumns) {
  const std::string watched =
      "Date,Name,Year,Letterboxd URI\n2019-01-02,\"Crouching Tiger, Hidden Dragon\",2000,u\n";
  const auto as_watchlist = parse_letterboxd_file("watchlist.csv", watched);
  ASSERT_TRUE(as_watchlist);
  EXPECT_EQ(as_watchlist->rows.at(0).list, ImportList::watchlist);
  EXPECT_EQ(as_watchlist->rows.at(0).title, "Crouching Tiger, Hidden Dragon");
  EXPECT_EQ(parse_letterboxd_file("watched.csv", watched)->rows.at(0).list, ImportList::watched);
  EXPECT_NE(parse_letterboxd_file("", watched).error().find("say which"), std::string::npos);

  // The diary: watched on "Watched Date", rated or not, a film logged twice kept as two rows.
  const auto diary = parse_letterboxd_file(
      "",
      "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
      "2020-01-05,Amélie,2001,u,4.5,,,2020-01-03\n2021-06-01,Amélie,2001,u,,Yes,,2021-05-30\n"
      "2021-06-01,,2001,u,,Yes,,2021-05-30\n2021-06-01,X,20o1,u,,,,2021-05-30\n");
  ASSERT_TRUE(diary);
  ASSERT_EQ(diary->rows.size(), 2u);
  EXPECT_EQ(diary->rows[0].file, "diary.csv");
  EXPECT_EQ(diary->rows[0].date, day("2020-01-03"));
  EXPECT_EQ(diary->rows[0].rating, 9);
  EXPECT_FALSE(diary->rows[1].rating);
  ASSERT_EQ(diary->problems.size(), 2u);
  EXPECT_EQ(diary->problems[0].message, "The film has no name.");
  EXPECT_EQ(diary->problems[1].message, "Year \"20o1\" is not a year.");

  const auto ratings =
      parse_letterboxd_file("", "Date,Name,Year,Letterboxd URI,Rating\n2020-01-01,A,2000,u,\n");
  ASSERT_TRUE(ratings);
  EXPECT_EQ(ratings->problems.at(0).message, "Rating \"\" is not 0.5 to 5 stars in half stars.");
}

UserMovieState state_of(std::optional<Timestamp> listed, std::optional<Timestamp> removed,
                        std::optional<Timestamp> watched, std::optional<int> rating = std::nullopt) {
  UserMovieState state;
  state.watchlisted_at = listed;
  state.watchlist_deleted_at = removed;
  state.watched_at = watched;
  state.user_rating = rating;
  return state;
}

ImportedEntry entry(std::optional<Timestamp> listed, std::optional<Timestamp> watched,
                    std::optional<int> rating = std::nullopt) {
  ImportedEntry imported;
  imported.tconst = "tt0000001";
  imported.watchlisted_on = listed;
  imported.watched_on = watched;
  imported.rating = rating;
  return imported;
}

TEST(ImportRules, NewRows) {
  const auto listed = plan_import(std::nullopt, entry(day("2020-01-01"), std::nullopt));
  EXPECT_EQ(listed.change, EntryChange::added);
  EXPECT_TRUE(listed.state.on_watchlist());
  EXPECT_EQ(listed.state.watchlisted_at, day("2020-01-01"));

  const auto watched = plan_import(std::nullopt, entry(std::nullopt, day("2020-02-01"), 8));
  EXPECT_EQ(watched.change, EntryChange::added);
  EXPECT_EQ(watched.state.watched_at, day("2020-02-01"));
  EXPECT_EQ(watched.state.user_rating, 8);

  // Put on the watchlist, then watched: watched, off the watchlist from that day, as marking it here does.
  const auto both = plan_import(std::nullopt, entry(day("2020-01-01"), day("2020-02-01")));
  EXPECT_TRUE(both.state.watched());
  EXPECT_EQ(both.state.watchlist_deleted_at, day("2020-02-01"));
  // Watched, then put on the watchlist again: the later act stands.
  const auto rewatch = plan_import(std::nullopt, entry(day("2020-03-01"), day("2020-02-01")));
  EXPECT_TRUE(rewatch.state.on_watchlist());
  EXPECT_FALSE(rewatch.state.watched());
}

TEST(ImportRules, DatesDecideAgainstWhatIsHere) {
  const auto here = state_of(std::nullopt, std::nullopt, day("2021-01-01"), 7);
  // An older or same-day watch changes nothing; a newer one moves the date and takes its rating.
  EXPECT_EQ(plan_import(here, entry(std::nullopt, day("2020-01-01"), 10)).change, EntryChange::unchanged);
  EXPECT_EQ(plan_import(here, entry(std::nullopt, day("2021-01-01"), 10)).change, EntryChange::unchanged);
  const auto newer = plan_import(here, entry(std::nullopt, day("2022-01-01"), 10));
  EXPECT_EQ(newer.change, EntryChange::updated);
  EXPECT_EQ(newer.state.watched_at, day("2022-01-01"));
  EXPECT_EQ(newer.state.user_rating, 10);
  // A newer watch without a rating keeps the rating given here.
  EXPECT_EQ(plan_import(here, entry(std::nullopt, day("2022-01-01"))).state.user_rating, 7);
  // A watched movie is not put back on the watchlist by an import.
  EXPECT_EQ(plan_import(here, entry(day("2023-01-01"), std::nullopt)).change, EntryChange::unchanged);

  // Taken off the watchlist here after the imported add: stays off; before it: back on.
  const auto removed = state_of(day("2019-01-01"), day("2021-01-01"), std::nullopt);
  EXPECT_EQ(plan_import(removed, entry(day("2020-01-01"), std::nullopt)).change, EntryChange::unchanged);
  const auto back = plan_import(removed, entry(day("2022-01-01"), std::nullopt));
  EXPECT_EQ(back.change, EntryChange::added);
  EXPECT_EQ(back.state.watchlisted_at, day("2022-01-01"));
  EXPECT_FALSE(back.state.watchlist_deleted_at);

  // On the watchlist here since after the imported watch: the wish to see it (again) stands.
  const auto listed = state_of(day("2022-01-01"), std::nullopt, std::nullopt);
  EXPECT_EQ(plan_import(listed, entry(std::nullopt, day("2021-01-01"), 9)).change, EntryChange::unchanged);
  const auto seen = plan_import(listed, entry(std::nullopt, day("2023-01-01"), 9));
  EXPECT_EQ(seen.change, EntryChange::added);  // new to the watched history
  EXPECT_EQ(seen.state.watchlist_deleted_at, day("2023-01-01"));
  // Already on the watchlist: the add changes nothing, not even the date.
  EXPECT_EQ(plan_import(listed, entry(day("2020-01-01"), std::nullopt)).change, EntryChange::unchanged);
}

TEST(ImportRules, MergingRowsOfOneMovie) {
  ImportedEntry merged;
  ImportRow row{.file = "diary.csv", .line = 2};
  row.list = ImportList::watched;
  row.date = day("2020-01-01");
  row.rating = 6;
  merged.merge(row);
  row.date = day("2021-01-01");
  row.rating = std::nullopt;  // a rewatch logged without a rating
  merged.merge(row);
  row.date = day("2019-01-01");
  row.rating = 10;
  merged.merge(row);
  EXPECT_EQ(merged.watched_on, day("2021-01-01"));
  EXPECT_EQ(merged.rating, 6);  // the latest rated row's, not the last read
  row.date = day("2020-01-01");
  row.rating = 8;  // same day: the later file (ratings.csv after diary.csv) wins
  merged.merge(row);
  EXPECT_EQ(merged.rating, 8);
}

TEST(ImportRules, RepeatingAnImportChangesNothing) {
  const auto first = plan_import(std::nullopt, entry(day("2020-01-01"), day("2020-02-01"), 6));
  EXPECT_EQ(plan_import(first.state, entry(day("2020-01-01"), day("2020-02-01"), 6)).change,
            EntryChange::unchanged);
}

OwnedMovie owned(long long id, std::string tconst, std::string title, UserMovieState state) {
  OwnedMovie movie;
  movie.id = id;
  movie.movie.tconst = std::move(tconst);
  movie.movie.primary_title = title;
  movie.movie.original_title = std::move(title);
  movie.movie.start_year = 2001;
  movie.movie.genres = "Comedy,Romance";
  movie.movie.avg_rating = 8.3;
  movie.state = state;
  return movie;
}

TEST(ImdbExportWriting, ReadsBackAsTheSameLists) {
  const std::vector<OwnedMovie> movies{
      owned(1, "tt0211915", "Amélie, \"Le fabuleux\"",
            state_of(std::nullopt, std::nullopt, day("2021-01-01"), 9)),
      owned(2, "tt0000002", "Unrated", state_of(std::nullopt, std::nullopt, day("2020-01-01"))),
      owned(3, "tt0000003", "Wanted", state_of(day("2022-01-01"), std::nullopt, std::nullopt)),
      owned(4, "tt0000004", "Removed", state_of(day("2022-01-01"), day("2022-02-01"), std::nullopt))};
  const auto ratings = parse_imdb_export(imdb_ratings_csv(movies));
  ASSERT_TRUE(ratings);
  ASSERT_EQ(ratings->rows.size(), 2u);
  EXPECT_TRUE(ratings->problems.empty());
  EXPECT_EQ(ratings->rows[0].tconst, "tt0000002");  // oldest watch first
  EXPECT_FALSE(ratings->rows[0].rating);
  EXPECT_EQ(ratings->rows[1].title, "Amélie, \"Le fabuleux\"");
  EXPECT_EQ(ratings->rows[1].rating, 9);
  EXPECT_EQ(ratings->rows[1].date, day("2021-01-01"));
  EXPECT_NE(imdb_ratings_csv(movies).find("\"Comedy, Romance\""), std::string::npos);

  const auto watchlist = parse_imdb_export(imdb_watchlist_csv(movies));
  ASSERT_TRUE(watchlist);
  ASSERT_EQ(watchlist->rows.size(), 1u);
  EXPECT_EQ(watchlist->rows[0].tconst, "tt0000003");
  EXPECT_EQ(watchlist->rows[0].list, ImportList::watchlist);
  EXPECT_EQ(watchlist->rows[0].date, day("2022-01-01"));
}

TEST(ZipReader, ReadsWantedEntriesWithinTheCap) {
  const auto zip =
      testing::make_zip({{"watched.csv", "a,b\n"}, {"deleted/watched.csv", "x"}, {"profile.csv", "p"}});
  ASSERT_TRUE(looks_like_zip(zip));
  const auto entries = read_zip(zip, 1000, [](std::string_view name) { return name == "watched.csv"; });
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->at(0).content, "a,b\n");

  // 3 MB of zeros deflate to a few KB: the cap counts what comes out, whatever the archive declares.
  const auto bomb = testing::make_zip({{"watched.csv", std::string(3'000'000, '0')}});
  EXPECT_LT(bomb.size(), 50'000u);
  const auto refused = read_zip(bomb, 1'000'000, [](std::string_view) { return true; });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), ZipFailure::too_large);

  EXPECT_EQ(read_zip("PK\x03\x04 not really", 1000, [](std::string_view) { return true; }).error(),
            ZipFailure::malformed);
  std::string damaged = zip;
  damaged[damaged.size() / 2] ^= 0x5A;
  EXPECT_FALSE(read_zip(damaged, 1000, [](std::string_view) { return true; }));
}

}  // namespace
}  // namespace myvod::domain
