#pragma once
// What differs between the two engines below the SQL: opening a session, running a multi-statement
// script, classifying errors. Each engine's code lives in its own folder, because the SOCI SQLite header
// cannot share a translation unit with the raw sqlite3 API.

#include <soci/soci.h>

#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sqlite_api {  // where SOCI's SQLite backend puts the sqlite3 API
struct sqlite3_stmt;
}

namespace myvod::store {
// What one connection keeps of the statements it ran, by their text, so that running a text again skips
// compiling it (SQLite) or planning it (PostgreSQL). BoundQuery runs every statement through it:
// prepare() in place of soci::statement::prepare, executed() once the statement has run or failed,
// finished() when its rows are no longer read. A new connection starts with none.
class StatementCache {
 public:
  virtual ~StatementCache() = default;
  virtual void prepare(soci::session& session, soci::statement& statement, const std::string& text) = 0;
  virtual void executed(soci::statement& statement) = 0;
  virtual void finished(soci::statement& statement, const std::string& text) = 0;
};
}  // namespace myvod::store

namespace myvod::store::sqlite {
// SQLite's process-wide settings for connections that are each used by one thread at a time (a pool lends a
// connection whole): no mutex on a connection and its statements, which would guard nothing, and no memory
// statistics, which nothing reads and which take one global mutex on every allocation of every connection.
// connect() makes them; SQLite takes them only before its first connection in the process.
void configure_process();
std::unique_ptr<soci::session> connect(const std::string& path);
// How long a writer waits for the write lock (each connection's busy_timeout), and as long in the queue
// below.
inline constexpr std::chrono::seconds kBusyTimeout{10};
// This process's queue of writers to the database at `path`, one for each path: a transaction takes it
// before BEGIN IMMEDIATE, so the process's writers wait their turn on a mutex and each is woken as the one
// before it ends, instead of in SQLite's busy handler, which sleeps 1, 2, 5 ... up to 100 ms between looks
// at the write lock (the add/remove cycle's p99 in bench/README.md). Writers of other processes (an import)
// still meet this one at SQLite's lock, under the busy timeout.
std::shared_ptr<std::timed_mutex> writer_queue(const std::string& path);
void execute_script(soci::session& session, std::string_view script);
void copy_database(soci::session& session, const std::string& path);

// SQLite's compiled statements, kept idle by text between runs. Compiling the SQL text was the largest
// single cost of a watchlist request (bench/README.md, the callgrind profile). A statement is lent to one
// run at a time: a second run of the same text while the first still reads its rows compiles its own.
// A kept statement is reset and its values unbound, so it holds no read snapshot and no pointer into a
// finished request. Texts that splice numbers in (a page's offset, an IN list's length) vary without end,
// so only the kMaxIdle most recently used are kept: a client paging far cannot grow a connection's memory
// (a list page's statement takes ~15 KB, so at most ~4 MB a connection) nor push the hot texts out for good.
class CompiledStatements final : public StatementCache {
 public:
  CompiledStatements() = default;
  CompiledStatements(const CompiledStatements&) = delete;
  CompiledStatements& operator=(const CompiledStatements&) = delete;
  ~CompiledStatements() override;  // finalizes them: the connection cannot close while any is left

  void prepare(soci::session& session, soci::statement& statement, const std::string& text) override;
  void executed(soci::statement&) override {}
  void finished(soci::statement& statement, const std::string& text) override;

  static constexpr size_t kMaxIdle = 256;

 private:
  // Most recently used first; the keys of by_text_ view the texts held in idle_'s nodes, which stay put.
  std::list<std::pair<std::string, sqlite_api::sqlite3_stmt*>> idle_;
  std::unordered_map<std::string_view, decltype(idle_)::iterator> by_text_;
};
}  // namespace myvod::store::sqlite

namespace myvod::store::postgres {
std::unique_ptr<soci::session> connect(const std::string& uri);
void execute_script(soci::session& session, std::string_view script);
// Streams `rows` (COPY text format: tab-separated, "\N" for NULL, one row per line) through
// `copy_statement` ("COPY table (columns) FROM STDIN"); SOCI has no COPY, so this is raw libpq.
void copy_in(soci::session& session, const std::string& copy_statement, std::string_view rows);
// A serialization failure (40001) or a deadlock (40P01): the transaction lost a race and may simply run
// again.
bool lost_a_race(const std::exception& error);

// The statements one connection has prepared on its server, by their text. SOCI prepares a statement for
// one use only (PREPARE, EXECUTE and DEALLOCATE are three round trips; its one-time queries plan on every
// run); this keeps each text prepared for the connection's life, so a statement costs one round trip and
// no planning after its first run. A new connection starts with none, so a reconnect cannot refer to a
// statement its server never saw.
class PreparedStatements final : public StatementCache {
 public:
  // Prepares `statement` as SOCI's one-time query, then turns it into an execution of the text's prepared
  // statement, preparing that first when this connection has not yet.
  void prepare(soci::session& session, soci::statement& statement, const std::string& text) override;
  // SOCI would otherwise deallocate the server's statement with `statement`.
  void executed(soci::statement& statement) override;
  void finished(soci::statement&, const std::string&) override {}

  // Past this many texts (a caller that splices values into the text), statements stay one-time queries.
  static constexpr size_t kMaxStatements = 512;

 private:
  std::unordered_map<std::string, std::string> names_;  // text as sent ($1, $2, ...) -> statement name
};
}  // namespace myvod::store::postgres
