#pragma once

#include <optional>
#include <string>

namespace myvod::domain {

// A catalog title as the search ranks it.
struct CatalogTitle {
  std::string tconst;
  std::string primary_title;
  std::optional<int> start_year;
  std::optional<double> avg_rating;
  std::optional<int> num_votes;
};

// A title search result as the client sees it (contract §3.9).
struct MovieHit {
  std::string tconst;
  std::string primary_title;
  std::optional<int> start_year;
  std::optional<double> avg_rating;
  std::optional<std::string> poster_path;
  std::optional<int> num_votes;
};

}  // namespace myvod::domain
