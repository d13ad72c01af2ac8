#include <soci/soci.h>

#include "domain/text.hpp"
#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

std::optional<SuggestionBatch> SuggestionStore::latest_since(const std::string& user_id, Timestamp since) {
  const std::string since_text = to_db_string(since);
  SuggestionBatch batch;
  std::string generated, expires, prompt, response;
  soci::indicator prompt_set, response_set;
  sql() << "SELECT id, generated_at, expires_at, prompt, CAST(response AS TEXT) FROM ai_suggestion_batch "
           "WHERE user_id = :user_id AND generated_at >= :since ORDER BY generated_at DESC, id DESC LIMIT 1",
      soci::use(user_id), soci::use(since_text), soci::into(batch.id), soci::into(generated),
      soci::into(expires), soci::into(prompt, prompt_set), soci::into(response, response_set);
  if (!sql().got_data()) return std::nullopt;
  batch.generated_at = *parse_db_timestamp(generated);
  batch.expires_at = *parse_db_timestamp(expires);
  batch.prompt = optional_column(prompt, prompt_set).value_or("");
  batch.response_json = optional_column(response, response_set).value_or("null");
  return batch;
}

void SuggestionStore::insert(const std::string& user_id, const SuggestionBatch& batch) {
  const std::string generated = to_db_string(batch.generated_at);
  const std::string expires = to_db_string(batch.expires_at);
  const char* response = engine() == Engine::postgres ? "CAST(:response AS jsonb)" : ":response";
  sql() << std::string(
               "INSERT INTO ai_suggestion_batch (user_id, generated_at, expires_at, prompt, response) "
               "VALUES (:user_id, :generated, :expires, :prompt, ") +
               response + ")",
      soci::use(user_id), soci::use(generated), soci::use(expires), soci::use(batch.prompt),
      soci::use(batch.response_json);
}

std::vector<domain::TasteMovie> SuggestionStore::taste(const std::string& user_id, int limit) {
  BoundQuery query;
  query << "SELECT m.tconst, m.primary_title, m.start_year, m.genres, um.user_rating, "
           "CASE WHEN um.watched_at IS NULL THEN 0 ELSE 1 END FROM user_movie um JOIN movie m ON m.tconst = "
           "um.tconst "
           "WHERE um.user_id = ";
  query.bind(user_id)
      << " AND (um.watched_at IS NOT NULL OR (um.watchlisted_at IS NOT NULL AND "
         "um.watchlist_deleted_at IS NULL)) "
         "ORDER BY um.watched_at DESC NULLS FIRST, um.watchlisted_at DESC NULLS FIRST, um.id DESC "
         "LIMIT "
      << limit;
  domain::TasteMovie movie;
  int year = 0, rating = 0, watched = 0;
  std::string genres;
  soci::indicator year_set, genres_set, rating_set;
  Rows rows = query.run(store_, soci::into(movie.tconst), soci::into(movie.title), soci::into(year, year_set),
                        soci::into(genres, genres_set), soci::into(rating, rating_set), soci::into(watched));
  std::vector<domain::TasteMovie> movies;
  while (rows.fetch()) {
    movie.year = optional_column(year, year_set);
    movie.genres = genres_set == soci::i_ok ? domain::split_commas(genres) : std::vector<std::string>{};
    movie.user_rating = optional_column(rating, rating_set);
    movie.watched = watched != 0;
    movies.push_back(movie);
  }
  return movies;
}

std::set<std::string> SuggestionStore::watched(const std::string& user_id) {
  BoundQuery query;
  query << "SELECT tconst FROM user_movie WHERE watched_at IS NOT NULL AND user_id = ";
  query.bind(user_id);
  std::string tconst;
  Rows rows = query.run(store_, soci::into(tconst));
  std::set<std::string> watched;
  while (rows.fetch()) watched.insert(tconst);
  return watched;
}

std::vector<domain::Candidate> SuggestionStore::candidates(const std::string& user_id, int platform_id,
                                                           int limit) {
  BoundQuery query;
  query
      << "SELECT m.tconst, m.primary_title, m.start_year, m.genres, m.avg_rating, m.num_votes "
         "FROM movie_availability a JOIN movie m ON m.tconst = a.tconst "
         "WHERE a.is_available = TRUE AND a.platform_id = "
      << platform_id
      << " AND NOT EXISTS (SELECT 1 FROM user_movie w WHERE w.tconst = a.tconst AND w.watched_at IS NOT NULL "
         "AND w.user_id = ";
  query.bind(user_id)
      << ") ORDER BY m.num_votes DESC NULLS LAST, m.avg_rating DESC NULLS LAST, m.tconst LIMIT " << limit;
  domain::Candidate candidate;
  int year = 0, votes = 0;
  double rating = 0;
  std::string genres;
  soci::indicator year_set, genres_set, rating_set, votes_set;
  Rows rows =
      query.run(store_, soci::into(candidate.tconst), soci::into(candidate.title), soci::into(year, year_set),
                soci::into(genres, genres_set), soci::into(rating, rating_set), soci::into(votes, votes_set));
  std::vector<domain::Candidate> candidates;
  while (rows.fetch()) {
    candidate.year = optional_column(year, year_set);
    candidate.genres = genres_set == soci::i_ok ? domain::split_commas(genres) : std::vector<std::string>{};
    candidate.avg_rating = optional_column(rating, rating_set);
    candidate.num_votes = optional_column(votes, votes_set);
    candidates.push_back(candidate);
  }
  return candidates;
}

std::map<std::string, std::vector<int>> SuggestionStore::streaming_on(const std::vector<std::string>& tconsts,
                                                                      const std::vector<int>& platform_ids) {
  std::map<std::string, std::vector<int>> streaming;
  if (tconsts.empty() || platform_ids.empty()) return streaming;
  BoundQuery query;
  query
      << "SELECT tconst, platform_id FROM movie_availability WHERE is_available = TRUE AND platform_id IN (";
  for (size_t i = 0; i < platform_ids.size(); ++i) query << (i ? ", " : "") << platform_ids[i];
  query << ") AND tconst IN ";
  query.bind_list(tconsts) << " ORDER BY platform_id";
  std::string tconst;
  int platform_id = 0;
  Rows rows = query.run(store_, soci::into(tconst), soci::into(platform_id));
  while (rows.fetch()) streaming[tconst].push_back(platform_id);
  return streaming;
}

}  // namespace myvod::store
