#pragma once
// Imports the IMDb dataset files (title.basics, title.ratings; gzip or plain TSV) into the movie table:
// streaming, titleType "movie" only, ratings joined by tconst, idempotent (an upsert that writes only
// changed rows), malformed lines reported and skipped, all in one transaction so that a failure leaves the
// catalog as it was. title.akas, the other titles movies are known by, is imported alike for the regions an
// operator asks for.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/gzip_reader.hpp"
#include "store/store.hpp"

namespace myvod::catalog {

struct MalformedLine {
  std::string file;  // "basics" or "ratings"
  std::uint64_t line_number;
  std::string reason;
};

struct ImportSummary {
  std::uint64_t basics_rows = 0;   // data rows read from title.basics
  std::uint64_t ratings_rows = 0;  // data rows read from title.ratings
  std::uint64_t movies = 0;        // rows of titleType movie
  std::uint64_t inserted = 0;
  std::uint64_t updated = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t skipped = 0;  // other title types
  std::uint64_t malformed = 0;
  std::vector<MalformedLine> malformed_lines;  // the first kMaxReportedMalformed of them
  size_t genres = 0;
  std::chrono::milliseconds duration{0};
};

inline constexpr size_t kMaxReportedMalformed = 100;

struct ImportProgress {
  std::uint64_t rows;  // lines read
  std::uint64_t kept;  // of them, movies (basics) or other titles of movies (akas)
};

// `ratings` may be null (no ratings file). `on_progress` is called every few hundred thousand rows.
ImportSummary import_imdb(store::Store& store, GzipLineReader& basics, GzipLineReader* ratings,
                          const std::function<void(const ImportProgress&)>& on_progress = {});

struct AkaImportSummary {
  std::uint64_t rows = 0;  // data rows read from title.akas
  std::uint64_t kept = 0;  // rows of the regions asked for, of a movie of the catalog
  long long added = 0;     // other titles stored that were not
  long long removed = 0;   // other titles of those regions that the file no longer has
  std::uint64_t malformed = 0;
  std::vector<MalformedLine> malformed_lines;  // the first kMaxReportedMalformed of them
  std::chrono::milliseconds duration{0};
};

// A region code as IMDb writes one: two to four upper-case letters or digits (PL, US, XWW, SUHH).
bool is_region_code(std::string_view code);

// Makes the stored other titles of `regions` (valid codes, at least one) those of `akas` for the movies of
// the catalog, in one transaction: a re-import of the same file changes nothing, and a title the file no
// longer has is removed. Import the movies first: lines of titles not in the catalog are skipped.
AkaImportSummary import_akas(store::Store& store, GzipLineReader& akas,
                             const std::vector<std::string>& regions,
                             const std::function<void(const ImportProgress&)>& on_progress = {});

// Loads the sample catalog compiled into the binary (1,269 movies) when the movie table is empty.
// Returns the summary when it imported, nothing when the catalog already had movies.
std::optional<ImportSummary> load_bundled_sample_if_empty(store::Store& store);

}  // namespace myvod::catalog
