#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include <span>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

// Titles go into IN lists this many at a time: far below SQLite's limit on bound values, and large enough
// that a platform of 10,000 titles costs a few dozen statements.
constexpr size_t kChunk = 500;

template <class T, class Each>
void in_chunks(const std::vector<T>& items, Each each) {
  for (size_t start = 0; start < items.size(); start += kChunk)
    each(std::span<const T>(items).subspan(start, std::min(kChunk, items.size() - start)));
}

}  // namespace

std::vector<domain::StoredAvailability> AvailabilityStore::of_platform(int platform_id) {
  domain::StoredAvailability row;
  int is_available = 0;
  soci::indicator available_set = soci::i_ok;
  std::string checked;
  BoundQuery query;
  query << "SELECT tconst, is_available, last_checked FROM movie_availability WHERE platform_id = "
        << platform_id;
  Rows rows =
      query.run(store_, soci::into(row.tconst), soci::into(is_available, available_set), soci::into(checked));
  std::vector<domain::StoredAvailability> stored;
  while (rows.fetch()) {
    row.is_available = available_set == soci::i_ok ? std::optional<bool>(is_available != 0) : std::nullopt;
    row.last_checked = *timestamp_column(checked, soci::i_ok);
    stored.push_back(row);
  }
  return stored;
}

BoundQuery& AvailabilityStore::bind_timestamp(BoundQuery& query, const std::string& timestamp) {
  // PostgreSQL types a parameter in a SELECT list as text; the column wants a timestamp.
  if (engine() != Engine::postgres) return query.bind(timestamp);
  query << "CAST(";
  return query.bind(timestamp) << " AS timestamptz)";
}

AvailabilityWrite AvailabilityStore::apply(int platform_id, const domain::AvailabilityPlan& plan,
                                           const std::string& source,
                                           const std::optional<std::string>& provider_id_column,
                                           Timestamp now) {
  AvailabilityWrite result;
  const std::string now_text = to_db_string(now);

  in_chunks(plan.leaving, [&](std::span<const std::string> chunk) {
    BoundQuery query;
    query << "UPDATE movie_availability SET is_available = FALSE, last_checked = ";
    query.bind(now_text) << " WHERE platform_id = " << platform_id << " AND tconst IN ";
    query.bind_list(chunk);
    result.marked_unavailable += query.execute(store_);
  });

  // What is still available now is exactly what stayed.
  if (!plan.kept.empty()) {
    sql() << "UPDATE movie_availability SET last_checked = :now WHERE platform_id = :platform_id "
             "AND is_available = TRUE",
        soci::use(now_text), soci::use(platform_id);
  }

  // The insert only happens for movies in our catalog, so a title we do not know is counted, not failed.
  in_chunks(plan.arriving, [&](std::span<const domain::ListedTitle> chunk) {
    std::vector<std::string> tconsts;
    for (const auto& title : chunk) tconsts.push_back(title.tconst);
    BoundQuery upsert;
    upsert << "INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source) "
              "SELECT m.tconst, "
           << platform_id << ", TRUE, ";
    bind_timestamp(upsert, now_text) << ", ";
    upsert.bind(source) << " FROM movie m WHERE m.tconst IN ";
    upsert.bind_list(tconsts) << " ON CONFLICT (tconst, platform_id) DO UPDATE SET is_available = TRUE, "
                                 "last_checked = excluded.last_checked, source = excluded.source";
    const long long added = upsert.execute(store_);
    result.added += added;
    result.unmatched += static_cast<long long>(chunk.size()) - added;
    if (!provider_id_column) return;
    // The provider's ids are integers from its JSON, so they are written into the statement.
    BoundQuery remember;
    remember << "UPDATE movie SET " << *provider_id_column << " = CASE tconst";
    for (const auto& title : chunk) {
      remember << " WHEN ";
      remember.bind(title.tconst) << " THEN " << title.provider_id;
    }
    remember << " END WHERE " << *provider_id_column << " IS NULL AND tconst IN ";
    remember.bind_list(tconsts);
    remember.execute(store_);
  });

  // A title not in our catalog has no watchlist rows, so it notifies nobody without being filtered out.
  const auto& news = plan.newsworthy;
  in_chunks(
      news, [&](std::span<const std::string> chunk) {
        BoundQuery query;
        query << "INSERT INTO notification (user_id, tconst, platform_id, created_at) "
                 "SELECT um.user_id, um.tconst, "
              << platform_id << ", ";
        bind_timestamp(query, now_text)
            << " FROM user_movie um JOIN user_platform up ON up.user_id = um.user_id AND up.platform_id = "
            << platform_id
            << " WHERE um.watchlisted_at IS NOT NULL AND um.watchlist_deleted_at IS NULL AND um.tconst IN ";
        query.bind_list(chunk);
        result.notifications += query.execute(store_);
      });
  return result;
}

std::map<long long, std::string> AvailabilityStore::tconsts_of_tmdb_ids(
    const std::vector<long long>& tmdb_ids) {
  std::map<long long, std::string> tconsts;
  for (size_t start = 0; start < tmdb_ids.size(); start += kChunk) {
    const auto chunk = std::span(tmdb_ids).subspan(start, std::min(kChunk, tmdb_ids.size() - start));
    long long id = 0;
    std::string tconst;
    // The ids are integers from TMDB's JSON, so listing them in the statement is safe.
    BoundQuery query;
    query << fmt::format("SELECT tmdb_id, tconst FROM movie WHERE tmdb_id IN ({})", fmt::join(chunk, ", "));
    Rows rows = query.run(store_, soci::into(id), soci::into(tconst));
    while (rows.fetch()) tconsts.emplace(id, tconst);
  }
  return tconsts;
}

void AvailabilityStore::remember_tmdb_ids(const std::vector<std::pair<std::string, long long>>& ids) {
  if (ids.empty()) return;
  store_.transaction([&] {
    for (const auto& [tconst, tmdb_id] : ids) {
      BoundQuery update;
      update << "UPDATE movie SET tmdb_id = " << tmdb_id << " WHERE tconst = ";
      update.bind(tconst) << " AND tmdb_id IS NULL";
      update.execute(store_);
    }
  });
}

}  // namespace myvod::store
