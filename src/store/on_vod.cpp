#include <soci/soci.h>

#include "store/items.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

// The movies available on the platforms asked for (any platform when none), each with the id of its newest
// availability row of any state, which orders the list by "added to VOD".
void append_filter(BoundQuery& query, const OnVodFilter& filter) {
  query << " FROM (SELECT a.tconst, MAX(a.id) AS newest_availability FROM movie_availability a "
           "GROUP BY a.tconst HAVING MAX(CASE WHEN a.is_available = TRUE";
  if (!filter.platform_ids.empty()) query << " AND a.platform_id IN " << items::id_list(filter.platform_ids);
  query << " THEN 1 ELSE 0 END) = 1) listed "
           "JOIN movie m ON m.tconst = listed.tconst "
           "LEFT JOIN user_movie um ON um.tconst = listed.tconst AND um.user_id = ";
  query.bind(filter.user_id) << " WHERE 1 = 1";
  items::append_genre_filter(query, filter.genres);
  const char* actively_watchlisted = "(um.watchlist_deleted_at IS NULL AND um.watchlisted_at IS NOT NULL)";
  if (filter.exclude_watched) query << " AND um.watched_at IS NULL";
  if (filter.exclude_watchlisted) query << " AND NOT (um.id IS NOT NULL AND " << actively_watchlisted << ")";
  if (filter.exclude_unassigned)
    query << " AND um.id IS NOT NULL AND (" << actively_watchlisted << " OR um.watched_at IS NOT NULL)";
}

// The original has no tie-breaker; tconst keeps pages stable.
const char* order_by(domain::OnVodOrdering ordering) {
  using enum domain::OnVodOrdering;
  switch (ordering) {
    case imdb_desc:
      return " ORDER BY COALESCE(m.avg_rating, -1) DESC, m.tconst";
    case year_desc:
      return " ORDER BY COALESCE(m.start_year, 0) DESC, m.tconst";
    case year_asc:
      return " ORDER BY COALESCE(m.start_year, 9999) ASC, m.tconst";
    case added_desc:
      break;
  }
  return " ORDER BY listed.newest_availability DESC, m.tconst";
}

}  // namespace

long long OnVodStore::count(const OnVodFilter& filter) {
  return items::count(store_, [&](BoundQuery& query) { append_filter(query, filter); });
}

ItemSlice OnVodStore::list(const OnVodFilter& filter, long long offset, int limit) {
  return items::page(
      store_, [&](BoundQuery& query) { append_filter(query, filter); }, order_by(filter.ordering), offset,
      limit);
}

}  // namespace myvod::store
