#pragma once
// What differs between the two engines below the SQL: opening a session, running a multi-statement
// script, classifying errors. Each engine's code lives in its own folder, because the SOCI SQLite header
// cannot share a translation unit with the raw sqlite3 API.

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace myvod::store::sqlite {
std::unique_ptr<soci::session> connect(const std::string& path);
void execute_script(soci::session& session, std::string_view script);
void copy_database(soci::session& session, const std::string& path);
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
class PreparedStatements {
 public:
  // Turns `statement`, which SOCI prepared as a one-time query, into an execution of the text's prepared
  // statement, preparing it first when this connection has not yet. Past kMaxStatements texts (a caller
  // that splices values into the text), statements stay one-time queries.
  void reuse(soci::session& session, soci::statement& statement);
  // To call once `statement` has run (or failed): SOCI would otherwise deallocate the statement with it.
  static void keep(soci::statement& statement);

  static constexpr size_t kMaxStatements = 512;

 private:
  std::unordered_map<std::string, std::string> names_;  // text as sent ($1, $2, ...) -> statement name
};
}  // namespace myvod::store::postgres
