#pragma once
// Imports the IMDb dataset files (title.basics, title.ratings; gzip or plain TSV) into the movie table:
// streaming, titleType "movie" only, ratings joined by tconst, idempotent (an upsert that writes only
// changed rows), malformed lines reported and skipped, all in one transaction so that a failure leaves the
// catalog as it was.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
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
  std::uint64_t basics_rows;
  std::uint64_t movies;
};

// `ratings` may be null (no ratings file). `on_progress` is called every few hundred thousand rows.
ImportSummary import_imdb(store::Store& store, GzipLineReader& basics, GzipLineReader* ratings,
                          const std::function<void(const ImportProgress&)>& on_progress = {});

// Loads the sample catalog compiled into the binary (1,269 movies) when the movie table is empty.
// Returns the summary when it imported, nothing when the catalog already had movies.
std::optional<ImportSummary> load_bundled_sample_if_empty(store::Store& store);

}  // namespace myvod::catalog
