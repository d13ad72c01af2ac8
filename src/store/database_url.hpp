#pragma once

#include <string>
#include <string_view>

#include "common/expected.hpp"

namespace myvod::store {

enum class Engine { sqlite, postgres };

struct DatabaseUrl {
  Engine engine = Engine::sqlite;
  std::string target;  // SQLite file path, or the libpq connection URI
  // PostgreSQL: keep statements prepared on each connection. Off (MYVOD_PG_PREPARE=off) for a pooler that
  // hands one client's statements to several server connections, such as PgBouncer before 1.21 in
  // transaction mode.
  bool prepare_statements = true;

  // For logs: the URI without its password.
  std::string redacted() const;
};

// "sqlite:PATH" (also "sqlite://PATH") or "postgresql://user:pass@host:port/db" ("postgres://" too).
Expected<DatabaseUrl, std::string> parse_database_url(std::string_view url);

// "postgresql://u:p@h:5432/db?sslmode=require" -> "user='u' password='p' host='h' port='5432' dbname='db'
// sslmode='require'"
std::string postgres_conninfo(std::string_view uri);

}  // namespace myvod::store
