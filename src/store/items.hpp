#pragma once
// Pieces shared by the two list aggregates (user_movies.cpp, on_vod.cpp): the item columns, counting a list
// and reading a page of it with its total, attaching availability in one query, the state columns of a row,
// and the genre filter.

#include <string>
#include <vector>

#include "store/bound_query.hpp"
#include "store/store.hpp"

namespace myvod::store::items {

// Selected by every item query, in this order, followed by "COUNT(*) OVER ()"; `um` may be outer-joined.
inline constexpr const char* kColumns =
    "um.id, m.tconst, m.primary_title, m.start_year, m.genres, m.avg_rating, m.poster_path, "
    "m.poster_last_checked, "
    "um.watchlisted_at, um.watchlist_deleted_at, um.watched_at, um.user_rating, um.added_from_ai_suggestion, "
    "COUNT(*) OVER ()";

// Runs `query` (which selects kColumns) and attaches each movie's availability rows.
ItemSlice read(Store& store, BoundQuery& query);

// The size of a list: `append_filter(query)` adds its FROM and WHERE clauses.
template <class AppendFilter>
long long count(Store& store, AppendFilter append_filter) {
  BoundQuery query;
  query << "SELECT COUNT(*)";
  append_filter(query);
  long long total = 0;
  query.run(store, soci::into(total)).fetch();
  return total;
}

// One page of a list, in the order of `order_by` (" ORDER BY ...").
template <class AppendFilter>
ItemSlice page(Store& store, AppendFilter append_filter, const char* order_by, long long offset, int limit) {
  BoundQuery query;
  query << "SELECT " << kColumns;
  append_filter(query);
  query << order_by << " LIMIT " << limit << " OFFSET " << offset;
  return read(store, query);
}

// " AND (<movie has any of `genres`>)"; nothing when `genres` is empty.
void append_genre_filter(BoundQuery& query, const std::vector<std::string>& genres);

// "(1, 2, 3)" for ids that were validated against the platform table.
std::string id_list(const std::vector<int>& ids);

// The state columns of a user_movie row as read into (watchlisted_at, watchlist_deleted_at, watched_at,
// user_rating, added_from_ai_suggestion, in this order), NULLs as indicators.
struct StateColumns {
  std::string watchlisted_at, deleted_at, watched_at;
  int rating = 0;
  int from_ai = 0;
  soci::indicator watchlisted_set = soci::i_null, deleted_set = soci::i_null, watched_set = soci::i_null,
                  rating_set = soci::i_null, from_ai_set = soci::i_null;

  // Nothing when the row is absent (an outer join found none).
  std::optional<domain::UserMovieState> state() const;
};

// The movie columns of an item as read into (tconst, primary_title, start_year, genres, avg_rating,
// poster_path, poster_last_checked, in this order), NULLs as indicators.
struct MovieColumns {
  std::string tconst, primary_title;
  int start_year = 0;
  std::string genres, poster_path, poster_checked;
  double avg_rating = 0;
  soci::indicator year_set = soci::i_null, genres_set = soci::i_null, rating_set = soci::i_null,
                  poster_set = soci::i_null, poster_checked_set = soci::i_null;

  domain::Movie movie() const;
};

}  // namespace myvod::store::items
