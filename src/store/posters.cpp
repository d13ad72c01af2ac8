#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

std::optional<PosterStore::Target> PosterStore::find(const std::string& tconst) {
  std::string poster, checked;
  long long tmdb_id = 0;
  soci::indicator poster_set, checked_set, tmdb_set;
  sql() << "SELECT poster_path, poster_last_checked, tmdb_id FROM movie WHERE tconst = :tconst",
      soci::use(tconst), soci::into(poster, poster_set), soci::into(checked, checked_set),
      soci::into(tmdb_id, tmdb_set);
  if (!sql().got_data()) return std::nullopt;
  return Target{{optional_column(poster, poster_set), timestamp_column(checked, checked_set)},
                optional_column(tmdb_id, tmdb_set)};
}

void PosterStore::save(const std::string& tconst, const std::optional<long long>& tmdb_id,
                       const std::optional<std::string>& poster_path, Timestamp checked_at) {
  const std::string checked = to_db_string(checked_at);
  const long long id = tmdb_id.value_or(0);
  const std::string poster = poster_path.value_or("");
  soci::indicator id_set = tmdb_id ? soci::i_ok : soci::i_null;
  soci::indicator poster_set = poster_path ? soci::i_ok : soci::i_null;
  store_.transaction([&] {
    // The counter's row lock holds a second writer until this one commits, so numbers commit in order and a
    // reader that has seen number n has seen every write up to n.
    std::string change;
    sql() << "UPDATE app_setting SET value = CAST(CAST(value AS bigint) + 1 AS text) "
             "WHERE key = 'poster_change' RETURNING value",
        soci::into(change);
    const long long number = std::stoll(change);
    sql() << "UPDATE movie SET poster_last_checked = :checked, poster_path = COALESCE(:poster, poster_path), "
             "tmdb_id = COALESCE(:tmdb_id, tmdb_id), poster_change = :change WHERE tconst = :tconst",
        soci::use(checked), soci::use(poster, poster_set), soci::use(id, id_set), soci::use(number),
        soci::use(tconst);
  });
}

std::vector<domain::PosterChange> PosterStore::changes_since(long long seen) {
  BoundQuery query;
  query << "SELECT tconst, poster_path, poster_last_checked FROM movie WHERE poster_change > ";
  query.bind(std::to_string(seen));
  std::string tconst, poster, checked;
  soci::indicator poster_set, checked_set;
  Rows rows =
      query.run(store_, soci::into(tconst), soci::into(poster, poster_set), soci::into(checked, checked_set));
  std::vector<domain::PosterChange> changes;
  while (rows.fetch())
    changes.push_back(
        {tconst, {optional_column(poster, poster_set), timestamp_column(checked, checked_set)}});
  return changes;
}

namespace {

void append_poster_filter(BoundQuery& query, bool missing_only, Timestamp answered_before) {
  query << " FROM movie WHERE 1 = 1";
  if (missing_only) {
    query << " AND poster_path IS NULL AND (poster_last_checked IS NULL OR poster_last_checked < ";
    query.bind(to_db_string(answered_before)) << ")";
  }
}

}  // namespace

std::vector<std::string> PosterStore::page_of_movies(bool missing_only, Timestamp answered_before,
                                                     const std::string& after, int limit) {
  BoundQuery query;
  query << "SELECT tconst";
  append_poster_filter(query, missing_only, answered_before);
  query << " AND tconst > ";
  query.bind(after) << " ORDER BY tconst LIMIT " << limit;
  std::string tconst;
  std::vector<std::string> page;
  Rows rows = query.run(store_, soci::into(tconst));
  while (rows.fetch()) page.push_back(tconst);
  return page;
}

long long PosterStore::count_movies(bool missing_only, Timestamp answered_before) {
  BoundQuery query;
  query << "SELECT COUNT(*)";
  append_poster_filter(query, missing_only, answered_before);
  long long total = 0;
  query.run(store_, soci::into(total)).fetch();
  return total;
}

}  // namespace myvod::store
