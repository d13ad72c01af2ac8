#include "store/migrations.hpp"

#include <soci/soci.h>

#include <charconv>
#include <stdexcept>

#include "common/resources.hpp"

namespace myvod::store {

namespace {

constexpr long long kMigrationLockId = 0x6d79766f64;  // "myvod"

struct Migration {
  int version;
  std::string name;
  std::string_view script;
};

std::vector<Migration> embedded_migrations(Engine engine) {
  const std::string folder = engine == Engine::sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  std::vector<Migration> migrations;
  for (const auto& resource : resources::under(folder)) {
    std::string_view file = resource.path.substr(folder.size());  // "0001_initial.sql"
    int version = 0;
    auto [end, error] = std::from_chars(file.data(), file.data() + file.size(), version);
    if (error != std::errc{} || *end != '_' || !file.ends_with(".sql")) {
      throw std::logic_error("badly named migration " + std::string(resource.path));
    }
    const size_t name_start = size_t(end - file.data()) + 1;
    migrations.push_back(
        {version, std::string(file.substr(name_start, file.size() - name_start - 4)), resource.text()});
  }
  return migrations;
}

// Migrations write the schema itself, so they reach the session like an aggregate does.
class SchemaStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  soci::session& session() const { return sql(); }
};

}  // namespace

std::vector<AppliedMigration> migrate(Store& store) {
  auto& sql = SchemaStore(store).session();
  // Each step holds the migration lock for its transaction only: a session-level lock would stay with
  // whichever server connection a transaction-mode pooler (PgBouncer) gave the statement that took it.
  const auto lock = [&] {
    if (store.engine() == Engine::postgres) sql << "SELECT pg_advisory_xact_lock(" << kMigrationLockId << ")";
  };
  store.transaction([&] {
    lock();
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
           "applied_at TEXT NOT NULL)";
  });
  std::vector<AppliedMigration> applied;
  for (const auto& migration : embedded_migrations(store.engine())) {
    store.transaction([&] {
      lock();
      int found = 0;
      sql << "SELECT 1 FROM schema_migrations WHERE version = :version", soci::use(migration.version),
          soci::into(found);
      if (sql.got_data()) return;
      store.execute_script(migration.script);
      const std::string applied_at = to_db_string(now_utc());
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :at)",
          soci::use(migration.version), soci::use(migration.name), soci::use(applied_at);
      applied.push_back({migration.version, migration.name});
    });
  }
  return applied;
}

}  // namespace myvod::store
