#include "store/items.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include <map>
#include <stdexcept>

#include "store/columns.hpp"

namespace myvod::store::items {

namespace {

void attach_availability(Store& store, std::vector<UserMovieItem>& items) {
  if (items.empty()) return;
  std::vector<std::string> tconsts;
  std::map<std::string, std::vector<UserMovieItem*>> by_tconst;
  for (auto& item : items) {
    if (by_tconst[item.movie.tconst].empty()) tconsts.push_back(item.movie.tconst);
    by_tconst[item.movie.tconst].push_back(&item);
  }
  BoundQuery query;
  query << "SELECT tconst, platform_id, is_available FROM movie_availability WHERE tconst IN ";
  query.bind_list(tconsts) << " ORDER BY platform_id, id";
  std::string tconst;
  int platform_id = 0;
  int is_available = 0;
  soci::indicator available_set = soci::i_ok;
  Rows rows =
      query.run(store, soci::into(tconst), soci::into(platform_id), soci::into(is_available, available_set));
  while (rows.fetch()) {
    const domain::AvailabilityRow row{
        platform_id, available_set == soci::i_ok ? std::optional<bool>(is_available != 0) : std::nullopt};
    for (auto* item : by_tconst[tconst]) item->availability.push_back(row);
  }
}

}  // namespace

std::optional<domain::UserMovieState> StateColumns::state() const {
  if (from_ai_set != soci::i_ok) return std::nullopt;
  domain::UserMovieState state;
  state.watchlisted_at = timestamp_column(watchlisted_at, watchlisted_set);
  state.watchlist_deleted_at = timestamp_column(deleted_at, deleted_set);
  state.watched_at = timestamp_column(watched_at, watched_set);
  state.user_rating = optional_column(rating, rating_set);
  state.added_from_ai_suggestion = from_ai != 0;
  return state;
}

domain::Movie MovieColumns::movie() const {
  domain::Movie movie;
  movie.tconst = tconst;
  movie.primary_title = primary_title;
  movie.start_year = optional_column(start_year, year_set);
  movie.genres = optional_column(genres, genres_set);
  movie.avg_rating = optional_column(avg_rating, rating_set);
  movie.poster_path = optional_column(poster_path, poster_set);
  movie.poster_checked_at = timestamp_column(poster_checked, poster_checked_set);
  return movie;
}

ItemSlice read(Store& store, BoundQuery& query) {
  long long id = 0;
  MovieColumns movie;
  StateColumns columns;
  long long total = 0;
  soci::indicator id_set = soci::i_null;
  Rows rows = query.run(
      store, soci::into(id, id_set), soci::into(movie.tconst), soci::into(movie.primary_title),
      soci::into(movie.start_year, movie.year_set), soci::into(movie.genres, movie.genres_set),
      soci::into(movie.avg_rating, movie.rating_set), soci::into(movie.poster_path, movie.poster_set),
      soci::into(movie.poster_checked, movie.poster_checked_set),
      soci::into(columns.watchlisted_at, columns.watchlisted_set),
      soci::into(columns.deleted_at, columns.deleted_set),
      soci::into(columns.watched_at, columns.watched_set), soci::into(columns.rating, columns.rating_set),
      soci::into(columns.from_ai, columns.from_ai_set), soci::into(total));
  ItemSlice slice;
  while (rows.fetch()) {
    UserMovieItem item;
    item.id = optional_column(id, id_set);
    item.movie = movie.movie();
    item.state = columns.state().value_or(domain::UserMovieState{});
    slice.total = total;
    slice.items.push_back(std::move(item));
  }
  attach_availability(store, slice.items);
  return slice;
}

void append_genre_filter(BoundQuery& query, const std::vector<std::string>& genres) {
  if (genres.empty()) return;
  // movie.genres is IMDb's comma-joined list; framing it with commas makes each name a whole-word match.
  query << " AND (";
  for (size_t i = 0; i < genres.size(); ++i) {
    std::string pattern = "%,";
    for (char c : genres[i]) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += ",%";
    query << (i ? " OR " : "") << "(',' || m.genres || ',') LIKE ";
    query.bind(std::move(pattern)) << " ESCAPE '\\'";
  }
  query << ")";
}

std::string id_list(const std::vector<int>& ids) {
  return fmt::format("({})", fmt::join(ids, ", "));
}

}  // namespace myvod::store::items
