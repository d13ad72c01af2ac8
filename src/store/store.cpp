#include "store/store.hpp"

#include <soci/soci.h>

#include <chrono>

#include "store/engine.hpp"

namespace myvod::store {

Store::Store(Engine engine, std::unique_ptr<soci::session> session,
             std::unique_ptr<StatementCache> statements, std::shared_ptr<std::timed_mutex> writers)
    : engine_(engine),
      session_(std::move(session)),
      statements_(std::move(statements)),
      writers_(std::move(writers)) {}
Store::~Store() = default;

soci::session& Aggregate::sql() const {
  return store_.sql();
}
Engine Aggregate::engine() const {
  return store_.engine();
}

void Store::ping() {
  *session_ << "SELECT 1";
}

void Store::copy_sqlite_database_into(const std::string& path) {
  if (engine_ != Engine::sqlite) throw std::logic_error("VACUUM INTO is SQLite's");
  sqlite::copy_database(*session_, path);
}

std::unique_ptr<Store> open_store(const DatabaseUrl& url) {
  if (url.engine == Engine::sqlite)
    return std::make_unique<Store>(Engine::sqlite, sqlite::connect(url.target),
                                   std::make_unique<sqlite::CompiledStatements>(),
                                   sqlite::writer_queue(url.target));
  return std::make_unique<Store>(
      Engine::postgres, postgres::connect(postgres_conninfo(url.target)),
      url.prepare_statements ? std::make_unique<postgres::PreparedStatements>() : nullptr);
}

void Store::execute_script(std::string_view script) {
  if (engine_ == Engine::sqlite)
    sqlite::execute_script(*session_, script);
  else
    postgres::execute_script(*session_, script);
}

void Store::begin() {
  if (writers_) {
    writing_ = std::unique_lock(*writers_, std::defer_lock);
    // A deadline on the system clock: try_lock_for's steady clock takes pthread_mutex_clocklock, which GCC
    // 12's ThreadSanitizer does not see, so it reported every release as of a mutex never taken. A clock step
    // can only lengthen or shorten this one wait.
    if (!writing_.try_lock_until(std::chrono::system_clock::now() + sqlite::kBusyTimeout))
      throw server_busy();
  }
  try {
    *session_ << (engine_ == Engine::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  } catch (...) {
    leave_writer_queue();
    throw;
  }
}
void Store::commit() {
  *session_ << "COMMIT";  // when it throws, transaction() rolls back, which leaves the queue
  leave_writer_queue();
}
void Store::rollback() {
  try {
    *session_ << "ROLLBACK";
  } catch (const soci::soci_error&) {
    // The transaction may already be gone with a broken connection; the original error matters more.
  }
  leave_writer_queue();
}
void Store::leave_writer_queue() {
  if (writing_.owns_lock()) writing_.unlock();
}

Error server_busy() {
  Error error = Error::detail(ErrorCode::unavailable, "The server is busy. Please try again in a moment.");
  error.retry_after_seconds = 1;
  return error;
}

}  // namespace myvod::store
