#pragma once
// Direct seeding of what the API cannot create: movies, genres, availability rows, user_movie rows in any
// state (back-dated ones included), and the users behind access tokens.

#include <optional>
#include <string>
#include <vector>

#include "store/store.hpp"

namespace myvod::testing {

struct SeedMovie {
  std::string title;
  std::optional<std::string> original_title;  // the title when absent, as IMDb's rows mostly have it
  std::optional<int> year = 2000;
  std::optional<std::string> genres = "Drama";
  std::optional<double> rating = 7.0;
  std::optional<int> votes = 1000;
  std::optional<std::string> poster;
};

// Inserts the movie under a tconst no other test uses, adds its genres to the genre table, returns the
// tconst.
std::string seed_movie(store::Store& db, const SeedMovie& movie);

// One movie_availability row; ids grow with each call, so later rows are "newer" on the on-VOD list.
void seed_availability(store::Store& db, const std::string& tconst, int platform_id,
                       std::optional<bool> is_available);

long long seed_user_movie(store::Store& db, const std::string& user_id, const std::string& tconst,
                          const domain::UserMovieState& state);

std::optional<store::UserMovieRow> stored_row(store::Store& db, const std::string& user_id,
                                              const std::string& tconst);

std::string user_id_of(store::Store& db, const std::string& email);

// Back-dated timestamps, whole seconds apart, for orderings.
Timestamp minutes_ago(int minutes);

}  // namespace myvod::testing
