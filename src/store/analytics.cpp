#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

constexpr int kTopMovies = 10;

}  // namespace

UsageTotals AnalyticsStore::usage_totals(Timestamp now) {
  const std::string week_ago = to_db_string(now - std::chrono::days(7));
  const std::string month_ago = to_db_string(now - std::chrono::days(30));
  BoundQuery query;
  // One pass over user_movie, grouped by user, joined to every user: what each user has, next to when they
  // joined. (An EXISTS per user for the retention figures cost a third more on PostgreSQL.)
  query << "SELECT COUNT(CASE WHEN u.is_active THEN 1 END), "
           "COUNT(CASE WHEN u.is_active AND u.date_joined <= ";
  query.bind(week_ago)
      << " THEN 1 END), COUNT(CASE WHEN u.is_active AND p.user_id IS NOT NULL AND u.date_joined <= ";
  query.bind(week_ago) << " THEN 1 END), COUNT(CASE WHEN u.is_active AND u.date_joined <= ";
  query.bind(month_ago)
      << " THEN 1 END), COUNT(CASE WHEN u.is_active AND p.user_id IS NOT NULL AND u.date_joined <= ";
  query.bind(month_ago)
      << " THEN 1 END), COUNT(CASE WHEN p.kept >= 10 THEN 1 END), COUNT(CASE WHEN p.kept >= 1 THEN 1 END), "
         "CAST(COALESCE(SUM(p.kept), 0) AS BIGINT), COUNT(CASE WHEN p.from_ai > 0 THEN 1 END), "
         "(SELECT COUNT(DISTINCT user_id) FROM ai_suggestion_batch) "
         "FROM users_user u LEFT JOIN (SELECT user_id, COUNT(CASE WHEN watchlist_deleted_at IS NULL THEN 1 "
         "END) AS "
         "kept, COUNT(CASE WHEN added_from_ai_suggestion THEN 1 END) AS from_ai FROM user_movie GROUP BY "
         "user_id) p "
         "ON p.user_id = u.id";
  UsageTotals totals;
  query
      .run(store_, soci::into(totals.active), soci::into(totals.joined_before_7_days),
           soci::into(totals.retained_7_days), soci::into(totals.joined_before_30_days),
           soci::into(totals.retained_30_days), soci::into(totals.users_with_10_movies),
           soci::into(totals.users_with_movies), soci::into(totals.movies),
           soci::into(totals.users_added_from_ai), soci::into(totals.users_asked_ai))
      .fetch();
  return totals;
}

std::vector<domain::Joiner> AnalyticsStore::joiners_since(Timestamp since) {
  BoundQuery query;
  query << "SELECT u.date_joined, (SELECT MIN(m.watchlisted_at) FROM user_movie m WHERE m.user_id = u.id) "
           "FROM users_user u WHERE u.is_active AND u.date_joined >= ";
  query.bind(to_db_string(since));
  std::string joined, first;
  soci::indicator first_set = soci::i_null;
  std::vector<domain::Joiner> joiners;
  Rows rows = query.run(store_, soci::into(joined), soci::into(first, first_set));
  while (rows.fetch())
    joiners.push_back({*timestamp_column(joined, soci::i_ok), timestamp_column(first, first_set)});
  return joiners;
}

