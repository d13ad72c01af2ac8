#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include "domain/text.hpp"
#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

std::vector<domain::Platform> fetch_platforms(Store& store, BoundQuery& query) {
  domain::Platform row;
  std::vector<domain::Platform> platforms;
  Rows rows = query.run(store, soci::into(row.id), soci::into(row.slug), soci::into(row.name));
  while (rows.fetch()) platforms.push_back(row);
  return platforms;
}

}  // namespace

std::vector<domain::Platform> PlatformStore::list() {
  BoundQuery query;
  query << "SELECT id, platform_slug, platform_name FROM platform ORDER BY id";
  return fetch_platforms(store_, query);
}

std::vector<domain::Platform> PlatformStore::of_user(const std::string& user_id) {
  BoundQuery query;
  query << "SELECT p.id, p.platform_slug, p.platform_name FROM user_platform up "
           "JOIN platform p ON p.id = up.platform_id WHERE up.user_id = ";
  query.bind(user_id) << " ORDER BY p.id";
  return fetch_platforms(store_, query);
}

void PlatformStore::replace_for_user(const std::string& user_id, const std::vector<int>& platform_ids) {
  if (platform_ids.empty()) {
    sql() << "DELETE FROM user_platform WHERE user_id = :user_id", soci::use(user_id);
    return;
  }
  // The ids are validated integers, so listing them in the statement is safe.
  sql() << fmt::format("DELETE FROM user_platform WHERE user_id = :user_id AND platform_id NOT IN ({})",
                       fmt::join(platform_ids, ", ")),
      soci::use(user_id);
  for (int id : platform_ids) {
    BoundQuery insert;
    insert << "INSERT INTO user_platform (user_id, platform_id) VALUES (";
    insert.bind(user_id) << ", " << id << ") ON CONFLICT (user_id, platform_id) DO NOTHING";
    insert.execute(store_);
  }
}

std::vector<domain::PlatformSource> PlatformStore::sources() {
  domain::PlatformSource row;
  long long watchmode_source_id = 0;
  std::string tmdb_provider_ids;
  soci::indicator watchmode_set = soci::i_ok, tmdb_set = soci::i_ok;
  BoundQuery query;
  query << "SELECT id, platform_slug, platform_name, watchmode_source_id, tmdb_provider_ids FROM platform "
           "ORDER BY id";
  Rows rows =
      query.run(store_, soci::into(row.id), soci::into(row.slug), soci::into(row.name),
                soci::into(watchmode_source_id, watchmode_set), soci::into(tmdb_provider_ids, tmdb_set));
  std::vector<domain::PlatformSource> sources;
  while (rows.fetch()) {
    row.watchmode_source_id = optional_column(watchmode_source_id, watchmode_set);
    row.tmdb_provider_ids.clear();
    if (tmdb_set == soci::i_ok) {
      for (const auto& id : domain::split_commas(tmdb_provider_ids))
        row.tmdb_provider_ids.push_back(std::stoll(id));
    }
    sources.push_back(row);
  }
  return sources;
}

namespace {

// The provider columns of a platform as bound values, NULL when absent.
struct ProviderColumns {
  explicit ProviderColumns(const domain::PlatformSource& platform)
      : watchmode(platform.watchmode_source_id.value_or(0)),
        watchmode_set(platform.watchmode_source_id ? soci::i_ok : soci::i_null),
        tmdb(fmt::format("{}", fmt::join(platform.tmdb_provider_ids, ","))),
        tmdb_set(platform.tmdb_provider_ids.empty() ? soci::i_null : soci::i_ok) {}
  long long watchmode;
  soci::indicator watchmode_set;
  std::string tmdb;
  soci::indicator tmdb_set;
};

}  // namespace

std::optional<int> PlatformStore::add(const domain::PlatformSource& platform) {
  ProviderColumns providers(platform);
  int id = 0;
  // The ids 1-5 were seeded explicitly, so PostgreSQL's identity never advanced: the next id is counted.
  // (WHERE TRUE keeps SQLite from reading ON CONFLICT as a join condition; the CAST types the parameter
  // that PostgreSQL would otherwise take for text.)
  sql() << "INSERT INTO platform (id, platform_slug, platform_name, watchmode_source_id, tmdb_provider_ids) "
           "SELECT COALESCE(MAX(id), 0) + 1, :slug, :name, CAST(:watchmode AS BIGINT), :tmdb FROM platform "
           "WHERE TRUE ON CONFLICT (platform_slug) DO NOTHING RETURNING id",
      soci::use(platform.slug), soci::use(platform.name),
      soci::use(providers.watchmode, providers.watchmode_set), soci::use(providers.tmdb, providers.tmdb_set),
      soci::into(id);
  if (!sql().got_data()) return std::nullopt;
  return id;
}

bool PlatformStore::update(const domain::PlatformSource& platform) {
  ProviderColumns providers(platform);
  BoundQuery update;
  update << "UPDATE platform SET platform_name = ";
  update.bind(platform.name) << ", watchmode_source_id = "
                             << (platform.watchmode_source_id ? std::to_string(*platform.watchmode_source_id)
                                                              : std::string("NULL"))
                             << ", tmdb_provider_ids = ";
  update.bind(providers.tmdb_set == soci::i_ok ? std::optional(providers.tmdb) : std::nullopt)
      << " WHERE platform_slug = ";
  update.bind(platform.slug);
  return update.execute(store_) > 0;
}

}  // namespace myvod::store
