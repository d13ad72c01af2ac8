#include "support/catalog_seed.hpp"

#include <atomic>
#include <set>

#include "support/raw_sql.hpp"

namespace myvod::testing {

namespace {
std::atomic<int> tconst_counter{0};
}  // namespace

std::string seed_movie(store::Store& db, const SeedMovie& movie) {
  const std::string tconst = "tt" + std::to_string(80'000'000 + ++tconst_counter);
  const domain::Movie record{.tconst = tconst,
                             .primary_title = movie.title,
                             .original_title = movie.original_title.value_or(movie.title),
                             .start_year = movie.year,
                             .genres = movie.genres,
                             .avg_rating = movie.rating,
                             .num_votes = movie.votes,
                             .poster_path = std::nullopt,
                             .poster_checked_at = std::nullopt,
                             .other_titles = {}};
  db.transaction([&] { db.catalog().upsert_movies({record}, store::MovieColumns::with_ratings, now_utc()); });
  if (movie.poster) {
    sql(db) << "UPDATE movie SET poster_path = :poster WHERE tconst = :tconst", soci::use(*movie.poster),
        soci::use(tconst);
  }
  if (movie.genres) {
    std::set<std::string> names;
    std::string_view list = *movie.genres;
    while (!list.empty()) {
      const size_t comma = std::min(list.find(','), list.size());
      names.emplace(list.substr(0, comma));
      list.remove_prefix(std::min(comma + 1, list.size()));
    }
    db.catalog().add_genres(names);
  }
  return tconst;
}

void seed_availability(store::Store& db, const std::string& tconst, int platform_id,
                       std::optional<bool> is_available) {
  const int flag = is_available.value_or(false) ? 1 : 0;
  soci::indicator flag_set = is_available ? soci::i_ok : soci::i_null;
  const std::string now = to_db_string(now_utc());
  sql(db) << "INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source) "
             "VALUES (:tconst, :platform_id, :flag = 1, :now, 'watchmode')",
      soci::use(tconst), soci::use(platform_id), soci::use(flag, flag_set), soci::use(now);
}

long long seed_user_movie(store::Store& db, const std::string& user_id, const std::string& tconst,
                          const domain::UserMovieState& state) {
  return db.user_movies().insert(user_id, tconst, state).value();
}

std::optional<store::UserMovieRow> stored_row(store::Store& db, const std::string& user_id,
                                              const std::string& tconst) {
  return db.user_movies().lock(user_id, tconst);
}

std::string user_id_of(store::Store& db, const std::string& email) {
  return db.users().find_for_login(email).value().id;
}

Timestamp minutes_ago(int minutes) {
  return std::chrono::time_point_cast<std::chrono::seconds>(now_utc()) - std::chrono::minutes(minutes);
}

}  // namespace myvod::testing
