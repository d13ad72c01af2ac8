#pragma once
// A title of the catalog. One shape for every use: the importer fills what IMDb has (never a poster), the
// search index reads the ranking fields, and answers show what the client sees; a use leaves the rest empty.

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"

namespace myvod::domain {

struct Movie {
  std::string tconst;
  std::string primary_title;
  std::string original_title;
  std::optional<int> start_year;
  std::optional<std::string> genres;  // IMDb's comma-joined list
  std::optional<double> avg_rating;
  std::optional<int> num_votes;
  std::optional<std::string> poster_path;
  std::optional<Timestamp> poster_checked_at;  // when TMDB last answered about the poster
  // The titles of the imported regions (IMDb's akas) other than these two; only title search reads them.
  std::vector<std::string> other_titles;
};

}  // namespace myvod::domain
