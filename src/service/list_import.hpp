#pragma once
// Importing a user's history from IMDb and Letterboxd exports: read the files (domain/list_import), find each
// row's movie, merge the rows of one movie, and apply the merged entries in one transaction by the rules of
// domain::plan_import. A dry run reads and plans the same way and writes nothing, so it reports exactly what
// the import would change.
//
// IMDb rows name their movie by id and are matched exactly. Letterboxd rows name it by title and year: one
// movie of that year whose primary or original title has the same match key is taken; several, or none, and
// the row waits for the user's choice ("needs review"), which comes back through resolve().

#include <optional>
#include <string>
#include <vector>

#include "domain/list_files.hpp"
#include "store/store.hpp"

namespace myvod::service {

// What the route accepts: 10 MB of upload, and for a ZIP 50 MB inflated in all.
inline constexpr size_t kImportUploadLimit = 10 * 1000 * 1000;
inline constexpr size_t kImportInflatedLimit = 50 * 1000 * 1000;

struct ImportRequest {
  domain::ImportSource source = domain::ImportSource::imdb;
  std::string file_name;  // Letterboxd: which of its CSV files a bare CSV is (watched.csv, ...), or empty
  std::string body;       // a CSV file, or for Letterboxd its export ZIP
  bool dry_run = false;
};

// A movie a Letterboxd row may mean.
struct MatchCandidate {
  std::string tconst;
  std::string primary_title;
  std::string original_title;
  std::optional<int> start_year;
};

// A film the user has to pick the movie for: every row that names it, and the movies it may be.
struct ReviewItem {
  std::string title;
  std::optional<int> year;
  std::vector<domain::ImportRow> rows;
  std::vector<MatchCandidate> candidates;  // the likeliest first; empty when nothing is close
};

struct SkippedRow {
  domain::ImportRow row;
  std::string reason;  // "not_in_catalog" or "not_a_movie"
};

// One movie whose entry changes, and how it looks afterwards.
struct EntryChangeReport {
  std::string tconst;
  std::string primary_title;
  std::optional<int> start_year;
  domain::EntryChange change = domain::EntryChange::added;
  domain::UserMovieState state;
};

struct ImportSummary {
  bool dry_run = false;
  size_t rows = 0;  // data rows read, malformed ones included
  size_t added = 0, updated = 0, unchanged = 0;
  std::vector<EntryChangeReport> changes;  // added and updated, in the order the upload first names them
  std::vector<SkippedRow> skipped;
  std::vector<domain::RowProblem> problems;  // rows that could not be read, by line
  std::vector<ReviewItem> needs_review;
};

// Reads and applies one upload for `user_id` on `store` (run it on the database pool). Throws a 400 Error
// when the file cannot be read at all, a 413 when a ZIP inflates past kImportInflatedLimit.
ImportSummary import_list(store::Store& store, const std::string& user_id, const ImportRequest& request);

// Applies rows whose movie the user chose (each with a tconst), by the same rules.
ImportSummary resolve_import(store::Store& store, const std::string& user_id,
                             const std::vector<domain::ImportRow>& rows, bool dry_run);

}  // namespace myvod::service
