#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/items.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

void append_filter(BoundQuery& query, const std::string& user_id, bool unread_only) {
  query << " FROM notification n JOIN movie m ON m.tconst = n.tconst JOIN platform p ON p.id = n.platform_id "
           "WHERE n.user_id = ";
  query.bind(user_id);
  if (unread_only) query << " AND n.read_at IS NULL";
}

}  // namespace

NotificationSlice NotificationStore::page(const std::string& user_id, bool unread_only, long long offset,
                                          int limit) {
  BoundQuery query;
  query << "SELECT n.id, n.created_at, n.read_at, m.tconst, m.primary_title, m.start_year, m.genres, "
           "m.avg_rating, m.poster_path, m.poster_last_checked, p.id, p.platform_slug, p.platform_name, "
           "COUNT(*) OVER ()";
  append_filter(query, user_id, unread_only);
  // Ids grow with time, so the id orders newest first without ties.
  query << " ORDER BY n.id DESC LIMIT " << limit << " OFFSET " << offset;
  Notification row;
  std::string created, read;
  soci::indicator read_set = soci::i_null;
  items::MovieColumns movie;
  NotificationSlice slice;
  Rows rows = query.run(
      store_, soci::into(row.id), soci::into(created), soci::into(read, read_set), soci::into(movie.tconst),
      soci::into(movie.primary_title), soci::into(movie.start_year, movie.year_set),
      soci::into(movie.genres, movie.genres_set), soci::into(movie.avg_rating, movie.rating_set),
      soci::into(movie.poster_path, movie.poster_set),
      soci::into(movie.poster_checked, movie.poster_checked_set), soci::into(row.platform.id),
      soci::into(row.platform.slug), soci::into(row.platform.name), soci::into(slice.total));
  while (rows.fetch()) {
    row.created_at = *timestamp_column(created, soci::i_ok);
    row.read_at = timestamp_column(read, read_set);
    row.movie = movie.movie();
    slice.items.push_back(row);
  }
  return slice;
}

long long NotificationStore::count(const std::string& user_id, bool unread_only) {
  BoundQuery query;
  query << "SELECT COUNT(*) FROM notification n WHERE n.user_id = ";
  query.bind(user_id);
  if (unread_only) query << " AND n.read_at IS NULL";
  long long total = 0;
  query.run(store_, soci::into(total)).fetch();
  return total;
}

long long NotificationStore::mark_read(const std::string& user_id, const std::vector<long long>& ids,
                                       Timestamp now) {
  BoundQuery query;
  query << "UPDATE notification SET read_at = ";
  query.bind(to_db_string(now)) << " WHERE user_id = ";
  query.bind(user_id) << " AND read_at IS NULL";
  // The ids are parsed integers, so listing them in the statement is safe.
  if (!ids.empty()) query << fmt::format(" AND id IN ({})", fmt::join(ids, ", "));
  return query.execute(store_);
}

}  // namespace myvod::store
