#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

#include "store/columns.hpp"
#include "store/items.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

void append_filter(BoundQuery& query, const UserMovieFilter& filter) {
  query << " FROM user_movie um JOIN movie m ON m.tconst = um.tconst WHERE um.user_id = ";
  query.bind(filter.user_id);
  if (!filter.status) {
    query << " AND um.watchlist_deleted_at IS NULL";
  } else if (*filter.status == domain::WatchStatus::watchlist) {
    query
        << " AND um.watchlist_deleted_at IS NULL AND um.watchlisted_at IS NOT NULL AND um.watched_at IS NULL";
  } else {
    query << " AND um.watched_at IS NOT NULL";
  }

  const std::string platforms = items::id_list(filter.platforms_in_force);
  const bool no_platforms = filter.platforms_in_force.empty();
  const std::string available_there =
      "EXISTS (SELECT 1 FROM movie_availability a WHERE a.tconst = um.tconst AND a.is_available = TRUE "
      "AND a.platform_id IN " +
      platforms + ")";
  if (filter.is_available) {
    if (no_platforms) {
      query << " AND 1 = 0";  // nothing can be available on no platform
    } else if (*filter.is_available) {
      query << " AND " << available_there;
    } else {
      query << " AND NOT " << available_there
            << " AND EXISTS (SELECT 1 FROM movie_availability a WHERE a.tconst = um.tconst "
               "AND a.is_available = FALSE AND a.platform_id IN "
            << platforms << ")";
    }
  }
  if (filter.available_on_requested_platforms && !no_platforms) query << " AND " << available_there;
  items::append_genre_filter(query, filter.genres);
}

// PostgreSQL's NULL placement (DESC puts NULLs first, ASC last) on both engines, `id DESC` breaking ties.
const char* order_by(domain::UserMovieOrdering ordering) {
  using enum domain::UserMovieOrdering;
  switch (ordering) {
    case watchlisted_desc:
      return " ORDER BY um.watchlisted_at DESC NULLS FIRST, um.id DESC";
    case watched_desc:
      return " ORDER BY um.watched_at DESC NULLS FIRST, um.id DESC";
    case rating_desc:
      return " ORDER BY um.user_rating DESC NULLS LAST, um.id DESC";
    case avg_rating_desc:
      return " ORDER BY m.avg_rating DESC NULLS FIRST, um.id DESC";
    case year_desc:
      return " ORDER BY m.start_year DESC NULLS FIRST, um.id DESC";
    case year_asc:
      return " ORDER BY m.start_year ASC NULLS LAST, um.id DESC";
    case newest_row:
      break;
  }
  return " ORDER BY um.id DESC";
}

const char* kRowColumns =
    "SELECT id, watchlisted_at, watchlist_deleted_at, watched_at, user_rating, added_from_ai_suggestion "
    "FROM user_movie WHERE user_id = ";

std::optional<UserMovieRow> read_row(Store& store, BoundQuery& query) {
  UserMovieRow row;
  items::StateColumns columns;
  Rows statement = query.run(
      store, soci::into(row.id), soci::into(columns.watchlisted_at, columns.watchlisted_set),
      soci::into(columns.deleted_at, columns.deleted_set),
      soci::into(columns.watched_at, columns.watched_set), soci::into(columns.rating, columns.rating_set),
      soci::into(columns.from_ai, columns.from_ai_set));
  if (!statement.fetch()) return std::nullopt;
  row.state = *columns.state();
  return row;
}

// The state's columns as bound values, NULLs as indicators.
struct StateValues {
  explicit StateValues(const domain::UserMovieState& state) {
    set(watchlisted_at, watchlisted_set, state.watchlisted_at);
    set(deleted_at, deleted_set, state.watchlist_deleted_at);
    set(watched_at, watched_set, state.watched_at);
    rating = state.user_rating.value_or(0);
    rating_set = state.user_rating ? soci::i_ok : soci::i_null;
    from_ai = state.added_from_ai_suggestion ? 1 : 0;
  }
  static void set(std::string& text, soci::indicator& indicator, const std::optional<Timestamp>& value) {
    text = value ? to_db_string(*value) : std::string();
    indicator = value ? soci::i_ok : soci::i_null;
  }

