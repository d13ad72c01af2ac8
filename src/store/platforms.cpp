#include <fmt/format.h>
#include <fmt/ranges.h>
#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

std::vector<domain::Platform> fetch_platforms(soci::session& sql, BoundQuery& query) {
  domain::Platform row;
  std::vector<domain::Platform> platforms;
  soci::statement rows = query.run(sql, soci::into(row.id), soci::into(row.slug), soci::into(row.name));
  while (rows.fetch()) platforms.push_back(row);
  return platforms;
}

}  // namespace

std::vector<domain::Platform> PlatformStore::list() {
  BoundQuery query;
  query << "SELECT id, platform_slug, platform_name FROM platform ORDER BY id";
  return fetch_platforms(sql(), query);
}

std::vector<domain::Platform> PlatformStore::of_user(const std::string& user_id) {
  BoundQuery query;
  query << "SELECT p.id, p.platform_slug, p.platform_name FROM user_platform up "
           "JOIN platform p ON p.id = up.platform_id WHERE up.user_id = ";
  query.bind(user_id) << " ORDER BY p.id";
  return fetch_platforms(sql(), query);
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
  int platform_id = 0;
  soci::statement insert =
      (sql().prepare << "INSERT INTO user_platform (user_id, platform_id) VALUES (:user_id, :platform_id) "
                        "ON CONFLICT (user_id, platform_id) DO NOTHING",
       soci::use(user_id), soci::use(platform_id));
  for (int id : platform_ids) {
    platform_id = id;
    insert.execute(true);
  }
}

}  // namespace myvod::store
