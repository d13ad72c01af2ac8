#pragma once
// The list files users move between services, as pure rules: reading IMDb's and Letterboxd's exports into
// rows, merging the rows of one movie, deciding what an imported entry does to the row a user already has,
// and writing a user's lists in IMDb's two export formats.
//
// The rule that makes imports safe to repeat: dates decide. An imported watch, watchlist add or rating only
// replaces local state that is older than it; the same file imported twice changes nothing the second time,
// and an old file never undoes what the user did here since.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "domain/movie.hpp"
#include "domain/user_movie.hpp"

namespace myvod::domain {

enum class ImportSource { imdb, letterboxd };
enum class ImportList { watchlist, watched };

std::optional<ImportSource> parse_import_source(std::string_view text);
std::optional<ImportList> parse_import_list(std::string_view text);
const char* import_list_name(ImportList list);

// "YYYY-MM-DD" as that day's midnight in UTC; nothing for anything else or a day that does not exist.
std::optional<Timestamp> parse_day(std::string_view text);

// One data row of a source file: where it is, which movie it names and what it says about it.
struct ImportRow {
  std::string file;  // the file's name inside a Letterboxd ZIP; the source's file kind otherwise
  size_t line = 0;
  std::optional<std::string> tconst{};  // IMDb names the movie exactly
  std::string title{};                  // Letterboxd names it by title and year, to be matched
  std::optional<int> year{};
  std::optional<std::string> title_type{};  // IMDb's "Title Type", to say why a title is skipped
  ImportList list = ImportList::watched;
  Timestamp date{};
  std::optional<int> rating{};  // 1-10
};

// A row that could not be read, by its line.
struct RowProblem {
  std::string file;
  size_t line = 0;
  std::string message;
};

struct ParsedFile {
  std::vector<ImportRow> rows;
  std::vector<RowProblem> problems;
};

// IMDb's "Your ratings" or "Watchlist" export, told apart by their columns (a watchlist has "Created").
// Err: why the file as a whole cannot be read.
Expected<ParsedFile, std::string> parse_imdb_export(std::string_view text);

// The Letterboxd files an import reads, in the order their rows are merged: a later file's row wins a tie.
inline constexpr std::string_view kLetterboxdFiles[] = {"watchlist.csv", "watched.csv", "diary.csv",
                                                        "ratings.csv"};

// One Letterboxd export file. `name` is one of kLetterboxdFiles, or empty to tell the file by its columns
// (watched.csv and watchlist.csv have the same columns, so those two need their name). Ratings of 0.5-5
// stars become 1-10. Err: why the file as a whole cannot be read.
Expected<ParsedFile, std::string> parse_letterboxd_file(std::string_view name, std::string_view text);

// "Letterboxd" 0.5-5 in half stars as 1-10; nothing for anything else.
std::optional<int> letterboxd_rating(std::string_view stars);

// What one import says about one movie, all its rows merged: the latest watchlist add, the latest watch,
// and the rating of the latest row that carries one.
struct ImportedEntry {
  std::string tconst;
  std::optional<Timestamp> watchlisted_on;
  std::optional<Timestamp> watched_on;
  std::optional<int> rating;
  std::optional<Timestamp> rated_on;

  void merge(const ImportRow& row);
};

// Added: the movie lands on a list it was not on; updated: it stays on its list with a new date or rating.
enum class EntryChange { added, updated, unchanged };
const char* entry_change_name(EntryChange change);

struct EntryPlan {
  EntryChange change = EntryChange::unchanged;
  UserMovieState state;
};

// The row after the import, from the row the user has now (nothing when there is none):
// - a watchlist add puts the movie on the watchlist unless it is there already, is watched, or was taken off
//   the watchlist after that date;
// - a watch marks it watched on that date (taking it off the watchlist, as marking it watched here does)
//   unless it was put on the watchlist after that date or watched here on that date or later; a later watch
//   moves the date and takes the imported rating when there is one.
EntryPlan plan_import(const std::optional<UserMovieState>& current, const ImportedEntry& entry);

// A row of a user with its movie, as the exports read it.
struct OwnedMovie {
  long long id = 0;
  Movie movie;
  UserMovieState state;
};

// IMDb's "Your ratings" export of the watched history, oldest watch first. A watched movie without a rating
// is written with an empty "Your Rating", so that the history comes back whole when imported here.
std::string imdb_ratings_csv(const std::vector<OwnedMovie>& movies);

// IMDb's "Watchlist" export of the movies on the watchlist, in the order they were added.
std::string imdb_watchlist_csv(const std::vector<OwnedMovie>& movies);

}  // namespace myvod::domain