  std::string watchlisted_at, deleted_at, watched_at;
  soci::indicator watchlisted_set, deleted_set, watched_set, rating_set;
  int rating = 0;
  int from_ai = 0;
};

}  // namespace

long long UserMovieStore::count(const UserMovieFilter& filter) {
  return items::count(store_, [&](BoundQuery& query) { append_filter(query, filter); });
}

ItemSlice UserMovieStore::list(const UserMovieFilter& filter, long long offset, int limit) {
  return items::page(
      store_, [&](BoundQuery& query) { append_filter(query, filter); }, order_by(filter.ordering), offset,
      limit);
}

std::optional<UserMovieItem> UserMovieStore::find(const std::string& user_id, long long id) {
  BoundQuery query;
  query << "SELECT " << items::kColumns
        << " FROM user_movie um JOIN movie m ON m.tconst = um.tconst WHERE um.user_id = ";
  query.bind(user_id) << " AND um.id = " << id;
  auto slice = items::read(store_, query);
  if (slice.items.empty()) return std::nullopt;
  return std::move(slice.items.front());
}

std::optional<UserMovieRow> UserMovieStore::lock(const std::string& user_id, const std::string& tconst) {
  BoundQuery query;
  query << kRowColumns;
  query.bind(user_id) << " AND tconst = ";
  query.bind(tconst) << (engine() == Engine::postgres ? " FOR UPDATE" : "");
  return read_row(store_, query);
}

std::optional<UserMovieRow> UserMovieStore::lock(const std::string& user_id, long long id) {
  BoundQuery query;
  query << kRowColumns;
  query.bind(user_id) << " AND id = " << id << (engine() == Engine::postgres ? " FOR UPDATE" : "");
  return read_row(store_, query);
}

std::optional<long long> UserMovieStore::insert(const std::string& user_id, const std::string& tconst,
                                                const domain::UserMovieState& state) {
  StateValues values(state);
  long long id = 0;
  sql() << "INSERT INTO user_movie (user_id, tconst, watchlisted_at, watchlist_deleted_at, watched_at, "
           "user_rating, added_from_ai_suggestion) "
           "VALUES (:user_id, :tconst, :watchlisted_at, :deleted_at, :watched_at, :rating, :from_ai = 1) "
           "ON CONFLICT (user_id, tconst) DO NOTHING RETURNING id",
      soci::use(user_id), soci::use(tconst), soci::use(values.watchlisted_at, values.watchlisted_set),
      soci::use(values.deleted_at, values.deleted_set), soci::use(values.watched_at, values.watched_set),
      soci::use(values.rating, values.rating_set), soci::use(values.from_ai), soci::into(id);
  if (!sql().got_data()) return std::nullopt;
  return id;
}

void UserMovieStore::update(const std::string& user_id, long long id, const domain::UserMovieState& state) {
  StateValues values(state);
  sql() << "UPDATE user_movie SET watchlisted_at = :watchlisted_at, watchlist_deleted_at = :deleted_at, "
           "watched_at = :watched_at, user_rating = :rating, added_from_ai_suggestion = (:from_ai = 1) "
           "WHERE id = :id AND user_id = :user_id",
      soci::use(values.watchlisted_at, values.watchlisted_set),
      soci::use(values.deleted_at, values.deleted_set), soci::use(values.watched_at, values.watched_set),
      soci::use(values.rating, values.rating_set), soci::use(values.from_ai), soci::use(id),
      soci::use(user_id);
}

std::map<std::string, UserMovieRow> UserMovieStore::lock_all(const std::string& user_id) {
  std::map<std::string, UserMovieRow> rows;
  UserMovieRow row;
  std::string tconst;
  items::StateColumns columns;
  BoundQuery query;
  query << "SELECT tconst, id, watchlisted_at, watchlist_deleted_at, watched_at, user_rating, "
           "added_from_ai_suggestion FROM user_movie WHERE user_id = ";
  query.bind(user_id) << " ORDER BY id" << (engine() == Engine::postgres ? " FOR UPDATE" : "");
  Rows statement = query.run(store_, soci::into(tconst), soci::into(row.id),
                             soci::into(columns.watchlisted_at, columns.watchlisted_set),
                             soci::into(columns.deleted_at, columns.deleted_set),
                             soci::into(columns.watched_at, columns.watched_set),
                             soci::into(columns.rating, columns.rating_set),
                             soci::into(columns.from_ai, columns.from_ai_set));
  while (statement.fetch()) {
    row.state = *columns.state();
    rows.emplace(tconst, row);
  }
  return rows;
}