std::vector<TopMovie> AnalyticsStore::top_movies(domain::TopMoviesList list,
                                                 const std::optional<Timestamp>& since) {
  const bool watched = list == domain::TopMoviesList::watched;
  const char* moment = watched ? "watched_at" : "watchlisted_at";
  BoundQuery query;
  query << "SELECT m.tconst, m.primary_title, m.start_year, c.n FROM (SELECT tconst, COUNT(*) AS n FROM "
           "user_movie";
  // A window is read through the index by time. SQLite's planner cannot tell how few rows a window holds
  // and would rather walk the per-movie index (no sort) and read every row of it: 80 times slower here.
  if (since && engine() == Engine::sqlite)
    query << (watched ? " INDEXED BY user_movie_watched_at_idx"
                      : " INDEXED BY user_movie_watchlisted_at_idx");
  query << " WHERE " << moment << " IS NOT NULL";
  if (!watched) query << " AND watchlist_deleted_at IS NULL";
  if (since) {
    query << " AND " << moment << " >= ";
    query.bind(to_db_string(*since));
  }
  // The tconst breaks ties the same way on both engines (titles would sort by each one's collation).
  query << " GROUP BY tconst) c JOIN movie m ON m.tconst = c.tconst ORDER BY c.n DESC, m.tconst LIMIT "
        << kTopMovies;
  TopMovie row;
  int year = 0;
  soci::indicator year_set = soci::i_null;
  std::vector<TopMovie> movies;
  Rows rows = query.run(store_, soci::into(row.tconst), soci::into(row.primary_title),
                        soci::into(year, year_set), soci::into(row.count));
  while (rows.fetch()) {
    row.start_year = optional_column(year, year_set);
    movies.push_back(row);
  }
  return movies;
}

void AnalyticsStore::append_filter(BoundQuery& query, const ErrorLogFilter& filter) {
  query << " FROM integration_error_log WHERE 1 = 1";
  if (!filter.api_types.empty()) {
    query << " AND api_type IN ";
    query.bind_list(filter.api_types);
  }
  if (filter.from) {
    query << " AND occurred_at >= ";
    query.bind(to_db_string(*filter.from));
  }
  if (filter.before) {
    query << " AND occurred_at < ";
    query.bind(to_db_string(*filter.before));
  }
  if (filter.user_id) {
    query << " AND user_id = ";
    query.bind(*filter.user_id);
  }
}

std::vector<ErrorLogEntry> AnalyticsStore::read_error_logs(BoundQuery& query) {
  ErrorLogEntry row;
  std::string occurred, user;
  soci::indicator user_set = soci::i_null;
  std::vector<ErrorLogEntry> entries;
  Rows rows = query.run(store_, soci::into(row.id), soci::into(occurred), soci::into(row.api_type),
                        soci::into(row.error_message), soci::into(user, user_set));
  while (rows.fetch()) {
    row.occurred_at = *timestamp_column(occurred, soci::i_ok);
    row.user_id = optional_column(user, user_set);
    entries.push_back(row);
  }
  return entries;
}

ErrorLogSlice AnalyticsStore::error_logs(const ErrorLogFilter& filter, long long offset, int limit) {
  ErrorLogSlice slice;
  BoundQuery count;
  count << "SELECT COUNT(*)";
  append_filter(count, filter);
  count.run(store_, soci::into(slice.total)).fetch();
  if (offset >= slice.total) return slice;
  const char* direction = filter.oldest_first ? "ASC" : "DESC";
  BoundQuery query;
  query << "SELECT id, occurred_at, api_type, error_message, user_id";
  append_filter(query, filter);
  query << " ORDER BY occurred_at " << direction << ", id " << direction << " LIMIT " << limit << " OFFSET "
        << offset;
  slice.items = read_error_logs(query);
  return slice;
}

std::vector<ErrorLogEntry> AnalyticsStore::error_logs_after(const ErrorLogFilter& filter,
                                                            const std::optional<ErrorLogEntry>& after,
                                                            int limit) {
  const char* direction = filter.oldest_first ? "ASC" : "DESC";
  const char* beyond = filter.oldest_first ? " > " : " < ";
  BoundQuery query;
  query << "SELECT id, occurred_at, api_type, error_message, user_id";
  append_filter(query, filter);
  if (after) {
    const std::string at = to_db_string(after->occurred_at);
    query << " AND (occurred_at" << beyond;
    query.bind(at) << " OR (occurred_at = ";
    query.bind(at) << " AND id" << beyond << after->id << "))";
  }
  query << " ORDER BY occurred_at " << direction << ", id " << direction << " LIMIT " << limit;
  return read_error_logs(query);
}

}  // namespace myvod::store
