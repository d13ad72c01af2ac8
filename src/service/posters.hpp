#pragma once
// Movie posters from TMDB: find the movie by its IMDb id (once; the id is kept in movie.tmdb_id), list its
// images, take the Polish poster, else the English one, else one without text, and record the answer with
// its date, so that a movie without a poster is not asked about again for 30 days. A failed call writes
// one integration_error_log row and records nothing, so the movie is asked about again later. Synchronous:
// it runs on the poster worker's threads and in `myvod fetch-posters`, never on a request's path.

#include <string>
#include <vector>

#include "clients/tmdb.hpp"
#include "domain/poster.hpp"
#include "store/database.hpp"

namespace myvod::service {

enum class PosterOutcome { found, none, not_due, unknown_movie, failed };

class Posters {
 public:
  Posters(store::Database& database, clients::Tmdb& tmdb, const Clock& clock)
      : database_(database), tmdb_(tmdb), clock_(clock) {}

  // `force` asks even when the last answer is recent (`fetch-posters --all`).
  PosterOutcome refresh(const std::string& tconst, domain::PosterView view, bool force = false);

 private:
  PosterOutcome failed(const std::string& tconst, const clients::HttpFailure& failure);

  store::Database& database_;
  clients::Tmdb& tmdb_;
  const Clock& clock_;
};

// Where answers hand the movies they show that lack a fresh poster; the poster worker (jobs/) fetches them
// in the background, so no answer ever waits for TMDB.
class PosterRequests {
 public:
  virtual ~PosterRequests() = default;
  virtual void request(std::vector<std::string> tconsts) = 0;
};

// The movies of `movies` whose poster is due, for PosterRequests.
template <class Movies, class MovieOf>
std::vector<std::string> posters_due(const Movies& movies, MovieOf movie_of, Timestamp now,
                                     domain::PosterView view) {
  std::vector<std::string> due;
  for (const auto& each : movies) {
    const domain::Movie& movie = movie_of(each);
    if (domain::poster_due({movie.poster_path, movie.poster_checked_at}, now, view))
      due.push_back(movie.tconst);
  }
  return due;
}

}  // namespace myvod::service
