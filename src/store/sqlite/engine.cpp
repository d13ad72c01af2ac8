#include "store/engine.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <stdexcept>
#include <string>
#include <unordered_map>

namespace myvod::store::sqlite {

void configure_process() {
  // Made once: should SQLite already be running, it refuses them and keeps its stricter defaults.
  static const bool configured = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  static_cast<void>(configured);
}

std::unique_ptr<soci::session> connect(const std::string& path) {
  configure_process();
  // timeout: SQLite's busy timeout, set before the first statement below can meet another writer's lock.
  auto session = std::make_unique<soci::session>(
      soci::sqlite3, "db=\"" + path + "\" timeout=" + std::to_string(kBusyTimeout.count()));
  // WAL lets readers run beside the single writer; foreign keys are off by default in SQLite
  // and must be turned on per connection.
  *session << "PRAGMA journal_mode = WAL";
  *session << "PRAGMA synchronous = NORMAL";
  *session << "PRAGMA foreign_keys = ON";
  return session;
}

std::shared_ptr<std::timed_mutex> writer_queue(const std::string& path) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::weak_ptr<std::timed_mutex>> queues;
  std::lock_guard lock(mutex);
  std::weak_ptr<std::timed_mutex>& queue = queues[path];
  auto shared = queue.lock();
  if (!shared) {
    shared = std::make_shared<std::timed_mutex>();
    queue = shared;
  }
  return shared;
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

CompiledStatements::~CompiledStatements() {
  for (const auto& [text, compiled] : idle_) sqlite_api::sqlite3_finalize(compiled);
}

void CompiledStatements::prepare(soci::session& session, soci::statement& statement,
                                 const std::string& text) {
  const auto kept = by_text_.find(text);
  if (kept == by_text_.end()) {
    statement.prepare(text, soci::details::st_one_time_query);
    return;
  }
  // What SOCI's prepare does but compiling: the statement is counted, and the backend runs the kept one.
  session.log_query(text);
  static_cast<soci::sqlite3_statement_backend*>(statement.get_backend())->stmt_ = kept->second->second;
  const auto node = kept->second;
  by_text_.erase(kept);
  idle_.erase(node);
}

void CompiledStatements::finished(soci::statement& statement, const std::string& text) {
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
  sqlite_api::sqlite3_stmt* compiled = backend->stmt_;
  // Left with SOCI, which finalizes it, when there is none or another run of the text was kept first.
  if (!compiled || by_text_.contains(text)) return;
  // The reset ends the statement's read (an idle statement must not hold a snapshot, which would keep the
  // WAL from being checkpointed); unbinding drops the pointers into this run's values, which SOCI frees.
  sqlite_api::sqlite3_reset(compiled);
  sqlite_api::sqlite3_clear_bindings(compiled);
  idle_.emplace_front(text, compiled);
  by_text_.emplace(idle_.front().first, idle_.begin());
  backend->stmt_ = nullptr;
  if (idle_.size() > kMaxIdle) {
    sqlite_api::sqlite3_finalize(idle_.back().second);
    by_text_.erase(idle_.back().first);
    idle_.pop_back();
  }
}

}  // namespace myvod::store::sqlite
