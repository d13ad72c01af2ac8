// The IMDb importer's line parsing: any bytes as title.basics (and, after the first NUL byte, as
// title.ratings), imported into a real SQLite database. Every data row must be counted exactly once: as a
// movie, as another title type, or as malformed.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "catalog/imdb_import.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace {

myvod::store::Store& store() {
  static auto opened = [] {
    auto made = myvod::store::open_store(*myvod::store::parse_database_url("sqlite::memory:"));
    myvod::store::migrate(*made);
    return made;
  }();
  return *opened;
}

std::span<const unsigned char> bytes_of(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  const std::string_view basics_text = input.substr(0, split);
  const std::string_view ratings_text =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 1);

  myvod::GzipLineReader basics(myvod::GzipLineReader::from_memory(bytes_of(basics_text)));
  myvod::GzipLineReader ratings(myvod::GzipLineReader::from_memory(bytes_of(ratings_text)));
  const auto summary =
      myvod::catalog::import_imdb(store(), basics, split == std::string_view::npos ? nullptr : &ratings, {});
  const auto counted = summary.movies + summary.skipped;
  if (counted > summary.basics_rows || counted + summary.malformed < summary.basics_rows ||
      counted + summary.malformed > summary.basics_rows + summary.ratings_rows)
    std::abort();
  if (summary.inserted + summary.updated + summary.unchanged != summary.movies) std::abort();
  return 0;
}
