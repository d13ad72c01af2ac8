#include "store/engine.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>

namespace myvod::store::sqlite {

std::unique_ptr<soci::session> connect(const std::string& path) {
  auto session = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + path + "\" timeout=10");
  // WAL lets readers run beside the single writer; foreign keys are off by default in SQLite
  // and must be turned on per connection.
  *session << "PRAGMA journal_mode = WAL";
  *session << "PRAGMA synchronous = NORMAL";
  *session << "PRAGMA foreign_keys = ON";
  *session << "PRAGMA busy_timeout = 10000";
  return session;
}

void execute_script(soci::session& session, std::string_view script) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  char* message = nullptr;
  const std::string text(script);
  if (sqlite_api::sqlite3_exec(backend->conn_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : "unknown error";
    sqlite_api::sqlite3_free(message);
    throw std::runtime_error("SQLite script failed: " + error);
  }
}

void copy_database(soci::session& session, const std::string& path) {
  session << "VACUUM INTO :path", soci::use(path);
  soci::session copy(soci::sqlite3, "db=\"" + path + "\"");
  std::string check;
  copy << "PRAGMA quick_check", soci::into(check);
  if (check != "ok") throw std::runtime_error("the copy fails SQLite's quick_check: " + check);
}

}  // namespace myvod::store::sqlite
