#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "common/random.hpp"
#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/engine.hpp"
#include "store/store.hpp"

namespace myvod::store {

long long CatalogStore::count_movies() {
  long long count = 0;
  sql() << "SELECT COUNT(*) FROM movie", soci::into(count);
  return count;
}

namespace {

// Shared by both paths: an existing title is rewritten only when a column changed, so a re-import reports
// (and writes) only real changes; posters, availability ids and user data are never part of the SET list. An
// import without the ratings file leaves the stored ratings as they are: it knows nothing about them.
std::string upsert_tail(MovieColumns columns) {
  std::vector<std::string_view> names{"primary_title", "original_title", "start_year", "genres"};
  if (columns == MovieColumns::with_ratings) names.insert(names.end(), {"avg_rating", "num_votes"});
  std::string set, changed;
  for (const auto name : names) {
    set += fmt::format("{} = excluded.{}, ", name, name);
    changed +=
        fmt::format("{}movie.{} IS DISTINCT FROM excluded.{}", changed.empty() ? "" : " OR ", name, name);
  }
  return " ON CONFLICT (tconst) DO UPDATE SET " + set + "updated_at = excluded.updated_at WHERE " + changed;
}

long long upsert_bound(soci::session& sql, const std::vector<domain::Movie>& movies, MovieColumns columns,
                       const std::string& stamp) {
  const size_t n = movies.size();
  std::vector<std::string> tconst(n), primary_title(n), original_title(n), genres(n);
  std::vector<int> start_year(n), num_votes(n);
  std::vector<double> avg_rating(n);
  std::vector<soci::indicator> year_set(n), genres_set(n), rating_set(n), votes_set(n);
  const std::vector<std::string> stamps(n, stamp);
  for (size_t i = 0; i < n; ++i) {
    const domain::Movie& movie = movies[i];
    tconst[i] = movie.tconst;
    primary_title[i] = movie.primary_title;
    original_title[i] = movie.original_title;
    start_year[i] = movie.start_year.value_or(0);
    year_set[i] = movie.start_year ? soci::i_ok : soci::i_null;
    genres[i] = movie.genres.value_or("");
    genres_set[i] = movie.genres ? soci::i_ok : soci::i_null;
    avg_rating[i] = movie.avg_rating.value_or(0.0);
    rating_set[i] = movie.avg_rating ? soci::i_ok : soci::i_null;
    num_votes[i] = movie.num_votes.value_or(0);
    votes_set[i] = movie.num_votes ? soci::i_ok : soci::i_null;
  }
  soci::statement upsert =
      (sql.prepare << std::string(
                          "INSERT INTO movie (tconst, primary_title, original_title, start_year, genres, "
                          "avg_rating, num_votes, created_at, updated_at) "
                          "VALUES (:tconst, :primary_title, :original_title, :start_year, :genres, "
                          ":avg_rating, :num_votes, :created_at, :updated_at)") +
                          upsert_tail(columns),
       soci::use(tconst), soci::use(primary_title), soci::use(original_title),
       soci::use(start_year, year_set), soci::use(genres, genres_set), soci::use(avg_rating, rating_set),
       soci::use(num_votes, votes_set), soci::use(stamps), soci::use(stamps));
  upsert.execute(true);
  return upsert.get_affected_rows();
}

// COPY's text format: backslash, tab and line breaks escaped; "\N" is NULL.
void append_copy_field(std::string& out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
}

void append_copy_field(std::string& out, size_t number) {
  out += std::to_string(number);
}

template <class T>
void append_copy_field(std::string& out, const std::optional<T>& value) {
  if (!value)
    out += "\\N";
  else if constexpr (std::is_same_v<T, std::string>)
    append_copy_field(out, std::string_view(*value));
  else if constexpr (std::is_same_v<T, double>)
    out += fmt::format("{:.1f}", *value);
  else
    out += std::to_string(*value);
}

// One line of COPY text: the fields tab-separated.
template <class First, class... Rest>
void append_copy_row(std::string& out, const First& first, const Rest&... rest) {
  append_copy_field(out, first);
  ((out += '\t', append_copy_field(out, rest)), ...);
  out += '\n';
}

// PostgreSQL: one COPY of the batch into a session-local staging table and one set-based upsert from it,
// instead of a round trip per row. The last occurrence of a tconst in the batch wins, as row by row.
long long upsert_by_copy(soci::session& sql, const std::vector<domain::Movie>& movies, MovieColumns columns,
                         const std::string& stamp) {
  sql << "CREATE TEMP TABLE IF NOT EXISTS movie_staging (seq integer, tconst text, primary_title text, "
         "original_title text, start_year integer, genres text, avg_rating numeric(3,1), num_votes integer)";
  std::string rows;
  rows.reserve(movies.size() * 96);
  for (size_t i = 0; i < movies.size(); ++i) {
    const domain::Movie& movie = movies[i];
    append_copy_row(rows, i, std::string_view(movie.tconst), std::string_view(movie.primary_title),
                    std::string_view(movie.original_title), movie.start_year, movie.genres, movie.avg_rating,
                    movie.num_votes);
  }
  postgres::copy_in(sql,
                    "COPY movie_staging (seq, tconst, primary_title, original_title, start_year, genres, "
                    "avg_rating, num_votes) FROM STDIN",
                    rows);
  soci::statement upsert =
      (sql.prepare << std::string(
                          "INSERT INTO movie (tconst, primary_title, original_title, start_year, genres, "
                          "avg_rating, num_votes, created_at, updated_at) "
                          "SELECT DISTINCT ON (tconst) tconst, primary_title, original_title, start_year, "
                          "genres, avg_rating, num_votes, CAST(:created_at AS timestamptz), "
                          "CAST(:updated_at AS timestamptz) FROM movie_staging ORDER BY tconst, seq DESC") +
                          upsert_tail(columns),
       soci::use(stamp), soci::use(stamp));
  upsert.execute(true);
  const long long changed = upsert.get_affected_rows();
  sql << "TRUNCATE movie_staging";
  return changed;
}

}  // namespace

long long CatalogStore::upsert_movies(const std::vector<domain::Movie>& movies, MovieColumns columns,
                                      Timestamp now) {
  if (movies.empty()) return 0;
  const std::string stamp = to_db_string(now);
  const long long changed = engine() == Engine::postgres ? upsert_by_copy(sql(), movies, columns, stamp)
                                                         : upsert_bound(sql(), movies, columns, stamp);
  if (changed > 0) mark_changed();
  return changed;
}

namespace {

// A table of the connection, emptied after each apply. PostgreSQL drops it at the import's commit, so that a
// transaction-mode pooler never hands it to another client with the server connection.
void create_aka_staging(soci::session& sql, Engine engine) {
  sql << std::string(
             "CREATE TEMP TABLE IF NOT EXISTS movie_aka_staging (tconst text, region text, title text)") +
             (engine == Engine::postgres ? " ON COMMIT DROP" : "");
}

}  // namespace

void CatalogStore::stage_akas(const std::vector<Aka>& akas) {
  if (akas.empty()) return;
  create_aka_staging(sql(), engine());
  if (engine() == Engine::postgres) {
    std::string rows;
    for (const Aka& aka : akas)
      append_copy_row(rows, std::string_view(aka.tconst), std::string_view(aka.region),
                      std::string_view(aka.title));
    postgres::copy_in(sql(), "COPY movie_aka_staging (tconst, region, title) FROM STDIN", rows);
    return;
  }
  std::vector<std::string> tconsts, regions, titles;
  for (const Aka& aka : akas) {
    tconsts.push_back(aka.tconst);
    regions.push_back(aka.region);
    titles.push_back(aka.title);
  }
  sql() << "INSERT INTO movie_aka_staging (tconst, region, title) VALUES (:tconst, :region, :title)",
      soci::use(tconsts), soci::use(regions), soci::use(titles);
}

AkaChanges CatalogStore::apply_staged_akas(const std::vector<std::string>& regions) {
  AkaChanges changes;
  if (regions.empty()) return changes;
  create_aka_staging(sql(), engine());
  sql() << "CREATE INDEX IF NOT EXISTS movie_aka_staging_idx ON movie_aka_staging (tconst, region, title)";
  // What a movie is already called needs no other title; a row of no movie (or of another region) has no
  // place either, whatever the file said.
  BoundQuery insert;
  insert << "INSERT INTO movie_aka (tconst, region, title) SELECT DISTINCT s.tconst, s.region, s.title "
            "FROM movie_aka_staging s JOIN movie m ON m.tconst = s.tconst WHERE s.region IN ";
  insert.bind_list(regions) << " AND s.title <> m.primary_title AND s.title IS DISTINCT FROM "
                               "m.original_title ON CONFLICT DO NOTHING";
  changes.added = insert.execute(store_);
  BoundQuery remove;
  remove << "DELETE FROM movie_aka WHERE region IN ";
  remove.bind_list(regions)
      << " AND NOT EXISTS (SELECT 1 FROM movie_aka_staging s WHERE s.tconst = "
         "movie_aka.tconst AND s.region = movie_aka.region AND s.title = movie_aka.title)";
  changes.removed = remove.execute(store_);
  sql() << "DELETE FROM movie_aka_staging";
  if (changes.added > 0 || changes.removed > 0) mark_changed();
  return changes;
}

void CatalogStore::for_each_tconst(const std::function<void(const std::string&)>& visit) {
  std::string tconst;
  soci::statement rows = (sql().prepare << "SELECT tconst FROM movie", soci::into(tconst));
  rows.execute();
  while (rows.fetch()) visit(tconst);
}

void CatalogStore::add_genres(const std::set<std::string>& names) {
  for (const auto& name : names) {
    BoundQuery insert;
    insert << "INSERT INTO genre (name) VALUES (";
    insert.bind(name) << ") ON CONFLICT (name) DO NOTHING";
    insert.execute(store_);
  }
}

std::vector<std::string> CatalogStore::list_genres() {
  std::vector<std::string> names;
  std::string name;
  BoundQuery query;
  query << "SELECT name FROM genre";
  Rows rows = query.run(store_, soci::into(name));
  while (rows.fetch()) names.push_back(name);
  // Byte order, sorted here: PostgreSQL's ORDER BY follows the database's collation, which would make the
  // engines disagree (and break the binary searches of callers).
  std::sort(names.begin(), names.end());
  return names;
}

bool CatalogStore::movie_exists(const std::string& tconst) {
  int found = 0;
  sql() << "SELECT 1 FROM movie WHERE tconst = :tconst", soci::use(tconst), soci::into(found);
  return sql().got_data();
}

void CatalogStore::for_each_title(const std::function<void(const domain::Movie&)>& visit) {
  // A batch is held whole (and on PostgreSQL its result too) while the index is built beside a running one:
  // 10,000 movies take a few MB, where 50,000 added ~12 MB to a rebuild's peak for no speed.
  constexpr int kBatch = 10'000;
  std::string after;
  std::vector<domain::Movie> batch;
  while (true) {
    batch.clear();
    domain::Movie title;
    std::string original, poster, checked;
    int year = 0, votes = 0;
    double rating = 0;
    soci::indicator original_set, year_set, rating_set, votes_set, poster_set, checked_set;
    BoundQuery movies;
    movies << "SELECT tconst, primary_title, original_title, start_year, avg_rating, num_votes, poster_path, "
              "poster_last_checked FROM movie WHERE tconst > ";
    movies.bind(after) << " ORDER BY tconst LIMIT " << kBatch;
    Rows movie_rows = movies.run(store_, soci::into(title.tconst), soci::into(title.primary_title),
                                 soci::into(original, original_set), soci::into(year, year_set),
                                 soci::into(rating, rating_set), soci::into(votes, votes_set),
                                 soci::into(poster, poster_set), soci::into(checked, checked_set));
    while (movie_rows.fetch()) {
      title.original_title = original_set == soci::i_ok ? original : std::string();
      title.start_year = optional_column(year, year_set);
      title.avg_rating = optional_column(rating, rating_set);
      title.num_votes = optional_column(votes, votes_set);
      title.poster_path = optional_column(poster, poster_set);
      title.poster_checked_at = timestamp_column(checked, checked_set);
      batch.push_back(title);
    }
    if (batch.empty()) return;

    // The batch's other titles, in the same order by tconst, so one pass pairs them with their movies (each
    // belongs to a movie of the range: the foreign key).
    std::string aka_tconst, aka_title;
    BoundQuery akas;
    akas << "SELECT tconst, title FROM movie_aka WHERE tconst > ";
    akas.bind(after) << " AND tconst <= ";
    akas.bind(batch.back().tconst) << " ORDER BY tconst, region, title";
    Rows aka_rows = akas.run(store_, soci::into(aka_tconst), soci::into(aka_title));
    size_t owner = 0;
    while (aka_rows.fetch()) {
      while (owner < batch.size() && batch[owner].tconst != aka_tconst) ++owner;
      if (owner == batch.size()) break;
      batch[owner].other_titles.push_back(aka_title);
    }
    for (const auto& movie : batch) visit(movie);
    if (batch.size() < static_cast<size_t>(kBatch)) return;
    after = batch.back().tconst;
  }
}

void CatalogStore::for_each_title_of_year(std::optional<int> year,
                                          const std::function<void(const domain::Movie&)>& visit) {
  BoundQuery query;
  query << "SELECT tconst, primary_title, original_title, start_year, num_votes FROM movie WHERE ";
  if (year) {
    query << "start_year = " << *year;
  } else {
    query << "start_year IS NULL";
  }
  domain::Movie title;
  std::string original;
  int found_year = 0, votes = 0;
  soci::indicator original_set, year_set, votes_set;
  Rows rows = query.run(store_, soci::into(title.tconst), soci::into(title.primary_title),
                        soci::into(original, original_set), soci::into(found_year, year_set),
                        soci::into(votes, votes_set));
  while (rows.fetch()) {
    title.original_title = original_set == soci::i_ok ? original : std::string();
    title.start_year = optional_column(found_year, year_set);
    title.num_votes = optional_column(votes, votes_set);
    visit(title);
  }
}

std::vector<domain::Movie> CatalogStore::movies(const std::vector<std::string>& tconsts) {
  std::vector<domain::Movie> hits;
  if (tconsts.empty()) return hits;
  BoundQuery query;
  query
      << "SELECT tconst, primary_title, start_year, avg_rating, poster_path, poster_last_checked, num_votes, "
         "genres FROM movie WHERE tconst IN ";
  query.bind_list(tconsts);
  domain::Movie hit;
  int year = 0, votes = 0;
  double rating = 0;
  std::string poster, checked, genres;
  soci::indicator year_set, rating_set, poster_set, checked_set, votes_set, genres_set;
  Rows rows = query.run(store_, soci::into(hit.tconst), soci::into(hit.primary_title),
                        soci::into(year, year_set), soci::into(rating, rating_set),
                        soci::into(poster, poster_set), soci::into(checked, checked_set),
                        soci::into(votes, votes_set), soci::into(genres, genres_set));
  while (rows.fetch()) {
    hit.start_year = optional_column(year, year_set);
    hit.avg_rating = optional_column(rating, rating_set);
    hit.poster_path = optional_column(poster, poster_set);
    hit.poster_checked_at = timestamp_column(checked, checked_set);
    hit.num_votes = optional_column(votes, votes_set);
    hit.genres = optional_column(genres, genres_set);
    hits.push_back(hit);
  }
  return hits;
}

std::string CatalogStore::version() {
  return versions().catalog;
}

// Through the statement cache: every search reads it.
CatalogStore::Versions CatalogStore::versions() {
  BoundQuery query;
  query << "SELECT key, value FROM app_setting WHERE key IN ('catalog_version', 'poster_change')";
  std::string key, value;
  Rows rows = query.run(store_, soci::into(key), soci::into(value));
  Versions versions;
  while (rows.fetch()) {
    if (key == "catalog_version") {
      versions.catalog = value;
    } else {
      versions.poster_change = std::stoll(value);
    }
  }
  return versions;
}

void CatalogStore::mark_changed() {
  const std::string version = random_uuid4();
  sql() << "INSERT INTO app_setting (key, value) VALUES ('catalog_version', :version) "
           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      soci::use(version);
}

}  // namespace myvod::store