std::set<std::string> UserMovieStore::insert_many(
    const std::string& user_id, const std::vector<std::pair<std::string, domain::UserMovieState>>& rows) {
  // 500 rows of 7 values stay far below both engines' limits on bound values per statement.
  constexpr size_t kRowsPerStatement = 500;
  std::set<std::string> inserted;
  for (size_t first = 0; first < rows.size(); first += kRowsPerStatement) {
    const size_t last = std::min(rows.size(), first + kRowsPerStatement);
    BoundQuery query;
    query << "INSERT INTO user_movie (user_id, tconst, watchlisted_at, watchlist_deleted_at, watched_at, "
             "user_rating, added_from_ai_suggestion) VALUES ";
    for (size_t i = first; i < last; ++i) {
      const auto& [tconst, state] = rows[i];
      query << (i == first ? "(" : ", (");
      query.bind(user_id) << ", ";
      query.bind(tconst) << ", ";
      for (const auto& time : {state.watchlisted_at, state.watchlist_deleted_at, state.watched_at}) {
        if (time) {
          query.bind(to_db_string(*time)) << ", ";
        } else {
          query << "NULL, ";
        }
      }
      if (state.user_rating) {
        query << *state.user_rating;
      } else {
        query << "NULL";
      }
      query << (state.added_from_ai_suggestion ? ", TRUE)" : ", FALSE)");
    }
    query << " ON CONFLICT (user_id, tconst) DO NOTHING RETURNING tconst";
    std::string tconst;
    Rows statement = query.run(store_, soci::into(tconst));
    while (statement.fetch()) inserted.insert(tconst);
  }
  return inserted;
}

std::vector<domain::OwnedMovie> UserMovieStore::exported(const std::string& user_id) {
  std::vector<domain::OwnedMovie> entries;
  domain::OwnedMovie entry;
  std::string original, genres;
  int year = 0, votes = 0;
  double rating = 0;
  soci::indicator original_set, year_set, genres_set, rating_set, votes_set;
  items::StateColumns columns;
  BoundQuery query;
  query << "SELECT um.id, m.tconst, m.primary_title, m.original_title, m.start_year, m.genres, m.avg_rating, "
           "m.num_votes, um.watchlisted_at, um.watchlist_deleted_at, um.watched_at, um.user_rating, "
           "um.added_from_ai_suggestion FROM user_movie um JOIN movie m ON m.tconst = um.tconst WHERE "
           "um.user_id = ";
  query.bind(user_id) << " ORDER BY um.id";
  Rows statement = query.run(
      store_, soci::into(entry.id), soci::into(entry.movie.tconst), soci::into(entry.movie.primary_title),
      soci::into(original, original_set), soci::into(year, year_set), soci::into(genres, genres_set),
      soci::into(rating, rating_set), soci::into(votes, votes_set),
      soci::into(columns.watchlisted_at, columns.watchlisted_set),
      soci::into(columns.deleted_at, columns.deleted_set),
      soci::into(columns.watched_at, columns.watched_set), soci::into(columns.rating, columns.rating_set),
      soci::into(columns.from_ai, columns.from_ai_set));
  while (statement.fetch()) {
    entry.movie.original_title = original_set == soci::i_ok ? original : std::string();
    entry.movie.start_year = optional_column(year, year_set);
    entry.movie.genres = optional_column(genres, genres_set);
    entry.movie.avg_rating = optional_column(rating, rating_set);
    entry.movie.num_votes = optional_column(votes, votes_set);
    entry.state = *columns.state();
    entries.push_back(entry);
  }
  return entries;
}

}  // namespace myvod::store
