#pragma once
// Pieces shared by the two list aggregates (user_movies.cpp, on_vod.cpp): the item columns, reading a page
// of items with the list's total, attaching availability in one query, and the genre filter.

#include <string>
#include <vector>

#include "store/bound_query.hpp"
#include "store/store.hpp"

namespace myvod::store::items {

// Selected by every item query, in this order, followed by "COUNT(*) OVER ()"; `um` may be outer-joined.
inline constexpr const char* kColumns =
    "um.id, m.tconst, m.primary_title, m.start_year, m.genres, m.avg_rating, m.poster_path, "
    "um.watchlisted_at, um.watchlist_deleted_at, um.watched_at, um.user_rating, um.added_from_ai_suggestion, "
    "COUNT(*) OVER ()";

// Runs `query` (which selects kColumns) and attaches each movie's availability rows.
ItemSlice read(soci::session& sql, BoundQuery& query);

// " AND (<movie has any of `genres`>)"; nothing when `genres` is empty.
void append_genre_filter(BoundQuery& query, const std::vector<std::string>& genres);

// "(1, 2, 3)" for ids that were validated against the platform table.
std::string id_list(const std::vector<int>& ids);

std::optional<domain::UserMovieState> state_from_columns(
    const std::string& watchlisted_at, soci::indicator watchlisted_set, const std::string& deleted_at,
    soci::indicator deleted_set, const std::string& watched_at, soci::indicator watched_set, int rating,
    soci::indicator rating_set, int from_ai, soci::indicator from_ai_set);

}  // namespace myvod::store::items
